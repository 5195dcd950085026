"""The tracker in the admin (Support Unit only).

H4: the daily job's records, read-only: status changes and letters are written by the job
(tracker.job) and never edited; a member's evaluation shows the error its data last caused.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from ogplocal.accounts.rules import is_support_unit
from tracker.models import (
    TrackerUpdate,
    TrackerUpdateVersion,
    VoluntaryInactivity,
    VoluntaryInactivityEnd,
)
from tracker.status_models import MemberEvaluation, StatusChange, StatusLetter


class _ReadOnlyAdmin(admin.ModelAdmin):
    def has_view_permission(self, request, obj=None):
        return is_support_unit(request.user)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(StatusChange)
class StatusChangeAdmin(_ReadOnlyAdmin):
    list_display = ("member", "effective_on", "status", "voluntary", "kind", "recorded_on")
    list_filter = ("status", "kind")
    search_fields = ("member__jurisdiction__name",)
    list_select_related = ("member__jurisdiction",)
    date_hierarchy = "effective_on"


@admin.register(StatusLetter)
class StatusLetterAdmin(_ReadOnlyAdmin):
    list_display = ("reference", "member", "dated_on", "revocation_on")
    search_fields = ("reference", "member__jurisdiction__name")
    list_select_related = ("member__jurisdiction",)


class HasErrorFilter(admin.SimpleListFilter):
    title = _("error")
    parameter_name = "error"

    def lookups(self, request, model_admin):
        return [("yes", _("With an error")), ("no", _("Without an error"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.exclude(error="")
        if self.value() == "no":
            return queryset.filter(error="")
        return queryset


@admin.register(MemberEvaluation)
class MemberEvaluationAdmin(_ReadOnlyAdmin):
    list_display = ("member", "evaluated_on", "next_evaluation_on", "error_on", "error")
    list_filter = (HasErrorFilter,)
    search_fields = ("member__jurisdiction__name",)
    list_select_related = ("member__jurisdiction",)


# --- H2 (session 4, issue 21): tracker updates and voluntary inactivity, read-only -------------
# Filed, corrected, requested, decided and ended through the portal's pages and services only
# (each a new record, never edited); the admin shows them with their whole history.


class _ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class TrackerUpdateVersionInline(_ReadOnlyInline):
    model = TrackerUpdateVersion
    fields = ("number", "filed_on", "completion_level", "progress", "filed_by", "correction_reason")
    readonly_fields = fields
    verbose_name_plural = _("Versions (the latest is shown on the portal)")


@admin.register(TrackerUpdate)
class TrackerUpdateAdmin(_ReadOnlyAdmin):
    list_display = ("commitment", "quarter_starts_on", "submitted_on")
    list_filter = (("quarter_starts_on", admin.DateFieldListFilter),)
    search_fields = ("commitment__title", "commitment__plan__member__jurisdiction__name")
    list_select_related = ("commitment",)
    date_hierarchy = "submitted_on"
    inlines = (TrackerUpdateVersionInline,)


class VoluntaryInactivityEndInline(_ReadOnlyInline):
    model = VoluntaryInactivityEnd
    fields = ("ends_on", "recorded_on", "recorded_by", "reason")
    readonly_fields = fields
    verbose_name_plural = _("Ends recorded (the latest is in force)")


@admin.register(VoluntaryInactivity)
class VoluntaryInactivityAdmin(_ReadOnlyAdmin):
    list_display = ("member", "starts_on", "ends_on", "state", "requested_on", "granted_on")
    list_filter = ("state",)
    search_fields = ("member__jurisdiction__name", "reason")
    list_select_related = ("member__jurisdiction",)
    date_hierarchy = "requested_on"
    inlines = (VoluntaryInactivityEndInline,)
