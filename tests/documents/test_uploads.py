"""Uploads of several kinds (evidence): the type by content, a size limit, names, responses."""

import io
import re
import zipfile

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import models
from django.db.migrations.writer import MigrationWriter
from django.db.models.fields.files import FieldFile
from PIL import Image

from ogplocal.documents.kinds import detect_kind, sniff
from ogplocal.documents.storage import DocumentPath, document_response
from ogplocal.documents.validators import DocumentField, DocumentValidator, prepare_upload
from tests.documents.conftest import PNG_BYTES, pdf_bytes, upload

ELF_BYTES = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 8 + b"\x02\x00\x3e\x00" + b"\x00" * 200
WINDOWS_EXE_BYTES = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 300


def jpeg_bytes() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(out, format="JPEG")
    return out.getvalue()


def zip_bytes(entries: list[tuple[str, bytes]], *, stored_first: bool = False) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for index, (name, data) in enumerate(entries):
            compress = zipfile.ZIP_STORED if stored_first and index == 0 else zipfile.ZIP_DEFLATED
            archive.writestr(name, data, compress_type=compress)
    return out.getvalue()


def docx_bytes() -> bytes:
    return zip_bytes(
        [
            ("[Content_Types].xml", b"<Types/>"),
            ("_rels/.rels", b"<Relationships/>"),
            ("word/document.xml", b"<w:document/>"),
        ]
    )


def xlsx_with_parts_late() -> bytes:
    # Some writers put docProps and many other parts first; filetype then sees a plain ZIP.
    parts = [(f"customXml/item{i}.xml", b"<x/>" * 50) for i in range(8)]
    return zip_bytes([*parts, ("[Content_Types].xml", b"<Types/>"), ("xl/workbook.xml", b"<w/>")])


def odt_bytes() -> bytes:
    return zip_bytes(
        [
            ("mimetype", b"application/vnd.oasis.opendocument.text"),
            ("content.xml", b"<office:document-content/>"),
        ],
        stored_first=True,
    )


def refusal(file, **kwargs) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        DocumentValidator(**kwargs)(file)
    return caught.value


@pytest.mark.parametrize(
    ("content", "name", "kind"),
    [
        (pdf_bytes(1), "report.pdf", "pdf"),
        (PNG_BYTES, "photo.png", "png"),
        (jpeg_bytes(), "photo.jpeg", "jpg"),
        (docx_bytes(), "minutes.docx", "docx"),
        (xlsx_with_parts_late(), "budget.xlsx", "xlsx"),
        (odt_bytes(), "minutes.odt", "odt"),
        ("name,count\nBogotá,3\n".encode(), "attendance.csv", "csv"),
        ("Minutes of the meeting\r\n\tItem 1\n".encode("cp1252"), "notes.txt", "txt"),
    ],
)
def test_each_evidence_kind_accepted_by_its_content(content, name, kind):
    assert DocumentValidator().check(upload(content, name)).key == kind


def test_executable_renamed_pdf_refused_naming_what_it_is():
    error = refusal(upload(ELF_BYTES, "report.pdf", "application/pdf"))
    assert error.code == "document.type_not_allowed"
    assert "ELF" in error.messages[0]
    assert "PDF" in error.messages[0]  # the allowed kinds are listed


def test_windows_program_renamed_docx_refused():
    assert refusal(upload(WINDOWS_EXE_BYTES, "minutes.docx")).code == "document.type_not_allowed"


def test_plain_zip_renamed_docx_refused():
    error = refusal(upload(zip_bytes([("a.txt", b"hello")]), "minutes.docx"))
    assert error.code == "document.type_not_allowed"
    assert "ZIP" in error.messages[0]


def test_web_page_renamed_txt_refused():
    error = refusal(upload(b"<!DOCTYPE html><script>alert(1)</script>", "notes.txt"))
    assert error.code == "document.type_not_allowed"


def test_svg_image_refused_because_it_can_carry_scripts():
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    assert refusal(upload(svg, "chart.png", "image/png")).code == "document.type_not_allowed"


def test_binary_without_signature_refused_as_unknown():
    error = refusal(upload(bytes(range(256)) * 4, "data.csv"))
    assert error.code == "document.type_not_allowed"
    assert "cannot be recognised" in error.messages[0]


def test_empty_file_refused():
    assert refusal(upload(b"", "empty.txt")).code == "document.type_not_allowed"


def test_damaged_pdf_refused_as_unreadable():
    assert refusal(upload(b"%PDF-1.7\n garbage", "report.pdf")).code == "document.unreadable"


def test_kind_outside_the_chosen_ones_refused():
    error = refusal(upload(PNG_BYTES, "photo.png"), kinds=("pdf",))
    assert error.code == "document.type_not_allowed"
    assert "Allowed: PDF." in error.messages[0]


def test_file_over_the_size_limit_refused_naming_the_limit():
    error = refusal(upload(pdf_bytes(1), "report.pdf"), max_size=100, name="The evidence")
    assert error.code == "document.too_large"
    assert error.messages[0].startswith("The evidence is")
    assert "at most 100\xa0bytes" in error.messages[0]


def test_default_size_limit_is_10_mb():
    assert DocumentValidator().max_size == 10 * 1024 * 1024


def test_csv_or_text_is_the_one_thing_the_name_decides():
    content = b"a,b\n1,2\n"
    assert detect_kind(io.BytesIO(content), name="x.csv").key == "csv"
    assert detect_kind(io.BytesIO(content), name="x.txt").key == "txt"


def test_sniffing_leaves_the_file_at_its_start():
    file = io.BytesIO(docx_bytes())
    sniff(file)
    assert file.tell() == 0


def test_validator_round_trips_through_a_migration():
    validator = DocumentValidator(kinds=("pdf", "png"), max_size=1000)
    source, imports = MigrationWriter.serialize(validator)
    assert "kinds=('pdf', 'png')" in source
    assert "import ogplocal.documents.validators" in imports


def test_validator_refuses_an_unknown_kind_key():
    with pytest.raises(ValueError):
        DocumentValidator(kinds=("exe",))


class EvidenceForm(forms.Form):
    file = DocumentField(name="The evidence")


def test_form_field_names_the_file_by_its_content_and_keeps_the_uploaders_name():
    form = EvidenceForm(files={"file": upload(docx_bytes(), "Minutes 3 May.pdf")})
    assert form.is_valid(), form.errors
    file = form.cleaned_data["file"]
    assert file.name == "upload.docx"
    assert file.original_name == "Minutes 3 May.pdf"
    assert file.document_kind.key == "docx"


def test_form_field_refuses_an_executable_with_the_message():
    form = EvidenceForm(files={"file": upload(ELF_BYTES, "report.pdf")})
    assert not form.is_valid()
    assert "by its content it is of type ELF" in form.errors["file"][0]


def test_form_field_asks_the_browser_for_the_allowed_kinds():
    html = str(EvidenceForm()["file"])
    assert 'accept="application/pdf,' in html
    assert ".docx" in html


def test_prepare_upload_strips_folders_from_the_uploaders_name():
    file = upload(pdf_bytes(1), "report.pdf")
    file._name = "C:\\Users\\ana\\report.pdf"
    prepare_upload(file)
    assert file.original_name == "report.pdf"


NAME = re.compile(r"^evidence/\d{4}/[0-9a-f]{32}\.(\w+)$")


def test_document_path_by_kind_stores_under_the_detected_extension():
    name = DocumentPath("evidence", extension=None)(None, "upload.docx")
    assert NAME.match(name).group(1) == "docx"


def test_document_path_by_kind_stores_an_unknown_extension_as_bin():
    assert NAME.match(DocumentPath("evidence", extension=None)(None, "x.exe")).group(1) == "bin"


def _stored(media_root, content: bytes, original: str) -> FieldFile:
    file = upload(content, original)
    prepare_upload(file)
    field = models.FileField(upload_to=DocumentPath("evidence", extension=None))
    field.storage = default_storage
    name = default_storage.save(DocumentPath("evidence", extension=None)(None, file.name), file)
    return FieldFile(None, field, name)


def test_two_uploads_of_the_same_file_never_overwrite_one_another(media_root):
    first = _stored(media_root, b"first,1\n", "data.csv")
    second = _stored(media_root, b"second,2\n", "data.csv")
    assert first.name != second.name
    assert default_storage.open(first.name).read() == b"first,1\n"
    assert default_storage.open(second.name).read() == b"second,2\n"


def test_response_is_an_attachment_of_the_stored_kind_with_nosniff(media_root):
    stored = _stored(media_root, docx_bytes(), "Minutes.pdf")
    response = document_response(stored, download_name="Minutes.pdf")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment;")
    assert 'filename="Minutes.docx"' in response["Content-Disposition"]


def test_text_is_served_as_an_attachment_never_inline(media_root):
    stored = _stored(media_root, b"a,b\n", "t.csv")
    response = document_response(stored, download_name="table")
    assert response["Content-Type"] == "text/csv"
    assert response["Content-Disposition"] == 'attachment; filename="table.csv"'
