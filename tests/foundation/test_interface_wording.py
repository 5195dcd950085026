"""One voice in the interface: sentence case in every language ("Sign in", not "Sign In"), also
for the pages and labels that come from django-allauth, and one Portuguese (Brazilian)."""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from tests.factories import UserFactory

ROOT = Path(__file__).resolve().parents[2]
OVERRIDES = ROOT / "templates" / "allauth" / "catalogue_overrides.html"

# Names, not wording: these keep their capitals.
PROPER_NOUNS = re.compile(r"OGP Local|Open Government Partnership|OGP Support Unit|Support Unit")
# Two words in a row that both start with a capital ("Sign In", "Remember Me", "Email Addresses").
TITLE_CASE = re.compile(r"\b[A-Z][\w'-]*\s+(?:[A-Z][a-z][\w'-]*|Me|In|Up|Out)\b")

ANONYMOUS_PAGES = [
    "account_login",
    "account_reset_password",
    "account_reset_password_done",
    "account_signup",
]
SIGNED_IN_PAGES = [
    "account_email",
    "account_change_password",
    "account_logout",
    "mfa_index",
    "account_reauthenticate",
]


class WordingParser(HTMLParser):
    """The text of headings, buttons, labels, legends and the title: where wording shows."""

    TAGS = {"title", "h1", "h2", "h3", "button", "label", "legend"}

    def __init__(self):
        super().__init__()
        self.open: list[str] = []
        self.texts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if self.open:
            self.texts[-1] += " · "  # separate elements (badges in a label) are not one phrase
        if tag in self.TAGS:
            self.open.append(tag)
            self.texts.append("")
        placeholder = dict(attrs).get("placeholder")
        if placeholder:
            self.texts.append(placeholder)

    def handle_endtag(self, tag):
        if self.open and tag == self.open[-1]:
            self.open.pop()

    def handle_data(self, data):
        if self.open:
            self.texts[-1] += data


def title_case_in(html: str) -> list[str]:
    parser = WordingParser()
    parser.feed(html)
    texts = (" ".join(text.split()) for text in parser.texts)
    return [text for text in texts if TITLE_CASE.search(PROPER_NOUNS.sub("", text))]


def _pages(client, names, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    for name in names:
        response = client.get(reverse(name))
        assert response.status_code == 200, name
        yield name, response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "es", "fr", "pt-br"])
def test_account_pages_are_in_sentence_case(client, language):
    found = dict(_pages(client, ANONYMOUS_PAGES, language))
    client.force_login(UserFactory())
    found |= dict(_pages(client, SIGNED_IN_PAGES, language))
    offending = {name: title_case_in(html) for name, html in found.items()}
    assert {name: texts for name, texts in offending.items() if texts} == {}


def test_title_case_detector_catches_allauth_wording():
    html = "<h1>Password Reset</h1><label>Remember Me</label><button>Sign in</button>"
    assert title_case_in(html) == ["Password Reset", "Remember Me"]
    assert title_case_in("<h1>About OGP Local and the Support Unit</h1>") == []


@pytest.mark.django_db
def test_english_sign_in_page_says_remember_me_in_sentence_case(client):
    html = client.get(reverse("account_login")).content.decode()
    assert "Remember me" in html
    assert "Remember Me" not in html


@pytest.mark.django_db
def test_brazilian_sign_in_page_uses_our_wording_for_allauth_labels(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "pt-br"
    html = client.get(reverse("account_login")).content.decode()
    assert "Lembrar de mim" in html
    assert "Lembrar de Mim" not in html


def _override_msgids() -> list[str]:
    return re.findall(r'\{% translate "((?:[^"\\]|\\.)*)" noop %\}', OVERRIDES.read_text())


def test_every_allauth_override_has_its_english_sentence_case():
    msgids = _override_msgids()
    assert len(msgids) > 20
    with translation.override("en"):
        english = {msgid: translation.gettext(msgid) for msgid in msgids}
    unchanged = [msgid for msgid, text in english.items() if text == msgid]
    assert unchanged == []
    assert [text for text in english.values() if TITLE_CASE.search(text)] == []


@pytest.mark.parametrize("language", ["es", "fr", "pt-br"])
def test_every_allauth_override_is_ours_in_each_language(language):
    with translation.override(language):
        texts = {msgid: translation.gettext(msgid) for msgid in _override_msgids()}
    assert [msgid for msgid, text in texts.items() if text == msgid] == []
    assert [text for text in texts.values() if TITLE_CASE.search(text)] == []
