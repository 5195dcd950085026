"""A member's history page and the admin's History page read in words, keep long values inside
the page, and cost the same number of queries however long the history is."""

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse
from django.utils import translation

from tests.factories import AuditEventFactory, MemberFactory, PointOfContactFactory, UserFactory

pytestmark = pytest.mark.django_db

HUGE = "x" * 5000


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def staff_client(client):
    client.force_login(UserFactory(staff=True, with_totp=True))
    return client


@pytest.fixture
def member():
    return MemberFactory(jurisdiction__name="Makueni County")


def _history(client, member):
    response = client.get(reverse("members:history", args=[member.slug]))
    assert response.status_code == 200
    return response.content.decode()


def test_history_names_the_change_the_fields_the_actor_and_the_reason(staff_client, member):
    AuditEventFactory(
        target=member,
        verb="member.profile_updated",
        actor=UserFactory(full_name="Achieng Otieno", email="achieng@example.org"),
        before={"jurisdiction.population": 1000},
        after={"jurisdiction.population": 1200},
        reason="Census 2025",
    )

    html = _history(staff_client, member)

    assert "Profile updated" in html
    assert "Population:" in html
    assert "1,000" in html and "1,200" in html
    assert "Achieng Otieno" in html
    assert "Census 2025" in html
    assert "member.profile_updated" not in html
    assert "jurisdiction.population" not in html


def test_history_includes_events_about_the_members_records(staff_client, member):
    record = PointOfContactFactory(member=member)
    AuditEventFactory(target=record, verb="pointofcontact.changed", before={"is_primary": False})

    html = _history(staff_client, member)

    assert "Changed in the admin" in html
    assert "Point of contact:" in html


def test_history_shortens_a_huge_value_and_keeps_it_whole_behind_a_disclosure(staff_client, member):
    AuditEventFactory(target=member, before={"about": "Short."}, after={"about": HUGE})

    html = _history(staff_client, member)

    assert html.count(HUGE) == 1
    assert "<details" in html
    assert "show all 5000 characters" in html


def test_history_table_uses_the_wrapping_stylesheet(staff_client, member):
    AuditEventFactory(target=member, after={"about": HUGE})

    html = _history(staff_client, member)
    with open(finders.find("audit/audit.css")) as stylesheet:
        css = stylesheet.read()

    assert 'class="audit-events"' in html
    assert "audit/audit.css" in html
    assert "overflow-wrap: anywhere" in css
    assert "table-layout: fixed" in css


@pytest.mark.parametrize("events", [1, 30])
def test_history_query_count_does_not_grow_with_events(
    staff_client, member, events, django_assert_max_num_queries
):
    record = PointOfContactFactory(member=member)
    # Events about the member, its jurisdiction and one of its records, naming other objects.
    for number in range(events):
        target = (member, member.jurisdiction, record)[number % 3]
        before = {"user": record.user_id} if target is record else {"about": "Before."}
        AuditEventFactory(target=target, actor=UserFactory(), before=before)

    # session, user, TOTP check, roles (3), member, count, page, and the users the values name
    with django_assert_max_num_queries(10):
        response = staff_client.get(reverse("members:history", args=[member.slug]))

    assert response.status_code == 200
    assert len(response.context["page_obj"]) == events


def test_admin_history_page_reads_in_words(staff_client, member):
    AuditEventFactory(
        target=member,
        verb="member.profile_updated",
        before={"about": "Old."},
        after={"about": HUGE},
    )

    response = staff_client.get(reverse("admin:members_member_history", args=[member.pk]))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Profile updated" in html
    assert "About:" in html
    assert "audit/audit.css" in html
    assert html.count(HUGE) == 1


def test_admin_page_of_one_event_shows_its_changes_in_words(staff_client, member):
    event = AuditEventFactory(
        target=member, before={"status": "active"}, after={"status": "inactive"}
    )

    response = staff_client.get(reverse("admin:audit_auditevent_change", args=[event.pk]))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Status:" in html
    assert "Inactive" in html
    assert "audit/audit.css" in html


@pytest.mark.parametrize("events", [1, 30])
def test_admin_history_query_count_does_not_grow_with_events(
    staff_client, member, events, django_assert_max_num_queries
):
    AuditEventFactory.create_batch(events, target=member, actor=UserFactory())

    # session, user, TOTP check, the member and its jurisdiction, permissions, count, page, …
    # (roles: point of contact, reviewer, committee member)
    with django_assert_max_num_queries(12):
        response = staff_client.get(reverse("admin:members_member_history", args=[member.pk]))

    assert response.status_code == 200
