"""Plain-words explanations of the engine's reasons, citing the Handbook, in the user's language.

The engine returns structured reasons (tracker/engine.py); the sentences live here so that they
can be translated and reworded without touching a rule.
"""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext

from tracker import engine
from tracker.engine import Reason


def explain_reason(reason: Reason) -> str:
    """One or two sentences saying why `reason.rule` is in force, ending with what lifts it."""
    values = {
        "handbook": reason.handbook,
        "since": reason.since.isoformat(),
        "due_on": _iso(reason.due_on),
        "plan": reason.plan,
        "first": reason.quarters[0] if reason.quarters else "",
        "second": reason.quarters[-1] if reason.quarters else "",
        "until": _iso(reason.voluntary_until),
        "inactive_since": _iso(reason.inactive_since),
        "finding_on": _iso(reason.finding_on),
        "revocation_on": _iso(reason.revocation_on),
        "probation_since": _iso(reason.probation_since),
    }
    rule = reason.rule
    if rule == engine.NO_FIRST_PLAN:
        text = gettext(
            "The first action plan was due by %(due_on)s and has not been submitted "
            "(%(handbook)s). The member becomes active again on the day it submits it."
        )
    elif rule == engine.NO_NEXT_PLAN:
        text = gettext(
            "Action plan %(plan)s has ended and no next action plan was submitted within four "
            "months, by %(due_on)s (%(handbook)s). The member becomes active again on the day it "
            "submits one."
        )
    elif rule == engine.NO_PROGRESS:
        text = gettext(
            "No tracker update recording progress was submitted in %(first)s or %(second)s, nor "
            "since (%(handbook)s). The member becomes active again on the day it submits one."
        )
    elif rule == engine.NO_UPDATE:
        text = gettext(
            "No tracker update was submitted in %(first)s or %(second)s, nor since (%(handbook)s). "
            "The member becomes active again on the day it submits one."
        )
    elif rule == engine.VOLUNTARY:
        if reason.voluntary_until is None:
            text = gettext(
                "The Support Unit placed the member in voluntary inactivity from %(since)s, with "
                "no end date (%(handbook)s)."
            )
        else:
            text = gettext(
                "The Support Unit placed the member in voluntary inactivity from %(since)s until "
                "%(until)s (%(handbook)s)."
            )
    elif rule == engine.INACTIVE_SIX_MONTHS:
        text = gettext(
            "The member has been inactive since %(inactive_since)s, for six months or more, and "
            "is on probation (%(handbook)s). Its membership will be revoked on "
            "%(revocation_on)s unless it resumes its activities by that day."
        )
    elif rule == engine.CO_CREATION:
        text = gettext(
            "On %(finding_on)s the Support Unit found that the four minimum co-creation "
            "requirements of LH §3.3.1 (forum, regularity, multi-stakeholder, endorsement) are "
            "not all met, so the member is on probation (%(handbook)s). Its membership will be "
            "revoked on %(revocation_on)s unless they are met by that day."
        )
    elif rule == engine.PROBATION_UNRECTIFIED:
        text = gettext(
            "The member was on probation from %(probation_since)s and did not rectify within "
            "four months, so its membership was revoked on %(since)s (%(handbook)s)."
        )
    else:
        raise ValueError(f"no explanation for rule {rule!r}")
    return text % values


def _iso(day: date | None) -> str:
    return "" if day is None else day.isoformat()
