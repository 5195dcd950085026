"""Coalitions for joint action plans (LH §3.4): 2 to 4 members of the same country with one
coordinating point of contact; anything else refused with its rule code, nothing saved."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from members.models import Coalition, CoalitionMembership, MemberStatus
from members.services_coalitions import create_coalition
from ogplocal.audit.models import AuditEvent
from ogplocal.validation import rule_codes
from tests.factories import (
    CountryFactory,
    MemberFactory,
    PointOfContactFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

AS_OF = date(2026, 11, 16)


@pytest.fixture
def staff():
    return UserFactory(staff=True)


@pytest.fixture
def country():
    return CountryFactory()


def _members(count, country, **kwargs):
    return [MemberFactory(jurisdiction__country=country, **kwargs) for _ in range(count)]


def _coordinator_of(member):
    return PointOfContactFactory(member=member, starts_on=date(2025, 1, 1)).user


def _refused(staff, name, members, coordinator) -> set[str]:
    with pytest.raises(ValidationError) as error:
        create_coalition(name, members, coordinator, actor=staff, as_of=AS_OF)
    assert not Coalition.objects.exists()
    assert not CoalitionMembership.objects.exists()
    assert not AuditEvent.objects.filter(verb="coalition.created").exists()
    return rule_codes(error.value)


@pytest.mark.parametrize("count", [2, 3, 4])
def test_two_to_four_members_of_one_country_form_a_coalition(staff, country, count):
    members = _members(count, country)
    coordinator = _coordinator_of(members[0])
    coalition = create_coalition("Valle Abierto", members, coordinator, actor=staff, as_of=AS_OF)
    assert set(coalition.members.all()) == set(members)
    assert coalition.country == country
    assert coalition.coordinator == coordinator
    assert coalition.formed_on == AS_OF
    assert AuditEvent.objects.filter(verb="coalition.created").count() == count


def test_a_coalition_of_one_is_refused(staff, country):
    members = _members(1, country)
    codes = _refused(staff, "Solo", members, _coordinator_of(members[0]))
    assert codes == {"coalition.size"}


def test_a_coalition_of_five_is_refused(staff, country):
    members = _members(5, country)
    codes = _refused(staff, "Too many", members, _coordinator_of(members[0]))
    assert codes == {"coalition.size"}


def test_a_coalition_of_nobody_is_refused(staff):
    assert "coalition.size" in _refused(staff, "Nobody", [], UserFactory())


def test_members_of_two_countries_are_refused(staff, country):
    members = [*_members(1, country), *_members(1, CountryFactory())]
    codes = _refused(staff, "Across the border", members, _coordinator_of(members[0]))
    assert codes == {"coalition.mixed_countries"}


def test_the_message_names_the_limits_and_the_handbook(staff, country):
    members = _members(5, country)
    with pytest.raises(ValidationError) as error:
        create_coalition("Too many", members, _coordinator_of(members[0]), actor=staff, as_of=AS_OF)
    entry = error.value.error_dict["members"][0]
    assert "2 to 4 members" in entry.message
    assert entry.params["handbook"] == "LH §3.4"


def test_a_coordinator_who_is_no_point_of_contact_of_them_is_refused(staff, country):
    members = _members(2, country)
    outsider = PointOfContactFactory(member=MemberFactory(jurisdiction__country=country)).user
    codes = _refused(staff, "Valle", members, outsider)
    assert codes == {"coalition.coordinator_not_point_of_contact"}


def test_a_former_point_of_contact_cannot_coordinate(staff, country):
    members = _members(2, country)
    former = PointOfContactFactory(
        member=members[0], starts_on=date(2024, 1, 1), ends_on=date(2025, 12, 31)
    ).user
    codes = _refused(staff, "Valle", members, former)
    assert codes == {"coalition.coordinator_not_point_of_contact"}


def test_a_revoked_member_cannot_join(staff, country):
    members = [*_members(1, country), *_members(1, country, status=MemberStatus.REVOKED)]
    codes = _refused(staff, "Valle", members, _coordinator_of(members[0]))
    assert codes == {"coalition.member_revoked"}


def test_a_coalition_needs_a_name(staff, country):
    members = _members(2, country)
    assert _refused(staff, "  ", members, _coordinator_of(members[0])) == {
        "coalition.name_required"
    }


def test_a_name_taken_in_the_country_is_refused(staff, country):
    members = _members(4, country)
    create_coalition("Valle", members[:2], _coordinator_of(members[0]), actor=staff, as_of=AS_OF)
    with pytest.raises(ValidationError) as error:
        create_coalition(
            "valle", members[2:], _coordinator_of(members[2]), actor=staff, as_of=AS_OF
        )
    assert rule_codes(error.value) == {"coalition.name_taken"}
    assert Coalition.objects.count() == 1


def test_every_broken_rule_is_reported_at_once(staff, country):
    members = [*_members(4, country), *_members(1, CountryFactory())]
    codes = _refused(staff, "", members, UserFactory())
    assert codes == {
        "coalition.name_required",
        "coalition.size",
        "coalition.mixed_countries",
        "coalition.coordinator_not_point_of_contact",
    }


def test_only_staff_form_coalitions(country):
    members = _members(2, country)
    coordinator = _coordinator_of(members[0])
    with pytest.raises(PermissionDenied):
        create_coalition("Valle", members, coordinator, actor=coordinator, as_of=AS_OF)


# --- pages ----------------------------------------------------------------------------------------


def test_staff_form_a_coalition_through_the_page(client, staff, country, today):
    members = _members(2, country)
    coordinator = _coordinator_of(members[0])
    client.force_login(UserFactory(staff=True, with_totp=True))
    response = client.post(
        reverse("decisions:coalition_new"),
        {
            "name": "Valle Abierto",
            "members": [m.pk for m in members],
            "coordinator": coordinator.pk,
        },
    )
    coalition = Coalition.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("decisions:coalition", args=[coalition.pk])


def test_the_page_shows_the_rule_a_coalition_of_one_breaks(client, country, today):
    members = _members(1, country)
    coordinator = _coordinator_of(members[0])
    client.force_login(UserFactory(staff=True, with_totp=True))
    response = client.post(
        reverse("decisions:coalition_new"),
        {"name": "Solo", "members": [members[0].pk], "coordinator": coordinator.pk},
    )
    assert response.status_code == 200
    assert 'data-rule="coalition.size"' in response.content.decode()
    assert not Coalition.objects.exists()


def _coalition(country):
    members = _members(2, country)
    coordinator = _coordinator_of(members[0])
    return create_coalition(
        "Valle Abierto", members, coordinator, actor=UserFactory(staff=True), as_of=AS_OF
    )


def test_the_coalition_page_lists_its_members(client, country):
    coalition = _coalition(country)
    response = client.get(reverse("decisions:coalition", args=[coalition.pk]))
    content = response.content.decode()
    assert "Valle Abierto" in content
    for member in coalition.members.all():
        assert member.jurisdiction.name in content


def test_each_member_page_names_the_coalition_and_the_other_members(client, country):
    coalition = _coalition(country)
    first, second = coalition.members.order_by("pk")
    content = client.get(reverse("members:detail", args=[first.slug])).content.decode()
    assert "Valle Abierto" in content
    assert reverse("members:detail", args=[second.slug]) in content
    assert reverse("decisions:coalition", args=[coalition.pk]) in content


def test_a_member_page_without_coalition_has_no_coalition_section(client, country):
    member = MemberFactory()
    content = client.get(reverse("members:detail", args=[member.slug])).content.decode()
    assert "coalitions-heading" not in content


def test_the_coalition_page_costs_the_same_queries_for_more_members(
    client, country, assert_page_query_budget
):
    coalition = _coalition(country)

    def add_rows():
        for member in _members(2, country):
            CoalitionMembership.objects.create(coalition=coalition, member=member)

    # the coalition with its country and coordinator, its members, their jurisdictions, and its
    # joint plans (actionplans/_coalition_plans.html)
    assert_page_query_budget(
        client, reverse("decisions:coalition", args=[coalition.pk]), 4, add_rows=add_rows
    )


def test_the_new_coalition_page_costs_the_same_queries_for_more_members(
    client, country, today, assert_page_query_budget
):
    client.force_login(UserFactory(staff=True, with_totp=True))
    _members(2, country)
    # session, user, TOTP check, roles (3), the members and the coordinators to choose from
    assert_page_query_budget(
        client,
        reverse("decisions:coalition_new"),
        8,
        add_rows=lambda: [_coordinator_of(m) for m in _members(5, country)],
    )


def test_staff_start_a_coalition_from_a_member_page(client, country, today):
    member = _members(1, country)[0]
    client.force_login(UserFactory(staff=True, with_totp=True))
    content = client.get(reverse("members:detail", args=[member.slug])).content.decode()
    link = f"{reverse('decisions:coalition_new')}?member={member.pk}"
    assert link in content
    response = client.get(link)
    assert response.context["form"]["members"].value() == [str(member.pk)]


def test_the_public_has_no_link_to_form_a_coalition(client, country):
    member = _members(1, country)[0]
    content = client.get(reverse("members:detail", args=[member.slug])).content.decode()
    assert reverse("decisions:coalition_new") not in content
