from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from ogplocal.accounts.roles import Roles, forget_roles, roles_of
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
    assert roles.member_ids == {first.pk, second.pk}
    assert not roles.public


def test_ended_point_of_contact_record_gives_no_role():
    today = timezone.localdate()
    record = PointOfContactFactory(
        starts_on=today - timedelta(days=400), ends_on=today - timedelta(days=1)
    )
    assert not roles_of(record.user).point_of_contact


def test_point_of_contact_record_counts_through_its_last_day():
    today = timezone.localdate()
    record = PointOfContactFactory(starts_on=today - timedelta(days=10), ends_on=today)
    assert roles_of(record.user).member_ids == {record.member_id}


def test_reviewer_of_an_active_body_is_reviewer():
    reviewer = MonitoringBodyReviewerFactory()
    roles = roles_of(reviewer.user)
    assert roles.reviewer
    assert roles.monitoring_body_ids == {reviewer.body_id}


def test_reviewer_of_an_inactive_body_is_not():
    reviewer = MonitoringBodyReviewerFactory(body__is_active=False)
    assert not roles_of(reviewer.user).reviewer


def test_roles_take_two_queries_then_come_from_the_cache(django_assert_num_queries):
    user = PointOfContactFactory().user
    with django_assert_num_queries(2):
        roles_of(user)
    with django_assert_num_queries(0):
        roles_of(user)


def test_forget_roles_reads_them_again():
    user = UserFactory()
    assert not roles_of(user).point_of_contact
    PointOfContactFactory(user=user)
    forget_roles(user)
    assert roles_of(user).point_of_contact
