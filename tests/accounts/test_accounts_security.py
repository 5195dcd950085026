"""What the security probe of issue 17 found: TOTP secrets, superuser rights, the client's address
behind the proxy, and what the account e-mails say."""

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import decrypt
from cryptography.fernet import InvalidToken
from django.core import mail
from django.test import RequestFactory
from django.urls import reverse

from ogplocal.accounts.axes import client_ip_address
from ogplocal.accounts.demo import current_totp_code
from ogplocal.accounts.models import User
from tests.factories import PASSWORD, TOTP_SECRET, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    client.force_login(UserFactory(staff=True, with_totp=True))
    return client


# --- TOTP secrets ---------------------------------------------------------------------------


def _totp(user) -> Authenticator:
    return Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)


def test_totp_secret_is_stored_encrypted():
    stored = _totp(UserFactory(with_totp=True)).data["secret"]

    assert TOTP_SECRET not in stored
    assert decrypt(stored) == TOTP_SECRET


def test_totp_secret_cannot_be_read_with_another_secret_key(settings):
    stored = _totp(UserFactory(with_totp=True)).data["secret"]
    settings.SECRET_KEY = "another-key-" + "q7Wz" * 12

    with pytest.raises(InvalidToken):
        decrypt(stored)


def test_totp_secret_still_decrypts_after_the_secret_key_is_rotated(settings):
    old_key = settings.SECRET_KEY
    stored = _totp(UserFactory(with_totp=True)).data["secret"]
    settings.SECRET_KEY = "the-new-key-" + "q7Wz" * 12
    settings.SECRET_KEY_FALLBACKS = [old_key]

    assert decrypt(stored) == TOTP_SECRET


def test_staff_sign_in_with_the_code_of_an_encrypted_secret(client):
    UserFactory(email="staff@ogp.example.org", staff=True, with_totp=True)
    client.post(reverse("account_login"), {"login": "staff@ogp.example.org", "password": PASSWORD})

    response = client.post(reverse("mfa_authenticate"), {"code": current_totp_code(TOTP_SECRET)})

    assert response.status_code == 302
    assert "_auth_user_id" in client.session


def test_the_authenticator_admin_page_shows_no_secret(staff_client):
    authenticator = _totp(UserFactory(with_totp=True))

    response = staff_client.get(reverse("admin:mfa_authenticator_change", args=[authenticator.pk]))

    html = response.content.decode()
    assert response.status_code == 200
    assert TOTP_SECRET not in html
    assert authenticator.data["secret"] not in html
    assert "secret" not in html.lower()


def test_staff_reset_a_lost_device_by_deleting_the_authenticator(staff_client):
    authenticator = _totp(UserFactory(with_totp=True))

    response = staff_client.post(
        reverse("admin:mfa_authenticator_delete", args=[authenticator.pk]), {"post": "yes"}
    )

    assert response.status_code == 302
    assert not Authenticator.objects.filter(pk=authenticator.pk).exists()


# --- Only a superuser makes a superuser ------------------------------------------------------


def _change_user(client, user: User, **extra):
    data = {
        "email": user.email,
        "full_name": user.full_name,
        "preferred_language": "",
        "is_active": "on",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "00:00:00",
        **extra,
    }
    return client.post(reverse("admin:accounts_user_change", args=[user.pk]), data)


def test_staff_who_are_not_superusers_see_is_superuser_read_only(staff_client):
    user = UserFactory()

    response = staff_client.get(reverse("admin:accounts_user_change", args=[user.pk]))

    assert response.status_code == 200
    form = response.context["adminform"].form
    assert "is_superuser" not in form.fields
    assert "user_permissions" not in form.fields
    assert "is_staff" in form.fields


def test_staff_who_are_not_superusers_cannot_make_a_superuser(staff_client):
    user = UserFactory()

    response = _change_user(staff_client, user, is_superuser="on")

    assert response.status_code == 302
    user.refresh_from_db()
    assert not user.is_superuser


def test_staff_who_are_not_superusers_cannot_change_a_superusers_account(staff_client):
    superuser = UserFactory(is_superuser=True, staff=True)

    response = _change_user(staff_client, superuser, email="taken-over@example.org")

    assert response.status_code == 403
    superuser.refresh_from_db()
    assert superuser.email != "taken-over@example.org"


def test_a_superuser_can_make_a_superuser(client):
    client.force_login(UserFactory(is_superuser=True, staff=True, with_totp=True))
    user = UserFactory()

    response = _change_user(client, user, is_superuser="on")

    assert response.status_code == 302
    user.refresh_from_db()
    assert user.is_superuser


# --- The client's address behind the TLS proxy -----------------------------------------------


def _request(forwarded_for: str):
    return RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded_for)


def test_behind_one_proxy_the_client_is_the_address_the_proxy_appended(settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1

    assert client_ip_address(_request("6.6.6.6, 203.0.113.7")) == "203.0.113.7"


def test_without_a_trusted_proxy_x_forwarded_for_is_ignored(settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0

    assert client_ip_address(_request("203.0.113.7")) == "10.0.0.2"


def _fail_sign_ins(client, forwarded_for: str, count: int) -> None:
    # A different address each time: only the per-IP limit (10 a minute) can be reached.
    for number in range(count):
        client.post(
            reverse("account_login"),
            {"login": f"guess{number}@example.org", "password": "wrong-wrong-wrong"},
            HTTP_X_FORWARDED_FOR=forwarded_for,
        )


def _throttled(client, forwarded_for: str) -> bool:
    """Whether the right password is refused from this client (allauth's per-IP limit)."""
    if not User.objects.filter(email="someone@example.org").exists():
        UserFactory(email="someone@example.org")
    response = client.post(
        reverse("account_login"),
        {"login": "someone@example.org", "password": PASSWORD},
        HTTP_X_FORWARDED_FOR=forwarded_for,
    )
    signed_in = "_auth_user_id" in client.session
    client.logout()
    return not signed_in and "Too many failed login attempts" in response.content.decode()


def test_behind_the_proxy_one_clients_failures_do_not_throttle_another(client, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    _fail_sign_ins(client, "203.0.113.1", 10)

    assert _throttled(client, "203.0.113.1")
    assert not _throttled(client, "203.0.113.2")


def test_without_a_trusted_proxy_a_forged_header_does_not_escape_the_throttle(client, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0
    _fail_sign_ins(client, "203.0.113.1", 10)

    assert _throttled(client, "203.0.113.2")


# --- Account e-mails --------------------------------------------------------------------------


def test_password_reset_mail_names_the_site_not_the_request_host(client, settings):
    settings.SITE_NAME = "OGP Local"
    settings.SITE_URL = "https://local.example.org"
    UserFactory(email="poc@city.example.org")

    client.post(reverse("account_reset_password"), {"email": "poc@city.example.org"})

    (message,) = mail.outbox
    assert message.subject.startswith("[OGP Local] ")
    assert "Hello from OGP Local!" in message.body
    assert "local.example.org" in message.body
    assert "testserver" not in message.subject + message.body.split("\n", 1)[0]


def test_password_reset_for_an_unknown_address_sends_no_mail_at_all(client):
    response = client.post(reverse("account_reset_password"), {"email": "nobody@example.org"})

    assert response.status_code == 302
    assert mail.outbox == []
