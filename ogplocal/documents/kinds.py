"""What kind of file an upload is, decided by its content, never by its name or the browser.

``detect_kind(file)`` reads the first bytes (``filetype`` does the sniffing) and answers one of
``KINDS`` or ``None``. The kinds a filing accepts are grouped (``PDF``, ``IMAGES``,
``OFFICE``, ``TEXT``; ``EVIDENCE_KINDS`` is all of them): an executable renamed ``.pdf`` is
sniffed as an executable and refused, a PDF named ``scan.jpg`` is accepted as a PDF and stored as
``.pdf``.

Two cases ``filetype`` cannot settle alone:

- **Office Open XML** (docx, xlsx, pptx) is a ZIP archive; ``filetype`` recognises it from the
  first entries' names, and some writers put those entries elsewhere. A file ``filetype`` calls a
  plain ZIP is opened with ``zipfile`` and recognised by its ``[Content_Types].xml`` and its
  ``word/``, ``xl/`` or ``ppt/`` parts; any other ZIP is refused.
- **Plain text and CSV** have no signature. A file no signature matches is text when its first
  bytes decode (UTF-8, with or without BOM, or a single-byte encoding such as Windows-1252) and
  hold no control characters besides tab, line and page breaks. Text that opens like markup
  (``<html``, ``<svg``, ``<?xml``, ``<script``…) is refused: it is served as an attachment with
  ``nosniff`` anyway, but nothing a point of contact files needs to be a web page. Whether text is
  CSV or plain is the one thing the name decides (``.csv``), as content cannot tell.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from typing import IO

import filetype
from django.utils.translation import gettext_lazy as _

# filetype itself reads at most the first 8 KB.
SNIFF_BYTES = 8192


@dataclass(frozen=True)
class FileKind:
    """One kind of file the portal accepts: how it is named, stored and served."""

    key: str  # the stored extension too: "pdf", "docx", "csv"
    mime: str
    label: str  # what a person calls it: "PDF", "Word document"

    @property
    def extension(self) -> str:
        return self.key


PDF_KIND = FileKind("pdf", "application/pdf", _("PDF"))
PNG_KIND = FileKind("png", "image/png", _("PNG image"))
JPEG_KIND = FileKind("jpg", "image/jpeg", _("JPEG image"))
DOCX_KIND = FileKind(
    "docx",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    _("Word document"),
)
XLSX_KIND = FileKind(
    "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", _("Excel workbook")
)
PPTX_KIND = FileKind(
    "pptx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    _("PowerPoint presentation"),
)
DOC_KIND = FileKind("doc", "application/msword", _("Word 97-2003 document"))
XLS_KIND = FileKind("xls", "application/vnd.ms-excel", _("Excel 97-2003 workbook"))
PPT_KIND = FileKind("ppt", "application/vnd.ms-powerpoint", _("PowerPoint 97-2003 presentation"))
ODT_KIND = FileKind("odt", "application/vnd.oasis.opendocument.text", _("OpenDocument text"))
ODS_KIND = FileKind(
    "ods", "application/vnd.oasis.opendocument.spreadsheet", _("OpenDocument spreadsheet")
)
ODP_KIND = FileKind(
    "odp", "application/vnd.oasis.opendocument.presentation", _("OpenDocument presentation")
)
CSV_KIND = FileKind("csv", "text/csv", _("CSV table"))
TEXT_KIND = FileKind("txt", "text/plain", _("plain text"))

PDF = (PDF_KIND,)
IMAGES = (PNG_KIND, JPEG_KIND)
OFFICE = (
    DOCX_KIND,
    XLSX_KIND,
    PPTX_KIND,
    DOC_KIND,
    XLS_KIND,
    PPT_KIND,
    ODT_KIND,
    ODS_KIND,
    ODP_KIND,
)
TEXT = (CSV_KIND, TEXT_KIND)
EVIDENCE_KINDS = PDF + IMAGES + OFFICE + TEXT

KINDS: dict[str, FileKind] = {kind.key: kind for kind in EVIDENCE_KINDS}
_BY_MIME: dict[str, FileKind] = {kind.mime: kind for kind in EVIDENCE_KINDS}

_OOXML_PARTS = (("word/", DOCX_KIND), ("xl/", XLSX_KIND), ("ppt/", PPTX_KIND))
# Control characters that do not occur in text: everything below a space except tab, line feed,
# form feed and carriage return, and DEL.
_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_MARKUP = re.compile(rb"^\s*<(?:!doctype|html|\?xml|svg|script|head|body|iframe|!--)", re.I)


@dataclass(frozen=True)
class Sniffed:
    """What the content is: an accepted ``kind``, or ``None`` with what it was taken for."""

    kind: FileKind | None
    detected: str  # a MIME type, "" when unknown

    @property
    def description(self) -> str:
        """How a refusal names what was found: "ELF file", "ZIP file", ""."""
        if self.kind is not None:
            return str(self.kind.label)
        guessed = filetype.get_type(mime=self.detected) if self.detected else None
        if guessed is not None:
            return guessed.extension.upper()
        return _("web page or markup") if self.detected == "text/html" else ""


def sniff(file: IO[bytes], *, name: str = "") -> Sniffed:
    """Decide what ``file`` is from its content; ``name`` only tells CSV from plain text.

    The file is left at its start.
    """
    file.seek(0)
    head = file.read(SNIFF_BYTES)
    file.seek(0)
    if not head:
        return Sniffed(None, "")
    guessed = filetype.guess(head)
    if guessed is not None:
        kind = _BY_MIME.get(guessed.mime)
        if kind is None and guessed.mime == "application/zip":
            kind = _office_open_xml(file)
        return Sniffed(kind, guessed.mime)
    if _looks_like_text(head):
        if _MARKUP.match(head.lstrip(b"\xef\xbb\xbf")):
            return Sniffed(None, "text/html")
        is_csv = name.lower().endswith(".csv")
        return Sniffed(CSV_KIND if is_csv else TEXT_KIND, "text/plain")
    return Sniffed(None, "")


def detect_kind(file: IO[bytes], *, name: str = "") -> FileKind | None:
    """The accepted kind of ``file`` by its content, or ``None``."""
    return sniff(file, name=name).kind


def kind_of_stored_name(name: str) -> FileKind | None:
    """The kind of a file the portal stored, from the extension the portal itself gave it."""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    return KINDS.get(extension)


def _office_open_xml(file: IO[bytes]) -> FileKind | None:
    try:
        with zipfile.ZipFile(file) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    finally:
        file.seek(0)
    if "[Content_Types].xml" not in names:
        return None
    for prefix, kind in _OOXML_PARTS:
        if any(entry.startswith(prefix) for entry in names):
            return kind
    return None


def _looks_like_text(head: bytes) -> bool:
    # UTF-8 and single-byte encodings (Windows-1252, Latin-1) hold no control characters besides
    # tab and breaks; binary formats without a signature, and UTF-16, have plenty (NULs at least).
    return _CONTROL.search(head) is None
