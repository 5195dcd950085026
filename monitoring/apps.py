from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "monitoring"
    verbose_name = _("Monitoring")

    def ready(self) -> None:
        from monitoring import selectors
        from monitoring.rules import REVIEWER
        from ogplocal.accounts.roles import register_role

        register_role(REVIEWER, selectors.body_ids_reviewed_by)
