from datetime import date

import pytest
from django.db import IntegrityError, transaction

from members.models import JurisdictionTerm, Member, MemberStatus, PointOfContact
from members.selectors import term_on
from tests.factories import (
    JurisdictionFactory,
    MemberFactory,
    PointOfContactFactory,
    TermCorrectionRequestFactory,
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
    assert not _refused(
        MemberFactory,
        joined_on=date(2024, 2, 1),
        first_plan_due_on=date(2024, 8, 1),
        extension_until=date(2024, 11, 1),
        extension_reason="Co-creation has begun",
    )


def test_extension_cannot_be_granted_before_joining():
    assert _refused(
        MemberFactory,
        joined_on=date(2024, 2, 1),
        first_plan_due_on=date(2024, 8, 1),
        extension_until=date(2024, 11, 1),
        extension_reason="Co-creation has begun",
        extension_granted_on=date(2024, 1, 31),
    )


# --- the membership shape: a revoked jurisdiction may join again ------------------------------


def test_a_revoked_jurisdiction_can_join_again():
    earlier = MemberFactory(joined_on=date(2020, 3, 2), status=MemberStatus.REVOKED)

    again = MemberFactory(jurisdiction=earlier.jurisdiction, joined_on=date(2024, 6, 3))

    assert set(earlier.jurisdiction.memberships.all()) == {earlier, again}


def test_the_database_refuses_two_unrevoked_memberships_of_a_jurisdiction():
    member = MemberFactory(status=MemberStatus.INACTIVE)
    assert _refused(MemberFactory, jurisdiction=member.jurisdiction, joined_on=date(2025, 1, 6))


def test_the_page_shows_the_unrevoked_membership_of_a_rejoined_jurisdiction():
    earlier = MemberFactory(joined_on=date(2020, 3, 2), status=MemberStatus.REVOKED)
    again = MemberFactory(jurisdiction=earlier.jurisdiction, joined_on=date(2019, 6, 3))

    assert Member.objects.page_of(earlier.jurisdiction.slug).get() == again


def test_the_page_of_a_revoked_jurisdiction_shows_its_latest_membership():
    first = MemberFactory(joined_on=date(2020, 3, 2), status=MemberStatus.REVOKED)
    latest = MemberFactory(
        jurisdiction=first.jurisdiction, joined_on=date(2023, 6, 3), status=MemberStatus.REVOKED
    )

    assert Member.objects.page_of(first.jurisdiction.slug).get() == latest
    assert latest.slug == first.jurisdiction.slug


# --- field limits in the database -----------------------------------------------------------


def test_a_population_beyond_any_jurisdiction_is_refused_by_the_database():
    assert _refused(JurisdictionFactory, population=300_000_001)


def test_a_membership_before_1990_is_refused_by_the_database():
    assert _refused(MemberFactory, joined_on=date(1989, 12, 31))


def test_a_term_record_needs_a_reason():
    jurisdiction = JurisdictionFactory(term_ends_on=False)
    assert _refused(
        JurisdictionTerm.objects.create,
        jurisdiction=jurisdiction,
        ends_on=date(2028, 1, 1),
        recorded_on=date(2024, 1, 1),
        reason="",
    )


def test_one_pending_term_correction_per_jurisdiction():
    request = TermCorrectionRequestFactory()
    assert _refused(TermCorrectionRequestFactory, jurisdiction=request.jurisdiction)


def test_the_term_in_force_is_the_latest_recorded_on_or_before_the_day():
    jurisdiction = JurisdictionFactory(term_ends_on=date(2027, 12, 9))  # recorded 2016-01-01
    corrected = JurisdictionTerm.objects.create(
        jurisdiction=jurisdiction,
        ends_on=date(2027, 12, 10),
        recorded_on=date(2024, 3, 15),
        reason="Corrected.",
    )

    assert term_on(jurisdiction, date(2024, 3, 14)).ends_on == date(2027, 12, 9)
    assert term_on(jurisdiction, date(2024, 3, 15)) == corrected
    assert term_on(JurisdictionFactory(term_ends_on=False), date(2024, 3, 15)) is None


def test_search_name_is_the_name_and_region_without_accents():
    jurisdiction = JurisdictionFactory(name="São Paulo", region="Estado de São Paulo")
    assert jurisdiction.search_name == "sao paulo estado de sao paulo"
    jurisdiction.name = "Bogotá"
    jurisdiction.save(update_fields=["name"])
    jurisdiction.refresh_from_db()
    assert jurisdiction.search_name == "bogota estado de sao paulo"


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
