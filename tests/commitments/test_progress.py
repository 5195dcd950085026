"""Expected against reported progress on the public commitment page (issue 22): an SVG line chart
drawn on the server, with the same figures in a table; expected from the milestones' dates,
reported from the quarterly tracker updates (level or milestones complete, the higher)."""

import itertools
from datetime import date

import pytest
from django.urls import reverse
from django.utils.html import escape

from commitments.progress import progress_chart
from tests.factories import (
    ActionPlanFactory,
    CommitmentFactory,
    MilestoneFactory,
    TrackerUpdateFactory,
    TrackerUpdateVersionFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def commitment():
    plan = ActionPlanFactory(submitted=True)  # 2025-01-01 to 2026-12-31
    commitment = CommitmentFactory(plan=plan, number=1)
    MilestoneFactory(
        commitment=commitment, number=1, output="Design agreed", ends_on=date(2025, 6, 30)
    )
    MilestoneFactory(
        commitment=commitment, number=2, output="Portal online", ends_on=date(2026, 12, 31)
    )
    return commitment


def chart_of(commitment, as_of=date(2025, 9, 1)):
    updates = list(commitment.tracker_updates.prefetch_related("versions__milestones"))
    for update in updates:  # latest version first, as the tracker's selector orders them
        update._prefetched_objects_cache["versions"] = sorted(
            update.versions.all(), key=lambda v: -v.number
        )
    return progress_chart(
        commitment, list(commitment.milestones.order_by("number")), updates, as_of=as_of
    )


def test_expected_progress_steps_up_at_each_milestones_end(commitment):
    rows = [(row.on, row.expected) for row in chart_of(commitment).rows if row.expected is not None]
    assert rows == [(date(2025, 1, 1), 0), (date(2025, 6, 30), 50), (date(2026, 12, 31), 100)]


def test_without_milestones_expected_progress_is_a_line_to_the_end():
    commitment = CommitmentFactory(plan=ActionPlanFactory(submitted=True))
    chart = progress_chart(commitment, [], [], as_of=date(2025, 9, 1))
    assert [row.expected for row in chart.rows] == [0, 100]
    assert not chart.has_reports


def test_reported_progress_is_the_completion_level_of_the_latest_version(commitment):
    update = TrackerUpdateFactory(commitment=commitment, with_version=False)
    TrackerUpdateVersionFactory(update=update, number=1, completion_level="limited")
    TrackerUpdateVersionFactory(
        update=update,
        number=2,
        completion_level="substantial",
        previous_level="not_started",
        correction_reason="Two more districts counted.",
    )
    reported = [row.reported for row in chart_of(commitment).rows if row.reported is not None]
    assert reported == [67]


def test_completed_milestones_count_when_higher_than_the_level(commitment):
    update = TrackerUpdateFactory(commitment=commitment, with_version=False)
    version = TrackerUpdateVersionFactory(
        update=update, completion_level="not_started", progress=True
    )
    version.milestones.create(number=1, output="Design agreed", state="complete")
    version.milestones.create(number=2, output="Portal online", state="in_progress")
    row = next(row for row in chart_of(commitment).rows if row.reported is not None)
    assert row.reported == 50
    assert "1 of 2 milestones complete" in row.event


def test_public_commitment_page_shows_the_chart_and_its_table(client, commitment):
    TrackerUpdateFactory(commitment=commitment)
    page = client.get(reverse("commitments:detail", args=[commitment.pk])).content.decode()
    assert "<svg" in page and 'class="progress-chart__reported"' in page
    assert "Milestone 2 due: Portal online" in page
    assert "33 %" in page  # the update's level, limited


def test_draft_commitment_page_has_no_progress_chart(client):
    commitment = CommitmentFactory()
    plan = commitment.plan
    from tests.factories import PointOfContactFactory

    client.force_login(PointOfContactFactory(member=plan.member).user)
    page = client.get(reverse("commitments:detail", args=[commitment.pk])).content.decode()
    assert "progress-chart__svg" not in page


def test_commitment_page_query_count_does_not_grow_with_updates(
    client, commitment, assert_page_query_budget
):
    TrackerUpdateFactory(commitment=commitment)

    def more():
        for month in (4, 7, 10):
            TrackerUpdateFactory(
                commitment=commitment,
                quarter_starts_on=date(2025, month, 1),
                submitted_on=date(2025, month, 10),
            )

    # 12: one of them reads the published assessments of the commitment and of its plan.
    assert_page_query_budget(
        client, reverse("commitments:detail", args=[commitment.pk]), 12, add_rows=more
    )


# --- Session 4 (H3): milestones as last reported, the tracker history, the assessments ---------


def test_the_milestones_state_is_the_latest_updates(client, commitment):
    from tracker.models_updates import MilestoneReport

    older = TrackerUpdateFactory(commitment=commitment)
    MilestoneReport.objects.create(
        version=older.versions.get(), number=1, output="Design agreed", state="in_progress"
    )
    latest = TrackerUpdateFactory(
        commitment=commitment, quarter_starts_on=date(2025, 4, 1), submitted_on=date(2025, 5, 10)
    )
    MilestoneReport.objects.create(
        version=latest.versions.get(),
        number=1,
        output="Design agreed",
        state="delayed",
        delay_reason="The forum met late.",
    )
    chart = chart_of(commitment)
    assert [(m.number, m.state) for m in chart.milestones_reported] == [(1, "delayed")]
    assert chart.reported_quarter == latest.quarter_label
    page = client.get(reverse("commitments:detail", args=[commitment.pk])).content.decode()
    assert "Milestones as last reported" in page
    assert "Reason for the delay: The forum met late." in page


def test_the_commitment_page_links_its_tracker_history(client, commitment):
    TrackerUpdateFactory(commitment=commitment)
    page = client.get(reverse("commitments:detail", args=[commitment.pk])).content.decode()
    assert f'href="{reverse("tracker:updates", args=[commitment.pk])}"' in page
    assert "1 quarterly update," in page


def test_the_commitment_page_lists_published_assessments_only(client, commitment):
    from tests.factories import AssessmentFactory
    from tests.opendata import records

    published = records.published_assessment(commitment.plan)
    draft = AssessmentFactory(  # a correction, not published yet
        plan=commitment.plan, version=2, corrects=published, correction_reason="A typo."
    )
    page = client.get(reverse("commitments:detail", args=[commitment.pk])).content.decode()
    assert "Assessments by the monitoring body" in page
    assert f'href="{reverse("monitoring:assessment", args=[published.pk])}"' in page
    assert f'href="{reverse("monitoring:assessment", args=[draft.pk])}"' not in page


def test_year_labels_never_crowd_the_ends_labels():
    plan = ActionPlanFactory(submitted=True)
    commitment = CommitmentFactory(
        plan=plan, starts_on=date(2024, 10, 1), ends_on=date(2027, 10, 10)
    )
    chart = progress_chart(commitment, [], [], as_of=date(2025, 9, 1))
    xs = [x for x, _label in chart.x_labels]
    assert all(later - earlier > 80 for earlier, later in itertools.pairwise(xs))


def test_the_commitment_page_describes_itself_for_search_and_sharing(client, commitment):
    html = client.get(reverse("commitments:detail", args=[commitment.pk])).content.decode()
    assert f'<meta name="description" content="Commitment 1 of {escape(commitment.plan)}' in html
    assert f'<meta property="og:title" content="{escape(commitment.title)}">' in html


def test_the_plan_page_describes_itself_for_search_and_sharing(client, commitment):
    html = client.get(reverse("plans:detail", args=[commitment.plan.pk])).content.decode()
    assert f'<meta name="description" content="{escape(commitment.plan)}, ' in html
