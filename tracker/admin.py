"""The tracker in the admin (Support Unit only).

H4: the daily job's records, read-only: status changes and letters are written by the job
(tracker.job) and never edited; a member's evaluation shows the error its data last caused.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from ogplocal.accounts.rules import is_support_unit
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
