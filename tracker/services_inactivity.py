"""Voluntary inactivity (LH §4.1): a point of contact requests it, the Support Unit grants or
refuses it once, with a reason. A request is written twice and never edited: when filed, and when
decided. The day of a grant is its `granted_on`, from which the daily job knows the period
(RULES.md §6); a period granted after it began changes nothing before that day in what was
announced.

Rules (code — Handbook):
- `voluntary.reason_required`: a request says why — LH §4.1;
- `voluntary.starts_required`, `voluntary.ends_before_start`, `voluntary.starts_before_joining`:
  the period — LH §4.1;
- `voluntary.already_decided`: a request is decided once — LH §4.1;
- `voluntary.decision_reason_required`: the Support Unit gives its reason — LH §4.1;
- `voluntary.decided_before_request`: a decision comes on or after the request — RULES.md §6.
- H2: `voluntary.end_not_granted`, `voluntary.end_reason_required`, `voluntary.end_day_required`,
  `voluntary.end_before_start`, `voluntary.end_not_earlier`: ending a granted period — LH §4.1;
  `voluntary.end_in_the_past`: an end does not rewrite what was announced — RULES.md §6.
"""

from datetime import date, timedelta

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from members.models import Member
from ogplocal.audit.services import record_event, snapshot
from ogplocal.validation import RuleViolation, raise_if
from tracker.models import VoluntaryInactivity, VoluntaryInactivityEnd, VoluntaryState

HANDBOOK = "LH §4.1"
REQUEST_FIELDS = ["starts_on", "ends_on", "reason", "requested_on"]


@transaction.atomic
def request_voluntary_inactivity(
    member: Member,
    *,
    actor,
    as_of: date,
    starts_on: date | None,
    ends_on: date | None,
    reason: str,
) -> VoluntaryInactivity:
    """Record a request for voluntary inactivity from `starts_on` until `ends_on` (None:
    open-ended), filed on `as_of`."""
    violations: list[RuleViolation | None] = []
    if not (reason or "").strip():
        violations.append(
            RuleViolation(
                "voluntary.reason_required",
                _("Say why the member asks to be inactive."),
                HANDBOOK,
                field="reason",
            )
        )
    if starts_on is None:
        violations.append(
            RuleViolation(
                "voluntary.starts_required",
                _("Give the first day of the period."),
                HANDBOOK,
                field="starts_on",
            )
        )
    else:
        if ends_on is not None and ends_on < starts_on:
            violations.append(
                RuleViolation(
                    "voluntary.ends_before_start",
                    _("The period cannot end before it starts."),
                    HANDBOOK,
                    field="ends_on",
                )
            )
        if starts_on < member.joined_on:
            violations.append(
                RuleViolation(
                    "voluntary.starts_before_joining",
                    _("The period cannot start before the member joined (%(day)s).")
                    % {"day": member.joined_on.isoformat()},
                    HANDBOOK,
                    field="starts_on",
                )
            )
    raise_if(violations)
    request = VoluntaryInactivity.objects.create(
        member=member,
        starts_on=starts_on,
        ends_on=ends_on,
        reason=reason.strip(),
        requested_on=as_of,
        requested_by=actor,
    )
    record_event(
        actor=actor,
        verb="tracker.voluntary_requested",
        obj=request,
        after=snapshot(request, REQUEST_FIELDS),
        reason=request.reason,
        member=member,
    )
    return request


@transaction.atomic
def decide_voluntary_inactivity(
    request: VoluntaryInactivity, *, actor, as_of: date, grant: bool, reason: str
) -> VoluntaryInactivity:
    """The Support Unit grants (recording `granted_on` = `as_of`) or refuses `request`."""
    if not (actor is not None and getattr(actor, "is_staff", False)):
        raise PermissionDenied
    request = VoluntaryInactivity.objects.select_for_update(of=("self",)).get(pk=request.pk)
    violations: list[RuleViolation | None] = []
    if not request.is_pending:
        violations.append(
            RuleViolation(
                "voluntary.already_decided",
                (
                    _("This request was already granted on %(day)s.")
                    if request.state == VoluntaryState.GRANTED
                    else _("This request was already refused on %(day)s.")
                )
                % {"day": request.decided_on.isoformat() if request.decided_on else ""},
                HANDBOOK,
            )
        )
    if not (reason or "").strip():
        violations.append(
            RuleViolation(
                "voluntary.decision_reason_required",
                _("Give the reason for the decision; the member's points of contact read it."),
                HANDBOOK,
                field="reason",
            )
        )
    if as_of < request.requested_on:
        violations.append(
            RuleViolation(
                "voluntary.decided_before_request",
                _("A request cannot be decided before it was made (%(day)s).")
                % {"day": request.requested_on.isoformat()},
                "RULES.md §6",
            )
        )
    raise_if(violations)
    request.state = VoluntaryState.GRANTED if grant else VoluntaryState.REFUSED
    request.decided_on = as_of
    request.decided_by = actor
    request.decision_reason = reason.strip()
    request.granted_on = as_of if grant else None
    request.save(
        update_fields=["state", "decided_on", "decided_by", "decision_reason", "granted_on"]
    )
    record_event(
        actor=actor,
        verb="tracker.voluntary_granted" if grant else "tracker.voluntary_refused",
        obj=request,
        before={"state": VoluntaryState.PENDING},
        after=snapshot(request, ["state", "decided_on", "granted_on"]),
        reason=request.decision_reason,
        member=request.member_id,
    )
    return request


# --- H2 (issue 21): ending a granted period ------------------------------------------------------


@transaction.atomic
def end_voluntary_inactivity(
    period: VoluntaryInactivity, *, actor, as_of: date, ends_on: date | None, reason: str
) -> VoluntaryInactivityEnd:
    """End (or shorten) a granted period: its last day becomes `ends_on`, recorded on `as_of` by
    a point of contact of the member or the Support Unit (docs/engine-decisions.md). The period
    keeps the dates it was granted with; the end is a new record, which the daily job knows from
    `as_of` on (RULES.md §6). An end cannot rewrite the past: the last day is at the earliest
    the day before the end is recorded."""
    if not (actor is not None and actor.has_perm("tracker.end_voluntary_inactivity", period)):
        raise PermissionDenied
    period = (
        VoluntaryInactivity.objects.select_for_update(of=("self",))
        .select_related("member")
        .get(pk=period.pk)
    )
    current_end = period.effective_ends_on
    violations: list[RuleViolation | None] = []
    if period.state != VoluntaryState.GRANTED:
        violations.append(
            RuleViolation(
                "voluntary.end_not_granted",
                _("Only a granted period can be ended."),
                HANDBOOK,
            )
        )
    if not (reason or "").strip():
        violations.append(
            RuleViolation(
                "voluntary.end_reason_required",
                _("Say why the period ends; the Support Unit and the member read it."),
                HANDBOOK,
                field="reason",
            )
        )
    if ends_on is None:
        violations.append(
            RuleViolation(
                "voluntary.end_day_required",
                _("Give the last day of the period."),
                HANDBOOK,
                field="ends_on",
            )
        )
    else:
        if ends_on < period.starts_on:
            violations.append(
                RuleViolation(
                    "voluntary.end_before_start",
                    _("The period cannot end before it starts (%(day)s).")
                    % {"day": period.starts_on.isoformat()},
                    HANDBOOK,
                    field="ends_on",
                )
            )
        elif ends_on < as_of - timedelta(days=1):
            violations.append(
                RuleViolation(
                    "voluntary.end_in_the_past",
                    _(
                        "The last day cannot be before yesterday (%(day)s): what was announced "
                        "before today stays as it was."
                    )
                    % {"day": (as_of - timedelta(days=1)).isoformat()},
                    "RULES.md §6",
                    field="ends_on",
                )
            )
        if current_end is not None and ends_on >= current_end:
            violations.append(
                RuleViolation(
                    "voluntary.end_not_earlier",
                    _("The period already ends on %(day)s; an end can only make it shorter.")
                    % {"day": current_end.isoformat()},
                    HANDBOOK,
                    field="ends_on",
                )
            )
    raise_if(violations)
    end = VoluntaryInactivityEnd.objects.create(
        period=period,
        ends_on=ends_on,
        reason=reason.strip(),
        recorded_on=as_of,
        recorded_by=actor,
    )
    record_event(
        actor=actor,
        verb="tracker.voluntary_ended",
        obj=period,
        before={"ends_on": current_end.isoformat() if current_end else None},
        after={"ends_on": ends_on.isoformat(), "recorded_on": as_of.isoformat()},
        reason=end.reason,
        member=period.member_id,
    )
    return end
