"""The programme overview (issue 22): how many members by status, region and cohort, what their
commitments are about, whether tracker updates come in on time, and where the members are.

Everything public, nothing per member beyond the directory's own data; a fixed number of queries
(members, the engine's facts for all of them, commitments, countries) whatever the size.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from dateutil.relativedelta import relativedelta
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from actionplans.models import PlanState
from commitments.models import Commitment, PolicyArea, Sector
from members.map import MemberMap, member_map
from members.models import Member, MemberStatus, OgpRegion
from members.selectors_public import readings_for
from tracker import engine
from tracker.facts import facts_for_members

QUARTERS_SHOWN = 8


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    key: str = ""  # a CSS modifier (the status) or a filter value for a link
    note: str = ""  # a second figure for the table, e.g. "3 of 4"


@dataclass(frozen=True)
class BarChart:
    """A horizontal bar chart drawn as SVG by `templates/partials/bar_chart.html`, with its data
    as a table beside it. `unit` says what the values count; `percent` charts go to 100."""

    id: str
    title: str
    unit: str
    bars: tuple[Bar, ...]
    percent: bool = False

    ROW = 42  # px per bar: its label above, the bar below
    WIDTH = 600  # the SVG's user units; bars use up to 500 of them, the value follows

    @property
    def maximum(self) -> int:
        if self.percent:
            return 100
        return max((bar.value for bar in self.bars), default=0) or 1

    @property
    def height(self) -> int:
        return self.ROW * len(self.bars) + 4

    @property
    def rows(self) -> list[dict]:
        """Each bar with its geometry in SVG user units (label above, bar, value after it)."""
        rows = []
        for index, bar in enumerate(self.bars):
            width = round(500 * bar.value / self.maximum, 1)
            top = self.ROW * index
            rows.append(
                {
                    "bar": bar,
                    "label_y": top + 16,
                    "bar_y": top + 22,
                    "width": max(width, 1.5) if bar.value else 0,
                    "value_x": width + 8,
                    "value_y": top + 33,
                }
            )
        return rows

    @property
    def total(self) -> int:
        return sum(bar.value for bar in self.bars)


@dataclass(frozen=True)
class Overview:
    as_of: date
    members: int
    countries: int
    commitments: int
    completed: int
    by_status: BarChart
    by_region: BarChart
    by_cohort: BarChart
    by_policy_area: BarChart
    by_sector: BarChart
    trending: BarChart
    updates_on_time: BarChart | None
    map: MemberMap
    map_rows: tuple[tuple[str, str, int], ...]  # (code, country name, members)


def programme_overview(*, as_of: date) -> Overview:
    members = list(
        Member.objects.select_related("jurisdiction__country").order_by("jurisdiction__name", "pk")
    )
    readings = readings_for(members, as_of=as_of)
    current = [m for m in members if readings[m.pk].status != MemberStatus.REVOKED]

    status_counts = Counter(
        "inactive_voluntary" if reading.voluntary else reading.status
        for reading in readings.values()
    )
    status_labels = [
        (MemberStatus.ACTIVE.value, MemberStatus.ACTIVE.label),
        (MemberStatus.INACTIVE.value, MemberStatus.INACTIVE.label),
        ("inactive_voluntary", _("Inactive (voluntary)")),
        (MemberStatus.PROBATION.value, MemberStatus.PROBATION.label),
        (MemberStatus.REVOKED.value, MemberStatus.REVOKED.label),
    ]
    by_status = BarChart(
        id="by-status",
        title=_("Members by status"),
        unit=pgettext("the column of a chart's table that holds its figures", "Members"),
        bars=tuple(Bar(str(label), status_counts[key], key) for key, label in status_labels),
    )

    region_counts = Counter(m.jurisdiction.country.ogp_region for m in current)
    by_region = BarChart(
        id="by-region",
        title=_("Current members by OGP region"),
        unit=pgettext("the column of a chart's table that holds its figures", "Members"),
        bars=tuple(
            Bar(str(label), region_counts[value], value) for value, label in OgpRegion.choices
        ),
    )

    cohort_counts = Counter(m.joined_on.year for m in members)
    by_cohort = BarChart(
        id="by-cohort",
        title=_("Members by the year they joined"),
        unit=pgettext("the column of a chart's table that holds its figures", "Members"),
        bars=tuple(
            Bar(str(year), cohort_counts[year], str(year)) for year in sorted(cohort_counts)
        ),
    )

    commitments = list(
        Commitment.objects.filter(
            plan__state=PlanState.SUBMITTED, submitted_on__isnull=False, submitted_on__lte=as_of
        ).values(
            "policy_area",
            "second_policy_area",
            "sector",
            "second_sector",
            "submitted_on",
            "completed_on",
        )
    )
    area_counts: Counter[str] = Counter()
    recent_areas: Counter[str] = Counter()
    sector_counts: Counter[str] = Counter()
    year_ago = as_of - relativedelta(months=12)
    for row in commitments:
        areas = [a for a in (row["policy_area"], row["second_policy_area"]) if a]
        area_counts.update(areas)
        if row["submitted_on"] > year_ago:
            recent_areas.update(areas)
        sector_counts.update(s for s in (row["sector"], row["second_sector"]) if s)
    by_policy_area = BarChart(
        id="by-policy-area",
        title=_("Commitments by policy area"),
        unit=pgettext("the column of a chart's table that holds its figures", "Commitments"),
        bars=tuple(
            Bar(str(PolicyArea(area).label), count, area)
            for area, count in area_counts.most_common()
        ),
    )
    by_sector = BarChart(
        id="by-sector",
        title=_("Commitments by sector"),
        unit=pgettext("the column of a chart's table that holds its figures", "Commitments"),
        bars=tuple(
            Bar(str(Sector(sector).label), count, sector)
            for sector, count in sector_counts.most_common()
        ),
    )
    trending = BarChart(
        id="trending",
        title=_("Policy areas of the commitments filed in the last 12 months"),
        unit=pgettext("the column of a chart's table that holds its figures", "Commitments"),
        bars=tuple(
            Bar(str(PolicyArea(area).label), count, area)
            for area, count in recent_areas.most_common(5)
        ),
    )

    by_country = Counter(m.jurisdiction.country.iso_code for m in current)
    labels = {m.jurisdiction.country.iso_code: str(m.jurisdiction.country) for m in current}
    map_rows = tuple(
        sorted(
            ((code, labels[code], count) for code, count in by_country.items()),
            key=lambda row: (-row[2], row[1]),
        )
    )

    return Overview(
        as_of=as_of,
        members=len(current),
        countries=len(by_country),
        commitments=len(commitments),
        completed=sum(1 for row in commitments if row["completed_on"]),
        by_status=by_status,
        by_region=by_region,
        by_cohort=by_cohort,
        by_policy_area=by_policy_area,
        by_sector=by_sector,
        trending=trending,
        updates_on_time=_updates_on_time([m.pk for m in current], as_of=as_of),
        map=member_map(dict(by_country), labels),
        map_rows=map_rows,
    )


def _updates_on_time(member_ids: list[int], *, as_of: date) -> BarChart | None:
    """Of the members whose quarter was tracked, the share that filed a tracker update in it,
    i.e. by its last day (LH §3.5.4, RULES.md §3), for the last eight quarters that ended.

    Trackedness and the first update of each quarter come from the engine
    (`engine.tracker_quarters`); None when no quarter was tracked yet."""
    tracker_quarters = getattr(engine, "tracker_quarters", None)
    if tracker_quarters is None:  # pragma: no cover - the engine without quarters (older tree)
        return None
    tracked: Counter[str] = Counter()
    on_time: Counter[str] = Counter()
    current_quarter = engine.quarter_label(engine.quarter_of(as_of))
    for facts in facts_for_members(member_ids, as_of=as_of).values():
        if facts.member.joined_on > as_of:
            continue
        for quarter in tracker_quarters(facts, as_of):
            if not quarter.tracked or quarter.label == current_quarter:
                continue
            tracked[quarter.label] += 1
            if quarter.updated_on is not None and quarter.updated_on <= quarter.due_on:
                on_time[quarter.label] += 1
    if not tracked:
        return None
    labels = sorted(tracked)[-QUARTERS_SHOWN:]
    return BarChart(
        id="updates-on-time",
        title=_("Tracked quarters with a tracker update filed on time"),
        unit=pgettext("the column of a chart's table that holds its figures", "Per cent"),
        percent=True,
        bars=tuple(
            Bar(
                label,
                round(100 * on_time[label] / tracked[label]),
                label,
                note=ngettext(
                    "%(done)s of %(tracked)s member",
                    "%(done)s of %(tracked)s members",
                    tracked[label],
                )
                % {"done": on_time[label], "tracked": tracked[label]},
            )
            for label in labels
        ),
    )
