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
"""

from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from members.models import Member
from ogplocal.audit.services import record_event, snapshot
from ogplocal.validation import RuleViolation, raise_if
from tracker.models import VoluntaryInactivity, VoluntaryState

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
