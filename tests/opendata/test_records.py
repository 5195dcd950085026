"""Tracker updates, published assessments and status changes in the API, the open-data files and
the feeds: public rows only (never a draft assessment)."""

import csv
import io
import zipfile
from datetime import date

import pytest
from django.core.files.storage import default_storage
from frictionless import validate

from ogplocal.opendata import build
from tests.factories import ActionPlanFactory, CommitmentFactory
from tests.opendata.records import (
    draft_assessment,
    published_assessment,
    status_change,
    tracker_update,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def records():
    plan = ActionPlanFactory(submitted=True, member__jurisdiction__name="Bogotá")
    commitment = CommitmentFactory(plan=plan)
    return {
        "plan": plan,
        "update": tracker_update(commitment),
        "assessment": published_assessment(plan, successes="PUBLISHED-SUCCESS"),
        "draft": draft_assessment(
            ActionPlanFactory(submitted=True), kind="final_learning", successes="DRAFT-SUCCESS"
        ),
        "change": status_change(plan.member),
    }


def _ids(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


def test_the_api_lists_updates_published_assessments_and_status_changes(client, records):
    assert _ids(client, "/api/updates/") == [records["update"].pk]
    assert _ids(client, "/api/assessments/") == [records["assessment"].pk]
    assert _ids(client, "/api/status-changes/") == [records["change"].pk]


def test_a_draft_assessment_is_not_readable_in_the_api(client, records):
    assert client.get(f"/api/assessments/{records['draft'].pk}/").status_code == 404
    assert client.get(f"/api/assessments/{records['assessment'].pk}/").status_code == 200


def test_a_status_change_is_readable_by_anyone_in_the_api(client, records):
    response = client.get(f"/api/status-changes/{records['change'].pk}/")
    assert response.json()["rules"] == ["inactive.no_update", "probation.inactive_six_months"]


def test_the_files_hold_the_records_and_the_package_validates(records, tmp_path):
    tmp_path = tmp_path / "unzipped"
    build.build_open_data(as_of=date(2026, 1, 2))
    with default_storage.open(f"{build.ARCHIVE}/{build.zip_name(date(2026, 1, 2))}") as handle:
        zipfile.ZipFile(handle).extractall(tmp_path)
    report = validate(str(tmp_path / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    rows = {
        name: list(csv.DictReader(io.StringIO((tmp_path / f"{name}.csv").read_text())))
        for name in ("updates", "assessments", "status_changes")
    }
    assert [r["id"] for r in rows["updates"]] == [str(records["update"].pk)]
    assert [r["id"] for r in rows["assessments"]] == [str(records["assessment"].pk)]
    assert rows["status_changes"][0]["rules"] == "inactive.no_update;probation.inactive_six_months"
    everything = b"".join(p.read_bytes() for p in tmp_path.iterdir())
    assert b"DRAFT-SUCCESS" not in everything
    assert b"PUBLISHED-SUCCESS" in everything


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/data/feed/updates/", "Tracker update:"),
        ("/data/feed/assessments/", "Inception assessment published"),
        ("/data/feed/status-changes/", "Bogotá: Probation from April 1, 2026"),
    ],
)
def test_each_kind_has_its_feed(client, records, url, expected):
    response = client.get(url)
    assert response.status_code == 200
    assert expected in response.content.decode()


def test_the_member_feed_gathers_every_kind(client, records):
    slug = records["plan"].member.jurisdiction.slug
    body = client.get(f"/data/feed/members/{slug}/").content.decode()
    for expected in ("New action plan", "Tracker update:", "assessment published", "Probation"):
        assert expected in body
    assert "DRAFT-SUCCESS" not in body


@pytest.mark.parametrize("endpoint", ["updates", "assessments", "status-changes"])
def test_the_record_lists_query_budget(client, assert_page_query_budget, endpoint):
    def add_rows():
        for _ in range(3):
            plan = ActionPlanFactory(submitted=True)
            tracker_update(CommitmentFactory(plan=plan))
            published_assessment(plan)
            status_change(plan.member)

    add_rows()
    assert_page_query_budget(client, f"/api/{endpoint}/", 3, add_rows=add_rows)
