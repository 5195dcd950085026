from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "members"
    verbose_name = _("Members")

    def ready(self) -> None:
        from members import selectors
        from members.rules import POINT_OF_CONTACT
        from ogplocal.accounts.roles import register_role

        register_role(POINT_OF_CONTACT, selectors.member_ids_of_point_of_contact)
