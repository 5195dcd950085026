"""Expected against reported progress of a commitment, for its public page (issue 22): a chart
drawn on the server as SVG, and the same figures as a table.

- **Expected**: from the milestones' end dates: on each end date, the share of milestones due by
  then (0 % on the commitment's start; without milestones, a straight line to 100 % on its end).
- **Reported**: from the tracker updates (read through `tracker.selectors_updates`): for each
  quarter's update, its latest version on the day it was filed, as the completion level
  (not started 0 %, limited 33 %, substantial 67 %, complete 100 %) or the share of milestones it
  reports complete, whichever is higher.

No query here: the caller hands in the commitment's milestones and its updates with their versions.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils.formats import date_format
from django.utils.translation import gettext as _

LEVEL_PERCENT = {"not_started": 0, "limited": 33, "substantial": 67, "complete": 100}

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 48, 20, 16, 40


@dataclass(frozen=True)
class ProgressRow:
    on: date
    event: str
    expected: int | None
    reported: int | None


@dataclass(frozen=True)
class MilestoneAsReported:
    """A milestone's state in the latest version of the latest tracker update."""

    number: int
    output: str
    state: str
    state_label: str
    delay_reason: str


@dataclass(frozen=True)
class ProgressChart:
    rows: tuple[ProgressRow, ...]
    expected_points: str  # SVG polyline points
    reported_points: str
    reported_dots: tuple[tuple[float, float, int], ...]
    today_x: float | None
    x_labels: tuple[tuple[float, str], ...]
    y_labels: tuple[tuple[float, str], ...]
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right_edge: int = WIDTH - RIGHT
    top: int = TOP
    bottom_edge: int = HEIGHT - BOTTOM
    # The milestones' states as the latest update reports them, and that update's quarter.
    milestones_reported: tuple[MilestoneAsReported, ...] = ()
    reported_quarter: str = ""
    reported_on: date | None = None
    update_count: int = 0

    @property
    def has_reports(self) -> bool:
        return bool(self.reported_dots)


def _scale(starts_on: date, ends_on: date):
    span = max((ends_on - starts_on).days, 1)

    def x(day: date) -> float:
        days = min(max((day - starts_on).days, 0), span)
        return round(LEFT + (WIDTH - LEFT - RIGHT) * days / span, 1)

    def y(percent: float) -> float:
        return round(TOP + (HEIGHT - TOP - BOTTOM) * (1 - percent / 100), 1)

    return x, y


def progress_chart(commitment, milestones, updates, *, as_of: date) -> ProgressChart:
    """The chart of `commitment` from its `milestones` and its tracker `updates` (each with
    `versions` prefetched, latest first, and their `milestones` reports)."""
    starts_on, ends_on = commitment.starts_on, commitment.ends_on
    last_report = max(
        (u.versions.all()[0].filed_on for u in updates if u.versions.all()), default=ends_on
    )
    ends_on = max(ends_on, last_report)
    x, y = _scale(starts_on, ends_on)

    rows: list[ProgressRow] = [ProgressRow(starts_on, _("The commitment starts"), 0, None)]
    expected = [(starts_on, 0)]
    ordered = sorted(milestones, key=lambda m: (m.ends_on, m.number))
    total = len(ordered)
    for index, milestone in enumerate(ordered, start=1):
        percent = round(100 * index / total)
        expected.append((milestone.ends_on, percent))
        rows.append(
            ProgressRow(
                milestone.ends_on,
                _("Milestone %(number)s due: %(output)s")
                % {"number": milestone.number, "output": milestone.output},
                percent,
                None,
            )
        )
    if not ordered:
        expected.append((commitment.ends_on, 100))
        rows.append(ProgressRow(commitment.ends_on, _("The commitment ends"), 100, None))

    reported = [(starts_on, 0)]
    latest_update = None
    for update in sorted(updates, key=lambda u: u.quarter_starts_on):
        versions = list(update.versions.all())
        if not versions:
            continue
        latest = versions[0]
        latest_update = (update, latest)
        done = sum(1 for report in latest.milestones.all() if report.state == "complete")
        share = round(100 * done / total) if total else 0
        percent = max(LEVEL_PERCENT.get(latest.completion_level, 0), share)
        reported.append((latest.filed_on, percent))
        rows.append(
            ProgressRow(
                latest.filed_on,
                _("Update for %(quarter)s: %(level)s; %(done)s of %(total)s milestones complete")
                % {
                    "quarter": update.quarter_label,
                    "level": latest.get_completion_level_display(),
                    "done": done,
                    "total": total,
                },
                None,
                percent,
            )
        )
    rows.sort(key=lambda row: (row.on, row.reported is not None))

    def points(series):
        return " ".join(f"{x(day)},{y(percent)}" for day, percent in series)

    # Year boundaries between the two ends, where they do not crowd the ends' labels (about 60
    # units wide, drawn from the ends inwards) nor each other.
    years = [
        date(year, 1, 1)
        for year in range(starts_on.year + 1, ends_on.year + 1)
        if x(date(year, 1, 1)) - x(starts_on) > 80 and x(ends_on) - x(date(year, 1, 1)) > 80
    ]
    x_labels = (
        (x(starts_on), date_format(starts_on, "M Y")),
        *((x(day), str(day.year)) for day in years),
        (x(ends_on), date_format(ends_on, "M Y")),
    )
    return ProgressChart(
        rows=tuple(rows),
        expected_points=points(expected),
        reported_points=points(reported) if len(reported) > 1 else "",
        reported_dots=tuple((x(day), y(percent), percent) for day, percent in reported[1:]),
        today_x=x(as_of) if starts_on <= as_of <= ends_on else None,
        x_labels=x_labels,
        y_labels=tuple((y(p), f"{p} %") for p in (0, 50, 100)),
        milestones_reported=_milestones_reported(latest_update),
        reported_quarter=latest_update[0].quarter_label if latest_update else "",
        reported_on=latest_update[1].filed_on if latest_update else None,
        update_count=sum(1 for update in updates if update.versions.all()),
    )


def _milestones_reported(latest_update) -> tuple[MilestoneAsReported, ...]:
    if latest_update is None:
        return ()
    _update, version = latest_update
    return tuple(
        MilestoneAsReported(
            number=report.number,
            output=report.output,
            state=report.state,
            state_label=report.get_state_display(),
            delay_reason=report.delay_reason,
        )
        for report in sorted(version.milestones.all(), key=lambda report: report.number)
    )
