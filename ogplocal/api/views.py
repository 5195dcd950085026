"""The public, read-only API: members (through the directory's own FilterSet), plans, commitments
and milestones. Rows come from `ogplocal.opendata.selectors`, which hold only what is public;
`RulesPermission` checks each row's view permission and the lists `opendata.view_public_data`."""

from rest_framework import viewsets

from members.filters import MemberFilterSet
from ogplocal.api import filters, serializers
from ogplocal.opendata import selectors

READ_PUBLIC_LIST = {"list": "opendata.view_public_data"}


class MemberViewSet(viewsets.ReadOnlyModelViewSet):
    """Members of OGP Local with their status; filtered as the member directory is."""

    serializer_class = serializers.MemberSerializer
    filterset_class = MemberFilterSet
    permission_map = READ_PUBLIC_LIST

    def get_queryset(self):
        return selectors.public_members()


class ActionPlanViewSet(viewsets.ReadOnlyModelViewSet):
    """Submitted action plans (drafts are never listed)."""

    serializer_class = serializers.ActionPlanSerializer
    filterset_class = filters.ActionPlanFilterSet
    permission_map = READ_PUBLIC_LIST

    def get_queryset(self):
        return selectors.public_plans()


class CommitmentViewSet(viewsets.ReadOnlyModelViewSet):
    """Commitments of submitted plans, with every Annex 2 field but contact e-mail addresses."""

    serializer_class = serializers.CommitmentSerializer
    filterset_class = filters.CommitmentFilterSet
    permission_map = READ_PUBLIC_LIST

    def get_queryset(self):
        return selectors.public_commitments()


class MilestoneViewSet(viewsets.ReadOnlyModelViewSet):
    """Milestones of the commitments of submitted plans."""

    serializer_class = serializers.MilestoneSerializer
    filterset_class = filters.MilestoneFilterSet
    permission_map = READ_PUBLIC_LIST

    def get_queryset(self):
        return selectors.public_milestones()
