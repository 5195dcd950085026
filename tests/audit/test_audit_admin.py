"""The admin writes the audit trail and shows it; the trail itself cannot be changed there."""

import pytest
from django.urls import reverse

from members.models import Country, Member
from ogplocal.audit.models import AuditEvent
from tests.factories import AuditEventFactory, CountryFactory, MemberFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    client.force_login(UserFactory(staff=True, with_totp=True))
    return client


@pytest.fixture
def superuser_client(client):
    client.force_login(
        UserFactory(staff=True, is_superuser=True, with_totp=True, email="root@example.org")
    )
    return client


def _member_form(member: Member, **changes) -> dict:
    data = {
        "jurisdiction": member.jurisdiction_id,
        "slug": member.slug,
        "website": member.website,
        "about": member.about,
        "joined_on": member.joined_on.isoformat(),
        "first_plan_due_on": member.first_plan_due_on.isoformat(),
        "extension_until": "",
        "extension_reason": "",
    }
    data.update(changes)
    return data


def test_changing_a_member_in_the_admin_records_the_changed_fields(staff_client):
    member = MemberFactory(about="Before.")

    response = staff_client.post(
        reverse("admin:members_member_change", args=[member.pk]),
        _member_form(member, about="After."),
    )

    assert response.status_code == 302
    event = AuditEvent.objects.get()
    assert event.verb == "member.changed"
    assert event.before == {"about": "Before."}
    assert event.after == {"about": "After."}
    assert event.object_id == str(member.pk)


def test_adding_in_the_admin_records_the_new_values(staff_client):
    response = staff_client.post(
        reverse("admin:members_country_add"),
        {
            "name": "Kenya",
            "iso_code": "KE",
            "ogp_region": "africa_middle_east",
            "is_ogp_member_in_good_standing": "on",
        },
    )

    assert response.status_code == 302
    country = Country.objects.get(iso_code="KE")
    event = AuditEvent.objects.get()
    assert event.verb == "country.added"
    assert event.object_id == str(country.pk)
    assert event.after == {
        "name": "Kenya",
        "iso_code": "KE",
        "ogp_region": "africa_middle_east",
        "is_ogp_member_in_good_standing": True,
    }


def test_deleting_in_the_admin_records_what_was_deleted(staff_client):
    country = CountryFactory(name="Atlantis", iso_code="AQ")

    response = staff_client.post(
        reverse("admin:members_country_delete", args=[country.pk]), {"post": "yes"}
    )

    assert response.status_code == 302
    event = AuditEvent.objects.get()
    assert event.verb == "country.deleted"
    assert event.before["name"] == "Atlantis"


def test_bulk_delete_action_records_each_object(staff_client):
    countries = [CountryFactory(iso_code="AQ"), CountryFactory(iso_code="BV")]

    staff_client.post(
        reverse("admin:members_country_changelist"),
        {
            "action": "delete_selected",
            "_selected_action": [country.pk for country in countries],
            "post": "yes",
        },
    )

    assert sorted(AuditEvent.objects.values_list("verb", flat=True)) == [
        "country.deleted",
        "country.deleted",
    ]


def test_history_page_shows_the_audit_events_of_the_object(staff_client):
    member = MemberFactory()
    AuditEventFactory(target=member, verb="member.profile_updated", reason="Census 2025")
    AuditEventFactory(verb="member.profile_updated", reason="Someone else's change")

    response = staff_client.get(reverse("admin:members_member_history", args=[member.pk]))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Census 2025" in html
    assert "Someone else&#x27;s change" not in html


def test_audit_log_can_be_filtered_to_one_object(staff_client):
    member = MemberFactory()
    mine = AuditEventFactory(target=member)
    AuditEventFactory()
    url = reverse("admin:audit_auditevent_changelist")

    response = staff_client.get(
        url,
        {"content_type__id__exact": mine.content_type_id, "object_id": str(member.pk)},
    )

    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [mine]


@pytest.mark.parametrize("client_fixture", ["staff_client", "superuser_client"])
def test_no_one_adds_changes_or_deletes_audit_events_in_the_admin(request, client_fixture):
    client = request.getfixturevalue(client_fixture)
    event = AuditEventFactory(reason="Original")

    assert client.get(reverse("admin:audit_auditevent_add")).status_code == 403
    assert (
        client.post(
            reverse("admin:audit_auditevent_change", args=[event.pk]), {"reason": "Rewritten"}
        ).status_code
        == 403
    )
    assert (
        client.post(
            reverse("admin:audit_auditevent_delete", args=[event.pk]), {"post": "yes"}
        ).status_code
        == 403
    )
    event.refresh_from_db()
    assert event.reason == "Original"


def test_staff_can_read_an_audit_event(staff_client):
    event = AuditEventFactory(reason="Readable")
    response = staff_client.get(reverse("admin:audit_auditevent_change", args=[event.pk]))
    assert response.status_code == 200
    assert "Readable" in response.content.decode()


def test_a_member_without_history_can_be_deleted_and_its_deletion_is_recorded(staff_client):
    member = MemberFactory()

    response = staff_client.post(
        reverse("admin:members_member_delete", args=[member.pk]), {"post": "yes"}
    )

    assert response.status_code == 302
    assert not Member.objects.filter(pk=member.pk).exists()
    event = AuditEvent.objects.get()
    assert (event.verb, event.object_id, event.member) == ("member.deleted", str(member.pk), None)


def test_a_member_with_history_cannot_be_deleted_so_its_history_is_kept(staff_client):
    member = MemberFactory()
    AuditEventFactory(target=member)

    staff_client.post(reverse("admin:members_member_delete", args=[member.pk]), {"post": "yes"})

    assert Member.objects.filter(pk=member.pk).exists()
    assert AuditEvent.objects.filter(member=member).count() == 1


def test_audit_log_names_events_in_words(staff_client):
    AuditEventFactory(verb="member.profile_updated")

    response = staff_client.get(reverse("admin:audit_auditevent_changelist"))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Profile updated" in html
