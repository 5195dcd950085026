from datetime import date

import pytest
from django.urls import reverse

from ogplocal.audit.models import AuditEvent
from tests.factories import (
    ContactFactory,
    JurisdictionFactory,
    MemberFactory,
    OrganizationFactory,
    PointOfContactFactory,
    TermCorrectionRequestFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

MODELS = ["country", "jurisdiction", "organization", "contact", "member", "pointofcontact"]


@pytest.fixture
def staff_client(client):
    client.force_login(UserFactory(staff=True, with_totp=True))
    return client


@pytest.fixture
def some_rows():
    record = PointOfContactFactory(member__jurisdiction__name="Quezon City")
    OrganizationFactory(jurisdiction=record.member.jurisdiction)
    ContactFactory(full_name="Ana Cruz")
    return record


@pytest.mark.parametrize("model", MODELS)
def test_staff_see_a_searchable_list_of_every_model(staff_client, some_rows, model):
    url = reverse(f"admin:members_{model}_changelist")
    assert staff_client.get(url).status_code == 200
    assert staff_client.get(url, {"q": "Quezon"}).status_code == 200


@pytest.mark.parametrize("model", MODELS)
def test_staff_open_the_add_form_of_every_model(staff_client, model):
    assert staff_client.get(reverse(f"admin:members_{model}_add")).status_code == 200


def test_member_list_shows_name_country_and_status(staff_client):
    MemberFactory(jurisdiction__name="Ternopil", jurisdiction__country__name="Ukraine")
    html = staff_client.get(reverse("admin:members_member_changelist")).content.decode()
    assert "Ternopil" in html
    assert "Ukraine" in html
    assert "Active" in html


def test_member_admin_autocompletes_jurisdictions(staff_client):
    MemberFactory(jurisdiction__name="Ternopil")
    response = staff_client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "members",
            "model_name": "pointofcontact",
            "field_name": "member",
            "term": "Tern",
        },
    )
    assert response.status_code == 200
    assert [result["text"] for result in response.json()["results"]] == ["Ternopil"]


@pytest.mark.parametrize("model", MODELS)
def test_points_of_contact_cannot_use_the_admin(client, some_rows, model):
    client.force_login(some_rows.user)
    response = client.get(reverse(f"admin:members_{model}_changelist"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_member_admin_list_query_count_is_flat(staff_client, assert_page_query_budget):
    MemberFactory.create_batch(2)
    assert_page_query_budget(
        staff_client,
        reverse("admin:members_member_changelist"),
        14,  # 13 before the committee-member role (issue 18)
        add_rows=lambda: MemberFactory.create_batch(18),
    )


# --- the engine's inputs: read-only, changed through the services ---------------------------


@pytest.mark.parametrize("model", ["jurisdictionterm", "termcorrectionrequest"])
def test_staff_see_term_records_and_correction_requests(staff_client, model):
    TermCorrectionRequestFactory()
    assert staff_client.get(reverse(f"admin:members_{model}_changelist")).status_code == 200


def test_term_records_cannot_be_added_or_changed_in_place(staff_client):
    jurisdiction = JurisdictionFactory(term_ends_on=date(2028, 12, 31))
    term = jurisdiction.terms.get()
    assert staff_client.get(reverse("admin:members_jurisdictionterm_add")).status_code == 403
    staff_client.post(
        reverse("admin:members_jurisdictionterm_change", args=[term.pk]),
        {"ends_on": "2030-01-01", "recorded_on": "2016-01-01", "reason": "Edited."},
    )
    term.refresh_from_db()
    assert term.ends_on == date(2028, 12, 31)


def test_member_dates_are_read_only_on_the_change_form(staff_client):
    member = MemberFactory(joined_on=date(2024, 2, 1), first_plan_due_on=date(2024, 8, 1))
    url = reverse("admin:members_member_change", args=[member.pk])

    html = staff_client.get(url).content.decode()
    assert 'name="joined_on"' not in html
    assert 'name="first_plan_due_on"' not in html
    assert 'name="extension_until"' not in html
    assert reverse("admin:members_member_dates", args=[member.pk]) in html
    assert reverse("admin:members_member_extension", args=[member.pk]) in html

    staff_client.post(
        url,
        {
            "website": member.website,
            "about": member.about,
            "joined_on": "2020-01-01",
            "first_plan_due_on": "2020-06-01",
        },
    )
    member.refresh_from_db()
    assert member.joined_on == date(2024, 2, 1)


def test_staff_grant_an_extension_from_the_admin(staff_client):
    member = MemberFactory(joined_on=date(2024, 2, 1), first_plan_due_on=date(2024, 8, 1))

    response = staff_client.post(
        reverse("admin:members_member_extension", args=[member.pk]),
        {"until": "2024-11-01", "granted_on": "2024-07-10", "reason": "Co-creation has begun."},
    )

    assert response.status_code == 302
    member.refresh_from_db()
    assert (member.extension_until, member.extension_granted_on) == (
        date(2024, 11, 1),
        date(2024, 7, 10),
    )
    assert AuditEvent.objects.filter(verb="member.extension_granted").count() == 1


def test_an_extension_before_the_deadline_is_shown_with_its_rule_and_not_saved(staff_client):
    member = MemberFactory(joined_on=date(2024, 2, 1), first_plan_due_on=date(2024, 8, 1))

    response = staff_client.post(
        reverse("admin:members_member_extension", args=[member.pk]),
        {"until": "2024-07-01", "granted_on": "2024-06-10", "reason": "Too early."},
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-rule="member.extension_before_deadline"' in html
    assert "(LH §4.1(1))" in html
    assert 'value="2024-07-01"' in html
    member.refresh_from_db()
    assert member.extension_until is None


def test_staff_correct_member_dates_from_the_admin(staff_client):
    member = MemberFactory(joined_on=date(2024, 2, 1), first_plan_due_on=date(2024, 8, 1))

    response = staff_client.post(
        reverse("admin:members_member_dates", args=[member.pk]),
        {"joined_on": "2024-02-05", "first_plan_due_on": "2024-08-05", "reason": "Letter date."},
    )

    assert response.status_code == 302
    member.refresh_from_db()
    assert member.joined_on == date(2024, 2, 5)
    assert AuditEvent.objects.get(verb="member.dates_corrected").reason == "Letter date."


def test_staff_record_a_term_from_the_jurisdictions_page(staff_client):
    jurisdiction = JurisdictionFactory(term_ends_on=date(2028, 12, 31))
    change_page = staff_client.get(
        reverse("admin:members_jurisdiction_change", args=[jurisdiction.pk])
    ).content.decode()
    assert reverse("admin:members_jurisdiction_record_term", args=[jurisdiction.pk]) in change_page

    response = staff_client.post(
        reverse("admin:members_jurisdiction_record_term", args=[jurisdiction.pk]),
        {"ends_on": "2029-01-15", "recorded_on": "2026-03-01", "reason": "New calendar."},
    )

    assert response.status_code == 302
    assert jurisdiction.terms.count() == 2


def test_a_term_in_9999_is_refused_in_the_admin(staff_client):
    jurisdiction = JurisdictionFactory(term_ends_on=date(2028, 12, 31))

    response = staff_client.post(
        reverse("admin:members_jurisdiction_record_term", args=[jurisdiction.pk]),
        {"ends_on": "9999-12-31", "recorded_on": "2026-03-01", "reason": "Typo."},
    )

    assert 'data-rule="term.too_far"' in response.content.decode()
    assert jurisdiction.terms.count() == 1


def test_staff_apply_a_correction_request_from_the_admin(staff_client):
    request = TermCorrectionRequestFactory(proposed_ends_on=date(2029, 6, 30))

    response = staff_client.post(
        reverse("admin:members_termcorrectionrequest_decide", args=[request.pk]),
        {"decision": "apply", "decided_on": "2026-11-09", "reason": "Checked the decree."},
    )

    assert response.status_code == 302
    request.refresh_from_db()
    assert request.state == "applied"
    assert request.applied_term.ends_on == date(2029, 6, 30)


def test_points_of_contact_cannot_reach_the_service_pages(client):
    record = PointOfContactFactory()
    client.force_login(record.user)
    response = client.get(reverse("admin:members_member_extension", args=[record.member.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
