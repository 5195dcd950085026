"""Action plans in the admin: read-mostly. Plans are filed and submitted through
`actionplans.services` (the filing pages), which check every rule and keep the versions; staff
read them here."""

from django.contrib import admin

from actionplans.models import (
    ActionPlan,
    ActionPlanVersion,
    Contribution,
    EndorsingStakeholder,
    Evidence,
    Meeting,
)
from ogplocal.accounts.rules import is_support_unit
from ogplocal.audit.admin import AuditedModelAdmin


class ReadMostlyAdmin(AuditedModelAdmin):
    def has_view_permission(self, request, obj=None):
        return is_support_unit(request.user)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class EndorsementInline(admin.TabularInline):
    model = EndorsingStakeholder
    extra = 0
    fields = ("organization_name", "contact_name", "contact_email", "has_legal_personality")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ActionPlan)
class ActionPlanAdmin(ReadMostlyAdmin):
    list_display = ("__str__", "state", "version", "starts_on", "ends_on", "submitted_on")
    list_filter = ("state",)
    search_fields = ("member__jurisdiction__name", "coalition__name")
    list_select_related = ("member__jurisdiction", "coalition")
    inlines = [EndorsementInline]


@admin.register(ActionPlanVersion)
class ActionPlanVersionAdmin(ReadMostlyAdmin):
    list_display = ("plan", "number", "submitted_on", "submitted_by", "reason")
    list_select_related = ("plan__member__jurisdiction", "plan__coalition", "submitted_by")


# The co-creation record and the evidence repository are append-only: recorded, withdrawn or
# replaced through `actionplans.services_cocreation` and `services_evidence` (the plan's pages),
# read here.


@admin.register(Meeting)
class MeetingAdmin(ReadMostlyAdmin):
    list_display = ("plan", "held_on", "kind", "forum", "non_governmental_count", "withdrawn_at")
    list_filter = ("kind",)
    search_fields = ("forum", "plan__member__jurisdiction__name", "plan__coalition__name")
    list_select_related = ("plan__member__jurisdiction", "plan__coalition")
    date_hierarchy = "held_on"


@admin.register(Contribution)
class ContributionAdmin(ReadMostlyAdmin):
    list_display = ("plan", "received_on", "contributor", "response")
    list_filter = ("response",)
    search_fields = ("contributor", "summary", "plan__member__jurisdiction__name")
    list_select_related = ("plan__member__jurisdiction", "plan__coalition")


@admin.register(Evidence)
class EvidenceAdmin(ReadMostlyAdmin):
    list_display = (
        "title",
        "plan",
        "commitment",
        "evidence_type",
        "dated_on",
        "version",
        "filed_at",
        "superseded_at",
        "withdrawn_at",
    )
    list_filter = ("evidence_type",)
    search_fields = ("title", "description", "plan__member__jurisdiction__name")
    list_select_related = ("plan__member__jurisdiction", "plan__coalition", "commitment")
