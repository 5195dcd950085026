from django.contrib import admin

from ogplocal.corrections.models import CorrectionRequest


@admin.register(CorrectionRequest)
class CorrectionRequestAdmin(admin.ModelAdmin):
    """Read-only: reports are closed on the queue's page (a service, with what was done)."""

    list_display = ["created_at", "page", "state", "closed_at"]
    list_filter = ["state"]
    search_fields = ["page", "description", "reporter_email"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
