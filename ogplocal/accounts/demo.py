"""The documented demo logins of `make run` (DEMO_MODE only; never in production).

README and `seed_demo` print these values: they are public by design, which is why `seed_demo`
sets them only when settings.DEMO_MODE is true.
"""

import time

from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.conf import settings

DEMO_PASSWORD = "demo-password-2026"  # noqa: S105 (documented demo login, DEMO_MODE only)
DEMO_EMAIL_DOMAIN = "demo.ogplocal.org"
DEMO_STAFF_EMAIL = f"staff@{DEMO_EMAIL_DOMAIN}"
# Base32, 20 bytes. Public on purpose: a newcomer can add it to an authenticator app, or run
# `manage.py demo_totp` for the current code.
DEMO_TOTP_SECRET = "OGPLOCALDEMOSTAFFTOTPSECRETKEY22"  # noqa: S105
TOTP_PERIOD_SECONDS = 30


def demo_mode() -> bool:
    return bool(getattr(settings, "DEMO_MODE", False))


def current_totp_code(secret: str = DEMO_TOTP_SECRET, at: float | None = None) -> str:
    """The six-digit TOTP code of `secret` at `at` (now by default), as allauth.mfa checks it."""
    counter = int(time.time() if at is None else at) // TOTP_PERIOD_SECONDS
    return format_hotp_value(hotp_value(secret, counter))
