"""Each event is filed under the member whose history it belongs to, and that history is one
indexed query."""

import pytest
from django.db import connection

from members.models import Country
from ogplocal.audit import registry
from ogplocal.audit.models import AuditEvent
from ogplocal.audit.selectors import events_for_member
from ogplocal.audit.services import record_event
from tests.factories import (
    AuditEventFactory,
    CountryFactory,
    MemberFactory,
    PointOfContactFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def _record(obj, **kwargs) -> AuditEvent:
    return record_event(actor=UserFactory(), verb="thing.happened", obj=obj, **kwargs)


def test_an_event_about_a_member_is_in_its_history():
    member = MemberFactory()
    assert _record(member).member == member


def test_an_event_about_a_jurisdiction_is_in_its_members_history():
    member = MemberFactory()
    assert _record(member.jurisdiction).member == member


def test_an_event_about_a_record_with_a_member_key_is_in_that_members_history():
    record = PointOfContactFactory()
    assert _record(record).member == record.member


def test_an_event_about_a_country_is_in_no_members_history():
    assert _record(CountryFactory()).member is None


def test_an_explicit_member_wins_over_the_derived_one():
    member, other = MemberFactory(), MemberFactory()
    assert _record(member, member=other).member == other


def test_an_explicit_none_files_the_event_under_no_member():
    assert _record(MemberFactory(), member=None).member is None


def test_a_model_can_name_its_member_with_audit_member(monkeypatch):
    member = MemberFactory()
    monkeypatch.setattr(Country, "audit_member", property(lambda self: member), raising=False)
    assert _record(CountryFactory()).member == member


def test_a_registered_function_names_the_member_of_a_model(monkeypatch):
    member = MemberFactory()
    monkeypatch.setitem(registry._MEMBER_OF, Country, lambda country: member)
    assert _record(CountryFactory()).member == member


def test_events_for_member_lists_its_own_and_its_jurisdictions_events_newest_first():
    member = MemberFactory()
    older = _record(member)
    newer = _record(member.jurisdiction)
    _record(MemberFactory())
    _record(CountryFactory())

    assert list(events_for_member(member)) == [newer, older]


def test_events_for_member_is_read_through_the_member_index():
    member = MemberFactory()
    AuditEventFactory.create_batch(3, target=member)

    plan = events_for_member(member).explain()

    if connection.vendor == "sqlite":
        assert "audit_event_member_at_idx" in plan
    else:  # PostgreSQL may prefer a sequential scan of a tiny table; the index must be there
        assert "audit_event_member_at_idx" in {index.name for index in AuditEvent._meta.indexes}


def test_the_factory_files_events_as_record_event_does():
    member = MemberFactory()
    assert AuditEventFactory(target=member.jurisdiction).member == member
