"""A deliberately simple evaluator of RULES.md §2, §3 and §5, to test tracker/engine.py against.

It walks every day from joined_on and evaluates each rule on that day literally, from scratch,
with the facts known on that day. Slow on purpose, and independent of the engine: it shares
only the engine's input and output dataclasses, not a line of its logic. next_change_on is
found by walking on day by day after as_of with the facts known at as_of.
"""

from __future__ import annotations

from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from tracker.engine import Deadline, Evaluation, Facts, Reason, TimelineEntry

DAY = timedelta(days=1)

HANDBOOK = {
    "inactive.no_first_plan": "LH §4.1(1)",
    "inactive.no_next_plan": "LH §4.1(2)",
    "inactive.no_progress": "LH §4.1(3)",
    "inactive.no_update": "LH §4.1(4)",
    "inactive.voluntary": "LH §4.1",
    "probation.inactive_six_months": "LH §4.2",
    "probation.co_creation": "LH §4.2",
    "revoked.probation_unrectified": "LH §4.2",
}
DEADLINE_HANDBOOK = {
    "first_plan": "LH §4.1(1)",
    "next_plan": "LH §3.2, §4.1(2)",
    "inception_assessment": "LH §3.5.1",
    "end_of_commitment_assessment": "LH §3.5.2",
    "final_learning_exercise": "LH §3.5.3",
}
INACTIVITY_CAUSES = (
    "inactive.no_first_plan",
    "inactive.no_next_plan",
    "inactive.no_progress",
    "inactive.no_update",
)


def months_after(day: date, months: int) -> date:
    return day + relativedelta(months=months)


def quarter(day: date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def quarter_before(q: tuple[int, int], count: int) -> tuple[int, int]:
    index = q[0] * 4 + q[1] - 1 - count
    return index // 4, index % 4 + 1


def first_day(q: tuple[int, int]) -> date:
    return date(q[0], 3 * (q[1] - 1) + 1, 1)


def last_day(q: tuple[int, int]) -> date:
    year, number = q
    if number == 4:
        return date(year, 12, 31)
    return date(year, 3 * number + 1, 1) - DAY


def label(q: tuple[int, int]) -> str:
    return f"{q[0]}-Q{q[1]}"


def in_voluntary_period(facts: Facts, day: date) -> bool:
    return any(
        period.starts_on <= day and (period.ends_on is None or day <= period.ends_on)
        for period in facts.voluntary_periods
    )


def known_plans(facts: Facts, known_on: date) -> list:
    return [plan for plan in facts.plans if plan.submitted_on <= known_on]


def latest_ending_plan(plans: list):
    """The latest-ending plan; of several ending together, the last submitted, then listed."""
    best = None
    for plan in sorted(plans, key=lambda plan: plan.submitted_on):
        if best is None or plan.ends_on >= best.ends_on:
            best = plan
    return best


def is_tracked(facts: Facts, q: tuple[int, int], known_on: date) -> bool:
    """RULES.md §2, Decisions: a tracked quarter, with the facts known on `known_on`."""
    start, end = first_day(q), last_day(q)
    for period in facts.voluntary_periods:
        if period.starts_on <= end and (period.ends_on is None or period.ends_on >= start):
            return False
    for plan in known_plans(facts, known_on):
        if not (plan.submitted_on <= start and plan.starts_on <= start and plan.ends_on >= end):
            continue
        for commitment in facts.commitments:
            # A commitment counts for the quarters that start on or after its filing.
            if commitment.plan != plan.id or commitment.submitted_on > known_on:
                continue
            if commitment.submitted_on > start:
                continue
            completed_on = commitment.completed_on
            if completed_on is not None and completed_on > known_on:
                completed_on = None
            if commitment.starts_on <= end and (completed_on is None or completed_on >= start):
                return True
    return False


def conditions_on(facts: Facts, day: date, known_on: date) -> tuple[set[str], bool, bool]:
    """The inactivity causes whose condition holds on `day`, whether `day` is in a voluntary
    period, and whether the latest requirement finding says the requirements are unmet."""
    member = facts.member
    causes = set()
    plans = known_plans(facts, known_on)
    if not plans:
        deadline = member.extension_until or member.first_plan_due_on
        if day > deadline:
            causes.add("inactive.no_first_plan")
    elif day > months_after(latest_ending_plan(plans).ends_on, 4):
        causes.add("inactive.no_next_plan")

    this_quarter = quarter(day)
    last_two = (quarter_before(this_quarter, 2), quarter_before(this_quarter, 1))
    if all(is_tracked(facts, q, known_on) for q in last_two):
        updates = [u for u in facts.updates if u.submitted_on <= known_on]

        def counted(update) -> bool:
            return (
                quarter(update.submitted_on) in last_two
                or first_day(this_quarter) <= update.submitted_on <= day
            )

        if not any(counted(u) and u.progress for u in updates):
            causes.add("inactive.no_progress")
        if not any(counted(u) for u in updates):
            causes.add("inactive.no_update")

    latest = None
    for finding in facts.findings:  # of several on one day, the last listed
        if finding.recorded_on <= known_on and (
            latest is None or finding.recorded_on >= latest.recorded_on
        ):
            latest = finding
    co_creation_unmet = latest is not None and not latest.met
    return causes, in_voluntary_period(facts, day), co_creation_unmet


class DayState:
    def __init__(self, status, voluntary, rules, involuntary, probation):
        self.status = status
        self.voluntary = voluntary
        self.rules = rules
        self.involuntary = involuntary
        self.probation = probation
        self.involuntary_since = None
        self.probation_since = None

    def key(self):
        return (self.status, self.voluntary, self.rules)


def state_on(facts: Facts, day: date, known_on: date, before: DayState | None) -> DayState:
    if before is not None and before.status == "revoked":
        state = DayState("revoked", False, ("revoked.probation_unrectified",), False, False)
        state.probation_since = before.probation_since
        return state
    causes, voluntary_period, co_creation_unmet = conditions_on(facts, day, known_on)
    involuntary = bool(causes) and not voluntary_period
    involuntary_since = None
    if involuntary:
        involuntary_since = before.involuntary_since if before and before.involuntary else day
    rules = set(causes) if involuntary else set()
    if voluntary_period:
        rules.add("inactive.voluntary")
    if involuntary and day >= months_after(involuntary_since, 6):
        rules.add("probation.inactive_six_months")
    if co_creation_unmet:
        rules.add("probation.co_creation")
    probation = "probation.inactive_six_months" in rules or co_creation_unmet
    probation_since = None
    if probation:
        probation_since = before.probation_since if before and before.probation else day
    if probation and day >= months_after(probation_since, 4):
        state = DayState("revoked", False, ("revoked.probation_unrectified",), False, False)
    elif probation:
        state = DayState("probation", False, tuple(sorted(rules)), involuntary, True)
    elif involuntary:
        state = DayState("inactive", False, tuple(sorted(rules)), True, False)
    elif voluntary_period:
        state = DayState("inactive", True, tuple(sorted(rules)), False, False)
    else:
        state = DayState("active", False, (), False, False)
    state.involuntary_since = involuntary_since
    state.probation_since = probation_since
    return state


def deadlines_at(facts: Facts, known_on: date, as_of: date) -> list[Deadline]:
    """RULES.md §3 with the facts known on `known_on`, states as seen on `as_of`."""
    member = facts.member
    plans = known_plans(facts, known_on)
    commitments = [c for c in facts.commitments if c.submitted_on <= known_on]
    assessments = [a for a in facts.assessments if a.submitted_on <= known_on]
    rows = []

    def add(kind, ref, due_on, done_dates):
        met_on = min(done_dates, default=None)
        if met_on is not None:
            state = "met" if met_on <= due_on else "late"
        else:
            state = "overdue" if due_on < as_of else "upcoming"
        rows.append(Deadline(kind, ref, due_on, state, met_on, DEADLINE_HANDBOOK[kind]))

    add(
        "first_plan",
        None,
        member.extension_until or member.first_plan_due_on,
        [p.submitted_on for p in plans],
    )
    for plan in plans:
        add(
            "next_plan",
            plan.id,
            months_after(plan.ends_on, 4),
            [
                p.submitted_on
                for p in plans
                if p is not plan
                and p.submitted_on >= plan.submitted_on
                and p.ends_on > plan.ends_on
            ],
        )
        add(
            "inception_assessment",
            plan.id,
            months_after(plan.submitted_on, 2),
            [a.submitted_on for a in assessments if a.kind == "inception" and a.plan == plan.id],
        )
        add(
            "final_learning_exercise",
            plan.id,
            months_after(plan.ends_on, 2),
            [
                a.submitted_on
                for a in assessments
                if a.kind == "final_learning" and a.plan == plan.id
            ],
        )
    for commitment in commitments:
        plan_ends_on = next(p.ends_on for p in facts.plans if p.id == commitment.plan)
        completed_on = commitment.completed_on
        if completed_on is not None and completed_on > known_on:
            completed_on = None
        if completed_on is None or completed_on >= plan_ends_on:
            ends_on = plan_ends_on
        else:
            ends_on = completed_on
        add(
            "end_of_commitment_assessment",
            commitment.id,
            months_after(ends_on, 1),
            [
                a.submitted_on
                for a in assessments
                if a.kind == "end_of_commitment" and a.commitment == commitment.id
            ],
        )
    rows.sort(key=lambda d: (d.due_on, d.kind, d.ref is not None, d.ref or ""))
    return rows


def all_dates(facts: Facts) -> list[date]:
    member = facts.member
    found = [member.joined_on, member.first_plan_due_on]
    if member.extension_until:
        found.append(member.extension_until)
    for plan in facts.plans:
        found += [plan.submitted_on, plan.starts_on, plan.ends_on]
    for commitment in facts.commitments:
        found += [commitment.submitted_on, commitment.starts_on, commitment.ends_on]
        if commitment.completed_on:
            found.append(commitment.completed_on)
    found += [u.submitted_on for u in facts.updates]
    found += [f.recorded_on for f in facts.findings]
    found += [a.submitted_on for a in facts.assessments]
    for period in facts.voluntary_periods:
        found.append(period.starts_on)
        if period.ends_on:
            found.append(period.ends_on)
    return found


def evaluate_reference(facts: Facts, as_of: date) -> Evaluation:
    joined_on = facts.member.joined_on
    assert as_of >= joined_on

    # Every day from joined_on to as_of, each with the facts known on that day.
    days: list[tuple[date, DayState]] = []
    before = None
    day = joined_on
    while day <= as_of:
        before = state_on(facts, day, day, before)
        days.append((day, before))
        day += DAY
    now = before

    timeline = []
    for day, state in days:
        if not timeline or (timeline[-1].status, timeline[-1].voluntary, timeline[-1].rules) != (
            state.key()
        ):
            timeline.append(TimelineEntry(day, state.status, state.voluntary, state.rules))

    def run_start(holds) -> date:
        start = as_of
        for day, state in reversed(days):
            if not holds(state):
                break
            start = day
        return start

    since = run_start(lambda s: (s.status, s.voluntary) == (now.status, now.voluntary))
    reasons = []
    for rule in now.rules:
        rule_since = run_start(lambda s, rule=rule: rule in s.rules)
        fields = {}
        if rule == "inactive.no_first_plan":
            fields["due_on"] = facts.member.extension_until or facts.member.first_plan_due_on
        elif rule == "inactive.no_next_plan":
            plan = latest_ending_plan(known_plans(facts, as_of))
            fields["plan"] = plan.id
            fields["due_on"] = months_after(plan.ends_on, 4)
        elif rule in ("inactive.no_progress", "inactive.no_update"):
            q = quarter(rule_since)
            fields["quarters"] = (label(quarter_before(q, 2)), label(quarter_before(q, 1)))
        elif rule == "inactive.voluntary":
            last_finite_end = max(
                [p.ends_on for p in facts.voluntary_periods if p.ends_on], default=as_of
            )
            day = as_of
            while in_voluntary_period(facts, day + DAY) and day <= last_finite_end:
                day += DAY
            open_ended = in_voluntary_period(facts, day + DAY)
            fields["voluntary_until"] = None if open_ended else day
        elif rule == "probation.co_creation":
            fields["finding_on"] = max(
                f.recorded_on for f in facts.findings if f.recorded_on <= as_of
            )
            fields["revocation_on"] = months_after(run_start(lambda s: s.probation), 4)
        elif rule == "probation.inactive_six_months":
            fields["inactive_since"] = run_start(lambda s: s.involuntary)
            fields["revocation_on"] = months_after(run_start(lambda s: s.probation), 4)
        elif rule == "revoked.probation_unrectified":
            revoked_on = run_start(lambda s: s.status == "revoked")
            start = revoked_on
            for day, state in reversed(days):
                if day < revoked_on:
                    if not state.probation:
                        break
                    start = day
            fields["probation_since"] = start
        reasons.append(Reason(rule, rule_since, HANDBOOK[rule], **fields))

    deadlines = deadlines_at(facts, as_of, as_of)

    # Walk on with nothing new known until the result changes, or until long after every date
    # the facts mention (by then nothing can change any more: six months of inactivity and four
    # of probation are well within two years).
    def result(state, day):
        return state.key(), [d.state for d in deadlines_at(facts, as_of, day)]

    now_result = result(now, as_of)
    limit = max([as_of, *all_dates(facts)]) + relativedelta(years=2)
    next_change_on = None
    state = now
    day = as_of + DAY
    while day <= limit:
        state = state_on(facts, day, as_of, state)
        if result(state, day) != now_result:
            next_change_on = day
            break
        day += DAY

    return Evaluation(
        as_of=as_of,
        status=now.status,
        voluntary=now.voluntary,
        since=since,
        reasons=tuple(reasons),
        timeline=tuple(timeline),
        deadlines=tuple(deadlines),
        next_change_on=next_change_on,
    )
