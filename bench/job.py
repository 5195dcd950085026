"""Benchmark of the daily job (tracker/job.py, RULES.md §6).

    DATABASE_URL=postgres://… python bench/job.py [--members N] [--small M] [--out DIR]

Builds N members (10,000 by default) with three years of facts by bulk inserts — a submitted
plan, five commitments, quarterly tracker updates with gaps (so that members go inactive, on
probation and revoked) — in a throw-away database (the one `simulate_job` uses: a database of
its own on PostgreSQL, in-memory SQLite otherwise), runs the job once (the baseline), then
measures:

- load: reading the same members' facts (tracker.facts, chunks of 500), the floor of any run;
- full: a full run of the job on the next day (every member evaluated, changes recorded);
- incremental: the job's incremental run on the day after (only members whose next change
  has come or whose facts changed);
- memory: the job's peak memory (tracemalloc) on all N members and on the first M (1,000).

It prints full ÷ load (target ≤ 2), incremental ÷ full (≤ 0.1) and peak(N) ÷ peak(M) (≤ 1.5),
and writes them with the machine's description to DIR/job.json. Not a timed test.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import sys
import time
import tracemalloc
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ogplocal.settings")
os.environ.setdefault("SECRET_KEY", "bench-" + "k" * 60)

import django  # noqa: E402

django.setup()

from django.utils import timezone  # noqa: E402

JOINED = date(2023, 1, 2)
AS_OF = date(2026, 1, 5)


def build(members: int, seed: int = 21) -> list[int]:
    """Bulk-insert `members` members with three years of facts; returns their ids."""
    from actionplans.models import ActionPlan, ActionPlanVersion
    from commitments.models import Commitment
    from members.models import Country, Jurisdiction, JurisdictionKind, Member, OgpRegion
    from monitoring.models import MonitoringBody
    from ogplocal.accounts.models import User
    from tracker.models import TrackerUpdate, TrackerUpdateVersion

    rng = random.Random(seed)
    user = User.objects.create_user(email="bench@example.invalid", password=None)
    country = Country.objects.create(iso_code="ZZ", name="Bench", ogp_region=OgpRegion.EUROPE)
    body = MonitoringBody.objects.create(name="Bench body", slug="bench-body", country=country)
    jurisdictions = Jurisdiction.objects.bulk_create(
        Jurisdiction(
            name=f"Bench {n}",
            slug=f"bench-{n}",
            country=country,
            region="Bench",
            kind=JurisdictionKind.CITY,
            population=1000,
            has_elections=True,
        )
        for n in range(members)
    )
    member_rows = Member.objects.bulk_create(
        Member(
            jurisdiction=jurisdiction,
            joined_on=JOINED + timedelta(days=rng.randrange(60)),
            first_plan_due_on=JOINED + timedelta(days=240),
            status_since=JOINED,
        )
        for jurisdiction in jurisdictions
    )
    plans = ActionPlan.objects.bulk_create(
        ActionPlan(
            member=member,
            state="submitted",
            version=1,
            submitted_on=JOINED + timedelta(days=150 + rng.randrange(60)),
            starts_on=date(2023, 9, 1),
            ends_on=date(2026, 8, 31),
            declared_english=True,
            monitoring_body=body,
            long_term_vision="Bench.",
            created_by=user,
        )
        for member in member_rows
    )
    ActionPlanVersion.objects.bulk_create(
        ActionPlanVersion(
            plan=plan,
            number=1,
            snapshot={},
            submitted_at=timezone.now(),
            submitted_on=plan.submitted_on,
            submitted_by=user,
            reason="Bench.",
        )
        for plan in plans
    )
    commitments = Commitment.objects.bulk_create(
        Commitment(
            plan=plan,
            number=number,
            title=f"Commitment {number}",
            submitted_on=plan.submitted_on,
            starts_on=date(2023, 9, 1),
            ends_on=date(2026, 8, 31),
            lead_agency="Bench",
            lead_contact_name="Bench",
            problem="Bench.",
            status_quo="Bench.",
            action="Bench.",
            contribution="Bench.",
            policy_area="open_data",
            sector="public_services",
            ogp_values=["transparency"],
        )
        for plan in plans
        for number in range(1, 6)
    )
    first_commitment = {}
    for commitment in commitments:
        first_commitment.setdefault(commitment.plan_id, commitment)
    updates = []
    for plan in plans:
        diligence = rng.random()
        quarter = date(2023, 10, 1)
        while quarter < AS_OF:
            if rng.random() < diligence:
                updates.append(
                    TrackerUpdate(
                        commitment=first_commitment[plan.pk],
                        quarter_starts_on=quarter,
                        submitted_on=quarter + timedelta(days=rng.randrange(80)),
                        submitted_by=user,
                    )
                )
            quarter = date(quarter.year + quarter.month // 10, (quarter.month + 2) % 12 + 1, 1)
    updates = TrackerUpdate.objects.bulk_create(updates, batch_size=5000)
    TrackerUpdateVersion.objects.bulk_create(
        (
            TrackerUpdateVersion(
                update=update,
                number=1,
                filed_on=update.submitted_on,
                filed_by=user,
                completion_level="limited",
                previous_level="not_started",
                narrative="Bench.",
                next_steps="Bench.",
                progress=rng.random() < 0.8,
            )
            for update in updates
        ),
        batch_size=5000,
    )
    return [member.pk for member in member_rows]


def timed(function, *args, **kwargs) -> tuple[float, object]:
    start = time.perf_counter()
    result = function(*args, **kwargs)
    return time.perf_counter() - start, result


def peak_memory(function, *args, **kwargs) -> int:
    tracemalloc.start()
    try:
        function(*args, **kwargs)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--members", type=int, default=10_000)
    parser.add_argument("--small", type=int, default=1_000)
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "results")
    args = parser.parse_args()

    from unittest import mock

    from django.db import connection
    from django.template import engines
    from django.urls import get_resolver

    from tracker.facts import facts_for_members
    from tracker.job import BATCH_SIZE, evaluate_member_statuses
    from tracker.management.commands.simulate_job import throwaway_database

    with (
        throwaway_database(prefix="ogplocal_bench_job"),
        mock.patch("tracker.letters.render_pdf", lambda template, context: b"%PDF-1.4\n"),
    ):
        build_seconds, ids = timed(build, args.members)
        # Once per process, not per run (issue 21): the first letter a process writes loads the
        # URLconf (every app's views, for the member's address in the letter) and the template
        # engines, about 0.45 s that was charged to the timed full run. A worker pays it once.
        get_resolver().url_patterns  # noqa: B018
        engines.all()
        baseline_seconds, _ = timed(evaluate_member_statuses, AS_OF, full=True)

        def load() -> None:
            for start in range(0, len(ids), BATCH_SIZE):
                facts_for_members(ids[start : start + BATCH_SIZE], as_of=AS_OF)

        load_seconds, _ = timed(load)
        full_seconds, full = timed(evaluate_member_statuses, AS_OF + timedelta(days=1), full=True)
        incremental_seconds, incremental = timed(
            evaluate_member_statuses, AS_OF + timedelta(days=2)
        )
        day = AS_OF + timedelta(days=3)
        # A warm-up run of every member first (untraced): the first run of a process that
        # writes a letter or queues an e-mail imports and caches what every later run shares
        # (templates, translations, the outbox's task), which would otherwise be charged to
        # whichever measured run meets it first.
        evaluate_member_statuses(day, full=True)
        small_peak = peak_memory(
            evaluate_member_statuses,
            day + timedelta(days=1),
            full=True,
            member_ids=ids[: args.small],
        )
        all_peak = peak_memory(evaluate_member_statuses, day + timedelta(days=2), full=True)
        vendor = connection.vendor

    figures = {
        "database": vendor,
        "members": args.members,
        "small": args.small,
        "build_seconds": round(build_seconds, 2),
        "baseline_run_seconds": round(baseline_seconds, 2),
        "load_seconds": round(load_seconds, 2),
        "full_run_seconds": round(full_seconds, 2),
        "full_run_changes": full.changes,
        "incremental_run_seconds": round(incremental_seconds, 3),
        "incremental_evaluated": incremental.evaluated,
        "full_over_load": round(full_seconds / load_seconds, 2),
        "incremental_over_full": round(incremental_seconds / full_seconds, 3),
        "peak_memory_small_mb": round(small_peak / 2**20, 1),
        "peak_memory_all_mb": round(all_peak / 2**20, 1),
        "peak_all_over_small": round(all_peak / small_peak, 2),
        "machine": f"{platform.python_version()} on {platform.system()} {platform.machine()}, "
        f"{os.cpu_count()} CPUs",
    }
    for name in ("full_over_load", "incremental_over_full", "peak_all_over_small"):
        print(f"{name}: {figures[name]}")
    print(json.dumps(figures, indent=2))
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / f"job-{vendor}-{args.members}.json").write_text(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
