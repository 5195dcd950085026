"""Commitments in the admin: read-only; they are filed through `commitments.services`."""

from django.contrib import admin

from actionplans.admin import ReadMostlyAdmin
from commitments.models import Commitment, Milestone


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
