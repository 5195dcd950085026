"""Demo of quarterly tracker updates and voluntary inactivity (issue 21), after the public demo
(`members/demo_public.py`) has filed an update every quarter for most members.

What this adds, through the services, so that the pages show each feature:
- Buenos Aires (the demo point of contact's member): its latest update corrected with a reason,
  a milestone delayed with its reason, and two pieces of evidence (a PDF report and a link); a
  pending request for voluntary inactivity around next year's elections;
- São Paulo: a request for voluntary inactivity for next quarter, granted by the Support Unit
  today (it changes nothing before it starts), then shortened by its point of contact to the
  quarter's first month (H2: an end recorded beside the grant, which keeps its dates);
- Seoul: a request refused with the Support Unit's reason.

Corrections keep the level and the milestones already complete, so the progress each update
records (and the statuses the public demo chose) stay as they were. Idempotent.
"""

from __future__ import annotations

import io
import logging
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from members.models import Member
from tracker.engine import add_months, quarter_of, quarter_start
from tracker.models import (
    MilestoneState,
    TrackerUpdate,
    VoluntaryInactivity,
    VoluntaryInactivityEnd,
    VoluntaryState,
)
from tracker.services_inactivity import (
    decide_voluntary_inactivity,
    end_voluntary_inactivity,
    request_voluntary_inactivity,
)
from tracker.services_updates import EvidenceItem, MilestoneEntry, correct_update

logger = logging.getLogger(__name__)

CORRECTED = "buenos-aires"
PENDING = "buenos-aires"
GRANTED = "sao-paulo"
REFUSED = "seoul"


def seed_tracker_demo(
    *, members: dict[str, Member], users_of: dict[str, object], staff, as_of: date
) -> None:
    member = members.get(CORRECTED)
    if member is not None:
        _correct_latest_update(member, users_of.get(CORRECTED) or staff, as_of=as_of)
    next_quarter = quarter_start(quarter_of(as_of) + 1)
    _voluntary(
        members.get(PENDING),
        users_of.get(PENDING) or staff,
        staff,
        asked_on=as_of - timedelta(days=3),
        starts_on=quarter_start(quarter_of(as_of) + 4),
        ends_on=None,
        reason="Municipal elections next year; the new administration will resume the plan.",
        decision=None,
    )
    _voluntary(
        members.get(GRANTED),
        users_of.get(GRANTED) or staff,
        staff,
        asked_on=as_of - timedelta(days=12),
        starts_on=next_quarter,
        ends_on=add_months(next_quarter, 3) - timedelta(days=1),
        reason="The open government office moves to the new city hall; work pauses for a quarter.",
        decision=(True, "A reorganisation of the administration (LH §4.1).", as_of),
    )
    _end_early(
        members.get(GRANTED),
        users_of.get(GRANTED) or staff,
        as_of=as_of,
        ends_on=add_months(next_quarter, 1) - timedelta(days=1),
        reason="The move to the new city hall takes a month, not three; work resumes after it.",
    )
    _voluntary(
        members.get(REFUSED),
        users_of.get(REFUSED) or staff,
        staff,
        asked_on=as_of - timedelta(days=60),
        starts_on=quarter_start(quarter_of(as_of)),
        ends_on=None,
        reason="The team is busy with the budget cycle.",
        decision=(
            False,
            "A busy budget cycle is not a reason of LH §4.1; please file the quarterly updates.",
            as_of - timedelta(days=55),
        ),
    )


def _pdf(title: str) -> ContentFile:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_metadata({"/Title": title})
    buffer = io.BytesIO()
    writer.write(buffer)
    return ContentFile(buffer.getvalue(), name="Quarterly report.pdf")


def _correct_latest_update(member: Member, actor, *, as_of: date) -> None:
    update = (
        TrackerUpdate.objects.filter(commitment__plan__member=member, submitted_on__lte=as_of)
        .select_related("commitment")
        .order_by("-quarter_starts_on", "-pk")
        .first()
    )
    if update is None or update.versions.count() > 1:
        return
    latest = update.versions.order_by("-number").first()
    states = {}
    for report in latest.milestones.all():
        if report.state == MilestoneState.COMPLETE:
            states[report.number] = MilestoneEntry(MilestoneState.COMPLETE)
        else:
            states[report.number] = MilestoneEntry(
                MilestoneState.DELAYED,
                "The procurement of the publication software took two months longer than "
                "planned; the forum agreed a new date.",
            )
    try:
        correct_update(
            update,
            actor=actor,
            as_of=max(as_of, latest.filed_on),
            reason="Added the report and the delay the forum discussed, left out by mistake.",
            completion_level=latest.completion_level,
            narrative=(
                f"{latest.narrative}\n\nThe forum reviewed the results on its quarterly meeting; "
                "the minutes and the published data are linked below."
            ),
            next_steps=latest.next_steps,
            milestone_states=states,
            evidence=[
                EvidenceItem("Quarterly report to the forum", file=_pdf("Quarterly report")),
                EvidenceItem(
                    "Published data on the open data portal",
                    link=f"https://datos.{member.jurisdiction.slug}.example.org/contracts",
                ),
            ],
        )
    except ValidationError as error:
        logger.warning("demo correction of %s refused: %s", update, error)


def _voluntary(
    member: Member | None,
    actor,
    staff,
    *,
    asked_on: date,
    starts_on: date,
    ends_on: date | None,
    reason: str,
    decision: tuple[bool, str, date] | None,
) -> None:
    if member is None or VoluntaryInactivity.objects.filter(member=member, reason=reason).exists():
        return
    try:
        request = request_voluntary_inactivity(
            member,
            actor=actor,
            as_of=asked_on,
            starts_on=starts_on,
            ends_on=ends_on,
            reason=reason,
        )
        if decision is not None:
            grant, why, decided_on = decision
            decide_voluntary_inactivity(
                request, actor=staff, as_of=decided_on, grant=grant, reason=why
            )
    except ValidationError as error:
        logger.warning("demo voluntary inactivity of %s refused: %s", member, error)


def _end_early(member: Member | None, actor, *, as_of: date, ends_on: date, reason: str) -> None:
    """H2: the member's granted period ended early, once (idempotent)."""
    if member is None or VoluntaryInactivityEnd.objects.filter(period__member=member).exists():
        return
    period = (
        VoluntaryInactivity.objects.filter(member=member, state=VoluntaryState.GRANTED)
        .order_by("-pk")
        .first()
    )
    if period is None:
        return
    try:
        end_voluntary_inactivity(period, actor=actor, as_of=as_of, ends_on=ends_on, reason=reason)
    except ValidationError as error:
        logger.warning("demo end of voluntary inactivity of %s refused: %s", member, error)
