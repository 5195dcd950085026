"""Benchmark of the status engine (tracker/engine.py).

    python bench/engine.py [--members N] [--seed S] [--repeat R] [--out DIR]

Builds N synthetic members (10,000 by default) deterministically from a fixed seed, each with
about three years of facts in the scenario format (RULES.md §5): two plans (sometimes the
second is missing), 5 to 12 commitments, quarterly tracker updates some late or missing,
meetings, requirement findings, voluntary periods and assessments, so that every status occurs.
It then measures, in this one process:

- parse: JSON text -> engine dataclasses (tracker.scenario.loads, with its checks), the floor
  of any evaluation; json.loads alone is timed too, for comparison;
- engine: tracker.engine.evaluate on every member, as members evaluated per second;
- reference: the deliberately simple day-by-day evaluator of tests/tracker/reference.py on a
  subset (1 % of the members, at least 5), extrapolated to all members, and checked to agree.

Each timing is the best of --repeat runs. It prints the ratios and writes the figures, with the
machine they come from, to DIR/engine.json (bench/results/ by default).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import sys
import time
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

from dateutil.relativedelta import relativedelta

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.tracker.reference import evaluate_reference  # noqa: E402
from tracker.engine import evaluate  # noqa: E402
from tracker.scenario import loads  # noqa: E402

DAY = timedelta(days=1)


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def _quarter_starts(first: date, last: date):
    day = date(first.year, (first.month - 1) // 3 * 3 + 1, 1)
    while day <= last:
        yield day
        day += relativedelta(months=3)


def synthetic_member(rng: random.Random, index: int) -> dict:
    """One member's scenario: about three years of facts up to as_of."""
    joined_on = date(2022, 1, 1) + timedelta(days=rng.randrange(540))
    as_of = joined_on + timedelta(days=1095 + rng.randrange(60))
    first_plan_due_on = joined_on + relativedelta(months=6)
    extension_until = None
    if rng.random() < 0.1:
        extension_until = first_plan_due_on + relativedelta(months=rng.choice((2, 3, 4)))
    member = {
        "joined_on": _iso(joined_on),
        "term_ends_on": _iso(joined_on + relativedelta(years=5)),
        "first_plan_due_on": _iso(first_plan_due_on),
        "extension_until": _iso(extension_until),
    }
    deadline = extension_until or first_plan_due_on

    # Plans: the first around its deadline (sometimes late), the second around the first's end
    # (sometimes late, sometimes never).
    plans = []
    submitted_on = deadline + timedelta(days=rng.randrange(-75, 60 if rng.random() < 0.8 else 200))
    starts_on = (submitted_on + relativedelta(months=1)).replace(day=1)
    ends_on = starts_on + relativedelta(months=rng.choice((18, 24, 24, 30))) - DAY
    plans.append(
        {
            "id": f"m{index}-ap1",
            "submitted_on": submitted_on,
            "starts_on": starts_on,
            "ends_on": ends_on,
        }
    )
    if rng.random() < 0.85:
        submitted_on = ends_on + timedelta(days=rng.randrange(-90, 150))
        starts_on = (submitted_on + relativedelta(months=1)).replace(day=1)
        ends_on = starts_on + relativedelta(months=24) - DAY
        plans.append(
            {
                "id": f"m{index}-ap2",
                "submitted_on": submitted_on,
                "starts_on": starts_on,
                "ends_on": ends_on,
            }
        )

    commitments = []
    for number in range(rng.randint(5, 12)):
        plan = plans[number % len(plans)]
        submitted_on = plan["submitted_on"]
        if rng.random() < 0.15:  # a later commitment, replacing a completed one
            submitted_on += timedelta(days=rng.randrange(30, 300))
        starts_on = max(plan["starts_on"], submitted_on)
        ends_on = min(plan["ends_on"], starts_on + relativedelta(years=1, months=rng.randrange(12)))
        completed_on = None
        if rng.random() < 0.4:
            completed_on = starts_on + timedelta(days=rng.randrange(120, 600))
        commitments.append(
            {
                "id": f"m{index}-c{number + 1}",
                "plan": plan["id"],
                "submitted_on": submitted_on,
                "starts_on": starts_on,
                "ends_on": max(ends_on, starts_on),
                "completed_on": completed_on,
            }
        )

    # Quarterly updates: a diligence of its own per member; some stop updating altogether.
    diligence = rng.uniform(0.6, 1.0)
    stops_on = as_of if rng.random() < 0.85 else joined_on + timedelta(days=rng.randrange(300, 900))
    updates = []
    for quarter_start in _quarter_starts(plans[0]["starts_on"], min(as_of, stops_on)):
        if rng.random() < diligence:
            day = quarter_start + timedelta(days=rng.randrange(20, 110))  # some land a quarter late
            updates.append(
                {
                    "commitment": rng.choice(commitments)["id"],
                    "submitted_on": day,
                    "progress": rng.random() < 0.8,
                }
            )

    meetings = [
        {
            "held_on": joined_on + timedelta(days=rng.randrange(1000)),
            "kind": rng.choice(("co_creation", "implementation")),
        }
        for _ in range(rng.randint(2, 6))
    ]
    findings = []
    if rng.random() < 0.3:
        recorded_on = joined_on + timedelta(days=rng.randrange(200, 1000))
        findings.append({"recorded_on": recorded_on, "met": rng.random() < 0.4})
        if not findings[0]["met"] and rng.random() < 0.8:  # rectified, some too late
            findings.append(
                {"recorded_on": recorded_on + timedelta(days=rng.randrange(20, 160)), "met": True}
            )
    periods = []
    if rng.random() < 0.15:
        starts_on = joined_on + timedelta(days=rng.randrange(200, 1000))
        ends_on = None if rng.random() < 0.3 else starts_on + timedelta(days=rng.randrange(60, 300))
        periods.append({"starts_on": starts_on, "ends_on": ends_on})

    assessments = []
    for plan in plans:
        if rng.random() < 0.8:
            day = plan["submitted_on"] + timedelta(days=rng.randrange(20, 90))
            assessments.append({"kind": "inception", "plan": plan["id"], "submitted_on": day})
        if rng.random() < 0.5:
            day = plan["ends_on"] + timedelta(days=rng.randrange(10, 90))
            assessments.append({"kind": "final_learning", "plan": plan["id"], "submitted_on": day})
    for commitment in commitments:
        if commitment["completed_on"] and rng.random() < 0.6:
            day = commitment["completed_on"] + timedelta(days=rng.randrange(5, 50))
            assessments.append(
                {"kind": "end_of_commitment", "commitment": commitment["id"], "submitted_on": day}
            )

    # Facts lie up to as_of: the scenario holds what the database would hold that day.
    def known(rows, key):
        return [row for row in rows if row[key] <= as_of]

    for commitment in commitments:
        if commitment["completed_on"] and commitment["completed_on"] > as_of:
            commitment["completed_on"] = None
    plans = known(plans, "submitted_on")
    plan_ids = {plan["id"] for plan in plans}
    commitments = [c for c in known(commitments, "submitted_on") if c["plan"] in plan_ids]
    commitment_ids = {c["id"] for c in commitments}
    updates = [u for u in known(updates, "submitted_on") if u["commitment"] in commitment_ids]
    assessments = [
        a
        for a in known(assessments, "submitted_on")
        if a.get("plan") in plan_ids or a.get("commitment") in commitment_ids
    ]
    document = {
        "as_of": as_of,
        "member": member,
        "action_plans": plans,
        "commitments": commitments,
        "tracker_updates": updates,
        "meetings": known(meetings, "held_on"),
        "voluntary_inactivity": periods,
        "requirement_findings": known(findings, "recorded_on"),
        "assessments": assessments,
    }
    return document


def build_members(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return [json.dumps(synthetic_member(rng, index), default=_iso) for index in range(count)]


def best_of(repeat: int, work) -> tuple[float, object]:
    best, result = None, None
    for _ in range(repeat):
        started = time.perf_counter()
        result = work()
        elapsed = time.perf_counter() - started
        best = elapsed if best is None else min(best, elapsed)
    return best, result


def machine() -> dict:
    cpu_model = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu_model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "nproc": len(os.sched_getaffinity(0))
        if hasattr(os, "sched_getaffinity")
        else os.cpu_count(),
        "cpu_model": cpu_model,
        "python": platform.python_version(),
        "platform": platform.platform(),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--members", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "results")
    options = parser.parse_args(argv)

    texts = build_members(options.members, options.seed)
    count = len(texts)
    decode_seconds, _ = best_of(options.repeat, lambda: [json.loads(text) for text in texts])
    parse_seconds, parsed = best_of(options.repeat, lambda: [loads(text) for text in texts])
    engine_seconds, results = best_of(
        options.repeat, lambda: [evaluate(facts, as_of) for facts, as_of in parsed]
    )

    subset = parsed[: min(count, max(5, count // 100))]
    started = time.perf_counter()
    references = [evaluate_reference(facts, as_of) for facts, as_of in subset]
    reference_seconds = (time.perf_counter() - started) * count / len(subset)
    agreeing = sum(
        reference == result for reference, result in zip(references, results, strict=False)
    )

    statuses = Counter(
        result.status + (" (voluntary)" if result.voluntary else "") for result in results
    )
    facts_per_member = statistics.median(
        len(facts.plans)
        + len(facts.commitments)
        + len(facts.updates)
        + len(facts.meetings)
        + len(facts.voluntary_periods)
        + len(facts.findings)
        + len(facts.assessments)
        for facts, _ in parsed
    )
    figures = {
        "members": count,
        "seed": options.seed,
        "repeat": options.repeat,
        "median_facts_per_member": facts_per_member,
        "statuses": dict(sorted(statuses.items())),
        "json_decode_seconds": round(decode_seconds, 4),
        "parse_seconds": round(parse_seconds, 4),
        "engine_seconds": round(engine_seconds, 4),
        "members_per_second": round(count / engine_seconds, 1),
        "engine_over_parse": round(engine_seconds / parse_seconds, 3),
        "engine_over_json_decode": round(engine_seconds / decode_seconds, 3),
        "reference_members_measured": len(subset),
        "reference_seconds_extrapolated": round(reference_seconds, 2),
        "speedup_over_reference": round(reference_seconds / engine_seconds, 1),
        "reference_agrees_on": agreeing,
        "machine": machine(),
    }

    print(f"members: {count} (seed {options.seed}), median facts per member: {facts_per_member}")
    print("statuses at as_of: " + ", ".join(f"{name} {n}" for name, n in sorted(statuses.items())))
    print(f"parse (JSON -> engine dataclasses): {parse_seconds:.3f} s, best of {options.repeat}")
    print(
        f"engine: {engine_seconds:.3f} s, "
        f"{count / engine_seconds:,.0f} members evaluated per second"
    )
    print(f"ratio engine/parse: {engine_seconds / parse_seconds:.2f} (target <= 5)")
    print(
        f"ratio engine/json.loads: {engine_seconds / decode_seconds:.2f} "
        "(JSON decoding alone, without building and checking the dataclasses)"
    )
    print(
        f"ratio reference/engine (speed-up over the day-by-day evaluator): "
        f"{reference_seconds / engine_seconds:,.1f}x "
        f"(reference measured on {len(subset)} members and extrapolated to {count})"
    )
    print(f"reference agrees with the engine on {agreeing} of {len(subset)} members")
    options.out.mkdir(parents=True, exist_ok=True)
    target = options.out / "engine.json"
    target.write_text(json.dumps(figures, indent=2) + "\n")
    print(f"wrote {target}")
    return 0 if agreeing == len(subset) else 1


if __name__ == "__main__":
    sys.exit(main())
