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
from members.models import Member
from members.rules import is_point_of_contact_of_member
from ogplocal.accounts.permissions import object_permission_required
from ogplocal.audit.selectors import events_for_member

MEMBERS_PER_PAGE = 25
EVENTS_PER_PAGE = 50


@require_GET
def member_list(request: HttpRequest) -> HttpResponse:
    filterset = MemberFilterSet(
        request.GET or None, queryset=selectors.members_for(request.user), request=request
    )
    page = Paginator(filterset.qs, MEMBERS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "members/member_list.html", {"filterset": filterset, "page_obj": page})


@require_GET
@object_permission_required(selectors.member_detail, "members.view_member")
def member_detail(request: HttpRequest, member: Member) -> HttpResponse:
    return render(
        request,
        "members/member_detail.html",
        {
            "member": member,
            "is_point_of_contact": is_point_of_contact_of_member(request.user, member),
        },
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
