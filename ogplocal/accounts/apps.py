from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "ogplocal.accounts"
    label = "accounts"
    verbose_name = _("People")

    def ready(self) -> None:
        # The portal's deployment checks (ogplocal/checks.py) register themselves on import.
        from ogplocal import checks  # noqa: F401
