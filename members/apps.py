from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "members"
    verbose_name = _("Members")

    def ready(self) -> None:
        from members import selectors
        from members.rules import COMMITTEE_MEMBER, POINT_OF_CONTACT, RECUSED
        from ogplocal.accounts.roles import register_role

        register_role(POINT_OF_CONTACT, selectors.member_ids_of_point_of_contact)
        register_role(COMMITTEE_MEMBER, selectors.call_ids_of_committee_member)
        register_role(RECUSED, selectors.application_ids_recused)
