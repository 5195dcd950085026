"""Monitoring pages (LH §3.5): the reviewer's dashboard, the plan's page for its monitoring body,
the three assessment forms in parts that save, the comment period, publication and corrections,
the public assessment page and its PDF; the Support Unit's overview, requirement findings and
answer to a plan's choice of body. Views parse input, call one selector or service, render;
objects are loaded and their permission checked by `object_permission_required` (404 for what
the user may not see)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from actionplans.models import ActionPlan
from members.models import Member
from members.selectors import no_object
from monitoring import selectors, services
from monitoring.forms import (
    BodyEndorsementForm,
    BodyReviewForm,
    CommentForm,
    CorrectionForm,
    EvidenceForm,
    FindingForm,
    IntroductionForm,
    OpenCommentPeriodForm,
    PartForm,
    StartAssessmentForm,
    WithdrawEvidenceForm,
)
from monitoring.models import Assessment, AssessmentEvidence, CommentInvitation
from monitoring.rules import (
    can_comment_on_assessment,
    can_correct_assessment,
    can_edit_assessment,
    can_start_assessment,
)
from ogplocal.accounts.permissions import object_permission_required
from ogplocal.accounts.rules import is_support_unit
from ogplocal.documents.render import render_pdf
from ogplocal.documents.storage import document_response

PART_TITLES = {
    "requirements": _("Part 1: minimum requirements (LH §3.3.1)"),
    "practices": _("Part 1: recommended practices (LH §3.3.2)"),
    "commitments": _("Part 2: the initial commitments (LH §3.5.1)"),
    "results": _("Completion and early results (LH §3.5.2)"),
    "learning": _("The learning exercise (LH §3.5.3)"),
}
PART_NAMES = tuple(PART_TITLES)
# The Support Unit's overview lists every late assessment, what is due within this many days and
# the latest done; the rest is counted.
STAFF_HORIZON_DAYS = 90
STAFF_DONE_LIMIT = 20


def _posted(request: HttpRequest):
    return request.POST if request.method == "POST" else None


def _add_errors(form, error: ValidationError) -> None:
    """Put a service's errors on the form's fields, those of no field of the form on top."""
    if hasattr(error, "error_dict"):
        for field, entries in error.error_dict.items():
            form.add_error(field if field in form.fields else None, entries)
    else:
        form.add_error(None, error)


# --- dashboards ---------------------------------------------------------------------------------


@require_GET
@object_permission_required(no_object, "monitoring.reviewer_dashboard")
def dashboard(request: HttpRequest, _none=None) -> HttpResponse:
    plans = selectors.plans_reviewed_by(request.user)
    return render(
        request,
        "monitoring/dashboard.html",
        {
            "plans": plans,
            "groups": selectors.grouped(selectors.due_assessments(plans, as_of=request.as_of)),
        },
    )


@require_GET
@object_permission_required(no_object, "monitoring.staff_overview")
def staff_overview(request: HttpRequest, _none=None) -> HttpResponse:
    plans = selectors.submitted_plans()
    return render(
        request,
        "monitoring/staff.html",
        {
            "plans": plans,
            "groups": selectors.grouped(
                selectors.due_assessments(plans, as_of=request.as_of),
                as_of=request.as_of,
                horizon_days=STAFF_HORIZON_DAYS,
                done_limit=STAFF_DONE_LIMIT,
            ),
            "horizon_days": STAFF_HORIZON_DAYS,
            "findings": selectors.recent_findings(),
        },
    )


# --- the plan's page for its monitoring body ------------------------------------------------------


@require_GET
@object_permission_required(selectors.plan_for_review, "monitoring.review_plan")
def plan_review(request: HttpRequest, plan: ActionPlan) -> HttpResponse:
    # Each deadline with whether its assessment can be started today (LH §3.5.2, §3.5.3).
    rows = [
        (
            row,
            not services.start_violations(
                plan, row.kind, commitment=row.commitment, as_of=request.as_of
            ),
        )
        for row in selectors.due_assessments([plan], as_of=request.as_of)
    ]
    return render(
        request,
        "monitoring/plan_review.html",
        {
            "plan": plan,
            "rows": rows,
            "can_start": can_start_assessment(request.user, plan),
            "is_staff": is_support_unit(request.user),
            "review_form": BodyReviewForm(),
        },
    )


@require_POST
@object_permission_required(selectors.plan_for_assessment, "monitoring.start_assessment")
def assessment_start(request: HttpRequest, plan: ActionPlan) -> HttpResponse:
    form = StartAssessmentForm(request.POST)
    if form.is_valid():
        commitment = None
        if form.cleaned_data["commitment"]:
            commitment = plan.commitments.filter(pk=form.cleaned_data["commitment"]).first()
        try:
            assessment = services.start_assessment(
                plan,
                form.cleaned_data["kind"],
                commitment=commitment,
                actor=request.user,
                as_of=request.as_of,
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            first = services.PARTS[assessment.kind][0]
            return redirect(f"monitoring:part_{first}", assessment_id=assessment.pk)
    else:
        messages.error(request, _("Choose one of the three assessments."))
    return redirect("monitoring:plan", plan_id=plan.pk)


@require_POST
@object_permission_required(selectors.plan_for_assessment, "monitoring.review_body_assignment")
def body_review(request: HttpRequest, plan: ActionPlan) -> HttpResponse:
    form = BodyReviewForm(request.POST)
    if form.is_valid():
        try:
            services.review_body_assignment(
                plan,
                decision=form.cleaned_data["decision"],
                reasons=form.cleaned_data["reasons"],
                actor=request.user,
                as_of=request.as_of,
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Your answer on the monitoring body is recorded."))
    return redirect("monitoring:plan", plan_id=plan.pk)


@require_http_methods(["GET", "POST"])
@object_permission_required(selectors.plan_for_assessment, "monitoring.record_body_endorsement")
def body_endorsement(request: HttpRequest, plan: ActionPlan) -> HttpResponse:
    stakeholders = list(plan.endorsements.order_by("organization_name"))
    form = BodyEndorsementForm(stakeholders, _posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.record_body_endorsement(
                plan,
                stakeholder=form.stakeholders.get(form.cleaned_data["stakeholder"]),
                actor=request.user,
                as_of=request.as_of,
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The endorsement of the monitoring body is recorded."))
            return redirect(request.path)
    return render(
        request,
        "monitoring/body_endorsement.html",
        {
            "plan": plan,
            "form": form,
            "endorsements": list(plan.body_endorsements.select_related("stakeholder", "body")),
        },
    )


# --- filing an assessment -----------------------------------------------------------------------


def _part_view(part: str):
    @require_http_methods(["GET", "POST"])
    @object_permission_required(selectors.assessment_page, "monitoring.change_assessment")
    def view(request: HttpRequest, assessment: Assessment) -> HttpResponse:
        parts = services.PARTS[assessment.kind]
        if part not in parts:
            raise Http404
        form = PartForm(assessment, part, _posted(request))
        if request.method == "POST" and form.is_valid():
            try:
                services.save_assessment_part(assessment, part, form.values(), actor=request.user)
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, _("Saved. You can come back to it at any time."))
                index = parts.index(part)
                if "save_next" in request.POST and index + 1 < len(parts):
                    return redirect(
                        f"monitoring:part_{parts[index + 1]}", assessment_id=assessment.pk
                    )
                return redirect(request.path)
        return render(
            request,
            "monitoring/assessment_part.html",
            {
                "assessment": assessment,
                "part": part,
                "title": PART_TITLES[part],
                "parts": [(name, PART_TITLES[name]) for name in parts],
                "form": form,
                "is_last": part == parts[-1],
            },
        )

    view.__name__ = f"assessment_part_{part}"
    return view


PART_VIEWS = {part: _part_view(part) for part in PART_NAMES}


@require_http_methods(["GET", "POST"])
@object_permission_required(selectors.assessment_page, "monitoring.change_assessment")
def comment_period_open(request: HttpRequest, assessment: Assessment) -> HttpResponse:
    form = OpenCommentPeriodForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.open_comment_period(
                assessment,
                ends_on=form.cleaned_data["ends_on"],
                actor=request.user,
                as_of=request.as_of,
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request,
                _("The comment period is open. The government and the stakeholders are invited."),
            )
            return redirect("monitoring:assessment", assessment_id=assessment.pk)
    return render(
        request,
        "monitoring/comment_period_open.html",
        {
            "assessment": assessment,
            "form": form,
            "invitees": services.invitees(assessment, as_of=request.as_of),
            "min_days": services.MIN_COMMENT_DAYS,
            "missing": services.missing_answers(assessment),
        },
    )


@require_POST
@object_permission_required(selectors.assessment_page, "monitoring.change_assessment")
def publish(request: HttpRequest, assessment: Assessment) -> HttpResponse:
    try:
        services.publish_assessment(assessment, actor=request.user, as_of=request.as_of)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The assessment is published."))
    return redirect("monitoring:assessment", assessment_id=assessment.pk)


@require_http_methods(["GET", "POST"])
@object_permission_required(selectors.assessment_page, "monitoring.correct_assessment")
def correct(request: HttpRequest, assessment: Assessment) -> HttpResponse:
    form = CorrectionForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            correction = services.start_correction(
                assessment,
                reason=form.cleaned_data["reason"],
                actor=request.user,
                as_of=request.as_of,
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("A new version was started from the published one."))
            first = services.PARTS[correction.kind][0]
            return redirect(f"monitoring:part_{first}", assessment_id=correction.pk)
    return render(request, "monitoring/correction.html", {"assessment": assessment, "form": form})


# --- comments -----------------------------------------------------------------------------------


def _comment(request: HttpRequest, assessment: Assessment, invitation=None) -> HttpResponse:
    form = CommentForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.add_comment(
                assessment,
                body=form.cleaned_data["body"],
                actor=request.user if invitation is None else None,
                invitation=invitation,
                as_of=request.as_of,
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Thank you: your comment was sent to the monitoring body."))
            return redirect(request.path)
    return render(
        request,
        "monitoring/comment.html",
        {
            "assessment": assessment,
            "invitation": invitation,
            "form": form,
            "is_open": assessment.state == "comment_period"
            and not assessment.comment_period_closed(request.as_of),
        },
    )


@require_http_methods(["GET", "POST"])
@object_permission_required(selectors.assessment_page, "monitoring.comment_on_assessment")
def comment(request: HttpRequest, assessment: Assessment) -> HttpResponse:
    return _comment(request, assessment)


@require_http_methods(["GET", "POST"])
@object_permission_required(selectors.invitation_by_token, "monitoring.view_commentinvitation")
def comment_by_invitation(request: HttpRequest, invitation: CommentInvitation) -> HttpResponse:
    return _comment(request, invitation.assessment, invitation)


# --- reading ------------------------------------------------------------------------------------


@require_GET
@object_permission_required(selectors.assessment_page, "monitoring.view_assessment")
def assessment_detail(request: HttpRequest, assessment: Assessment) -> HttpResponse:
    user = request.user
    return render(
        request,
        "monitoring/assessment_detail.html",
        {
            "assessment": assessment,
            "versions": selectors.versions_of(assessment),
            "can_edit": can_edit_assessment(user, assessment),
            "can_correct": can_correct_assessment(user, assessment),
            "can_comment": can_comment_on_assessment(user, assessment),
            "sees_comments": can_edit_assessment(user, assessment)
            or is_support_unit(user)
            or assessment.is_published,
            "parts": [(name, PART_TITLES[name]) for name in services.PARTS[assessment.kind]],
            "closed": assessment.comment_period_closed(request.as_of),
        },
    )


@require_GET
@object_permission_required(selectors.assessment_page, "monitoring.view_assessment")
def assessment_pdf(request: HttpRequest, assessment: Assessment) -> HttpResponse:
    pdf = render_pdf(
        "monitoring/assessment_pdf.html",
        {"assessment": assessment, "date": assessment.published_on or request.as_of},
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    name = f"assessment-{assessment.pk}-v{assessment.version}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


# --- requirement findings (staff) ---------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@object_permission_required(selectors.member_for_finding, "monitoring.record_finding")
def finding_new(request: HttpRequest, member: Member) -> HttpResponse:
    assessments = selectors.published_assessments_of_member(member)
    form = FindingForm(assessments, _posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.record_finding(
                member,
                met={"yes": True, "no": False}.get(data["met"]),
                reasons=data["reasons"],
                evidence=data["evidence"],
                assessment=form.assessments.get(data["assessment"]),
                actor=request.user,
                as_of=request.as_of,
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The finding is recorded."))
            return redirect("members:detail", slug=member.jurisdiction.slug)
    return render(
        request,
        "monitoring/finding_form.html",
        {"member": member, "form": form, "findings": selectors.findings_of_member(member)},
    )


# --- evidence of an assessment ------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@object_permission_required(selectors.assessment_page, "monitoring.change_assessment")
def evidence(request: HttpRequest, assessment: Assessment) -> HttpResponse:
    form = EvidenceForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.add_evidence(
                assessment,
                title=data["title"],
                file=data["file"],
                link=data["link"],
                actor=request.user,
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The evidence is added to the assessment."))
            return redirect(request.path)
    return render(
        request,
        "monitoring/evidence.html",
        {"assessment": assessment, "form": form, "withdraw_form": WithdrawEvidenceForm()},
    )


@require_POST
@object_permission_required(selectors.evidence_for, "monitoring.change_assessmentevidence")
def evidence_withdraw(request: HttpRequest, evidence: AssessmentEvidence) -> HttpResponse:
    form = WithdrawEvidenceForm(request.POST)
    form.is_valid()
    try:
        services.withdraw_evidence(
            evidence, reason=form.cleaned_data.get("reason", ""), actor=request.user
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The evidence is withdrawn; it stays listed as withdrawn."))
    return redirect("monitoring:evidence", assessment_id=evidence.assessment_id)


@require_GET
@object_permission_required(selectors.evidence_for, "monitoring.view_assessmentevidence")
def evidence_download(request: HttpRequest, evidence: AssessmentEvidence) -> HttpResponse:
    if not evidence.file:
        raise Http404
    return document_response(evidence.file, download_name=evidence.download_name)


# --- the pool of trained reviewers (staff) ------------------------------------------------------


@require_GET
@object_permission_required(no_object, "monitoring.reviewer_pool")
def reviewer_pool(request: HttpRequest, _none=None) -> HttpResponse:
    return render(
        request,
        "monitoring/reviewer_pool.html",
        {
            "reviewers": selectors.reviewer_pool(),
            "introductions": selectors.recent_introductions(),
        },
    )


@require_http_methods(["GET", "POST"])
@object_permission_required(selectors.member_for_finding, "monitoring.introduce_reviewers")
def introduce_reviewers(request: HttpRequest, member: Member) -> HttpResponse:
    form = IntroductionForm(selectors.available_reviewers(), _posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.introduce_reviewers(
                member,
                reviewers=form.chosen(),
                note=form.cleaned_data["note"],
                actor=request.user,
                as_of=request.as_of,
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request, _("The introduction is recorded; the points of contact see it.")
            )
            return redirect("members:detail", slug=member.jurisdiction.slug)
    return render(
        request,
        "monitoring/introduce_reviewers.html",
        {
            "member": member,
            "form": form,
            "introductions": selectors.introductions_to_member(member),
        },
    )
