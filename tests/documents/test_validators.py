"""Upload validation of filed PDFs: type by content, size, pages, readable (LH §1.2)."""

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.db.migrations.writer import MigrationWriter

from ogplocal.documents.validators import (
    DEFAULT_MAX_SIZE,
    PDFDocumentField,
    PDFDocumentValidator,
    count_pages,
)
from tests.documents.conftest import PNG_BYTES, pdf_bytes, upload

LETTER = PDFDocumentValidator(max_pages=3, name="The letter", reference="LH §1.2")


def refusal(validator, file) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        validator(file)
    return caught.value


def test_letter_of_four_pages_refused_naming_the_limit():
    error = refusal(LETTER, upload(pdf_bytes(4)))
    assert error.code == "document.too_many_pages"
    assert error.messages == ["The letter has 4 pages; at most 3 pages are allowed (LH §1.2)."]


def test_letter_of_three_pages_accepted():
    LETTER(upload(pdf_bytes(3)))


def test_png_renamed_pdf_refused_whatever_the_browser_says():
    error = refusal(LETTER, upload(PNG_BYTES, name="letter.pdf", content_type="application/pdf"))
    assert error.code == "document.not_pdf"
    assert error.messages == ["The letter must be a PDF file; this file is a PNG file."]


def test_file_of_unknown_type_refused():
    error = refusal(LETTER, upload(b"Dear committee, please accept our application."))
    assert error.code == "document.not_pdf"
    assert "unknown type" in error.messages[0]


def test_pdf_named_otherwise_accepted_because_the_content_decides():
    LETTER(upload(pdf_bytes(1), name="scan.png", content_type="image/png"))


def test_file_over_the_size_limit_refused_naming_the_limit():
    validator = PDFDocumentValidator(max_size=1024, name="The letter")
    error = refusal(validator, upload(pdf_bytes(1) + b"\n%" + b"x" * 2048))
    assert error.code == "document.too_large"
    assert error.messages == ["The letter is 2.4\xa0KB; at most 1.0\xa0KB is allowed."]


def test_default_size_limit_is_10_mb():
    validator = PDFDocumentValidator()
    assert validator.max_size == DEFAULT_MAX_SIZE == 10 * 1024 * 1024
    big = pdf_bytes(1)
    big += b"%" * (DEFAULT_MAX_SIZE + 1 - len(big))
    assert refusal(validator, upload(big)).code == "document.too_large"


def test_size_is_checked_before_the_pdf_is_parsed():
    # Refused on size alone: a huge file never reaches pypdf.
    validator = PDFDocumentValidator(max_size=10)
    assert refusal(validator, upload(PNG_BYTES)).code == "document.too_large"


def test_corrupt_pdf_refused():
    corrupt = b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >>\nthis is not a PDF body\n%%EOF"
    error = refusal(LETTER, upload(corrupt))
    assert error.code == "document.unreadable"
    assert error.messages == [
        "The letter could not be read as a PDF: the file is damaged or empty."
    ]


def test_truncated_pdf_refused():
    whole = pdf_bytes(2)
    assert refusal(LETTER, upload(whole[: len(whole) // 3])).code == "document.unreadable"


def test_pdf_that_needs_a_password_refused():
    error = refusal(LETTER, upload(pdf_bytes(1, user_password="secret")))
    assert error.code == "document.unreadable"
    assert "protected with a password" in error.messages[0]


def test_pdf_restricted_only_by_an_owner_password_accepted():
    # Opens in every reader without a password (some scanners write these): its pages count.
    restricted = pdf_bytes(4, user_password="", owner_password="owner")
    assert count_pages(upload(restricted)) == 4
    assert refusal(LETTER, upload(restricted)).code == "document.too_many_pages"


def test_no_page_limit_unless_asked():
    PDFDocumentValidator()(upload(pdf_bytes(40)))


def test_validator_leaves_the_file_at_its_start_for_storage():
    file = upload(pdf_bytes(2))
    LETTER(file)
    assert file.tell() == 0


def test_validator_round_trips_through_a_migration():
    # A model field's validators are written into its migration.
    source, imports = MigrationWriter.serialize(LETTER)
    assert "PDFDocumentValidator(" in source and "max_pages=3" in source
    assert "import ogplocal.documents.validators" in imports


class LetterForm(forms.Form):
    letter = PDFDocumentField(max_pages=3, name="The letter", reference="LH §1.2")


def test_form_field_refuses_with_the_message():
    form = LetterForm(data={}, files={"letter": upload(pdf_bytes(4))})
    assert not form.is_valid()
    assert form.errors["letter"] == [
        "The letter has 4 pages; at most 3 pages are allowed (LH §1.2)."
    ]
    assert form.errors.as_data()["letter"][0].code == "document.too_many_pages"


def test_form_field_accepts_a_letter_within_the_limits():
    form = LetterForm(data={}, files={"letter": upload(pdf_bytes(3))})
    assert form.is_valid(), form.errors


def test_form_field_asks_the_browser_for_pdf_files():
    assert 'accept="application/pdf,.pdf"' in str(LetterForm()["letter"])


def test_model_file_field_with_the_validator_refuses_a_long_letter():
    from django.db import models

    field = models.FileField(upload_to="unused", validators=[LETTER])
    with pytest.raises(ValidationError) as caught:
        field.clean(upload(pdf_bytes(4)), None)
    assert caught.value.error_list[0].code == "document.too_many_pages"
