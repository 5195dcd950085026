"""Calls for new members and applications (LH §1.2): the public calls pages, the applicant's
pages, and the Support Unit's pages for calls. Views parse input, call one selector or service,
render; objects are loaded and their permission checked by `object_permission_required`."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from members import selectors, services_calls
from members.forms_calls import (
    AnswersPartForm,
    CallForm,
    JurisdictionPartForm,
    LetterPartForm,
    MessageForm,
    PeoplePartForm,
    SignatoryForm,
    WithdrawForm,
)
from members.models import Application, Call, CallState, JurisdictionKind, OgpRegion, Signatory
from members.rules import can_edit_application
from ogplocal.accounts.permissions import object_permission_required
from ogplocal.documents.storage import document_response

# The parts of the application form, in order: (URL part, title, form class or None).
PARTS = (
    ("jurisdiction", gettext_lazy("Jurisdiction"), JurisdictionPartForm),
    ("people", gettext_lazy("Government and stakeholders"), PeoplePartForm),
    ("answers", gettext_lazy("The 8 points of the letter"), AnswersPartForm),
    ("signatories", gettext_lazy("Signatories"), None),
    ("letter", gettext_lazy("Signed letter and declaration"), LetterPartForm),
)
PART_NAMES = [name for name, _title, _form in PARTS]


def _posted(request: HttpRequest, *, files: bool = False):
    """The form data of a POST (also an empty one), None for a GET: an empty POST is a bound
    form that is checked, not a blank form shown again."""
    if request.method != "POST":
        return None
    return request.FILES if files else request.POST


# --- public -------------------------------------------------------------------------------------


@require_GET
def call_list(request: HttpRequest) -> HttpResponse:
    overview = selectors.calls_overview(as_of=request.as_of)
    return render(request, "calls/call_list.html", {**overview, "as_of": request.as_of})


@require_GET
@object_permission_required(selectors.call_by_slug, "members.view_call")
def call_detail(request: HttpRequest, call: Call) -> HttpResponse:
    return render(
        request,
        "calls/call_detail.html",
        {
            "call": call,
            "receives_applications": services_calls.receives_new_applications(call, request.as_of),
            "opens_later": call.state == CallState.OPEN and request.as_of < call.opens_on,
            "my_application": _my_application(request, call),
        },
    )


def _my_application(request, call: Call) -> Application | None:
    return (
        selectors.applications_of(request.user).filter(call=call).exclude(state="withdrawn").first()
        if request.user.is_authenticated
        else None
    )


@require_GET
@object_permission_required(selectors.call_by_slug, "members.view_call_results")
def call_results(request: HttpRequest, call: Call) -> HttpResponse:
    results = selectors.call_results(call)
    regions = dict(OgpRegion.choices)
    kinds = dict(JurisdictionKind.choices)
    rows = [
        {
            "region": regions.get(row["country__ogp_region"], row["country__ogp_region"]),
            "kind": kinds.get(row["kind"], row["kind"]),
            "count": row["count"],
        }
        for row in results["by_region_and_kind"]
    ]
    return render(
        request, "calls/call_results.html", {"call": call, "results": results, "rows": rows}
    )


# --- applying -----------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@object_permission_required(selectors.call_by_slug, "members.add_application")
def call_apply(request: HttpRequest, call: Call) -> HttpResponse:
    if call.state == CallState.DRAFT:
        raise Http404
    existing = _my_application(request, call)
    if existing is not None:
        return redirect("calls:application", application_id=existing.pk)
    error = None
    if request.method == "POST":
        try:
            application = services_calls.start_application(
                actor=request.user, call=call, as_of=request.as_of
            )
        except ValidationError as refused:
            error = refused
        else:
            messages.success(request, _("Your application was started. It is saved as you go."))
            return redirect(part_url(application.pk, PART_NAMES[0]))
    return render(
        request,
        "calls/call_apply.html",
        {
            "call": call,
            "error": error,
            "receives_applications": services_calls.receives_new_applications(call, request.as_of),
        },
    )


@require_GET
@login_required
def my_applications(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "calls/my_applications.html",
        {"applications": selectors.applications_of(request.user)},
    )


def _eligibility(application: Application, as_of):
    return services_calls.eligibility_violations(application, as_of=as_of)


@require_GET
@object_permission_required(selectors.application_page, "members.view_application")
def application_detail(request: HttpRequest, application: Application) -> HttpResponse:
    can_edit = can_edit_application(request.user, application)
    return render(
        request,
        "calls/application_detail.html",
        {
            "application": application,
            "parts": PARTS,
            "can_edit": can_edit,
            "is_applicant": application.applicant_id == request.user.pk,
            "violations": _eligibility(application, request.as_of) if can_edit else [],
            "can_withdraw": application.state in ("draft", "submitted", "shortlisted"),
            "message_form": MessageForm(),
        },
    )


def part_url(application_id: int, part: str) -> str:
    return reverse(f"calls:application_{part}", kwargs={"application_id": application_id})


def _edit_part(request: HttpRequest, application: Application, part: str) -> HttpResponse:
    index = PART_NAMES.index(part)
    _name, title, form_class = PARTS[index]
    next_part = PART_NAMES[index + 1] if index + 1 < len(PARTS) else None
    if form_class is None:  # the signatories: a list and a form to add one
        form = SignatoryForm(_posted(request), prefix="signatory")
        if request.method == "POST" and form.is_valid():
            try:
                services_calls.add_signatory(
                    actor=request.user, application=application, data=form.cleaned_data
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The signatory was added."))
                return redirect(request.path)
    else:
        form = form_class(_posted(request), _posted(request, files=True), instance=application)
        if request.method == "POST" and form.is_valid():
            try:
                services_calls.save_application_part(
                    actor=request.user,
                    application=application,
                    part=part,
                    data=form.cleaned_data,
                    as_of=request.as_of,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Saved. You can come back to it at any time."))
                if next_part and "save_next" in request.POST:
                    return redirect(part_url(application.pk, next_part))
                return redirect(request.path)
        if request.method == "POST" and form.errors:
            # What was refused is not saved: read the application again for the checks below.
            application = selectors.application_page(
                application_id=application.pk, user=request.user
            )
    return render(
        request,
        "calls/application_edit.html",
        {
            "application": application,
            "parts": PARTS,
            "part": part,
            "title": title,
            "form": form,
            "next_part": next_part,
            "violations": _eligibility(application, request.as_of),
        },
    )


def _part_view(part: str):
    @require_http_methods(["GET", "POST"])
    @object_permission_required(selectors.application_page, "members.change_application")
    def view(request: HttpRequest, application: Application) -> HttpResponse:
        return _edit_part(request, application, part)

    view.__name__ = f"application_{part}"
    return view


# One page per part: /calls/applications/<id>/<part>/ (named calls:application_<part>).
PART_VIEWS = {part: _part_view(part) for part in PART_NAMES}


@require_POST
@object_permission_required(selectors.signatory_for, "members.remove_signatory")
def signatory_remove(request: HttpRequest, signatory: Signatory) -> HttpResponse:
    application_id = signatory.application_id
    services_calls.remove_signatory(actor=request.user, signatory=signatory)
    messages.success(request, _("The signatory was removed."))
    return redirect(part_url(application_id, "signatories"))


@require_http_methods(["GET", "POST"])
@object_permission_required(selectors.application_page, "members.change_application")
def application_submit(request: HttpRequest, application: Application) -> HttpResponse:
    error = None
    if request.method == "POST":
        try:
            services_calls.submit_application(
                actor=request.user, application=application, as_of=request.as_of
            )
        except ValidationError as refused:
            error = refused
        else:
            messages.success(
                request,
                _("Submitted. The Support Unit will write to you on this page."),
            )
            return redirect("calls:application", application_id=application.pk)
    return render(
        request,
        "calls/application_submit.html",
        {
            "application": application,
            "parts": PARTS,
            "violations": _eligibility(application, request.as_of),
            "error_messages": _messages_of(error),
            "receives": services_calls.receives_new_applications(application.call, request.as_of)
            or application.state == "shortlisted",
        },
    )


def _messages_of(error: ValidationError | None) -> list[dict]:
    if error is None:
        return []
    entries = []
    for items in error.update_error_dict({}).values():
        for item in items:
            item = item if isinstance(item, ValidationError) else ValidationError(item)
            for entry in item.error_list:
                params = entry.params if isinstance(entry.params, dict) else {}
                entries.append(
                    {
                        "message": entry.message % params if params else entry.message,
                        "code": entry.code or "",
                        "handbook": params.get("handbook", ""),
                    }
                )
    return entries


@require_http_methods(["GET", "POST"])
@object_permission_required(selectors.application_for, "members.withdraw_application")
def application_withdraw(request: HttpRequest, application: Application) -> HttpResponse:
    form = WithdrawForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services_calls.withdraw_application(
                actor=request.user,
                application=application,
                reason=form.cleaned_data["reason"],
                as_of=request.as_of,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your application was withdrawn."))
            return redirect("calls:application", application_id=application.pk)
    return render(
        request, "calls/application_withdraw.html", {"application": application, "form": form}
    )


@require_GET
@object_permission_required(selectors.application_for, "members.view_application")
def application_letter(request: HttpRequest, application: Application) -> HttpResponse:
    if not application.letter:
        raise Http404
    name = _("Letter of Support - %(name)s.pdf") % {
        "name": application.jurisdiction_name or application.pk
    }
    return document_response(application.letter, download_name=name)


@require_POST
@object_permission_required(selectors.application_page, "members.message_applicant")
def application_message(request: HttpRequest, application: Application) -> HttpResponse:
    form = MessageForm(request.POST)
    if form.is_valid():
        try:
            services_calls.send_application_message(
                actor=request.user, application=application, body=form.cleaned_data["body"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The message was sent to the applicant."))
            return redirect("calls:application", application_id=application.pk)
    return render(
        request,
        "calls/application_detail.html",
        {
            "application": application,
            "parts": PARTS,
            "message_form": form,
        },
    )


# --- the Support Unit's pages -----------------------------------------------------------------


@require_GET
@object_permission_required(selectors.no_object, "members.manage_calls")
def manage_list(request: HttpRequest, _none=None) -> HttpResponse:
    return render(request, "calls/manage_list.html", {"calls": selectors.calls_for_staff()})


@require_http_methods(["GET", "POST"])
@object_permission_required(selectors.no_object, "members.manage_calls")
def manage_new(request: HttpRequest, _none=None) -> HttpResponse:
    form = CallForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            call = services_calls.create_call(
                actor=request.user, data=form.cleaned_data, as_of=request.as_of
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The call was saved as a draft. Open it to publish it."))
            return redirect("calls:manage_edit", call_slug=call.slug)
    return render(request, "calls/manage_form.html", {"form": form, "call": None})


@require_http_methods(["GET", "POST"])
@object_permission_required(selectors.call_by_slug, "members.change_call")
def manage_edit(request: HttpRequest, call: Call) -> HttpResponse:
    form = CallForm(_posted(request), instance=call)
    if request.method == "POST" and form.is_valid():
        try:
            services_calls.update_call(
                actor=request.user, call=call, data=form.cleaned_data, as_of=request.as_of
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The call was saved."))
            return redirect("calls:manage_edit", call_slug=call.slug)
    call.refresh_from_db()
    return render(
        request,
        "calls/manage_form.html",
        {
            "form": form,
            "call": call,
            "applications": selectors.submitted_applications_of_call(call, request.user),
        },
    )


def _call_action(service, done_message):
    @require_POST
    @object_permission_required(selectors.call_by_slug, "members.change_call")
    def view(request: HttpRequest, call: Call) -> HttpResponse:
        try:
            service(actor=request.user, call=call, as_of=request.as_of)
        except ValidationError as error:
            for entry in _messages_of(error):
                messages.error(request, entry["message"])
        else:
            messages.success(request, done_message())
        return redirect("calls:manage_edit", call_slug=call.slug)

    return view


manage_open = _call_action(services_calls.open_call, lambda: _("The call is open and public."))
manage_close = _call_action(
    services_calls.close_call, lambda: _("The call is closed: nothing more can be submitted.")
)
manage_decide = _call_action(
    services_calls.decide_call, lambda: _("The call is decided: its results are public.")
)
