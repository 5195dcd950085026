"""Audit events read in words: verb labels, field labels, names instead of ids."""

import pytest
from django.utils import translation

from ogplocal.audit import registry
from ogplocal.audit.presentation import SHORT_VALUE_LENGTH, describe_events
from ogplocal.audit.registry import verb_label
from tests.factories import (
    AuditEventFactory,
    MemberFactory,
    PointOfContactFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _row(**kwargs):
    return describe_events([AuditEventFactory(**kwargs)])[0]


def test_a_registered_verb_reads_as_its_label():
    assert verb_label("member.profile_updated") == "Profile updated"


def test_an_unregistered_verb_is_humanized():
    assert verb_label("plan.deadline_extended") == "Deadline extended"


def test_a_registered_verb_is_translated(monkeypatch):
    monkeypatch.setitem(registry._VERBS, "plan.submitted", translation.gettext_lazy("Yes"))
    with translation.override("es"):
        assert verb_label("plan.submitted") == "Sí"


def test_the_admins_verbs_say_so_for_every_model():
    assert verb_label("country.changed") == "Changed in the admin"
    assert verb_label("jurisdiction.deleted") == "Deleted in the admin"


def test_changed_fields_read_as_their_labels():
    member = MemberFactory()
    row = _row(
        target=member,
        before={"about": "Old.", "jurisdiction.population": 1000},
        after={"about": "New.", "jurisdiction.population": 1200},
    )

    assert [(change.label, change.before.text, change.after.text) for change in row.changes] == [
        ("About", "Old.", "New."),
        ("Population", "1,000", "1,200"),
    ]


def test_a_field_that_no_longer_exists_is_humanized():
    row = _row(target=MemberFactory(), before={"old_field_name": "a"}, after={})
    assert row.changes[0].label == "Old field name"
    assert row.changes[0].after.text == "—"


def test_related_objects_read_as_their_names_not_ids():
    record = PointOfContactFactory()
    before = UserFactory(full_name="Achieng Otieno")
    after = UserFactory(full_name="Baraka Mwangi")

    row = _row(target=record, before={"user": before.pk}, after={"user": after.pk})

    assert (row.changes[0].label, row.changes[0].before.text, row.changes[0].after.text) == (
        "Account",
        "Achieng Otieno",
        "Baraka Mwangi",
    )


def test_choices_booleans_and_dates_read_as_people_write_them():
    row = _row(
        target=MemberFactory(),
        before={"status": "active", "status_voluntary": False, "joined_on": "2024-02-01"},
        after={"status": "inactive", "status_voluntary": True, "joined_on": "2024-03-05"},
    )

    assert [(change.before.text, change.after.text) for change in row.changes] == [
        ("Active", "Inactive"),
        ("No", "Yes"),
        ("Feb. 1, 2024", "March 5, 2024"),
    ]


def test_the_event_names_its_object_and_the_actors_public_name():
    member = MemberFactory(jurisdiction__name="Tbilisi")
    row = _row(target=member, actor=UserFactory(full_name="Nino Beridze", email="n@example.org"))

    assert (row.label, row.object_type, row.object_name, row.actor_name) == (
        "Profile updated",
        "Member",
        "Tbilisi",
        "Nino Beridze",
    )


def test_an_event_without_actor_was_the_portal():
    assert _row(actor=None).actor_name == "The portal"


def test_a_long_value_is_shortened_and_kept_whole():
    value = "x" * 5000
    change = _row(before={"about": ""}, after={"about": value}).changes[0]

    assert change.after.is_long
    assert change.after.text == value
    assert len(change.after.short) == SHORT_VALUE_LENGTH
    assert not change.before.is_long


def test_names_of_related_objects_cost_one_query_per_kind_however_many_events(
    django_assert_num_queries,
):
    records = PointOfContactFactory.create_batch(2)
    events = [
        AuditEventFactory(target=record, before={"user": record.user_id, "member": None})
        for record in records * 3
    ]
    events = list(type(events[0]).objects.select_related("actor", "content_type"))

    with django_assert_num_queries(1):  # the users; "member" names none
        describe_events(events)


def test_the_members_term_verbs_read_as_labels():
    assert verb_label("jurisdiction.term_recorded") == "Term end recorded"


def test_a_date_recorded_under_a_name_of_its_own_reads_as_a_date():
    member = MemberFactory()
    row = _row(target=member.jurisdiction, before={}, after={"proposed_ends_on": "2028-01-31"})

    assert (row.changes[0].label, row.changes[0].after.text) == (
        "Proposed ends on",
        "Jan. 31, 2028",
    )


def test_ids_recorded_for_cross_reference_are_not_shown():
    member = MemberFactory()
    row = _row(
        target=member.jurisdiction,
        before={"next_term_ends_on": None},
        after={"next_term_ends_on": "2028-01-31", "term_id": 7},
    )

    assert [change.label for change in row.changes] == ["Next term ends on"]


def test_a_malformed_date_is_shown_as_recorded():
    row = _row(target=MemberFactory(), before={"joined_on": "2024-13-45"}, after={})
    assert row.changes[0].before.text == "2024-13-45"
