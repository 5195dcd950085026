"""The one renderer of the portal's PDFs: letters (decisions, status changes) and reports (plans).

    from ogplocal.documents.render import render_pdf

    pdf: bytes = render_pdf("documents/letters/decision.html", {"date": as_of, ...})

How a new document is made:

1. Write a template under ``templates/documents/``. A letter extends
   ``documents/letter.html`` and fills its blocks: ``title`` (the PDF's title), ``addressee``,
   ``reference``, ``subject``, ``body``, ``signature``; the date comes from the ``date`` in the
   context (a ``date``; rendered as "29 November 2026"); ``reference_row`` replaces the
   reference line with rows of one's own. A long document extends ``documents/report.html`` and
   fills ``title``, ``kind`` ("Action plan"), ``report_title``, ``subtitle``, ``cover_details``,
   ``summary``, ``contents`` (an optional table of contents with page numbers, see the report
   sample) and ``body`` (its ``h2``/``h3`` are numbered). The samples,
   ``documents/letters/sample.html`` and ``documents/reports/sample.html``, show every block.
   Strings are translated as in any template; render inside ``translation.override(language)``
   for a letter in the recipient's language.
2. Call ``render_pdf`` from the service that writes the document, with explicit values (no
   ``today()`` deep inside: the caller passes ``date``). It returns the PDF's bytes; store them
   with ``ogplocal.documents.storage`` and attach them to the outgoing mail.
3. Test the text with pypdf: ``PdfReader(BytesIO(pdf)).pages[0].extract_text()``.
   Look at it: ``manage.py render_document documents/letters/sample.html /tmp/sample.pdf``,
   then ``pdftoppm -png -r 60 /tmp/sample.pdf /tmp/sample``.

The layout lives in ``static/documents/documents.css`` with the fonts of ``fonts.css`` (Source
Serif 4 and Source Sans 3 from npm, in ``static/vendor/``): every PDF embeds the same typefaces
whatever fonts the server has. Relative URLs in templates resolve against the project's
``static/`` directory (``<link rel="stylesheet" href="documents/documents.css">``).

Safety: templates render values people typed (names, reasons), so a document must never make the
server fetch anything. ``StaticFilesOnlyFetcher`` is WeasyPrint's only way out: it serves files
that lie inside the static directories (``STATICFILES_DIRS`` and ``STATIC_ROOT``, after resolving
``..`` and symbolic links) and refuses everything else — ``http:``, ``https:``, ``data:``,
``file:`` anywhere else — so an ``<img src="http://…">`` or ``file:///etc/passwd`` that slipped
into a document is left out of it and logged, and no connection is ever opened.
"""

from __future__ import annotations

import functools
import io
import logging
import mimetypes
import os
import re
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext
from fontTools.ttLib import woff2
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

logger = logging.getLogger(__name__)

# Fonts are not in every Python's mimetypes table; WeasyPrint only checks style sheets' type.
_CONTENT_TYPES = {".woff2": "font/woff2", ".woff": "font/woff", ".svg": "image/svg+xml"}


class DocumentURLRefused(ValueError):
    """A document asked for a resource outside the project's static files."""


def static_roots() -> list[Path]:
    """The directories a document may read from: our static sources and collected files."""
    roots: list[Path] = []
    for entry in settings.STATICFILES_DIRS:
        # An entry is a path or a (prefix, path) pair.
        roots.append(Path(entry[1] if isinstance(entry, tuple | list) else entry))
    if settings.STATIC_ROOT:
        roots.append(Path(settings.STATIC_ROOT))
    return [Path(os.path.realpath(root)) for root in roots]


def default_base_url() -> str:
    """Relative URLs in document templates resolve against the first static directory."""
    return static_roots()[0].as_uri() + "/"


class StaticFilesOnlyFetcher(URLFetcher):
    """WeasyPrint's URL fetcher for our documents: local static files only, nothing else.

    ``requested`` and ``refused`` list the URLs asked for, for tests and for the log.
    """

    def __init__(self, roots: list[Path] | None = None) -> None:
        super().__init__(allowed_protocols=("file",), allow_redirects=False)
        self.roots = [Path(os.path.realpath(root)) for root in (roots or static_roots())]
        self.requested: list[str] = []
        self.refused: list[str] = []

    def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
        self.requested.append(url)
        path = self.local_path(url)
        if path is None:
            self.refused.append(url)
            logger.warning("A document asked for %r, outside the static files: refused", url)
            raise DocumentURLRefused(f"Documents may only use the project's static files: {url}")
        if path.suffix.lower() == ".woff2":
            body = _decompressed_woff2(str(path), path.stat().st_mtime_ns)
            return URLFetcherResponse(
                path.as_uri(), body=body, headers={"Content-Type": "font/ttf"}
            )
        content_type = (
            _CONTENT_TYPES.get(path.suffix.lower())
            or mimetypes.guess_type(path.name)[0]
            or "application/octet-stream"
        )
        return URLFetcherResponse(
            path.as_uri(), body=path.read_bytes(), headers={"Content-Type": content_type}
        )

    def local_path(self, url: str) -> Path | None:
        """The file ``url`` names if it is a ``file:`` URL inside a static root, else None."""
        parts = urlsplit(url)
        if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost"):
            return None
        path = Path(os.path.realpath(url2pathname(parts.path)))
        if not any(path.is_relative_to(root) for root in self.roots):
            return None
        return path if path.is_file() else None


@functools.lru_cache(maxsize=64)
def _decompressed_woff2(path: str, mtime_ns: int) -> bytes:
    """A WOFF2 font as the plain TrueType WeasyPrint would decode it into, decoded once per process
    (per file version). WeasyPrint decodes every @font-face of every document it renders, and
    rebuilding WOFF2 glyph tables in Python took some 7 of the 8 seconds a letter took."""
    out = io.BytesIO()
    with open(path, "rb") as font:
        woff2.decompress(font, out)
    return out.getvalue()


def page_counter_css() -> SafeString:
    """The CSS ``content`` value of the footer's "Page 1 of 2", in the active language.

    The translator sees one whole sentence ("Page %(page)s of %(pages)s"); the placeholders
    become CSS page counters and the words CSS strings.
    """
    sentence = gettext("Page %(page)s of %(pages)s")
    pieces: list[str] = []
    for index, text in enumerate(re.split(r"%\((page|pages)\)s", sentence)):
        if index % 2:
            pieces.append(f"counter({text})")
        elif text:
            pieces.append(_css_string(text))
    return mark_safe(" ".join(pieces))  # noqa: S308 - built from CSS-escaped strings only


def _css_string(text: str) -> str:
    # Escape what could end the string or the <style> element it sits in.
    escaped = "".join(f"\\{ord(char):x} " if char in '"\\<>&\n\r' else char for char in text)
    return f'"{escaped}"'


def render_html(template_name: str, context: dict | None = None) -> str:
    """The HTML a PDF is made from (handy in tests of the wording)."""
    return render_to_string(
        template_name, {**(context or {}), "page_counter_css": page_counter_css()}
    )


def render_pdf(
    template_name: str,
    context: dict | None = None,
    *,
    base_url: str | None = None,
    url_fetcher: StaticFilesOnlyFetcher | None = None,
) -> bytes:
    """Render a template under ``templates/documents/`` to PDF bytes (tagged PDF/A-3u).

    ``base_url`` is where relative URLs resolve (the static directory by default);
    ``url_fetcher`` may be given to inspect what the document asked for.
    """
    html = render_html(template_name, context)
    document = HTML(
        string=html,
        base_url=base_url or default_base_url(),
        url_fetcher=url_fetcher or StaticFilesOnlyFetcher(),
    )
    # PDF/A-3u: self-contained and archivable (fonts embedded, text extractable), as a letter
    # kept on an application must be; tags make it readable by screen readers.
    return document.write_pdf(pdf_variant="pdf/a-3u", pdf_tags=True)
