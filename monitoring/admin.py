from django.contrib import admin

from monitoring.models import MonitoringBody, MonitoringBodyReviewer
from ogplocal.audit.admin import AuditedModelAdmin


@admin.register(MonitoringBody)
class MonitoringBodyAdmin(AuditedModelAdmin):
    list_display = ("name", "country", "organization", "is_active")
    list_filter = ("is_active", "country__ogp_region", "country")
    search_fields = ("name", "organization__name", "country__name")
    list_select_related = ("country", "organization")
    autocomplete_fields = ("country", "organization")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(MonitoringBodyReviewer)
class MonitoringBodyReviewerAdmin(AuditedModelAdmin):
    list_display = ("user", "body", "role", "starts_on", "ends_on")
    list_filter = ("role", "body", "ends_on")
    search_fields = ("user__email", "user__full_name", "body__name")
    list_select_related = ("user", "body")
    autocomplete_fields = ("body", "user")
