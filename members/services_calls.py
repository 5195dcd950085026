"""Writes on calls and applications (LH §1.2): one function per user action (STYLE.md rule 2).

Each status model has ONE transition table and ONE transition function that checks it, saves and
writes the audit event (STYLE.md rule 4): `transition_call` and `transition_application`. Every
other service that changes a state (opening a call, submitting, withdrawing, the decisions of
`members.services_decisions`) goes through them; nothing else writes `state`.
"""

from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from members.models import Application, ApplicationState, Call, CallState
from ogplocal.audit.services import record_event
from ogplocal.validation import RuleViolation, raise_if

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

    Dates follow the state: `submitted_on` on submission, `decided_on` on acceptance or not.
    In a two-stage call an application is accepted only once shortlisted and its full
    application submitted (`full_submitted_on`, stage 2).
    """
    application = (
        Application.objects.select_for_update().select_related("call").get(pk=application.pk)
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
    fields = ["state", "submitted_on", "decided_on"]
    before = {name: getattr(application, name) for name in fields}
    application.state = to
    if to == ApplicationState.SUBMITTED:
        application.submitted_on = as_of
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
