"""Action plan pages (LH §3.2, Annex 1): start a draft, file it in parts that save and resume,
check and submit it, and the public plan page, its history and its PDF. Views parse input, call
one selector or service, render; objects are loaded and their permission checked by
`object_permission_required` (404 for what the user may not see)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from actionplans import selectors, services, services_cocreation
from actionplans.forms import (
    PART_FORMS,
    ContributionForm,
    EndorsementForm,
    MeetingForm,
    MeetingWithdrawForm,
    PlanDatesForm,
)
from actionplans.models import STRATEGIC_VISION, ActionPlan, EndorsingStakeholder, Meeting
from actionplans.rules import can_edit_plan, can_file_evidence, can_record_co_creation
from actionplans.services_cocreation import meeting_regularity
from members.models import Coalition, Member
from ogplocal.accounts.permissions import object_permission_required
from ogplocal.documents.render import render_pdf
from ogplocal.documents.storage import document_response

# The parts of the filing, in order: (URL part, title). Annex 1's letters in the titles.
PARTS = (
    ("dates", gettext_lazy("A, B. Dates")),
    ("foreword", gettext_lazy("C. Foreword")),
    ("e", gettext_lazy("E. Strategic vision")),
    ("f", gettext_lazy("F. Engagement and coordination")),
    ("g", gettext_lazy("G. Monitoring")),
    ("endorsements", gettext_lazy("H. Endorsements")),
    ("documents", gettext_lazy("D, I. Documents and language")),
)
PART_NAMES = [name for name, _title in PARTS]


def _posted(request: HttpRequest, *, files: bool = False):
    if request.method != "POST":
        return None
    return request.FILES if files else request.POST


def _filing_context(plan: ActionPlan, request: HttpRequest) -> dict:
    """What every filing page shows beside its form: the parts, the term in force, and every rule
    the plan breaks today (shown, not blocking, until submission)."""
    terms = [term for term in services.terms_of(plan, as_of=request.as_of).values() if term]
    longest = max(terms, key=lambda term: term.ends_on) if terms else None
    return {
        "plan": plan,
        "parts": PARTS,
        "term": longest,
        "latest_end": services.latest_end_for_term(longest.ends_on) if longest else None,
        "violations": services.plan_violations(plan, as_of=request.as_of),
    }


# --- starting and filing ------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@object_permission_required(selectors.member_for_new_plan, "actionplans.add_actionplan")
def plan_start(request: HttpRequest, member: Member) -> HttpResponse:
    form = PlanDatesForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.start_plan(
                member,
                actor=request.user,
                starts_on=form.cleaned_data["starts_on"],
                ends_on=form.cleaned_data["ends_on"],
                as_of=request.as_of,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The draft plan was started. Fill its parts in any order."))
            return redirect("plans:part_foreword", plan_id=plan.pk)
    term = member.current_term
    return render(
        request,
        "actionplans/plan_start.html",
        {
            "member": member,
            "form": form,
            "term": term,
            "latest_end": services.latest_end_for_term(term.ends_on) if term else None,
        },
    )


@require_http_methods(["GET", "POST"])
@object_permission_required(selectors.coalition_for_new_plan, "actionplans.start_joint_plan")
def plan_start_joint(request: HttpRequest, coalition: Coalition) -> HttpResponse:
    """Start a joint plan of a coalition (LH §3.4), showing each jurisdiction's term."""
    form = PlanDatesForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.start_joint_plan(
                coalition,
                actor=request.user,
                starts_on=form.cleaned_data["starts_on"],
                ends_on=form.cleaned_data["ends_on"],
                as_of=request.as_of,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("The joint draft plan was started. Fill its parts in any order.")
            )
            return redirect("plans:part_foreword", plan_id=plan.pk)
    terms = []
    for member in coalition.members.all():
        known = [t for t in member.jurisdiction.terms.all() if t.recorded_on <= request.as_of]
        # As `term_on`: the record in force is the latest recorded by then (prefetched here).
        term = max(known, key=lambda t: (t.recorded_on, t.pk)) if known else None
        terms.append(
            {
                "jurisdiction": member.jurisdiction,
                "term": term,
                "latest_end": services.latest_end_for_term(term.ends_on) if term else None,
            }
        )
    return render(
        request,
        "actionplans/plan_start_joint.html",
        {"coalition": coalition, "form": form, "terms": terms},
    )


def part_url(plan_id: int, part: str) -> str:
    return reverse(f"plans:part_{part}", kwargs={"plan_id": plan_id})


def _edit_part(request: HttpRequest, plan: ActionPlan, part: str) -> HttpResponse:
    index = PART_NAMES.index(part)
    title = PARTS[index][1]
    next_part = PART_NAMES[index + 1] if index + 1 < len(PARTS) else None
    form_class = PART_FORMS[part]
    if form_class is None:  # the endorsements: a list and a form to add one
        form = EndorsementForm(_posted(request), prefix="endorsement")
        if request.method == "POST" and form.is_valid():
            try:
                services.add_endorsement(plan, actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The stakeholder was added."))
                return redirect(request.path)
    else:
        form = form_class(_posted(request), _posted(request, files=True), instance=plan)
        if request.method == "POST" and form.is_valid():
            try:
                services.save_plan_part(plan, part, form.cleaned_data, actor=request.user)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Saved. You can come back to it at any time."))
                if next_part and "save_next" in request.POST:
                    return redirect(part_url(plan.pk, next_part))
                return redirect(request.path)
        if request.method == "POST" and form.errors:
            # What was refused is not saved: read the plan again for the checks beside the form.
            plan = selectors.plan_page(plan_id=plan.pk, user=request.user)
    section = next((item for item in STRATEGIC_VISION if item.letter.lower() == part), None)
    return render(
        request,
        "actionplans/plan_edit.html",
        {
            **_filing_context(plan, request),
            "part": part,
            "title": title,
            "form": form,
            "section": section,
            "next_part": next_part,
        },
    )


def _part_view(part: str):
    @require_http_methods(["GET", "POST"])
    @object_permission_required(selectors.plan_page, "actionplans.change_actionplan")
    def view(request: HttpRequest, plan: ActionPlan) -> HttpResponse:
        return _edit_part(request, plan, part)

    view.__name__ = f"plan_part_{part}"
    return view


# One page per part: /plans/<id>/<part>/ (named plans:part_<part>).
PART_VIEWS = {part: _part_view(part) for part in PART_NAMES}


@require_POST
@object_permission_required(selectors.endorsement_for, "actionplans.delete_endorsingstakeholder")
def endorsement_remove(request: HttpRequest, endorsement: EndorsingStakeholder) -> HttpResponse:
    plan_id = endorsement.plan_id
    services.remove_endorsement(endorsement, actor=request.user)
    messages.success(request, _("The stakeholder was removed."))
    return redirect(part_url(plan_id, "endorsements"))


@require_http_methods(["GET", "POST"])
@object_permission_required(selectors.plan_page_with_co_creation, "actionplans.change_actionplan")
def plan_submit(request: HttpRequest, plan: ActionPlan) -> HttpResponse:
    refused = False
    if request.method == "POST":
        try:
            services.submit_plan(plan, actor=request.user, as_of=request.as_of)
        except ValidationError:
            refused = True
        else:
            messages.success(request, _("The action plan was submitted and published. Thank you."))
            return redirect("plans:detail", plan_id=plan.pk)
    return render(
        request,
        "actionplans/plan_submit.html",
        {
            **_filing_context(plan, request),
            "refused": refused,
            "regularity": meeting_regularity(plan, list(plan.meetings.all()), as_of=request.as_of),
        },
    )


# --- public -------------------------------------------------------------------------------------


def _vision(plan: ActionPlan) -> list[dict]:
    """Annex 1 sections E to G with each question's label and answer, for the page and the PDF."""
    return [
        {
            "letter": section.letter,
            "title": section.title,
            "questions": [
                {
                    "code": question.code,
                    "label": ActionPlan._meta.get_field(question.field).verbose_name,
                    "answer": getattr(plan, question.field),
                }
                for question in section.questions
            ],
        }
        for section in STRATEGIC_VISION
    ]


@require_GET
@object_permission_required(selectors.plan_detail_page, "actionplans.view_actionplan")
def plan_detail(request: HttpRequest, plan: ActionPlan) -> HttpResponse:
    can_edit = can_edit_plan(request.user, plan)
    return render(
        request,
        "actionplans/plan_detail.html",
        {
            "plan": plan,
            "vision": _vision(plan),
            "can_edit": can_edit,
            "parts": PARTS,
            "violations": services.plan_violations(plan, as_of=request.as_of) if can_edit else [],
            **_co_creation_context(request, plan),
            "repository": selectors.evidence_repository(
                list(plan.evidence.all()), list(plan.commitments.all())
            ),
            "can_file": can_file_evidence(request.user, plan),
            "meta_description": _(
                "%(plan)s, %(start)s to %(end)s: its vision, its commitments and milestones, its "
                "co-creation meetings and its evidence, on the OGP Local portal."
            )
            % {
                "plan": plan,
                "start": date_format(plan.starts_on, "DATE_FORMAT"),
                "end": date_format(plan.ends_on, "DATE_FORMAT"),
            },
            "og_title": str(plan),
        },
    )


@require_GET
@object_permission_required(selectors.plan_page, "actionplans.view_actionplan")
def plan_history(request: HttpRequest, plan: ActionPlan) -> HttpResponse:
    return render(request, "actionplans/plan_history.html", {"plan": plan})


@require_GET
@object_permission_required(selectors.plan_page, "actionplans.view_actionplan")
def plan_pdf(request: HttpRequest, plan: ActionPlan) -> HttpResponse:
    pdf = render_pdf(
        "documents/reports/action_plan.html",
        {"plan": plan, "vision": _vision(plan), "date": plan.submitted_on or request.as_of},
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    name = f"action-plan-{plan.pk}-v{plan.version}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _document_view(field: str, download_name: str):
    @require_GET
    @object_permission_required(selectors.plan_for, "actionplans.view_actionplan")
    def view(request: HttpRequest, plan: ActionPlan) -> HttpResponse:
        file = getattr(plan, field)
        if not file:
            raise Http404
        return document_response(file, download_name=f"{download_name}-{plan.pk}.pdf")

    view.__name__ = f"plan_{field}"
    return view


introduction_letter = _document_view("introduction_letter", "introduction-letter")
strategy_document = _document_view("strategy_document", "strategy")


# --- co-creation record (LH §3.3.1; National Handbook §2.1.d) -----------------------------------


def _co_creation_context(request: HttpRequest, plan: ActionPlan) -> dict:
    meetings = list(plan.meetings.all())
    return {
        "plan": plan,
        "meetings": meetings,
        "contributions": list(plan.contributions.all()),
        "regularity": meeting_regularity(plan, meetings, as_of=request.as_of),
        "can_record": can_record_co_creation(request.user, plan),
    }


@require_GET
@object_permission_required(selectors.plan_with_co_creation, "actionplans.view_actionplan")
def meetings(request: HttpRequest, plan: ActionPlan) -> HttpResponse:
    return render(
        request,
        "actionplans/meetings.html",
        {**_co_creation_context(request, plan), "withdraw_form": MeetingWithdrawForm()},
    )


@require_http_methods(["GET", "POST"])
@object_permission_required(selectors.plan_for, "actionplans.add_meeting")
def meeting_new(request: HttpRequest, plan: ActionPlan) -> HttpResponse:
    form = MeetingForm(_posted(request), _posted(request, files=True), as_of=request.as_of)
    if request.method == "POST" and form.is_valid():
        try:
            services_cocreation.record_meeting(
                plan, actor=request.user, as_of=request.as_of, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The meeting was recorded."))
            return redirect("plans:meetings", plan_id=plan.pk)
    return render(request, "actionplans/meeting_new.html", {"plan": plan, "form": form})


@require_POST
@object_permission_required(selectors.meeting_for, "actionplans.change_meeting")
def meeting_withdraw(request: HttpRequest, meeting: Meeting) -> HttpResponse:
    form = MeetingWithdrawForm(request.POST)
    if form.is_valid():
        try:
            services_cocreation.withdraw_meeting(
                meeting, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The meeting was withdrawn. Its record is kept."))
            return redirect("plans:meetings", plan_id=meeting.plan_id)
    plan = selectors.plan_with_co_creation(plan_id=meeting.plan_id, user=request.user)
    return render(
        request,
        "actionplans/meetings.html",
        {
            **_co_creation_context(request, plan),
            "withdraw_form": form,
            "withdrawing": meeting.pk,
        },
    )


def _meeting_document_view(field: str, download_name: str):
    @require_GET
    @object_permission_required(selectors.meeting_for, "actionplans.view_meeting")
    def view(request: HttpRequest, meeting: Meeting) -> HttpResponse:
        file = getattr(meeting, field)
        if not file:
            raise Http404
        return document_response(file, download_name=f"{download_name}-{meeting.pk}.pdf")

    view.__name__ = f"meeting_{field}"
    return view


meeting_agenda = _meeting_document_view("agenda", "meeting-agenda")
meeting_minutes = _meeting_document_view("minutes", "meeting-minutes")


@require_GET
@object_permission_required(selectors.plan_with_co_creation, "actionplans.view_actionplan")
def contributions(request: HttpRequest, plan: ActionPlan) -> HttpResponse:
    return render(request, "actionplans/contributions.html", _co_creation_context(request, plan))


@require_http_methods(["GET", "POST"])
@object_permission_required(selectors.plan_for, "actionplans.add_contribution")
def contribution_new(request: HttpRequest, plan: ActionPlan) -> HttpResponse:
    form = ContributionForm(_posted(request), as_of=request.as_of)
    if request.method == "POST" and form.is_valid():
        try:
            services_cocreation.record_contribution(
                plan, actor=request.user, as_of=request.as_of, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The contribution and its response were recorded."))
            return redirect("plans:contributions", plan_id=plan.pk)
    return render(request, "actionplans/contribution_new.html", {"plan": plan, "form": form})
