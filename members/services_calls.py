"""Writes on calls and applications (LH §1.2): one function per user action (STYLE.md rule 2).

Each status model has ONE transition table and ONE transition function that checks it, saves and
writes the audit event (STYLE.md rule 4): `transition_call` and `transition_application`. Every
other service that changes a state (opening a call, submitting, withdrawing, the decisions of
`members.services_decisions`) goes through them; nothing else writes `state`.
"""

from datetime import date
from typing import Any

from dateutil.relativedelta import relativedelta
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _

from members.models import (
    ANSWER_LABELS,
    LETTER_MAX_PAGES,
    LETTER_POINTS,
    Application,
    ApplicationMessage,
    ApplicationState,
    ApplicationVersion,
    Call,
    CallState,
    Jurisdiction,
    Signatory,
    SignatoryKind,
)
from members.selectors import term_on
from ogplocal.audit.services import record_event, snapshot
from ogplocal.documents.validators import PDFDocumentValidator, count_pages
from ogplocal.validation import RuleViolation, field_errors, raise_all, raise_if

# LH §1.1: at least 16 months left in the current administration's term on the submission date.
TERM_MONTHS_LEFT = 16
MAX_SIGNATORIES = 20

# --- calls ------------------------------------------------------------------------------------

CALL_TRANSITIONS: dict[str, frozenset[str]] = {
    CallState.DRAFT: frozenset({CallState.OPEN}),
    CallState.OPEN: frozenset({CallState.CLOSED}),
    CallState.CLOSED: frozenset({CallState.DECIDED}),
    CallState.DECIDED: frozenset(),
}


def _refuse_transition(kind: str, current: str, to: str, labels) -> None:
    raise_if(
        [
            RuleViolation(
                f"{kind}.transition_not_allowed",
                _("A %(kind)s cannot go from “%(current)s” to “%(to)s”.")
                % {"kind": kind, "current": labels(current).label, "to": labels(to).label},
            )
        ]
    )


@transaction.atomic
def transition_call(call: Call, to: str, *, actor, reason: str = "", as_of: date) -> Call:
    """Move `call` to state `to` if the table allows it; save; write `call.<to>` in the audit
    log. A decided call gets `decided_on = as_of`."""
    call = Call.objects.select_for_update().get(pk=call.pk)
    if to not in CALL_TRANSITIONS.get(call.state, frozenset()):
        _refuse_transition("call", call.state, to, CallState)
    before = {"state": call.state, "decided_on": call.decided_on}
    call.state = to
    if to == CallState.DECIDED:
        call.decided_on = as_of
    call.save(update_fields=["state", "decided_on"])
    record_event(
        actor=actor,
        verb=f"call.{to}",
        obj=call,
        before=before,
        after={"state": call.state, "decided_on": call.decided_on},
        reason=reason,
        member=None,
    )
    return call


# --- applications -----------------------------------------------------------------------------

APPLICATION_TRANSITIONS: dict[str, frozenset[str]] = {
    ApplicationState.DRAFT: frozenset({ApplicationState.SUBMITTED, ApplicationState.WITHDRAWN}),
    ApplicationState.SUBMITTED: frozenset(
        {
            ApplicationState.SHORTLISTED,
            ApplicationState.ACCEPTED,
            ApplicationState.NOT_ACCEPTED,
            ApplicationState.WITHDRAWN,
        }
    ),
    ApplicationState.SHORTLISTED: frozenset(
        {ApplicationState.ACCEPTED, ApplicationState.NOT_ACCEPTED, ApplicationState.WITHDRAWN}
    ),
    ApplicationState.ACCEPTED: frozenset(),
    ApplicationState.NOT_ACCEPTED: frozenset(),
    ApplicationState.WITHDRAWN: frozenset(),
}


@transaction.atomic
def transition_application(
    application: Application, to: str, *, actor, reason: str = "", as_of: date
) -> Application:
    """Move `application` to state `to` if the table allows it; save; write
    `application.<to>` in the audit log with who, when and why.

    Dates follow the state: `submitted_on` on submission, `shortlisted_on` when shortlisted,
    `decided_on` on acceptance or not.
    In a two-stage call an application is accepted only once shortlisted and its full
    application submitted (`full_submitted_on`, stage 2).
    """
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("call")
        .get(pk=application.pk)
    )
    if to not in APPLICATION_TRANSITIONS.get(application.state, frozenset()):
        _refuse_transition("application", application.state, to, ApplicationState)
    if (
        to == ApplicationState.ACCEPTED
        and application.call.is_two_stage
        and application.full_submitted_on is None
    ):
        raise_if(
            [
                RuleViolation(
                    "application.full_application_missing",
                    _(
                        "In a two-stage call, only a shortlisted applicant who submitted the "
                        "full application can be accepted."
                    ),
                    handbook="LH §1.2",
                )
            ]
        )
    fields = ["state", "submitted_on", "shortlisted_on", "decided_on"]
    before = {name: getattr(application, name) for name in fields}
    application.state = to
    if to == ApplicationState.SUBMITTED:
        application.submitted_on = as_of
    if to == ApplicationState.SHORTLISTED:
        application.shortlisted_on = as_of
    if to in (ApplicationState.ACCEPTED, ApplicationState.NOT_ACCEPTED):
        application.decided_on = as_of
    application.save(update_fields=[*fields, "updated_at"])
    record_event(
        actor=actor,
        verb=f"application.{to}",
        obj=application,
        before=before,
        after={name: getattr(application, name) for name in fields},
        reason=reason,
        member=None,
    )
    return application


def _require(actor, permission: str, obj=None) -> None:
    if actor is None or not actor.has_perm(permission, obj):
        raise PermissionDenied


def _date(value: date) -> str:
    return date_format(value, "DATE_FORMAT")


# --- calls: the Support Unit's pages ------------------------------------------------------------

CALL_FIELDS = (
    "title",
    "guidance",
    "opens_on",
    "closes_on",
    "stages",
    "stage1_closes_on",
    "first_plan_due_on",
)


def _call_violations(call: Call) -> list[RuleViolation]:
    violations = []
    if call.opens_on and call.closes_on and call.closes_on < call.opens_on:
        violations.append(
            RuleViolation(
                "call.closes_before_opening",
                _("The call must close on or after the day it opens."),
                field="closes_on",
            )
        )
    if call.is_two_stage:
        if call.stage1_closes_on is None:
            violations.append(
                RuleViolation(
                    "call.stage1_closes_on_required",
                    _("A two-stage call needs the day expressions of interest close."),
                    "LH §1.2",
                    field="stage1_closes_on",
                )
            )
        elif (
            call.opens_on
            and call.closes_on
            and not (call.opens_on <= call.stage1_closes_on <= call.closes_on)
        ):
            violations.append(
                RuleViolation(
                    "call.stage1_outside_call",
                    _("Expressions of interest must close between the call's opening and closing."),
                    field="stage1_closes_on",
                )
            )
    if call.first_plan_due_on and call.closes_on and call.first_plan_due_on <= call.closes_on:
        violations.append(
            RuleViolation(
                "call.first_plan_before_closing",
                _("The first action plan must be due after the call closes."),
                field="first_plan_due_on",
            )
        )
    return violations


# Addresses under /calls/ that are not calls.
RESERVED_SLUGS = {"manage", "applications"}


def _unique_slug(title: str) -> str:
    base = slugify(title)[:180] or "call"
    if base in RESERVED_SLUGS:
        base = f"{base}-call"
    slug, number = base, 2
    while Call.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


def _apply_call_data(call: Call, data: dict[str, Any]) -> None:
    for name in CALL_FIELDS:
        if name in data:
            value = data[name]
            if value is None and name in ("title", "guidance"):
                value = ""
            setattr(call, name, value)
    call.stages = int(call.stages or 1)
    if not call.is_two_stage:
        call.stage1_closes_on = None
    call.guidance = call.guidance or ""
    call.title = (call.title or "").strip()


@transaction.atomic
def create_call(*, actor, data: dict[str, Any], as_of: date) -> Call:
    """A new call, in draft: staff fill it in, then open it (`open_call`)."""
    _require(actor, "members.add_call")
    call = Call(created_by=actor)
    _apply_call_data(call, data)
    raise_all(_call_violations(call), field_errors(call, CALL_FIELDS))
    call.slug = _unique_slug(call.title)
    call.save()
    record_event(
        actor=actor, verb="call.created", obj=call, after=snapshot(call, CALL_FIELDS), member=None
    )
    return call


@transaction.atomic
def update_call(*, actor, call: Call, data: dict[str, Any], reason: str = "", as_of: date) -> Call:
    """Change a call's details while it is a draft or open (a decided call is a record)."""
    _require(actor, "members.change_call", call)
    call = Call.objects.select_for_update().get(pk=call.pk)
    if call.state not in (CallState.DRAFT, CallState.OPEN):
        raise_if(
            [
                RuleViolation(
                    "call.not_editable",
                    _("Only a draft or open call can be changed."),
                )
            ]
        )
    before = snapshot(call, CALL_FIELDS)
    _apply_call_data(call, data)
    raise_all(_call_violations(call), field_errors(call, CALL_FIELDS))
    after = snapshot(call, CALL_FIELDS)
    changed = [name for name in CALL_FIELDS if before[name] != after[name]]
    if not changed:
        return call
    call.save(update_fields=changed)
    record_event(
        actor=actor,
        verb="call.updated",
        obj=call,
        before={name: before[name] for name in changed},
        after={name: after[name] for name in changed},
        reason=reason,
        member=None,
    )
    return call


def open_call(*, actor, call: Call, as_of: date, reason: str = "") -> Call:
    """Publish a draft call: it shows on the public calls page, and applications are received
    from `opens_on` to `closes_on`."""
    _require(actor, "members.change_call", call)
    if call.closes_on < as_of:
        raise_if(
            [
                RuleViolation(
                    "call.already_ended",
                    _("This call's closing date has passed; change the dates before opening it."),
                    field="closes_on",
                )
            ]
        )
    return transition_call(call, CallState.OPEN, actor=actor, reason=reason, as_of=as_of)


def close_call(*, actor, call: Call, as_of: date, reason: str = "") -> Call:
    """Stop receiving applications (drafts can no longer be submitted)."""
    _require(actor, "members.change_call", call)
    return transition_call(call, CallState.CLOSED, actor=actor, reason=reason, as_of=as_of)


def decide_call(*, actor, call: Call, as_of: date, reason: str = "") -> Call:
    """Publish the results of a closed call once every submitted application is decided."""
    _require(actor, "members.change_call", call)
    pending = call.applications.filter(
        state__in=[ApplicationState.SUBMITTED, ApplicationState.SHORTLISTED]
    ).count()
    if pending:
        raise_if(
            [
                RuleViolation(
                    "call.applications_undecided",
                    _("%(count)d applications are not decided yet.") % {"count": pending},
                    "LH §1.2",
                )
            ]
        )
    return transition_call(call, CallState.DECIDED, actor=actor, reason=reason, as_of=as_of)


# --- applying -----------------------------------------------------------------------------------


def receives_new_applications(call: Call, as_of: date) -> bool:
    """Open, and `as_of` between the opening and the last day for new applications (the
    expressions of interest in a two-stage call)."""
    last_day = call.stage1_closes_on if call.is_two_stage else call.closes_on
    return call.state == CallState.OPEN and call.opens_on <= as_of <= last_day


def _call_closed_violation(call: Call, as_of: date) -> RuleViolation:
    if call.state == CallState.OPEN and as_of < call.opens_on:
        message = _("This call opens on %(day)s; nothing can be submitted before.") % {
            "day": _date(call.opens_on)
        }
    else:
        message = _("This call is closed: nothing can be submitted to it any more.")
    return RuleViolation("call.not_open", message, "LH §1.2")


@transaction.atomic
def start_application(*, actor, call: Call, as_of: date) -> Application:
    """A new draft application of `actor` in `call`, or their application there already."""
    _require(actor, "members.add_application", call)
    existing = (
        Application.objects.filter(call=call, applicant=actor)
        .exclude(state=ApplicationState.WITHDRAWN)
        .first()
    )
    if existing is not None:
        return existing
    if not receives_new_applications(call, as_of):
        raise_if([_call_closed_violation(call, as_of)])
    application = Application.objects.create(call=call, applicant=actor)
    record_event(actor=actor, verb="application.started", obj=application, member=None)
    return application


# The parts of the application form, each saved on its own (drafts are saved and resumed).
JURISDICTION_FIELDS = (
    "jurisdiction",
    "jurisdiction_name",
    "country",
    "region",
    "kind",
    "population",
    "has_elections",
    "term_ends_on",
)
PEOPLE_FIELDS = (
    "lead_agency",
    "senior_official_name",
    "senior_official_title",
    "senior_official_email",
    "contact_name",
    "contact_title",
    "contact_email",
    "stakeholders",
)
ANSWER_FIELDS = tuple(f"answer_{point}" for point in LETTER_POINTS)
LETTER_FIELDS = ("letter", "declared_english")
PART_FIELDS: dict[str, tuple[str, ...]] = {
    "jurisdiction": JURISDICTION_FIELDS,
    "people": PEOPLE_FIELDS,
    "answers": ANSWER_FIELDS,
    "letter": LETTER_FIELDS,
}
# What is copied from an existing jurisdiction into the application.
COPIED_FROM_JURISDICTION = ("country", "region", "kind", "population", "has_elections")

LETTER_VALIDATOR = PDFDocumentValidator(
    max_pages=LETTER_MAX_PAGES, name=_("The letter"), reference="LH §1.2"
)


def _locked_for_edit(actor, application: Application) -> Application:
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("call")
        .get(pk=application.pk)
    )
    _require(actor, "members.change_application", application)
    return application


@transaction.atomic
def save_application_part(
    *, actor, application: Application, part: str, data: dict[str, Any], as_of: date
) -> Application:
    """Save one part of a draft (or, in a two-stage call, of a shortlisted application's stage
    2). Field limits are checked (one ValidationError, nothing saved); the eligibility rules are
    shown on the application's page and checked again on submission (`submit_application`)."""
    application = _locked_for_edit(actor, application)
    names = PART_FIELDS[part]
    for name in names:
        if name not in data:
            continue
        value = data[name]
        if name == "letter":
            if value:
                try:
                    LETTER_VALIDATOR(value)
                except ValidationError as error:
                    raise ValidationError({"letter": [error]}) from error
                application.letter_pages = count_pages(value)
                application.letter.save("letter.pdf", value, save=False)
            continue
        field = Application._meta.get_field(name)
        if value is None and not field.null:
            value = "" if isinstance(field, (models.CharField, models.TextField)) else False
        setattr(application, name, value)
    checked = [name for name in names if name != "letter"]
    if part == "jurisdiction":
        _fill_from_jurisdiction(application, as_of=as_of)
        checked = [*checked, "jurisdiction_name"]
    raise_all([], field_errors(application, checked))
    application.save()
    return application


def _fill_from_jurisdiction(application: Application, *, as_of: date) -> None:
    """An existing jurisdiction's details, and its recorded term if there is one, in the
    application (so that reviewers, filters and recusal read one place)."""
    jurisdiction: Jurisdiction | None = application.jurisdiction
    if jurisdiction is None:
        application.term = None
        return
    application.jurisdiction_name = jurisdiction.name
    for name in COPIED_FROM_JURISDICTION:
        setattr(application, name, getattr(jurisdiction, name))
    application.population = jurisdiction.population
    application.region = jurisdiction.region or ""
    term = term_on(jurisdiction, as_of)
    application.term = term
    if term is not None:
        application.term_ends_on = term.ends_on


@transaction.atomic
def add_signatory(*, actor, application: Application, data: dict[str, Any]) -> Signatory:
    """Add a signatory of the Letter of Support (LH §1.2)."""
    application = _locked_for_edit(actor, application)
    signatory = Signatory(
        application=application,
        name=(data.get("name") or "").strip(),
        title=(data.get("title") or "").strip(),
        organization_name=(data.get("organization_name") or "").strip(),
        kind=data.get("kind") or "",
        has_legal_personality=bool(data.get("has_legal_personality")),
        registration_number=(data.get("registration_number") or "").strip(),
    )
    violations = []
    if not signatory.name:
        violations.append(
            RuleViolation("signatory.name_required", _("Enter the signatory's name."), field="name")
        )
    if signatory.has_legal_personality and not signatory.registration_number:
        violations.append(
            RuleViolation(
                "signatory.registration_number_required",
                _(
                    "Give the organization's registration number (or an equivalent) to show "
                    "its legal personality."
                ),
                "LH §1.2",
                field="registration_number",
            )
        )
    if signatory.kind == SignatoryKind.NON_GOVERNMENTAL and not signatory.organization_name:
        violations.append(
            RuleViolation(
                "signatory.organization_required",
                _("Name the organization a non-governmental signatory signs for."),
                "LH §1.2",
                field="organization_name",
            )
        )
    if application.signatories.count() >= MAX_SIGNATORIES:
        violations.append(
            RuleViolation(
                "signatory.too_many",
                _("A letter has at most %(count)d signatories here.") % {"count": MAX_SIGNATORIES},
            )
        )
    raise_all(
        violations,
        field_errors(
            signatory,
            ["title", "organization_name", "kind", "registration_number"],
        ),
    )
    signatory.save()
    return signatory


@transaction.atomic
def remove_signatory(*, actor, signatory: Signatory) -> None:
    _locked_for_edit(actor, signatory.application)
    signatory.delete()


# --- eligibility (LH §1.1, §1.2) -----------------------------------------------------------------


def _missing(code: str, message: str, handbook: str = "LH §1.2") -> RuleViolation:
    return RuleViolation(code, message, handbook)


def eligibility_violations(
    application: Application, *, as_of: date, full: bool | None = None
) -> list[RuleViolation]:
    """Every rule the application breaks if it were submitted on `as_of`, with its code and
    Handbook section. `full`: the full application (one-stage calls, stage 2) rather than a
    two-stage call's expression of interest; by default whatever submitting now would be.

    Reads `application.signatories` (prefetch them for a list)."""
    if full is None:
        full = (
            not application.call.is_two_stage or application.state == ApplicationState.SHORTLISTED
        )
    violations: list[RuleViolation] = []

    # The jurisdiction (LH §1.1).
    if not application.jurisdiction_name.strip():
        violations.append(
            _missing("application.jurisdiction_missing", _("Name the jurisdiction."), "LH §1")
        )
    if application.country_id is None:
        violations.append(
            _missing(
                "application.country_missing",
                _("Say which country the jurisdiction is in."),
                "LH §1.1",
            )
        )
    elif not application.country.is_ogp_member_in_good_standing:
        violations.append(
            RuleViolation(
                "application.country_not_in_good_standing",
                _(
                    "%(country)s is not an OGP member country in good standing: its local "
                    "governments cannot apply now."
                )
                % {"country": application.country},
                "LH §1.1",
            )
        )
    if not application.kind:
        violations.append(
            _missing(
                "application.kind_missing", _("Say what kind of jurisdiction it is."), "LH §1.2"
            )
        )
    if application.has_elections:
        earliest_end = as_of + relativedelta(months=TERM_MONTHS_LEFT)
        if application.term_ends_on is None:
            violations.append(
                _missing(
                    "application.term_missing",
                    _("Give the day the current administration's term ends."),
                    "LH §1.1",
                )
            )
        elif application.term_ends_on < earliest_end:
            violations.append(
                RuleViolation(
                    "application.term_too_short",
                    _(
                        "At least %(months)d months must be left in the current administration's "
                        "term on the day of submission: on %(today)s the term must end on "
                        "%(earliest)s or later, and it ends on %(ends)s."
                    )
                    % {
                        "months": TERM_MONTHS_LEFT,
                        "today": _date(as_of),
                        "earliest": _date(earliest_end),
                        "ends": _date(application.term_ends_on),
                    },
                    "LH §1.1",
                )
            )

    # The people (LH §2.1).
    if not application.contact_name.strip() or not application.contact_email.strip():
        violations.append(
            _missing(
                "application.contact_missing",
                _("Name the day-to-day point of contact and give their e-mail address."),
                "LH §2.1",
            )
        )
    if not application.declared_english:
        violations.append(
            RuleViolation(
                "application.not_in_english",
                _("Declare that the application and the Letter of Support are in English."),
                "LH §1.2",
            )
        )
    if not full:
        return violations

    if not application.lead_agency.strip():
        violations.append(
            _missing("application.lead_agency_missing", _("Name the lead agency."), "LH §2.1")
        )
    if not application.senior_official_name.strip():
        violations.append(
            _missing(
                "application.senior_official_missing",
                _("Name the senior official with delegated authority."),
                "LH §2.1",
            )
        )

    # The Letter of Support (LH §1.2).
    unanswered = [
        point for point in LETTER_POINTS if not getattr(application, f"answer_{point}").strip()
    ]
    if len(unanswered) == 1:
        violations.append(
            RuleViolation(
                "application.answer_missing",
                _("Answer point %(label)s of the Letter of Support.")
                % {"label": ANSWER_LABELS[unanswered[0]]},
                "LH §1.2",
            )
        )
    elif unanswered:
        violations.append(
            RuleViolation(
                "application.answer_missing",
                _("Answer points %(points)s of the 8 points of the Letter of Support.")
                % {"points": ", ".join(str(point) for point in unanswered)},
                "LH §1.2",
            )
        )
    if not application.letter:
        violations.append(
            _missing("application.letter_missing", _("Upload the signed Letter of Support (PDF)."))
        )
    elif application.letter_pages is not None and application.letter_pages > LETTER_MAX_PAGES:
        violations.append(
            RuleViolation(
                "application.letter_too_many_pages",
                _("The letter has %(pages)d pages; at most %(limit)d are allowed.")
                % {"pages": application.letter_pages, "limit": LETTER_MAX_PAGES},
                "LH §1.2",
            )
        )
    signatories = list(application.signatories.all())
    if not any(signatory.is_government for signatory in signatories):
        violations.append(
            RuleViolation(
                "application.no_government_signatory",
                _(
                    "The letter must be signed by the head of the local government or a senior "
                    "official with delegated authority."
                ),
                "LH §1.2",
            )
        )
    if not any(signatory.is_ngo_with_legal_personality for signatory in signatories):
        violations.append(
            RuleViolation(
                "application.no_ngo_signatory",
                _(
                    "At least one non-governmental stakeholder with legal personality (a "
                    "registration number or equivalent) must sign the letter."
                ),
                "LH §1.2",
            )
        )
    return violations


# --- submitting, withdrawing ----------------------------------------------------------------------

SNAPSHOT_FIELDS = (
    "jurisdiction",
    *JURISDICTION_FIELDS[1:],
    "term",
    *PEOPLE_FIELDS,
    *ANSWER_FIELDS,
    "letter_pages",
    "declared_english",
)


def _freeze(application: Application, *, actor, as_of: date) -> ApplicationVersion:
    number = application.versions.count() + 1
    data = snapshot(application, SNAPSHOT_FIELDS)
    data["signatories"] = [
        {
            "name": signatory.name,
            "title": signatory.title,
            "organization_name": signatory.organization_name,
            "kind": signatory.kind,
            "has_legal_personality": signatory.has_legal_personality,
            "registration_number": signatory.registration_number,
        }
        for signatory in application.signatories.all()
    ]
    return ApplicationVersion.objects.create(
        application=application,
        number=number,
        submitted_at=timezone.now(),
        submitted_on=as_of,
        submitted_by=actor,
        data=data,
        letter_name=application.letter.name or "",
    )


@transaction.atomic
def submit_application(*, actor, application: Application, as_of: date) -> Application:
    """Submit a draft (the application, or a two-stage call's expression of interest) or, in a
    two-stage call, a shortlisted applicant's full application (stage 2).

    Checks every eligibility rule on `as_of` and raises ONE ValidationError naming each broken
    rule with its code and Handbook section; otherwise freezes what was submitted in a new
    `ApplicationVersion` (history kept) and, for a draft, moves it to "submitted".
    """
    application = _locked_for_edit(actor, application)
    call = application.call
    violations: list[RuleViolation] = []
    stage_two = application.state == ApplicationState.SHORTLISTED
    if stage_two:
        if not (call.state == CallState.OPEN and as_of <= call.closes_on):
            violations.append(_call_closed_violation(call, as_of))
    elif not receives_new_applications(call, as_of):
        violations.append(_call_closed_violation(call, as_of))
    if application.jurisdiction_id is not None:
        # The term in force on the day of submission is the one the application is judged on.
        _fill_from_jurisdiction(application, as_of=as_of)
    violations += eligibility_violations(application, as_of=as_of)
    raise_if(violations)

    application.save()
    _freeze(application, actor=actor, as_of=as_of)
    if stage_two:
        application.full_submitted_on = as_of
        application.save(update_fields=["full_submitted_on", "updated_at"])
        record_event(
            actor=actor,
            verb="application.version_submitted",
            obj=application,
            after={"full_submitted_on": as_of, "versions": application.versions.count()},
            member=None,
        )
        return application
    return transition_application(application, ApplicationState.SUBMITTED, actor=actor, as_of=as_of)


def withdraw_application(
    *, actor, application: Application, reason: str = "", as_of: date
) -> Application:
    """The applicant withdraws their application (before a decision)."""
    _require(actor, "members.withdraw_application", application)
    return transition_application(
        application, ApplicationState.WITHDRAWN, actor=actor, reason=reason, as_of=as_of
    )


@transaction.atomic
def send_application_message(*, actor, application: Application, body: str) -> ApplicationMessage:
    """A message from the Support Unit to the applicant, shown on their application's page."""
    _require(actor, "members.message_applicant", application)
    message = ApplicationMessage(
        application=application, author=actor, body=(body or "").strip(), sent_at=timezone.now()
    )
    if not message.body:
        raise_if([RuleViolation("message.empty", _("Write the message."), field="body")])
    raise_all([], field_errors(message, ["body"]))
    message.save()
    record_event(
        actor=actor,
        verb="application.message_sent",
        obj=application,
        after={"message": message.body},
        member=None,
    )
    return message
