"""Whether a tracker update records progress (RULES.md §2, Decisions): derived, never typed.

An update records progress when the commitment's completion level rose above its previous
recorded level, or some milestone was marked complete that was not complete before. "Previous"
is the commitment's latest update of an earlier quarter (a correction of this quarter's update is
compared with the same earlier one); before the first update, the commitment had not started and
no milestone was complete.

Pure Python: the service hands in what was recorded, this module answers.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

NOT_STARTED = "not_started"
LEVELS = ("not_started", "limited", "substantial", "complete")
COMPLETE = "complete"


@dataclass(frozen=True)
class Recorded:
    """What was recorded of a commitment before this quarter: its level and the numbers of its
    milestones that were complete."""

    level: str = NOT_STARTED
    complete_milestones: frozenset[int] = frozenset()


NOTHING_RECORDED = Recorded()


def records_progress(previous: Recorded, level: str, milestone_states: Mapping[int, str]) -> bool:
    """Whether filing `level` and `milestone_states` (milestone number → state) after `previous`
    records progress."""
    if LEVELS.index(level) > LEVELS.index(previous.level):
        return True
    return bool(newly_complete(previous, milestone_states))


def newly_complete(previous: Recorded, milestone_states: Mapping[int, str]) -> list[int]:
    """The milestones marked complete now that were not complete before, by number."""
    return sorted(
        number
        for number, state in milestone_states.items()
        if state == COMPLETE and number not in previous.complete_milestones
    )


def recorded(level: str, milestone_states: Iterable[tuple[int, str]]) -> Recorded:
    return Recorded(
        level=level,
        complete_milestones=frozenset(
            number for number, state in milestone_states if state == COMPLETE
        ),
    )
