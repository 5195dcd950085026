from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from members.services import update_member_profile
from ogplocal.audit.models import AuditEvent
from tests.factories import MemberFactory, PointOfContactFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def point_of_contact():
    return PointOfContactFactory(
        member__website="https://old.example.org/",
        member__about="Old text.",
        member__jurisdiction__population=1000,
        member__jurisdiction__term_ends_on=date(2027, 12, 10),
    )


def test_point_of_contact_updates_the_profile_and_the_jurisdiction(point_of_contact):
    member = point_of_contact.member

    update_member_profile(
        actor=point_of_contact.user,
        member=member,
        data={"about": "New text.", "population": 1200, "term_ends_on": date(2028, 1, 31)},
        reason="Census 2025",
    )

    member.refresh_from_db()
    member.jurisdiction.refresh_from_db()
    assert member.about == "New text."
    assert member.jurisdiction.population == 1200
    assert member.jurisdiction.term_ends_on == date(2028, 1, 31)


def test_update_writes_one_audit_event_with_the_changed_fields(point_of_contact):
    member = point_of_contact.member

    update_member_profile(
        actor=point_of_contact.user,
        member=member,
        data={"website": "https://old.example.org/", "population": 1200},
        reason="Census 2025",
    )

    event = AuditEvent.objects.get()
    assert event.verb == "member.profile_updated"
    assert event.actor == point_of_contact.user
    assert event.object_id == str(member.pk)
    assert event.before == {"jurisdiction.population": 1000}
    assert event.after == {"jurisdiction.population": 1200}
    assert event.reason == "Census 2025"


def test_update_that_changes_nothing_writes_no_event(point_of_contact):
    update_member_profile(
        actor=point_of_contact.user,
        member=point_of_contact.member,
        data={"about": "Old text."},
    )
    assert not AuditEvent.objects.exists()


def test_bad_input_raises_one_error_per_field_and_saves_nothing(point_of_contact):
    member = point_of_contact.member

    with pytest.raises(ValidationError) as raised:
        update_member_profile(
            actor=point_of_contact.user,
            member=member,
            data={
                "website": "ftp://files.example.org",
                "population": -5,
                "term_ends_on": date(2020, 1, 1),
                "about": "Valid text that must not be saved either.",
            },
        )

    assert set(raised.value.message_dict) == {"website", "population", "term_ends_on"}
    member.refresh_from_db()
    member.jurisdiction.refresh_from_db()
    assert member.about == "Old text."
    assert member.jurisdiction.population == 1000
    assert not AuditEvent.objects.exists()


def test_fields_outside_the_public_profile_are_refused(point_of_contact):
    with pytest.raises(ValidationError) as raised:
        update_member_profile(
            actor=point_of_contact.user,
            member=point_of_contact.member,
            data={"status": "revoked"},
        )
    assert "__all__" in raised.value.message_dict


def test_point_of_contact_of_another_member_is_refused(point_of_contact):
    other = MemberFactory()
    with pytest.raises(PermissionDenied):
        update_member_profile(
            actor=point_of_contact.user, member=other, data={"about": "Taken over."}
        )
    other.refresh_from_db()
    assert other.about != "Taken over."


def test_support_unit_may_update_any_member():
    member = MemberFactory()
    staff = UserFactory(staff=True)
    update_member_profile(actor=staff, member=member, data={"about": "Edited by the SU."})
    member.refresh_from_db()
    assert member.about == "Edited by the SU."
