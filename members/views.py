"""Member pages. Views parse input, call one selector or service, render; the object of a page is
loaded and its permission checked by `object_permission_required`."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from members import selectors, services
from members.filters import MemberFilterSet
from members.forms import MemberProfileForm
from members.forms_contact import ContactPointOfContactForm
from members.models import Member
from members.rules import is_point_of_contact_of_member
from members.selectors_public import member_standing, plan_in_force, readings_for
from members.services_contact import ContactMessage, RateLimited, relay_message
from ogplocal.accounts.permissions import object_permission_required
from ogplocal.audit.selectors import events_for_member
from ogplocal.http import public_page

MEMBERS_PER_PAGE = 25
EVENTS_PER_PAGE = 50


@require_GET
@public_page
def member_list(request: HttpRequest) -> HttpResponse:
    filterset = MemberFilterSet(
        request.GET or None, queryset=selectors.members_for(request.user), request=request
    )
    page = Paginator(filterset.qs, MEMBERS_PER_PAGE).get_page(request.GET.get("page"))
    readings = readings_for(page.object_list, as_of=request.as_of)
    rows = [(member, readings[member.pk]) for member in page.object_list]
    return render(
        request,
        "members/member_list.html",
        {
            "filterset": filterset,
            "page_obj": page,
            "rows": rows,
            "sort": request.GET.get("sort", ""),
            "meta_description": _(
                "Every OGP Local member: country, region, status with the date since, current "
                "action plan and the progress of its commitments."
            ),
            # The secondary filters stay open when one of them is in use.
            "filters_in_use": any(
                request.GET.get(name) for name in filterset.form.fields if name != "q"
            ),
        },
    )


@require_GET
@public_page
@object_permission_required(selectors.member_detail, "members.view_member")
def member_detail(request: HttpRequest, member: Member) -> HttpResponse:
    standing = member_standing(member, as_of=request.as_of)
    return render(
        request,
        "members/member_detail.html",
        {
            "member": member,
            "is_point_of_contact": is_point_of_contact_of_member(request.user, member),
            "standing": standing,
            "reading": standing.reading,
            "plan_in_force": plan_in_force(member, as_of=request.as_of),
            "meta_description": _(
                "%(member)s in OGP Local: its status and why, its deadlines, its action plans "
                "and commitments."
            )
            % {"member": member.jurisdiction.name},
            "og_title": member.jurisdiction.name,
        },
    )


@require_http_methods(["GET", "POST"])
@object_permission_required(selectors.member_by_slug, "members.view_member")
def member_contact(request: HttpRequest, member: Member) -> HttpResponse:
    """Write to the member's point of contact: the message is relayed by e-mail (the address is
    never shown), rate limited, with a honeypot against bots."""
    form = ContactPointOfContactForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        if not form.is_from_a_bot:
            try:
                relay_message(
                    member,
                    ContactMessage(
                        name=form.cleaned_data["name"],
                        email=form.cleaned_data["email"],
                        message=form.cleaned_data["message"],
                    ),
                    sender_address=request.META.get("REMOTE_ADDR", ""),
                    as_of=request.as_of,
                )
            except RateLimited:
                form.add_error(
                    None,
                    _(
                        "Too many messages were sent from your connection or to this member "
                        "recently. Please try again later."
                    ),
                )
                status = 429
        if status == 200:
            # A bot that filled the honeypot is told the same, so it learns nothing.
            messages.success(request, _("Your message was sent to the point of contact."))
            return redirect("members:detail", slug=member.slug)
    return render(
        request, "members/member_contact.html", {"member": member, "form": form}, status=status
    )


@require_http_methods(["GET", "POST"])
@object_permission_required(selectors.member_by_slug, "members.change_member")
def member_edit(request: HttpRequest, member: Member) -> HttpResponse:
    form = MemberProfileForm.for_member(member, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_member_profile(
                actor=request.user,
                member=member,
                data=form.profile_data(),
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The public profile was saved."))
            return redirect("members:detail", slug=member.slug)
    return render(request, "members/member_edit.html", {"member": member, "form": form})


@require_GET
@object_permission_required(selectors.member_by_slug, "members.view_member_history")
def member_history(request: HttpRequest, member: Member) -> HttpResponse:
    events = events_for_member(member)
    page = Paginator(events, EVENTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "members/member_history.html", {"member": member, "page_obj": page})
