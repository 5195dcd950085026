import pytest
from django.urls import reverse

from ogplocal.accounts.models import User
from ogplocal.audit.models import AuditEvent
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    client.force_login(UserFactory(staff=True, with_totp=True, email="su@example.org"))
    return client


def test_user_list_shows_email_name_staff_active_and_last_login(staff_client):
    UserFactory(email="poc@city.example.org", full_name="Wanjiru Mwangi")

    response = staff_client.get(reverse("admin:accounts_user_changelist"))

    html = response.content.decode()
    assert response.status_code == 200
    assert "poc@city.example.org" in html
    assert "Wanjiru Mwangi" in html
    for column in ("column-is_staff", "column-is_active", "column-last_login"):
        assert column in html
    assert "username" not in html.lower()


def test_user_search_by_email(staff_client):
    UserFactory(email="findme@city.example.org")
    UserFactory(email="other@city.example.org")
    response = staff_client.get(reverse("admin:accounts_user_changelist"), {"q": "findme"})
    assert [user.email for user in response.context["cl"].result_list] == [
        "findme@city.example.org"
    ]


def test_staff_add_a_user_by_email_and_it_is_audited(staff_client):
    response = staff_client.post(
        reverse("admin:accounts_user_add"),
        {
            "email": "new.poc@city.example.org",
            "full_name": "New Person",
            "usable_password": "false",
            "password1": "",
            "password2": "",
        },
    )

    assert response.status_code == 302, response.context["adminform"].form.errors
    user = User.objects.get(email="new.poc@city.example.org")
    assert not user.has_usable_password()
    event = AuditEvent.objects.get(verb="user.added")
    assert "password" not in event.after
    assert event.after["email"] == "new.poc@city.example.org"


def test_staff_change_a_user_and_the_password_hash_stays_out_of_the_trail(staff_client):
    user = UserFactory(full_name="Old Name")
    staff_client.post(
        reverse("admin:accounts_user_change", args=[user.pk]),
        {
            "email": user.email,
            "full_name": "New Name",
            "preferred_language": "",
            "is_active": "on",
            "date_joined_0": "2026-01-01",
            "date_joined_1": "00:00:00",
        },
    )
    event = AuditEvent.objects.get(verb="user.changed")
    assert event.before == {"full_name": "Old Name"}
    assert event.after == {"full_name": "New Name"}


def test_non_staff_is_sent_to_the_admin_sign_in(client):
    client.force_login(UserFactory())
    response = client.get(reverse("admin:accounts_user_changelist"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
