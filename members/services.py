"""Writes on members: one function per user action (STYLE.md rule 2).

Each service checks the permission, validates (field limits from the models, business rules as
`ogplocal.validation.RuleViolation`s with their code and Handbook section), raises ONE
ValidationError naming every problem and saves nothing, or saves in a transaction and writes an
audit event with the values before and after and the reason.
"""

from datetime import date
from typing import Any

from dateutil.relativedelta import relativedelta
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from members.models import (
    ExtensionGrant,
    Jurisdiction,
    JurisdictionTerm,
    Member,
    TermCorrectionRequest,
    TermCorrectionState,
)
from ogplocal.audit.services import changed_fields, record_event, snapshot
from ogplocal.validation import RuleViolation, field_errors, raise_all

# The public profile a point of contact may edit: data key → the field it lands in.
PROFILE_FIELDS: dict[str, str] = {
    "website": "website",
    "about": "about",
    "population": "jurisdiction.population",
}
# What the profile form may carry besides: a request to correct the term's end (the term itself is
# the Support Unit's record, see `record_term`).
TERM_CORRECTION_FIELDS = ("proposed_term_ends_on", "term_correction_note")
# A term ends within this many years of the day it is recorded: no administration's term is
# longer, and 9999-12-31 is a typing mistake (LH §1.1).
TERM_MAX_YEARS = 10

STAFF_PERMISSION = "members.add_jurisdictionterm"


def _require_reason(reason: str, field: str = "reason") -> RuleViolation | None:
    if (reason or "").strip():
        return None
    return RuleViolation(
        "change.reason_required",
        _("Give the reason for the change; it is kept in the member's history."),
        field=field,
    )


def _require_staff(actor) -> None:
    if actor is None or not actor.has_perm(STAFF_PERMISSION):
        raise PermissionDenied


# --- the public profile -----------------------------------------------------------------------


@transaction.atomic
def update_member_profile(
    *,
    actor,
    member: Member,
    data: dict[str, Any],
    reason: str = "",
    as_of: date | None = None,
) -> Member:
    """Change the public profile of `member` (website, description, population).

    Allowed to the member's points of contact and to the Support Unit. Validates every field and
    raises one ValidationError naming each problem; saves nothing unless all is well. Writes one
    `member.profile_updated` audit event with the changed fields before and after, or nothing at
    all when nothing changed.

    `data` may also carry `proposed_term_ends_on` and `term_correction_note`: a request to correct
    the recorded end of the term, filed with `request_term_correction` on `as_of` (today when the
    caller does not say).
    """
    if not actor.has_perm("members.change_member", member):
        raise PermissionDenied
    data = dict(data)
    proposed_ends_on = data.pop("proposed_term_ends_on", None)
    note = data.pop("term_correction_note", "") or ""
    unknown = sorted(set(data) - set(PROFILE_FIELDS))
    if unknown:
        raise ValidationError(
            {
                NON_FIELD_ERRORS: [
                    _("These fields cannot be changed here: %(fields)s.")
                    % {"fields": ", ".join(unknown)}
                ]
            }
        )

    # Lock the row so two editors cannot both read the same "before".
    member = (
        Member.objects.select_for_update(of=("self",))
        .select_related("jurisdiction")
        .get(pk=member.pk)
    )
    names = [PROFILE_FIELDS[key] for key in data]
    before = snapshot(member, names)
    jurisdiction = member.jurisdiction
    for key, value in data.items():
        *path, attname = PROFILE_FIELDS[key].split(".")
        if path:  # "jurisdiction.population": a field of the member's jurisdiction
            setattr(jurisdiction, attname, value)
        else:
            setattr(member, attname, "" if value is None else value)
    after = snapshot(member, names)
    changed = changed_fields(before, after)
    jurisdiction_fields = [
        name.split(".")[1] for name in changed if name.startswith("jurisdiction.")
    ]
    member_fields = [name for name in changed if "." not in name]

    wants_correction = proposed_ends_on is not None or note.strip()
    try:
        raise_all(
            [],
            field_errors(jurisdiction, jurisdiction_fields),
            field_errors(member, member_fields),
        )
    except ValidationError as profile_error:
        errors = profile_error
    else:
        errors = None
    if wants_correction:
        try:
            request_term_correction(
                actor=actor,
                member=member,
                proposed_ends_on=proposed_ends_on,
                note=note,
                requested_on=as_of or timezone.localdate(),
            )
        except ValidationError as correction_error:
            errors = _merged(errors, correction_error)
    if errors is not None:
        # Raising undoes the request too, if it was filed: nothing is saved.
        raise errors

    if not changed:
        return member
    if jurisdiction_fields:
        jurisdiction.save(update_fields=jurisdiction_fields)
    if member_fields:
        member.save(update_fields=member_fields)
    record_event(
        actor=actor,
        verb="member.profile_updated",
        obj=member,
        before={name: before[name] for name in changed},
        after={name: after[name] for name in changed},
        reason=reason,
    )
    return member


def _merged(first: ValidationError | None, second: ValidationError) -> ValidationError:
    if first is None:
        return second
    errors: dict[str, list] = {}
    for error in (first, second):
        for name, entries in error.update_error_dict({}).items():
            errors.setdefault(name, []).extend(entries)
    return ValidationError(errors)


# --- the term of office ---------------------------------------------------------------------


def _term_violations(*, ends_on: date | None, recorded_on: date, field: str) -> list:
    if ends_on is None:
        return [
            RuleViolation("term.ends_on_required", _("Enter the day the term ends."), field=field)
        ]
    if ends_on > recorded_on + relativedelta(years=TERM_MAX_YEARS):
        return [
            RuleViolation(
                "term.too_far",
                _(
                    "The term must end within %(years)d years of the day it is recorded "
                    "(%(latest)s at the latest); check the year."
                )
                % {
                    "years": TERM_MAX_YEARS,
                    "latest": (recorded_on + relativedelta(years=TERM_MAX_YEARS)).isoformat(),
                },
                "LH §1.1",
                field=field,
            )
        ]
    return []


@transaction.atomic
def record_term(
    *,
    actor,
    jurisdiction: Jurisdiction,
    ends_on: date,
    recorded_on: date,
    reason: str,
    correction_request: TermCorrectionRequest | None = None,
) -> JurisdictionTerm:
    """Record the end of `jurisdiction`'s term as known from `recorded_on` (Support Unit only).

    A new record supersedes the earlier ones from its `recorded_on`; none is edited. Writes a
    `jurisdiction.term_recorded` event (before: the end in force until then).
    """
    _require_staff(actor)
    term = JurisdictionTerm(
        jurisdiction=jurisdiction,
        ends_on=ends_on,
        recorded_on=recorded_on,
        reason=(reason or "").strip(),
        recorded_by=actor,
    )
    raise_all(
        [
            *_term_violations(ends_on=ends_on, recorded_on=recorded_on, field="ends_on"),
            _require_reason(reason),
        ],
        # A missing date or reason is reported once, by the rules above.
        field_errors(term, ["ends_on", "recorded_on", "reason"] if term.reason else ["ends_on"])
        if ends_on
        else {},
    )
    previous = (
        JurisdictionTerm.objects.filter(jurisdiction=jurisdiction)
        .in_force(as_of=recorded_on)
        .first()
    )
    term.save()
    record_event(
        actor=actor,
        verb="jurisdiction.term_recorded",
        obj=jurisdiction,
        before={"term_ends_on": previous.ends_on if previous else None},
        after={
            "term_ends_on": term.ends_on,
            "recorded_on": term.recorded_on,
            "term_id": term.pk,
            "correction_request_id": correction_request.pk if correction_request else None,
        },
        reason=term.reason,
    )
    return term


@transaction.atomic
def request_term_correction(
    *,
    actor,
    member: Member,
    proposed_ends_on: date | None,
    note: str,
    requested_on: date,
) -> TermCorrectionRequest:
    """A point of contact (or the Support Unit) asks to correct the recorded end of the term.

    One request per jurisdiction may be pending. Errors name the profile form's fields
    (`proposed_term_ends_on`, `term_correction_note`).
    """
    if not actor.has_perm("members.change_member", member):
        raise PermissionDenied
    jurisdiction = member.jurisdiction
    request = TermCorrectionRequest(
        jurisdiction=jurisdiction,
        proposed_ends_on=proposed_ends_on,
        note=(note or "").strip(),
        requested_by=actor,
        requested_on=requested_on,
    )
    pending = TermCorrectionRequest.objects.filter(
        jurisdiction=jurisdiction, state=TermCorrectionState.PENDING
    ).exists()
    violations: list[RuleViolation | None] = [
        *_term_violations(
            ends_on=proposed_ends_on, recorded_on=requested_on, field="proposed_term_ends_on"
        ),
    ]
    if not request.note:
        violations.append(
            RuleViolation(
                "term.correction_note_required",
                _("Say why the recorded date is wrong and where the right one can be checked."),
                field="term_correction_note",
            )
        )
    if pending:
        violations.append(
            RuleViolation(
                "term.correction_pending",
                _(
                    "A correction of this term is already waiting for the Support Unit; "
                    "it must be decided before another is sent."
                ),
                field="proposed_term_ends_on",
            )
        )
    raise_all(
        violations,
        field_errors(
            request, ["proposed_ends_on", "note"] if request.note else ["proposed_ends_on"]
        )
        if proposed_ends_on
        else {},
        rename={"proposed_ends_on": "proposed_term_ends_on", "note": "term_correction_note"},
    )
    request.save()
    record_event(
        actor=actor,
        verb="jurisdiction.term_correction_requested",
        obj=jurisdiction,
        after={"proposed_ends_on": request.proposed_ends_on, "request_id": request.pk},
        reason=request.note,
    )
    return request


@transaction.atomic
def decide_term_correction(
    *,
    actor,
    request: TermCorrectionRequest,
    apply: bool,
    reason: str,
    decided_on: date,
) -> TermCorrectionRequest:
    """The Support Unit applies (a new term record ending on the proposed date, recorded on
    `decided_on`) or declines a pending correction request, with a reason."""
    _require_staff(actor)
    request = TermCorrectionRequest.objects.select_for_update().get(pk=request.pk)
    violations: list[RuleViolation | None] = [_require_reason(reason)]
    if request.state != TermCorrectionState.PENDING:
        violations.append(
            RuleViolation(
                "term.correction_already_decided",
                _("This request was already %(state)s.")
                % {"state": request.get_state_display().lower()},
            )
        )
    raise_all(violations)
    if apply:
        request.applied_term = record_term(
            actor=actor,
            jurisdiction=request.jurisdiction,
            ends_on=request.proposed_ends_on,
            recorded_on=decided_on,
            reason=reason,
            correction_request=request,
        )
    request.state = TermCorrectionState.APPLIED if apply else TermCorrectionState.DECLINED
    request.decided_by = actor
    request.decided_on = decided_on
    request.decision_reason = reason.strip()
    request.save()
    record_event(
        actor=actor,
        verb=f"jurisdiction.term_correction_{request.state}",
        obj=request.jurisdiction,
        before={"state": TermCorrectionState.PENDING},
        after={"state": request.state, "request_id": request.pk},
        reason=request.decision_reason,
    )
    return request


# --- the engine's inputs: joining date, first-plan deadline, extension ------------------------


def _deadline_violations(member: Member, *, extension_field: str) -> list[RuleViolation]:
    """RULES.md §2 and §3 on the dates of `member` as they would be saved."""
    violations = []
    if member.first_plan_due_on < member.joined_on:
        violations.append(
            RuleViolation(
                "member.first_plan_due_before_joining",
                _("The first action plan cannot be due before the member joined (%(joined)s).")
                % {"joined": member.joined_on.isoformat()},
                "LH §4.1(1)",
                field="first_plan_due_on",
            )
        )
    if member.extension_until is not None and member.extension_until <= member.first_plan_due_on:
        violations.append(
            RuleViolation(
                "member.extension_before_deadline",
                _(
                    "An extension must end after the first action plan's deadline "
                    "(%(due)s); otherwise it extends nothing."
                )
                % {"due": member.first_plan_due_on.isoformat()},
                "LH §4.1(1)",
                field=extension_field,
            )
        )
    if member.extension_granted_on is not None and member.extension_granted_on < member.joined_on:
        violations.append(
            RuleViolation(
                "member.extension_granted_before_joining",
                _("An extension cannot be granted before the member joined (%(joined)s).")
                % {"joined": member.joined_on.isoformat()},
                "RULES.md §6",
                field="granted_on",
            )
        )
    return violations


_DATE_FIELDS = ["joined_on", "first_plan_due_on", "extension_until", "extension_granted_on"]


def _save_dates(*, actor, member: Member, verb: str, before: dict, reason: str) -> Member:
    after = snapshot(member, [*_DATE_FIELDS, "extension_reason"])
    changed = changed_fields(before, after)
    if not changed:
        return member
    member.save(update_fields=changed)
    record_event(
        actor=actor,
        verb=verb,
        obj=member,
        before={name: before[name] for name in changed},
        after={name: after[name] for name in changed},
        reason=reason,
    )
    return member


@transaction.atomic
def grant_extension(*, actor, member: Member, until: date, reason: str, granted_on: date) -> Member:
    """The Support Unit extends the first action plan's deadline of a member that has begun
    co-creation until `until` (RULES.md §2), granted on `granted_on` (the daily job knows it from
    then on, RULES.md §6). Writes `member.extension_granted`.

    Each grant is a new `ExtensionGrant` row (H2, issue 21): a second extension never overwrites
    the first; the member's own fields mirror the latest grant."""
    _require_staff(actor)
    member = (
        Member.objects.select_for_update(of=("self",))
        .select_related("jurisdiction")
        .get(pk=member.pk)
    )
    before = snapshot(member, [*_DATE_FIELDS, "extension_reason"])
    previous = member.extension_grants.order_by("-pk").first()
    member.extension_until = until
    member.extension_granted_on = granted_on
    member.extension_reason = (reason or "").strip()
    raise_all(
        [
            _require_reason(reason),
            *_deadline_violations(member, extension_field="until"),
            _granted_after_previous(previous, granted_on),
        ],
        field_errors(member, ["extension_until", "extension_granted_on", "extension_reason"]),
        rename={
            "extension_until": "until",
            "extension_granted_on": "granted_on",
            "extension_reason": "reason",
        },
    )
    saved = _save_dates(
        actor=actor,
        member=member,
        verb="member.extension_granted",
        before=before,
        reason=member.extension_reason,
    )
    if changed_fields(before, snapshot(member, [*_DATE_FIELDS, "extension_reason"])):
        ExtensionGrant.objects.create(
            member=member,
            until=until,
            granted_on=granted_on,
            reason=member.extension_reason,
            granted_by=actor,
        )
    return saved


def _granted_after_previous(previous, granted_on: date | None) -> RuleViolation | None:
    """Extensions are granted in order: a grant is dated on or after the one it follows, so the
    latest grant is the one in force (RULES.md §6)."""
    if previous is None or previous.granted_on is None or granted_on is None:
        return None
    if granted_on >= previous.granted_on:
        return None
    return RuleViolation(
        "member.extension_granted_before_previous",
        _("An extension cannot be dated before the previous one, granted on %(day)s.")
        % {"day": previous.granted_on.isoformat()},
        "RULES.md §6",
        field="granted_on",
    )


@transaction.atomic
def correct_member_dates(
    *,
    actor,
    member: Member,
    joined_on: date,
    first_plan_due_on: date,
    reason: str,
) -> Member:
    """The Support Unit corrects the day `member` joined and its first action plan's due date
    (the engine's inputs, LH §4.1(1)). Writes `member.dates_corrected` when something changed."""
    _require_staff(actor)
    member = (
        Member.objects.select_for_update(of=("self",))
        .select_related("jurisdiction")
        .get(pk=member.pk)
    )
    before = snapshot(member, [*_DATE_FIELDS, "extension_reason"])
    member.joined_on = joined_on
    member.first_plan_due_on = first_plan_due_on
    raise_all(
        [
            _require_reason(reason),
            *_deadline_violations(member, extension_field="first_plan_due_on"),
        ],
        field_errors(member, ["joined_on", "first_plan_due_on"]),
    )
    return _save_dates(
        actor=actor,
        member=member,
        verb="member.dates_corrected",
        before=before,
        reason=reason.strip(),
    )
