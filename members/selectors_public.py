"""Read paths of the public directory and the member page: each member's status with its reasons,
its current plan and its commitments, for a page of members at once in a bounded number of
queries.

Where the status comes from. The daily rules job (issue 21, `tracker/job.py`) materializes what it
announced on `Member.status`/`status_since` and sets `status_evaluated_on`; that recorded status is
what letters were sent about, so the directory shows it. A member the job has not evaluated yet
(`status_evaluated_on` empty: before the job's first run, or the demo) is shown with the engine's
reading on the request's day, computed from `tracker.facts` (six queries for any number of
members). The member page always shows the engine's reasons and deadlines, and the recorded status
beside them where the two differ.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Prefetch, Q, QuerySet
from django.utils.formats import date_format
from django.utils.translation import gettext

from members.models import Member
from tracker import engine
from tracker.facts import facts_for_members


@dataclass(frozen=True)
class PlanPeriod:
    starts_on: date
    ends_on: date
    is_current: bool


@dataclass(frozen=True)
class Reading:
    """What the public pages show of one member's standing on `as_of`."""

    status: str
    voluntary: bool
    since: date | None
    # True when the status is the one the daily job recorded (and announced); False when it is
    # the engine's reading because the job has not evaluated the member yet.
    recorded: bool
    evaluation: engine.Evaluation | None = None
    plan: PlanPeriod | None = None
    commitments: int = 0
    completed: int = 0
    reasons: tuple[engine.Reason, ...] = field(default_factory=tuple)

    @property
    def completed_percent(self) -> int:
        return round(100 * self.completed / self.commitments) if self.commitments else 0

    @property
    def revocation_on(self) -> date | None:
        """The day a member on probation is revoked unless it rectifies (LH §4.2)."""
        days = [reason.revocation_on for reason in self.reasons if reason.revocation_on]
        return min(days) if days else None


def evaluate_members(member_ids: Iterable[int], *, as_of: date) -> dict[int, engine.Evaluation]:
    """The engine's evaluation of each member on `as_of` (six queries, whatever the number).

    A member that joins after `as_of` has no evaluation yet."""
    evaluations = {}
    for member_id, facts in facts_for_members(member_ids, as_of=as_of).items():
        if facts.member.joined_on > as_of:
            continue
        evaluations[member_id] = engine.evaluate(facts, as_of)
    return evaluations


def readings_for(members: Iterable[Member], *, as_of: date) -> dict[int, Reading]:
    """The reading of each of `members` (already loaded) on `as_of`, by member id."""
    members = list(members)
    if not members:
        return {}
    facts = facts_for_members([member.pk for member in members], as_of=as_of)
    readings = {}
    for member in members:
        member_facts = facts.get(member.pk)
        evaluation = None
        if member_facts is not None and member_facts.member.joined_on <= as_of:
            evaluation = engine.evaluate(member_facts, as_of)
        readings[member.pk] = _reading(member, member_facts, evaluation, as_of)
    return readings


def _reading(
    member: Member, facts: engine.Facts | None, evaluation: engine.Evaluation | None, as_of: date
) -> Reading:
    plan = None
    commitments = completed = 0
    if facts is not None:
        known_plans = [p for p in facts.plans if p.submitted_on <= as_of]
        current = [p for p in known_plans if p.starts_on <= as_of <= p.ends_on]
        chosen = max(
            current or known_plans, key=lambda p: (p.ends_on, p.submitted_on), default=None
        )
        if chosen is not None:
            plan = PlanPeriod(chosen.starts_on, chosen.ends_on, is_current=bool(current))
            of_plan = [
                c for c in facts.commitments if c.plan == chosen.id and c.submitted_on <= as_of
            ]
            commitments = len(of_plan)
            completed = sum(1 for c in of_plan if c.completed_on and c.completed_on <= as_of)
    if member.status_evaluated_on is not None or evaluation is None:
        return Reading(
            status=member.status,
            voluntary=member.status_voluntary,
            since=member.status_since,
            recorded=member.status_evaluated_on is not None,
            evaluation=evaluation,
            plan=plan,
            commitments=commitments,
            completed=completed,
            reasons=evaluation.reasons if evaluation else (),
        )
    return Reading(
        status=evaluation.status,
        voluntary=evaluation.voluntary,
        since=evaluation.since,
        recorded=False,
        evaluation=evaluation,
        plan=plan,
        commitments=commitments,
        completed=completed,
        reasons=evaluation.reasons,
    )


def filter_by_status(
    queryset: QuerySet[Member], status: str, *, as_of: date, voluntary: bool | None = None
) -> QuerySet[Member]:
    """The members of `queryset` whose shown status is `status` on `as_of`: the recorded status
    of those the daily job evaluated, the engine's reading of the others (see the module).

    Two queries plus the six of `tracker.facts` for the members not evaluated yet."""
    evaluated = Q(status_evaluated_on__isnull=False, status=status)
    if voluntary is not None:
        evaluated &= Q(status_voluntary=voluntary)
    pending_ids = list(
        queryset.filter(status_evaluated_on__isnull=True).order_by().values_list("pk", flat=True)
    )
    matching = [
        member_id
        for member_id, evaluation in evaluate_members(pending_ids, as_of=as_of).items()
        if evaluation.status == status and (voluntary is None or evaluation.voluntary == voluntary)
    ]
    return queryset.filter(evaluated | Q(pk__in=matching))


# --- The member page: the status explained ----------------------------------------------------


@dataclass(frozen=True)
class ExplainedReason:
    rule: str
    handbook: str
    since: date
    text: str
    act_by: date | None  # the day the next consequence comes, unless the member acts
    act_by_text: str


@dataclass(frozen=True)
class ExplainedDeadline:
    kind: str
    state: str
    due_on: date
    met_on: date | None
    handbook: str
    text: str


@dataclass(frozen=True)
class TimelineRow:
    on: date
    recorded: object | None  # a tracker StatusChange, when the daily job recorded one that day
    reading: engine.TimelineEntry | None  # the engine's entry of that day, read today

    @property
    def recorded_label(self) -> str:
        if self.recorded is None:
            return ""
        return status_label(self.recorded.status, voluntary=self.recorded.voluntary)

    @property
    def reading_label(self) -> str:
        if self.reading is None:
            return ""
        return status_label(self.reading.status, voluntary=self.reading.voluntary)


def status_label(status: str, *, voluntary: bool = False) -> str:
    """A status in words, "Inactive (voluntary)" for an inactivity the member asked for."""
    from members.models import MemberStatus

    if status == MemberStatus.INACTIVE and voluntary:
        return gettext("Inactive (voluntary)")
    return str(MemberStatus(status).label)


@dataclass(frozen=True)
class Standing:
    reading: Reading
    evaluation: engine.Evaluation | None
    reasons: tuple[ExplainedReason, ...]
    deadlines: tuple[ExplainedDeadline, ...]
    timeline: tuple[TimelineRow, ...]
    differs: bool  # the recorded status is not the engine's reading of today
    next_update_due_on: date | None  # the current quarter's tracker update, when it is tracked


def _local_day(day: date) -> str:
    """A date as the page's language writes it ("1 October 2026", "1 octobre 2026")."""
    return date_format(day, "DATE_FORMAT")


def member_standing(member: Member, *, as_of: date) -> Standing:
    """The member page's account of the status: every rule in force with its Handbook section,
    since when and what to do by when; the deadlines of RULES.md §3; the timeline since joining,
    the recorded changes beside the engine's reading. Eight queries (facts, labels, changes)."""
    from actionplans.models import ActionPlan
    from commitments.models import Commitment
    from tracker import explain

    facts = facts_for_members([member.pk], as_of=as_of).get(member.pk)
    evaluation = None
    if facts is not None and facts.member.joined_on <= as_of:
        evaluation = engine.evaluate(facts, as_of)
    reading = _reading(member, facts, evaluation, as_of)

    plan_ids = [int(plan.id) for plan in facts.plans] if facts else []
    commitment_ids = [int(c.id) for c in facts.commitments] if facts else []
    plans = {str(p.pk): str(p) for p in ActionPlan.objects.filter(pk__in=plan_ids)}
    commitments = {
        str(pk): title
        for pk, title in Commitment.objects.filter(pk__in=commitment_ids).values_list("pk", "title")
    }

    reasons = []
    if evaluation is not None:
        for reason in evaluation.reasons:
            act_by, act_text = _act_by(reason, evaluation)
            reasons.append(
                ExplainedReason(
                    rule=reason.rule,
                    handbook=reason.handbook,
                    since=reason.since,
                    text=explain.explain_reason(
                        reason, plans=plans, commitments=commitments, day=_local_day
                    ),
                    act_by=act_by,
                    act_by_text=act_text,
                )
            )
    deadlines = tuple(
        ExplainedDeadline(
            kind=deadline.kind,
            state=deadline.state,
            due_on=deadline.due_on,
            met_on=deadline.met_on,
            handbook=deadline.handbook,
            text=explain.explain_deadline(
                deadline, plans=plans, commitments=commitments, day=_local_day
            ),
        )
        for deadline in (evaluation.deadlines if evaluation else ())
    )

    recorded = _recorded_changes(member)
    timeline = _timeline(recorded, evaluation.timeline if evaluation else ())
    differs = evaluation is not None and (
        (member.status, member.status_voluntary) != (evaluation.status, evaluation.voluntary)
        if member.status_evaluated_on is not None
        else False
    )
    return Standing(
        reading=reading,
        evaluation=evaluation,
        reasons=tuple(reasons),
        deadlines=deadlines,
        timeline=timeline,
        differs=differs,
        next_update_due_on=_next_update_due_on(facts, as_of) if evaluation else None,
    )


def _act_by(reason: engine.Reason, evaluation: engine.Evaluation) -> tuple[date | None, str]:
    """The next consequence of `reason` and the day it comes, in plain words (LH §4.2)."""
    from django.utils.formats import date_format
    from django.utils.translation import gettext

    if reason.revocation_on is not None:
        return reason.revocation_on, gettext(
            "Revocation on %(day)s unless the member puts things right by then (LH §4.2)."
        ) % {"day": date_format(reason.revocation_on, "DATE_FORMAT")}
    if reason.rule in engine.INVOLUNTARY_RULES and evaluation.status == engine.INACTIVE:
        probation_on = engine.add_months(evaluation.since, engine.MONTHS_INACTIVE_BEFORE_PROBATION)
        return probation_on, gettext(
            "Probation on %(day)s unless the member resumes its activities by then: six months "
            "of inactivity lead to probation (LH §4.2)."
        ) % {"day": date_format(probation_on, "DATE_FORMAT")}
    if reason.rule == engine.VOLUNTARY and reason.voluntary_until is not None:
        return reason.voluntary_until, gettext(
            "The voluntary inactivity ends after %(day)s; the member resumes its activities then."
        ) % {"day": date_format(reason.voluntary_until, "DATE_FORMAT")}
    return None, ""


def _recorded_changes(member: Member) -> list:
    """The StatusChanges the daily job recorded (issue 21), oldest first; none before it lands."""
    from django.apps import apps

    try:
        model = apps.get_model("tracker", "StatusChange")
    except LookupError:
        return []
    return list(model.objects.filter(member=member).order_by("effective_on", "pk"))


def _timeline(recorded: list, entries: tuple[engine.TimelineEntry, ...]) -> tuple[TimelineRow, ...]:
    """The recorded changes and the engine's timeline side by side, by date, latest first."""
    by_day: dict[date, list] = {}
    for change in recorded:
        by_day.setdefault(change.effective_on, [None, None])[0] = change
    for entry in entries:
        by_day.setdefault(entry.on, [None, None])[1] = entry
    return tuple(
        TimelineRow(on=day, recorded=pair[0], reading=pair[1])
        for day, pair in sorted(by_day.items(), reverse=True)
    )


def _next_update_due_on(facts: engine.Facts | None, as_of: date) -> date | None:
    """The due date of the current quarter's tracker update when the quarter is tracked and no
    update came yet (LH §3.5.4), from the engine's own quarters."""
    tracker_quarters = getattr(engine, "tracker_quarters", None)
    if facts is None or tracker_quarters is None:
        return None
    quarters = tracker_quarters(facts, as_of)
    if not quarters:
        return None
    current = quarters[-1]
    if current.tracked and current.updated_on is None:
        return current.due_on
    return None


@dataclass(frozen=True)
class PlanInForce:
    plan: object  # actionplans.ActionPlan, with its monitoring body
    regularity: object  # actionplans.services_cocreation.Regularity
    is_current: bool


def plan_in_force(member: Member, *, as_of: date) -> PlanInForce | None:
    """The member's submitted plan in force on `as_of` (else its latest), its own or its
    coalition's, with its monitoring body and its meetings counted against the regularity
    requirement of LH §3.3.1 (shown, never enforced). Two queries."""
    from actionplans.models import ActionPlan, Meeting, PlanState
    from actionplans.services_cocreation import meeting_regularity

    plans = list(
        ActionPlan.objects.filter(state=PlanState.SUBMITTED, submitted_on__lte=as_of)
        .filter(Q(member=member) | Q(coalition__memberships__member=member))
        .select_related("monitoring_body", "member__jurisdiction", "coalition")
        .prefetch_related(Prefetch("meetings", queryset=Meeting.objects.order_by("held_on", "pk")))
        .distinct()
        .order_by("-ends_on", "-pk")
    )
    if not plans:
        return None
    current = [plan for plan in plans if plan.starts_on <= as_of <= plan.ends_on]
    plan = (current or plans)[0]
    return PlanInForce(
        plan=plan,
        regularity=meeting_regularity(plan, list(plan.meetings.all()), as_of=as_of),
        is_current=bool(current),
    )
