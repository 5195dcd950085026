"""Staff see every delivery and can send a failed one again, never a sent one."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from ogplocal.accounts.rules import is_support_unit
from ogplocal.notifications.models import OutboxMessage, OutboxState
from ogplocal.notifications.services import resend


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    list_display = ("created_at", "kind", "subject", "to", "state", "attempts", "sent_at")
    list_filter = ("state", "kind")
    search_fields = ("to", "subject", "key")
    date_hierarchy = "created_at"
    list_select_related = ("member__jurisdiction",)
    readonly_fields = [field.name for field in OutboxMessage._meta.fields]
    actions = ["resend_failed"]

    def has_add_permission(self, request):
        return False

    def has_view_permission(self, request, obj=None):
        return is_support_unit(request.user)

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Send the selected failed e-mails again"))
    def resend_failed(self, request, queryset):
        resent = skipped = 0
        for message in queryset:
            try:
                resend(message, actor=request.user)
            except ValidationError:
                skipped += 1
            else:
                resent += 1
        if resent:
            self.message_user(
                request,
                ngettext(
                    "%(count)d e-mail will be sent again.",
                    "%(count)d e-mails will be sent again.",
                    resent,
                )
                % {"count": resent},
                messages.SUCCESS,
            )
        if skipped:
            self.message_user(
                request,
                ngettext(
                    "%(count)d e-mail was not failed and was left alone "
                    "(a sent e-mail is never sent again).",
                    "%(count)d e-mails were not failed and were left alone "
                    "(a sent e-mail is never sent again).",
                    skipped,
                )
                % {"count": skipped},
                messages.WARNING,
            )


__all__ = ["OutboxMessageAdmin", "OutboxState"]
