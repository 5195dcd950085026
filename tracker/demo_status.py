"""Status histories and letters for `manage.py seed_demo` (called from members/demo.py, after
the demos that file the members' plans, updates and voluntary periods).

The real daily job (tracker.job) runs over the demo world on the first day of every month from
the earliest joining of a current member to the day of seeding, then on that day: every member
gets the history the portal would have announced, with its letters, from the facts the other
demos filed (members/demo_public.py gives every status its real reasons). The letters are
recorded but typeset only when first opened (tracker.letters.ensure_letter_pdf) and never
e-mailed, so that seeding stays quick. Idempotent: a second seeding runs the same days again,
which records nothing new (RULES.md §6).
"""

from __future__ import annotations

from datetime import date

from members.models import Member
from tracker.engine import add_months
from tracker.job import evaluate_member_statuses


def run_days(start: date, as_of: date) -> list[date]:
    """The first day of each month after `start` up to `as_of`, then `as_of`."""
    days = [start]
    day = date(start.year, start.month, 1)
    while (day := add_months(day, 1)) < as_of:
        days.append(day)
    if days[-1] != as_of:
        days.append(as_of)
    return days


def seed_status_demo(*, as_of: date) -> None:
    joined = (
        Member.objects.exclude(status="revoked")
        .order_by("joined_on")
        .values_list("joined_on", flat=True)
        .first()
    )
    if joined is None or joined > as_of:
        return
    days = run_days(joined, as_of)
    for day in days[:-1]:
        evaluate_member_statuses(day, deliver_letters=False)
    # In full on the last day: members/demo.py has just reset the illustrative statuses, and the
    # job materializes the real ones again.
    evaluate_member_statuses(days[-1], full=True, deliver_letters=False)
