"""Load the demo world and print one demo login per role (`make run` calls this)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from members.demo import seed_demo_world
from ogplocal.accounts.demo import DEMO_PASSWORD


class Command(BaseCommand):
    help = (
        "Create or refresh demonstration members, people and logins (idempotent). Runs only with "
        "DEMO_MODE or DEBUG on, or with --allow-production-demo (then the logins are unusable)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-production-demo",
            action="store_true",
            help="Load the demo data outside demo mode, with unusable passwords and no TOTP.",
        )

    def handle(self, *args, **options):
        demo_mode = bool(getattr(settings, "DEMO_MODE", False))
        if not (demo_mode or settings.DEBUG or options["allow_production_demo"]):
            raise CommandError(
                "seed_demo loads demonstration data with public logins and is refused here: "
                "DEMO_MODE and DEBUG are both off. Set DEMO_MODE=true on a demo site, or pass "
                "--allow-production-demo to load the data with unusable passwords."
            )
        result = seed_demo_world(demo_passwords=demo_mode)
        self._print_logins(result)

    def _print_logins(self, result) -> None:
        password = DEMO_PASSWORD if result.demo_passwords else "(unusable: DEMO_MODE is off)"
        rows = [("Role", "E-mail", "Password", "What to look at")]
        rows += [(login.role, login.email, password, login.look_at) for login in result.logins]
        rows.append(("Public", "(no account)", "-", "/members/ and any member's page"))
        widths = [max(len(row[column]) for row in rows) for column in range(3)]
        self.stdout.write(self.style.SUCCESS("Demo data is ready. One login per role:"))
        for number, row in enumerate(rows):
            cells = [row[column].ljust(widths[column]) for column in range(3)] + [row[3]]
            self.stdout.write("  " + "  ".join(cells))
            if number == 0:
                self.stdout.write("  " + "  ".join("-" * width for width in [*widths, 15]))
        if result.demo_passwords:
            self.stdout.write(
                "Staff sign in with a second factor: run `make totp` in another terminal for the "
                "current six-digit code."
            )
