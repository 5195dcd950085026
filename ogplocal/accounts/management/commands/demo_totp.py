"""Print the current TOTP code of the demo staff account (for the second factor at sign-in).

`make totp` runs it with the environment of `make run` (DEBUG=true DEMO_MODE=true).
"""

import time

from allauth.mfa.models import Authenticator
from django.core.management.base import BaseCommand, CommandError

from ogplocal.accounts.demo import (
    DEMO_STAFF_EMAIL,
    DEMO_TOTP_SECRET,
    TOTP_PERIOD_SECONDS,
    current_totp_code,
    demo_mode,
)


class Command(BaseCommand):
    help = f"Print the current six-digit sign-in code of {DEMO_STAFF_EMAIL} (DEMO_MODE only)."

    def handle(self, *args, **options):
        if not demo_mode():
            raise CommandError(
                "demo_totp works only when DEMO_MODE=true (run `make totp`, which sets it): "
                "outside a demo site the staff account has no documented second factor."
            )
        if not Authenticator.objects.filter(
            user__email=DEMO_STAFF_EMAIL, type=Authenticator.Type.TOTP
        ).exists():
            raise CommandError(
                f"{DEMO_STAFF_EMAIL} has no authenticator yet: run `make run` first (it seeds one)."
            )
        now = time.time()
        seconds_left = TOTP_PERIOD_SECONDS - int(now) % TOTP_PERIOD_SECONDS
        self.stdout.write(current_totp_code(DEMO_TOTP_SECRET, at=now))
        self.stderr.write(
            f"Code for {DEMO_STAFF_EMAIL}, valid for about {seconds_left} more seconds "
            f"(secret {DEMO_TOTP_SECRET} for an authenticator app)."
        )
