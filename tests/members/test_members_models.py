from datetime import date

import pytest
from django.db import IntegrityError, transaction

from members.models import PointOfContact
from tests.factories import (
    JurisdictionFactory,
    MemberFactory,
    PointOfContactFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def _refused(factory, **kwargs) -> bool:
    try:
        with transaction.atomic():
            factory(**kwargs)
    except IntegrityError:
        return True
    return False


def test_first_plan_cannot_be_due_before_joining():
    assert _refused(MemberFactory, joined_on=date(2024, 2, 1), first_plan_due_on=date(2024, 1, 31))


def test_extension_must_end_after_the_first_plan_deadline():
    assert _refused(
        MemberFactory,
        joined_on=date(2024, 2, 1),
        first_plan_due_on=date(2024, 8, 1),
        extension_until=date(2024, 8, 1),
        extension_reason="Late start",
    )


def test_extension_needs_a_reason():
    assert _refused(
        MemberFactory,
        joined_on=date(2024, 2, 1),
        first_plan_due_on=date(2024, 8, 1),
        extension_until=date(2024, 11, 1),
        extension_reason="",
    )


def test_extension_with_a_reason_after_the_deadline_is_accepted():
    member = MemberFactory(
        joined_on=date(2024, 2, 1),
        first_plan_due_on=date(2024, 8, 1),
        extension_until=date(2024, 11, 1),
        extension_reason="Co-creation has begun",
    )
    assert member.first_plan_deadline_on == date(2024, 11, 1)


def test_voluntary_flag_only_with_inactive_status():
    assert _refused(MemberFactory, status="active", status_voluntary=True)


def test_two_jurisdictions_of_a_country_cannot_share_a_name():
    first = JurisdictionFactory(name="San José")
    assert _refused(JurisdictionFactory, name="San José", country=first.country)
    assert not _refused(JurisdictionFactory, name="San José")  # another country


def test_a_person_has_one_open_point_of_contact_record_per_member():
    record = PointOfContactFactory()
    assert _refused(PointOfContactFactory, member=record.member, user=record.user)


def test_an_ended_record_does_not_block_a_new_one():
    record = PointOfContactFactory(ends_on=date(2025, 1, 31), starts_on=date(2024, 1, 1))
    PointOfContactFactory(member=record.member, user=record.user)
    assert PointOfContact.objects.filter(member=record.member, user=record.user).count() == 2


def test_a_member_has_one_open_primary_point_of_contact():
    record = PointOfContactFactory(is_primary=True)
    assert _refused(PointOfContactFactory, member=record.member, is_primary=True)


def test_point_of_contact_cannot_end_before_it_starts():
    assert _refused(PointOfContactFactory, starts_on=date(2025, 3, 1), ends_on=date(2025, 2, 28))


def test_jurisdiction_with_a_member_cannot_be_deleted():
    member = MemberFactory()
    from django.db.models import ProtectedError

    with pytest.raises(ProtectedError):
        member.jurisdiction.delete()


def test_account_of_a_point_of_contact_cannot_be_deleted():
    from django.db.models import ProtectedError

    user = UserFactory()
    PointOfContactFactory(user=user)
    with pytest.raises(ProtectedError):
        user.delete()


def test_member_statuses_are_exactly_the_engines():
    from members.models import MemberStatus
    from tracker import engine

    assert set(MemberStatus.values) == set(engine.STATUSES)
