"""A commitment's own open data (issue 22: every list offers a CSV of exactly what it lists): its
row, its milestones, every version of its tracker updates and its end-of-commitment assessments,
from its page and its tracker history; a draft's commitment has no public data."""

import csv
import io
from datetime import date

import pytest

from tests.factories import ActionPlanFactory, CommitmentFactory, MilestoneFactory
from tests.opendata import records

pytestmark = pytest.mark.django_db


def _csv_rows(response) -> list[dict]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def _url(commitment, table):
    return f"/data/commitments/{commitment.pk}/{table}.csv"


@pytest.fixture
def commitments():
    plan = ActionPlanFactory(submitted=True)
    return CommitmentFactory(plan=plan), CommitmentFactory(plan=plan)


def test_a_commitments_updates_csv_holds_every_version_of_its_own_updates_only(client, commitments):
    mine, other = commitments
    first = records.tracker_update(mine, narrative="Q1, filed.")
    second = records.tracker_update(mine, narrative="Q2, filed.", quarter=date(2025, 4, 1))
    records.tracker_update(other, narrative="Not this one.")

    rows = _csv_rows(client.get(_url(mine, "updates")))

    assert sorted(row["id"] for row in rows) == sorted([str(first.pk), str(second.pk)])
    assert "Not this one." not in str(rows)


def test_a_commitments_milestones_and_own_row(client, commitments):
    mine, other = commitments
    milestone = MilestoneFactory(commitment=mine)
    MilestoneFactory(commitment=other)

    assert [row["id"] for row in _csv_rows(client.get(_url(mine, "milestones")))] == [
        str(milestone.pk)
    ]
    assert [row["id"] for row in _csv_rows(client.get(_url(mine, "commitments")))] == [str(mine.pk)]


def test_a_drafts_commitment_has_no_public_data(client):
    drafted = CommitmentFactory(plan=ActionPlanFactory())
    assert client.get(_url(drafted, "milestones")).status_code == 404


@pytest.mark.parametrize("table", ["members", "plans", "status_changes", "nonsense"])
def test_a_table_a_commitment_does_not_have_is_not_found(client, commitments, table):
    assert client.get(_url(commitments[0], table)).status_code == 404


def test_an_unknown_commitment_is_not_found(client):
    assert client.get("/data/commitments/999999/updates.csv").status_code == 404


def test_posting_is_refused_and_writes_nothing(client, commitments):
    from tracker.models_updates import TrackerUpdate

    response = client.post(_url(commitments[0], "updates"), {"narrative": "x"})
    assert response.status_code == 405
    assert not TrackerUpdate.objects.exists()


def test_the_csv_costs_the_same_queries_however_many_updates(
    client, commitments, django_assert_max_num_queries
):
    mine = commitments[0]
    records.tracker_update(mine)
    with django_assert_max_num_queries(6):
        _csv_rows(client.get(_url(mine, "updates")))
    for quarter in (date(2025, 4, 1), date(2025, 7, 1), date(2025, 10, 1)):
        records.tracker_update(mine, quarter=quarter)
    with django_assert_max_num_queries(6):
        assert len(_csv_rows(client.get(_url(mine, "updates")))) == 4


def test_the_commitment_page_and_its_history_link_their_csv(client, commitments):
    mine = commitments[0]
    MilestoneFactory(commitment=mine)  # the progress section (and its links) needs a milestone
    records.tracker_update(mine)

    page = client.get(f"/commitments/{mine.pk}/").content.decode()
    history = client.get(f"/commitments/{mine.pk}/updates/").content.decode()

    assert _url(mine, "updates") in page and _url(mine, "milestones") in page
    assert _url(mine, "updates") in history
