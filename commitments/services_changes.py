"""Changes to a submitted commitment (LH §3.2.1.3; RULES.md §4 "Changes to a commitment").

A point of contact of the plan's member (or the Support Unit) proposes a change: remove the
commitment, change its timeline, change its milestones, or another change, with the record of the
non-governmental stakeholders consulted and the decision process. Rules:
- only for a commitment submitted with its plan (`commitment.not_submitted`) and not removed
  (`commitment.already_removed`);
- only within 6 months of the commitment's submission, the last day included
  (`commitment.change_window_closed`);
- the consulted stakeholders and the decision process are recorded (`change.consulted_missing`,
  `change.decision_process_missing`);
- the changed commitment is checked with the same rules as filing (`commitments.services`).

The change is recorded (audit trail) and communicated to the Support Unit: staff see every change
notice on their list; nothing is approved. A removal keeps the commitment, marked removed. Every
version is kept: version 1 (as submitted) is written when the first change is proposed, from
the commitment as it stands, since a submitted commitment is never edited in place.
"""

from datetime import date
from typing import Any

from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from actionplans.models import PlanState
from commitments import services
from commitments.models import (
    ChangeKind,
    ChangeNotice,
    Commitment,
    CommitmentVersion,
    Milestone,
)
from ogplocal.audit.services import record_event
from ogplocal.validation import RuleViolation, field_errors, raise_all

CHANGE_WINDOW = relativedelta(months=6)
SNAPSHOT_FIELDS = ("number", *services.COMMITMENT_FIELDS, "removed_on")


def change_window_ends(commitment: Commitment) -> date | None:
    """The last day a change may be proposed: six months after submission (LH §3.2.1.3)."""
    if commitment.submitted_on is None:
        return None
    return commitment.submitted_on + CHANGE_WINDOW


def commitment_snapshot(commitment: Commitment, milestones) -> dict[str, Any]:
    from ogplocal.audit.services import snapshot

    data = snapshot(commitment, [name for name in SNAPSHOT_FIELDS if name != "jurisdiction"])
    data["jurisdiction"] = commitment.jurisdiction_id
    data["milestones"] = [
        snapshot(milestone, ["number", *services.MILESTONE_FIELDS]) for milestone in milestones
    ]
    return data


def _window_violations(commitment: Commitment, *, as_of: date) -> list[RuleViolation]:
    if commitment.submitted_on is None or commitment.plan.state == PlanState.DRAFT:
        return [
            RuleViolation(
                "commitment.not_submitted",
                _("Only a submitted commitment is changed by a change notice; edit a draft."),
                "LH §3.2.1.3",
            )
        ]
    if commitment.removed_on is not None:
        return [
            RuleViolation(
                "commitment.already_removed",
                _("This commitment was removed; it cannot be changed."),
                "LH §3.2.1.3",
            )
        ]
    last_day = change_window_ends(commitment)
    if as_of > last_day:
        return [
            RuleViolation(
                "commitment.change_window_closed",
                _(
                    "A commitment may be changed only within 6 months of its submission: "
                    "the last day for this one was %(day)s."
                )
                % {"day": services._day(last_day)},
                "LH §3.2.1.3",
            )
        ]
    return []


def _record_violations(consulted: str, decision_process: str) -> list[RuleViolation]:
    violations = []
    if not (consulted or "").strip():
        violations.append(
            RuleViolation(
                "change.consulted_missing",
                _("Record the non-governmental stakeholders consulted on this change."),
                "LH §3.2.1.3",
                "consulted",
            )
        )
    if not (decision_process or "").strip():
        violations.append(
            RuleViolation(
                "change.decision_process_missing",
                _("Describe the decision process of this change."),
                "LH §3.2.1.3",
                "decision_process",
            )
        )
    return violations


def _new_milestones(commitment: Commitment, rows: list[dict[str, Any]]) -> list[Milestone]:
    milestones = []
    for index, row in enumerate(rows, start=1):
        milestone = Milestone(commitment=commitment, number=index)
        for name in services.MILESTONE_FIELDS:
            setattr(
                milestone,
                name,
                row.get(name, "") if name != "contact_name" else row.get(name) or "",
            )
        milestones.append(milestone)
    return milestones


def _milestone_errors(milestones: list[Milestone]) -> list[RuleViolation]:
    violations = []
    for milestone in milestones:
        for violation in services._milestone_violations(milestone):
            violations.append(
                RuleViolation(
                    violation.code,
                    _("Milestone %(number)d: %(problem)s")
                    % {"number": milestone.number, "problem": violation.message},
                    violation.handbook,
                    "milestones",
                )
            )
        errors = field_errors(milestone, services.MILESTONE_FIELDS)
        for name, entries in errors.items():
            for entry in entries:
                violations.append(
                    RuleViolation(
                        "milestone.invalid",
                        _("Milestone %(number)d, %(field)s: %(problem)s")
                        % {
                            "number": milestone.number,
                            "field": Milestone._meta.get_field(name).verbose_name,
                            "problem": " ".join(entry.messages),
                        },
                        "LH Annex 2, 17",
                        "milestones",
                    )
                )
    return violations


@transaction.atomic
def propose_change(
    commitment: Commitment,
    kind: str,
    data: dict[str, Any],
    consulted: str,
    decision_process: str,
    *,
    actor,
    as_of: date,
    description: str = "",
) -> ChangeNotice:
    """Record a change to a submitted commitment and its resulting version.

    `data` holds the new values of any Annex 2 fields (as the commitment form gives them, with
    `policy_areas` and `sectors` as lists) and, to change the milestones, `milestones`: the full
    new list of milestones as dicts. A removal ignores `data`. One ValidationError lists every
    broken rule; nothing is saved then."""
    commitment = (
        Commitment.objects.select_for_update(of=("self",))
        .select_related("plan__coalition", "plan__member__jurisdiction")
        .get(pk=commitment.pk)
    )
    violations = _window_violations(commitment, as_of=as_of)
    violations += _record_violations(consulted, decision_process)
    if kind not in ChangeKind.values:
        violations.append(
            RuleViolation(
                "change.kind_invalid", _("Choose what kind of change this is."), "", "kind"
            )
        )
    if violations and any(v.code.startswith("commitment.") for v in violations):
        raise_all(violations)
    old_milestones = list(commitment.milestones.order_by("number"))
    if not commitment.versions.exists():
        CommitmentVersion.objects.create(
            commitment=commitment,
            number=1,
            snapshot=commitment_snapshot(commitment, old_milestones),
            reason=_("As submitted with the plan."),
        )
    errors: dict = {}
    milestones = old_milestones
    if kind == ChangeKind.REMOVE:
        commitment.removed_on = as_of
    else:
        values = {key: value for key, value in data.items() if key != "milestones"}
        if "policy_areas" not in values:
            values["policy_areas"] = commitment.policy_areas
        if "sectors" not in values:
            values["sectors"] = commitment.sectors
        policy_areas, sectors = services._apply(commitment, values)
        errors = field_errors(
            commitment, [name for name in services.COMMITMENT_FIELDS if name != "ogp_values"]
        )
        violations += services.commitment_violations(
            commitment, policy_areas=policy_areas, sectors=sectors, as_of=as_of
        )
        if data.get("milestones") is not None:
            milestones = _new_milestones(commitment, data["milestones"])
        else:
            for milestone in milestones:
                milestone.commitment = commitment
        violations += _milestone_errors(milestones)
    raise_all(violations, errors)

    commitment.save()
    if kind != ChangeKind.REMOVE and data.get("milestones") is not None:
        commitment.milestones.all().delete()
        Milestone.objects.bulk_create(milestones)
    last = commitment.versions.aggregate(last=Max("number"))["last"]
    version = CommitmentVersion.objects.create(
        commitment=commitment,
        number=last + 1,
        snapshot=commitment_snapshot(commitment, milestones),
        reason=description or ChangeKind(kind).label,
    )
    notice = ChangeNotice.objects.create(
        commitment=commitment,
        kind=kind,
        description=description or ChangeKind(kind).label,
        consulted=consulted,
        decision_process=decision_process,
        proposed_by=actor,
        proposed_on=as_of,
        version=version,
    )
    record_event(
        actor=actor,
        verb="commitment.change_recorded",
        obj=commitment,
        before=CommitmentVersion.objects.get(commitment=commitment, number=last).snapshot,
        after=version.snapshot,
        reason=notice.description,
    )
    return notice
