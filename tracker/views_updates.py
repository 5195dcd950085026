"""Pages of quarterly tracker updates and voluntary inactivity (H3, issue 21). Views parse input,
load their object through `object_permission_required` (404 for what the user may not see), call
one service or selector, and render."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from commitments.models import Commitment
from members import selectors as member_selectors
from members.models import Member
from ogplocal.accounts.permissions import object_permission_required
from ogplocal.documents.storage import document_response
from tracker import selectors_updates as selectors
from tracker import services_inactivity, services_updates
from tracker.forms_updates import (
    UpdateForm,
    VoluntaryDecisionForm,
    VoluntaryEndForm,
    VoluntaryRequestForm,
)
from tracker.models import Evidence, TrackerUpdate, VoluntaryInactivity


def _posted(request: HttpRequest, *, files: bool = False):
    if request.method != "POST":
        return None
    return request.FILES if files else request.POST


@require_http_methods(["GET", "POST"])
@object_permission_required(selectors.commitment_for_update, "tracker.file_update")
def update_new(request: HttpRequest, commitment: Commitment) -> HttpResponse:
    as_of = request.as_of
    first_day = services_updates.quarter_starts_on(as_of)
    existing = TrackerUpdate.objects.filter(
        commitment=commitment, quarter_starts_on=first_day
    ).first()
    form = UpdateForm(_posted(request), _posted(request, files=True), commitment=commitment)
    blocked = services_updates.commitment_open_violation(commitment, as_of=as_of)
    if request.method == "POST" and existing is None and form.is_valid():
        try:
            services_updates.file_update(
                commitment, actor=request.user, as_of=as_of, **form.service_values()
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The update was filed. It is public."))
            return redirect("tracker:updates", commitment_id=commitment.pk)
    return render(
        request,
        "tracker/updates/form.html",
        {
            "commitment": commitment,
            "form": form,
            "existing": existing,
            "blocked": blocked,
            "quarter": selectors.current_quarter(selectors.owner_member(commitment), as_of=as_of),
        },
    )


@require_http_methods(["GET", "POST"])
@object_permission_required(selectors.update_for, "tracker.file_update")
def update_correct(request: HttpRequest, update: TrackerUpdate) -> HttpResponse:
    commitment = update.commitment
    latest = update.versions.all()[0]
    form = UpdateForm(
        _posted(request),
        _posted(request, files=True),
        commitment=commitment,
        correction=True,
        previous=latest,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services_updates.correct_update(
                update, actor=request.user, as_of=request.as_of, **form.service_values()
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The correction was filed; the earlier version is kept."))
            return redirect("tracker:updates", commitment_id=commitment.pk)
    return render(
        request,
        "tracker/updates/form.html",
        {"commitment": commitment, "form": form, "update": update, "latest": latest},
    )


@require_GET
@object_permission_required(selectors.commitment_with_updates, "tracker.view_trackerupdate")
def update_history(request: HttpRequest, commitment: Commitment) -> HttpResponse:
    updates = selectors.with_comments(list(commitment.tracker_updates.all()))
    first_day = services_updates.quarter_starts_on(request.as_of)
    return render(
        request,
        "tracker/updates/history.html",
        {
            "commitment": commitment,
            "updates": updates,
            "this_quarter": next((u for u in updates if u.quarter_starts_on == first_day), None),
            "blocked": services_updates.commitment_open_violation(commitment, as_of=request.as_of),
        },
    )


@require_GET
@object_permission_required(selectors.evidence_for, "tracker.view_evidence")
def evidence_download(request: HttpRequest, evidence: Evidence) -> HttpResponse:
    return document_response(evidence.file, download_name=evidence.download_name)


# --- voluntary inactivity -----------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@object_permission_required(member_selectors.member_by_slug, "tracker.add_voluntaryinactivity")
def inactivity_new(request: HttpRequest, member: Member) -> HttpResponse:
    form = VoluntaryRequestForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services_inactivity.request_voluntary_inactivity(
                member, actor=request.user, as_of=request.as_of, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("The request was sent. The Support Unit will grant or refuse it.")
            )
            return redirect("members:detail", slug=member.slug)
    return render(request, "tracker/inactivity/request.html", {"member": member, "form": form})


@require_GET
@object_permission_required(member_selectors.no_object, "tracker.review_voluntary_inactivity")
def inactivity_queue(request: HttpRequest, _none=None) -> HttpResponse:
    return render(
        request,
        "tracker/inactivity/queue.html",
        {"pending": selectors.pending_requests(), "decided": selectors.decided_requests()},
    )


@require_http_methods(["GET", "POST"])
@object_permission_required(selectors.voluntary_request_for, "tracker.change_voluntaryinactivity")
def inactivity_decide(request: HttpRequest, voluntary: VoluntaryInactivity) -> HttpResponse:
    form = VoluntaryDecisionForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services_inactivity.decide_voluntary_inactivity(
                voluntary,
                actor=request.user,
                as_of=request.as_of,
                grant=form.cleaned_data["decision"] == "grant",
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The decision was recorded."))
            return redirect("tracker:inactivity_queue")
    return render(request, "tracker/inactivity/decide.html", {"voluntary": voluntary, "form": form})


@require_http_methods(["GET", "POST"])
@object_permission_required(selectors.voluntary_period_for, "tracker.end_voluntary_inactivity")
def inactivity_end(request: HttpRequest, voluntary: VoluntaryInactivity) -> HttpResponse:
    """H2 (issue 21): a point of contact of the member or the Support Unit ends a granted period
    on a day (a new record; the period keeps the dates it was granted with)."""
    form = VoluntaryEndForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services_inactivity.end_voluntary_inactivity(
                voluntary, actor=request.user, as_of=request.as_of, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("The end of the period was recorded. The daily job takes it into account."),
            )
            return redirect("members:detail", slug=voluntary.member.slug)
    return render(
        request,
        "tracker/inactivity/end.html",
        {"voluntary": voluntary, "form": form, "can_end": selectors.can_be_ended(voluntary)},
    )
