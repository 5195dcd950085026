"""Commitment pages (LH Annex 2): filed within a plan's draft, with their milestones; public once
the plan is submitted. Views parse input, call one service or selector, render."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from actionplans import selectors as plan_selectors
from actionplans.models import ActionPlan
from actionplans.rules import can_edit_plan, can_file_evidence
from commitments import selectors, selectors_changes, services, services_changes
from commitments.forms import CommitmentForm, MilestoneForm
from commitments.forms_changes import ChangeNoticeForm, MilestoneRowFormSet, milestone_rows
from commitments.models import ChangeKind, Commitment, Milestone
from commitments.progress import progress_chart
from commitments.rules import may_propose_change
from commitments.services import MILESTONE_FIELDS
from members.selectors import no_object
from ogplocal.accounts.permissions import object_permission_required
from tracker.selectors_updates import commitment_with_updates


def _posted(request: HttpRequest):
    return request.POST if request.method == "POST" else None


def _commitment_form_page(
    request: HttpRequest, plan: ActionPlan, commitment: Commitment | None
) -> HttpResponse:
    form = CommitmentForm(_posted(request), instance=commitment or Commitment(plan=plan))
    if request.method == "POST" and form.is_valid():
        try:
            if commitment is None:
                commitment = services.add_commitment(
                    plan, form.cleaned_data, actor=request.user, as_of=request.as_of
                )
                messages.success(request, _("The commitment was added. Add its milestones."))
            else:
                services.save_commitment(
                    commitment, form.cleaned_data, actor=request.user, as_of=request.as_of
                )
                messages.success(request, _("The commitment was saved."))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("commitments:detail", commitment_id=commitment.pk)
    return render(
        request,
        "commitments/commitment_form.html",
        {"plan": plan, "commitment": commitment, "form": form},
    )


@require_http_methods(["GET", "POST"])
@object_permission_required(plan_selectors.plan_for, "actionplans.change_actionplan")
def commitment_new(request: HttpRequest, plan: ActionPlan) -> HttpResponse:
    return _commitment_form_page(request, plan, None)


@require_http_methods(["GET", "POST"])
@object_permission_required(selectors.commitment_for, "commitments.change_commitment")
def commitment_edit(request: HttpRequest, commitment: Commitment) -> HttpResponse:
    return _commitment_form_page(request, commitment.plan, commitment)


@require_GET
@object_permission_required(selectors.commitment_page, "commitments.view_commitment")
def commitment_detail(request: HttpRequest, commitment: Commitment) -> HttpResponse:
    return render(
        request,
        "commitments/commitment_detail.html",
        {
            "commitment": commitment,
            "plan": commitment.plan,
            "can_edit": can_edit_plan(request.user, commitment.plan),
            "can_propose_change": commitment.submitted_on is not None
            and commitment.removed_on is None
            and request.as_of <= services_changes.change_window_ends(commitment)
            and may_propose_change(request.user, commitment),
            "version_changes": selectors_changes.version_changes(commitment),
            "evidence": plan_selectors.evidence_repository(
                plan_selectors.evidence_of_commitment(commitment), [commitment]
            ),
            "can_file": can_file_evidence(request.user, commitment.plan),
            "progress": None if commitment.plan.is_draft else _progress(request, commitment),
            "assessments": None if commitment.plan.is_draft else _assessments(commitment),
            "meta_description": _(
                "Commitment %(number)s of %(plan)s: %(title)s. Its milestones, its progress "
                "expected and reported, its evidence and its assessments."
            )
            % {"number": commitment.number, "plan": commitment.plan, "title": commitment.title},
            "og_title": commitment.title,
        },
    )


def _assessments(commitment: Commitment) -> list:
    """The published assessments of this commitment (end of commitment) and of its whole plan
    (inception, final learning exercise), read through the open data's public selector."""
    from django.db.models import Q

    from ogplocal.opendata.selectors import public_assessments

    return list(
        public_assessments()
        .filter(Q(commitment=commitment) | Q(plan=commitment.plan_id, commitment__isnull=True))
        .order_by("published_on", "pk")
    )


def _progress(request: HttpRequest, commitment: Commitment):
    """Expected against reported progress (issue 22), the updates read through the tracker's
    selector (a fixed number of queries)."""
    updates = commitment_with_updates(commitment_id=commitment.pk, user=request.user)
    return progress_chart(
        commitment,
        list(commitment.milestones.all()),
        list(updates.tracker_updates.all()),
        as_of=request.as_of,
    )


@require_POST
@object_permission_required(selectors.commitment_for, "commitments.delete_commitment")
def commitment_remove(request: HttpRequest, commitment: Commitment) -> HttpResponse:
    plan_id = commitment.plan_id
    services.remove_commitment(commitment, actor=request.user)
    messages.success(request, _("The commitment was removed."))
    return redirect("plans:detail", plan_id=plan_id)


def _milestone_form_page(
    request: HttpRequest, commitment: Commitment, milestone: Milestone | None
) -> HttpResponse:
    form = MilestoneForm(_posted(request), instance=milestone)
    if request.method == "POST" and form.is_valid():
        try:
            if milestone is None:
                services.add_milestone(commitment, form.cleaned_data, actor=request.user)
                messages.success(request, _("The milestone was added."))
            else:
                services.save_milestone(milestone, form.cleaned_data, actor=request.user)
                messages.success(request, _("The milestone was saved."))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("commitments:detail", commitment_id=commitment.pk)
    return render(
        request,
        "commitments/milestone_form.html",
        {"commitment": commitment, "plan": commitment.plan, "milestone": milestone, "form": form},
    )


@require_http_methods(["GET", "POST"])
@object_permission_required(selectors.commitment_for, "commitments.change_commitment")
def milestone_new(request: HttpRequest, commitment: Commitment) -> HttpResponse:
    return _milestone_form_page(request, commitment, None)


@require_http_methods(["GET", "POST"])
@object_permission_required(selectors.milestone_for, "commitments.change_milestone")
def milestone_edit(request: HttpRequest, milestone: Milestone) -> HttpResponse:
    return _milestone_form_page(request, milestone.commitment, milestone)


@require_POST
@object_permission_required(selectors.milestone_for, "commitments.delete_milestone")
def milestone_remove(request: HttpRequest, milestone: Milestone) -> HttpResponse:
    commitment_id = milestone.commitment_id
    services.remove_milestone(milestone, actor=request.user)
    messages.success(request, _("The milestone was removed."))
    return redirect("commitments:detail", commitment_id=commitment_id)


# --- changes to a submitted commitment (LH §3.2.1.3) -----------------------------------------


@require_http_methods(["GET", "POST"])
@object_permission_required(selectors.commitment_page, "commitments.propose_change")
def change_new(request: HttpRequest, commitment: Commitment) -> HttpResponse:
    posted = _posted(request)
    record = ChangeNoticeForm(posted, initial={"kind": ChangeKind.OTHER})
    form = CommitmentForm(posted, instance=commitment, prefix="commitment")
    milestones = MilestoneRowFormSet(
        posted,
        prefix="milestones",
        initial=[
            {name: getattr(milestone, name) for name in MILESTONE_FIELDS}
            for milestone in commitment.milestones.all()
        ],
    )
    if request.method == "POST" and record.is_valid():
        removal = record.cleaned_data["kind"] == ChangeKind.REMOVE
        if removal or (form.is_valid() and milestones.is_valid()):
            data = (
                {} if removal else {**form.cleaned_data, "milestones": milestone_rows(milestones)}
            )
            try:
                services_changes.propose_change(
                    commitment,
                    record.cleaned_data["kind"],
                    data,
                    record.cleaned_data["consulted"],
                    record.cleaned_data["decision_process"],
                    actor=request.user,
                    as_of=request.as_of,
                    description=record.cleaned_data["description"],
                )
            except ValidationError as error:
                record.add_error(None, error)
            else:
                messages.success(
                    request,
                    _("The change was recorded and communicated to the Support Unit."),
                )
                return redirect("commitments:detail", commitment_id=commitment.pk)
    return render(
        request,
        "commitments/change_form.html",
        {
            "commitment": commitment,
            "plan": commitment.plan,
            "record": record,
            "form": form,
            "milestones": milestones,
            "window_ends": services_changes.change_window_ends(commitment),
        },
    )


@require_GET
@object_permission_required(no_object, "commitments.review_changes")
def change_list(request: HttpRequest, _none=None) -> HttpResponse:
    return render(
        request,
        "commitments/change_list.html",
        {"notices": selectors_changes.recent_change_notices()},
    )
