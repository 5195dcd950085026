"""Every write to an action plan (STYLE.md rule 2): start a draft, save a part, add or remove an
endorsing stakeholder, submit. Each runs in a transaction, writes an audit event, and raises one
`ValidationError` carrying every broken rule with its code and Handbook section.

Submitting (`submit_plan`) checks the rules of RULES.md §4 for plans, snapshots the plan and its
commitments as version 1 (`ActionPlanVersion`), and publishes it: from then on the plan is never
edited in place. The deadlines that follow (RULES.md §3) are the engine's: `tracker.facts` hands
it the plan as filed; nothing here computes them.
"""

from datetime import date, timedelta
from typing import Any

from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from actionplans.models import (
    STRATEGIC_VISION,
    ActionPlan,
    ActionPlanVersion,
    EndorsingStakeholder,
    PlanState,
    section,
)
from members.models import Coalition, Jurisdiction, JurisdictionTerm, Member
from members.models.coalitions import COALITION_MIN_MEMBERS
from members.selectors import term_on
from ogplocal.audit.services import record_event, snapshot
from ogplocal.validation import RuleViolation, field_errors, raise_all, raise_if

# LH §3.2: a plan ends at least two months before the administration's term ends; without
# elections it lasts one to four years (RULES.md §4; a year is counted as for commitments:
# `starts_on` + 1 year - 1 day is one year).
MONTHS_BEFORE_TERM_END = 2
MIN_YEARS_WITHOUT_ELECTIONS = 1
MAX_YEARS_WITHOUT_ELECTIONS = 4

# The one transition table of plans (STYLE.md rule 4). A submitted plan changes only by new
# versions (later issues), never back to draft.
PLAN_TRANSITIONS: dict[str, frozenset[str]] = {
    PlanState.DRAFT: frozenset({PlanState.SUBMITTED}),
    PlanState.SUBMITTED: frozenset(),
}

# The fields a point of contact fills, by part of the filing (each saved on its own).
PLAN_PARTS: dict[str, tuple[str, ...]] = {
    "dates": ("starts_on", "ends_on"),
    "foreword": ("foreword",),
    "e": tuple(question.field for question in section("E").questions),
    "f": tuple(question.field for question in section("F").questions),
    "g": ("monitoring_body", *(question.field for question in section("G").questions)),
    "documents": ("introduction_letter", "strategy_document", "declared_english"),
}


def latest_end_for_term(term_ends_on: date) -> date:
    return term_ends_on - relativedelta(months=MONTHS_BEFORE_TERM_END)


def one_year_after(starts_on: date, years: int = 1) -> date:
    """The last day of `years` calendar years from `starts_on` (RULES.md §4 decision)."""
    return starts_on + relativedelta(years=years) - timedelta(days=1)


def plan_jurisdictions(plan: ActionPlan) -> list[Jurisdiction]:
    """The jurisdictions the plan is for: its member's, or those a joint plan covers."""
    if plan.member_id is not None:
        return [plan.member.jurisdiction]
    return list(plan.jurisdictions.all())


def terms_of(plan: ActionPlan, *, as_of: date) -> dict[int, JurisdictionTerm | None]:
    return {
        jurisdiction.pk: term_on(jurisdiction, as_of) for jurisdiction in plan_jurisdictions(plan)
    }


def _day(value: date) -> str:
    return date_format(value, "DATE_FORMAT")


def dates_violations(
    plan: ActionPlan, *, as_of: date, field: str | None = None
) -> list[RuleViolation]:
    """The rules on the plan's period (LH §3.2): its end against each jurisdiction's term, or its
    length without elections. A joint plan follows the longest term (LH §3.4)."""
    violations = []
    jurisdictions = plan_jurisdictions(plan)
    elected = [jurisdiction for jurisdiction in jurisdictions if jurisdiction.has_elections]
    if elected:
        terms = [term_on(jurisdiction, as_of) for jurisdiction in elected]
        known = [term for term in terms if term is not None]
        if len(known) < len(terms):
            violations.append(
                RuleViolation(
                    "plan.term_unknown",
                    _(
                        "The end of the administration's term has not been recorded; ask the "
                        "Support Unit to record it before submitting the plan."
                    ),
                    "LH §3.2",
                    field,
                )
            )
        if known:
            longest = max(known, key=lambda term: term.ends_on)
            latest = latest_end_for_term(longest.ends_on)
            if plan.ends_on > latest:
                violations.append(
                    RuleViolation(
                        "plan.ends_too_late",
                        _(
                            "The plan must end at least two months before the administration's "
                            "term ends (%(term)s): on %(latest)s at the latest."
                        )
                        % {"term": _day(longest.ends_on), "latest": _day(latest)},
                        "LH §3.2",
                        field,
                    )
                )
    elif jurisdictions:
        shortest = one_year_after(plan.starts_on, MIN_YEARS_WITHOUT_ELECTIONS)
        longest = one_year_after(plan.starts_on, MAX_YEARS_WITHOUT_ELECTIONS)
        if not shortest <= plan.ends_on <= longest:
            violations.append(
                RuleViolation(
                    "plan.period_out_of_range",
                    _(
                        "Without elections, a plan lasts one to four years: starting on "
                        "%(start)s, it must end between %(shortest)s and %(longest)s."
                    )
                    % {
                        "start": _day(plan.starts_on),
                        "shortest": _day(shortest),
                        "longest": _day(longest),
                    },
                    "LH §3.2",
                    field,
                )
            )
    return violations


def plan_violations(plan: ActionPlan, *, as_of: date) -> list[RuleViolation]:
    """Every rule the plan breaks today (RULES.md §4): what stops its submission. The filing
    page lists them before the point of contact submits."""
    from commitments.services import plan_commitment_violations

    violations = dates_violations(plan, as_of=as_of)
    missing = [
        question.code
        for section in STRATEGIC_VISION
        for question in section.questions
        if getattr(plan, question.field) in ("", None)
    ]
    if not plan.foreword.strip():
        missing.insert(0, "C")
    if missing:
        violations.append(
            RuleViolation(
                "plan.vision_incomplete",
                _("The strategic vision is incomplete; answer %(questions)s.")
                % {"questions": ", ".join(missing)},
                "LH §3.2.1.1, Annex 1",
            )
        )
    if not plan.endorsements.exists():
        violations.append(
            RuleViolation(
                "plan.no_endorsement",
                _(
                    "List at least one non-governmental stakeholder that endorses the plan "
                    "(Annex 1, H)."
                ),
                "LH §3.3.1",
            )
        )
    if plan.monitoring_body_id is None:
        violations.append(
            RuleViolation(
                "plan.no_monitoring_body",
                _("Name the monitoring body that will assess the plan (Annex 1, G.1)."),
                "LH §3.5",
            )
        )
    if not plan.declared_english:
        violations.append(
            RuleViolation(
                "plan.not_in_english",
                _("Action plans are submitted in English; declare that this one is."),
                "LH §3.2",
            )
        )
    if not plan.commitments.exists():
        violations.append(
            RuleViolation(
                "plan.no_commitments",
                _("Add at least one commitment to the plan."),
                "LH §3.2.1.2",
            )
        )
    violations += plan_commitment_violations(plan, as_of=as_of)
    return violations


def _require_draft(plan: ActionPlan) -> None:
    if plan.state != PlanState.DRAFT:
        raise_if(
            [
                RuleViolation(
                    "plan.not_draft",
                    _("A submitted plan is never edited in place."),
                    "LH §3.2",
                )
            ]
        )


@transaction.atomic
def start_plan(
    member: Member, *, actor, starts_on: date | None, ends_on: date | None, as_of: date
) -> ActionPlan:
    """A new draft plan of `member` (the next plan may be drafted while the current one runs).

    Only the dates are needed to start; the end against the term is checked on submission (and
    shown on every part of the filing)."""
    plan = ActionPlan(
        member=member, starts_on=starts_on, ends_on=ends_on, created_by=actor, coordinator=actor
    )
    _check_dates(plan)
    plan.save()
    record_event(
        actor=actor,
        verb="actionplan.started",
        obj=plan,
        after=snapshot(plan, ["starts_on", "ends_on"]),
    )
    return plan


@transaction.atomic
def start_joint_plan(
    coalition: Coalition, *, actor, starts_on: date | None, ends_on: date | None, as_of: date
) -> ActionPlan:
    """A new draft joint plan of `coalition` (LH §3.4): one plan for all its members, covering
    each member's jurisdiction, coordinated by the coalition's coordinating point of contact.
    Its commitments are each for one jurisdiction or joint (`commitments.services`)."""
    members = list(coalition.members.select_related("jurisdiction"))
    plan = ActionPlan(
        coalition=coalition,
        starts_on=starts_on,
        ends_on=ends_on,
        created_by=actor,
        coordinator=coalition.coordinator,
    )
    _check_dates(plan)
    if len(members) < COALITION_MIN_MEMBERS:
        raise_if(
            [
                RuleViolation(
                    "plan.coalition_too_small",
                    _("A joint action plan is for a coalition of two to four members."),
                    "LH §3.4",
                )
            ]
        )
    plan.save()
    plan.jurisdictions.set([member.jurisdiction for member in members])
    record_event(
        actor=actor,
        verb="actionplan.started",
        obj=plan,
        after={
            **snapshot(plan, ["starts_on", "ends_on"]),
            "coalition": coalition.name,
            "jurisdictions": [member.jurisdiction.name for member in members],
        },
    )
    return plan


def _check_dates(plan: ActionPlan) -> None:
    errors = field_errors(plan, ["starts_on", "ends_on"])
    violations = []
    if not errors and plan.ends_on <= plan.starts_on:
        violations.append(
            RuleViolation(
                "plan.ends_before_start",
                _("The plan must end after it starts."),
                "LH §3.2",
                "ends_on",
            )
        )
    raise_all(violations, errors)


@transaction.atomic
def save_plan_part(plan: ActionPlan, part: str, values: dict[str, Any], *, actor) -> ActionPlan:
    """Save one part of a draft (`PLAN_PARTS`): only its fields change; the rules of submission
    are shown, not enforced, until the plan is submitted."""
    plan = ActionPlan.objects.select_for_update().get(pk=plan.pk)
    _require_draft(plan)
    names = PLAN_PARTS[part]
    before = snapshot(plan, names)
    for name in names:
        if name in values:
            setattr(plan, name, values[name])
    if part == "dates":
        _check_dates(plan)
    else:
        raise_all([], field_errors(plan, names))
    if part == "dates":
        from commitments.services import commitments_outside_plan

        raise_if(commitments_outside_plan(plan, field="ends_on"))
    plan.save()
    after = snapshot(plan, names)
    record_event(actor=actor, verb="actionplan.saved", obj=plan, before=before, after=after)
    return plan


@transaction.atomic
def add_endorsement(plan: ActionPlan, *, actor, **values) -> EndorsingStakeholder:
    plan = ActionPlan.objects.select_for_update().get(pk=plan.pk)
    _require_draft(plan)
    endorsement = EndorsingStakeholder(plan=plan, **values)
    names = ["organization_name", "contact_name", "contact_email", "has_legal_personality"]
    violations = []
    if plan.endorsements.filter(
        organization_name__iexact=endorsement.organization_name.strip()
    ).exists():
        violations.append(
            RuleViolation(
                "plan.endorsement_duplicate",
                _("This organization is already listed."),
                "LH §3.3.1",
                "organization_name",
            )
        )
    endorsement.organization_name = endorsement.organization_name.strip()
    raise_all(violations, field_errors(endorsement, names))
    endorsement.save()
    record_event(
        actor=actor,
        verb="actionplan.endorsement_added",
        obj=plan,
        after=snapshot(endorsement, names),
    )
    return endorsement


@transaction.atomic
def remove_endorsement(endorsement: EndorsingStakeholder, *, actor) -> None:
    plan = ActionPlan.objects.select_for_update().get(pk=endorsement.plan_id)
    _require_draft(plan)
    before = snapshot(endorsement, ["organization_name"])
    endorsement.delete()
    record_event(actor=actor, verb="actionplan.endorsement_removed", obj=plan, before=before)


def transition_plan(plan: ActionPlan, to: str, *, actor, reason: str, as_of: date) -> ActionPlan:
    """Move `plan` to state `to` if the table allows it; save; write `actionplan.<to>`."""
    if to not in PLAN_TRANSITIONS.get(plan.state, frozenset()):
        raise_if(
            [
                RuleViolation(
                    "plan.transition_not_allowed",
                    _("A plan cannot go from “%(current)s” to “%(to)s”.")
                    % {"current": PlanState(plan.state).label, "to": PlanState(to).label},
                )
            ]
        )
    before = snapshot(plan, ["state", "version", "submitted_on", "term"])
    plan.state = to
    if to == PlanState.SUBMITTED:
        plan.submitted_on = as_of
        plan.version += 1
    plan.save()
    record_event(
        actor=actor,
        verb=f"actionplan.{to}",
        obj=plan,
        before=before,
        after=snapshot(plan, ["state", "version", "submitted_on", "term"]),
        reason=reason,
    )
    return plan


def plan_snapshot(plan: ActionPlan) -> dict[str, Any]:
    """The plan and its commitments as filed, for its version row (JSON)."""
    plan_fields = [
        field.name
        for field in ActionPlan._meta.concrete_fields
        if field.name not in ("created_at", "updated_at")
    ]
    data = snapshot(plan, plan_fields)
    data["endorsements"] = [
        snapshot(endorsement, ["organization_name", "contact_name", "has_legal_personality"])
        for endorsement in plan.endorsements.all()
    ]
    from commitments.models import Commitment, Milestone

    commitment_fields = [
        field.name
        for field in Commitment._meta.concrete_fields
        if field.name not in ("created_at", "updated_at", "plan")
    ]
    milestone_fields = [
        field.name for field in Milestone._meta.concrete_fields if field.name != "commitment"
    ]
    data["commitments"] = [
        {
            **snapshot(commitment, commitment_fields),
            "milestones": [
                snapshot(milestone, milestone_fields) for milestone in commitment.milestones.all()
            ],
        }
        for commitment in plan.commitments.prefetch_related("milestones")
    ]
    return data


@transaction.atomic
def submit_plan(plan: ActionPlan, *, actor, as_of: date) -> ActionPlan:
    """Submit a draft: check every rule (one ValidationError listing each broken one), keep the
    term record it was judged against, date it and its commitments, snapshot version 1, publish.
    """
    plan = (
        ActionPlan.objects.select_for_update(of=("self",))
        .select_related("member__jurisdiction", "coalition")
        .get(pk=plan.pk)
    )
    _require_draft(plan)
    raise_if(plan_violations(plan, as_of=as_of))
    terms = [term for term in terms_of(plan, as_of=as_of).values() if term is not None]
    plan.term = max(terms, key=lambda term: term.ends_on) if terms else None
    plan = transition_plan(
        plan, PlanState.SUBMITTED, actor=actor, reason=_("Plan submitted."), as_of=as_of
    )
    plan.commitments.filter(submitted_on__isnull=True).update(submitted_on=as_of)
    ActionPlanVersion.objects.create(
        plan=plan,
        number=plan.version,
        snapshot=plan_snapshot(plan),
        submitted_at=timezone.now(),
        submitted_on=as_of,
        submitted_by=actor,
        reason=_("First version, as submitted."),
    )
    return plan
