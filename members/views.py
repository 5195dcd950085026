"""Member pages. Views parse input, check the permission, call one selector or service, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from members import selectors, services
from members.filters import MemberFilterSet
from members.forms import MemberProfileForm
from members.rules import is_point_of_contact_of_member
from ogplocal.accounts.permissions import permission_or_404
from ogplocal.audit.selectors import events_for

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
def member_detail(request: HttpRequest, slug: str) -> HttpResponse:
    member = selectors.member_detail(slug=slug, user=request.user)
    permission_or_404(request.user, "members.view_member", member)
    return render(
        request,
        "members/member_detail.html",
        {
            "member": member,
            "is_point_of_contact": is_point_of_contact_of_member(request.user, member),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def member_edit(request: HttpRequest, slug: str) -> HttpResponse:
    member = selectors.member_by_slug(slug=slug, user=request.user)
    permission_or_404(request.user, "members.change_member", member)
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
def member_history(request: HttpRequest, slug: str) -> HttpResponse:
    member = selectors.member_by_slug(slug=slug, user=request.user)
    permission_or_404(request.user, "members.view_member_history", member)
    events = events_for(member, member.jurisdiction)
    page = Paginator(events, EVENTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "members/member_history.html", {"member": member, "page_obj": page})
