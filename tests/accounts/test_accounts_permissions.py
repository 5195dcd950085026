"""The one way a view loads its object: through a selector, 404 for what one may not see."""

from datetime import date

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404, HttpResponse
from django.test import RequestFactory
from django.views.generic import DetailView

from members import selectors
from ogplocal.accounts.permissions import ObjectPermissionMixin, object_permission_required
from tests.factories import MemberFactory, PointOfContactFactory, UserFactory

pytestmark = pytest.mark.django_db


@object_permission_required(selectors.member_by_slug, "members.change_member")
def edit_view(request, member):
    return HttpResponse(f"editing {member.pk}")


@object_permission_required(selectors.member_detail, "members.view_member")
def detail_view(request, member):
    return HttpResponse(",".join(str(p.pk) for p in member.current_points_of_contact))


class MemberHistoryView(ObjectPermissionMixin, DetailView):
    selector = selectors.member_by_slug
    permission = "members.view_member_history"

    def render_to_response(self, context, **kwargs):
        return HttpResponse(f"history of {self.object.pk}")


def _request(user, path="/members/x/"):
    request = RequestFactory().get(path)
    request.user = user or AnonymousUser()
    return request


def test_the_view_receives_the_object_its_url_names():
    poc = PointOfContactFactory()
    response = edit_view(_request(poc.user), slug=poc.member.jurisdiction.slug)
    assert response.content.decode() == f"editing {poc.member.pk}"


def test_an_object_one_may_not_change_answers_404():
    member = MemberFactory()
    with pytest.raises(Http404):
        edit_view(_request(PointOfContactFactory().user), slug=member.jurisdiction.slug)


def test_an_anonymous_visitor_is_sent_to_sign_in_before_anything_is_loaded():
    response = edit_view(_request(None, "/members/nowhere/edit/"), slug="nowhere")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert "next=/members/nowhere/edit/" in response["Location"]


def test_a_missing_object_answers_404():
    with pytest.raises(Http404):
        edit_view(_request(UserFactory(staff=True)), slug="nowhere")


def test_the_selector_gets_the_date_of_the_request():
    record = PointOfContactFactory(starts_on=date(2026, 1, 1), ends_on=date(2026, 6, 30))
    request = _request(None)

    request.as_of = date(2026, 6, 30)
    assert (
        detail_view(request, slug=record.member.jurisdiction.slug).content
        == str(record.pk).encode()
    )
    request.as_of = date(2026, 7, 1)
    assert detail_view(request, slug=record.member.jurisdiction.slug).content == b""


def test_the_class_mixin_loads_and_checks_the_same_way():
    member = MemberFactory()
    view = MemberHistoryView.as_view()
    response = view(_request(UserFactory(staff=True)), slug=member.jurisdiction.slug)
    assert response.content.decode() == f"history of {member.pk}"
    with pytest.raises(Http404):
        view(_request(PointOfContactFactory(member=member).user), slug=member.jurisdiction.slug)
