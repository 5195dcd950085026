from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser, Group

from ogplocal.audit.models import AuditEvent
from ogplocal.audit.selectors import events_for
from ogplocal.audit.services import changed_fields, record_event, snapshot
from tests.factories import AuditEventFactory, MemberFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_snapshot_gives_json_safe_values_and_foreign_keys_as_ids():
    member = MemberFactory(joined_on=date(2024, 2, 1))

    values = snapshot(member, ["joined_on", "jurisdiction", "status"])

    assert values == {
        "joined_on": "2024-02-01",
        "jurisdiction": member.jurisdiction_id,
        "status": "active",
    }


def test_snapshot_follows_relations_with_dots():
    member = MemberFactory(jurisdiction__population=1234)
    assert snapshot(member, ["jurisdiction.population"]) == {"jurisdiction.population": 1234}


def test_snapshot_lists_many_to_many_ids():
    user = UserFactory()
    groups = [Group.objects.create(name="b"), Group.objects.create(name="a")]
    user.groups.set(groups)
    assert snapshot(user, ["groups"]) == {"groups": sorted(group.pk for group in groups)}


def test_changed_fields_names_only_what_differs():
    assert changed_fields({"a": 1, "b": "x"}, {"a": 1, "b": "y"}) == ["b"]


def test_record_event_stores_the_object_reference_and_values():
    member = MemberFactory(jurisdiction__name="Tbilisi")
    actor = UserFactory()

    event = record_event(
        actor=actor,
        verb="member.profile_updated",
        obj=member,
        before={"population": Decimal("1.5")},
        after={"population": 2},
        reason="Census",
    )

    event.refresh_from_db()
    assert event.target == member
    assert event.object_id == str(member.pk)
    assert event.object_repr == "Tbilisi"
    assert event.before == {"population": "1.5"}
    assert event.actor == actor
    assert event.changes() == [("population", "1.5", 2)]


def test_an_anonymous_actor_is_recorded_as_the_portal():
    event = record_event(actor=AnonymousUser(), verb="member.checked", obj=MemberFactory())
    assert event.actor is None


def test_events_for_returns_only_the_objects_events_newest_first():
    member = MemberFactory()
    older = AuditEventFactory(target=member)
    newer = AuditEventFactory(target=member)
    AuditEventFactory()

    assert list(events_for(member)) == [newer, older]


def test_deleting_the_actor_keeps_the_event():
    event = AuditEventFactory()
    event.actor.delete()
    event.refresh_from_db()
    assert event.actor is None
    assert AuditEvent.objects.count() == 1
