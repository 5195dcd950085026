"""Request middleware of the accounts app: the staff second factor, and the request's date."""

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone

from ogplocal.accounts.roles import bind_as_of

# Paths a staff member without a second factor may still reach: setting one up, signing out.
_ALLOWED_PREFIXES = ("/accounts/", "/static/", "/i18n/")


class StaffMFARequiredMiddleware:
    """Support Unit staff must have a TOTP second factor before they can use the portal."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            settings.STAFF_MFA_REQUIRED
            and user is not None
            and user.is_authenticated
            and user.is_staff
            and not request.path.startswith(_ALLOWED_PREFIXES)
            and not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
        ):
            return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)


class AsOfMiddleware:
    """Fix the day of the request once: `request.as_of`, also the date the role cache answers for.

    Views pass `request.as_of` to selectors and services (STYLE.md rule 6), so nothing deeper asks
    the clock, and one request never straddles two days. Must come after AuthenticationMiddleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.as_of = timezone.localdate()
        bind_as_of(getattr(request, "user", None), request.as_of)
        return self.get_response(request)
