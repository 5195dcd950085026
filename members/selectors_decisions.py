"""Read paths of the decision pages (LH §1.2) and of coalitions (LH §3.4)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Avg, Count, QuerySet
from django.shortcuts import get_object_or_404

from members.models import (
    ANSWER_LABELS,
    LETTER_POINTS,
    Application,
    ApplicationState,
    Call,
    Coalition,
    CoalitionMembership,
    Decision,
    Member,
    Score,
)
from members.selectors import application_ids_recused

UNDER_REVIEW = (
    ApplicationState.SUBMITTED,
    ApplicationState.SHORTLISTED,
    ApplicationState.ACCEPTED,
    ApplicationState.NOT_ACCEPTED,
)


def call_for_decisions(*, call_slug: str, user) -> Call:
    return get_object_or_404(Call, slug=call_slug)


def application_for_decision(*, call_slug: str, application_id: int, user) -> Application:
    """An application of the call named in the URL, with what its decision page shows (the
    permission decides who may see it: staff who are not recused)."""
    return get_object_or_404(
        Application.objects.select_related(
            "call",
            "country",
            "jurisdiction",
            "applicant",
            "decision__decided_by",
            "decision__member",
        ),
        pk=application_id,
        call__slug=call_slug,
    )


def decision_for(*, call_slug: str, application_id: int, user) -> Decision:
    """The decision on an application (for its letter); 404 if it is not decided."""
    return get_object_or_404(
        Decision.objects.select_related("application__call", "application__applicant"),
        application_id=application_id,
        application__call__slug=call_slug,
    )


def applications_to_decide(call: Call, user, *, as_of) -> QuerySet[Application]:
    """The applications of `call` under review, with their decisions, leaving out those `user`
    is recused from (a recusal binds staff too)."""
    return (
        Application.objects.filter(call=call, state__in=UNDER_REVIEW)
        .exclude(pk__in=application_ids_recused(user, as_of=as_of))
        .select_related("country", "decision")
        .annotate(review_count=Count("reviews", distinct=True))
        .order_by("jurisdiction_name", "pk")
    )


@dataclass(frozen=True)
class PointSummary:
    point: int
    label: str
    mean: float | None
    count: int


def review_summary(application: Application) -> tuple[int, list[PointSummary]]:
    """How the committee scored `application`: the number of submitted reviews, and each point
    of LH §1.2 with its mean score over the submitted reviews (two queries)."""
    submitted = application.reviews.filter(submitted_at__isnull=False).count()
    rows = {
        row["point"]: row
        for row in Score.objects.filter(
            review__application=application, review__submitted_at__isnull=False
        )
        .values("point")
        .annotate(mean=Avg("score"), count=Count("pk"))
    }
    points = [
        PointSummary(
            point=point,
            label=ANSWER_LABELS[point],
            mean=rows[point]["mean"] if point in rows else None,
            count=rows[point]["count"] if point in rows else 0,
        )
        for point in LETTER_POINTS
    ]
    return submitted, points


def coalition_detail(*, coalition_id: int, user) -> Coalition:
    """A coalition with its country, coordinator and members (with their jurisdictions)."""
    return get_object_or_404(
        Coalition.objects.select_related("country", "coordinator").prefetch_related(
            "members__jurisdiction"
        ),
        pk=coalition_id,
    )


def coalitions_of(member: Member) -> list[Coalition]:
    """The coalitions `member` is in, each with `.partners` (its members, this one included,
    with their jurisdictions), in one query."""
    rows = (
        CoalitionMembership.objects.filter(coalition__memberships__member=member)
        .select_related("coalition", "member__jurisdiction")
        .order_by("coalition__name", "coalition_id", "member__jurisdiction__name")
    )
    coalitions: dict[int, Coalition] = {}
    for row in rows:
        coalition = coalitions.setdefault(row.coalition_id, row.coalition)
        if not hasattr(coalition, "partners"):
            coalition.partners = []
        coalition.partners.append(row.member)
    return list(coalitions.values())
