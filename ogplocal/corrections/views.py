from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods
from django_ratelimit.core import is_ratelimited

from ogplocal.accounts.permissions import object_permission_required
from ogplocal.corrections import selectors, services
from ogplocal.corrections.forms import CloseForm, ReportForm
from ogplocal.corrections.models import CorrectionRequest

REPORT_RATE = "5/h"


def _portal_path(value: str) -> str:
    """A path of this site to link back to; anything else (a scheme, another host) is "/"."""
    if not value.startswith("/") or value.startswith("//") or "\\" in value:
        return "/"
    return value


@require_http_methods(["GET", "POST"])
def report(request: HttpRequest) -> HttpResponse:
    """Report an error on a page (the footer's link names the page in `?page=`)."""
    if request.method == "POST":
        form = ReportForm(request.POST)
        status = 400
        # Only a report that would be filed counts against the limit of its address.
        if form.is_valid() and is_ratelimited(
            request, group="corrections.report", key="ip", rate=REPORT_RATE, increment=True
        ):
            form.add_error(
                None, _("You have sent several reports in a short time. Try again in an hour.")
            )
            status = 429
        elif form.is_valid():
            try:
                services.report_error(
                    page=form.cleaned_data["page"],
                    description=form.cleaned_data["description"],
                    user=request.user,
                    email=form.cleaned_data["email"],
                )
            except ValidationError as error:
                form.add_error(None, error.messages)
            else:
                messages.success(
                    request, _("Thank you. The Support Unit will check the page and correct it.")
                )
                return redirect(form.cleaned_data["page"])
    else:
        form = ReportForm(initial={"page": _portal_path(request.GET.get("page", "/"))})
        status = 200
    page = _portal_path(form["page"].value() or "/")
    return render(request, "corrections/report.html", {"form": form, "page": page}, status=status)


@require_GET
@object_permission_required(selectors.no_object, "corrections.manage_reports")
def queue(request: HttpRequest, _nothing) -> HttpResponse:
    return render(request, "corrections/queue.html", selectors.queue(user=request.user))


@require_http_methods(["GET", "POST"])
@object_permission_required(selectors.report_for, "corrections.change_correctionrequest")
def close(request: HttpRequest, report: CorrectionRequest) -> HttpResponse:
    form = CloseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.close_report(
                report=report,
                actor=request.user,
                state=form.cleaned_data["state"],
                resolution=form.cleaned_data["resolution"],
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("The report is closed."))
            return redirect("corrections:queue")
    return render(request, "corrections/close.html", {"form": form, "report": report})
