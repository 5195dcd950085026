"""Stored documents: names that reveal nothing and never overwrite, handed out as attachments."""

import re

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db.migrations.writer import MigrationWriter

from ogplocal.documents.storage import DocumentPath, document_response, store_document
from tests.documents.conftest import pdf_bytes

NAME = re.compile(r"^letters-of-support/\d{4}/[0-9a-f]{32}\.pdf$")


def test_stored_name_does_not_reveal_the_uploaded_name():
    name = DocumentPath("letters-of-support")(None, "Letter of Support - Mayor Ana Restrepo.pdf")
    assert NAME.match(name)
    assert "Restrepo" not in name


def test_two_uploads_of_the_same_name_get_different_names():
    upload_to = DocumentPath("letters-of-support")
    assert upload_to(None, "letter.pdf") != upload_to(None, "letter.pdf")


def test_storing_the_same_content_twice_keeps_both_files(media_root):
    first = store_document(ContentFile(b"first"), "letters-of-support")
    second = store_document(ContentFile(b"second"), "letters-of-support")
    assert first != second
    assert NAME.match(first) and NAME.match(second)
    assert default_storage.open(first).read() == b"first"
    assert default_storage.open(second).read() == b"second"


@pytest.mark.parametrize("folder", ["", "/etc", "letters/../../etc"])
def test_document_path_refuses_a_folder_outside_the_storage(folder):
    with pytest.raises(ValueError):
        DocumentPath(folder)


def test_document_path_round_trips_through_a_migration():
    source, _ = MigrationWriter.serialize(DocumentPath("letters-of-support"))
    assert source == "ogplocal.documents.storage.DocumentPath('letters-of-support')"


def test_document_response_is_a_pdf_attachment_under_the_given_name(media_root):
    from django.db.models.fields.files import FieldFile, FileField

    name = store_document(ContentFile(pdf_bytes(1)), "decision-letters")
    field = FileField(upload_to=DocumentPath("decision-letters"))
    field.storage = default_storage
    response = document_response(
        FieldFile(None, field, name), download_name="Decision - Bogotá.pdf"
    )
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "Decision" in response["Content-Disposition"]
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    response.file_to_stream.close()
