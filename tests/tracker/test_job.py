"""The daily job (RULES.md §6) on the database: idempotent (twice, after a crash halfway, two
runs at once), one member's bad data never stops the others, status materialized on Member,
incremental selection, and a constant number of queries whatever the number of members."""

import json
import threading
from datetime import date
from pathlib import Path

import pytest
from django.core import mail
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from members.models import Member
from ogplocal.audit.services import record_event
from ogplocal.notifications.models import OutboxKind, OutboxMessage
from tests.conftest import require_service
from tracker import job
from tracker.job import evaluate_member_statuses, members_to_evaluate
from tracker.status_models import MemberEvaluation, StatusChange, StatusLetter
from tracker.status_simulation import changes_of, load_scenario

pytestmark = pytest.mark.django_db

SCENARIO = (
    Path(__file__).resolve().parents[3]
    / "shared"
    / "scenarios"
    / "jobs"
    / "01-inactive-probation-revoked.json"
)
# The member joined 2024-02-01; inactive from 2025-10-01, on probation from 2026-04-01, revoked
# from 2026-08-01 (jobs/01-inactive-probation-revoked.expected.json).
JOINED = date(2024, 2, 1)
INACTIVE = date(2025, 10, 1)
PROBATION = date(2026, 4, 1)


@pytest.fixture(autouse=True)
def _letters_without_typesetting(monkeypatch):
    monkeypatch.setattr("tracker.letters.render_pdf", lambda template, context: b"%PDF-1.4\n")


def member():
    return load_scenario(json.loads(SCENARIO.read_text())).member


def counts():
    return (
        StatusChange.objects.count(),
        StatusLetter.objects.count(),
        OutboxMessage.objects.count(),
    )


def test_running_the_same_day_twice_records_nothing_new():
    subject = member()
    evaluate_member_statuses(JOINED)
    evaluate_member_statuses(INACTIVE)
    before = counts()

    evaluate_member_statuses(INACTIVE)
    evaluate_member_statuses(INACTIVE, full=True)

    assert counts() == before == (2, 1, 1)
    assert [change["kind"] for change in changes_of(subject)] == ["baseline", "change"]


def test_a_run_that_crashed_halfway_is_completed_by_the_next_without_duplicates():
    members = [member() for _ in range(4)]
    evaluate_member_statuses(JOINED)

    with pytest.raises(RuntimeError):
        evaluate_member_statuses(INACTIVE, crash_after=2)
    assert StatusChange.objects.filter(effective_on=INACTIVE).count() == 2

    evaluate_member_statuses(INACTIVE)
    evaluate_member_statuses(INACTIVE)

    for subject in members:
        assert [(c["effective_on"], c["letter"]) for c in changes_of(subject)] == [
            ("2024-02-01", False),
            ("2025-10-01", True),
        ]
    assert StatusLetter.objects.count() == 4


def test_a_run_that_read_before_another_committed_records_nothing_twice(monkeypatch):
    subject = member()
    evaluate_member_statuses(JOINED)
    evaluate_member_statuses(INACTIVE)
    # The second run read the latest changes before the first committed: it sees none.
    monkeypatch.setattr(job, "_latest_changes", lambda ids: {})

    evaluate_member_statuses(INACTIVE, full=True)

    assert len(changes_of(subject)) == 2
    assert StatusLetter.objects.count() == 1


def test_the_database_refuses_a_second_change_on_the_same_day():
    subject = member()
    evaluate_member_statuses(JOINED)

    with pytest.raises(IntegrityError), transaction.atomic():
        StatusChange.objects.create(
            member=subject,
            effective_on=JOINED,
            status="inactive",
            kind="change",
            recorded_on=JOINED,
        )


def test_one_members_bad_data_is_reported_and_the_others_are_evaluated(monkeypatch):
    good, bad = member(), member()
    real = job.engine.evaluate

    def evaluate(facts, as_of):
        if facts.member is bad_facts_member[0]:
            raise ValueError("commitment '9' is known but its plan is not")
        return real(facts, as_of)

    real_facts = job.facts_for_members
    bad_facts_member = [None]

    def facts_for_members(ids, *, as_of):
        facts = real_facts(ids, as_of=as_of)
        if bad.pk in facts:
            bad_facts_member[0] = facts[bad.pk].member
        return facts

    monkeypatch.setattr(job, "facts_for_members", facts_for_members)
    monkeypatch.setattr(job.engine, "evaluate", evaluate)

    result = evaluate_member_statuses(JOINED)

    assert list(result.errors) == [bad.pk]
    assert StatusChange.objects.filter(member=good).count() == 1
    assert not StatusChange.objects.filter(member=bad).exists()
    assert "its plan is not" in MemberEvaluation.objects.get(member=bad).error
    report = OutboxMessage.objects.get(kind=OutboxKind.JOB_REPORT)
    assert bad.jurisdiction.name in report.body


def test_the_current_status_is_materialized_on_the_member():
    subject = member()
    evaluate_member_statuses(JOINED)
    evaluate_member_statuses(PROBATION)

    subject.refresh_from_db()
    assert (subject.status, subject.status_since, subject.status_evaluated_on) == (
        "probation",
        PROBATION,
        PROBATION,
    )


def test_only_members_whose_next_change_has_come_or_whose_facts_changed_are_evaluated():
    quiet, touched = member(), member()
    evaluate_member_statuses(JOINED)
    day = date(2024, 3, 1)

    assert members_to_evaluate(day) == []
    record_event(actor=None, verb="member.changed", obj=touched, member=touched)
    assert members_to_evaluate(day) == [touched.pk]
    # The next change the engine foresees: the first-plan deadline passing (2024-09-01).
    assert MemberEvaluation.objects.get(member=quiet).next_evaluation_on <= date(2024, 9, 1)
    assert quiet.pk in members_to_evaluate(date(2024, 9, 1))


def test_the_jobs_queries_do_not_grow_with_the_number_of_members():
    for _ in range(2):
        member()
    evaluate_member_statuses(JOINED)
    with CaptureQueriesContext(connection) as few:
        evaluate_member_statuses(date(2024, 3, 1), full=True)
    for _ in range(6):
        member()
    evaluate_member_statuses(JOINED)
    with CaptureQueriesContext(connection) as many:
        evaluate_member_statuses(date(2024, 3, 2), full=True)

    assert len(many) == len(few)


def test_no_e_mail_leaves_before_the_run_commits(django_capture_on_commit_callbacks):
    member()
    evaluate_member_statuses(JOINED)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        evaluate_member_statuses(INACTIVE)
    assert mail.outbox == []
    assert callbacks  # delivery waits for the commit


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_two_runs_at_once_on_postgresql_record_each_change_once():
    require_service(connection.vendor == "postgresql", "PostgreSQL")
    members = [member() for _ in range(6)]
    evaluate_member_statuses(JOINED)
    errors = []

    def run():
        try:
            evaluate_member_statuses(INACTIVE, full=True)
        except Exception as error:  # pragma: no cover - shown by the assertion
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    for subject in members:
        assert len(changes_of(subject)) == 2
    assert StatusLetter.objects.count() == len(members)
    assert Member.objects.filter(status="inactive").count() == len(members)
