"""The selection committee of the demo's open call (`seed_demo`): committee members from several
countries, their submitted and draft reviews, one declared conflict, and a committee login.

Runs after the calls demo (it needs an open call with submitted applications); does nothing when
there is none. Idempotent like the rest of the demo: a second run creates nothing."""

import random
from datetime import timedelta

from django.utils import timezone

from members.models import (
    LETTER_POINTS,
    Application,
    ApplicationState,
    Call,
    CallState,
    CommitteeMember,
    Recusal,
    Review,
    Score,
)
from members.selectors_review import UNDER_REVIEW_STATES
from members.services_review import SCORING_STATES
from ogplocal.accounts.demo import DEMO_EMAIL_DOMAIN

# (local part of the e-mail, name, country, from a government?). The first one is the login the
# `make run` banner prints: they have scored some applications and left the rest for the visitor.
COMMITTEE = [
    ("committee", "Lucía Fernández", "CO", False),
    ("committee.kenya", "Wanjiru Kamau", "KE", True),
    ("committee.spain", "Marta Ruiz Ortega", "ES", True),
    ("committee.philippines", "Jose Santos", "PH", False),
]
COMMITTEE_LOGIN = f"committee@{DEMO_EMAIL_DOMAIN}"
CONFLICT_REASON = "I advised this city's open government office last year."
REVIEW_COMMENTS = [
    "Clear commitment and a credible coalition of stakeholders.",
    "Ambitious, but the resources for the action plan are thin.",
    "A strong track record; peer learning is well described.",
]


def _demo_open_call() -> Call | None:
    return (
        Call.objects.filter(state=CallState.OPEN)
        .filter(applications__state__in=[ApplicationState.SUBMITTED, ApplicationState.SHORTLISTED])
        .order_by("-opens_on", "pk")
        .distinct()
        .first()
    )


def seed_review_demo(*, countries: dict, users: dict, staff) -> str | None:
    """Seat the demo committee on the open call and record its reviews. `users` maps e-mail
    addresses to accounts created with `members.demo._ensure_users` (the caller creates the
    addresses in `committee_people()`). Returns the committee login, or None without a call."""
    call = _demo_open_call()
    if call is None:
        return None
    invited_on = call.opens_on
    seats = []
    for local_part, _name, iso, is_government in COMMITTEE:
        seat, _created = CommitteeMember.objects.get_or_create(
            call=call,
            user=users[f"{local_part}@{DEMO_EMAIL_DOMAIN}"],
            defaults={
                "country": countries[iso],
                "is_government": is_government,
                "invited_by": staff,
                "invited_on": invited_on,
            },
        )
        seats.append(seat)

    # The decided applications were reviewed before their decision; the rest are under way.
    applications = list(
        Application.objects.filter(call=call, state__in=UNDER_REVIEW_STATES).order_by("pk")
    )
    submitted_at = timezone.now() - timedelta(days=3)
    for index, seat in enumerate(seats):
        readable = [app for app in applications if app.country_id != seat.country_id]
        conflict = next((app for app in readable if app.state in SCORING_STATES), None)
        if index == len(seats) - 1 and conflict is not None:
            # The last member declared a conflict on the first application still under review.
            Recusal.objects.get_or_create(
                application=conflict,
                committee_member=seat,
                defaults={"reason": CONFLICT_REASON, "declared_on": invited_on},
            )
            readable.remove(conflict)
        if index == 0:
            # The printed login: one submitted, one draft, the open rest left to score.
            decided = [app for app in readable if app.state not in SCORING_STATES]
            scoring = [app for app in readable if app.state in SCORING_STATES]
            plan = [([*decided, *scoring[:1]], True), (scoring[1:2], False)]
        else:
            plan = [(readable, True)]
        for chosen, submit in plan:
            for application in chosen:
                _ensure_review(seat, application, submit=submit, at=submitted_at, index=index)
    return COMMITTEE_LOGIN


def _ensure_review(seat, application, *, submit: bool, at, index: int) -> None:
    review, created = Review.objects.get_or_create(
        application=application,
        reviewer=seat.user,
        defaults={
            "comment": REVIEW_COMMENTS[(application.pk + index) % len(REVIEW_COMMENTS)],
            "submitted_at": at if submit else None,
        },
    )
    if not created:
        return
    points = LETTER_POINTS if submit else range(1, 4)
    # Varied but repeatable scores from 2 to 5 (a string seed gives the same numbers every run).
    scores = random.Random(f"{application.jurisdiction_name}-{index}")
    Score.objects.bulk_create(
        [
            Score(
                review=review,
                point=point,
                score=scores.randint(2, 5),
                comment="" if point % 3 else "Specific and convincing.",
            )
            for point in points
        ]
    )


def committee_people() -> dict[str, tuple[str, bool]]:
    """The committee's accounts for `members.demo._ensure_users`: {e-mail: (name, is_staff)}."""
    return {
        f"{local_part}@{DEMO_EMAIL_DOMAIN}": (name, False)
        for local_part, name, _iso, _government in COMMITTEE
    }
