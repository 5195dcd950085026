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


# Rows of models whose own view permission is narrower than the public record (a status change
# is also its member's private history of letters) or that have none (update versions): their
# querysets hold only what is public, and the open data's permission names both actions.
READ_PUBLIC_ROWS = {"list": "opendata.view_public_data", "retrieve": "opendata.view_public_data"}


class TrackerUpdateViewSet(viewsets.ReadOnlyModelViewSet):
    """Tracker updates on published commitments, one row per filed version."""

    serializer_class = serializers.TrackerUpdateSerializer
    filterset_class = filters.UpdateFilterSet
    permission_map = READ_PUBLIC_ROWS

    def get_queryset(self):
        return selectors.public_update_versions()


class AssessmentViewSet(viewsets.ReadOnlyModelViewSet):
    """Published assessments of the monitoring bodies (never drafts nor those open for comments)."""

    serializer_class = serializers.AssessmentSerializer
    filterset_class = filters.AssessmentFilterSet
    permission_map = READ_PUBLIC_ROWS

    def get_queryset(self):
        return selectors.public_assessments()


class StatusChangeViewSet(viewsets.ReadOnlyModelViewSet):
    """Each status announced for a member, from the day it took effect, with the rules in force."""

    serializer_class = serializers.StatusChangeSerializer
    filterset_class = filters.StatusChangeFilterSet
    permission_map = READ_PUBLIC_ROWS

    def get_queryset(self):
        return selectors.public_status_changes()
