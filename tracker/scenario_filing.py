"""Filing a scenario's tracker updates and voluntary periods through the services (RULES.md §5),
for the tests that compare `tracker.facts` with a scenario and for `simulate_job`.

A scenario says of each update only whether it records progress; the portal derives progress
from what was filed (RULES.md §2). So each update is filed as a point of contact would report it:
a commitment needs as many milestones as it has updates recording progress
(`milestones_needed`); an update recording progress marks the next milestone complete, one
without progress repeats what was recorded before. An update of a commitment in a quarter that
already has one is filed as a correction of it (one update per commitment and quarter).
"""

from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import date

from commitments.models import Commitment
from members.models import Member
from tracker import engine
from tracker.models import CompletionLevel, MilestoneState, TrackerUpdate
from tracker.services_inactivity import decide_voluntary_inactivity, request_voluntary_inactivity
from tracker.services_updates import MilestoneEntry, correct_update, file_update, quarter_starts_on


def milestones_needed(updates: Iterable[engine.TrackerUpdate]) -> Counter:
    """Scenario commitment id → how many milestones its updates need."""
    return Counter(update.commitment for update in updates if update.progress)


def file_updates(
    updates: Iterable[engine.TrackerUpdate],
    commitments: Mapping[str, Commitment],
    *,
    actor,
) -> list[TrackerUpdate]:
    """File `updates` (in date order) for the database commitments named by scenario id."""
    completed: Counter = Counter()
    filed = []
    for update in sorted(updates, key=lambda u: u.submitted_on):
        commitment = commitments[update.commitment]
        if update.progress:
            completed[update.commitment] += 1
        done = completed[update.commitment]
        numbers = commitment.milestones.order_by("number").values_list("number", flat=True)
        values = {
            "completion_level": CompletionLevel.LIMITED if done else CompletionLevel.NOT_STARTED,
            "narrative": "Work went on as planned.",
            "next_steps": "The next milestone.",
            "milestone_states": {
                number: MilestoneEntry(
                    MilestoneState.COMPLETE if index < done else MilestoneState.IN_PROGRESS
                )
                for index, number in enumerate(numbers)
            },
        }
        existing = TrackerUpdate.objects.filter(
            commitment=commitment, quarter_starts_on=quarter_starts_on(update.submitted_on)
        ).first()
        if existing is None:
            filed.append(file_update(commitment, actor=actor, as_of=update.submitted_on, **values))
        else:
            correct_update(
                existing, actor=actor, as_of=update.submitted_on, reason="Filed again.", **values
            )
    return filed


def file_voluntary_periods(
    member: Member,
    periods: Iterable[engine.VoluntaryPeriod],
    *,
    requester,
    staff,
    granted_on: Iterable[date | None] | None = None,
) -> None:
    """Request and grant each period; granted on its `granted_on` (absent: the joining day, so
    known from the start, RULES.md §6)."""
    periods = list(periods)
    days = list(granted_on) if granted_on is not None else [None] * len(periods)
    for period, day in zip(periods, days, strict=True):
        decided_on = day or member.joined_on
        request = request_voluntary_inactivity(
            member,
            actor=requester,
            as_of=decided_on,
            starts_on=period.starts_on,
            ends_on=period.ends_on,
            reason="Scenario period.",
        )
        decide_voluntary_inactivity(
            request, actor=staff, as_of=decided_on, grant=True, reason="Scenario period."
        )
