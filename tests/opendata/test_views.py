"""The open-data pages: downloads of the last build, the filtered CSV of the directory, the data
documentation, and the Atom feeds."""

import csv
import io
import xml.etree.ElementTree as ET
from datetime import date

import pytest

from members.filters import MemberFilterSet
from members.selectors import members_for
from ogplocal.opendata import build
from tests.factories import ActionPlanFactory, MemberFactory

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def _csv_ids(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [row["id"] for row in csv.DictReader(io.StringIO(response.content.decode()))]


def test_the_download_page_builds_the_files_on_its_first_request(client):
    MemberFactory()
    assert build.read_manifest() is None
    response = client.get("/data/")
    assert response.status_code == 200
    assert build.read_manifest() is not None
    assert "ogp-local-open-data-" in response.content.decode()


def test_the_download_page_serves_the_last_build_without_rebuilding(client):
    build.build_open_data(as_of=date(2026, 1, 2))
    MemberFactory()
    client.get("/data/")
    assert build.read_manifest()["as_of"] == "2026-01-02"


def test_a_built_file_downloads_as_it_was_built(client):
    MemberFactory(jurisdiction__name="Bogotá")
    build.build_open_data(as_of=date(2026, 1, 2))
    response = client.get("/data/files/members.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "Bogotá" in b"".join(response.streaming_content).decode()


def test_the_dated_zip_downloads_as_an_attachment(client):
    build.build_open_data(as_of=date(2026, 1, 2))
    response = client.get("/data/files/ogp-local-open-data-2026-01-02.zip")
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]


@pytest.mark.parametrize(
    "name",
    ["manifest.json", "secrets.csv", "..%2F..%2Fsettings.py", "ogp-local-open-data-2020-01-01.zip"],
)
def test_any_other_file_name_answers_404(client, name):
    build.build_open_data(as_of=date(2026, 1, 2))
    assert client.get(f"/data/files/{name}").status_code == 404


def test_the_directory_csv_lists_exactly_what_the_filters_select(client):
    evaluated = date(2026, 1, 1)
    MemberFactory(jurisdiction__name="Bogotá", status="active", status_evaluated_on=evaluated)
    MemberFactory(jurisdiction__name="Lima", status="probation", status_evaluated_on=evaluated)
    MemberFactory(jurisdiction__name="Quito", status="probation", status_evaluated_on=evaluated)
    query = {"status": "probation"}
    expected = [
        str(pk)
        for pk in MemberFilterSet(query, queryset=members_for(None)).qs.values_list("pk", flat=True)
    ]
    api = [str(row["id"]) for row in client.get("/api/members/", query).json()["results"]]
    assert _csv_ids(client.get("/data/members.csv", query)) == expected == api
    assert len(expected) == 2


def test_the_directory_csv_without_filters_lists_every_member(client):
    MemberFactory.create_batch(3)
    assert len(_csv_ids(client.get("/data/members.csv"))) == 3


def test_a_bad_filter_on_the_directory_csv_answers_400_naming_it(client):
    response = client.get("/data/members.csv", {"status": "sleeping"})
    assert response.status_code == 400
    assert "status" in response.content.decode()


def test_the_directory_csv_query_budget(client, assert_page_query_budget):
    MemberFactory()
    assert_page_query_budget(
        client, "/data/members.csv", 4, add_rows=lambda: MemberFactory.create_batch(10)
    )


def test_the_directory_links_its_csv_with_its_filters(client):
    MemberFactory(jurisdiction__name="Bogotá")
    body = client.get("/members/", {"q": "bogota", "page": "1"}).content.decode()
    assert "/data/members.csv?q=bogota" in body


def test_the_documentation_lists_columns_vocabularies_and_rules(client):
    body = client.get("/data/documentation/").content.decode()
    assert "lead_agency_branch" in body
    assert "open_contracting" in body  # Annex 2 policy area code
    assert "probation.inactive_six_months" in body
    assert "LH §4.1(1)" in body


def test_the_download_page_query_budget(client, assert_page_query_budget):
    build.build_open_data(as_of=date(2026, 1, 2))
    assert_page_query_budget(client, "/data/", 3)


# --- feeds -------------------------------------------------------------------------------------


def _entries(response) -> list[str]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    return [entry.find(f"{ATOM}title").text for entry in root.findall(f"{ATOM}entry")]


def test_the_feed_lists_submitted_plans_not_drafts(client):
    ActionPlanFactory(submitted=True, member__jurisdiction__name="Bogotá")
    ActionPlanFactory(member__jurisdiction__name="Secretville")
    titles = _entries(client.get("/data/feed/"))
    assert len(titles) == 1
    assert "Bogotá" in titles[0]
    assert _entries(client.get("/data/feed/plans/")) == titles


def test_a_member_feed_lists_only_that_member(client):
    plan = ActionPlanFactory(submitted=True, member__jurisdiction__name="Bogotá")
    ActionPlanFactory(submitted=True, member__jurisdiction__name="Lima")
    slug = plan.member.jurisdiction.slug
    titles = _entries(client.get(f"/data/feed/members/{slug}/"))
    assert len(titles) == 1 and "Bogotá" in titles[0]
    assert _entries(client.get(f"/data/feed/members/{slug}/plans/")) == titles


def test_an_unknown_member_feed_answers_404(client):
    assert client.get("/data/feed/members/nowhere/").status_code == 404


def test_the_feed_query_budget(client, assert_page_query_budget):
    ActionPlanFactory(submitted=True)
    assert_page_query_budget(
        client,
        "/data/feed/",
        4,  # one per kind: plans, updates, assessments, status changes
        add_rows=lambda: ActionPlanFactory.create_batch(3, submitted=True),
    )
