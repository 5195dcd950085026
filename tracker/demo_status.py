"""Demo status histories and letters for `manage.py seed_demo` (called from members/demo.py).

The demo world's facts are thin (most demo members have no plan or tracker update), so running
the real job over them would revoke nearly everyone. Instead a few members get a history as the
job would have recorded it (RULES.md §6), dated relative to the day of seeding, so that every
status shows with its reasons and letters: active (after a lifted inactivity, with its letter),
inactive, inactive by choice, inactive with a rule lifted without a letter, on probation (the
point of contact of plateau-state sees and downloads the letter), and revoked (Kutaisi's earlier
membership). Letters are rendered and queued through tracker.letters like the job's.
Idempotent: a change is found by member and day, a letter by its change.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction

from members.models import Member
from tracker import engine
from tracker.engine import add_months, quarter_label, quarter_of, quarter_start
from tracker.letters import write_status_letter
from tracker.status_models import StatusChange, StatusLetter

NP, NU = engine.NO_PROGRESS, engine.NO_UPDATE


def _quarters_before(day: date) -> list[str]:
    quarter = quarter_of(day)
    return [quarter_label(quarter - 2), quarter_label(quarter - 1)]


def _inactive(since: date, rules=(NP, NU)) -> list[dict]:
    return [
        {
            "rule": rule,
            "since": since.isoformat(),
            "handbook": engine.RULE_HANDBOOK[rule],
            "quarters": _quarters_before(since),
        }
        for rule in rules
    ]


def _histories(as_of: date) -> dict[str, list[tuple]]:
    """slug → [(effective_on, status, voluntary, rules, reasons, kind, letter)]."""
    q0 = quarter_start(quarter_of(as_of))  # the current quarter's first day
    q1 = add_months(q0, -3)
    q2 = add_months(q0, -6)
    probation_since = q0
    inactive_since = add_months(q0, -6)
    revocation_on = add_months(probation_since, 4)
    voluntary_until = add_months(q0, 6) - timedelta(days=1)
    return {
        "buenos-aires": [
            (q2, "inactive", False, [NP, NU], _inactive(q2), "change", True),
            (q2 + timedelta(days=44), "active", False, [], [], "change", True),
        ],
        "bahia-blanca": [(q0, "inactive", False, [NP, NU], _inactive(q0), "change", True)],
        "ternopil": [
            (
                q1,
                "inactive",
                True,
                [engine.VOLUNTARY],
                [
                    {
                        "rule": engine.VOLUNTARY,
                        "since": q1.isoformat(),
                        "handbook": "LH §4.1",
                        "voluntary_until": voluntary_until.isoformat(),
                    }
                ],
                "change",
                True,
            )
        ],
        "larena": [
            (q1, "inactive", False, [NP, NU], _inactive(q1), "change", True),
            # An update without progress: no_update lifts, no_progress stays; no letter (§6).
            (
                q1 + timedelta(days=40),
                "inactive",
                False,
                [NP],
                _inactive(q1, (NP,)),
                "change",
                False,
            ),
        ],
        "plateau-state": [
            (
                inactive_since,
                "inactive",
                False,
                [NP, NU],
                _inactive(inactive_since),
                "change",
                True,
            ),
            (
                probation_since,
                "probation",
                False,
                [NP, NU, engine.INACTIVE_SIX_MONTHS],
                [
                    *_inactive(inactive_since),
                    {
                        "rule": engine.INACTIVE_SIX_MONTHS,
                        "since": probation_since.isoformat(),
                        "handbook": "LH §4.2",
                        "inactive_since": inactive_since.isoformat(),
                        "revocation_on": revocation_on.isoformat(),
                    },
                ],
                "change",
                True,
            ),
        ],
    }


# Kutaisi's earlier membership, revoked on 2021-11-01 (members/demo.py).
KUTAISI_EARLIER = [
    (date(2021, 1, 1), "inactive", False, [NP, NU], _inactive(date(2021, 1, 1)), "change", True),
    (
        date(2021, 7, 1),
        "probation",
        False,
        [NP, NU, engine.INACTIVE_SIX_MONTHS],
        [
            *_inactive(date(2021, 1, 1)),
            {
                "rule": engine.INACTIVE_SIX_MONTHS,
                "since": "2021-07-01",
                "handbook": "LH §4.2",
                "inactive_since": "2021-01-01",
                "revocation_on": "2021-11-01",
            },
        ],
        "change",
        True,
    ),
    (
        date(2021, 11, 1),
        "revoked",
        False,
        [engine.PROBATION_UNRECTIFIED],
        [
            {
                "rule": engine.PROBATION_UNRECTIFIED,
                "since": "2021-11-01",
                "handbook": "LH §4.2",
                "probation_since": "2021-07-01",
            }
        ],
        "change",
        True,
    ),
]


def _record(member: Member, history: list[tuple]) -> None:
    StatusChange.objects.get_or_create(
        member=member,
        effective_on=member.joined_on,
        defaults={"status": "active", "kind": "baseline", "recorded_on": member.joined_on},
    )
    for effective_on, status, voluntary, rules, reasons, kind, letter in history:
        if effective_on <= member.joined_on:
            continue
        change, _created = StatusChange.objects.get_or_create(
            member=member,
            effective_on=effective_on,
            defaults={
                "status": status,
                "voluntary": voluntary,
                "rules": sorted(rules),
                "reasons": reasons,
                "kind": kind,
                "recorded_on": effective_on,
            },
        )
        if letter and not StatusLetter.objects.filter(change=change).exists():
            write_status_letter(change, as_of=effective_on)
    last = history[-1]
    since = last[0]
    for entry in reversed(history):  # the first day of the current (status, voluntary) pair
        if (entry[1], entry[2]) != (last[1], last[2]):
            break
        since = entry[0]
    Member.objects.filter(pk=member.pk).update(
        status=last[1], status_voluntary=last[2], status_since=since
    )


def seed_status_demo(*, as_of: date) -> None:
    histories = _histories(as_of)
    with transaction.atomic():
        for slug, history in histories.items():
            member = Member.objects.page_of(slug).first()
            if member is not None and member.joined_on < history[0][0]:
                _record(member, history)
        earlier = (
            Member.objects.filter(jurisdiction__slug="kutaisi", status="revoked")
            .order_by("joined_on")
            .first()
        )
        if earlier is not None and earlier.joined_on < KUTAISI_EARLIER[0][0]:
            _record(earlier, KUTAISI_EARLIER)
