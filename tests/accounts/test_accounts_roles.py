from datetime import date, timedelta

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from ogplocal.accounts.middleware import AsOfMiddleware
from ogplocal.accounts.roles import Roles, bind_as_of, forget_roles, held, roles_of
from tests.factories import (
    MemberFactory,
    MonitoringBodyReviewerFactory,
    PointOfContactFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def test_anonymous_visitor_is_public():
    assert roles_of(AnonymousUser()) == Roles()
    assert roles_of(AnonymousUser()).public


def test_active_staff_is_support_unit():
    assert roles_of(UserFactory(staff=True)).support_unit


def test_inactive_staff_holds_no_role():
    roles = roles_of(UserFactory(staff=True, is_active=False))
    assert roles == Roles()


def test_joint_plan_point_of_contact_holds_both_members():
    user = UserFactory()
    first, second = MemberFactory.create_batch(2)
    PointOfContactFactory(user=user, member=first)
    PointOfContactFactory(user=user, member=second)

    roles = roles_of(user)

    assert roles.point_of_contact
    assert roles.point_of_contact == {first.pk, second.pk}
    assert not roles.public


def test_ended_point_of_contact_record_gives_no_role(today):
    record = PointOfContactFactory(
        starts_on=today - timedelta(days=400), ends_on=today - timedelta(days=1)
    )
    assert not roles_of(record.user).point_of_contact


def test_point_of_contact_record_counts_through_its_last_day(today):
    record = PointOfContactFactory(starts_on=today - timedelta(days=10), ends_on=today)
    assert roles_of(record.user).point_of_contact == {record.member_id}


def test_reviewer_of_an_active_body_is_reviewer():
    reviewer = MonitoringBodyReviewerFactory()
    roles = roles_of(reviewer.user)
    assert roles.reviewer
    assert roles.reviewer == {reviewer.body_id}


def test_reviewer_of_an_inactive_body_is_not():
    reviewer = MonitoringBodyReviewerFactory(body__is_active=False)
    assert not roles_of(reviewer.user).reviewer


def test_roles_take_three_queries_then_come_from_the_cache(django_assert_num_queries):
    user = PointOfContactFactory().user
    # point of contact, reviewer, committee member (not on a committee: "recused" asks nothing)
    with django_assert_num_queries(3):
        roles_of(user)
    with django_assert_num_queries(0):
        roles_of(user)


def test_forget_roles_reads_them_again():
    user = UserFactory()
    assert not roles_of(user).point_of_contact
    PointOfContactFactory(user=user)
    forget_roles(user)
    assert roles_of(user).point_of_contact


def test_former_reviewer_holds_no_role(today):
    reviewer = MonitoringBodyReviewerFactory(
        starts_on=today - timedelta(days=400), ends_on=today - timedelta(days=1)
    )
    assert not roles_of(reviewer.user).reviewer


def test_reviewer_named_from_a_later_day_holds_no_role_yet(today):
    reviewer = MonitoringBodyReviewerFactory(starts_on=today + timedelta(days=1))
    assert not roles_of(reviewer.user).reviewer


def test_roles_are_read_on_the_date_bound_to_the_person():
    record = PointOfContactFactory(starts_on=date(2026, 1, 1), ends_on=date(2026, 6, 30))
    bind_as_of(record.user, date(2026, 6, 30))
    assert roles_of(record.user).point_of_contact == {record.member_id}
    bind_as_of(record.user, date(2026, 7, 1))
    assert not roles_of(record.user).point_of_contact


def test_roles_can_be_asked_for_another_day_without_touching_the_bound_one():
    record = PointOfContactFactory(starts_on=date(2026, 1, 1), ends_on=date(2026, 6, 30))
    bind_as_of(record.user, date(2026, 7, 1))
    assert held(record.user, "point_of_contact", as_of=date(2026, 3, 1)) == {record.member_id}
    assert held(record.user, "point_of_contact") == frozenset()


def test_a_request_reads_roles_on_the_day_it_arrived():
    record = PointOfContactFactory(starts_on=date(2026, 1, 1), ends_on=date(2026, 6, 30))
    request = RequestFactory().get("/")
    request.user = record.user
    seen = {}

    def view(request):
        seen["as_of"] = request.as_of
        seen["roles"] = roles_of(request.user)

    with time_machine.travel(date(2026, 7, 1), tick=False):
        AsOfMiddleware(view)(request)

    assert seen["as_of"] == date(2026, 7, 1)
    assert not seen["roles"].point_of_contact


def test_roles_of_asks_each_app_that_registered_a_role():
    from ogplocal.accounts.roles import registered_roles

    assert set(registered_roles()) >= {"point_of_contact", "reviewer"}


def test_accounts_does_not_import_the_domain_apps():
    import ast
    import pathlib

    import ogplocal.accounts

    domain_apps = {"members", "monitoring", "tracker", "actionplans", "commitments"}
    offenders = []
    for path in pathlib.Path(ogplocal.accounts.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [f"{path.name}: {n}" for n in names if n.split(".")[0] in domain_apps]
    assert offenders == []
