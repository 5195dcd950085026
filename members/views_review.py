"""Review by the selection committee (LH §1.2): the queue of a call, the review page with the 8
points side by side, declaring a conflict, the committee, the cohort view, shortlisting.

Views parse input, call one selector or service, render; the object of a page is loaded and its
permission checked by `object_permission_required` (404 for a recused person, even staff)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from members import selectors_review as selectors
from members import services_review as services
from members.filters_review import ReviewQueueFilterSet
from members.forms_review import ConflictForm, InviteForm, ReviewForm, ShortlistForm
from members.models import Application, Call
from members.rules import (
    can_score_application,
    can_shortlist_application,
    can_view_review_scores,
    is_committee_member_of_call,
)
from ogplocal.accounts.permissions import object_permission_required
from ogplocal.documents.storage import document_response

APPLICATIONS_PER_PAGE = 50


@require_GET
@login_required
def my_calls(request: HttpRequest) -> HttpResponse:
    """The calls the person reviews (committee) or oversees (staff)."""
    return render(
        request, "review/my_calls.html", {"calls": selectors.calls_to_review(request.user)}
    )


@require_GET
@object_permission_required(selectors.call_for_review, "members.review_call")
def queue(request: HttpRequest, call: Call) -> HttpResponse:
    filterset = ReviewQueueFilterSet(
        request.GET or None,
        queryset=selectors.review_queue(call, request.user),
        request=request,
        call=call,
    )
    page = Paginator(filterset.qs, APPLICATIONS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "review/queue.html",
        {
            "call": call,
            "filterset": filterset,
            "page_obj": page,
            "hidden_count": selectors.hidden_by_recusal(call, request.user),
            "sees_every_score": selectors.sees_every_score(request.user, call),
            "is_committee_member": is_committee_member_of_call.test(request.user, call),
        },
    )


def _review_page(
    request: HttpRequest,
    application: Application,
    *,
    form: ReviewForm | None = None,
    conflict_form: ConflictForm | None = None,
    status: int = 200,
) -> HttpResponse:
    user = request.user
    review = selectors.review_of(application, user)
    can_score = can_score_application.test(user, application)
    if form is None and can_score:
        form = ReviewForm(review=review)
    sees_scores = can_view_review_scores.test(user, application)
    points = []
    for point, label, answer in application.answers():
        points.append(
            {
                "point": point,
                "label": label,
                "answer": answer,
                "fields": form.point_fields(point) if form is not None else None,
            }
        )
    return render(
        request,
        "review/application.html",
        {
            "application": application,
            "call": application.call,
            "points": points,
            "form": form,
            "review": review,
            "can_score": can_score,
            "is_frozen": review is not None and review.submitted_at is not None,
            "other_reviews": (
                selectors.submitted_reviews_of(application, excluding=user) if sees_scores else None
            ),
            "sees_scores": sees_scores,
            "conflict_form": conflict_form or (ConflictForm() if can_score else None),
            "can_shortlist": (
                application.call.is_two_stage
                and application.state == "submitted"
                and can_shortlist_application.test(user, application)
            ),
            "shortlist_form": ShortlistForm(),
        },
        status=status,
    )


@require_GET
@object_permission_required(selectors.application_for_review, "members.review_application")
def application_review(request: HttpRequest, application: Application) -> HttpResponse:
    return _review_page(request, application)


@require_POST
@object_permission_required(selectors.application_for_review, "members.score_application")
def application_score(request: HttpRequest, application: Application) -> HttpResponse:
    review = selectors.review_of(application, request.user)
    form = ReviewForm(request.POST, review=review)
    submit = "submit" in request.POST
    if form.is_valid():
        try:
            services.save_review(
                actor=request.user,
                application=application,
                scores=form.scores(),
                comment=form.cleaned_data["comment"],
                submit=submit,
                as_of=request.as_of,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if submit:
                messages.success(request, _("Your review was submitted."))
            else:
                messages.success(request, _("Your draft review was saved."))
            return redirect("review:application", application.call.slug, application.pk)
    return _review_page(request, application, form=form, status=200)


@require_http_methods(["GET", "POST"])
@object_permission_required(selectors.application_for_review, "members.declare_conflict")
def application_conflict(request: HttpRequest, application: Application) -> HttpResponse:
    form = ConflictForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.declare_conflict(
                actor=request.user,
                application=application,
                reason=form.cleaned_data["reason"],
                as_of=request.as_of,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("You declared a conflict of interest: you no longer see this application."),
            )
            return redirect("review:queue", application.call.slug)
    return render(request, "review/conflict.html", {"application": application, "form": form})


@require_GET
@object_permission_required(selectors.application_for_review, "members.review_application")
def application_letter(request: HttpRequest, application: Application) -> HttpResponse:
    if not application.letter:
        raise Http404
    name = _("Letter of Support - %(name)s.pdf") % {"name": application.jurisdiction_name}
    return document_response(application.letter, download_name=name)


@require_POST
@object_permission_required(selectors.application_for_review, "members.shortlist_application")
def application_shortlist(request: HttpRequest, application: Application) -> HttpResponse:
    form = ShortlistForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        services.shortlist_application(
            actor=request.user, application=application, reason=reason, as_of=request.as_of
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The application was shortlisted."))
    return redirect("review:application", application.call.slug, application.pk)


@require_http_methods(["GET", "POST"])
@object_permission_required(selectors.call_for_review, "members.manage_committee")
def committee(request: HttpRequest, call: Call) -> HttpResponse:
    form = InviteForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            seat = services.invite_committee_member(
                call=call,
                email=form.cleaned_data["email"],
                country=form.cleaned_data["country"],
                is_government=form.cleaned_data["is_government"],
                actor=request.user,
                as_of=request.as_of,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("%(name)s is on the committee now.") % {"name": seat.user})
            return redirect("review:committee", call.slug)
    return render(
        request,
        "review/committee.html",
        {"call": call, "committee": selectors.committee_of(call), "form": form},
    )


@require_GET
@object_permission_required(selectors.call_for_review, "members.review_call")
def cohort(request: HttpRequest, call: Call) -> HttpResponse:
    return render(
        request, "review/cohort.html", {"call": call, "cohort": selectors.cohort_of(call)}
    )
