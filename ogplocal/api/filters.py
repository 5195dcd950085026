"""Filters of the API lists that have no HTML list of their own (the member directory's FilterSet
is `members.filters.MemberFilterSet`, shared by the page, the API and the CSV).

Rows are filtered by id numbers, not by a model choice: a choice over every plan would answer
"not a valid choice" for an unknown id and nothing for a draft's, telling a draft exists."""

import django_filters

from actionplans.models import ActionPlan
from commitments.models import Commitment, Milestone, PolicyArea, Sector


class ActionPlanFilterSet(django_filters.FilterSet):
    member = django_filters.NumberFilter(field_name="member_id")
    coalition = django_filters.NumberFilter(field_name="coalition_id")

    class Meta:
        model = ActionPlan
        fields = ["member", "coalition"]


class CommitmentFilterSet(django_filters.FilterSet):
    plan = django_filters.NumberFilter(field_name="plan_id")
    member = django_filters.NumberFilter(field_name="plan__member_id")
    policy_area = django_filters.ChoiceFilter(choices=PolicyArea.choices)
    sector = django_filters.ChoiceFilter(choices=Sector.choices)

    class Meta:
        model = Commitment
        fields = ["plan", "member", "policy_area", "sector"]


class MilestoneFilterSet(django_filters.FilterSet):
    commitment = django_filters.NumberFilter(field_name="commitment_id")

    class Meta:
        model = Milestone
        fields = ["commitment"]


class UpdateFilterSet(django_filters.FilterSet):
    commitment = django_filters.NumberFilter(field_name="update__commitment_id")
    member = django_filters.NumberFilter(field_name="update__commitment__plan__member_id")


class AssessmentFilterSet(django_filters.FilterSet):
    plan = django_filters.NumberFilter(field_name="plan_id")
    member = django_filters.NumberFilter(field_name="plan__member_id")
    kind = django_filters.CharFilter(field_name="kind")


class StatusChangeFilterSet(django_filters.FilterSet):
    member = django_filters.NumberFilter(field_name="member_id")
