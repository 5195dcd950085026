"""Sign-in goes through django-allauth only, so the staff second factor cannot be sidestepped."""

from urllib.parse import urlencode

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse


def admin_login(request: HttpRequest, extra_context=None) -> HttpResponse:
    """Replaces the Django admin's own password form, which knows nothing of TOTP.

    Anonymous visitors are sent to the portal's sign-in (which asks staff for their code);
    signed-in staff go on to the admin; anyone else is told nothing is there (404).
    """
    next_url = request.GET.get("next") or reverse("admin:index")
    if request.user.is_authenticated:
        if request.user.is_active and request.user.is_staff:
            return redirect(reverse("admin:index"))
        raise Http404
    return redirect(f"{reverse('account_login')}?{urlencode({'next': next_url})}")
