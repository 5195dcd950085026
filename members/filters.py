"""The one FilterSet of the member directory (STYLE.md rule 11): the HTML directory renders its
form, and the API list and the CSV download of the directory (ogplocal/api, ogplocal/opendata)
filter with the same class, so the three always return the same rows for the same query string."""

from datetime import date

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from actionplans.models import ActionPlan, PlanState
from commitments.models import Commitment, PolicyArea, Sector
from members.country_choices import CountryChoiceFilter
from members.models import (
    CoalitionMembership,
    Country,
    JurisdictionKind,
    Member,
    MemberStatus,
    OgpRegion,
    fold_for_search,
)
from members.selectors_public import filter_by_status
from ogplocal.accounts.roles import roles_of

# `status` also takes "inactive_voluntary": inactive at the member's own request (LH §4.1).
VOLUNTARY = "inactive_voluntary"
STATUS_CHOICES = [
    (MemberStatus.ACTIVE, MemberStatus.ACTIVE.label),
    (MemberStatus.INACTIVE, MemberStatus.INACTIVE.label),
    (VOLUNTARY, _("Inactive (voluntary)")),
    (MemberStatus.PROBATION, MemberStatus.PROBATION.label),
    (MemberStatus.REVOKED, MemberStatus.REVOKED.label),
]

PLAN_CURRENT = "current"
PLAN_NONE = "none"
PLAN_CHOICES = [
    (PLAN_CURRENT, _("With an action plan in force")),
    (PLAN_NONE, _("No action plan submitted yet")),
]


@extend_schema_field(OpenApiTypes.INT)
class YearChoiceFilter(django_filters.ChoiceFilter):
    """A year among those given (the API schema says: an integer)."""


def _cohort_choices():
    years = Member.objects.dates("joined_on", "year", order="DESC")
    return [(str(day.year), str(day.year)) for day in years]


def _members_with_commitments(condition: Q) -> Q:
    """Members with a filed commitment matching `condition` in one of their submitted plans, their
    own or their coalition's (LH §3.4), as two subqueries (no duplicate rows)."""
    commitments = Commitment.objects.filter(
        condition, plan__state=PlanState.SUBMITTED, submitted_on__isnull=False
    )
    return Q(pk__in=commitments.values("plan__member_id")) | Q(
        pk__in=CoalitionMembership.objects.filter(
            coalition_id__in=commitments.values("plan__coalition_id")
        ).values("member_id")
    )


def _members_with_plans(plans) -> Q:
    """Members with one of `plans`, their own or their coalition's."""
    # No NULL in the subqueries: `NOT (pk IN (…, NULL))` would exclude every row.
    return Q(pk__in=plans.filter(member_id__isnull=False).values("member_id")) | Q(
        pk__in=CoalitionMembership.objects.filter(
            coalition_id__in=plans.filter(coalition_id__isnull=False).values("coalition_id")
        ).values("member_id")
    )


class MemberFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search by name"), method="search")
    country = CountryChoiceFilter(
        label=_("Country"),
        field_name="jurisdiction__country",
        queryset=Country.objects.filter(jurisdictions__memberships__isnull=False).distinct(),
        to_field_name="iso_code",
        empty_label=_("All countries"),
    )
    region = django_filters.ChoiceFilter(
        label=_("OGP region"),
        field_name="jurisdiction__country__ogp_region",
        choices=OgpRegion.choices,
        empty_label=_("All regions"),
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind of jurisdiction"),
        field_name="jurisdiction__kind",
        choices=JurisdictionKind.choices,
        empty_label=_("All kinds"),
    )
    cohort = YearChoiceFilter(
        label=_("Joined in"),
        field_name="joined_on__year",
        choices=_cohort_choices,
        empty_label=_("Any year"),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=STATUS_CHOICES,
        empty_label=_("All statuses"),
        method="by_status",
    )
    plan = django_filters.ChoiceFilter(
        label=_("Action plan"),
        choices=PLAN_CHOICES,
        empty_label=_("With or without a plan"),
        method="by_plan",
    )
    policy_area = django_filters.ChoiceFilter(
        label=_("Policy area of a commitment"),
        choices=PolicyArea.choices,
        empty_label=_("All policy areas"),
        method="by_policy_area",
    )
    sector = django_filters.ChoiceFilter(
        label=_("Sector of a commitment"),
        choices=Sector.choices,
        empty_label=_("All sectors"),
        method="by_sector",
    )
    mine = django_filters.BooleanFilter(
        label=_("Only members I am a point of contact for"),
        method="only_mine",
        widget=forms.CheckboxInput(),
    )
    sort = django_filters.OrderingFilter(
        label=_("Sort by"),
        empty_label=None,
        null_label=None,
        fields=(
            ("jurisdiction__name", "name"),
            ("jurisdiction__country__name", "country"),
            ("joined_on", "joined"),
        ),
        field_labels={
            "name": _("Name (A to Z)"),
            "-name": _("Name (Z to A)"),
            "country": _("Country (A to Z)"),
            "-country": _("Country (Z to A)"),
            "joined": _("Joined (earliest first)"),
            "-joined": _("Joined (latest first)"),
        },
    )

    class Meta:
        model = Member
        fields = [
            "q",
            "country",
            "region",
            "kind",
            "cohort",
            "status",
            "plan",
            "policy_area",
            "sector",
            "mine",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._member_ids = roles_of(getattr(self.request, "user", None)).point_of_contact
        # "Only mine" asked by someone with no member of their own: an empty list that says why
        # (the template reads this), not the whole directory as if the filter had worked.
        self.mine_without_members = not self._member_ids and self._asks_for_mine()
        if not self._member_ids and not self.mine_without_members:
            # Only points of contact have members of their own to filter on.
            del self.filters["mine"]

    @property
    def as_of(self) -> date:
        return getattr(self.request, "as_of", None) or timezone.localdate()

    @property
    def qs(self):
        queryset = super().qs
        # A stable order whatever the sort: the name, then the membership.
        if not queryset.query.order_by:
            return queryset.order_by("jurisdiction__name", "pk")
        return queryset.order_by(*queryset.query.order_by, "pk")

    def _asks_for_mine(self) -> bool:
        value = (self.data or {}).get("mine", "")
        return str(value).strip().lower() in {"true", "on", "1", "yes"}

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        # `search_name` holds the name and region without accents or case ("Bogotá" → "bogota"),
        # so "Bogota", "BOGOTÁ" and "sao paulo" find them on SQLite and PostgreSQL alike.
        return queryset.filter(
            Q(jurisdiction__search_name__contains=fold_for_search(value))
            | Q(jurisdiction__country__name__icontains=value)
        )

    def by_status(self, queryset, name, value):
        if value == VOLUNTARY:
            return filter_by_status(
                queryset, MemberStatus.INACTIVE, as_of=self.as_of, voluntary=True
            )
        if value == MemberStatus.INACTIVE:
            return filter_by_status(queryset, value, as_of=self.as_of, voluntary=False)
        return filter_by_status(queryset, value, as_of=self.as_of)

    def by_plan(self, queryset, name, value):
        as_of = self.as_of
        plans = ActionPlan.objects.filter(state=PlanState.SUBMITTED, submitted_on__lte=as_of)
        if value == PLAN_NONE:
            return queryset.exclude(_members_with_plans(plans))
        in_force = plans.filter(starts_on__lte=as_of, ends_on__gte=as_of)
        return queryset.filter(_members_with_plans(in_force))

    def by_policy_area(self, queryset, name, value):
        return queryset.filter(
            _members_with_commitments(Q(policy_area=value) | Q(second_policy_area=value))
        )

    def by_sector(self, queryset, name, value):
        return queryset.filter(_members_with_commitments(Q(sector=value) | Q(second_sector=value)))

    def only_mine(self, queryset, name, value):
        if value and self.mine_without_members:
            return queryset.none()
        if value:
            return queryset.filter(pk__in=self._member_ids)
        return queryset
