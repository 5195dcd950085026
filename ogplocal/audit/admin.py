"""The audit trail in the admin: read-only for everyone, and the history of every audited object.

`AuditedModelAdmin` is the base of every ModelAdmin of the portal. Saving or deleting through the
admin then writes an AuditEvent like a service would, and the admin's "History" page of an object
lists its AuditEvents instead of Django's own LogEntry rows.
"""

from django.contrib import admin
from django.contrib.admin.utils import quote, unquote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import models, transaction
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ogplocal.audit.models import AuditEvent
from ogplocal.audit.presentation import describe_events
from ogplocal.audit.registry import member_of
from ogplocal.audit.selectors import events_for
from ogplocal.audit.services import changed_fields, record_event, snapshot

HISTORY_PER_PAGE = 100


class AuditedModelAdmin(admin.ModelAdmin):
    """Records `<model>.added`, `<model>.changed` and `<model>.deleted` events with the fields'
    values before and after, and shows the object's events on its History page."""

    # Never copied into the trail (a password hash is not history).
    audit_exclude: tuple[str, ...] = ("password",)
    # Django 6 makes https the default scheme of typed-in addresses; do so now.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def _audit_fields(self, obj: models.Model, names=None) -> list[str]:
        fields = [
            field.name
            for field in obj._meta.get_fields()
            if (field.concrete or field.many_to_many)
            and not field.auto_created
            and field.name not in self.audit_exclude
            and (names is None or field.name in names)
        ]
        return fields

    def _verb(self, action: str) -> str:
        return f"{self.model._meta.model_name}.{action}"

    def save_model(self, request, obj, form, change):
        if change:
            # The form has already written its values onto `obj`: read "before" from the database.
            stored = type(obj)._default_manager.get(pk=obj.pk)
            form._audit_fields = self._audit_fields(obj, form.changed_data)
            form._audit_before = snapshot(stored, form._audit_fields)
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        # Many-to-many values are saved here, after save_model: record the event once they are.
        super().save_related(request, form, formsets, change)
        obj = form.instance
        if change:
            names = getattr(form, "_audit_fields", [])
            before = getattr(form, "_audit_before", {})
            after = snapshot(obj, names)
            changed = changed_fields(before, after)
            if changed:
                record_event(
                    actor=request.user,
                    verb=self._verb("changed"),
                    obj=obj,
                    before={name: before[name] for name in changed},
                    after={name: after[name] for name in changed},
                )
        else:
            record_event(
                actor=request.user,
                verb=self._verb("added"),
                obj=obj,
                after=snapshot(obj, self._audit_fields(obj)),
            )

    def delete_model(self, request, obj):
        with transaction.atomic():
            self._record_deletion(request, obj)
            super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            for obj in queryset:
                self._record_deletion(request, obj)
            super().delete_queryset(request, queryset)

    def _record_deletion(self, request, obj) -> None:
        # A member with a recorded history cannot be deleted (AuditEvent.member is PROTECT); one
        # without any can, and the event of its own deletion cannot point at it.
        member = member_of(obj)
        if (
            member is not None
            and member._meta.concrete_model is obj._meta.concrete_model
            and member.pk == obj.pk
        ):
            member = None
        record_event(
            actor=request.user,
            verb=self._verb("deleted"),
            obj=obj,
            before=snapshot(obj, self._audit_fields(obj)),
            member=member,
        )

    def history_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_view_or_change_permission(request, obj) or not request.user.has_perm(
            "audit.view_auditevent"
        ):
            raise PermissionDenied
        page = Paginator(events_for(obj), HISTORY_PER_PAGE).get_page(request.GET.get("p"))
        content_type = ContentType.objects.get_for_model(obj)
        audit_log_url = (
            reverse("admin:audit_auditevent_changelist")
            + f"?content_type__id__exact={content_type.pk}&object_id={quote(str(obj.pk))}"
        )
        context = {
            **self.admin_site.each_context(request),
            "title": _("History: %s") % obj,
            "subtitle": None,
            "module_name": str(self.opts.verbose_name_plural).capitalize(),
            "object": obj,
            "opts": self.opts,
            "page_obj": page,
            "audit_log_url": audit_log_url,
            "preserved_filters": self.get_preserved_filters(request),
            **(extra_context or {}),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/audit/object_history.html", context)


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """The whole trail, read-only. Filter by object with ?content_type__id__exact=…&object_id=…"""

    list_display = ("at", "what", "object_repr", "content_type", "member", "actor")
    list_filter = ("verb", "content_type", ("at", admin.DateFieldListFilter))
    search_fields = ("object_repr", "verb", "actor__email", "object_id", "reason")
    list_select_related = ("actor", "content_type", "member__jurisdiction")
    date_hierarchy = "at"
    ordering = ("-at", "-id")
    fields = (
        "at",
        "actor",
        "verb",
        "content_type",
        "object_id",
        "object_repr",
        "member",
        "changes",
        "before",
        "after",
        "reason",
    )
    readonly_fields = fields
    show_full_result_count = False

    class Media:
        css = {"all": ("audit/audit.css",)}

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("actor", "content_type", "member__jurisdiction")
        )

    @admin.display(description=_("what"), ordering="verb")
    def what(self, obj: AuditEvent) -> str:
        return obj.label

    @admin.display(description=_("changes"))
    def changes(self, obj: AuditEvent):
        return render_to_string(
            "audit/_event_changes.html", {"row": describe_events([obj])[0]}, request=None
        )

    # Even a superuser (for whom every has_perm is true) may not add, change or delete a row.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
