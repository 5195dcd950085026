from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from members.models import JurisdictionTerm, MemberStatus, TermCorrectionRequest
from members.selectors import term_on
from members.services import (
    correct_member_dates,
    decide_term_correction,
    grant_extension,
    record_term,
    request_term_correction,
    update_member_profile,
)
from ogplocal.audit.models import AuditEvent
from ogplocal.validation import rule_codes
from tests.factories import (
    JurisdictionFactory,
    MemberFactory,
    PointOfContactFactory,
    TermCorrectionRequestFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def point_of_contact():
    return PointOfContactFactory(
        member__website="https://old.example.org/",
        member__about="Old text.",
        member__jurisdiction__population=1000,
    )


def test_point_of_contact_updates_the_profile_and_the_jurisdiction(point_of_contact):
    member = point_of_contact.member

    update_member_profile(
        actor=point_of_contact.user,
        member=member,
        data={"about": "New text.", "population": 1200},
        reason="Census 2025",
    )

    member.refresh_from_db()
    member.jurisdiction.refresh_from_db()
    assert member.about == "New text."
    assert member.jurisdiction.population == 1200


def test_the_term_is_not_a_profile_field(point_of_contact):
    with pytest.raises(ValidationError):
        update_member_profile(
            actor=point_of_contact.user,
            member=point_of_contact.member,
            data={"term_ends_on": date(2028, 1, 31)},
        )
    assert term_on(point_of_contact.member.jurisdiction, date(2026, 1, 1)).ends_on == date(
        2028, 12, 31
    )


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
                "proposed_term_ends_on": date(9999, 12, 31),
                "term_correction_note": "Typo.",
                "about": "Valid text that must not be saved either.",
            },
            as_of=date(2026, 11, 2),
        )

    assert set(raised.value.message_dict) == {"website", "population", "proposed_term_ends_on"}
    assert not TermCorrectionRequest.objects.exists()
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


def test_a_population_beyond_any_jurisdiction_is_refused_and_nothing_saved(point_of_contact):
    member = point_of_contact.member
    with pytest.raises(ValidationError) as raised:
        update_member_profile(
            actor=point_of_contact.user,
            member=member,
            data={"population": 300_000_001, "about": "Not saved."},
        )
    assert "No jurisdiction has more than 300 million inhabitants" in str(raised.value)
    member.refresh_from_db()
    assert member.jurisdiction.population == 1000
    assert member.about == "Old text."


def test_a_description_over_the_limit_is_refused(point_of_contact):
    with pytest.raises(ValidationError) as raised:
        update_member_profile(
            actor=point_of_contact.user, member=point_of_contact.member, data={"about": "x" * 5001}
        )
    assert set(raised.value.message_dict) == {"about"}


# --- the term of office ---------------------------------------------------------------------


@pytest.fixture
def staff():
    return UserFactory(staff=True)


def test_staff_record_a_term_that_supersedes_the_earlier_one(staff):
    jurisdiction = JurisdictionFactory(term_ends_on=date(2027, 12, 9))

    term = record_term(
        actor=staff,
        jurisdiction=jurisdiction,
        ends_on=date(2027, 12, 10),
        recorded_on=date(2026, 3, 1),
        reason="Electoral calendar 2027.",
    )

    assert term_on(jurisdiction, date(2026, 3, 1)) == term
    assert term_on(jurisdiction, date(2026, 2, 28)).ends_on == date(2027, 12, 9)
    assert jurisdiction.terms.count() == 2  # the earlier record is kept
    event = AuditEvent.objects.get(verb="jurisdiction.term_recorded")
    assert event.before == {"term_ends_on": "2027-12-09"}
    assert event.after["term_ends_on"] == "2027-12-10"
    assert event.reason == "Electoral calendar 2027."


def test_a_term_ending_in_9999_is_refused_with_its_rule(staff):
    jurisdiction = JurisdictionFactory(term_ends_on=False)
    with pytest.raises(ValidationError) as raised:
        record_term(
            actor=staff,
            jurisdiction=jurisdiction,
            ends_on=date(9999, 12, 31),
            recorded_on=date(2026, 3, 1),
            reason="Typo.",
        )
    assert rule_codes(raised.value) == {"term.too_far"}
    [entry] = raised.value.error_dict["ends_on"]
    assert entry.params["handbook"] == "LH §1.1"
    assert not JurisdictionTerm.objects.exists()
    assert not AuditEvent.objects.exists()


def test_a_term_ending_before_1990_is_refused(staff):
    jurisdiction = JurisdictionFactory(term_ends_on=False)
    with pytest.raises(ValidationError) as raised:
        record_term(
            actor=staff,
            jurisdiction=jurisdiction,
            ends_on=date(1989, 12, 31),
            recorded_on=date(2026, 3, 1),
            reason="Typo.",
        )
    assert "Enter a date on or after 1990-01-01." in raised.value.message_dict["ends_on"]
    assert not JurisdictionTerm.objects.exists()


def test_a_term_needs_a_reason(staff):
    jurisdiction = JurisdictionFactory(term_ends_on=False)
    with pytest.raises(ValidationError) as raised:
        record_term(
            actor=staff,
            jurisdiction=jurisdiction,
            ends_on=date(2028, 1, 1),
            recorded_on=date(2026, 3, 1),
            reason="  ",
        )
    assert rule_codes(raised.value) == {"change.reason_required"}
    assert not JurisdictionTerm.objects.exists()


def test_a_point_of_contact_cannot_record_a_term(point_of_contact):
    with pytest.raises(PermissionDenied):
        record_term(
            actor=point_of_contact.user,
            jurisdiction=point_of_contact.member.jurisdiction,
            ends_on=date(2029, 1, 1),
            recorded_on=date(2026, 3, 1),
            reason="Mine.",
        )


def test_a_point_of_contact_requests_a_correction_from_the_profile(point_of_contact):
    update_member_profile(
        actor=point_of_contact.user,
        member=point_of_contact.member,
        data={"proposed_term_ends_on": date(2029, 6, 30), "term_correction_note": "New law."},
        as_of=date(2026, 11, 2),
    )

    request = TermCorrectionRequest.objects.get()
    assert (request.proposed_ends_on, request.requested_on) == (
        date(2029, 6, 30),
        date(2026, 11, 2),
    )
    assert request.requested_by == point_of_contact.user
    # The term itself is untouched until the Support Unit decides.
    assert term_on(request.jurisdiction, date(2026, 11, 2)).ends_on == date(2028, 12, 31)


def test_a_second_pending_correction_is_refused(point_of_contact):
    kwargs = {
        "actor": point_of_contact.user,
        "member": point_of_contact.member,
        "proposed_ends_on": date(2029, 6, 30),
        "note": "New law.",
        "requested_on": date(2026, 11, 2),
    }
    request_term_correction(**kwargs)
    with pytest.raises(ValidationError) as raised:
        request_term_correction(**kwargs)
    assert rule_codes(raised.value) == {"term.correction_pending"}


def test_a_correction_without_a_note_is_refused(point_of_contact):
    with pytest.raises(ValidationError) as raised:
        request_term_correction(
            actor=point_of_contact.user,
            member=point_of_contact.member,
            proposed_ends_on=date(2029, 6, 30),
            note="",
            requested_on=date(2026, 11, 2),
        )
    assert rule_codes(raised.value) == {"term.correction_note_required"}


def test_staff_apply_a_correction_as_a_new_term_record(staff):
    request = TermCorrectionRequestFactory(proposed_ends_on=date(2029, 6, 30))

    decide_term_correction(
        actor=staff, request=request, apply=True, reason="Checked.", decided_on=date(2026, 11, 9)
    )

    request.refresh_from_db()
    assert request.state == "applied"
    assert request.applied_term.ends_on == date(2029, 6, 30)
    assert term_on(request.jurisdiction, date(2026, 11, 9)) == request.applied_term
    assert AuditEvent.objects.filter(verb="jurisdiction.term_correction_applied").exists()


def test_staff_decline_a_correction_with_a_reason(staff):
    request = TermCorrectionRequestFactory()

    decide_term_correction(
        actor=staff, request=request, apply=False, reason="No law.", decided_on=date(2026, 11, 9)
    )

    request.refresh_from_db()
    assert (request.state, request.decision_reason) == ("declined", "No law.")
    assert request.jurisdiction.terms.count() == 1


def test_a_decided_correction_cannot_be_decided_again(staff):
    request = TermCorrectionRequestFactory()
    decide_term_correction(
        actor=staff, request=request, apply=False, reason="No.", decided_on=date(2026, 11, 9)
    )
    with pytest.raises(ValidationError) as raised:
        decide_term_correction(
            actor=staff, request=request, apply=True, reason="Yes.", decided_on=date(2026, 11, 10)
        )
    assert rule_codes(raised.value) == {"term.correction_already_decided"}


# --- the engine's inputs ------------------------------------------------------------------


@pytest.fixture
def new_member():
    return MemberFactory(joined_on=date(2024, 2, 1), first_plan_due_on=date(2024, 8, 1))


def test_staff_grant_an_extension_with_the_day_it_was_granted(staff, new_member):
    grant_extension(
        actor=staff,
        member=new_member,
        until=date(2024, 11, 1),
        reason="Co-creation has begun.",
        granted_on=date(2024, 7, 10),
    )

    new_member.refresh_from_db()
    assert new_member.extension_until == date(2024, 11, 1)
    assert new_member.extension_granted_on == date(2024, 7, 10)
    event = AuditEvent.objects.get(verb="member.extension_granted")
    assert event.before["extension_until"] is None
    assert event.after["extension_until"] == "2024-11-01"
    assert event.reason == "Co-creation has begun."


def test_an_extension_ending_before_the_deadline_is_refused(staff, new_member):
    with pytest.raises(ValidationError) as raised:
        grant_extension(
            actor=staff,
            member=new_member,
            until=date(2024, 7, 1),
            reason="Too early.",
            granted_on=date(2024, 6, 10),
        )
    assert rule_codes(raised.value) == {"member.extension_before_deadline"}
    new_member.refresh_from_db()
    assert new_member.extension_until is None
    assert not AuditEvent.objects.exists()


def test_an_extension_granted_before_joining_is_refused(staff, new_member):
    with pytest.raises(ValidationError) as raised:
        grant_extension(
            actor=staff,
            member=new_member,
            until=date(2024, 11, 1),
            reason="Early.",
            granted_on=date(2024, 1, 1),
        )
    assert rule_codes(raised.value) == {"member.extension_granted_before_joining"}


def test_a_point_of_contact_cannot_grant_an_extension(point_of_contact):
    with pytest.raises(PermissionDenied):
        grant_extension(
            actor=point_of_contact.user,
            member=point_of_contact.member,
            until=date(2024, 11, 1),
            reason="Please.",
            granted_on=date(2024, 7, 1),
        )


def test_staff_correct_the_dates_with_a_reason_and_an_event(staff, new_member):
    correct_member_dates(
        actor=staff,
        member=new_member,
        joined_on=date(2024, 2, 5),
        first_plan_due_on=date(2024, 8, 5),
        reason="The acceptance letter is dated 5 February.",
    )

    new_member.refresh_from_db()
    assert (new_member.joined_on, new_member.first_plan_due_on) == (
        date(2024, 2, 5),
        date(2024, 8, 5),
    )
    event = AuditEvent.objects.get(verb="member.dates_corrected")
    assert event.before == {"joined_on": "2024-02-01", "first_plan_due_on": "2024-08-01"}
    assert event.after == {"joined_on": "2024-02-05", "first_plan_due_on": "2024-08-05"}


def test_a_first_plan_due_before_joining_is_refused(staff, new_member):
    with pytest.raises(ValidationError) as raised:
        correct_member_dates(
            actor=staff,
            member=new_member,
            joined_on=date(2024, 2, 1),
            first_plan_due_on=date(2024, 1, 1),
            reason="Typo.",
        )
    assert rule_codes(raised.value) == {"member.first_plan_due_before_joining"}
    [entry] = raised.value.error_dict["first_plan_due_on"]
    assert entry.params["handbook"] == "LH §4.1(1)"


def test_correcting_dates_needs_a_reason(staff, new_member):
    with pytest.raises(ValidationError) as raised:
        correct_member_dates(
            actor=staff,
            member=new_member,
            joined_on=date(2024, 2, 5),
            first_plan_due_on=date(2024, 8, 5),
            reason="",
        )
    assert rule_codes(raised.value) == {"change.reason_required"}
    new_member.refresh_from_db()
    assert new_member.joined_on == date(2024, 2, 1)


def test_a_joining_date_before_1990_is_refused(staff, new_member):
    with pytest.raises(ValidationError) as raised:
        correct_member_dates(
            actor=staff,
            member=new_member,
            joined_on=date(1024, 2, 1),
            first_plan_due_on=date(2024, 8, 1),
            reason="Typo.",
        )
    assert "joined_on" in raised.value.message_dict


def test_a_revoked_member_keeps_its_history_when_the_jurisdiction_rejoins(staff):
    earlier = MemberFactory(status=MemberStatus.REVOKED, joined_on=date(2020, 3, 2))
    again = MemberFactory(jurisdiction=earlier.jurisdiction, joined_on=date(2024, 6, 3))
    grant_extension(
        actor=staff,
        member=again,
        until=again.first_plan_due_on.replace(year=again.first_plan_due_on.year + 1),
        reason="Co-creation has begun.",
        granted_on=date(2024, 7, 1),
    )
    earlier.refresh_from_db()
    assert earlier.extension_until is None
