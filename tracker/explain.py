"""Plain-words explanations of the engine's reasons and deadlines, citing the Handbook, in the
user's language.

The engine returns structured reasons and deadlines (tracker/engine.py); the sentences live here
so that they can be translated and reworded without touching a rule.

Plans and commitments are named by the labels the caller gives (`plans=`, `commitments=`): a
mapping from id to label, or a callable taking an id and returning a label (or None). The ids of
plans and of commitments are looked up separately, as database keys of the two may coincide. An
id without a label falls back to "action plan ap1" / "commitment c1", so a reason or deadline can
always be explained.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date

from django.utils.translation import gettext

from tracker import engine
from tracker.engine import Deadline, Reason

# Where labels come from: id -> label, as a mapping or a callable (None: no label).
LabelSource = Mapping[str, str] | Callable[[str], str | None] | None


def plan_label(plan_id: str | None, plans: LabelSource = None) -> str:
    """The label of the plan `plan_id`, else "action plan <id>"."""
    return _label(plan_id, plans) or gettext("action plan %(id)s") % {"id": plan_id or "?"}


def commitment_label(commitment_id: str | None, commitments: LabelSource = None) -> str:
    """The label of the commitment `commitment_id`, else "commitment <id>"."""
    return _label(commitment_id, commitments) or gettext("commitment %(id)s") % {
        "id": commitment_id or "?"
    }


def _label(ref: str | None, source: LabelSource) -> str | None:
    if ref is None or source is None:
        return None
    if isinstance(source, Mapping):
        return source.get(ref) or None
    try:
        return source(ref) or None
    except LookupError:  # e.g. a dict's __getitem__ passed as the callable
        return None


def explain_reason(
    reason: Reason,
    *,
    plans: LabelSource = None,
    commitments: LabelSource = None,
    day: Callable[[date], str] = date.isoformat,
) -> str:
    """One or two sentences saying why `reason.rule` is in force, ending with what lifts it.

    `plans` and `commitments` give the labels that name them (see the module's docstring); `day`
    writes a date (ISO by default; a public page passes the language's own format)."""

    def _iso(value: date | None) -> str:
        return "" if value is None else day(value)

    values = {
        "handbook": reason.handbook,
        "since": day(reason.since),
        "due_on": _iso(reason.due_on),
        "plan": plan_label(reason.plan, plans),
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
            "No next action plan was submitted within four months of the end of %(plan)s, by "
            "%(due_on)s (%(handbook)s). The member becomes active again on the day it submits one."
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


def explain_deadline(
    deadline: Deadline,
    *,
    plans: LabelSource = None,
    commitments: LabelSource = None,
    day: Callable[[date], str] = date.isoformat,
) -> str:
    """One sentence naming the filing, its due date, its state and its Handbook section.

    `plans` and `commitments` give the labels that name them (see the module's docstring); `day`
    writes a date, as for `explain_reason`."""
    kind = deadline.kind
    if kind == engine.FIRST_PLAN:
        filing = gettext("The first action plan")
    elif kind == engine.NEXT_PLAN:
        filing = gettext("The action plan following %(plan)s") % {
            "plan": plan_label(deadline.ref, plans)
        }
    elif kind == engine.INCEPTION_ASSESSMENT:
        filing = gettext("The inception assessment of %(plan)s") % {
            "plan": plan_label(deadline.ref, plans)
        }
    elif kind == engine.END_OF_COMMITMENT_ASSESSMENT:
        filing = gettext("The end-of-commitment assessment of %(commitment)s") % {
            "commitment": commitment_label(deadline.ref, commitments)
        }
    elif kind == engine.FINAL_LEARNING_EXERCISE:
        filing = gettext("The final learning exercise of %(plan)s") % {
            "plan": plan_label(deadline.ref, plans)
        }
    else:
        raise ValueError(f"no explanation for deadline kind {kind!r}")

    state = deadline.state
    if state == engine.MET:
        text = gettext(
            "%(filing)s was due by %(due_on)s and was done on %(met_on)s (%(handbook)s)."
        )
    elif state == engine.LATE:
        text = gettext(
            "%(filing)s was due by %(due_on)s and was done late, on %(met_on)s (%(handbook)s)."
        )
    elif state == engine.OVERDUE:
        text = gettext("%(filing)s was due by %(due_on)s and is overdue (%(handbook)s).")
    elif state == engine.UPCOMING:
        text = gettext("%(filing)s is due by %(due_on)s (%(handbook)s).")
    else:
        raise ValueError(f"no explanation for deadline state {state!r}")
    return text % {
        "filing": filing,
        "due_on": day(deadline.due_on),
        "met_on": "" if deadline.met_on is None else day(deadline.met_on),
        "handbook": deadline.handbook,
    }


def _iso(day: date | None) -> str:
    return "" if day is None else day.isoformat()
