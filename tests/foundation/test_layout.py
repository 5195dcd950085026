"""The base layout: landmarks, skip link, navigation per role, language switcher, CSP, errors."""

import hashlib
import json
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.urls import include, path, reverse
from django.views.defaults import permission_denied, server_error

import ogplocal.urls
from ogplocal.accounts import context_processors
from ogplocal.accounts import roles as roles_module
from ogplocal.accounts.roles import Roles

ROOT = Path(__file__).resolve().parents[2]
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


def _stub(request, *args, **kwargs):
    return HttpResponse("stub")


# The layout links a reviewer to the monitoring dashboard (`monitoring:dashboard`, issue 20). This
# URLconf puts a stand-in first, so the navigation is tested without the dashboard's own queries.
urlpatterns = [
    path("monitoring/", include(([path("", _stub, name="dashboard")], "monitoring"))),
    *ogplocal.urls.urlpatterns,
]
with_monitoring_url = pytest.mark.urls(__name__)


class Page(HTMLParser):
    """The elements of a rendered page, in document order, with their attributes and text."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.elements: list[dict] = []
        self._open: list[dict] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        element = {"tag": tag, "attrs": dict(attrs), "text": ""}
        self.elements.append(element)
        if tag not in {"meta", "link", "input", "br", "img", "hr"}:
            self._open.append(element)

    def handle_endtag(self, tag):
        for index in range(len(self._open) - 1, -1, -1):
            if self._open[index]["tag"] == tag:
                del self._open[index:]
                break

    def handle_data(self, data):
        for element in self._open:
            element["text"] += data

    def find_all(self, tag: str, **attrs) -> list[dict]:
        return [
            element
            for element in self.elements
            if element["tag"] == tag
            and all(element["attrs"].get(name) == value for name, value in attrs.items())
        ]

    def find(self, tag: str, **attrs) -> dict | None:
        found = self.find_all(tag, **attrs)
        return found[0] if found else None

    def link_texts(self) -> list[str]:
        return [" ".join(a["text"].split()) for a in self.find_all("a")]


def get_page(client, url: str = "/", **kwargs) -> Page:
    response = client.get(url, **kwargs)
    assert response.status_code == 200, response.status_code
    return Page(response.content.decode())


@pytest.fixture
def plain_user(django_user_model):
    return django_user_model.objects.create_user(email="person@example.org", password="x" * 12)


@pytest.fixture
def staff_user(django_user_model, settings):
    # The staff second-factor requirement would redirect to TOTP set-up before the home page.
    settings.STAFF_MFA_REQUIRED = False
    return django_user_model.objects.create_user(
        email="staff@example.org", password="x" * 12, is_staff=True
    )


@pytest.fixture
def with_roles(monkeypatch):
    """Give the signed-in person the given roles, whatever the accounts app derives today."""

    def give(**roles):
        fake = lambda user, **kwargs: Roles(**roles)  # noqa: E731
        monkeypatch.setattr(roles_module, "roles_of", fake)
        # In case the context processor imports roles_of at module level.
        monkeypatch.setattr(context_processors, "roles_of", fake, raising=False)

    return give


# --- Landmarks, skip link, titles --------------------------------------------------------------


@pytest.mark.django_db
def test_home_page_has_the_four_landmarks(client):
    page = get_page(client)
    for tag in ("header", "nav", "main", "footer"):
        assert page.find(tag), f"no <{tag}>"
    assert page.find("nav")["attrs"].get("aria-label")


@pytest.mark.django_db
def test_skip_link_is_the_first_link_and_targets_main(client):
    page = get_page(client)
    first_link = page.find_all("a")[0]
    assert first_link["attrs"]["href"] == "#main"
    assert "skip-link" in first_link["attrs"]["class"]
    assert page.find("main", id="main")


@pytest.mark.django_db
def test_page_has_language_attribute_title_and_one_h1(client):
    page = get_page(client)
    assert page.find("html")["attrs"]["lang"] == "en"
    assert "OGP Local portal" in page.find("title")["text"]
    assert len(page.find_all("h1")) == 1


@pytest.mark.django_db
def test_home_page_explains_membership_from_the_handbook(client):
    text = " ".join(get_page(client).find("main")["text"].split())
    for phrase in (
        "Letter of Support",
        "co-create an action plan",
        "commitment",
        "online tracker",
        "Monitoring Body",
        "inactive",
        "probation",
        "The status of every member is public",
    ):
        assert phrase in text


# --- Navigation per role -----------------------------------------------------------------------


@pytest.mark.django_db
def test_anonymous_visitor_sees_sign_in_and_no_admin_link(client):
    page = get_page(client)
    assert page.find("a", href=reverse("account_login"))
    assert not page.find("a", href=reverse("admin:index"))
    assert not page.find("form", action=reverse("account_logout"))


@pytest.mark.django_db
def test_staff_sees_the_support_unit_admin_link(client, staff_user):
    client.force_login(staff_user, backend=MODEL_BACKEND)
    page = get_page(client)
    admin_link = page.find("a", href=reverse("admin:index"))
    assert admin_link
    assert "Support Unit admin" in admin_link["text"]


@pytest.mark.django_db
def test_plain_user_sees_no_admin_link(client, plain_user):
    client.force_login(plain_user, backend=MODEL_BACKEND)
    page = get_page(client)
    assert not page.find("a", href=reverse("admin:index"))


@pytest.mark.django_db
def test_signed_in_person_sees_their_email_and_a_sign_out_post_form(client, plain_user):
    client.force_login(plain_user, backend=MODEL_BACKEND)
    page = get_page(client)
    assert "person@example.org" in page.find("header")["text"]
    sign_out = page.find("form", action=reverse("account_logout"))
    assert sign_out["attrs"]["method"] == "post"
    assert not page.find("a", href=reverse("account_login"))


@pytest.mark.django_db
def test_sign_out_button_signs_out(client, plain_user):
    client.force_login(plain_user, backend=MODEL_BACKEND)
    client.post(reverse("account_logout"))
    assert get_page(client).find("a", href=reverse("account_login"))


@pytest.mark.django_db
@with_monitoring_url
def test_everyone_sees_the_members_link_once_the_directory_exists(client):
    page = get_page(client)
    assert page.find("a", href=reverse("members:list"))
    assert "My members" not in page.link_texts()
    assert "Monitoring" not in page.link_texts()


@pytest.mark.django_db
@with_monitoring_url
def test_point_of_contact_sees_my_members(client, plain_user, with_roles):
    with_roles(point_of_contact=True, member_ids=frozenset({1}))
    client.force_login(plain_user, backend=MODEL_BACKEND)
    page = get_page(client)
    assert "My members" in page.link_texts()
    assert page.find("a", href=reverse("members:list") + "?mine=on")


@pytest.mark.django_db
@with_monitoring_url
def test_reviewer_sees_monitoring_and_not_my_members(client, plain_user, with_roles):
    with_roles(reviewer=True)
    client.force_login(plain_user, backend=MODEL_BACKEND)
    links = get_page(client).link_texts()
    assert "Monitoring" in links
    assert "My members" not in links


# --- Language switcher -------------------------------------------------------------------------


@pytest.mark.django_db
def test_language_switcher_is_a_labelled_post_form_back_to_this_page(client):
    page = get_page(client, "/?from=test")
    form = page.find("form", action=reverse("set_language"))
    assert form["attrs"]["method"] == "post"
    select = page.find("select", name="language")
    label = page.find("label", **{"for": select["attrs"]["id"]})
    assert label and label["text"].strip()
    assert page.find("input", name="next")["attrs"]["value"] == "/?from=test"
    assert page.find("input", name="csrfmiddlewaretoken")
    values = [option["attrs"]["value"] for option in page.find_all("option")]
    assert values == ["en", "es", "fr", "pt-br"]
    assert page.find("button", type="submit")


# --- Messages ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_messages_are_rendered_in_a_status_region(client, plain_user):
    client.force_login(plain_user, backend=MODEL_BACKEND)
    response = client.post(reverse("account_logout"), follow=True)
    region = Page(response.content.decode()).find("div", role="status")
    assert region and "signed out" in region["text"]


# --- Content Security Policy -------------------------------------------------------------------


@pytest.mark.django_db
def test_home_page_has_no_inline_styles_or_scripts(client):
    page = get_page(client)
    assert not page.find_all("style")
    for element in page.elements:
        assert "style" not in element["attrs"], element
        assert not any(name.startswith("on") for name in element["attrs"]), element
    for script in page.find_all("script"):
        assert script["attrs"].get("src"), "inline <script>"
        assert "defer" in script["attrs"], "scripts must not block rendering"


@pytest.mark.django_db
def test_responses_carry_a_strict_content_security_policy(client):
    policy = client.get("/")["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"


@pytest.mark.django_db
def test_sign_in_page_uses_the_portal_layout_with_labelled_fields(client):
    page = get_page(client, reverse("account_login"))
    assert page.find("a", **{"class": "skip-link"})
    assert "Sign in" in page.find("title")["text"]
    for name in ("login", "password"):
        field = page.find("input", name=name)
        assert page.find("label", **{"for": field["attrs"]["id"]}), name
    assert not page.find_all("style")
    assert all("style" not in element["attrs"] for element in page.elements)


# --- Error pages -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_404_page_is_in_the_layout(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    page = Page(response.content.decode())
    assert page.find("main", id="main")
    assert "Page not found" in page.find("h1")["text"]


def test_500_page_renders_without_request_context():
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    page = Page(response.content.decode())
    assert page.find("main", id="main")
    assert page.find("link", href="/static/css/portal.css")
    assert page.find("h1")


@pytest.mark.django_db
def test_403_page_is_in_the_layout(rf, plain_user):
    request = rf.get("/somewhere/")
    request.user = plain_user
    response = permission_denied(request, exception=None)
    assert response.status_code == 403
    page = Page(response.content.decode())
    assert "Access denied" in page.find("h1")["text"]
    assert page.find("main", id="main")


@pytest.mark.django_db
def test_csrf_failure_page_is_in_the_layout():
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("set_language"), {"language": "es", "next": "/"})
    assert response.status_code == 403
    page = Page(response.content.decode())
    assert page.find("main", id="main")
    assert "The form could not be sent" in page.find("h1")["text"]


# --- Vendored front-end assets -----------------------------------------------------------------


def test_vendored_assets_match_the_pinned_npm_versions():
    record = json.loads((ROOT / "static/vendor/vendored.json").read_text())
    lock = json.loads((ROOT / "package-lock.json").read_text())["packages"]
    manifest = json.loads((ROOT / "package.json").read_text())["dependencies"]
    assert set(record) == set(manifest)
    for package, entry in record.items():
        assert manifest[package] == entry["version"], f"{package} is not pinned exactly"
        assert lock[f"node_modules/{package}"]["version"] == entry["version"]
        for relative, digest in entry["files"].items():
            data = (ROOT / "static/vendor" / relative).read_bytes()
            assert hashlib.sha256(data).hexdigest() == digest, f"{relative} was edited by hand"


# --- django-allauth pages ----------------------------------------------------------------------


def assert_portal_page_without_inline_styles(response) -> Page:
    assert response.status_code == 200, response.status_code
    page = Page(response.content.decode())
    assert page.find("a", **{"class": "skip-link"}), "not in the portal layout"
    assert page.find("main", id="main")
    assert len(page.find_all("h1")) == 1
    assert "OGP Local portal" in page.find("title")["text"]
    assert not page.find_all("style")
    assert all("style" not in element["attrs"] for element in page.elements)
    for field in page.find_all("input") + page.find_all("select") + page.find_all("textarea"):
        if field["attrs"].get("type") in {"hidden", "submit"}:
            continue
        field_id = field["attrs"].get("id")
        labelled = field_id and page.find("label", **{"for": field_id})
        assert labelled or field["attrs"].get("aria-label"), f"unlabelled field {field['attrs']}"
    return page


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url_name",
    ["account_login", "account_reset_password", "account_reset_password_done"],
)
def test_allauth_entrance_pages_use_the_portal_layout(client, url_name):
    assert_portal_page_without_inline_styles(client.get(reverse(url_name)))


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url_name",
    [
        "account_email",
        "account_change_password",
        "account_logout",
        "mfa_index",
        "mfa_activate_totp",
    ],
)
def test_allauth_account_pages_use_the_portal_layout(client, plain_user, url_name):
    client.force_login(plain_user, backend=MODEL_BACKEND)
    assert_portal_page_without_inline_styles(client.get(reverse(url_name), follow=True))


@pytest.mark.django_db
def test_lockout_page_explains_the_wait(rf):
    from datetime import timedelta

    from django.shortcuts import render

    request = rf.get("/accounts/login/")
    request.user = AnonymousUser()
    response = render(
        request,
        "account/lockout.html",
        {"failure_limit": 5, "username": "a@example.org", "cooloff_timedelta": timedelta(hours=1)},
        status=429,
    )
    page = Page(response.content.decode())
    assert page.find("div", role="alert")
    assert "60 minutes" in page.find("main")["text"]
