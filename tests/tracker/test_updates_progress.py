"""Progress is derived (RULES.md §2, Decisions): a completion level above the previous recorded
one, or a milestone newly complete."""

import pytest

from tracker.progress import NOTHING_RECORDED, Recorded, newly_complete, records_progress


def test_a_first_update_above_not_started_records_progress():
    assert records_progress(NOTHING_RECORDED, "limited", {})


def test_a_first_update_still_not_started_records_no_progress():
    assert not records_progress(NOTHING_RECORDED, "not_started", {1: "in_progress"})


@pytest.mark.parametrize(
    ("previous", "level", "expected"),
    [
        ("limited", "substantial", True),
        ("limited", "complete", True),
        ("limited", "limited", False),
        ("substantial", "limited", False),
    ],
)
def test_a_level_records_progress_only_when_it_rises(previous, level, expected):
    assert records_progress(Recorded(level=previous), level, {}) is expected


def test_a_milestone_newly_complete_records_progress_at_the_same_level():
    previous = Recorded(level="limited", complete_milestones=frozenset({1}))
    assert records_progress(previous, "limited", {1: "complete", 2: "complete"})


def test_a_milestone_already_complete_before_records_no_progress():
    previous = Recorded(level="limited", complete_milestones=frozenset({1}))
    assert not records_progress(previous, "limited", {1: "complete", 2: "delayed"})


def test_newly_complete_names_the_milestones_by_number():
    previous = Recorded(complete_milestones=frozenset({2}))
    assert newly_complete(previous, {3: "complete", 1: "complete", 2: "complete"}) == [1, 3]
