"""The daily job of RULES.md §6: `evaluate_member_statuses(as_of)`.

For each member it asks the engine for the timeline at `as_of` from the facts the portal had
learned by then, compares it with the member's latest recorded StatusChange, and records what
§6 says (baseline, change, correction), with at most one letter per member and run.

Safe to run twice, concurrently, or again after a crash:
- every write of one member happens in one transaction, under a lock on the member's
  MemberEvaluation row, after re-reading the latest change inside the lock;
- a StatusChange is unique per member and `effective_on` (a database constraint): a second
  writer of the same change fails on it and records nothing for that member;
- the letter is unique per change, and its e-mails are outbox rows unique per letter and
  recipient, written in the same transaction, so a crash leaves all of them or none.

Batched: members are read in chunks of BATCH_SIZE, each chunk's facts in a constant number of
queries (tracker.facts). Incremental by default: a member is evaluated when it was never
evaluated, when its `next_evaluation_on` has come (the engine's `next_change_on`, or the day a
recorded fact dated in the future becomes known), or when something was written about it since
its last evaluation (an AuditEvent of the member: every service that files a fact writes one).
`full=True` evaluates every member and gives the same result.

One member's bad data is logged, kept on its MemberEvaluation and reported to the Support Unit
(one e-mail per day through the outbox); it never stops the run for the others.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from itertools import islice
from typing import Any

from django.apps import apps
from django.db import connection, transaction
from django.db.models import Exists, Min, OuterRef, Q, Subquery
from django.db.models.expressions import RawSQL
from django.utils import timezone

from members.models import Member
from ogplocal.audit.models import AuditEvent
from tracker import engine
from tracker.facts import facts_for_members
from tracker.status import (
    State,
    changes_to_record,
    letter_due,
    reason_to_record,
    state_of_change,
)
from tracker.status_models import ChangeKind, MemberEvaluation, StatusChange

logger = logging.getLogger(__name__)

BATCH_SIZE = 500
ONE_DAY = timedelta(days=1)


@dataclass
class JobResult:
    as_of: date
    evaluated: int = 0
    changes: int = 0
    letters: int = 0
    errors: dict[int, str] = field(default_factory=dict)


def evaluate_member_statuses(
    as_of: date,
    *,
    full: bool = False,
    member_ids: list[int] | None = None,
    batch_size: int = BATCH_SIZE,
    crash_after: int | None = None,
    deliver_letters: bool = True,
) -> JobResult:
    """Run the daily job for `as_of` (RULES.md §6); see the module's docstring.

    `member_ids` restricts the run (the scenario simulator runs the job on its own member);
    `crash_after` is for tests: raise after that many members have been written, as a worker
    killed halfway would stop. `deliver_letters=False` (the demo) records the letters without
    typesetting or e-mailing them; they are typeset when first opened."""
    result = JobResult(as_of=as_of)
    ids = members_to_evaluate(as_of, full=full, member_ids=member_ids)
    granted_later = _granted_later(as_of, member_ids) if ids else {}
    written = 0
    iterator = iter(ids)
    while chunk := list(islice(iterator, batch_size)):
        written = _evaluate_chunk(
            chunk, as_of, result, written, crash_after, deliver_letters, granted_later
        )
    if result.errors:
        from tracker.letters import report_job_errors

        report_job_errors(as_of, result.errors)
    logger.log(
        logging.INFO if result.evaluated or result.errors else logging.DEBUG,
        "evaluate_member_statuses %s: %s evaluated, %s changes, %s letters, %s errors",
        as_of,
        result.evaluated,
        result.changes,
        result.letters,
        len(result.errors),
    )
    return result


def members_to_evaluate(
    as_of: date, *, full: bool = False, member_ids: list[int] | None = None
) -> list[int]:
    """The members the run on `as_of` looks at. Never a member not yet joined, nor one already
    evaluated for a later day (what was announced is not rewritten backwards)."""
    members = Member.objects.filter(joined_on__lte=as_of).filter(
        Q(evaluation__isnull=True) | Q(evaluation__evaluated_on__lte=as_of)
    )
    if member_ids is not None:
        members = members.filter(pk__in=member_ids)
    if not full:
        written_since = AuditEvent.objects.filter(
            member=OuterRef("pk"), at__gt=OuterRef("evaluation__evaluated_at")
        )
        members = members.filter(
            Q(evaluation__isnull=True)
            | Q(evaluation__evaluated_on__isnull=True)
            | Q(evaluation__next_evaluation_on__lte=as_of)
            | Exists(written_since)
        )
    return list(members.order_by("pk").values_list("pk", flat=True))


def _next_learned_on(facts: engine.Facts, member: Any, as_of: date) -> date | None:
    """The first day after `as_of` on which a fact already recorded becomes known (facts are
    normally recorded on their own day; a scenario or a back-office import may record them
    ahead)."""
    days = [plan.submitted_on for plan in facts.plans]
    for commitment in facts.commitments:
        days.append(commitment.submitted_on)
        if commitment.completed_on is not None:
            days.append(commitment.completed_on)
    days.extend(update.submitted_on for update in facts.updates)
    days.extend(meeting.held_on for meeting in facts.meetings)
    days.extend(finding.recorded_on for finding in facts.findings)
    days.extend(assessment.submitted_on for assessment in facts.assessments)
    if member.extension_granted_on is not None:
        days.append(member.extension_granted_on)
    later = [day for day in days if day > as_of]
    return min(later) if later else None


def _granted_later(as_of: date, member_ids: list[int] | None) -> dict[int, date]:
    """The first day after `as_of` on which a voluntary period or an extension (its history,
    members.ExtensionGrant: an earlier grant than the latest may still be ahead) of each member
    is granted. Read once for the whole run (H2): such grants dated ahead are rare, and a query
    per chunk with the chunk's 500 ids cost more than the rows it found."""
    from members.models import ExtensionGrant

    try:
        voluntary = apps.get_model("tracker", "VoluntaryInactivity")
    except LookupError:
        voluntary = None
    first: dict[int, date] = {}
    for model in (voluntary, ExtensionGrant):
        if model is None:
            continue
        rows = model.objects.filter(granted_on__gt=as_of)
        if member_ids is not None:
            rows = rows.filter(member_id__in=member_ids)
        for row in rows.values("member_id").annotate(first=Min("granted_on")):
            day = first.get(row["member_id"])
            first[row["member_id"]] = row["first"] if day is None else min(day, row["first"])
    return first


# What the batch compares (state_of_change); not the stored reasons, which are JSON to decode.
_LATEST_FIELDS = ("member_id", "effective_on", "status", "voluntary", "rules")


def _in_ids(ids: list[int]) -> list[int] | RawSQL:
    """The right-hand side of an `__in` lookup on the chunk's ids. On PostgreSQL one array
    parameter (`IN (SELECT unnest(%s))`) instead of 500 placeholders: Django and psycopg build
    and parse such a query's parameters in Python, a cost of its own per query (issue 21)."""
    if connection.vendor == "postgresql":
        return RawSQL("SELECT unnest(%s::bigint[])", (list(ids),))
    return ids


def _latest_changes(ids: list[int]) -> dict[int, Any]:
    """The latest StatusChange of each member, as rows of _LATEST_FIELDS (issue 21: rows, not
    instances; `_write_member` re-reads the latest change inside its lock anyway)."""
    if connection.vendor == "postgresql":
        # One index scan per member (member, effective_on is unique) instead of a correlated
        # subquery per row (H2: the bench's largest cost after the facts on PostgreSQL).
        return {
            change.member_id: change
            for change in StatusChange.objects.filter(member_id__in=_in_ids(ids))
            .order_by("member_id", "-effective_on")
            .distinct("member_id")
            .values_list(*_LATEST_FIELDS, named=True)
        }
    latest_day = (
        StatusChange.objects.filter(member=OuterRef("member"))
        .order_by("-effective_on")
        .values("effective_on")[:1]
    )
    return {
        change.member_id: change
        for change in StatusChange.objects.filter(
            member_id__in=ids, effective_on=Subquery(latest_day)
        ).values_list(*_LATEST_FIELDS, named=True)
    }


def _earliest(*days: date | None) -> date | None:
    known = [day for day in days if day is not None]
    return min(known) if known else None


def _evaluate_chunk(
    ids: list[int],
    as_of: date,
    result: JobResult,
    written: int,
    crash_after: int | None,
    deliver_letters: bool = True,
    granted_later: dict[int, date] | None = None,
) -> int:
    # What the run reads of each member, as rows (issue 21); `_write_member` reads the whole
    # member for the few that have a change to record.
    members = {
        member.pk: member
        for member in Member.objects.filter(pk__in=_in_ids(ids)).values_list(
            "pk",
            "extension_granted_on",
            "status",
            "status_voluntary",
            "status_since",
            named=True,
        )
    }
    try:
        all_facts = facts_for_members(ids, as_of=as_of)
    except Exception:
        # One member's records broke the batch: read them one by one to find whose.
        all_facts = {}
        for member_id in ids:
            try:
                all_facts.update(facts_for_members([member_id], as_of=as_of))
            except Exception as error:
                _record_error(result, member_id, as_of, error)
    latest = _latest_changes(ids)
    now = timezone.now()
    bookkeeping: list[tuple[int, date | None]] = []  # (member, next evaluation) to write
    evaluated: list[int] = []
    for member_id in ids:
        if member_id not in all_facts or member_id not in members:
            continue
        member = members[member_id]
        try:
            # The facts as the portal knew them on `as_of` (RULES.md §6): tracker.facts reads
            # the extension and the voluntary periods granted by then.
            facts = all_facts[member_id]
            evaluation = engine.evaluate(facts, as_of)
            to_record = changes_to_record(
                evaluation.timeline,
                latest=_latest_state(latest.get(member_id)),
                as_of=as_of,
            )
            next_on = _earliest(
                evaluation.next_change_on,
                _next_learned_on(all_facts[member_id], member, as_of),
                (granted_later or {}).get(member_id),
            )
            if to_record.blocked:
                # A correction is due but a change is already recorded for today (a fact was
                # filed after today's run): tomorrow's run records it.
                next_on = _earliest(next_on, as_of + ONE_DAY)
            if to_record.changes:
                if crash_after is not None and written >= crash_after:
                    raise _SimulatedCrash(f"crashed after {written} members")
                recorded, letters = _write_member(
                    member, facts, evaluation, as_of, next_on, deliver_letters
                )
                result.changes += recorded
                result.letters += letters
                written += 1
            else:
                bookkeeping.append((member_id, next_on))
            _materialize(member, evaluation)
            evaluated.append(member_id)
            result.evaluated += 1
        except _SimulatedCrash:
            raise
        except Exception as error:
            _record_error(result, member_id, as_of, error)
    if evaluated:
        Member.objects.filter(pk__in=_in_ids(evaluated)).update(status_evaluated_on=as_of)
    if bookkeeping:
        _upsert_bookkeeping(bookkeeping, as_of, now)
    return written


_BOOKKEEPING_FIELDS = ("evaluated_on", "evaluated_at", "next_evaluation_on", "error", "error_on")


def _upsert_bookkeeping(rows: list[tuple[int, date | None]], as_of: date, now: datetime) -> None:
    """Insert or update the chunk's MemberEvaluation rows (member, next evaluation: evaluated
    on `as_of` at `now`, without an error) in one statement. On PostgreSQL the members and their
    next days go as two arrays (`unnest`), the same INSERT … ON CONFLICT DO UPDATE that
    `bulk_create(update_conflicts=True)` writes, without its 3,000 placeholders nor 500 model
    instances (issue 21)."""
    if connection.vendor != "postgresql":
        MemberEvaluation.objects.bulk_create(
            [
                MemberEvaluation(
                    member_id=member_id,
                    evaluated_on=as_of,
                    evaluated_at=now,
                    next_evaluation_on=next_on,
                    error="",
                    error_on=None,
                )
                for member_id, next_on in rows
            ],
            update_conflicts=True,
            unique_fields=["member"],
            update_fields=list(_BOOKKEEPING_FIELDS),
        )
        return
    meta = MemberEvaluation._meta
    quote = connection.ops.quote_name
    member, *columns = (
        quote(meta.get_field(name).column) for name in ("member", *_BOOKKEEPING_FIELDS)
    )
    # Built from the model's own table and column names only; the values are parameters.
    template = (
        "INSERT INTO {table} ({member}, {columns}) "
        "SELECT member, %s::date, %s::timestamptz, next_on, '', NULL "
        "FROM unnest(%s::bigint[], %s::date[]) AS chunk (member, next_on) "
        "ON CONFLICT ({member}) DO UPDATE SET {updates}"
    )
    sql = template.format(
        table=quote(meta.db_table),
        member=member,
        columns=", ".join(columns),
        updates=", ".join(f"{column} = EXCLUDED.{column}" for column in columns),
    )
    members = [member_id for member_id, _next_on in rows]
    next_days = [next_on for _member_id, next_on in rows]
    with connection.cursor() as cursor:
        cursor.execute(sql, [as_of, now, members, next_days])


class _SimulatedCrash(RuntimeError):
    """Raised by `crash_after` (tests): the run stops as a killed worker would."""


def _latest_state(change: Any) -> tuple[date, State] | None:
    return None if change is None else (change.effective_on, state_of_change(change))


def _record_error(result: JobResult, member_id: int, as_of: date, error: Exception) -> None:
    message = f"{type(error).__name__}: {error}"
    logger.exception("evaluate_member_statuses %s: member %s: %s", as_of, member_id, message)
    result.errors[member_id] = message
    try:
        MemberEvaluation.objects.update_or_create(
            member_id=member_id, defaults={"error": message[:4000], "error_on": as_of}
        )
    except Exception:  # the member row itself may be what is broken
        logger.exception("could not keep the error of member %s", member_id)


def _write_member(
    row: Any,
    facts: engine.Facts,
    evaluation: engine.Evaluation,
    as_of: date,
    next_on: date | None,
    deliver_letters: bool = True,
) -> tuple[int, int]:
    """Record the member's changes (and its letter) in one transaction, under a lock. `row` is
    the member as the chunk read it (its id and what the job compares)."""
    from tracker.letters import write_status_letter

    member = Member.objects.get(pk=row.pk)
    MemberEvaluation.objects.get_or_create(member_id=member.pk)
    with transaction.atomic():
        bookkeeping = MemberEvaluation.objects.select_for_update(of=("self",)).get(
            member_id=member.pk
        )
        # Re-read inside the lock: a concurrent run may have recorded since the batch read.
        latest = StatusChange.objects.filter(member_id=member.pk).order_by("-effective_on").first()
        to_record = changes_to_record(
            evaluation.timeline, latest=_latest_state(latest), as_of=as_of
        )
        recorded: list[StatusChange] = []
        for effective_on, state, kind in to_record.changes:
            if effective_on == as_of:
                reasons = evaluation.reasons
            else:
                reasons = engine.evaluate(facts, effective_on).reasons
            recorded.append(
                StatusChange.objects.create(
                    member=member,
                    effective_on=effective_on,
                    status=state[0],
                    voluntary=state[1],
                    rules=list(state[2]),
                    reasons=[reason_to_record(reason) for reason in reasons],
                    kind=kind,
                    recorded_on=as_of,
                )
            )
        letters = 0
        if recorded and letter_due(
            recorded[-1].kind,
            state_of_change(recorded[-1]),
            before=None if latest is None else state_of_change(latest),
        ):
            write_status_letter(recorded[-1], as_of=as_of, deliver=deliver_letters)
            letters = 1
        bookkeeping.evaluated_on = as_of
        bookkeeping.evaluated_at = timezone.now()
        bookkeeping.next_evaluation_on = next_on
        bookkeeping.error = ""
        bookkeeping.error_on = None
        bookkeeping.save()
    return len(recorded), letters


def _materialize(member: Any, evaluation: engine.Evaluation) -> None:
    """The current status on Member, for fast pages (members/ reads it, never writes it); the
    day of the evaluation is written for the whole chunk at once."""
    values = {
        "status": evaluation.status,
        "status_voluntary": evaluation.voluntary,
        "status_since": evaluation.since,
    }
    if all(getattr(member, name) == value for name, value in values.items()):
        return
    Member.objects.filter(pk=member.pk).update(**values)


__all__ = ["ChangeKind", "JobResult", "evaluate_member_statuses", "members_to_evaluate"]
