"""The public portal of issue 22 (H5): the member directory with its filters, the member page
with its status explained, the programme overview, the contact form, SEO and caching."""

import re
from datetime import UTC, date, datetime, time

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from members.filters import MemberFilterSet
from members.models import JurisdictionKind, MemberStatus
from tests.factories import (
    ActionPlanFactory,
    CommitmentFactory,
    CountryFactory,
    MemberFactory,
    PointOfContactFactory,
)

pytestmark = pytest.mark.django_db

LIST_URL = reverse("members:list")
OVERVIEW_URL = reverse("overview")
MEMBER_PAGE_BUDGET = 55


def travel(day: date):
    """Freeze the clock on `day` (noon UTC): the request's as_of, so the engine reads that day."""
    return time_machine.travel(datetime.combine(day, time(12), tzinfo=UTC), tick=False)


def _late_member(**kwargs):
    """Joined 2024-02-01, first plan due 2024-08-01, never filed: inactive from 2024-08-02
    (LH §4.1(1)), on probation from 2025-02-02 (LH §4.2), revoked from 2025-06-02 (LH §4.2)."""
    return MemberFactory(joined_on=date(2024, 2, 1), first_plan_due_on=date(2024, 8, 1), **kwargs)


def _page(client, member) -> str:
    response = client.get(reverse("members:detail", args=[member.slug]))
    assert response.status_code == 200
    return response.content.decode()


# --- the member page: each status with its reasons, Handbook sections and act-by date ---------


def test_active_member_page_says_it_keeps_the_rules_and_lists_the_upcoming_deadline(client):
    member = _late_member()
    with travel(date(2024, 5, 1)):
        html = _page(client, member)
    assert "status-badge--active" in html
    assert "keeping to the rules of OGP Local" in html
    assert "The first action plan is due by Aug. 1, 2024 (LH §4.1(1))." in html
    assert "Upcoming" in html


def test_inactive_member_page_gives_the_rule_its_section_and_the_day_probation_begins(client):
    member = _late_member()
    with travel(date(2024, 10, 1)):
        html = _page(client, member)
    assert "status-badge--inactive" in html
    assert "inactive.no_first_plan" in html
    assert "LH §4.1(1)" in html
    assert "The first action plan was due by Aug. 1, 2024 and has not been submitted" in html
    assert "Probation on Feb. 2, 2025 unless the member resumes its activities" in html
    assert "Overdue" in html


def test_probation_member_page_gives_the_day_of_revocation_unless_it_acts(client):
    member = _late_member()
    with travel(date(2025, 3, 1)):
        html = _page(client, member)
    assert "status-badge--probation" in html
    assert "probation.inactive_six_months" in html
    assert "LH §4.2" in html
    assert "Revocation on June 2, 2025 unless the member puts things right by then" in html


def test_revoked_member_page_says_when_and_why(client):
    member = _late_member()
    with travel(date(2025, 8, 1)):
        html = _page(client, member)
    assert "status-badge--revoked" in html
    assert "revoked.probation_unrectified" in html
    assert "its membership was revoked on June 2, 2025 (LH §4.2)" in html


def test_member_page_timeline_lists_every_status_since_joining(client):
    member = _late_member()
    with travel(date(2025, 8, 1)):
        html = _page(client, member)
    timeline = html[html.index('id="timeline-heading"') :]
    for day in ("Feb. 1, 2024", "Aug. 2, 2024", "Feb. 2, 2025", "June 2, 2025"):
        assert day in timeline


def test_member_page_shows_the_plan_in_force_its_monitoring_body_and_meeting_count(client):
    plan = ActionPlanFactory(submitted=True, monitoring_body__name="Observatorio Cívico")
    CommitmentFactory(plan=plan)
    with travel(date(2025, 6, 1)):
        html = _page(client, plan.member)
    assert "The action plan in force" in html
    assert "Observatorio Cívico" in html
    assert "Co-creation: 0 held, at least 1 required." in html


def test_member_page_query_count_does_not_grow_with_plans(client, assert_page_query_budget):
    plan = ActionPlanFactory(submitted=True)
    CommitmentFactory.create_batch(2, plan=plan)
    url = reverse("members:detail", args=[plan.member.slug])
    # The page's own sections and the partials H1 to H4 include (plans, coalitions, assessments,
    # findings, updates): a fixed number whatever the plans and commitments.
    assert_page_query_budget(
        client,
        url,
        MEMBER_PAGE_BUDGET,
        add_rows=lambda: CommitmentFactory.create_batch(3, plan=plan),
    )


# --- the directory -------------------------------------------------------------------------


def test_directory_shows_the_engines_status_of_a_member_not_evaluated_yet(client):
    _late_member(jurisdiction__name="Larena", status=MemberStatus.ACTIVE)
    with travel(date(2024, 10, 1)):
        html = client.get(LIST_URL).content.decode()
    assert "status-badge--inactive" in html
    assert "since Aug. 2, 2024" in html


def test_directory_status_filter_uses_the_engines_reading_when_not_evaluated(client):
    _late_member(jurisdiction__name="Larena")
    MemberFactory(jurisdiction__name="Seoul", joined_on=date(2024, 6, 1))
    with travel(date(2024, 10, 1)):
        inactive = client.get(LIST_URL, {"status": "inactive"})
        active = client.get(LIST_URL, {"status": "active"})
    assert [m.name for m in inactive.context["page_obj"]] == ["Larena"]
    assert [m.name for m in active.context["page_obj"]] == ["Seoul"]


def test_directory_filters_by_kind_and_cohort(client):
    MemberFactory(jurisdiction__name="Makueni County", jurisdiction__kind=JurisdictionKind.COUNTY)
    MemberFactory(jurisdiction__name="Seoul", joined_on=date(2022, 3, 1))

    by_kind = client.get(LIST_URL, {"kind": "county"})
    by_cohort = client.get(LIST_URL, {"cohort": "2022"})

    assert [m.name for m in by_kind.context["page_obj"]] == ["Makueni County"]
    assert [m.name for m in by_cohort.context["page_obj"]] == ["Seoul"]


def test_directory_filters_by_policy_area_and_sector_of_filed_commitments(client):
    plan = ActionPlanFactory(submitted=True, member__jurisdiction__name="Bogotá")
    CommitmentFactory(plan=plan, policy_area="open_data", sector="health_nutrition")
    draft = ActionPlanFactory(member__jurisdiction__name="Paris")
    CommitmentFactory(plan=draft, policy_area="open_data", submitted_on=None)

    by_area = client.get(LIST_URL, {"policy_area": "open_data"})
    by_sector = client.get(LIST_URL, {"sector": "health_nutrition"})
    other = client.get(LIST_URL, {"policy_area": "tax"})

    assert [m.name for m in by_area.context["page_obj"]] == ["Bogotá"]  # not the draft's
    assert [m.name for m in by_sector.context["page_obj"]] == ["Bogotá"]
    assert list(other.context["page_obj"]) == []


def test_directory_filters_members_with_and_without_a_plan_in_force(client):
    plan = ActionPlanFactory(submitted=True, member__jurisdiction__name="Seoul")
    MemberFactory(jurisdiction__name="Paris")
    with travel(date(2025, 6, 1)):
        current = client.get(LIST_URL, {"plan": "current"})
        none = client.get(LIST_URL, {"plan": "none"})
    assert [m.name for m in current.context["page_obj"]] == [plan.member.name]
    assert [m.name for m in none.context["page_obj"]] == ["Paris"]


def test_directory_sorts_by_name_descending_and_by_joining(client):
    MemberFactory(jurisdiction__name="Austin", joined_on=date(2023, 1, 1))
    MemberFactory(jurisdiction__name="Bogotá", joined_on=date(2022, 1, 1))
    MemberFactory(jurisdiction__name="Cali", joined_on=date(2024, 1, 1))

    by_name = client.get(LIST_URL, {"sort": "-name"})
    by_joining = client.get(LIST_URL, {"sort": "joined"})

    assert [m.name for m in by_name.context["page_obj"]] == ["Cali", "Bogotá", "Austin"]
    assert [m.name for m in by_joining.context["page_obj"]] == ["Bogotá", "Austin", "Cali"]


def test_directory_search_finds_bogota_without_its_accent_and_keeps_it_in_the_links(client):
    colombia = CountryFactory(iso_code="CO")
    MemberFactory(jurisdiction__name="Bogotá", jurisdiction__country=colombia)
    MemberFactory.create_batch(30, jurisdiction__country=colombia)

    response = client.get(LIST_URL, {"q": "BOGOTA", "sort": "-name"})

    assert [m.name for m in response.context["page_obj"]] == ["Bogotá"]
    assert 'value="BOGOTA"' in response.content.decode()


def test_directory_sort_links_keep_the_filters_and_drop_the_page(client):
    MemberFactory.create_batch(2)
    html = client.get(LIST_URL, {"cohort": "2024", "page": "1"}).content.decode()
    assert 'href="?cohort=2024&amp;sort=-name"' in html


def test_directory_shows_the_plan_period_and_commitment_progress(client):
    plan = ActionPlanFactory(submitted=True)
    CommitmentFactory(plan=plan, completed_on=date(2025, 5, 1))
    CommitmentFactory(plan=plan)
    with travel(date(2025, 6, 1)):
        html = client.get(LIST_URL).content.decode()
    assert "Jan 2025 \u2013 Dec 2026" in html
    assert "1 of 2 completed" in html


def test_the_filterset_is_the_one_the_api_and_csv_reuse():
    """One FilterSet (STYLE.md rule 11): every filter of the page, by the names the URL uses."""
    assert set(MemberFilterSet.base_filters) >= {
        "q",
        "country",
        "region",
        "kind",
        "cohort",
        "status",
        "plan",
        "policy_area",
        "sector",
        "sort",
    }


def test_directory_query_count_is_constant_with_plans_and_commitments(
    client, assert_page_query_budget
):
    def add_rows():
        for _ in range(5):
            CommitmentFactory(plan=ActionPlanFactory(submitted=True))

    add_rows()
    assert_page_query_budget(client, LIST_URL, 22, add_rows=add_rows)


# --- the overview ------------------------------------------------------------------------------


def test_overview_draws_charts_and_a_map_with_tables_beside_them(client):
    brazil = CountryFactory(iso_code="BR", name="Brazil")
    plan = ActionPlanFactory(submitted=True, member__jurisdiction__country=brazil)
    CommitmentFactory(plan=plan, policy_area="open_data")
    with travel(date(2025, 6, 1)):
        html = client.get(OVERVIEW_URL).content.decode()
    assert html.count('<svg class="chart__svg"') >= 4
    assert 'class="member-map__members"' in html
    assert "<title>Brazil: 1</title>" in html
    assert "Open data" in html
    assert "Commitments by policy area" in html
    assert 'href="/members/?country=BR"' in html


def test_overview_query_count_does_not_grow_with_members(client, assert_page_query_budget):
    CommitmentFactory(plan=ActionPlanFactory(submitted=True))
    assert_page_query_budget(
        client,
        OVERVIEW_URL,
        30,
        add_rows=lambda: [
            CommitmentFactory(plan=ActionPlanFactory(submitted=True)) for _ in range(4)
        ],
    )


# --- no personal data or drafts on the public pages -----------------------------------------


def test_public_pages_never_show_personal_e_mail_addresses_or_drafts(client):
    record = PointOfContactFactory(
        contact__email="unique-poc-8841@private.example.org",
        user__email="unique-account-8841@private.example.org",
    )
    member = record.member
    draft = ActionPlanFactory(member=member, long_term_vision="UNIQUE-DRAFT-VISION-8841")
    CommitmentFactory(plan=draft, title="UNIQUE-DRAFT-COMMITMENT-8841", submitted_on=None)
    urls = [
        LIST_URL,
        OVERVIEW_URL,
        reverse("members:detail", args=[member.slug]),
        reverse("members:contact", args=[member.slug]),
        "/sitemap.xml",
        "/",
    ]
    for url in urls:
        html = client.get(url).content.decode()
        assert "8841@private.example.org" not in html, url
        assert "UNIQUE-DRAFT" not in html, url


# --- the contact form --------------------------------------------------------------------------


def _contact(client, member, **data):
    fields = {
        "name": "Ana Reader",
        "email": "ana@reader.example.org",
        "message": "When is the next forum meeting?",
    }
    fields.update(data)
    return client.post(reverse("members:contact", args=[member.slug]), fields)


@pytest.fixture
def _clear_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def test_a_message_is_relayed_to_the_point_of_contact_with_the_sender_as_reply_to(
    client, django_capture_on_commit_callbacks, _clear_cache
):
    record = PointOfContactFactory(contact__email="poc@city.example.org")
    with django_capture_on_commit_callbacks(execute=True):
        response = _contact(client, record.member)
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == ["poc@city.example.org"]
    assert sent.reply_to == ["ana@reader.example.org"]
    assert "When is the next forum meeting?" in sent.body


def test_a_filled_honeypot_sends_nothing_but_looks_the_same(
    client, django_capture_on_commit_callbacks, _clear_cache
):
    record = PointOfContactFactory()
    with django_capture_on_commit_callbacks(execute=True):
        response = _contact(client, record.member, website="http://spam.example")
    assert response.status_code == 302
    assert mail.outbox == []


def test_messages_are_rate_limited_per_sender(
    client, django_capture_on_commit_callbacks, _clear_cache
):
    record = PointOfContactFactory()
    with django_capture_on_commit_callbacks(execute=True):
        statuses = [_contact(client, record.member).status_code for _ in range(4)]
    assert statuses == [302, 302, 302, 429]
    assert len(mail.outbox) == 3


def test_a_message_without_an_e_mail_address_is_refused_with_the_field_named(client, _clear_cache):
    record = PointOfContactFactory()
    response = _contact(client, record.member, email="not an address")
    assert response.status_code == 200
    assert 'id="id_email_error"' in response.content.decode() or "valid email" in (
        response.content.decode()
    )
    assert mail.outbox == []


def test_contact_page_query_budget(client, assert_page_query_budget):
    record = PointOfContactFactory()
    assert_page_query_budget(client, reverse("members:contact", args=[record.member.slug]), 3)


# --- SEO and caching -----------------------------------------------------------------------------


def test_public_pages_have_a_description_a_canonical_url_and_open_graph_tags(client):
    member = MemberFactory(jurisdiction__name="Tbilisi")
    for url in (LIST_URL, OVERVIEW_URL, reverse("members:detail", args=[member.slug]), "/"):
        html = client.get(url + "?page=1").content.decode()
        assert re.search(r'<meta name="description" content="[^"]{40,}">', html), url
        assert f'<link rel="canonical" href="http://testserver{url}">' in html, url
        assert '<meta property="og:title"' in html, url
    member_html = client.get(reverse("members:detail", args=[member.slug])).content.decode()
    assert '<meta property="og:title" content="Tbilisi">' in member_html


def test_sitemap_lists_the_public_pages_and_members(client):
    member = MemberFactory()
    xml = client.get("/sitemap.xml").content.decode()
    assert f"http://testserver/members/{member.slug}/" in xml
    assert "http://testserver/overview/" in xml


def test_public_pages_send_a_short_cache_and_an_etag_answered_with_304(client):
    MemberFactory()
    first = client.get(OVERVIEW_URL)
    assert "max-age=300" in first["Cache-Control"]
    second = client.get(OVERVIEW_URL, headers={"if-none-match": first["ETag"]})
    assert second.status_code == 304


def test_signed_in_people_get_no_reusable_cache(client):
    record = PointOfContactFactory()
    client.force_login(record.user)
    response = client.get(LIST_URL)
    assert "no-cache" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_home_answers_who_whether_and_how_with_figures(client):
    CommitmentFactory(plan=ActionPlanFactory(submitted=True), completed_on=date(2025, 3, 1))
    html = client.get("/").content.decode()
    assert "Who is in OGP Local?" in html
    assert "Are they keeping their promises?" in html
    assert "How do we know?" in html
    assert "1 of 1 commitment filed is completed." in html


def test_home_query_count_does_not_grow_with_members(client, assert_page_query_budget):
    CommitmentFactory(plan=ActionPlanFactory(submitted=True))
    assert_page_query_budget(
        client,
        "/",
        30,
        add_rows=lambda: [
            CommitmentFactory(plan=ActionPlanFactory(submitted=True)) for _ in range(4)
        ],
    )


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("/members/", "Every OGP Local member"),
        ("/overview/", "OGP Local in figures"),
        ("/data/", "Download everything public"),
        ("/data/documentation/", "The columns of the OGP Local open data"),
    ],
)
def test_each_public_list_page_has_its_own_description(client, url, words, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    html = client.get(url).content.decode()
    assert f'<meta name="description" content="{words}' in html
    assert f'<meta property="og:description" content="{words}' in html
