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

from ogplocal.documents.kinds import kind_of_stored_name


@deconstructible
class DocumentPath:
    """An ``upload_to`` that ignores the uploaded file's name: ``<folder>/<year>/<uuid>.pdf``.

    With ``extension=None`` (files of several kinds, such as evidence) the extension is the one
    ``DocumentField``/``prepare_upload`` gave the file after sniffing its content
    (``upload.docx`` → ``.docx``); a name with an extension the portal does not know is stored
    as ``.bin`` and served as ``application/octet-stream``.
    """

    def __init__(self, folder: str, extension: str | None = "pdf") -> None:
        if not folder or folder.startswith("/") or ".." in folder.split("/"):
            raise ValueError(f"folder must be a relative path inside the storage: {folder!r}")
        self.folder = folder.strip("/")
        self.extension = extension

    def __call__(self, instance: object, filename: str) -> str:
        if self.extension is None:
            kind = kind_of_stored_name(filename or "")
            return new_document_name(self.folder, kind.extension if kind else "bin")
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
    """Send a stored file to a user the caller has already checked may see it.

    ``download_name`` is the name the user's browser saves it as (e.g. "Letter of Support -
    Bogotá.pdf"); the stored name is never shown. The type comes from the extension the portal
    gave the stored file (``.pdf`` unless stored by kind), and the download name is given that
    extension if it has another. Always an attachment, and the browser must not guess another
    type (``nosniff``): a file is never shown inside the portal's pages.
    """
    kind = kind_of_stored_name(file.name or "")
    content_type = kind.mime if kind else "application/octet-stream"
    if kind:
        download_name = _with_extension(download_name, kind.extension)
    response = FileResponse(
        file.open("rb"),
        as_attachment=True,
        filename=download_name,
        content_type=content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _with_extension(download_name: str, extension: str) -> str:
    stem, dot, current = download_name.rpartition(".")
    if dot and current.lower() == extension:
        return download_name
    if dot and kind_of_stored_name(download_name) is not None:
        download_name = stem  # "minutes.pdf" for what is a .docx: the content decides
    return f"{download_name}.{extension}"
