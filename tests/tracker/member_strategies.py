"""Hypothesis strategies for random members (three to four years of facts) and the profiles.

Profiles: "ci" (500 examples) is loaded when CI=true, "dev" (60 examples) otherwise;
HYPOTHESIS_PROFILE=name overrides both.
"""

from __future__ import annotations

import dataclasses
from bisect import bisect_left, bisect_right
from datetime import date, timedelta

from hypothesis import strategies as st

from tracker.engine import (
    ASSESSMENT_KINDS,
    END_OF_COMMITMENT,
    FINAL_LEARNING,
    INCEPTION,
    MEETING_KINDS,
    Assessment,
    Commitment,
    Facts,
    Meeting,
    Plan,
    RequirementFinding,
    TrackerUpdate,
    VoluntaryPeriod,
)
from tracker.scenario import parse

DAY = timedelta(days=1)


def _special_days() -> list[date]:
    """Days where off-by-one and month-end mistakes hide: month ends, month and quarter starts,
    29 February."""
    found = []
    for year in range(2021, 2031):
        for month in range(1, 13):
            first = date(year, month, 1)
            found.append(first)
            found.append((first + timedelta(days=32)).replace(day=1) - DAY)
    return sorted(found)


SPECIAL_DAYS = _special_days()


def days(low: date, high: date) -> st.SearchStrategy[date]:
    """A day in [low, high], often a month's first or last day."""
    if high < low:
        high = low
    plain = st.integers(0, (high - low).days).map(lambda offset: low + timedelta(days=offset))
    special = SPECIAL_DAYS[bisect_left(SPECIAL_DAYS, low) : bisect_right(SPECIAL_DAYS, high)]
    if not special:
        return plain
    return st.one_of(plain, st.sampled_from(special))


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


@st.composite
def scenarios(draw) -> dict:
    """A random but well-formed scenario document (RULES.md §5) without as_of, plus the key
    "_last_day", the day after which no fact is dated."""
    joined_on = draw(days(date(2022, 6, 1), date(2024, 12, 31)))
    last_day = joined_on + timedelta(days=draw(st.integers(3 * 365, 4 * 365)))
    due_on = draw(days(joined_on - timedelta(days=30), joined_on + timedelta(days=400)))
    extension = draw(st.none() | days(due_on, due_on + timedelta(days=200)))
    document = {
        "member": {
            "joined_on": _iso(joined_on),
            "term_ends_on": _iso(last_day + timedelta(days=365)),
            "first_plan_due_on": _iso(due_on),
            "extension_until": _iso(extension),
        }
    }

    plans = []
    for index in range(draw(st.integers(0, 3))):
        # The first plan mostly comes within about a year of joining, later ones at any time.
        latest = last_day if index else joined_on + timedelta(days=450)
        submitted_on = draw(days(joined_on - timedelta(days=60), latest))
        if plans and draw(st.integers(0, 3)) == 0:
            # Two plans filed on one day (RULES.md §3: either may meet the other's next_plan).
            submitted_on = draw(st.sampled_from(plans)).submitted_on
        starts_on = draw(
            days(submitted_on - timedelta(days=120), submitted_on + timedelta(days=120))
        )
        ends_on = draw(days(starts_on, starts_on + timedelta(days=1200)))
        plans.append(Plan(f"ap{index + 1}", submitted_on, starts_on, ends_on))

    commitments = []
    if plans:
        for index in range(draw(st.integers(0, 8))):
            plan = draw(st.sampled_from(plans))
            submitted_on = draw(
                st.just(plan.submitted_on)
                | days(plan.submitted_on, plan.submitted_on + timedelta(days=500))
            )
            starts_on = draw(
                st.just(plan.starts_on)
                | days(plan.starts_on - timedelta(days=60), plan.starts_on + timedelta(days=400))
            )
            ends_on = draw(days(starts_on, starts_on + timedelta(days=800)))
            completed_on = draw(st.none() | days(starts_on, starts_on + timedelta(days=800)))
            commitments.append(
                Commitment(f"c{index + 1}", plan.id, submitted_on, starts_on, ends_on, completed_on)
            )

    updates = []
    if commitments:
        # Some members update rarely, so that quarters go by without one.
        for _ in range(draw(st.integers(0, 4) | st.integers(0, 16))):
            updates.append(
                TrackerUpdate(
                    draw(st.sampled_from(commitments)).id,
                    draw(days(joined_on - timedelta(days=30), last_day)),
                    draw(st.booleans()),
                )
            )

    findings = [
        RequirementFinding(draw(days(joined_on, last_day)), draw(st.booleans()))
        for _ in range(draw(st.integers(0, 3)))
    ]
    periods = []
    for _ in range(draw(st.integers(0, 2))):
        starts_on = draw(days(joined_on - timedelta(days=60), last_day))
        ends_on = draw(st.none() | days(starts_on, starts_on + timedelta(days=400)))
        periods.append(VoluntaryPeriod(starts_on, ends_on))
    meetings = [
        Meeting(
            draw(days(joined_on - timedelta(days=60), last_day)),
            draw(st.sampled_from(MEETING_KINDS)),
        )
        for _ in range(draw(st.integers(0, 2)))
    ]
    assessments = []
    if plans:
        for _ in range(draw(st.integers(0, 4))):
            kind = draw(st.sampled_from(ASSESSMENT_KINDS))
            if kind == END_OF_COMMITMENT and not commitments:
                continue
            submitted_on = draw(days(joined_on, last_day))
            if kind == END_OF_COMMITMENT:
                assessments.append(
                    Assessment(kind, submitted_on, commitment=draw(st.sampled_from(commitments)).id)
                )
            else:
                assessments.append(
                    Assessment(kind, submitted_on, plan=draw(st.sampled_from(plans)).id)
                )

    document["action_plans"] = [
        {
            "id": p.id,
            "submitted_on": _iso(p.submitted_on),
            "starts_on": _iso(p.starts_on),
            "ends_on": _iso(p.ends_on),
        }
        for p in plans
    ]
    document["commitments"] = [
        {
            "id": c.id,
            "plan": c.plan,
            "submitted_on": _iso(c.submitted_on),
            "starts_on": _iso(c.starts_on),
            "ends_on": _iso(c.ends_on),
            "completed_on": _iso(c.completed_on),
        }
        for c in commitments
    ]
    document["tracker_updates"] = [
        {"commitment": u.commitment, "submitted_on": _iso(u.submitted_on), "progress": u.progress}
        for u in updates
    ]
    document["meetings"] = [{"held_on": _iso(m.held_on), "kind": m.kind} for m in meetings]
    document["voluntary_inactivity"] = [
        {"starts_on": _iso(v.starts_on), "ends_on": _iso(v.ends_on)} for v in periods
    ]
    document["requirement_findings"] = [
        {"recorded_on": _iso(f.recorded_on), "met": f.met} for f in findings
    ]
    document["assessments"] = [
        {
            "kind": a.kind,
            "submitted_on": _iso(a.submitted_on),
            "plan": a.plan,
            "commitment": a.commitment,
        }
        for a in assessments
    ]
    document["_last_day"] = last_day
    return document


def fact_dates(facts: Facts) -> list[date]:
    found = [facts.member.joined_on, facts.member.first_plan_due_on]
    found += [p.submitted_on for p in facts.plans] + [p.ends_on for p in facts.plans]
    found += [c.submitted_on for c in facts.commitments]
    found += [c.completed_on for c in facts.commitments if c.completed_on]
    found += [u.submitted_on for u in facts.updates]
    found += [f.recorded_on for f in facts.findings]
    found += [v.starts_on for v in facts.voluntary_periods]
    found += [v.ends_on for v in facts.voluntary_periods if v.ends_on]
    return found


@st.composite
def members(draw) -> tuple[Facts, date]:
    """(facts, as_of): a random member and a day to evaluate it on, often next to a fact."""
    document = draw(scenarios())
    last_day = document.pop("_last_day")
    joined_on = date.fromisoformat(document["member"]["joined_on"])
    document["as_of"] = _iso(joined_on)
    facts, _ = parse(document)
    near_a_fact = st.sampled_from(fact_dates(facts)).flatmap(
        lambda day: st.integers(-1, 1).map(lambda offset: day + timedelta(days=offset))
    )
    as_of = draw(days(joined_on, last_day + timedelta(days=200)) | near_a_fact)
    return facts, max(as_of, joined_on)


def facts_known_on(facts: Facts, day: date) -> Facts:
    """The facts dated on or before `day` (voluntary periods are known from the start)."""
    return dataclasses.replace(
        facts,
        plans=tuple(p for p in facts.plans if p.submitted_on <= day),
        commitments=tuple(
            c
            if c.completed_on is None or c.completed_on <= day
            else dataclasses.replace(c, completed_on=None)
            for c in facts.commitments
            if c.submitted_on <= day
        ),
        updates=tuple(u for u in facts.updates if u.submitted_on <= day),
        meetings=tuple(m for m in facts.meetings if m.held_on <= day),
        findings=tuple(f for f in facts.findings if f.recorded_on <= day),
        assessments=tuple(a for a in facts.assessments if a.submitted_on <= day),
    )


@st.composite
def facts_dated_after(draw, facts: Facts, day: date) -> Facts:
    """`facts` with more facts, all dated after `day`: plans, commitments (of any plan),
    completions of open commitments, updates, findings, meetings and assessments."""
    after = days(day + DAY, day + timedelta(days=900))
    plans = list(facts.plans)
    for index in range(draw(st.integers(0, 2))):
        submitted_on = draw(after)
        starts_on = draw(
            days(submitted_on - timedelta(days=120), submitted_on + timedelta(days=120))
        )
        plans.append(
            Plan(
                f"later-ap{index}",
                submitted_on,
                starts_on,
                starts_on + timedelta(days=draw(st.integers(0, 1200))),
            )
        )
    commitments = [
        dataclasses.replace(
            c, completed_on=draw(days(max(c.starts_on, day + DAY), day + timedelta(days=900)))
        )
        if c.completed_on is None and draw(st.booleans())
        else c
        for c in facts.commitments
    ]
    if plans:
        for index in range(draw(st.integers(0, 3))):
            plan = draw(st.sampled_from(plans))
            submitted_on = draw(
                days(
                    max(plan.submitted_on, day + DAY),
                    max(plan.submitted_on, day) + timedelta(days=400),
                )
            )
            starts_on = draw(
                days(plan.starts_on - timedelta(days=300), plan.starts_on + timedelta(days=300))
            )
            commitments.append(
                Commitment(
                    f"later-c{index}",
                    plan.id,
                    submitted_on,
                    starts_on,
                    starts_on + timedelta(days=400),
                )
            )
    ids = [c.id for c in commitments] or ["none"]
    updates = list(facts.updates) + [
        TrackerUpdate(draw(st.sampled_from(ids)), draw(after), draw(st.booleans()))
        for _ in range(draw(st.integers(0, 4)))
    ]
    findings = list(facts.findings) + [
        RequirementFinding(draw(after), draw(st.booleans())) for _ in range(draw(st.integers(0, 2)))
    ]
    meetings = [*facts.meetings, Meeting(draw(after), "implementation")]
    assessments = list(facts.assessments)
    for plan in plans:
        if draw(st.booleans()):
            assessments.append(
                Assessment(
                    draw(st.sampled_from((INCEPTION, FINAL_LEARNING))), draw(after), plan=plan.id
                )
            )
    for commitment in commitments:
        if draw(st.booleans()):
            assessments.append(Assessment(END_OF_COMMITMENT, draw(after), commitment=commitment.id))
    return dataclasses.replace(
        facts,
        plans=tuple(plans),
        commitments=tuple(commitments),
        updates=tuple(updates),
        findings=tuple(findings),
        meetings=tuple(meetings),
        assessments=tuple(assessments),
    )
