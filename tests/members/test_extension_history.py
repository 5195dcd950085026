"""Extensions of the first plan's deadline are a kept history (H2, issue 21): each grant is a
row with who, when, why and the new date; the member mirrors the latest; the engine's facts read
the latest grant made by the day they are read for (RULES.md §6)."""

import importlib
from datetime import date

import pytest
from django.core.exceptions import ValidationError

from members.models import ExtensionGrant
from members.services import grant_extension
from ogplocal.audit.models import AuditEvent
from ogplocal.validation import rule_codes
from tests.factories import MemberFactory, UserFactory
from tracker.facts import facts_for_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff():
    return UserFactory(staff=True)


@pytest.fixture
def new_member():
    return MemberFactory(joined_on=date(2024, 2, 1), first_plan_due_on=date(2024, 8, 1))


def _grant(staff, member, until, granted_on, reason="Co-creation has begun."):
    return grant_extension(
        actor=staff, member=member, until=until, reason=reason, granted_on=granted_on
    )


def test_a_second_extension_keeps_the_first_in_the_history(staff, new_member):
    _grant(staff, new_member, date(2024, 11, 1), date(2024, 7, 10))
    _grant(staff, new_member, date(2025, 1, 31), date(2024, 10, 20), reason="Elections.")

    grants = list(new_member.extension_grants.order_by("pk"))
    assert [(g.until, g.granted_on, g.reason, g.granted_by) for g in grants] == [
        (date(2024, 11, 1), date(2024, 7, 10), "Co-creation has begun.", staff),
        (date(2025, 1, 31), date(2024, 10, 20), "Elections.", staff),
    ]
    assert AuditEvent.objects.filter(verb="member.extension_granted").count() == 2


def test_the_member_mirrors_the_latest_extension(staff, new_member):
    _grant(staff, new_member, date(2024, 11, 1), date(2024, 7, 10))
    _grant(staff, new_member, date(2025, 1, 31), date(2024, 10, 20), reason="Elections.")

    new_member.refresh_from_db()
    assert new_member.extension_until == date(2025, 1, 31)
    assert new_member.extension_granted_on == date(2024, 10, 20)
    assert new_member.extension_reason == "Elections."


def test_the_facts_read_the_latest_extension_granted_by_their_day(staff, new_member):
    _grant(staff, new_member, date(2024, 11, 1), date(2024, 7, 10))
    _grant(staff, new_member, date(2025, 1, 31), date(2024, 10, 20))

    def known(day):
        return facts_for_member(new_member, as_of=day).member.extension_until

    assert known(date(2024, 7, 9)) is None
    assert known(date(2024, 10, 19)) == date(2024, 11, 1)  # the first, not nothing
    assert known(date(2024, 10, 20)) == date(2025, 1, 31)


def test_an_extension_dated_before_the_previous_one_is_refused(staff, new_member):
    _grant(staff, new_member, date(2024, 11, 1), date(2024, 7, 10))

    with pytest.raises(ValidationError) as raised:
        _grant(staff, new_member, date(2025, 1, 31), date(2024, 7, 1))

    assert rule_codes(raised.value) == {"member.extension_granted_before_previous"}
    assert new_member.extension_grants.count() == 1
    new_member.refresh_from_db()
    assert new_member.extension_until == date(2024, 11, 1)


def test_a_refused_extension_adds_nothing_to_the_history(staff, new_member):
    with pytest.raises(ValidationError):
        _grant(staff, new_member, date(2024, 7, 1), date(2024, 6, 10))  # before the deadline
    assert not ExtensionGrant.objects.exists()


def test_an_extension_without_a_reason_is_refused_and_keeps_the_previous(staff, new_member):
    _grant(staff, new_member, date(2024, 11, 1), date(2024, 7, 10))
    with pytest.raises(ValidationError):
        _grant(staff, new_member, date(2025, 1, 31), date(2024, 10, 20), reason="  ")
    assert new_member.extension_grants.count() == 1


def test_the_same_extension_granted_again_records_nothing_new(staff, new_member):
    _grant(staff, new_member, date(2024, 11, 1), date(2024, 7, 10))
    _grant(staff, new_member, date(2024, 11, 1), date(2024, 7, 10))
    assert new_member.extension_grants.count() == 1


def test_the_migration_carries_over_each_existing_extension(new_member):
    MemberFactory(
        joined_on=date(2024, 2, 1),
        first_plan_due_on=date(2024, 8, 1),
        extension_until=date(2024, 12, 1),
        extension_granted_on=None,
        extension_reason="Granted on paper.",
    )
    migration = importlib.import_module("members.migrations.0004_extension_grants")
    from django.apps import apps

    migration.carry_over_extensions(apps, None)

    grant = ExtensionGrant.objects.get()
    assert (grant.until, grant.granted_on, grant.reason, grant.granted_by) == (
        date(2024, 12, 1),
        None,
        "Granted on paper.",
        None,
    )
