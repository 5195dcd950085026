"""The interface in Spanish, French and Portuguese, and the catalogue check CI runs."""

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils.translation import to_locale

ROOT = Path(__file__).resolve().parents[2]
CHECK_SCRIPT = ROOT / "scripts" / "check_translations.py"

HOME_HEADINGS = {
    "en": "OGP Local: open government, close to people",
    "es": "OGP Local: gobierno abierto, cerca de la gente",
    "fr": "OGP Local : un gouvernement ouvert, proche des citoyens",
    "pt-br": "OGP Local: governo aberto, perto das pessoas",
}
SIGN_IN = {"es": "Iniciar sesión", "fr": "Se connecter", "pt-br": "Entrar"}


def load_check_module():
    spec = importlib.util.spec_from_file_location("check_translations", CHECK_SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --- The catalogues ----------------------------------------------------------------------------


def test_every_interface_string_is_translated_and_compiled():
    result = subprocess.run(
        [sys.executable, str(CHECK_SCRIPT)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_translation_check_reports_untranslated_fuzzy_and_uncompiled_entries(tmp_path):
    check = load_check_module()
    po = tmp_path / "django.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Home"\nmsgstr "Inicio"\n\n'
        'msgid "Members"\nmsgstr ""\n\n'
        '#, fuzzy\nmsgid "Sign in"\nmsgstr "Entrar"\n\n'
        'msgid "one member"\nmsgid_plural "%(count)s members"\nmsgstr[0] "un miembro"\n'
        'msgstr[1] ""\n\n'
        '#~ msgid "Old"\n#~ msgstr ""\n',
        encoding="utf-8",
    )
    check.ROOT = tmp_path
    problems = check.check_catalogue(po)
    assert any("untranslated: Members" in problem for problem in problems)
    assert any("fuzzy: Sign in" in problem for problem in problems)
    assert any("untranslated: one member" in problem for problem in problems)
    assert any("django.mo: missing" in problem for problem in problems)
    assert not any("Home" in problem or "Old" in problem for problem in problems)


def test_translation_check_reads_multiline_and_context_entries(tmp_path):
    check = load_check_module()
    po = tmp_path / "django.po"
    po.write_text(
        'msgctxt "field label"\nmsgid ""\n"Log"\n"in"\nmsgstr ""\n"Inicio de "\n"sesión"\n',
        encoding="utf-8",
    )
    [entry] = check.parse_po(po)
    assert (entry.msgctxt, entry.msgid, entry.msgstr[0]) == (
        "field label",
        "Login",
        "Inicio de sesión",
    )


def test_every_configured_language_has_a_catalogue():
    for code, _name in settings.LANGUAGES:
        if code == settings.LANGUAGE_CODE:
            continue
        messages_dir = ROOT / "locale" / to_locale(code) / "LC_MESSAGES"
        assert (messages_dir / "django.po").exists(), code
        assert (messages_dir / "django.mo").exists(), code


# --- The pages ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_home_page_renders_in_spanish_from_the_language_cookie(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    content = client.get(reverse("home")).content.decode()
    assert '<html lang="es"' in content
    assert HOME_HEADINGS["es"] in content
    assert SIGN_IN["es"] in content


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["es", "fr", "pt-br"])
def test_home_page_follows_the_browser_language(client, language):
    content = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert f'<html lang="{language}"' in content
    assert HOME_HEADINGS[language] in content
    assert SIGN_IN[language] in content
    assert HOME_HEADINGS["en"] not in content


@pytest.mark.django_db
def test_set_language_post_switches_the_language_and_returns_to_the_page(client):
    response = client.post(reverse("set_language"), {"language": "pt-br", "next": "/?page=2"})
    assert response.status_code == 302
    assert response["Location"] == "/?page=2"
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "pt-br"
    content = client.get(reverse("home")).content.decode()
    assert '<html lang="pt-br"' in content
    assert HOME_HEADINGS["pt-br"] in content


@pytest.mark.django_db
def test_sign_in_page_is_translated(client):
    content = client.get(reverse("account_login"), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert '<html lang="fr"' in content
    assert f"<title>{SIGN_IN['fr']} · " in content


@pytest.mark.django_db
def test_error_page_is_translated(client):
    response = client.get("/no-such-page/", HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 404
    assert "Página no encontrada" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("accept_language", ["pt", "pt-PT", "pt-BR"])
def test_any_portuguese_browser_gets_the_one_brazilian_interface(client, accept_language):
    response = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE=accept_language)
    assert '<html lang="pt-br"' in response.content.decode()


@pytest.mark.django_db
def test_portuguese_sign_in_page_uses_no_european_portuguese(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "pt-br"
    content = client.get(reverse("account_login")).content.decode()
    assert "Senha" in content
    for european in ("palavra-passe", "Iniciar sessão", "Terminar sessão", "registo"):
        assert european not in content
