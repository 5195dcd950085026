"""`engine.tracker_quarters`: which quarters are tracked, when each update is due (its last day,
RULES.md §3) and whether one was filed; the pages take due dates only from here."""

from datetime import date

from tracker import engine


def facts(updates=(), voluntary=()):
    return engine.Facts(
        member=engine.MemberInfo(joined_on=date(2024, 2, 1), first_plan_due_on=date(2024, 8, 31)),
        plans=(engine.Plan("p", date(2024, 8, 20), date(2024, 9, 1), date(2026, 10, 31)),),
        commitments=(
            engine.Commitment("c", "p", date(2024, 8, 20), date(2024, 9, 1), date(2025, 12, 31)),
        ),
        updates=tuple(updates),
        voluntary_periods=tuple(voluntary),
    )


def by_label(quarters):
    return {quarter.label: quarter for quarter in quarters}


def test_quarters_run_from_joining_to_as_of():
    quarters = engine.tracker_quarters(facts(), date(2025, 2, 1))
    assert [q.label for q in quarters] == ["2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4", "2025-Q1"]


def test_a_quarter_is_tracked_from_the_first_one_after_the_plan_was_filed():
    quarters = by_label(engine.tracker_quarters(facts(), date(2025, 2, 1)))
    assert not quarters["2024-Q3"].tracked  # the plan was filed on 20 August
    assert quarters["2024-Q4"].tracked and quarters["2025-Q1"].tracked


def test_the_update_is_due_on_the_quarters_last_day_with_its_handbook_section():
    quarter = by_label(engine.tracker_quarters(facts(), date(2025, 2, 1)))["2025-Q1"]
    assert (quarter.due_on, quarter.handbook) == (date(2025, 3, 31), "LH §3.5.4")


def test_a_quarter_shows_its_first_update_and_first_progress():
    updates = [
        engine.TrackerUpdate("c", date(2024, 11, 3), False),
        engine.TrackerUpdate("c", date(2024, 12, 3), True),
    ]
    quarter = by_label(engine.tracker_quarters(facts(updates), date(2025, 2, 1)))["2024-Q4"]
    assert (quarter.updated_on, quarter.progress_on) == (date(2024, 11, 3), date(2024, 12, 3))


def test_a_quarter_overlapping_a_voluntary_period_is_not_tracked():
    voluntary = [engine.VoluntaryPeriod(date(2025, 3, 1), date(2025, 3, 31))]
    quarters = by_label(engine.tracker_quarters(facts(voluntary=voluntary), date(2025, 5, 1)))
    assert not quarters["2025-Q1"].tracked and quarters["2025-Q2"].tracked
