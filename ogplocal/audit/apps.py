from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "ogplocal.audit"
    label = "audit"
    verbose_name = _("Audit")

    def ready(self) -> None:
        from django.utils.module_loading import autodiscover_modules

        from ogplocal.audit.registry import register_verbs

        # What AuditedModelAdmin records for every model it manages.
        register_verbs(
            {
                "*.added": _("Added in the admin"),
                "*.changed": _("Changed in the admin"),
                "*.deleted": _("Deleted in the admin"),
            }
        )
        # Each app's audit.py registers its verbs and whose history its events belong to.
        autodiscover_modules("audit")
