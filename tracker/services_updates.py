"""Filing quarterly tracker updates (LH §3.5.4) and correcting them (STYLE.md rule 5).

`file_update` files the update of an open commitment for the quarter of `as_of` (an update
belongs to the quarter of its filing day, RULES.md §2, Decisions); `correct_update` files a new
version of an update with the reason for the correction. Each derives whether the version records
progress (`tracker.progress`), raises one `ValidationError` naming every broken rule and its
Handbook section, and saves nothing when one fails. Marking a commitment complete records its
completion date through `commitments.services.record_completion` (which starts its
end-of-commitment assessment deadline, LH §3.5.2).

Rules (code — Handbook):
- `tracker.commitment_not_open`: the commitment belongs to a submitted plan that has not ended
  before this quarter, was submitted, and was neither removed nor completed before this quarter —
  LH §3.5.4;
- `tracker.already_filed`: one update per commitment and quarter; file a correction — LH §3.5.4;
- `tracker.level_required`, `tracker.narrative_required`, `tracker.next_steps_required`,
  `tracker.milestone_state_required`, `tracker.delay_reason_required`: what an update holds —
  LH §3.5.4;
- `tracker.complete_with_open_milestones`: a complete commitment has every milestone complete —
  LH §3.5.4;
- `tracker.completion_final`: a correction cannot take back a completion already recorded (its
  assessment deadline has started) — LH §3.5.2;
- `tracker.correction_reason`: a correction says why — STYLE.md rule 5 (nothing filed is edited);
- `tracker.evidence_title_required`, `tracker.evidence_file_or_link`, and the upload module's
  `document.*` and `link.*` codes: each piece of evidence says what it shows and is one file of an
  allowed kind or one http(s) link — LH §3.5.4.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.utils.translation import gettext as _

from actionplans.models import PlanState
from commitments.models import Commitment, Milestone
from commitments.services import record_completion
from ogplocal.audit.services import record_event
from ogplocal.documents.links import validate_link
from ogplocal.documents.validators import prepare_upload
from ogplocal.validation import RuleViolation, raise_if
from tracker import engine, progress
from tracker.models import (
    CompletionLevel,
    Evidence,
    MilestoneReport,
    MilestoneState,
    TrackerUpdate,
    TrackerUpdateVersion,
)

HANDBOOK = "LH §3.5.4"


@dataclass(frozen=True)
class MilestoneEntry:
    """What a filer says of one milestone: its state, and the reason when it is delayed."""

    state: str
    delay_reason: str = ""


@dataclass(frozen=True)
class EvidenceItem:
    """One piece of evidence: what it shows, and a file (an upload) or a link."""

    title: str
    file: Any = None
    link: str = ""


def _evidence_violations(evidence: Sequence[EvidenceItem]) -> list[RuleViolation]:
    """Check each piece; a file not yet checked by the form's `DocumentField` is checked here."""
    violations = []
    for index, item in enumerate(evidence, start=1):
        if not (item.title or "").strip():
            violations.append(
                RuleViolation(
                    "tracker.evidence_title_required",
                    _("Evidence %(number)d: say what it shows.") % {"number": index},
                    HANDBOOK,
                    field="evidence",
                )
            )
        if bool(item.file) == bool((item.link or "").strip()):
            violations.append(
                RuleViolation(
                    "tracker.evidence_file_or_link",
                    _("Evidence %(number)d: give either a file or a link.") % {"number": index},
                    HANDBOOK,
                    field="evidence",
                )
            )
            continue
        try:
            if item.file and getattr(item.file, "document_kind", None) is None:
                prepare_upload(item.file)
            if item.link:
                validate_link(item.link.strip())
        except ValidationError as error:
            violations.append(
                RuleViolation(
                    error.code or "document.invalid",
                    _("Evidence %(number)d: %(problem)s")
                    % {"number": index, "problem": " ".join(error.messages)},
                    HANDBOOK,
                    field="evidence",
                )
            )
    return violations


def _save_evidence(version: TrackerUpdateVersion, evidence: Sequence[EvidenceItem]) -> None:
    for item in evidence:
        piece = Evidence(version=version, title=item.title.strip(), link=(item.link or "").strip())
        if item.file:
            piece.original_name = getattr(item.file, "original_name", "")[:255]
            piece.file.save(item.file.name, item.file, save=False)
        piece.save()


def quarter_starts_on(day: date) -> date:
    return engine.quarter_start(engine.quarter_of(day))


def commitment_open_violation(commitment: Commitment, *, as_of: date) -> RuleViolation | None:
    """Why no update can be filed for `commitment` in the quarter of `as_of`, or None."""
    first_day = quarter_starts_on(as_of)
    problem = None
    if commitment.plan.state != PlanState.SUBMITTED or commitment.submitted_on is None:
        problem = _("Updates are filed for commitments of a submitted action plan.")
    elif commitment.submitted_on > as_of:
        problem = _("This commitment was not yet submitted on that day.")
    elif commitment.removed_on is not None and commitment.removed_on <= as_of:
        problem = _("This commitment was removed by a change; it takes no more updates.")
    elif commitment.plan.ends_on < first_day:
        problem = _(
            "The action plan of this commitment ended on %(day)s; updates are filed while it is "
            "implemented."
        ) % {"day": commitment.plan.ends_on.isoformat()}
    elif commitment.completed_on is not None and commitment.completed_on < first_day:
        problem = _(
            "This commitment was completed on %(day)s; it takes no more quarterly updates."
        ) % {"day": commitment.completed_on.isoformat()}
    if problem is None:
        return None
    return RuleViolation("tracker.commitment_not_open", problem, HANDBOOK)


def previous_recorded(commitment: Commitment, before: date) -> progress.Recorded:
    """The level and complete milestones of the commitment's latest update of a quarter that
    began before `before` (its latest version), or nothing recorded."""
    update = (
        TrackerUpdate.objects.filter(commitment=commitment, quarter_starts_on__lt=before)
        .order_by("-quarter_starts_on")
        .prefetch_related(
            Prefetch(
                "versions",
                queryset=TrackerUpdateVersion.objects.order_by("-number").prefetch_related(
                    "milestones"
                ),
            )
        )
        .first()
    )
    if update is None:
        return progress.NOTHING_RECORDED
    latest = update.versions.all()[0]
    return progress.recorded(
        latest.completion_level, [(m.number, m.state) for m in latest.milestones.all()]
    )


def _content_violations(
    milestones: list[Milestone],
    *,
    completion_level: str,
    narrative: str,
    next_steps: str,
    milestone_states: Mapping[int, MilestoneEntry],
) -> list[RuleViolation]:
    violations: list[RuleViolation | None] = []
    if completion_level not in CompletionLevel.values:
        violations.append(
            RuleViolation(
                "tracker.level_required",
                _("Choose the commitment's completion level."),
                HANDBOOK,
                field="completion_level",
            )
        )
    if not (narrative or "").strip():
        violations.append(
            RuleViolation(
                "tracker.narrative_required",
                _("Describe what was done this quarter."),
                HANDBOOK,
                field="narrative",
            )
        )
    if not (next_steps or "").strip():
        violations.append(
            RuleViolation(
                "tracker.next_steps_required",
                _("Describe the next steps."),
                HANDBOOK,
                field="next_steps",
            )
        )
    for milestone in milestones:
        entry = milestone_states.get(milestone.number)
        field = f"milestone_{milestone.number}"
        if entry is None or entry.state not in MilestoneState.values:
            violations.append(
                RuleViolation(
                    "tracker.milestone_state_required",
                    _("Give the state of milestone %(number)d.") % {"number": milestone.number},
                    HANDBOOK,
                    field=field,
                )
            )
        elif entry.state == MilestoneState.DELAYED and not entry.delay_reason.strip():
            violations.append(
                RuleViolation(
                    "tracker.delay_reason_required",
                    _("Give the reason why milestone %(number)d is delayed.")
                    % {"number": milestone.number},
                    HANDBOOK,
                    field=f"{field}_delay_reason",
                )
            )
    if completion_level == CompletionLevel.COMPLETE:
        unfinished = [
            m.number
            for m in milestones
            if (entry := milestone_states.get(m.number)) is not None
            and entry.state != MilestoneState.COMPLETE
        ]
        if unfinished:
            violations.append(
                RuleViolation(
                    "tracker.complete_with_open_milestones",
                    _(
                        "A commitment is complete when all its milestones are: milestones "
                        "%(numbers)s are not complete."
                    )
                    % {"numbers": ", ".join(str(n) for n in unfinished)},
                    HANDBOOK,
                    field="completion_level",
                )
            )
    return [v for v in violations if v is not None]


def _write_version(
    update: TrackerUpdate,
    milestones: list[Milestone],
    *,
    number: int,
    actor,
    as_of: date,
    completion_level: str,
    narrative: str,
    next_steps: str,
    milestone_states: Mapping[int, MilestoneEntry],
    evidence: Sequence[EvidenceItem] = (),
    correction_reason: str = "",
) -> TrackerUpdateVersion:
    previous = previous_recorded(update.commitment, update.quarter_starts_on)
    states = {m.number: milestone_states[m.number].state for m in milestones}
    version = TrackerUpdateVersion.objects.create(
        update=update,
        number=number,
        filed_on=as_of,
        filed_by=actor,
        completion_level=completion_level,
        narrative=narrative.strip(),
        next_steps=next_steps.strip(),
        correction_reason=correction_reason.strip(),
        previous_level=previous.level,
        progress=progress.records_progress(previous, completion_level, states),
    )
    MilestoneReport.objects.bulk_create(
        MilestoneReport(
            version=version,
            number=m.number,
            output=m.output,
            state=milestone_states[m.number].state,
            delay_reason=(
                milestone_states[m.number].delay_reason.strip()
                if milestone_states[m.number].state == MilestoneState.DELAYED
                else ""
            ),
        )
        for m in milestones
    )
    _save_evidence(version, evidence)
    if completion_level == CompletionLevel.COMPLETE:
        record_completion(update.commitment, completed_on=as_of, actor=actor)
    return version


def _locked_commitment(commitment: Commitment) -> Commitment:
    locked = Commitment.objects.select_for_update(of=("self",)).get(pk=commitment.pk)
    # The plan and milestones as they are now, read after the lock.
    return (
        Commitment.objects.select_related("plan")
        .prefetch_related(Prefetch("milestones", queryset=Milestone.objects.order_by("number")))
        .get(pk=locked.pk)
    )


@transaction.atomic
def file_update(
    commitment: Commitment,
    *,
    actor,
    as_of: date,
    completion_level: str,
    narrative: str,
    next_steps: str,
    milestone_states: Mapping[int, MilestoneEntry],
    evidence: Sequence[EvidenceItem] = (),
) -> TrackerUpdate:
    """File the update of `commitment` for the quarter of `as_of` (version 1)."""
    commitment = _locked_commitment(commitment)
    milestones = list(commitment.milestones.all())
    first_day = quarter_starts_on(as_of)
    existing = TrackerUpdate.objects.filter(
        commitment=commitment, quarter_starts_on=first_day
    ).first()
    violations = [commitment_open_violation(commitment, as_of=as_of)]
    if existing is not None:
        violations.append(
            RuleViolation(
                "tracker.already_filed",
                _(
                    "The update of this commitment for %(quarter)s was filed on %(day)s; "
                    "file a correction of it instead."
                )
                % {"quarter": existing.quarter_label, "day": existing.submitted_on.isoformat()},
                HANDBOOK,
            )
        )
    violations += _content_violations(
        milestones,
        completion_level=completion_level,
        narrative=narrative,
        next_steps=next_steps,
        milestone_states=milestone_states,
    )
    violations += _evidence_violations(evidence)
    raise_if(violations)
    update = TrackerUpdate.objects.create(
        commitment=commitment,
        quarter_starts_on=first_day,
        submitted_on=as_of,
        submitted_by=actor,
    )
    version = _write_version(
        update,
        milestones,
        number=1,
        actor=actor,
        as_of=as_of,
        completion_level=completion_level,
        narrative=narrative,
        next_steps=next_steps,
        milestone_states=milestone_states,
        evidence=evidence,
    )
    record_event(
        actor=actor,
        verb="tracker.update_filed",
        obj=update,
        after={
            "quarter": update.quarter_label,
            "completion_level": version.completion_level,
            "progress": version.progress,
        },
    )
    return update


@transaction.atomic
def correct_update(
    update: TrackerUpdate,
    *,
    actor,
    as_of: date,
    reason: str,
    completion_level: str,
    narrative: str,
    next_steps: str,
    milestone_states: Mapping[int, MilestoneEntry],
    evidence: Sequence[EvidenceItem] = (),
) -> TrackerUpdateVersion:
    """File a new version of `update` with the reason for the correction; earlier versions stay."""
    commitment = _locked_commitment(update.commitment)
    update = TrackerUpdate.objects.select_related("commitment__plan").get(pk=update.pk)
    milestones = list(commitment.milestones.all())
    latest = update.versions.order_by("-number").first()
    assert latest is not None  # an update is created with its first version
    violations: list[RuleViolation | None] = []
    if not (reason or "").strip():
        violations.append(
            RuleViolation(
                "tracker.correction_reason",
                _("Say why the update is corrected; the earlier version stays on record."),
                HANDBOOK,
                field="reason",
            )
        )
    if (
        latest.completion_level == CompletionLevel.COMPLETE
        and completion_level != CompletionLevel.COMPLETE
    ):
        violations.append(
            RuleViolation(
                "tracker.completion_final",
                _(
                    "This update recorded the commitment as complete, which started its "
                    "end-of-commitment assessment deadline; a correction cannot take that back. "
                    "Write to the Support Unit."
                ),
                "LH §3.5.2",
                field="completion_level",
            )
        )
    violations += _content_violations(
        milestones,
        completion_level=completion_level,
        narrative=narrative,
        next_steps=next_steps,
        milestone_states=milestone_states,
    )
    violations += _evidence_violations(evidence)
    raise_if(violations)
    update.commitment = commitment
    version = _write_version(
        update,
        milestones,
        number=latest.number + 1,
        actor=actor,
        as_of=as_of,
        completion_level=completion_level,
        narrative=narrative,
        next_steps=next_steps,
        milestone_states=milestone_states,
        evidence=evidence,
        correction_reason=reason,
    )
    record_event(
        actor=actor,
        verb="tracker.update_corrected",
        obj=update,
        before={"version": latest.number, "completion_level": latest.completion_level},
        after={
            "version": version.number,
            "completion_level": version.completion_level,
            "progress": version.progress,
        },
        reason=version.correction_reason,
    )
    return version
