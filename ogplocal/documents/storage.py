"""Where filed and generated documents are stored, and how a permitted view hands one out.

Files live in the default storage (``MEDIA_ROOT`` unless ``FILE_STORAGE`` says otherwise) under
``<folder>/<year>/<random hex>.pdf``: the name tells nothing about the document, its author or
the uploader's own file name, cannot be guessed, and a new file never replaces an earlier one
(a filing's old versions keep their files). If a name ever existed already, the storage's
``get_available_name`` would still pick another.

Filed documents are not public: never link ``MEDIA_URL`` to them. A view checks the permission
(answering 404 to whoever may not see the document) and returns ``document_response(...)``.
A generated PDF (a decision letter) is stored the same way::

    letter.pdf.save("letter.pdf", ContentFile(render_pdf(...)), save=True)

where ``pdf = models.FileField(upload_to=DocumentPath("decision-letters"))``; the ``"letter.pdf"``
given is discarded by ``DocumentPath``.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from django.core.files.storage import Storage, default_storage
from django.db.models.fields.files import FieldFile
from django.http import FileResponse
from django.utils.deconstruct import deconstructible


@deconstructible
class DocumentPath:
    """An ``upload_to`` that ignores the uploaded file's name: ``<folder>/<year>/<uuid>.pdf``."""

    def __init__(self, folder: str, extension: str = "pdf") -> None:
        if not folder or folder.startswith("/") or ".." in folder.split("/"):
            raise ValueError(f"folder must be a relative path inside the storage: {folder!r}")
        self.folder = folder.strip("/")
        self.extension = extension

    def __call__(self, instance: object, filename: str) -> str:
        return new_document_name(self.folder, self.extension)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, DocumentPath) and (self.folder, self.extension) == (
            other.folder,
            other.extension,
        )


def new_document_name(folder: str, extension: str = "pdf") -> str:
    """A fresh, unguessable storage name; the year only keeps folders small."""
    year = datetime.now(tz=UTC).year
    return f"{folder}/{year}/{uuid.uuid4().hex}.{extension}"


def store_document(
    content, folder: str, *, extension: str = "pdf", storage: Storage | None = None
) -> str:
    """Save ``content`` (a ``File``) under a new name in ``folder``; return the stored name.

    For documents kept outside a ``FileField``; a model field with ``DocumentPath`` does the same.
    """
    storage = storage or default_storage
    return storage.save(new_document_name(folder, extension), content)


def document_response(file: FieldFile, *, download_name: str) -> FileResponse:
    """Send a stored PDF to a user the caller has already checked may see it.

    ``download_name`` is the name the user's browser saves it as (e.g. "Letter of Support -
    Bogotá.pdf"); the stored name is never shown. The browser must not guess another type.
    """
    response = FileResponse(
        file.open("rb"),
        as_attachment=True,
        filename=download_name,
        content_type="application/pdf",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
