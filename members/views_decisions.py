"""The Support Unit's decision pages (LH §1.2) and coalitions (LH §3.4). Views parse input, call
one selector or service, render; objects are loaded and their permission checked by
`object_permission_required` (404 for whoever may not see them, a recusal binding staff too)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from members import selectors, selectors_decisions, services_coalitions, services_decisions
from members.forms_decisions import CoalitionForm, DecisionForm
from members.models import Application, Call, CallState, Coalition, Decision
from ogplocal.accounts.permissions import object_permission_required
from ogplocal.documents.storage import document_response

# --- decisions ----------------------------------------------------------------------------------


@require_GET
@object_permission_required(selectors_decisions.call_for_decisions, "members.manage_calls")
def call_decisions(request: HttpRequest, call: Call) -> HttpResponse:
    applications = list(
        selectors_decisions.applications_to_decide(call, request.user, as_of=request.as_of)
    )
    undecided = [a for a in applications if a.state in services_decisions.DECIDABLE_STATES]
    return render(
        request,
        "decisions/call_decisions.html",
        {
            "call": call,
            "applications": applications,
            "undecided_count": len(undecided),
            "can_mark_decided": call.state == CallState.CLOSED and not undecided,
        },
    )


@require_http_methods(["GET", "POST"])
@object_permission_required(
    selectors_decisions.application_for_decision, "members.decide_application"
)
def decide(request: HttpRequest, application: Application) -> HttpResponse:
    decision = getattr(application, "decision", None)
    form = DecisionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services_decisions.decide_application(
                application,
                form.cleaned_data["outcome"],
                form.cleaned_data["reasons"],
                actor=request.user,
                as_of=request.as_of,
                national_contact=form.cleaned_data["national_contact"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("The decision is recorded and its letter is on its way to the applicant."),
            )
            return redirect(
                "decisions:decide", call_slug=application.call.slug, application_id=application.pk
            )
    submitted_reviews, points = selectors_decisions.review_summary(application)
    return render(
        request,
        "decisions/decide.html",
        {
            "application": application,
            "call": application.call,
            "decision": decision,
            "form": form,
            "submitted_reviews": submitted_reviews,
            "points": points,
        },
        status=200,
    )


@require_GET
@object_permission_required(selectors_decisions.decision_for, "members.view_decision")
def decision_letter(request: HttpRequest, decision: Decision) -> HttpResponse:
    if not decision.letter_pdf:
        raise Http404
    name = _("Decision letter - %(name)s.pdf") % {"name": decision.application.jurisdiction_name}
    return document_response(decision.letter_pdf, download_name=name)


# --- coalitions (LH §3.4) -----------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@object_permission_required(selectors.no_object, "members.add_coalition")
def coalition_new(request: HttpRequest, _none=None) -> HttpResponse:
    # From a member's page: that member ticked already.
    initial = (
        {"members": [request.GET["member"]]} if request.GET.get("member", "").isdigit() else {}
    )
    form = CoalitionForm(
        request.POST if request.method == "POST" else None, initial=initial, as_of=request.as_of
    )
    if request.method == "POST" and form.is_valid():
        try:
            coalition = services_coalitions.create_coalition(
                form.cleaned_data["name"],
                form.cleaned_data["members"],
                form.cleaned_data["coordinator"],
                actor=request.user,
                as_of=request.as_of,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The coalition is formed."))
            return redirect("decisions:coalition", coalition_id=coalition.pk)
    return render(request, "decisions/coalition_form.html", {"form": form})


@require_GET
@object_permission_required(selectors_decisions.coalition_detail, "members.view_coalition")
def coalition_detail(request: HttpRequest, coalition: Coalition) -> HttpResponse:
    return render(request, "decisions/coalition_detail.html", {"coalition": coalition})
