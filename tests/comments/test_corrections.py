"""'Report an error' (issue 22): a link on every public page files a report into the Support
Unit's queue; staff close it with what was done."""

import pytest
from django.core.cache import cache

from ogplocal.corrections.models import CorrectionRequest, CorrectionState
from tests.factories import MemberFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def _data(**overrides):
    data = {
        "page": "/members/",
        "description": "Bogotá joined in 2016, not 2018.",
        "email": "",
        "website": "",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize("url", ["/", "/members/", "/data/documentation/"])
def test_every_public_page_links_to_report_an_error_on_itself(client, url):
    body = client.get(url).content.decode()
    assert "/report-an-error/?page=" + url + '"' in body


def test_the_member_page_links_to_report_an_error_too(client):
    member = MemberFactory()
    url = f"/members/{member.jurisdiction.slug}/"
    assert "/report-an-error/?page=" + url + '"' in client.get(url).content.decode()


def test_the_form_names_the_page(client):
    response = client.get("/report-an-error/", {"page": "/members/"})
    assert response.status_code == 200
    assert 'value="/members/"' in response.content.decode()


def test_a_visitor_files_a_report_and_returns_to_the_page(client):
    response = client.post("/report-an-error/", _data(email="reader@example.org"))
    assert response.status_code == 302
    assert response["Location"] == "/members/"
    report = CorrectionRequest.objects.get()
    assert (report.page, report.state, report.reporter_email) == (
        "/members/",
        CorrectionState.OPEN,
        "reader@example.org",
    )


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"description": ""}, "This field is required."),
        ({"email": "nope"}, "Enter a valid email address."),
        ({"page": "https://evil.example/"}, "This is not a page of the portal."),
        ({"page": "//evil.example/"}, "This is not a page of the portal."),
        ({"website": "http://spam.example"}, "could not be accepted"),
    ],
)
def test_a_bad_report_is_refused_with_its_message_and_nothing_saved(client, overrides, message):
    response = client.post("/report-an-error/", _data(**overrides))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not CorrectionRequest.objects.exists()


def test_the_sixth_report_within_an_hour_is_refused(client):
    for _ in range(5):
        assert client.post("/report-an-error/", _data()).status_code == 302
    response = client.post("/report-an-error/", _data())
    assert response.status_code == 429
    assert CorrectionRequest.objects.count() == 5


def test_staff_see_the_queue_and_close_a_report(client):
    client.post("/report-an-error/", _data(email="reader@example.org"))
    report = CorrectionRequest.objects.get()
    staff = UserFactory(staff=True, with_totp=True)
    client.force_login(staff)
    queue = client.get("/error-reports/").content.decode()
    assert "Bogotá joined in 2016" in queue and "reader@example.org" in queue
    response = client.post(
        f"/error-reports/{report.pk}/close/",
        {"state": "corrected", "resolution": "Joining date corrected."},
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.state, report.closed_by) == ("corrected", staff)


def test_closing_without_saying_what_was_done_is_refused(client):
    client.post("/report-an-error/", _data())
    report = CorrectionRequest.objects.get()
    client.force_login(UserFactory(staff=True, with_totp=True))
    response = client.post(f"/error-reports/{report.pk}/close/", {"state": "corrected"})
    assert response.status_code == 200
    report.refresh_from_db()
    assert report.state == "open"


def test_the_queue_is_staff_only(client):
    client.force_login(UserFactory())
    assert client.get("/error-reports/").status_code == 404


def test_the_queue_query_budget(client, assert_page_query_budget):
    client.force_login(UserFactory(staff=True, with_totp=True))
    CorrectionRequest.objects.create(page="/", description="x")
    assert_page_query_budget(
        client,
        "/error-reports/",
        12,
        add_rows=lambda: [
            CorrectionRequest.objects.create(page="/", description="y") for _ in range(5)
        ],
    )


def test_a_page_that_is_not_the_portals_is_not_linked_back_to(client):
    response = client.get("/report-an-error/", {"page": "javascript:alert(1)"})
    assert response.status_code == 200
    assert "javascript:" not in response.content.decode()
