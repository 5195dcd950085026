from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CorrectionsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "ogplocal.corrections"
    label = "corrections"
    verbose_name = _("Error reports")

    def ready(self) -> None:
        from ogplocal.corrections import audit  # noqa: F401  (registers the verbs)
