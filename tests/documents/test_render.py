"""The one PDF renderer: text, fonts, page numbers, a URL fetcher that reads only static files."""

import copy
import io
import socket
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from pypdf import PdfReader

from ogplocal.documents import render
from ogplocal.documents.render import StaticFilesOnlyFetcher, render_pdf

STATIC = Path(django_settings.BASE_DIR) / "static"


@pytest.fixture
def no_network(monkeypatch):
    """Fail the test if anything tries to open a connection."""

    def refuse(self, address):
        pytest.fail(f"a document tried to connect to {address}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", lambda *a, **k: refuse(None, a))


@pytest.fixture
def document_templates(settings, tmp_path):
    """A templates directory of the test's own, searched before the project's."""
    templates = copy.deepcopy(settings.TEMPLATES)
    templates[0]["DIRS"] = [tmp_path, *templates[0]["DIRS"]]
    settings.TEMPLATES = templates

    def write(name: str, text: str) -> str:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
        return name

    return write


def text_of(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


LETTER = """{% extends "documents/letter.html" %}
{% block title %}Decision{% endblock %}
{% block addressee %}{{ addressee }}<br>Alcaldía de Bogotá{% endblock %}
{% block subject %}Your application has been accepted{% endblock %}
{% block body %}<p>{{ body }}</p>{% endblock %}
{% block signature %}<p>Yours sincerely,</p>{% endblock %}
"""


def test_letter_text_holds_addressee_date_and_body(document_templates, no_network):
    name = document_templates("documents/letters/test.html", LETTER)
    pdf = render_pdf(
        name,
        {
            "date": date(2026, 11, 29),
            "addressee": "Mayor Ana María Restrepo",
            "body": "The selection committee accepted your application.",
        },
    )
    text = text_of(pdf)[0]
    assert pdf.startswith(b"%PDF")
    assert "Mayor Ana María Restrepo" in text
    assert "29 November 2026" in text
    assert "The selection committee accepted your application." in text
    assert "OGP Local" in text


def test_values_are_escaped_not_rendered_as_html(document_templates, no_network):
    name = document_templates("documents/letters/test.html", LETTER)
    fetcher = StaticFilesOnlyFetcher()
    render_pdf(
        name,
        {"date": date(2026, 11, 29), "addressee": '<img src="http://example.org/x.png">'},
        url_fetcher=fetcher,
    )
    assert not any("example.org" in url for url in fetcher.requested)


def test_footer_numbers_the_pages(no_network):
    pages = text_of(render_pdf("documents/letters/sample.html", {"date": date(2026, 11, 29)}))
    assert len(pages) == 2
    assert "Page 1 of 2" in pages[0]
    assert "Page 2 of 2" in pages[1]


def test_later_pages_carry_the_subject_in_their_header(no_network):
    pages = text_of(render_pdf("documents/letters/sample.html", {"date": date(2026, 11, 29)}))
    assert "Your application to join OGP Local has been accepted" in pages[1]


def test_report_sample_has_a_cover_contents_and_numbered_sections(no_network):
    pages = text_of(render_pdf("documents/reports/sample.html", {"date": date(2026, 11, 29)}))
    assert len(pages) > 4
    assert "City of Bogotá action plan 2027\N{EN DASH}2029" in pages[0]
    assert "Contents" in pages[1]
    assert "1. Vision and context" in pages[2]
    assert f"Page {len(pages)} of {len(pages)}" in pages[-1]


def embedded_fonts(pdf: bytes) -> set[str]:
    """BaseFont names of fonts whose program is inside the PDF."""
    names = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts") or [font]
            for descendant in descendants:
                descriptor = descendant.get_object().get("/FontDescriptor")
                if descriptor is None:
                    continue
                descriptor = descriptor.get_object()
                if any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")):
                    names.add(str(font["/BaseFont"]))
    return names


def test_the_project_fonts_are_embedded(no_network):
    fonts = embedded_fonts(
        render_pdf("documents/letters/sample.html", {"date": date(2026, 11, 29)})
    )
    assert any("Source-Serif-4" in name for name in fonts), fonts
    assert any("Source-Sans-3" in name for name in fonts), fonts


HOSTILE = """{% extends "documents/letter.html" %}
{% block title %}Hostile{% endblock %}
{% block body %}
<p>Before the images.</p>
<img src="http://example.org/x.png" alt="remote image">
<img src="https://example.org/y.png" alt="secure remote image">
<img src="file:///etc/passwd" alt="password file">
<img src="../../../../../../etc/hostname" alt="relative escape">
<link rel="stylesheet" href="https://example.org/style.css">
<p>After the images.</p>
{% endblock %}
"""


def test_network_and_files_outside_static_are_refused_without_a_connection(
    document_templates, no_network
):
    name = document_templates("documents/letters/hostile.html", HOSTILE)
    fetcher = StaticFilesOnlyFetcher()
    pdf = render_pdf(name, {"date": date(2026, 11, 29)}, url_fetcher=fetcher)

    refused = set(fetcher.refused)
    assert "http://example.org/x.png" in refused
    assert "https://example.org/y.png" in refused
    assert "https://example.org/style.css" in refused
    assert "file:///etc/passwd" in refused
    assert any(url.endswith("/etc/hostname") for url in refused)
    text = "".join(text_of(pdf))
    assert "Before the images." in text and "After the images." in text
    assert "root:" not in text
    # The document's own style sheets and fonts were read.
    served = set(fetcher.requested) - refused
    assert (STATIC / "documents/documents.css").as_uri() in served
    assert any(url.endswith(".woff2") for url in served)


def test_fetcher_serves_a_static_file():
    fetcher = StaticFilesOnlyFetcher()
    response = fetcher.fetch((STATIC / "documents/documents.css").as_uri())
    assert response.content_type == "text/css"
    assert b"@page" in response.read()


@pytest.mark.parametrize(
    "url",
    [
        "http://example.org/x.png",
        "https://example.org/x.png",
        "ftp://example.org/x.png",
        "data:text/plain,hello",
        "file:///etc/passwd",
        (STATIC / "../ogplocal/settings.py").as_uri(),
        (STATIC / "%2e%2e/ogplocal/settings.py").as_uri().replace("%252e", "%2e"),
        "file://example.org" + str(STATIC / "documents/documents.css"),
        (STATIC / "documents").as_uri(),
        (STATIC / "documents/no-such-file.css").as_uri(),
    ],
)
def test_fetcher_refuses_anything_but_a_static_file(url):
    fetcher = StaticFilesOnlyFetcher()
    with pytest.raises(render.DocumentURLRefused):
        fetcher.fetch(url)
    assert fetcher.refused == [url]


def test_fetcher_refuses_a_symbolic_link_out_of_the_static_directory(tmp_path):
    root = tmp_path / "static"
    root.mkdir()
    secret = tmp_path / "secret.txt"
    secret.write_text("secret")
    (root / "innocent.css").symlink_to(secret)
    fetcher = StaticFilesOnlyFetcher(roots=[root])
    with pytest.raises(render.DocumentURLRefused):
        fetcher.fetch((root / "innocent.css").as_uri())


def test_fetcher_reads_collected_static_files_too(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path
    (tmp_path / "collected.css").write_text("p {}")
    assert StaticFilesOnlyFetcher().fetch((tmp_path / "collected.css").as_uri()).read() == b"p {}"


def test_page_counter_is_one_translatable_sentence_escaped_for_css(monkeypatch):
    monkeypatch.setattr(render, "gettext", lambda s: 'Seite %(page)s von %(pages)s </style> "x"')
    css = render.page_counter_css()
    assert css.startswith('"Seite " counter(page) " von " counter(pages) " ')
    assert "</style>" not in css
    assert '"x"' not in css


def test_page_counter_in_english():
    assert render.page_counter_css() == '"Page " counter(page) " of " counter(pages)'


def test_render_document_command_writes_the_pdf(tmp_path, no_network):
    out = tmp_path / "letter.pdf"
    call_command(
        "render_document", "documents/letters/sample.html", str(out), "--date", "2026-11-29"
    )
    assert "29 November 2026" in text_of(out.read_bytes())[0]


def test_fetcher_serves_a_woff2_font_decoded_once_for_every_document():
    """WeasyPrint decodes each @font-face of each document; the fetcher hands it TrueType decoded
    once per process instead (decoding WOFF2 in Python was most of a letter's time)."""
    font = next((STATIC / "vendor").rglob("*.woff2"))
    fetcher = StaticFilesOnlyFetcher()
    first = fetcher.fetch(font.as_uri()).read()
    second = StaticFilesOnlyFetcher().fetch(font.as_uri()).read()

    assert first[:4] in (b"\x00\x01\x00\x00", b"OTTO", b"true")  # an sfnt, no longer wOF2
    assert second is first
