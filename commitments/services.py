"""Every write to commitments and milestones (STYLE.md rule 2): filed within a plan's draft, each
checked against RULES.md §4 and raising one `ValidationError` with every broken rule.

Rules (LH §3.2, §3.4, Annex 2):
- at most 5 commitments open at once in a single member's plan, 10 in a coalition of 2, 12 in a
  coalition of 3 or 4 (`commitment.too_many_open`);
- a commitment lasts at least one calendar year, `ends_on` ≥ `starts_on` + 1 year - 1 day, unless
  it spans the whole plan (`commitment.too_short`), and lies within the plan
  (`commitment.ends_after_plan`, `commitment.starts_before_plan`);
- up to two policy areas and two sectors of Annex 2 (`commitment.too_many_policy_areas`,
  `commitment.too_many_sectors`);
- in a joint plan, a commitment is for one of the plan's jurisdictions or joint, and ends at
  least two months before the term of each jurisdiction implementing it ends
  (`commitment.ends_too_late`);
- milestones lie within their commitment (`milestone.outside_commitment`).
"""

from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from actionplans.models import ActionPlan, PlanState
from actionplans.services import latest_end_for_term, one_year_after, plan_jurisdictions
from commitments.models import (
    MAX_POLICY_AREAS,
    MAX_SECTORS,
    Commitment,
    Milestone,
    OgpValue,
)
from members.selectors import term_on
from ogplocal.audit.services import record_event, snapshot
from ogplocal.validation import RuleViolation, field_errors, raise_all, raise_if

# LH §3.2 (single member), §3.4 (coalitions): commitments open at one point in time.
OPEN_CAP_SINGLE = 5
OPEN_CAP_COALITION_OF_TWO = 10
OPEN_CAP_LARGER_COALITION = 12

COMMITMENT_FIELDS = (
    "jurisdiction",
    "title",
    "starts_on",
    "ends_on",
    "lead_agency",
    "lead_agency_branch",
    "lead_contact_name",
    "lead_contact_title",
    "lead_contact_email",
    "lead_role",
    "ngo_name",
    "ngo_contact_name",
    "ngo_contact_title",
    "ngo_contact_email",
    "ngo_role",
    "other_stakeholders",
    "problem",
    "status_quo",
    "action",
    "contribution",
    "long_term_goal",
    "policy_area",
    "second_policy_area",
    "sector",
    "second_sector",
    "ogp_values",
    "resources",
    "resources_secured",
    "additional_information",
)
MILESTONE_FIELDS = ("output", "starts_on", "ends_on", "responsible_agency", "contact_name")


def open_cap(plan: ActionPlan) -> int:
    if plan.coalition_id is None:
        return OPEN_CAP_SINGLE
    size = plan.coalition.memberships.count()
    return OPEN_CAP_COALITION_OF_TWO if size <= 2 else OPEN_CAP_LARGER_COALITION


def most_open_at_once(periods: list[tuple[date, date]]) -> int:
    """The largest number of the (start, last day) periods that are open on one day."""
    return max(
        (sum(1 for start, end in periods if start <= day <= end) for day, _end in periods),
        default=0,
    )


def _day(value: date) -> str:
    return date_format(value, "DATE_FORMAT")


def _open_period(commitment: Commitment) -> tuple[date, date]:
    """The days a commitment is open: from its start to its end, its completion, or the day
    before a change notice removed it (a removed commitment no longer counts against the cap)."""
    end = commitment.ends_on
    if commitment.completed_on is not None and commitment.completed_on < end:
        end = commitment.completed_on
    if commitment.removed_on is not None and commitment.removed_on - timedelta(days=1) < end:
        end = commitment.removed_on - timedelta(days=1)
    return commitment.starts_on, end


def commitment_violations(
    commitment: Commitment, *, policy_areas: list[str], sectors: list[str], as_of: date
) -> list[RuleViolation]:
    """The rules a commitment (new or changed, not saved yet) breaks within its plan."""
    plan = commitment.plan
    violations = []
    if len(policy_areas) > MAX_POLICY_AREAS:
        violations.append(
            RuleViolation(
                "commitment.too_many_policy_areas",
                _("Select up to two policy areas."),
                "LH Annex 2, 12",
                "policy_areas",
            )
        )
    if len(sectors) > MAX_SECTORS:
        violations.append(
            RuleViolation(
                "commitment.too_many_sectors",
                _("Select up to two sectors."),
                "LH Annex 2, 13",
                "sectors",
            )
        )
    if commitment.starts_on is None or commitment.ends_on is None:
        return violations
    if commitment.ends_on <= commitment.starts_on:
        violations.append(
            RuleViolation(
                "commitment.ends_before_start",
                _("The commitment must end after it starts."),
                "LH Annex 2, 3",
                "ends_on",
            )
        )
        return violations
    spans_plan = (commitment.starts_on, commitment.ends_on) == (plan.starts_on, plan.ends_on)
    shortest = one_year_after(commitment.starts_on)
    if commitment.ends_on < shortest and not spans_plan:
        violations.append(
            RuleViolation(
                "commitment.too_short",
                _(
                    "A commitment lasts at least one calendar year unless it spans the whole "
                    "plan: starting on %(start)s, it must end on %(shortest)s or later."
                )
                % {"start": _day(commitment.starts_on), "shortest": _day(shortest)},
                "LH §3.2.1.2",
                "ends_on",
            )
        )
    if commitment.starts_on < plan.starts_on:
        violations.append(
            RuleViolation(
                "commitment.starts_before_plan",
                _("The commitment must start on or after the plan starts (%(start)s).")
                % {"start": _day(plan.starts_on)},
                "LH §3.2",
                "starts_on",
            )
        )
    if commitment.ends_on > plan.ends_on:
        violations.append(
            RuleViolation(
                "commitment.ends_after_plan",
                _(
                    "The commitment must end by the end of the plan (%(end)s): it must be fully "
                    "implemented within the plan."
                )
                % {"end": _day(plan.ends_on)},
                "LH §3.2.1.2",
                "ends_on",
            )
        )
    if plan.is_joint:
        covered = {jurisdiction.pk: jurisdiction for jurisdiction in plan_jurisdictions(plan)}
        if commitment.jurisdiction_id is not None and commitment.jurisdiction_id not in covered:
            violations.append(
                RuleViolation(
                    "commitment.jurisdiction_not_in_plan",
                    _("Choose one of the plan's jurisdictions, or none for a joint commitment."),
                    "LH §3.4",
                    "jurisdiction",
                )
            )
        implementing = (
            [covered[commitment.jurisdiction_id]]
            if commitment.jurisdiction_id in covered
            else list(covered.values())
        )
        for jurisdiction in implementing:
            term = term_on(jurisdiction, as_of) if jurisdiction.has_elections else None
            if term is not None and commitment.ends_on > latest_end_for_term(term.ends_on):
                violations.append(
                    RuleViolation(
                        "commitment.ends_too_late",
                        _(
                            "%(jurisdiction)s must complete its commitments two months before "
                            "its term ends (%(term)s): by %(latest)s."
                        )
                        % {
                            "jurisdiction": jurisdiction.name,
                            "term": _day(term.ends_on),
                            "latest": _day(latest_end_for_term(term.ends_on)),
                        },
                        "LH §3.4",
                        "ends_on",
                    )
                )
    others = plan.commitments.exclude(pk=commitment.pk) if commitment.pk else plan.commitments
    periods = [_open_period(other) for other in others.all()] + [_open_period(commitment)]
    cap = open_cap(plan)
    if most_open_at_once(periods) > cap:
        violations.append(
            RuleViolation(
                "commitment.too_many_open",
                _(
                    "At most %(cap)d commitments may be open at the same time in this plan; "
                    "with this one, more would be."
                )
                % {"cap": cap},
                "LH §3.4" if plan.is_joint else "LH §3.2",
            )
        )
    return violations


def commitments_outside_plan(plan: ActionPlan, *, field: str | None = None) -> list[RuleViolation]:
    """Commitments that no longer fit the plan's dates (after the dates changed)."""
    titles = [
        commitment.title
        for commitment in plan.commitments.all()
        if commitment.ends_on > plan.ends_on or commitment.starts_on < plan.starts_on
    ]
    if not titles:
        return []
    return [
        RuleViolation(
            "plan.commitment_outside_plan",
            _("These commitments would lie outside the plan's period: %(titles)s.")
            % {"titles": "; ".join(titles)},
            "LH §3.2.1.2",
            field,
        )
    ]


def plan_commitment_violations(plan: ActionPlan, *, as_of: date) -> list[RuleViolation]:
    """On submission: every commitment still fits the plan (its dates may have changed since)."""
    violations = commitments_outside_plan(plan)
    commitments = list(plan.commitments.all())
    cap = open_cap(plan)
    if most_open_at_once([_open_period(commitment) for commitment in commitments]) > cap:
        violations.append(
            RuleViolation(
                "commitment.too_many_open",
                _("At most %(cap)d commitments may be open at the same time in this plan.")
                % {"cap": cap},
                "LH §3.4" if plan.is_joint else "LH §3.2",
            )
        )
    return violations


def _require_draft(plan: ActionPlan) -> None:
    if plan.state != PlanState.DRAFT:
        raise_if(
            [
                RuleViolation(
                    "commitment.plan_submitted",
                    _(
                        "Commitments of a submitted plan are changed by a change request, not "
                        "edited in place."
                    ),
                    "LH §3.2.1.3",
                )
            ]
        )


def _apply(commitment: Commitment, values: dict[str, Any]) -> tuple[list[str], list[str]]:
    policy_areas = [area for area in values.pop("policy_areas", []) if area]
    sectors = [sector for sector in values.pop("sectors", []) if sector]
    for name in COMMITMENT_FIELDS:
        if name in values:
            setattr(commitment, name, values[name])
    commitment.policy_area = policy_areas[0] if policy_areas else ""
    commitment.second_policy_area = policy_areas[1] if len(policy_areas) > 1 else ""
    commitment.sector = sectors[0] if sectors else ""
    commitment.second_sector = sectors[1] if len(sectors) > 1 else ""
    commitment.ogp_values = [value for value in OgpValue.values if value in commitment.ogp_values]
    return policy_areas, sectors


def _validate(commitment: Commitment, policy_areas, sectors, *, as_of: date) -> None:
    checked = [name for name in COMMITMENT_FIELDS if name not in ("ogp_values",)]
    errors = field_errors(commitment, checked)
    # The form names the two columns of each vocabulary as one list.
    for column, name in (
        ("policy_area", "policy_areas"),
        ("second_policy_area", "policy_areas"),
        ("sector", "sectors"),
        ("second_sector", "sectors"),
    ):
        if column in errors:
            errors.setdefault(name, []).extend(errors.pop(column))
    violations = commitment_violations(
        commitment, policy_areas=policy_areas, sectors=sectors, as_of=as_of
    )
    raise_all(violations, errors)


@transaction.atomic
def add_commitment(plan: ActionPlan, values: dict[str, Any], *, actor, as_of: date) -> Commitment:
    """A new commitment in a draft plan, numbered after the last one (Annex 2, field 1)."""
    plan = ActionPlan.objects.select_for_update().get(pk=plan.pk)
    _require_draft(plan)
    number = (plan.commitments.aggregate(last=Max("number"))["last"] or 0) + 1
    commitment = Commitment(plan=plan, number=number)
    policy_areas, sectors = _apply(commitment, dict(values))
    _validate(commitment, policy_areas, sectors, as_of=as_of)
    commitment.save()
    record_event(
        actor=actor,
        verb="commitment.added",
        obj=commitment,
        after=snapshot(commitment, ["number", "title", "starts_on", "ends_on"]),
    )
    return commitment


@transaction.atomic
def save_commitment(
    commitment: Commitment, values: dict[str, Any], *, actor, as_of: date
) -> Commitment:
    commitment = (
        Commitment.objects.select_for_update(of=("self",))
        .select_related("plan")
        .get(pk=commitment.pk)
    )
    _require_draft(commitment.plan)
    before = snapshot(commitment, COMMITMENT_FIELDS)
    policy_areas, sectors = _apply(commitment, dict(values))
    _validate(commitment, policy_areas, sectors, as_of=as_of)
    milestones_outside = [
        milestone
        for milestone in commitment.milestones.all()
        if milestone.starts_on < commitment.starts_on or milestone.ends_on > commitment.ends_on
    ]
    if milestones_outside:
        raise_if(
            [
                RuleViolation(
                    "commitment.milestones_outside",
                    _("Milestones %(numbers)s would lie outside the commitment; change them first.")
                    % {"numbers": ", ".join(str(m.number) for m in milestones_outside)},
                    "LH Annex 2, 17",
                    "ends_on",
                )
            ]
        )
    commitment.save()
    record_event(
        actor=actor,
        verb="commitment.saved",
        obj=commitment,
        before=before,
        after=snapshot(commitment, COMMITMENT_FIELDS),
    )
    return commitment


@transaction.atomic
def remove_commitment(commitment: Commitment, *, actor) -> None:
    plan = ActionPlan.objects.select_for_update().get(pk=commitment.plan_id)
    _require_draft(plan)
    before = snapshot(commitment, ["number", "title"])
    commitment.milestones.all().delete()
    record_event(actor=actor, verb="commitment.removed", obj=plan, before=before)
    commitment.delete()


def _milestone_violations(milestone: Milestone) -> list[RuleViolation]:
    commitment = milestone.commitment
    if milestone.starts_on is None or milestone.ends_on is None:
        return []
    violations = []
    if milestone.ends_on < milestone.starts_on:
        violations.append(
            RuleViolation(
                "milestone.ends_before_start",
                _("The milestone must not end before it starts."),
                "LH Annex 2, 17",
                "ends_on",
            )
        )
    if milestone.starts_on < commitment.starts_on or milestone.ends_on > commitment.ends_on:
        violations.append(
            RuleViolation(
                "milestone.outside_commitment",
                _("A milestone lies within its commitment: from %(start)s to %(end)s.")
                % {"start": _day(commitment.starts_on), "end": _day(commitment.ends_on)},
                "LH Annex 2, 17",
                "starts_on" if milestone.starts_on < commitment.starts_on else "ends_on",
            )
        )
    return violations


@transaction.atomic
def add_milestone(commitment: Commitment, values: dict[str, Any], *, actor) -> Milestone:
    commitment = Commitment.objects.select_related("plan").get(pk=commitment.pk)
    ActionPlan.objects.select_for_update().get(pk=commitment.plan_id)
    _require_draft(commitment.plan)
    number = (commitment.milestones.aggregate(last=Max("number"))["last"] or 0) + 1
    milestone = Milestone(commitment=commitment, number=number)
    for name in MILESTONE_FIELDS:
        if name in values:
            setattr(milestone, name, values[name])
    raise_all(_milestone_violations(milestone), field_errors(milestone, MILESTONE_FIELDS))
    milestone.save()
    record_event(
        actor=actor,
        verb="milestone.added",
        obj=milestone,
        after=snapshot(milestone, ["number", *MILESTONE_FIELDS]),
    )
    return milestone


@transaction.atomic
def save_milestone(milestone: Milestone, values: dict[str, Any], *, actor) -> Milestone:
    milestone = Milestone.objects.select_related("commitment__plan").get(pk=milestone.pk)
    ActionPlan.objects.select_for_update().get(pk=milestone.commitment.plan_id)
    _require_draft(milestone.commitment.plan)
    before = snapshot(milestone, MILESTONE_FIELDS)
    for name in MILESTONE_FIELDS:
        if name in values:
            setattr(milestone, name, values[name])
    raise_all(_milestone_violations(milestone), field_errors(milestone, MILESTONE_FIELDS))
    milestone.save()
    record_event(
        actor=actor,
        verb="milestone.saved",
        obj=milestone,
        before=before,
        after=snapshot(milestone, MILESTONE_FIELDS),
    )
    return milestone


@transaction.atomic
def remove_milestone(milestone: Milestone, *, actor) -> None:
    plan = ActionPlan.objects.select_for_update().get(pk=milestone.commitment.plan_id)
    _require_draft(plan)
    before = snapshot(milestone, ["number", "output"])
    record_event(actor=actor, verb="milestone.removed", obj=milestone.commitment, before=before)
    milestone.delete()


# Issue 21 (H3): the tracker's update marking a commitment complete records its completion date,
# which starts its end-of-commitment assessment deadline (RULES.md §3, LH §3.5.2).
@transaction.atomic
def record_completion(commitment: Commitment, *, completed_on: date, actor) -> Commitment:
    """Record that `commitment` was completed on `completed_on` (once: a completion stands)."""
    commitment = Commitment.objects.select_for_update(of=("self",)).get(pk=commitment.pk)
    if commitment.completed_on is not None:
        return commitment
    raise_if(
        [
            RuleViolation(
                "commitment.completed_before_start",
                _("A commitment cannot be completed before it starts (%(start)s).")
                % {"start": _day(commitment.starts_on)},
                "LH §3.5.4",
            )
            if completed_on < commitment.starts_on
            else None
        ]
    )
    commitment.completed_on = completed_on
    commitment.save(update_fields=["completed_on", "updated_at"])
    record_event(
        actor=actor,
        verb="commitment.completed",
        obj=commitment,
        after={"completed_on": completed_on.isoformat()},
    )
    return commitment
