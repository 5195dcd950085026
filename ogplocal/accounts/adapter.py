from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        # Accounts are created by the Support Unit (points of contact, reviewers, staff).
        return settings.ACCOUNT_ALLOW_SIGNUPS
