import pytest
from django.urls import reverse

from tests.factories import (
    ContactFactory,
    MemberFactory,
    OrganizationFactory,
    PointOfContactFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

MODELS = ["country", "jurisdiction", "organization", "contact", "member", "pointofcontact"]


@pytest.fixture
def staff_client(client):
    client.force_login(UserFactory(staff=True, with_totp=True))
    return client


@pytest.fixture
def some_rows():
    record = PointOfContactFactory(member__jurisdiction__name="Quezon City")
    OrganizationFactory(jurisdiction=record.member.jurisdiction)
    ContactFactory(full_name="Ana Cruz")
    return record


@pytest.mark.parametrize("model", MODELS)
def test_staff_see_a_searchable_list_of_every_model(staff_client, some_rows, model):
    url = reverse(f"admin:members_{model}_changelist")
    assert staff_client.get(url).status_code == 200
    assert staff_client.get(url, {"q": "Quezon"}).status_code == 200


@pytest.mark.parametrize("model", MODELS)
def test_staff_open_the_add_form_of_every_model(staff_client, model):
    assert staff_client.get(reverse(f"admin:members_{model}_add")).status_code == 200


def test_member_list_shows_name_country_and_status(staff_client):
    MemberFactory(jurisdiction__name="Ternopil", jurisdiction__country__name="Ukraine")
    html = staff_client.get(reverse("admin:members_member_changelist")).content.decode()
    assert "Ternopil" in html
    assert "Ukraine" in html
    assert "Active" in html


def test_member_admin_autocompletes_jurisdictions(staff_client):
    MemberFactory(jurisdiction__name="Ternopil")
    response = staff_client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "members",
            "model_name": "pointofcontact",
            "field_name": "member",
            "term": "Tern",
        },
    )
    assert response.status_code == 200
    assert [result["text"] for result in response.json()["results"]] == ["Ternopil"]


@pytest.mark.parametrize("model", MODELS)
def test_points_of_contact_cannot_use_the_admin(client, some_rows, model):
    client.force_login(some_rows.user)
    response = client.get(reverse(f"admin:members_{model}_changelist"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_member_admin_list_query_count_is_flat(staff_client, assert_page_query_budget):
    MemberFactory.create_batch(2)
    assert_page_query_budget(
        staff_client,
        reverse("admin:members_member_changelist"),
        13,
        add_rows=lambda: MemberFactory.create_batch(18),
    )
