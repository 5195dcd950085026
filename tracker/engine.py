"""The status rules engine: RULES.md §2 (member status) and §3 (filing deadlines).

Pure Python on purpose: dataclasses in, dataclasses out, no Django, no I/O, no today(). The
scenario command, the daily job, the member page, the what-if tool and the letters all call
`evaluate`; nothing else decides a status or a deadline. Plain-words explanations of the reasons
live in `tracker/explain.py` so that they can be translated.

How it works: the status on a day is a function of the facts known on that day (RULES.md §2).
Instead of walking every day since joining, the engine looks only at the days on which that
function can change: `_state_on` computes the state of one day from the state of the last day
looked at, and `_Agenda` chooses the next day to look at, from the dates on which a rule's
condition can change (fact dates, quarter starts, the day after each due date, the ends of
voluntary periods) and the dates on which a run of inactivity reaches six months (LH §4.2) or a
run of probation reaches four months. `_walk` alternates the two.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from dateutil.relativedelta import relativedelta

# --- Vocabulary ----------------------------------------------------------------------------------

ACTIVE = "active"
INACTIVE = "inactive"
PROBATION = "probation"
REVOKED = "revoked"
STATUSES = (ACTIVE, INACTIVE, PROBATION, REVOKED)

NO_FIRST_PLAN = "inactive.no_first_plan"
NO_NEXT_PLAN = "inactive.no_next_plan"
NO_PROGRESS = "inactive.no_progress"
NO_UPDATE = "inactive.no_update"
VOLUNTARY = "inactive.voluntary"
CO_CREATION = "probation.co_creation"
INACTIVE_SIX_MONTHS = "probation.inactive_six_months"
PROBATION_UNRECTIFIED = "revoked.probation_unrectified"
RULES = (
    NO_FIRST_PLAN,
    NO_NEXT_PLAN,
    NO_PROGRESS,
    NO_UPDATE,
    VOLUNTARY,
    CO_CREATION,
    INACTIVE_SIX_MONTHS,
    PROBATION_UNRECTIFIED,
)
# The four causes of involuntary inactivity (LH §4.1(1)-(4)).
INVOLUNTARY_RULES = (NO_FIRST_PLAN, NO_NEXT_PLAN, NO_PROGRESS, NO_UPDATE)

# The Handbook section each rule cites (RULES.md §5).
RULE_HANDBOOK = {
    NO_FIRST_PLAN: "LH §4.1(1)",
    NO_NEXT_PLAN: "LH §4.1(2)",
    NO_PROGRESS: "LH §4.1(3)",
    NO_UPDATE: "LH §4.1(4)",
    VOLUNTARY: "LH §4.1",
    CO_CREATION: "LH §4.2",
    INACTIVE_SIX_MONTHS: "LH §4.2",
    PROBATION_UNRECTIFIED: "LH §4.2",
}

# The structured facts each reason carries besides rule, since and handbook.
REASON_FIELDS = {
    NO_FIRST_PLAN: ("due_on",),
    NO_NEXT_PLAN: ("plan", "due_on"),
    NO_PROGRESS: ("quarters",),
    NO_UPDATE: ("quarters",),
    VOLUNTARY: ("voluntary_until",),
    CO_CREATION: ("finding_on", "revocation_on"),
    INACTIVE_SIX_MONTHS: ("inactive_since", "revocation_on"),
    PROBATION_UNRECTIFIED: ("probation_since",),
}

FIRST_PLAN = "first_plan"
NEXT_PLAN = "next_plan"
INCEPTION_ASSESSMENT = "inception_assessment"
END_OF_COMMITMENT_ASSESSMENT = "end_of_commitment_assessment"
FINAL_LEARNING_EXERCISE = "final_learning_exercise"
DEADLINE_KINDS = (
    FIRST_PLAN,
    NEXT_PLAN,
    INCEPTION_ASSESSMENT,
    END_OF_COMMITMENT_ASSESSMENT,
    FINAL_LEARNING_EXERCISE,
)
DEADLINE_HANDBOOK = {
    FIRST_PLAN: "LH §4.1(1)",
    NEXT_PLAN: "LH §3.2, §4.1(2)",
    INCEPTION_ASSESSMENT: "LH §3.5.1",
    END_OF_COMMITMENT_ASSESSMENT: "LH §3.5.2",
    FINAL_LEARNING_EXERCISE: "LH §3.5.3",
}

MET = "met"
LATE = "late"
OVERDUE = "overdue"
UPCOMING = "upcoming"
DEADLINE_STATES = (MET, LATE, OVERDUE, UPCOMING)

CO_CREATION_MEETING = "co_creation"
IMPLEMENTATION_MEETING = "implementation"
MEETING_KINDS = (CO_CREATION_MEETING, IMPLEMENTATION_MEETING)

INCEPTION = "inception"
END_OF_COMMITMENT = "end_of_commitment"
FINAL_LEARNING = "final_learning"
ASSESSMENT_KINDS = (INCEPTION, END_OF_COMMITMENT, FINAL_LEARNING)

# LH §4.2: six consecutive months of inactivity lead to probation, four months of probation
# without rectification to revocation. LH §3.2: a next plan is due four months after a plan ends.
MONTHS_INACTIVE_BEFORE_PROBATION = 6
MONTHS_PROBATION_BEFORE_REVOCATION = 4
MONTHS_AFTER_PLAN_FOR_NEXT_PLAN = 4
MONTHS_FOR_INCEPTION_ASSESSMENT = 2
MONTHS_FOR_END_OF_COMMITMENT_ASSESSMENT = 1
MONTHS_FOR_FINAL_LEARNING_EXERCISE = 2

ONE_DAY = timedelta(days=1)


# --- Input ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MemberInfo:
    joined_on: date
    first_plan_due_on: date
    term_ends_on: date | None = None
    extension_until: date | None = None


@dataclass(frozen=True, slots=True)
class Plan:
    id: str
    submitted_on: date
    starts_on: date
    ends_on: date


@dataclass(frozen=True, slots=True)
class Commitment:
    id: str
    plan: str
    submitted_on: date
    starts_on: date
    ends_on: date
    completed_on: date | None = None


@dataclass(frozen=True, slots=True)
class TrackerUpdate:
    commitment: str
    submitted_on: date
    progress: bool


@dataclass(frozen=True, slots=True)
class Meeting:
    held_on: date
    kind: str


@dataclass(frozen=True, slots=True)
class VoluntaryPeriod:
    starts_on: date
    ends_on: date | None = None  # None: open-ended


@dataclass(frozen=True, slots=True)
class RequirementFinding:
    recorded_on: date
    met: bool


@dataclass(frozen=True, slots=True)
class Assessment:
    kind: str
    submitted_on: date
    plan: str | None = None
    commitment: str | None = None


@dataclass(frozen=True, slots=True)
class Facts:
    """Everything recorded about one member. Order matters only for requirement findings: of
    several recorded on one day, the last listed is the latest (RULES.md §2)."""

    member: MemberInfo
    plans: tuple[Plan, ...] = ()
    commitments: tuple[Commitment, ...] = ()
    updates: tuple[TrackerUpdate, ...] = ()
    meetings: tuple[Meeting, ...] = ()
    voluntary_periods: tuple[VoluntaryPeriod, ...] = ()
    findings: tuple[RequirementFinding, ...] = ()
    assessments: tuple[Assessment, ...] = ()


# --- Output --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Reason:
    """A rule in force at `as_of`. Only the fields named in REASON_FIELDS[rule] are set."""

    rule: str
    since: date
    handbook: str
    due_on: date | None = None  # no_first_plan, no_next_plan: the deadline that passed
    plan: str | None = None  # no_next_plan: the latest-ending plan
    quarters: tuple[str, ...] = ()  # no_progress, no_update: the missed pair that began the run
    voluntary_until: date | None = None  # voluntary: last day granted; None: open-ended
    inactive_since: date | None = None  # inactive_six_months: start of the run of inactivity
    finding_on: date | None = None  # co_creation: the finding that requirements are unmet
    revocation_on: date | None = None  # probation.*: revocation unless rectified before
    probation_since: date | None = None  # revoked: start of the unrectified probation


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    on: date
    status: str
    voluntary: bool
    rules: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Deadline:
    """A filing of RULES.md §3. `ref` is the plan's or the commitment's id (None for the first
    plan); `handbook` is the section it comes from (DEADLINE_HANDBOOK), for pages and letters:
    the scenario output of RULES.md §5 does not show it."""

    kind: str
    ref: str | None
    due_on: date
    state: str
    met_on: date | None
    handbook: str


@dataclass(frozen=True, slots=True)
class Evaluation:
    as_of: date
    status: str
    voluntary: bool
    since: date
    reasons: tuple[Reason, ...]
    timeline: tuple[TimelineEntry, ...]
    deadlines: tuple[Deadline, ...]
    # The first day after as_of on which the result changes if no new fact arrives, or None.
    next_change_on: date | None


# --- Calendar ------------------------------------------------------------------------------------


@lru_cache(maxsize=1 << 16)
def add_months(day: date, months: int) -> date:
    """Calendar-month arithmetic, day clamped to the month's end (RULES.md §1)."""
    return day + relativedelta(months=months)


def quarter_of(day: date) -> int:
    """A quarter as one integer (year * 4 + 0..3), so that the quarter before q is q - 1."""
    return day.year * 4 + (day.month - 1) // 3


def quarter_start(quarter: int) -> date:
    return date(quarter // 4, quarter % 4 * 3 + 1, 1)


def quarter_end(quarter: int) -> date:
    return quarter_start(quarter + 1) - ONE_DAY


def quarter_label(quarter: int) -> str:
    return f"{quarter // 4}-Q{quarter % 4 + 1}"


# --- Evaluation ----------------------------------------------------------------------------------

_NEVER = date.max


class _Known:
    """The facts known at as_of, indexed for the questions the rules ask about a day D <= as_of
    (where only facts dated on or before D count) and about later days (where nothing new
    arrives)."""

    def __init__(self, facts: Facts, as_of: date) -> None:
        member = facts.member
        self.as_of = as_of
        self.joined_on = member.joined_on
        self.first_plan_deadline = member.extension_until or member.first_plan_due_on
        self.plans_by_id = {plan.id: plan for plan in facts.plans}

        # Known plans in submission order, with the latest-ending one among the first n.
        self.plans = sorted(
            (plan for plan in facts.plans if plan.submitted_on <= as_of),
            key=lambda plan: plan.submitted_on,
        )
        self.plan_dates = [plan.submitted_on for plan in self.plans]
        self.latest_plan: list[Plan] = []
        self.next_plan_due: list[date] = []
        for plan in self.plans:
            # Of plans ending on the same day, the later submitted counts as the latest-ending.
            if not self.latest_plan or plan.ends_on >= self.latest_plan[-1].ends_on:
                self.latest_plan.append(plan)
                self.next_plan_due.append(add_months(plan.ends_on, MONTHS_AFTER_PLAN_FOR_NEXT_PLAN))
            else:
                self.latest_plan.append(self.latest_plan[-1])
                self.next_plan_due.append(self.next_plan_due[-1])
        known_plan_ids = {plan.id for plan in self.plans}

        # Known commitments; a completion dated after as_of is not known yet.
        self.commitments: list[tuple[Commitment, date | None]] = []
        for commitment in facts.commitments:
            if commitment.submitted_on > as_of:
                continue
            completed_on = commitment.completed_on
            if completed_on is not None and completed_on > as_of:
                completed_on = None
            # A commitment is part of its plan: filed with it or later (tracker/scenario.py and
            # the database enforce it), so its plan is known whenever it is.
            if commitment.plan not in known_plan_ids:
                raise ValueError(
                    f"commitment {commitment.id!r} is known at {as_of} but its plan "
                    f"{commitment.plan!r} is not"
                )
            self.commitments.append((commitment, completed_on))

        # Updates belong to the quarter of their submitted_on; what matters is the first one
        # (and the first recording progress) in each quarter.
        self.first_update: dict[int, date] = {}
        self.first_progress: dict[int, date] = {}
        for update in facts.updates:
            day = update.submitted_on
            if day > as_of:
                continue
            quarter = quarter_of(day)
            if day < self.first_update.get(quarter, _NEVER):
                self.first_update[quarter] = day
            if update.progress and day < self.first_progress.get(quarter, _NEVER):
                self.first_progress[quarter] = day

        # Findings: the last listed of each day wins (RULES.md §2).
        latest_of_day: dict[date, bool] = {}
        for finding in facts.findings:
            if finding.recorded_on <= as_of:
                latest_of_day[finding.recorded_on] = finding.met
        self.finding_dates = sorted(latest_of_day)
        self.finding_met = [latest_of_day[day] for day in self.finding_dates]

        # Voluntary periods are known from the start; merged into disjoint runs of days.
        spans: list[list[date]] = []
        for period in sorted(facts.voluntary_periods, key=lambda period: period.starts_on):
            ends_on = period.ends_on or _NEVER
            if spans and period.starts_on <= spans[-1][1] + ONE_DAY:
                spans[-1][1] = max(spans[-1][1], ends_on)
            else:
                spans.append([period.starts_on, ends_on])
            if ends_on == _NEVER:
                break
        self.voluntary_starts = [span[0] for span in spans]
        self.voluntary_ends = [span[1] for span in spans]

        self.assessments = [a for a in facts.assessments if a.submitted_on <= as_of]
        self._tracked: dict[int, bool] = {}

    def voluntary_span(self, day: date) -> int | None:
        """Index of the voluntary span holding `day`, or None."""
        index = bisect_right(self.voluntary_starts, day) - 1
        if index >= 0 and self.voluntary_ends[index] >= day:
            return index
        return None

    def tracked(self, quarter: int) -> bool:
        """Whether `quarter` is tracked (RULES.md §2, Decisions): some plan and one of its
        commitments, both submitted on or before the quarter's first day, the plan spanning the
        whole quarter and the commitment open in it, and no voluntary period overlapping it.

        The answer is the same on every day from the quarter's first day on, so it is asked only
        about quarters that have begun by the day being evaluated: every fact it depends on is
        then known (a completion dated before the quarter began is dated before that day too)."""
        cached = self._tracked.get(quarter)
        if cached is not None:
            return cached
        first_day, last_day = quarter_start(quarter), quarter_end(quarter)
        result = False
        index = bisect_right(self.voluntary_starts, last_day) - 1
        if index < 0 or self.voluntary_ends[index] < first_day:
            for commitment, completed_on in self.commitments:
                if commitment.submitted_on > first_day or commitment.starts_on > last_day:
                    continue
                if completed_on is not None and completed_on < first_day:
                    continue
                plan = self.plans_by_id[commitment.plan]
                if (
                    plan.submitted_on <= first_day
                    and plan.starts_on <= first_day
                    and plan.ends_on >= last_day
                ):
                    result = True
                    break
        self._tracked[quarter] = result
        return result

    def involuntary_rules(self, day: date) -> list[str]:
        """The inactivity causes of LH §4.1(1)-(4) whose condition holds on `day`."""
        rules = []
        count = bisect_right(self.plan_dates, day)
        if count == 0:
            if day > self.first_plan_deadline:
                rules.append(NO_FIRST_PLAN)
        elif day > self.next_plan_due[count - 1]:
            rules.append(NO_NEXT_PLAN)
        quarter = quarter_of(day)
        if self.tracked(quarter - 2) and self.tracked(quarter - 1):
            first = self.first_progress
            if (
                quarter - 2 not in first
                and quarter - 1 not in first
                and first.get(quarter, _NEVER) > day
            ):
                rules.append(NO_PROGRESS)
            first = self.first_update
            if (
                quarter - 2 not in first
                and quarter - 1 not in first
                and first.get(quarter, _NEVER) > day
            ):
                rules.append(NO_UPDATE)
        return rules

    def co_creation_unmet(self, day: date) -> bool:
        index = bisect_right(self.finding_dates, day) - 1
        return index >= 0 and not self.finding_met[index]

    def change_dates(self) -> list[date]:
        """Every date after joined_on on which the conditions of the rules can change, apart from
        the six- and four-month thresholds, which depend on runs and are added as they arise.
        A commitment's filing is not among them: it counts only for the quarters that start on or
        after it (RULES.md §2), and quarter starts are."""
        joined_on = self.joined_on
        dates = set(self.plan_dates)
        dates.add(self.first_plan_deadline + ONE_DAY)
        dates.update(due + ONE_DAY for due in self.next_plan_due)
        dates.update(self.first_update.values())
        dates.update(self.first_progress.values())
        dates.update(self.finding_dates)
        dates.update(self.voluntary_starts)
        dates.update(end + ONE_DAY for end in self.voluntary_ends if end != _NEVER)
        # Quarter starts: beyond two quarters after the last known plan ends, no quarter pair can
        # be tracked any more, so later quarter starts change nothing.
        horizon = max(self.as_of, max((plan.ends_on for plan in self.plans), default=joined_on))
        last_quarter = quarter_of(horizon) + 3
        quarter = quarter_of(joined_on) + 1
        while quarter <= last_quarter:
            dates.add(quarter_start(quarter))
            quarter += 1
        return sorted(day for day in dates if day > joined_on)


@dataclass(slots=True)
class _Day:
    """The state on one day, with the runs the thresholds are counted from."""

    status: str
    voluntary: bool
    rules: tuple[str, ...]
    involuntary_since: date | None  # start of the current run of involuntary inactivity
    probation_since: date | None  # start of the current run of probation (kept once revoked)


def _state_on(known: _Known, day: date, previous: _Day | None) -> _Day:
    """The state on `day`, from the facts known on it. `previous` is the state on the last day
    looked at before (None on joined_on); the runs of involuntary inactivity and of probation
    carry on from it, which is right because nothing changes between two days looked at
    (_Agenda). Not for a day after a revocation, which is final (RULES.md §2)."""
    rules = known.involuntary_rules(day)
    in_voluntary = known.voluntary_span(day) is not None
    involuntary = bool(rules) and not in_voluntary
    involuntary_since: date | None
    if not involuntary:
        rules = []
        involuntary_since = None
    elif previous is not None and previous.involuntary_since is not None:
        involuntary_since = previous.involuntary_since
    else:
        involuntary_since = day
    if in_voluntary:
        rules.append(VOLUNTARY)

    probation_rules = []
    if known.co_creation_unmet(day):
        probation_rules.append(CO_CREATION)
    if involuntary_since is not None and day >= add_months(
        involuntary_since, MONTHS_INACTIVE_BEFORE_PROBATION
    ):
        probation_rules.append(INACTIVE_SIX_MONTHS)
    if not probation_rules:
        if rules:
            return _Day(INACTIVE, not involuntary, tuple(rules), involuntary_since, None)
        return _Day(ACTIVE, False, (), None, None)

    rules.extend(probation_rules)
    if previous is not None and previous.probation_since is not None:
        probation_since = previous.probation_since
    else:
        probation_since = day
    if day >= add_months(probation_since, MONTHS_PROBATION_BEFORE_REVOCATION):
        return _Day(REVOKED, False, (PROBATION_UNRECTIFIED,), None, probation_since)
    return _Day(PROBATION, False, tuple(rules), involuntary_since, probation_since)


class _Agenda:
    """Chooses the next day to look at: the first day after the current one on which a rule's
    condition can change (_Known.change_dates), or on which the current run of involuntary
    inactivity reaches six months or the current run of probation four months (LH §4.2),
    whichever comes first. Days are asked for in increasing order."""

    def __init__(self, known: _Known) -> None:
        self._dates = known.change_dates()
        self._position = 0

    def after(self, day: date, state: _Day) -> date | None:
        """The next day to look at after `day`, whose state is `state`, or None when nothing
        can change any more."""
        if state.status == REVOKED:  # final (RULES.md §2)
            return None
        dates = self._dates
        while self._position < len(dates) and dates[self._position] <= day:
            self._position += 1
        following = dates[self._position] if self._position < len(dates) else None
        thresholds = []
        if state.probation_since is not None:
            thresholds.append(add_months(state.probation_since, MONTHS_PROBATION_BEFORE_REVOCATION))
        if state.involuntary_since is not None and INACTIVE_SIX_MONTHS not in state.rules:
            thresholds.append(add_months(state.involuntary_since, MONTHS_INACTIVE_BEFORE_PROBATION))
        for threshold in thresholds:
            if following is None or threshold < following:
                following = threshold
        return following


def _walk(known: _Known, as_of: date) -> tuple[list[TimelineEntry], _Day, date | None]:
    """The timeline up to as_of, the state on as_of, and the first later day on which the
    status, the voluntary flag or the set of rules changes (with no new fact), or None."""
    agenda = _Agenda(known)
    timeline: list[TimelineEntry] = []
    previous: _Day | None = None
    at_as_of: _Day | None = None
    day: date | None = known.joined_on
    while day is not None:
        state = _state_on(known, day, previous)
        if (
            previous is None
            or state.status != previous.status
            or state.voluntary != previous.voluntary
            or state.rules != previous.rules
        ):
            if day > as_of:
                assert at_as_of is not None  # joined_on <= as_of is looked at first
                return timeline, at_as_of, day
            timeline.append(TimelineEntry(day, state.status, state.voluntary, state.rules))
        if day <= as_of:
            at_as_of = state
        previous = state
        day = agenda.after(day, state)
    assert at_as_of is not None
    return timeline, at_as_of, None


def _reasons(known: _Known, state: _Day, timeline: list[TimelineEntry]) -> tuple[Reason, ...]:
    as_of = known.as_of
    reasons = []
    for rule in state.rules:
        # The first day of the rule's current unbroken run, read off the timeline.
        since = timeline[-1].on
        for entry in reversed(timeline):
            if rule not in entry.rules:
                break
            since = entry.on
        handbook = RULE_HANDBOOK[rule]
        if rule == NO_FIRST_PLAN:
            reason = Reason(rule, since, handbook, due_on=known.first_plan_deadline)
        elif rule == NO_NEXT_PLAN:
            count = bisect_right(known.plan_dates, as_of)
            reason = Reason(
                rule,
                since,
                handbook,
                plan=known.latest_plan[count - 1].id,
                due_on=known.next_plan_due[count - 1],
            )
        elif rule in (NO_PROGRESS, NO_UPDATE):
            quarter = quarter_of(since)
            quarters = (quarter_label(quarter - 2), quarter_label(quarter - 1))
            reason = Reason(rule, since, handbook, quarters=quarters)
        elif rule == VOLUNTARY:
            span = known.voluntary_span(as_of)
            assert span is not None  # the rule is in force at as_of
            until = known.voluntary_ends[span]
            reason = Reason(
                rule, since, handbook, voluntary_until=None if until == _NEVER else until
            )
        elif rule == CO_CREATION:
            index = bisect_right(known.finding_dates, as_of) - 1
            reason = Reason(
                rule,
                since,
                handbook,
                finding_on=known.finding_dates[index],
                revocation_on=_revocation_on(state),
            )
        elif rule == INACTIVE_SIX_MONTHS:
            reason = Reason(
                rule,
                since,
                handbook,
                inactive_since=state.involuntary_since,
                revocation_on=_revocation_on(state),
            )
        else:  # PROBATION_UNRECTIFIED
            reason = Reason(rule, since, handbook, probation_since=state.probation_since)
        reasons.append(reason)
    return tuple(reasons)


def _revocation_on(state: _Day) -> date:
    assert state.probation_since is not None  # asked only of a member on probation
    return add_months(state.probation_since, MONTHS_PROBATION_BEFORE_REVOCATION)


def _deadline(
    kind: str, ref: str | None, due_on: date, met_on: date | None, as_of: date
) -> Deadline:
    if met_on is not None:
        state = MET if met_on <= due_on else LATE
    else:
        state = OVERDUE if due_on < as_of else UPCOMING
    return Deadline(kind, ref, due_on, state, met_on, DEADLINE_HANDBOOK[kind])


def _successor_on(known: _Known, plan: Plan) -> date | None:
    """When `plan`'s next_plan deadline was met (RULES.md §3): the submitted_on of the first
    other plan submitted on or after it (the same day counts) that ends later than it."""
    for other in known.plans[bisect_left(known.plan_dates, plan.submitted_on) :]:
        if other is not plan and other.ends_on > plan.ends_on:
            return other.submitted_on  # plans are in submission order: the first is the earliest
    return None


def _deadlines(known: _Known, as_of: date) -> tuple[Deadline, ...]:
    """The filings of RULES.md §3 for the facts known at as_of."""
    plans = known.plans
    first_submission = plans[0].submitted_on if plans else None
    deadlines = [_deadline(FIRST_PLAN, None, known.first_plan_deadline, first_submission, as_of)]

    done: dict[tuple[str, str | None], date] = {}
    for assessment in known.assessments:
        key = (assessment.kind, assessment.commitment or assessment.plan)
        if assessment.submitted_on < done.get(key, _NEVER):
            done[key] = assessment.submitted_on

    for plan in plans:
        deadlines.append(
            _deadline(
                NEXT_PLAN,
                plan.id,
                add_months(plan.ends_on, MONTHS_AFTER_PLAN_FOR_NEXT_PLAN),
                _successor_on(known, plan),
                as_of,
            )
        )
        deadlines.append(
            _deadline(
                INCEPTION_ASSESSMENT,
                plan.id,
                add_months(plan.submitted_on, MONTHS_FOR_INCEPTION_ASSESSMENT),
                done.get((INCEPTION, plan.id)),
                as_of,
            )
        )
        deadlines.append(
            _deadline(
                FINAL_LEARNING_EXERCISE,
                plan.id,
                add_months(plan.ends_on, MONTHS_FOR_FINAL_LEARNING_EXERCISE),
                done.get((FINAL_LEARNING, plan.id)),
                as_of,
            )
        )
    for commitment, completed_on in known.commitments:
        ends_on = known.plans_by_id[commitment.plan].ends_on
        if completed_on is not None and completed_on < ends_on:
            ends_on = completed_on
        deadlines.append(
            _deadline(
                END_OF_COMMITMENT_ASSESSMENT,
                commitment.id,
                add_months(ends_on, MONTHS_FOR_END_OF_COMMITMENT_ASSESSMENT),
                done.get((END_OF_COMMITMENT, commitment.id)),
                as_of,
            )
        )
    deadlines.sort(key=deadline_sort_key)
    return tuple(deadlines)


def deadline_sort_key(deadline: Deadline) -> tuple:
    """RULES.md §5: by due_on, then kind, then ref (no ref first)."""
    return (deadline.due_on, deadline.kind, deadline.ref is not None, deadline.ref or "")


def evaluate(facts: Facts, as_of: date) -> Evaluation:
    """The member's status, reasons, timeline and deadlines at as_of (RULES.md §2, §3, §5).

    Only facts dated on or before as_of count (voluntary periods are known from the start), and
    the status on each earlier day uses only the facts dated on or before that day."""
    if as_of < facts.member.joined_on:
        raise ValueError(f"as_of {as_of} is before joined_on {facts.member.joined_on}")
    known = _Known(facts, as_of)
    timeline, state, status_change_on = _walk(known, as_of)
    deadlines = _deadlines(known, as_of)

    since = timeline[-1].on
    for entry in reversed(timeline):
        if entry.status != state.status or entry.voluntary != state.voluntary:
            break
        since = entry.on

    # A deadline not done turns overdue the day after it is due.
    next_change_on = status_change_on
    for deadline in deadlines:
        if deadline.state == UPCOMING:
            turns_overdue_on = deadline.due_on + ONE_DAY
            if next_change_on is None or turns_overdue_on < next_change_on:
                next_change_on = turns_overdue_on

    return Evaluation(
        as_of=as_of,
        status=state.status,
        voluntary=state.voluntary,
        since=since,
        reasons=_reasons(known, state, timeline),
        timeline=tuple(timeline),
        deadlines=deadlines,
        next_change_on=next_change_on,
    )


# --- Tracked quarters (RULES.md §2 Decisions, §3 "other dates") -----------------------------------

TRACKER_UPDATE_HANDBOOK = "LH §3.5.4"


@dataclass(frozen=True, slots=True)
class TrackerQuarter:
    """One calendar quarter from the member's joining to as_of: whether it is tracked (RULES.md §2,
    Decisions), the day its tracker update is due (its last day, RULES.md §3, LH §3.5.4), and the
    first update (and first update recording progress) submitted in it, if any by as_of."""

    label: str
    starts_on: date
    due_on: date
    tracked: bool
    updated_on: date | None
    progress_on: date | None
    handbook: str = TRACKER_UPDATE_HANDBOOK


def tracker_quarters(facts: Facts, as_of: date) -> tuple[TrackerQuarter, ...]:
    """Every quarter from the one `joined_on` lies in to the one `as_of` lies in, oldest first.

    The current quarter's trackedness is already settled on its first day (engine-decisions.md),
    so the member page can say on any day whether an update is due this quarter and by when;
    pages and reminders take the due dates from here, never from their own arithmetic."""
    if as_of < facts.member.joined_on:
        raise ValueError(f"as_of {as_of} is before joined_on {facts.member.joined_on}")
    known = _Known(facts, as_of)
    quarters = []
    for quarter in range(quarter_of(facts.member.joined_on), quarter_of(as_of) + 1):
        quarters.append(
            TrackerQuarter(
                label=quarter_label(quarter),
                starts_on=quarter_start(quarter),
                due_on=quarter_end(quarter),
                tracked=known.tracked(quarter),
                updated_on=known.first_update.get(quarter),
                progress_on=known.first_progress.get(quarter),
            )
        )
    return tuple(quarters)
