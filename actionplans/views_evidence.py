"""The evidence repository pages (LH Annexes 4 and 5): the plan's repository, filing an item,
filing a new version of one, withdrawing one, and downloading a file. Public once the plan is
submitted; filed by the plan's points of contact and staff."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from actionplans import selectors, services_evidence
from actionplans.forms import EvidenceForm, EvidenceWithdrawForm
from actionplans.models import ActionPlan, Evidence
from actionplans.rules import can_file_evidence
from ogplocal.accounts.permissions import object_permission_required
from ogplocal.documents.storage import document_response


def _posted(request: HttpRequest, *, files: bool = False):
    if request.method != "POST":
        return None
    return request.FILES if files else request.POST


def _repository_page(request, plan: ActionPlan, *, withdraw_form=None, withdrawing=None):
    return render(
        request,
        "actionplans/evidence_list.html",
        {
            "plan": plan,
            "repository": selectors.evidence_repository(
                list(plan.evidence.all()), list(plan.commitments.all())
            ),
            "can_file": can_file_evidence(request.user, plan),
            "withdraw_form": withdraw_form or EvidenceWithdrawForm(),
            "blank_withdraw_form": EvidenceWithdrawForm(),
            "withdrawing": withdrawing,
        },
    )


@require_GET
@object_permission_required(selectors.plan_with_evidence, "actionplans.view_actionplan")
def evidence_list(request: HttpRequest, plan: ActionPlan) -> HttpResponse:
    return _repository_page(request, plan)


def _commitment_choice(request: HttpRequest) -> int | None:
    """The commitment the page was opened for (`?commitment=<id>`); the form's choices decide
    whether it is one of the plan's."""
    value = request.GET.get("commitment", "")
    return int(value) if value.isdigit() else None


def _after_filing(evidence: Evidence):
    if evidence.commitment_id is not None:
        return redirect("commitments:detail", commitment_id=evidence.commitment_id)
    return redirect("plans:evidence", plan_id=evidence.plan_id)


@require_http_methods(["GET", "POST"])
@object_permission_required(selectors.plan_for, "actionplans.add_evidence")
def evidence_new(request: HttpRequest, plan: ActionPlan) -> HttpResponse:
    form = EvidenceForm(
        _posted(request),
        _posted(request, files=True),
        plan=plan,
        initial={"commitment": _commitment_choice(request), "dated_on": request.as_of},
    )
    if request.method == "POST" and form.is_valid():
        try:
            evidence = services_evidence.file_evidence(
                plan, actor=request.user, as_of=request.as_of, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The evidence was filed."))
            return _after_filing(evidence)
    return render(
        request, "actionplans/evidence_form.html", {"plan": plan, "form": form, "previous": None}
    )


@require_http_methods(["GET", "POST"])
@object_permission_required(selectors.evidence_for, "actionplans.change_evidence")
def evidence_replace(request: HttpRequest, evidence: Evidence) -> HttpResponse:
    plan = evidence.plan
    initial = {
        name: getattr(evidence, name)
        for name in ("commitment", "evidence_type", "title", "dated_on", "description", "url")
    }
    form = EvidenceForm(
        _posted(request), _posted(request, files=True), plan=plan, replacing=True, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            new = services_evidence.replace_evidence(
                evidence, actor=request.user, as_of=request.as_of, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The new version was filed; the earlier one is kept."))
            return _after_filing(new)
    return render(
        request,
        "actionplans/evidence_form.html",
        {"plan": plan, "form": form, "previous": evidence},
    )


@require_POST
@object_permission_required(selectors.evidence_for, "actionplans.change_evidence")
def evidence_withdraw(request: HttpRequest, evidence: Evidence) -> HttpResponse:
    form = EvidenceWithdrawForm(request.POST)
    if form.is_valid():
        try:
            services_evidence.withdraw_evidence(
                evidence, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The evidence was withdrawn. Its record is kept."))
            return redirect("plans:evidence", plan_id=evidence.plan_id)
    plan = selectors.plan_with_evidence(plan_id=evidence.plan_id, user=request.user)
    return _repository_page(request, plan, withdraw_form=form, withdrawing=evidence.pk)


@require_GET
@object_permission_required(selectors.evidence_for, "actionplans.view_evidence")
def evidence_file(request: HttpRequest, evidence: Evidence) -> HttpResponse:
    if not evidence.file:
        raise Http404
    return document_response(
        evidence.file, download_name=f"evidence-{evidence.plan_id}-{evidence.pk}"
    )
