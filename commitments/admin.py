"""Commitments in the admin: read-only; they are filed through `commitments.services`."""

from django.contrib import admin

from actionplans.admin import ReadMostlyAdmin
from commitments.models import ChangeNotice, Commitment, CommitmentVersion, Milestone


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0
    fields = ("number", "output", "starts_on", "ends_on", "responsible_agency", "contact_name")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Commitment)
class CommitmentAdmin(ReadMostlyAdmin):
    list_display = ("title", "plan", "number", "starts_on", "ends_on", "completed_on")
    list_filter = ("policy_area", "sector")
    search_fields = ("title", "plan__member__jurisdiction__name")
    list_select_related = ("plan__member__jurisdiction", "plan__coalition")
    inlines = [MilestoneInline]


# Changes (LH §3.2.1.3) are recorded through `commitments.services_changes.propose_change`, which
# writes the notice and the resulting version together; both are append-only, read here.


@admin.register(ChangeNotice)
class ChangeNoticeAdmin(ReadMostlyAdmin):
    list_display = ("commitment", "kind", "proposed_on", "proposed_by", "created_at")
    list_filter = ("kind",)
    search_fields = ("commitment__title", "description", "consulted")
    list_select_related = (
        "commitment__plan__member__jurisdiction",
        "commitment__plan__coalition",
        "proposed_by",
    )


@admin.register(CommitmentVersion)
class CommitmentVersionAdmin(ReadMostlyAdmin):
    list_display = ("commitment", "number", "created_at", "reason")
    search_fields = ("commitment__title", "reason")
    list_select_related = ("commitment__plan__member__jurisdiction", "commitment__plan__coalition")
