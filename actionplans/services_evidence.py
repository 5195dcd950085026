"""Filing evidence (LH Annexes 4 and 5; National Handbook §5): file, replace, withdraw. Each write
checks every rule at once (one ValidationError, each problem naming its Handbook section), saves
in a transaction and writes an AuditEvent. Nothing filed is edited in place (STYLE.md rule 5).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from actionplans.models import ActionPlan
from actionplans.models_evidence import EVIDENCE_MAX_SIZE, Evidence
from commitments.models import Commitment
from ogplocal.audit.services import record_event, snapshot
from ogplocal.documents.validators import DocumentValidator, prepare_upload
from ogplocal.validation import RuleViolation, field_errors, raise_all, raise_if

ANNEX_5 = "LH Annex 5"
ANNEX_4 = "LH Annex 4"
EVIDENCE_FIELDS = ("evidence_type", "title", "description", "dated_on", "file", "url")
AUDITED_FIELDS = ("evidence_type", "title", "description", "dated_on", "original_name", "url")
VALIDATOR = DocumentValidator(max_size=EVIDENCE_MAX_SIZE, name=_("The evidence file"))


def _checks(evidence: Evidence, *, file, as_of: date) -> list[RuleViolation | None]:
    """The rules of one new record; `evidence.file` is set here once the upload is accepted."""
    violations: list[RuleViolation | None] = []
    if evidence.dated_on is not None and evidence.dated_on > as_of:
        violations.append(
            RuleViolation(
                "evidence.date_in_future",
                _("The date of the evidence cannot be in the future."),
                ANNEX_5,
                field="dated_on",
            )
        )
    if evidence.commitment is not None and evidence.commitment.plan_id != evidence.plan_id:
        violations.append(
            RuleViolation(
                "evidence.commitment_of_another_plan",
                _("The commitment is not one of this plan's."),
                ANNEX_4,
                field="commitment",
            )
        )
    if file is not None:
        try:
            if not hasattr(file, "document_kind"):
                prepare_upload(file, VALIDATOR)
        except ValidationError as error:
            violations.append(
                RuleViolation(
                    error.code or "document.refused",
                    " ".join(error.messages),
                    ANNEX_5,
                    field="file",
                )
            )
        else:
            evidence.file = file
            evidence.original_name = file.original_name
    has_file, has_link = bool(evidence.file), bool(evidence.url)
    if has_file == has_link:
        violations.append(
            RuleViolation(
                "evidence.file_or_link",
                _(
                    "Give either a file or a link (not both): evidence is a primary source or a "
                    "direct link to one (LH Annex 5)."
                )
                if not has_file
                else _("Give either a file or a link, not both: file them as two items."),
                ANNEX_5,
                field="file" if not has_file else "url",
            )
        )
    return violations


def _file_errors(evidence: Evidence, violations) -> dict:
    names = [n for n in EVIDENCE_FIELDS if n != "file"]  # the upload was checked in `_checks`
    errors = field_errors(evidence, names)
    for violation in violations:
        if violation is not None and violation.field in errors:
            errors.pop(violation.field)
    return errors


@transaction.atomic
def file_evidence(
    plan: ActionPlan,
    *,
    actor,
    as_of: date,
    commitment: Commitment | None = None,
    file=None,
    **values: Any,
) -> Evidence:
    """File one item of evidence about `plan` (or one of its commitments): a file or a link."""
    evidence = Evidence(plan=plan, commitment=commitment, filed_by=actor, **values)
    evidence.url = (evidence.url or "").strip()
    violations = _checks(evidence, file=file, as_of=as_of)
    raise_all(violations, _file_errors(evidence, violations))
    evidence.save()
    record_event(
        actor=actor,
        verb="actionplan.evidence_filed",
        obj=plan,
        after={
            **snapshot(evidence, list(AUDITED_FIELDS)),
            "commitment": commitment.number if commitment else None,
        },
    )
    return evidence


def _not_current(evidence: Evidence) -> RuleViolation | None:
    if evidence.is_withdrawn:
        return RuleViolation(
            "evidence.withdrawn",
            _("This evidence was withdrawn; file a new item instead."),
            ANNEX_4,
        )
    if evidence.is_superseded:
        return RuleViolation(
            "evidence.superseded",
            _("This is an earlier version; replace the current one."),
            ANNEX_4,
        )
    return None


def _reason_missing(reason: str, what: str) -> RuleViolation | None:
    if (reason or "").strip():
        return None
    message = (
        _("Give the reason for the new version: the earlier one stays in the history.")
        if what == "replace"
        else _("Give the reason for withdrawing the evidence: its record is kept.")
    )
    return RuleViolation(f"evidence.{what}_reason", message, ANNEX_4, field="reason")


@transaction.atomic
def replace_evidence(
    evidence: Evidence,
    *,
    actor,
    as_of: date,
    reason: str,
    commitment: Commitment | None = None,
    file=None,
    **values: Any,
) -> Evidence:
    """File a new version of `evidence`; the earlier one is kept, marked replaced. Without a new
    file or link, the new version keeps the earlier one's (a stored file is never changed)."""
    previous = Evidence.objects.select_for_update().select_related("plan").get(pk=evidence.pk)
    raise_if([_not_current(previous)])
    new = Evidence(
        plan=previous.plan,
        commitment=commitment,
        filed_by=actor,
        replaces=previous,
        version=previous.version + 1,
        reason=(reason or "").strip(),
        **values,
    )
    new.url = (new.url or "").strip()
    if file is None and not new.url:
        new.file, new.original_name, new.url = (
            previous.file.name,
            previous.original_name,
            previous.url,
        )
    violations = [_reason_missing(reason, "replace"), *_checks(new, file=file, as_of=as_of)]
    raise_all(violations, _file_errors(new, violations))
    new.save()
    previous.superseded_at = timezone.now()
    previous.save(update_fields=["superseded_at"])
    record_event(
        actor=actor,
        verb="actionplan.evidence_replaced",
        obj=previous.plan,
        before=snapshot(previous, list(AUDITED_FIELDS)),
        after={**snapshot(new, list(AUDITED_FIELDS)), "version": new.version},
        reason=new.reason,
    )
    return new


@transaction.atomic
def withdraw_evidence(evidence: Evidence, *, actor, reason: str) -> Evidence:
    """Withdraw an item filed by mistake: kept, with its reason, no longer listed as current."""
    evidence = Evidence.objects.select_for_update().select_related("plan").get(pk=evidence.pk)
    raise_if([_not_current(evidence), _reason_missing(reason, "withdrawal")])
    evidence.withdrawn_at = timezone.now()
    evidence.withdrawn_reason = reason.strip()
    evidence.save(update_fields=["withdrawn_at", "withdrawn_reason"])
    record_event(
        actor=actor,
        verb="actionplan.evidence_withdrawn",
        obj=evidence.plan,
        before={"evidence": evidence.title, "version": evidence.version},
        reason=evidence.withdrawn_reason,
    )
    return evidence
