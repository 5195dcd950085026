"""The co-creation record of a plan (LH §3.3.1; National Handbook §2.1.d): meetings with
non-governmental stakeholders and contributions with their reasoned responses. Both are recorded
on a draft or a submitted plan (the record grows during implementation), are append-only, and
each write is audited. A mistaken meeting is withdrawn with a reason and kept.

The regularity count (`meeting_regularity`) is shown, never enforced (RULES.md §4).
"""

from dataclasses import dataclass
from datetime import date
from typing import Any

from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from actionplans.models import ActionPlan, Contribution, Meeting, MeetingKind
from ogplocal.audit.services import record_event, snapshot
from ogplocal.validation import RuleViolation, field_errors, raise_all, raise_if

MEETING_FIELDS = (
    "held_on",
    "kind",
    "forum",
    "government_organizations",
    "government_count",
    "non_governmental_organizations",
    "non_governmental_count",
    "agenda",
    "minutes",
)
CONTRIBUTION_FIELDS = ("received_on", "contributor", "summary", "response", "reasons")

# LH §3.3.1: at least one co-creation meeting with non-governmental stakeholders; at least two
# implementation meetings in each year of implementation.
MIN_CO_CREATION_MEETINGS = 1
MIN_IMPLEMENTATION_MEETINGS_A_YEAR = 2


def not_in_future(value: date | None, field: str, as_of: date) -> RuleViolation | None:
    if value is not None and value > as_of:
        return RuleViolation(
            f"co_creation.{field}_in_future",
            _("The date cannot be in the future."),
            "LH §3.3.1",
            field=field,
        )
    return None


@transaction.atomic
def record_meeting(plan: ActionPlan, *, actor, as_of: date, **values: Any) -> Meeting:
    """Record a meeting of `plan` (draft or submitted): every problem in one ValidationError."""
    meeting = Meeting(plan=plan, recorded_by=actor, **values)
    violations = [not_in_future(meeting.held_on, "held_on", as_of)]
    raise_all(violations, field_errors(meeting, MEETING_FIELDS))
    meeting.save()
    record_event(
        actor=actor,
        verb="actionplan.meeting_recorded",
        obj=plan,
        after=snapshot(
            meeting, [name for name in MEETING_FIELDS if name not in ("agenda", "minutes")]
        ),
    )
    return meeting


@transaction.atomic
def withdraw_meeting(meeting: Meeting, *, actor, reason: str) -> Meeting:
    """Withdraw a mistaken record: kept in the history with its reason, no longer counted."""
    meeting = Meeting.objects.select_for_update().select_related("plan").get(pk=meeting.pk)
    raise_if(
        [
            RuleViolation(
                "co_creation.already_withdrawn",
                _("This meeting was already withdrawn."),
                "LH §3.3.1",
            )
            if meeting.is_withdrawn
            else None,
            RuleViolation(
                "co_creation.withdrawal_reason",
                _("Give the reason for withdrawing the meeting."),
                "LH §3.3.1",
                field="reason",
            )
            if not (reason or "").strip()
            else None,
        ]
    )
    meeting.withdrawn_at = timezone.now()
    meeting.withdrawn_reason = reason.strip()
    meeting.save(update_fields=["withdrawn_at", "withdrawn_reason"])
    record_event(
        actor=actor,
        verb="actionplan.meeting_withdrawn",
        obj=meeting.plan,
        before={"meeting": str(meeting)},
        reason=meeting.withdrawn_reason,
    )
    return meeting


@transaction.atomic
def record_contribution(plan: ActionPlan, *, actor, as_of: date, **values: Any) -> Contribution:
    """Record a contribution and the reasoned response to it (National Handbook §2.1.d)."""
    contribution = Contribution(plan=plan, recorded_by=actor, **values)
    violations = [not_in_future(contribution.received_on, "received_on", as_of)]
    if not (contribution.reasons or "").strip():
        violations.append(
            RuleViolation(
                "co_creation.response_reasons",
                _("Give the reasons for the response (National Handbook §2.1.d)."),
                "National Handbook §2.1.d",
                field="reasons",
            )
        )
    errors = field_errors(contribution, CONTRIBUTION_FIELDS)
    if any(v is not None and v.field == "reasons" for v in violations):
        errors.pop("reasons", None)
    raise_all(violations, errors)
    contribution.save()
    record_event(
        actor=actor,
        verb="actionplan.contribution_recorded",
        obj=plan,
        after=snapshot(contribution, list(CONTRIBUTION_FIELDS)),
    )
    return contribution


# --- regularity (shown, not enforced) -----------------------------------------------------------


@dataclass(frozen=True)
class ImplementationYear:
    number: int
    starts_on: date
    ends_on: date
    held: int
    required: int = MIN_IMPLEMENTATION_MEETINGS_A_YEAR

    @property
    def gap(self) -> int:
        return max(self.required - self.held, 0)


@dataclass(frozen=True)
class Regularity:
    co_creation_held: int
    co_creation_required: int
    years: tuple[ImplementationYear, ...]  # the plan's years begun by `as_of`

    @property
    def co_creation_gap(self) -> int:
        return max(self.co_creation_required - self.co_creation_held, 0)

    @property
    def is_met(self) -> bool:
        return self.co_creation_gap == 0 and all(year.gap == 0 for year in self.years)


def meeting_regularity(plan: ActionPlan, meetings: list[Meeting], *, as_of: date) -> Regularity:
    """How `meetings` (the plan's, already loaded) stand against LH §3.3.1 on `as_of`: co-creation
    meetings with non-governmental participants, and implementation meetings in each year of the
    plan begun by then. Withdrawn records do not count. No query."""
    counted = [
        m
        for m in meetings
        if not m.is_withdrawn and m.held_on <= as_of and m.non_governmental_count > 0
    ]
    co_creation = sum(1 for m in counted if m.kind == MeetingKind.CO_CREATION)
    years = []
    number = 1
    start = plan.starts_on
    while start <= min(as_of, plan.ends_on):
        end = min(start + relativedelta(years=1) - relativedelta(days=1), plan.ends_on)
        held = sum(
            1 for m in counted if m.kind == MeetingKind.IMPLEMENTATION and start <= m.held_on <= end
        )
        years.append(ImplementationYear(number, start, end, held))
        number += 1
        start = end + relativedelta(days=1)
    return Regularity(co_creation, MIN_CO_CREATION_MEETINGS, tuple(years))
