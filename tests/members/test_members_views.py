from datetime import date

import pytest
from django.urls import reverse

from members.models import JurisdictionTerm, MemberStatus, OgpRegion, TermCorrectionRequest
from members.views import MEMBERS_PER_PAGE
from ogplocal.audit.models import AuditEvent
from tests.factories import (
    AuditEventFactory,
    CountryFactory,
    JurisdictionFactory,
    MemberFactory,
    PointOfContactFactory,
    TermCorrectionRequestFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

LIST_URL = reverse("members:list")


def _names(response) -> list[str]:
    return [member.name for member in response.context["page_obj"]]


# --- the directory -------------------------------------------------------------------------


def test_directory_lists_members_with_kind_country_region_and_status(client):
    MemberFactory(
        jurisdiction__name="Makueni County",
        jurisdiction__kind="county",
        jurisdiction__region="Eastern",
        jurisdiction__country=CountryFactory(name="Kenya", iso_code="KE"),
        status=MemberStatus.PROBATION,
    )

    response = client.get(LIST_URL)

    html = response.content.decode()
    assert response.status_code == 200
    for text in ("Makueni County", "County", "Eastern", "Kenya", "Probation"):
        assert text in html


def test_directory_filters_by_country_using_its_iso_code(client):
    kenya = CountryFactory(name="Kenya", iso_code="KE")
    MemberFactory(jurisdiction__name="Nairobi City County", jurisdiction__country=kenya)
    MemberFactory(jurisdiction__name="Tbilisi")

    response = client.get(LIST_URL, {"country": "KE"})

    assert _names(response) == ["Nairobi City County"]


def test_directory_filters_by_ogp_region(client):
    europe = CountryFactory(name="Georgia", iso_code="GE", ogp_region=OgpRegion.EUROPE)
    MemberFactory(jurisdiction__name="Tbilisi", jurisdiction__country=europe)
    MemberFactory(jurisdiction__name="Bogotá")

    response = client.get(LIST_URL, {"region": "europe"})

    assert _names(response) == ["Tbilisi"]


def test_directory_filters_by_status(client):
    # Both evaluated by the daily job: the recorded status is the one shown and filtered on.
    MemberFactory(
        jurisdiction__name="Larena",
        status=MemberStatus.INACTIVE,
        status_evaluated_on=date(2026, 11, 1),
    )
    MemberFactory(jurisdiction__name="Seoul", status_evaluated_on=date(2026, 11, 1))

    response = client.get(LIST_URL, {"status": "inactive"})

    assert _names(response) == ["Larena"]


def test_directory_text_search_matches_name_region_and_country(client):
    MemberFactory(jurisdiction__name="Semarang", jurisdiction__region="Central Java")
    MemberFactory(jurisdiction__name="Austin", jurisdiction__region="Texas")

    assert _names(client.get(LIST_URL, {"q": "java"})) == ["Semarang"]
    assert _names(client.get(LIST_URL, {"q": "AUST"})) == ["Austin"]


def test_directory_renders_the_filterset_form(client):
    response = client.get(LIST_URL)
    html = response.content.decode()
    for field in ('name="q"', 'name="country"', 'name="region"', 'name="status"'):
        assert field in html
    assert 'name="mine"' not in html  # only points of contact have members of their own


def test_directory_search_ignores_accents(client):
    MemberFactory(jurisdiction__name="Bogotá", jurisdiction__region="Capital District")
    MemberFactory(jurisdiction__name="São Paulo", jurisdiction__region="São Paulo State")
    MemberFactory(jurisdiction__name="Austin", jurisdiction__region="Texas")

    assert _names(client.get(LIST_URL, {"q": "Bogota"})) == ["Bogotá"]
    assert _names(client.get(LIST_URL, {"q": "sao paulo"})) == ["São Paulo"]
    assert _names(client.get(LIST_URL, {"q": "BOGOTÁ"})) == ["Bogotá"]


def test_only_mine_for_someone_without_members_says_so_instead_of_listing_everyone(client):
    MemberFactory(jurisdiction__name="Nandi County")
    client.force_login(UserFactory())

    response = client.get(LIST_URL, {"mine": "true"})

    assert _names(response) == []
    assert "You are not a point of contact of any member." in response.content.decode()


def test_point_of_contact_can_list_only_their_members(client):
    record = PointOfContactFactory(member__jurisdiction__name="Nandi County")
    MemberFactory(jurisdiction__name="Kisumu County")
    client.force_login(record.user)

    response = client.get(LIST_URL, {"mine": "true"})

    assert 'name="mine"' in response.content.decode()
    assert _names(response) == ["Nandi County"]


def test_directory_is_paginated_and_keeps_the_filters(client):
    country = CountryFactory(iso_code="BR", name="Brazil")
    MemberFactory.create_batch(MEMBERS_PER_PAGE + 1, jurisdiction__country=country)

    first = client.get(LIST_URL, {"country": "BR"})
    second = client.get(LIST_URL, {"country": "BR", "page": 2})

    assert len(first.context["page_obj"]) == MEMBERS_PER_PAGE
    assert "country=BR&amp;page=2" in first.content.decode()
    assert len(second.context["page_obj"]) == 1


def test_directory_query_count_does_not_grow_with_members(client, assert_page_query_budget):
    MemberFactory.create_batch(3)
    client.force_login(PointOfContactFactory().user)
    # session, user, roles (3), countries and years of the form, count, page, and the engine's
    # facts of the page's members (tracker/facts.py: a fixed number whatever the members)
    assert_page_query_budget(client, LIST_URL, 22, add_rows=lambda: MemberFactory.create_batch(27))


# --- the member's page ---------------------------------------------------------------------


@pytest.fixture
def member():
    return MemberFactory(
        jurisdiction__name="Buenos Aires",
        jurisdiction__population=3_121_707,
        jurisdiction__term_ends_on=date(2027, 12, 10),
        joined_on=date(2024, 2, 1),
        first_plan_due_on=date(2024, 8, 1),
        extension_until=date(2024, 11, 1),
        extension_reason="Co-creation began with the new council.",
        status=MemberStatus.ACTIVE,
        status_since=date(2024, 2, 1),
    )


def test_member_page_shows_facts_deadlines_and_status(client, member):
    response = client.get(reverse("members:detail", args=[member.slug]))

    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Buenos Aires</h1>" in html
    for text in (
        "3,121,707",
        "Dec. 10, 2027",  # term ends
        "Feb. 1, 2024",  # joined, status since
        "Aug. 1, 2024",  # first plan due
        "Nov. 1, 2024",  # extension
        "Co-creation began with the new council.",
        "Active",
    ):
        assert text in html


def test_member_page_shows_contact_names_but_not_their_details_to_the_public(client, member):
    record = PointOfContactFactory(
        member=member, contact__full_name="Lucía Pereira", contact__email="lucia@ba.example.org"
    )

    html = client.get(reverse("members:detail", args=[member.slug])).content.decode()

    assert "Lucía Pereira" in html
    assert "lucia@ba.example.org" not in html
    assert record.contact.phone not in html
    assert record.user.email not in html


def test_member_page_greets_its_point_of_contact_with_an_edit_link(client, member):
    client.force_login(PointOfContactFactory(member=member).user)

    html = client.get(reverse("members:detail", args=[member.slug])).content.decode()

    assert "You are a point of contact for this member" in html
    assert reverse("members:edit", args=[member.slug]) in html


def test_member_page_does_not_greet_the_point_of_contact_of_another_member(client, member):
    client.force_login(PointOfContactFactory().user)

    html = client.get(reverse("members:detail", args=[member.slug])).content.decode()

    assert "You are a point of contact" not in html
    assert reverse("members:edit", args=[member.slug]) not in html


def test_unknown_member_is_404(client):
    assert client.get(reverse("members:detail", args=["nowhere"])).status_code == 404


def test_member_page_query_count_does_not_grow_with_contacts(
    client, member, assert_page_query_budget
):
    PointOfContactFactory(member=member)
    client.force_login(UserFactory(staff=True, with_totp=True))
    # session, user, TOTP check, roles (3), member, points of contact; other memberships, term
    # records, pending term correction, coalitions (LH §3.4), action plans (issue 19); the status
    # explained (issue 22): the engine's facts, plan and commitment labels, recorded changes, the
    # plan in force with its meetings; the partials of monitoring and the tracker (issues 20, 21)
    assert_page_query_budget(
        client,
        reverse("members:detail", args=[member.slug]),
        55,
        add_rows=lambda: PointOfContactFactory.create_batch(5, member=member),
    )


# --- editing the public profile -----------------------------------------------------------


def test_edit_form_is_filled_with_the_current_profile(client, member):
    client.force_login(PointOfContactFactory(member=member).user)

    response = client.get(reverse("members:edit", args=[member.slug]))

    form = response.context["form"]
    assert form.initial["population"] == 3_121_707
    assert form.initial["website"] == member.website
    assert "term_ends_on" not in form.fields  # the term is the Support Unit's record
    assert 'for="id_website"' in response.content.decode()


def test_point_of_contact_saves_the_profile_and_it_is_audited(client, member):
    record = PointOfContactFactory(member=member)
    client.force_login(record.user)

    response = client.post(
        reverse("members:edit", args=[member.slug]),
        {
            "website": "https://gobiernoabierto.buenosaires.example.org/",
            "about": "Open data and participatory budgets.",
            "population": "3200000",
            "reason": "New census",
        },
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("members:detail", args=[member.slug])
    member.refresh_from_db()
    assert member.about == "Open data and participatory budgets."
    event = AuditEvent.objects.get()
    assert event.actor == record.user
    assert event.reason == "New census"
    assert event.after["jurisdiction.population"] == 3_200_000


def test_bad_input_shows_errors_and_saves_nothing(client, member):
    client.force_login(PointOfContactFactory(member=member).user)

    response = client.post(
        reverse("members:edit", args=[member.slug]),
        {
            "website": "not a web address",
            "about": "Changed",
            "population": "-1",
        },
    )

    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) == {"website", "population"}
    assert "Nothing was saved" in response.content.decode()
    member.refresh_from_db()
    assert member.about != "Changed"
    assert not AuditEvent.objects.exists()


def test_service_rules_come_back_as_form_errors_with_code_and_handbook(client, member):
    client.force_login(PointOfContactFactory(member=member).user)

    response = client.post(
        reverse("members:edit", args=[member.slug]),
        {
            "website": "",
            "about": "x",
            "population": "5",
            "proposed_term_ends_on": "9999-12-31",
            "term_correction_note": "Typo.",
        },
    )

    assert response.status_code == 200
    assert "proposed_term_ends_on" in response.context["form"].errors
    html = response.content.decode()
    assert '<li data-rule="term.too_far">The term must end within 10 years' in html
    assert '<span class="rule-source">(LH §1.1)</span>' in html
    assert 'value="9999-12-31"' in html  # what the person typed is kept
    assert not AuditEvent.objects.exists()
    assert not TermCorrectionRequest.objects.exists()


def test_a_population_beyond_any_jurisdiction_is_refused_on_the_page(client, member):
    client.force_login(PointOfContactFactory(member=member).user)

    response = client.post(
        reverse("members:edit", args=[member.slug]),
        {"website": "", "about": "x", "population": "8000000000"},
    )

    assert "No jurisdiction has more than 300 million inhabitants" in response.content.decode()
    member.jurisdiction.refresh_from_db()
    assert member.jurisdiction.population == 3_121_707


def test_a_proposed_term_before_1990_is_refused_and_kept_on_the_page(client, member):
    client.force_login(PointOfContactFactory(member=member).user)

    response = client.post(
        reverse("members:edit", args=[member.slug]),
        {"about": "x", "proposed_term_ends_on": "1989-05-01", "term_correction_note": "Old."},
    )

    html = response.content.decode()
    assert "Enter a date on or after 1990-01-01." in html
    assert 'value="1989-05-01"' in html
    assert not TermCorrectionRequest.objects.exists()


def test_the_date_field_offers_the_browser_picker_without_a_typed_format_hint(client, member):
    client.force_login(PointOfContactFactory(member=member).user)

    html = client.get(reverse("members:edit", args=[member.slug])).content.decode()

    assert 'type="date" name="proposed_term_ends_on"' in html
    assert "YYYY" not in html


def test_a_point_of_contact_requests_a_term_correction_from_the_edit_page(client, member):
    client.force_login(PointOfContactFactory(member=member).user)

    response = client.post(
        reverse("members:edit", args=[member.slug]),
        {
            "website": member.website,
            "about": member.about,
            "population": "3121707",
            "proposed_term_ends_on": "2027-12-11",
            "term_correction_note": "Decree 123/2024.",
        },
    )

    assert response.status_code == 302
    request = TermCorrectionRequest.objects.get()
    assert request.proposed_ends_on == date(2027, 12, 11)
    page = client.get(reverse("members:detail", args=[member.slug])).content.decode()
    assert "A correction of the term" in page


def test_member_page_lists_the_term_history(client, member):
    JurisdictionTerm.objects.create(
        jurisdiction=member.jurisdiction,
        ends_on=date(2027, 12, 11),
        recorded_on=date(2025, 1, 6),
        reason="Corrected after the decree.",
    )

    html = client.get(reverse("members:detail", args=[member.slug])).content.decode()

    assert "Dec. 11, 2027" in html  # in force
    assert "Corrected after the decree." in html
    assert "Earlier records of the term" in html


def test_member_page_of_a_rejoined_jurisdiction_shows_the_current_membership(client, member):
    member.status = MemberStatus.REVOKED
    member.status_since = date(2025, 3, 1)
    member.save()
    again = MemberFactory(
        jurisdiction=member.jurisdiction,
        joined_on=date(2026, 6, 1),
        first_plan_due_on=date(2026, 12, 1),
    )

    response = client.get(reverse("members:detail", args=[member.jurisdiction.slug]))

    assert response.context["member"] == again
    html = response.content.decode()
    assert "Earlier memberships" in html
    assert "Joined on Feb. 1, 2024 · Revoked" in html


def test_edit_page_of_another_member_is_404_for_a_point_of_contact(client, member):
    client.force_login(PointOfContactFactory().user)
    url = reverse("members:edit", args=[member.slug])

    assert client.get(url).status_code == 404
    assert client.post(url, {"about": "Hijacked"}).status_code == 404
    member.refresh_from_db()
    assert member.about != "Hijacked"


def test_edit_page_sends_anonymous_visitors_to_sign_in(client, member):
    url = reverse("members:edit", args=[member.slug])
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={url}"


# --- history --------------------------------------------------------------------------------


def test_history_lists_the_member_events_newest_first(client, member):
    from datetime import UTC, datetime

    AuditEventFactory(target=member, verb="member.first", at=datetime(2025, 1, 1, tzinfo=UTC))
    AuditEventFactory(target=member, verb="member.second", at=datetime(2025, 6, 1, tzinfo=UTC))
    AuditEventFactory(verb="member.elsewhere")  # another member
    client.force_login(UserFactory(staff=True, with_totp=True))

    response = client.get(reverse("members:history", args=[member.slug]))

    assert response.status_code == 200
    assert [event.verb for event in response.context["page_obj"]] == [
        "member.second",
        "member.first",
    ]


def test_history_includes_changes_to_the_members_jurisdiction(client, member):
    AuditEventFactory(target=member.jurisdiction, verb="jurisdiction.changed")
    client.force_login(UserFactory(staff=True, with_totp=True))

    response = client.get(reverse("members:history", args=[member.slug]))

    assert [event.verb for event in response.context["page_obj"]] == ["jurisdiction.changed"]


def test_history_query_count_does_not_grow_with_events(client, member, assert_page_query_budget):
    AuditEventFactory(target=member)
    client.force_login(UserFactory(staff=True, with_totp=True))
    # session, user, TOTP check, roles (2), member, content types (cached), count, page
    assert_page_query_budget(
        client,
        reverse("members:history", args=[member.slug]),
        9,
        add_rows=lambda: AuditEventFactory.create_batch(11, target=member),
    )


def test_history_is_404_for_a_point_of_contact(client, member):
    client.force_login(PointOfContactFactory(member=member).user)
    assert client.get(reverse("members:history", args=[member.slug])).status_code == 404


def test_jurisdiction_without_member_has_no_page(client):
    jurisdiction = JurisdictionFactory()
    assert client.get(reverse("members:detail", args=[jurisdiction.slug])).status_code == 404


def test_member_page_says_when_the_status_was_not_evaluated_by_the_rules(client, member):
    response = client.get(reverse("members:detail", args=[member.slug]))

    assert "Not yet evaluated by the daily job" in response.content.decode()


def test_member_page_gives_the_date_the_rules_last_evaluated_the_status(client, member):
    member.status_evaluated_on = date(2026, 11, 23)
    member.save(update_fields=["status_evaluated_on"])

    html = client.get(reverse("members:detail", args=[member.slug])).content.decode()

    assert "Evaluated against the OGP Local rules on Nov. 23, 2026." in html
    assert "Not yet evaluated" not in html


def test_directory_explains_filter_values_it_cannot_use(client):
    MemberFactory(jurisdiction__name="Tbilisi")

    response = client.get(LIST_URL, {"status": "bogus", "country": "QQ", "page": "abc"})

    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_status_error"' in html
    assert "bogus is not one of the available choices" in html
    assert 'id="id_country_error"' in html


def test_staff_see_a_pending_term_correction_with_a_link_to_decide_it(client, member):
    request = TermCorrectionRequestFactory(jurisdiction=member.jurisdiction)
    client.force_login(UserFactory(staff=True, with_totp=True))

    html = client.get(reverse("members:detail", args=[member.slug])).content.decode()

    assert "A correction of the term" in html
    assert reverse("admin:members_termcorrectionrequest_change", args=[request.pk]) in html


def test_the_public_does_not_see_pending_term_corrections(client, member):
    TermCorrectionRequestFactory(jurisdiction=member.jurisdiction)

    html = client.get(reverse("members:detail", args=[member.slug])).content.decode()

    assert "A correction of the term" not in html
