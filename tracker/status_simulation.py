"""The daily job on a scenario (RULES.md §6, `manage.py simulate_job`).

`load_scenario` writes one scenario (RULES.md §5, with the two keys only the job reads) into the
database as the portal records it: a country, jurisdiction and member, the submitted plans and
commitments, the meetings, tracker updates (each a filed update with its version saying whether it
records progress), voluntary-inactivity periods granted on their `granted_on`, the requirement
findings. `simulate` then runs the real job, `tracker.job.evaluate_member_statuses`, for every day
from D1 to D2 on that member, and returns `{"changes": [...]}`.

It writes rows: call it on a throw-away database (the command makes one; tests use theirs).
Rows are written through the models rather than the filing services, because a scenario states
facts (a plan filed on a date, an update that records progress) that the services derive or
date themselves; what the job reads is exactly those rows, through tracker.facts.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.apps import apps
from django.contrib.auth import get_user_model
from django.utils import timezone

from actionplans.models import ActionPlan, ActionPlanVersion, Meeting, PlanState
from commitments.models import Commitment
from members.models import (
    Country,
    Jurisdiction,
    JurisdictionKind,
    JurisdictionTerm,
    Member,
    OgpRegion,
)
from monitoring.models import MonitoringBody
from tracker import engine, scenario
from tracker.job import evaluate_member_statuses
from tracker.status_models import StatusChange

_counter = itertools.count(1)


@dataclass
class Loaded:
    member: Member
    facts: engine.Facts
    plan_ids: dict[str, int]
    commitment_ids: dict[str, int]


def _actor():
    user, _created = get_user_model().objects.get_or_create(
        email="scenario-simulator@example.invalid", defaults={"full_name": "Scenario simulator"}
    )
    return user


def load_scenario(document: Any) -> Loaded:
    """Write the scenario's member and facts; raises scenario.ScenarioError if malformed."""
    facts, _as_of = scenario.parse(document)
    extension_granted_on, voluntary_granted_on = scenario.learned_on(document)
    info = facts.member
    number = next(_counter)
    while Jurisdiction.objects.filter(slug=f"scenario-member-{number}").exists():
        number = next(_counter)
    country, _created = Country.objects.get_or_create(
        iso_code="ZZ", defaults={"name": "Scenario country", "ogp_region": OgpRegion.EUROPE}
    )
    jurisdiction = Jurisdiction.objects.create(
        name=f"Scenario member {number}",
        slug=f"scenario-member-{number}",
        country=country,
        region="Scenario region",
        kind=JurisdictionKind.CITY,
        population=100_000,
        has_elections=True,
    )
    if info.term_ends_on is not None:
        JurisdictionTerm.objects.create(
            jurisdiction=jurisdiction,
            ends_on=info.term_ends_on,
            recorded_on=info.joined_on,
            reason="Scenario.",
        )
    member = Member.objects.create(
        jurisdiction=jurisdiction,
        joined_on=info.joined_on,
        first_plan_due_on=info.first_plan_due_on,
        extension_until=info.extension_until,
        extension_granted_on=extension_granted_on,
        extension_reason="Co-creation began." if info.extension_until else "",
        status_since=info.joined_on,
    )
    actor = _actor()
    body, _created = MonitoringBody.objects.get_or_create(
        slug="scenario-monitoring-body",
        defaults={"name": "Scenario monitoring body", "country": country},
    )
    plan_ids: dict[str, int] = {}
    plans: dict[str, ActionPlan] = {}
    for plan_facts in facts.plans:
        plan = ActionPlan.objects.create(
            member=member,
            state=PlanState.SUBMITTED,
            version=1,
            submitted_on=plan_facts.submitted_on,
            starts_on=plan_facts.starts_on,
            ends_on=plan_facts.ends_on,
            declared_english=True,
            monitoring_body=body,
            long_term_vision="Scenario.",
            created_by=actor,
        )
        ActionPlanVersion.objects.create(
            plan=plan,
            number=1,
            snapshot={"title": str(plan)},
            submitted_at=timezone.now(),
            submitted_on=plan_facts.submitted_on,
            submitted_by=actor,
            reason="First version.",
        )
        plan_ids[plan_facts.id] = plan.pk
        plans[plan_facts.id] = plan
    commitment_ids: dict[str, int] = {}
    commitments: dict[str, Commitment] = {}
    for number, commitment_facts in enumerate(facts.commitments, start=1):
        commitment = Commitment.objects.create(
            plan=plans[commitment_facts.plan],
            number=number,
            title=f"Commitment {commitment_facts.id}",
            submitted_on=commitment_facts.submitted_on,
            starts_on=commitment_facts.starts_on,
            ends_on=commitment_facts.ends_on,
            completed_on=commitment_facts.completed_on,
            lead_agency="Scenario agency",
            lead_contact_name="Scenario contact",
            problem="Scenario.",
            status_quo="Scenario.",
            action="Scenario.",
            contribution="Scenario.",
            policy_area="open_data",
            sector="public_services",
            ogp_values=["transparency"],
        )
        commitment_ids[commitment_facts.id] = commitment.pk
        commitments[commitment_facts.id] = commitment
    first_plan = next(iter(plans.values()), None)
    if first_plan is None and facts.meetings:
        first_plan = ActionPlan.objects.create(
            member=member,
            state=PlanState.DRAFT,
            starts_on=info.joined_on,
            ends_on=info.joined_on + timedelta(days=730),
            long_term_vision="Scenario.",
            created_by=actor,
        )
    for meeting in facts.meetings:
        Meeting.objects.create(
            plan=first_plan,
            held_on=meeting.held_on,
            kind=meeting.kind,
            forum="Scenario forum",
            government_organizations="Scenario government",
            government_count=1,
            non_governmental_organizations="Scenario civil society",
            non_governmental_count=1,
            recorded_by=actor,
        )
    _load_updates(facts, commitments, actor)
    _load_voluntary(facts, voluntary_granted_on, member, actor)
    _load_findings(facts, member, actor)
    return Loaded(member, facts, plan_ids, commitment_ids)


def _load_updates(facts: engine.Facts, commitments: dict[str, Commitment], actor) -> None:
    if not facts.updates:
        return
    TrackerUpdate = apps.get_model("tracker", "TrackerUpdate")
    TrackerUpdateVersion = apps.get_model("tracker", "TrackerUpdateVersion")
    levels = ["not_started", "limited", "substantial"]
    for update_facts in sorted(facts.updates, key=lambda update: update.submitted_on):
        commitment = commitments[update_facts.commitment]
        quarter_starts_on = engine.quarter_start(engine.quarter_of(update_facts.submitted_on))
        update, created = TrackerUpdate.objects.get_or_create(
            commitment=commitment,
            quarter_starts_on=quarter_starts_on,
            defaults={"submitted_on": update_facts.submitted_on, "submitted_by": actor},
        )
        number = update.versions.count() + 1
        TrackerUpdateVersion.objects.create(
            update=update,
            number=number,
            filed_on=update_facts.submitted_on,
            filed_by=actor,
            completion_level=levels[min(number, len(levels) - 1)],
            previous_level=levels[min(number - 1, len(levels) - 1)],
            narrative="Scenario.",
            next_steps="Scenario.",
            correction_reason="" if created else "Scenario: a later update of the quarter.",
            progress=update_facts.progress,
        )


def _load_voluntary(
    facts: engine.Facts, granted_on: tuple[date | None, ...], member: Member, actor
) -> None:
    if not facts.voluntary_periods:
        return
    VoluntaryInactivity = apps.get_model("tracker", "VoluntaryInactivity")
    for period, granted in zip(facts.voluntary_periods, granted_on, strict=True):
        day = granted or member.joined_on
        VoluntaryInactivity.objects.create(
            member=member,
            starts_on=period.starts_on,
            ends_on=period.ends_on,
            reason="Scenario.",
            requested_on=min(day, period.starts_on, member.joined_on),
            requested_by=actor,
            state="granted",
            decided_on=day,
            decided_by=actor,
            decision_reason="Scenario.",
            granted_on=day,
        )


def _load_findings(facts: engine.Facts, member: Member, actor) -> None:
    if not facts.findings:
        return
    RequirementFinding = apps.get_model("monitoring", "RequirementFinding")
    for finding in facts.findings:
        RequirementFinding.objects.create(
            member=member,
            met=finding.met,
            reasons="Scenario.",
            evidence="Scenario.",
            recorded_on=finding.recorded_on,
            recorded_by=actor,
        )


def _days(start: date, end: date):
    day = start
    while day <= end:
        yield day
        day += timedelta(days=1)


def changes_of(member: Member) -> list[dict[str, Any]]:
    """Every recorded change of `member` in order, as RULES.md §6 prints them."""
    return [
        {
            "effective_on": change.effective_on.isoformat(),
            "status": change.status,
            "voluntary": change.voluntary,
            "rules": list(change.rules),
            "kind": change.kind,
            "letter": hasattr(change, "letter"),
        }
        for change in StatusChange.objects.filter(member=member)
        .select_related("letter")
        .order_by("effective_on")
    ]


def simulate(document: Any, start: date, end: date, *, full: bool = False) -> dict[str, Any]:
    """Load the scenario, run the real job every day from `start` to `end` (only on the
    scenario's member), and return {"changes": [...]}."""
    loaded = load_scenario(document)
    for day in _days(start, end):
        evaluate_member_statuses(day, full=full, member_ids=[loaded.member.pk])
    return {"changes": changes_of(loaded.member)}
