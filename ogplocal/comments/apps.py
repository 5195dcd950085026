from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommentsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "ogplocal.comments"
    label = "comments"
    verbose_name = _("Public comments")

    def ready(self) -> None:
        from ogplocal.comments import audit  # noqa: F401  (registers the verbs)
        from ogplocal.comments.registry import register_defaults

        register_defaults()
