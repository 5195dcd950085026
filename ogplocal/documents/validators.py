"""The check every filed PDF passes before it is stored.

A filed document (the Letter of Support, later a plan's evidence) must be a PDF by its content,
not by its name or the browser's content type; it must fit a size limit; it may have a maximum
number of pages (the Letter of Support: at most 3, LH §1.2); and it must open without a password
and without errors, so that reviewers can read it. Each refusal is a ``ValidationError`` with a
stable code and a message naming the limit:

=========================  ====================================================================
``document.not_pdf``        the content is not a PDF (a PNG renamed ``.pdf`` is refused)
``document.too_large``      larger than ``max_size`` bytes (10 MB unless the use says otherwise)
``document.too_many_pages`` more pages than ``max_pages``
``document.unreadable``     damaged, empty, or needs a password to open
=========================  ====================================================================

On a model field (the limits travel into the migration, the messages are checked by
``full_clean`` and by every ``ModelForm``)::

    letter_of_support = models.FileField(
        upload_to=DocumentPath("letters-of-support"),
        validators=[
            PDFDocumentValidator(max_pages=3, name=_("The letter"), reference="LH §1.2")
        ],
    )

On a plain form, ``PDFDocumentField(max_pages=3, name=_("The letter"), reference="LH §1.2")``.
A service that receives a file from elsewhere (the API, a command) calls the validator itself.
"""

from __future__ import annotations

from typing import IO

import filetype
from django import forms
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from pypdf import PdfReader

from ogplocal.documents.kinds import EVIDENCE_KINDS, KINDS, PDF_KIND, FileKind, sniff

DEFAULT_MAX_SIZE = 10 * 1024 * 1024  # 10 MB
PDF_MIME_TYPE = "application/pdf"
# filetype decides the type from the first bytes of the file; 8 KB is what it reads itself.
_SNIFF_BYTES = 8192


@deconstructible
class PDFDocumentValidator:
    """Refuse a file that is not a readable PDF within the given size and page limits.

    ``name`` is how the messages call the document ("The letter"), ``reference`` the Handbook
    section behind the page limit ("LH §1.2"), cited after the page-limit message.
    """

    def __init__(
        self,
        *,
        max_size: int = DEFAULT_MAX_SIZE,
        max_pages: int | None = None,
        name: str = _("The document"),
        reference: str = "",
    ) -> None:
        if max_size <= 0 or (max_pages is not None and max_pages <= 0):
            raise ValueError("max_size and max_pages must be positive")
        self.max_size = max_size
        self.max_pages = max_pages
        self.name = name
        self.reference = reference

    def __call__(self, file: IO[bytes]) -> None:
        self.check_size(file)
        self.check_type(file)
        self.check_pages(file)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PDFDocumentValidator) and (
            (self.max_size, self.max_pages, str(self.name), self.reference)
            == (other.max_size, other.max_pages, str(other.name), other.reference)
        )

    def _refuse(self, message: str, code: str, *, cite: bool = False, **params) -> ValidationError:
        # Django formats the message with its params when it is shown, so the message stays a
        # template and every value (a name or reference with a "%" in it too) is a param.
        params = {"name": self.name, "reference": self.reference, **params}
        template = f"{message} (%(reference)s)." if cite and self.reference else f"{message}."
        return ValidationError(template, code=code, params=params)

    def check_size(self, file: IO[bytes]) -> None:
        size = _size_of(file)
        if size > self.max_size:
            raise self._refuse(
                _("%(name)s is %(size)s; at most %(limit)s is allowed"),
                "document.too_large",
                size=filesizeformat(size),
                limit=filesizeformat(self.max_size),
                size_bytes=size,
                limit_bytes=self.max_size,
            )

    def check_type(self, file: IO[bytes]) -> None:
        file.seek(0)
        head = file.read(_SNIFF_BYTES)
        file.seek(0)
        kind = filetype.guess(head) if head else None
        if kind is not None and kind.mime == PDF_MIME_TYPE:
            return
        if kind is None:
            message = _("%(name)s must be a PDF file; this file is of an unknown type")
        else:
            message = _("%(name)s must be a PDF file; this file is a %(kind)s file")
        raise self._refuse(
            message,
            "document.not_pdf",
            kind=kind.extension.upper() if kind else "",
            detected=kind.mime if kind else "",
        )

    def check_pages(self, file: IO[bytes]) -> None:
        pages = count_pages(file, name=self.name)
        if self.max_pages is not None and pages > self.max_pages:
            message = ngettext(
                "%(name)s has %(pages)d pages; at most %(limit)d page is allowed",
                "%(name)s has %(pages)d pages; at most %(limit)d pages are allowed",
                self.max_pages,
            )
            raise self._refuse(
                message, "document.too_many_pages", cite=True, pages=pages, limit=self.max_pages
            )


def count_pages(file: IO[bytes], *, name: str = _("The document")) -> int:
    """The number of pages of a PDF, or ``document.unreadable`` if it cannot be opened.

    A PDF that needs a password to open is refused; one with an empty user password (only
    printing or copying restricted, as some scanners write) opens in every reader and is read.
    """
    file.seek(0)
    try:
        reader = PdfReader(file, strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise ValidationError(
                _(
                    "%(name)s is protected with a password. Upload a copy that opens "
                    "without a password."
                ),
                code="document.unreadable",
                params={"name": name, "reason": "encrypted"},
            )
        pages = len(reader.pages)
    except ValidationError:
        raise
    except Exception as error:  # pypdf raises many kinds of errors on damaged files.
        raise _unreadable(name) from error
    finally:
        file.seek(0)
    if pages < 1:
        raise _unreadable(name)
    return pages


def _unreadable(name: str) -> ValidationError:
    return ValidationError(
        _("%(name)s could not be read as a PDF: the file is damaged or empty."),
        code="document.unreadable",
        params={"name": name, "reason": "damaged"},
    )


def _size_of(file: IO[bytes]) -> int:
    size = getattr(file, "size", None)
    if size is not None:
        return int(size)
    position = file.tell()
    file.seek(0, 2)
    size = file.tell()
    file.seek(position)
    return size


class PDFDocumentField(forms.FileField):
    """A form field for one PDF upload, checked by ``PDFDocumentValidator``.

    The ``accept`` attribute only helps the browser's file picker; the server decides by content.
    """

    def __init__(
        self,
        *,
        max_size: int = DEFAULT_MAX_SIZE,
        max_pages: int | None = None,
        name: str = _("The document"),
        reference: str = "",
        **kwargs,
    ) -> None:
        self.document_validator = PDFDocumentValidator(
            max_size=max_size, max_pages=max_pages, name=name, reference=reference
        )
        kwargs.setdefault("validators", [])
        kwargs["validators"] = [*kwargs["validators"], self.document_validator]
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        if isinstance(widget, forms.FileInput) and "accept" not in widget.attrs:
            attrs["accept"] = f"{PDF_MIME_TYPE},.pdf"
        return attrs


# --- Files of several kinds (evidence): the type by content, a size limit -----------------------


@deconstructible
class DocumentValidator:
    """Refuse a file whose content is none of ``kinds`` or that is larger than ``max_size``.

    For evidence and other filings that accept more than PDFs (``kinds.EVIDENCE_KINDS`` by
    default). Codes: ``document.too_large`` (the message names the limit) and
    ``document.type_not_allowed`` (the message names what the file is, when known, and the kinds
    allowed). A PDF is also checked to open (``document.unreadable``), so reviewers can read it.
    ``kinds`` is a tuple of kind keys (``("pdf", "png")``) so the validator serialises into a
    migration.
    """

    def __init__(
        self,
        *,
        kinds: tuple[str, ...] | None = None,
        max_size: int = DEFAULT_MAX_SIZE,
        name: str = _("The file"),
    ) -> None:
        keys = tuple(kinds) if kinds is not None else tuple(k.key for k in EVIDENCE_KINDS)
        unknown = [key for key in keys if key not in KINDS]
        if not keys or unknown or max_size <= 0:
            raise ValueError(f"kinds must be known kind keys and max_size positive: {unknown}")
        self.kinds = keys
        self.max_size = max_size
        self.name = name

    def __call__(self, file: IO[bytes]) -> None:
        self.check(file)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, DocumentValidator) and (
            (self.kinds, self.max_size, str(self.name))
            == (other.kinds, other.max_size, str(other.name))
        )

    def allowed_labels(self) -> str:
        labels: list[str] = []
        for key in self.kinds:
            label = str(KINDS[key].label)
            if label not in labels:
                labels.append(label)
        return ", ".join(labels)

    def accept(self) -> str:
        """The file picker's ``accept``: MIME types and extensions (a hint, never a check)."""
        kinds = [KINDS[key] for key in self.kinds]
        extensions = [f".{k.extension}" for k in kinds] + ([".jpeg"] if "jpg" in self.kinds else [])
        return ",".join([k.mime for k in kinds] + extensions)

    def check(self, file: IO[bytes]) -> FileKind:
        """Check the file; return its ``FileKind``. Raises ``ValidationError``."""
        size = _size_of(file)
        if size > self.max_size:
            raise ValidationError(
                _("%(name)s is %(size)s; at most %(limit)s is allowed."),
                code="document.too_large",
                params={
                    "name": self.name,
                    "size": filesizeformat(size),
                    "limit": filesizeformat(self.max_size),
                    "size_bytes": size,
                    "limit_bytes": self.max_size,
                },
            )
        sniffed = sniff(file, name=getattr(file, "name", "") or "")
        if sniffed.kind is None or sniffed.kind.key not in self.kinds:
            found = sniffed.description
            if found:
                message = _(
                    "%(name)s cannot be accepted: by its content it is of type %(found)s, "
                    "whatever its name. Allowed: %(allowed)s."
                )
            else:
                message = _(
                    "%(name)s cannot be accepted: its type cannot be recognised by its content. "
                    "Allowed: %(allowed)s."
                )
            raise ValidationError(
                message,
                code="document.type_not_allowed",
                params={
                    "name": self.name,
                    "found": found,
                    "allowed": self.allowed_labels(),
                    "detected": sniffed.detected,
                },
            )
        if sniffed.kind == PDF_KIND:
            count_pages(file, name=self.name)
        return sniffed.kind


class DocumentField(forms.FileField):
    """A form field for one upload of the given kinds (evidence by default).

    Its cleaned value is the uploaded file, checked by ``DocumentValidator``, with the detected
    kind as ``.document_kind`` and the uploader's own file name kept as ``.original_name``; its
    ``.name`` becomes ``upload.<extension of the detected kind>``, so a ``FileField`` with
    ``DocumentPath(folder, extension=None)`` stores it under the right extension.
    """

    def __init__(
        self,
        *,
        kinds: tuple[str, ...] | None = None,
        max_size: int = DEFAULT_MAX_SIZE,
        name: str = _("The file"),
        **kwargs,
    ) -> None:
        self.document_validator = DocumentValidator(kinds=kinds, max_size=max_size, name=name)
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        file = super().clean(data, initial)
        if file and file is not initial and hasattr(file, "read"):
            prepare_upload(file, self.document_validator)
        return file

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        if isinstance(widget, forms.FileInput) and "accept" not in widget.attrs:
            attrs["accept"] = self.document_validator.accept()
        return attrs


def prepare_upload(file, validator: DocumentValidator | None = None) -> FileKind:
    """Check an uploaded file and name it for storage; return its ``FileKind``.

    For a service receiving a file from elsewhere than ``DocumentField`` (the API, a command).
    Sets ``file.document_kind``, ``file.original_name`` (the uploader's name, at most 255
    characters, shown but never used to store) and ``file.name = "upload.<extension>"``.
    """
    validator = validator or DocumentValidator()
    original = getattr(file, "original_name", None) or _base_name(getattr(file, "name", ""))
    kind = validator.check(file)
    file.original_name = original[:255]
    file.document_kind = kind
    file.name = f"upload.{kind.extension}"
    return kind


def _base_name(name: str | None) -> str:
    return (name or "").replace("\\", "/").rsplit("/", 1)[-1]
