"""Read paths of the review by the selection committee (LH §1.2): the queue, the review page, the
committee and the cohort view. Scoped to the person asking: a recused person never gets the
applications they are recused from (`members.selectors.application_ids_recused`)."""

from dataclasses import dataclass, field

from django.db.models import (
    Avg,
    Case,
    CharField,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from members.models import (
    Application,
    ApplicationState,
    Call,
    CommitteeMember,
    JurisdictionKind,
    OgpRegion,
    Review,
    Score,
)
from members.rules import COMMITTEE_MEMBER, RECUSED
from ogplocal.accounts.roles import held

# States the committee reads: submitted, and what became of it (never drafts nor withdrawn ones).
UNDER_REVIEW_STATES = (
    ApplicationState.SUBMITTED,
    ApplicationState.SHORTLISTED,
    ApplicationState.ACCEPTED,
    ApplicationState.NOT_ACCEPTED,
)

# Population bands for the filters and the cohort view (LH §1.2 asks for a balance of sizes):
# (key, label, lowest inclusive, highest exclusive or None).
POPULATION_BANDS: tuple[tuple[str, str, int, int | None], ...] = (
    ("under_100k", _("Under 100,000"), 0, 100_000),
    ("100k_500k", _("100,000 to 500,000"), 100_000, 500_000),
    ("500k_2m", _("500,000 to 2 million"), 500_000, 2_000_000),
    ("2m_10m", _("2 to 10 million"), 2_000_000, 10_000_000),
    ("over_10m", _("10 million or more"), 10_000_000, None),
)
UNKNOWN_BAND = "unknown"


def population_band_filter(key: str) -> Q:
    for band_key, _label, lowest, highest in POPULATION_BANDS:
        if band_key == key:
            condition = Q(population__gte=lowest)
            if highest is not None:
                condition &= Q(population__lt=highest)
            return condition
    return Q(population__isnull=True)


def _population_band_case() -> Case:
    return Case(
        *[When(population_band_filter(key), then=Value(key)) for key, *_rest in POPULATION_BANDS],
        default=Value(UNKNOWN_BAND),
        output_field=CharField(),
    )


# --- the call and its committee ------------------------------------------------------------------


def call_for_review(*, call_slug: str, user) -> Call:
    """The call of a review page; 404 if there is none (the permission decides who may review)."""
    return get_object_or_404(Call, slug=call_slug)


def calls_to_review(user) -> QuerySet[Call]:
    """The calls whose committee `user` sits on, and, for staff, every call that is not a draft."""
    if not user.is_authenticated:
        return Call.objects.none()
    condition = Q(pk__in=held(user, COMMITTEE_MEMBER))
    if user.is_staff:
        condition |= ~Q(state="draft")
    return Call.objects.filter(condition).order_by("-opens_on", "-pk")


def committee_of(call: Call) -> list[CommitteeMember]:
    """The committee of `call` with each member's account and country and how many reviews they
    submitted in the call (one query)."""
    return list(
        CommitteeMember.objects.filter(call=call)
        .select_related("user", "country", "invited_by")
        .annotate(
            submitted_reviews=Count(
                "user__application_reviews",
                filter=Q(
                    user__application_reviews__application__call=call,
                    user__application_reviews__submitted_at__isnull=False,
                ),
            )
        )
        .order_by("user__full_name", "pk")
    )


def sees_every_score(user, call: Call) -> bool:
    """Support Unit staff who are not on the call's committee see every submitted score; everyone
    else sees them application by application, once their own review is submitted."""
    return bool(user.is_staff) and call.pk not in held(user, COMMITTEE_MEMBER)


# --- the queue -----------------------------------------------------------------------------------


def recused_application_ids(user) -> frozenset[int]:
    return held(user, RECUSED)


def review_queue(call: Call, user) -> QuerySet[Application]:
    """The applications of `call` under review that `user` may read (none they are recused from),
    with what the queue shows: the user's own review (`my_review_submitted_at`, `has_my_review`),
    the number of submitted reviews and their average score. One query, whatever the number."""
    my_reviews = Review.objects.filter(application=OuterRef("pk"), reviewer=user)
    submitted = Review.objects.filter(application=OuterRef("pk"), submitted_at__isnull=False)
    average = (
        Score.objects.filter(review__application=OuterRef("pk"), review__submitted_at__isnull=False)
        .order_by()
        .values("review__application")
        .annotate(average=Avg("score"))
        .values("average")
    )
    count = submitted.order_by().values("application").annotate(count=Count("pk")).values("count")
    return (
        Application.objects.filter(call=call, state__in=UNDER_REVIEW_STATES)
        .exclude(pk__in=recused_application_ids(user))
        .select_related("country")
        .annotate(
            has_my_review=Exists(my_reviews),
            my_review_submitted_at=Subquery(my_reviews.values("submitted_at")[:1]),
            submitted_reviews=Subquery(count, output_field=IntegerField()),
            average_score=Subquery(average),
            population_band=_population_band_case(),
        )
        .order_by("jurisdiction_name", "pk")
    )


def hidden_by_recusal(call: Call, user) -> int:
    """How many applications of `call` under review `user` does not see because of a recusal."""
    return Application.objects.filter(
        call=call, state__in=UNDER_REVIEW_STATES, pk__in=recused_application_ids(user)
    ).count()


# --- one application -----------------------------------------------------------------------------


def application_for_review(*, call_slug: str, application_id: int, user) -> Application:
    """One application of the call for its review page, with its signatories; 404 if there is none
    (the permission decides the rest: recused people get 404 too)."""
    return get_object_or_404(
        Application.objects.select_related("call", "country", "jurisdiction").prefetch_related(
            "signatories"
        ),
        pk=application_id,
        call__slug=call_slug,
    )


def review_of(application: Application, user) -> Review | None:
    """`user`'s own review of `application` with its scores, or None."""
    if not user.is_authenticated:
        return None
    return (
        Review.objects.filter(application=application, reviewer=user)
        .prefetch_related("scores")
        .first()
    )


def submitted_reviews_of(application: Application, *, excluding=None) -> list[Review]:
    """The submitted reviews of `application` with their reviewers and scores (two queries). Show
    them only to whom `members.view_review_scores` allows."""
    reviews = Review.objects.filter(application=application, submitted_at__isnull=False)
    if excluding is not None:
        reviews = reviews.exclude(reviewer=excluding)
    return list(
        reviews.select_related("reviewer")
        .prefetch_related(Prefetch("scores", queryset=Score.objects.order_by("point")))
        .order_by("submitted_at", "pk")
    )


# --- the cohort view (LH §1.2: a balance of regions, kinds and sizes) ----------------------------


@dataclass
class CohortRow:
    key: str
    label: str
    received: int = 0
    shortlisted: int = 0
    accepted: int = 0


@dataclass
class Cohort:
    total: CohortRow
    by_region: list[CohortRow] = field(default_factory=list)
    by_kind: list[CohortRow] = field(default_factory=list)
    by_population: list[CohortRow] = field(default_factory=list)


def cohort_of(call: Call) -> Cohort:
    """How the applications of `call` under review spread over OGP regions, kinds of jurisdiction
    and population bands: received (submitted), shortlisted, accepted. One query."""
    counts = (
        Application.objects.filter(call=call, state__in=UNDER_REVIEW_STATES)
        .annotate(population_band=_population_band_case())
        .values("country__ogp_region", "kind", "population_band")
        .annotate(
            received=Count("pk"),
            shortlisted=Count(
                "pk",
                filter=Q(shortlisted_on__isnull=False) | Q(state=ApplicationState.SHORTLISTED),
            ),
            accepted=Count("pk", filter=Q(state=ApplicationState.ACCEPTED)),
        )
        .order_by()
    )
    unknown = _("Not given")
    regions = {key: CohortRow(key, label) for key, label in OgpRegion.choices}
    kinds = {key: CohortRow(key, label) for key, label in JurisdictionKind.choices}
    bands = {key: CohortRow(key, label) for key, label, *_rest in POPULATION_BANDS}
    bands[UNKNOWN_BAND] = CohortRow(UNKNOWN_BAND, unknown)
    total = CohortRow("total", _("All applications"))
    for row in counts:
        targets = [
            regions.setdefault(row["country__ogp_region"] or "", CohortRow("", unknown)),
            kinds.setdefault(row["kind"] or "", CohortRow("", unknown)),
            bands[row["population_band"]],
            total,
        ]
        for target in targets:
            target.received += row["received"]
            target.shortlisted += row["shortlisted"]
            target.accepted += row["accepted"]

    def shown(rows: dict[str, CohortRow]) -> list[CohortRow]:
        return [row for row in rows.values() if row.received]

    return Cohort(
        total=total,
        by_region=shown(regions),
        by_kind=shown(kinds),
        by_population=shown(bands),
    )
