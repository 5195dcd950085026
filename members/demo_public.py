"""Demo facts behind the public pages (issue 22): members whose status the rules engine itself
gives, from plans, commitments and quarterly tracker updates filed through the services.

Without them, the demo world's members (who joined in 2022-2024) have no plan, so the engine
reads nearly all of them as revoked (LH §4.1(1), §4.2), and the directory and the overview show
nothing real. Here every demo member without a submitted plan files one on time (actionplans'
demo filer, `actionplans.demo._file_plan`), and its point of contact files a tracker update every
quarter since (`tracker.services_updates.file_update`), each recording progress, so that the
member is active today, with these exceptions, chosen so that every status shows with its real
reasons:

- inactive (no update in the last two quarters, LH §4.1(3)-(4)): Bahía Blanca and Larena;
- on probation (inactive for six months, LH §4.2; revocation four months on): Plateau State;
- inactive at its own request (LH §4.1), granted by the Support Unit: Semarang;
- revoked (no first plan, LH §4.1(1), §4.2): Gwangju;
- inactive for two quarters a while ago, then active again: Buenos Aires.

Idempotent: a member with a submitted plan gets no new plan; an update already filed for a
quarter is left as it is.
"""

from __future__ import annotations

import logging
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.db import transaction

from actionplans.models import ActionPlan, PlanState
from members.models import Member
from tracker.engine import add_months, quarter_of, quarter_start

logger = logging.getLogger(__name__)

INACTIVE = {"bahia-blanca", "larena"}
PROBATION = {"plateau-state"}
VOLUNTARY = {"semarang"}
WITHOUT_PLAN = {"gwangju", "paris"}  # Paris: actionplans/demo.py files a draft only
LAPSED_THEN_BACK = {"buenos-aires"}

# What each update says of a commitment, step by step: (completion level, milestone 1, 2).
STEPS = [
    ("limited", "in_progress", "not_started"),
    ("substantial", "in_progress", "not_started"),
    ("substantial", "complete", "in_progress"),
    ("complete", "complete", "complete"),
]


def seed_public_demo(
    *, members: dict[str, Member], users_of: dict[str, object], staff, as_of: date
) -> None:
    for slug, member in members.items():
        actor = users_of.get(slug) or staff
        if slug in WITHOUT_PLAN or member.joined_on > as_of:
            continue
        plan = _submitted_plan(member, actor, as_of=as_of)
        if plan is None:
            continue
        plans = [plan]
        successor = _successor_plan(member, plan, actor, as_of=as_of)
        if successor is not None:
            plans.append(successor)
        for index, each in enumerate(plans):
            until = plans[index + 1].submitted_on if index + 1 < len(plans) else as_of
            _file_updates(slug, each, actor, as_of=as_of, until=until)
            _implementation_meetings(each, actor, as_of=min(until, as_of))
        if slug in VOLUNTARY:
            _grant_voluntary_inactivity(member, actor, staff, as_of=as_of)


def _submitted_plan(member: Member, actor, *, as_of: date) -> ActionPlan | None:
    existing = (
        ActionPlan.objects.filter(member=member, state=PlanState.SUBMITTED)
        .order_by("ends_on", "pk")
        .first()
    )
    if existing is not None:
        return existing
    submitted_on = min(member.first_plan_due_on, as_of) - timedelta(days=10)
    submitted_on = max(submitted_on, member.joined_on)
    starts_on = (submitted_on + relativedelta(months=1)).replace(day=1)
    return _file_demo_plan(member, actor, submitted_on=submitted_on, starts_on=starts_on)


def _file_demo_plan(
    member: Member, actor, *, submitted_on: date, starts_on: date
) -> ActionPlan | None:
    from actionplans.demo import _file_plan, _meeting
    from actionplans.models import MeetingKind
    from actionplans.services import latest_end_for_term, submit_plan
    from members.selectors import term_on

    # Four years at most (LH §3.2), ending two months before the term if it ends sooner.
    ends_on = starts_on + relativedelta(years=4) - timedelta(days=1)
    term = term_on(member.jurisdiction, submitted_on)
    if term is not None:
        ends_on = min(ends_on, latest_end_for_term(term.ends_on))
    if ends_on < starts_on + relativedelta(years=1):
        return None
    try:
        with transaction.atomic():  # a refused plan leaves no draft behind
            plan = _file_plan(
                member, actor, starts_on=starts_on, ends_on=ends_on, as_of=submitted_on, count=3
            )
            # One co-creation meeting with civil society (LH §3.3.1); implementation meetings
            # follow in `_implementation_meetings`.
            _meeting(
                plan,
                actor,
                submitted_on - timedelta(days=30),
                MeetingKind.CO_CREATION,
                "Open government forum, city hall",
            )
            submit_plan(plan, actor=actor, as_of=submitted_on)
    except ValidationError as error:  # a demo row the rules refuse: say so, go on
        logger.warning("demo plan of %s refused: %s", member, error)
        return None
    plan.refresh_from_db()
    return plan


def _successor_plan(member: Member, plan: ActionPlan, actor, *, as_of: date) -> ActionPlan | None:
    """When `plan` has ended (or ends within four months), the next one, filed a month before
    its end (LH §3.2, §4.1(2)); the one already filed if there is one."""
    if plan.ends_on > as_of + relativedelta(months=4):
        return None
    later = (
        ActionPlan.objects.filter(
            member=member, state=PlanState.SUBMITTED, ends_on__gt=plan.ends_on
        )
        .order_by("ends_on")
        .first()
    )
    if later is not None:
        return later
    return _file_demo_plan(
        member,
        actor,
        submitted_on=plan.ends_on - timedelta(days=30),
        starts_on=plan.ends_on + timedelta(days=1),
    )


def _quarters_to_file(
    slug: str, plan: ActionPlan, *, as_of: date, until: date | None = None
) -> list[date]:
    """The days on which the member files an update: one a quarter from the quarter after the
    plan's submission to the quarter of `until` (its successor's submission, else as_of), the
    story of its status left out (see the module)."""
    first = quarter_of(plan.submitted_on) + 1
    last = quarter_of(min(until or as_of, plan.ends_on, as_of))
    current = quarter_of(as_of)
    skipped: set[int] = set()
    if slug in INACTIVE:
        skipped = {current - 2, current - 1, current}
    elif slug in PROBATION:
        skipped = set(range(current - 4, current + 1))
    elif slug in VOLUNTARY:
        skipped = {current - 1, current}
    elif slug in LAPSED_THEN_BACK:
        skipped = {current - 4, current - 3}
    days = []
    for quarter in range(first, last + 1):
        if quarter in skipped:
            continue
        start = quarter_start(quarter)
        # Buenos Aires files late in the quarter after the gap: inactive from its first day.
        day = start + timedelta(
            days=44 if quarter == current - 2 and slug in LAPSED_THEN_BACK else 40
        )
        if day > as_of:
            if quarter == current:
                continue
            day = as_of
        days.append(day)
    return days


def _file_updates(
    slug: str, plan: ActionPlan, actor, *, as_of: date, until: date | None = None
) -> None:
    from tracker.models import TrackerUpdate
    from tracker.services_updates import MilestoneEntry, file_update

    commitments = list(plan.commitments.filter(removed_on__isnull=True).order_by("number"))
    if not commitments:
        return
    steps = {c.pk: 0 for c in commitments}
    filed = set(
        TrackerUpdate.objects.filter(commitment__plan=plan).values_list(
            "commitment_id", "quarter_starts_on"
        )
    )
    for update in TrackerUpdate.objects.filter(commitment__plan=plan):
        steps[update.commitment_id] = steps.get(update.commitment_id, 0) + 1
    for day in _quarters_to_file(slug, plan, as_of=as_of, until=until):
        quarter_first = quarter_start(quarter_of(day))
        if any(first == quarter_first for _c, first in filed):
            continue
        # The open commitment least advanced, so each update records progress (LH §4.1(3)).
        candidates = [
            c
            for c in commitments
            if steps[c.pk] < len(STEPS)
            and c.starts_on <= day
            and (c.completed_on is None or c.completed_on > day)
        ]
        if not candidates:
            continue
        commitment = min(candidates, key=lambda c: (steps[c.pk], c.number))
        level, first_state, second_state = STEPS[steps[commitment.pk]]
        milestones = {m.number: m for m in commitment.milestones.all()}
        states = {}
        for number, state in zip(sorted(milestones), (first_state, second_state), strict=False):
            states[number] = MilestoneEntry(state=state)
        try:
            file_update(
                commitment,
                actor=actor,
                as_of=day,
                completion_level=level,
                narrative=(
                    f"{commitment.title}: the lead agency and the forum met this quarter and "
                    "published the minutes; work goes on as planned."
                ),
                next_steps="Present the next results to the forum before the quarter ends.",
                milestone_states=states,
            )
        except ValidationError as error:
            logger.warning("demo update of %s on %s refused: %s", commitment, day, error)
            continue
        steps[commitment.pk] += 1
        filed.add((commitment.pk, quarter_first))
        commitment.refresh_from_db()


def _implementation_meetings(plan: ActionPlan, actor, *, as_of: date) -> None:
    """Two meetings a year on implementation with civil society (LH §3.3.1), from the plan's
    start; none again if the plan has some."""
    from actionplans.demo import _meeting
    from actionplans.models import MeetingKind

    if plan.meetings.filter(kind=MeetingKind.IMPLEMENTATION).exists():
        return
    day = plan.starts_on + timedelta(days=75)
    while day <= min(as_of, plan.ends_on):
        try:
            _meeting(plan, actor, day, MeetingKind.IMPLEMENTATION, "Open government forum")
        except ValidationError as error:
            logger.warning("demo meeting of %s on %s refused: %s", plan, day, error)
        day += relativedelta(months=6)


def _grant_voluntary_inactivity(member: Member, actor, staff, *, as_of: date) -> None:
    from tracker.models import VoluntaryInactivity
    from tracker.services_inactivity import (
        decide_voluntary_inactivity,
        request_voluntary_inactivity,
    )

    if VoluntaryInactivity.objects.filter(member=member).exists():
        return
    starts_on = quarter_start(quarter_of(as_of) - 1)
    asked_on = starts_on - timedelta(days=20)
    try:
        request = request_voluntary_inactivity(
            member,
            actor=actor,
            as_of=asked_on,
            starts_on=starts_on,
            ends_on=add_months(starts_on, 9) - timedelta(days=1),
            reason="Local elections and the change of administration; work resumes after them.",
        )
        decide_voluntary_inactivity(
            request,
            actor=staff,
            as_of=asked_on + timedelta(days=5),
            grant=True,
            reason="A change of administration (LH §4.1).",
        )
    except ValidationError as error:
        logger.warning("demo voluntary inactivity of %s refused: %s", member, error)
