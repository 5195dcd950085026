"""allauth adapters: who may sign up, what e-mails say, and TOTP secrets encrypted at rest."""

import base64
import hashlib
from types import SimpleNamespace
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from cryptography.fernet import Fernet, MultiFernet
from django.conf import settings


def site() -> SimpleNamespace:
    """The site's name and address as e-mails show them (SITE_NAME, SITE_URL)."""
    return SimpleNamespace(name=settings.SITE_NAME, domain=urlsplit(settings.SITE_URL).netloc)


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        # Applicants to OGP Local create their own account (ACCOUNT_ALLOW_SIGNUPS, on by default);
        # the other roles come from records the Support Unit keeps, never from signing up.
        return settings.ACCOUNT_ALLOW_SIGNUPS

    def save_user(self, request, user, form, commit=True):
        # A new account is an applicant's and nothing more, whatever the form carried.
        user = super().save_user(request, user, form, commit=False)
        user.is_staff = False
        user.is_superuser = False
        if commit:
            user.save()
        return user

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        # allauth's mails greet from `current_site`; without django.contrib.sites that is the
        # request's host (127.0.0.1:8000 behind a proxy), so name the site from settings.
        super().send_mail(template_prefix, email, {"current_site": site(), **context})


def _fernet_key(secret_key: str) -> bytes:
    digest = hashlib.sha256(f"ogplocal.mfa.encryption:{secret_key}".encode()).digest()
    return base64.urlsafe_b64encode(digest)


class MFAAdapter(DefaultMFAAdapter):
    """Encrypts TOTP secrets and recovery-code seeds with Fernet (AES-128-CBC + HMAC-SHA256).

    The key is derived from SECRET_KEY, so production manages one secret. A database dump alone
    no longer yields anyone's second factor. Rotating SECRET_KEY: keep the old key in
    SECRET_KEY_FALLBACKS, and secrets encrypted with it still decrypt.
    """

    def _fernet(self) -> MultiFernet:
        keys = [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]
        return MultiFernet([Fernet(_fernet_key(key)) for key in keys])

    def encrypt(self, text: str) -> str:
        return self._fernet().encrypt(text.encode()).decode()

    def decrypt(self, encrypted_text: str) -> str:
        return self._fernet().decrypt(encrypted_text.encode()).decode()
