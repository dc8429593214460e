"""Reading uploaded drafts by content: DOCX, PDF, text, and refusing broken or hostile files."""

from __future__ import annotations

import pytest

from corpus.extract import UploadRejected, check_pdf, extract_text
from tests.lawportal.test_hearings_support import DRAFT_TEXT, make_docx, make_pdf, make_zip_bomb

LIMIT = 2 * 1024 * 1024


def test_docx_text_is_extracted() -> None:
    document = extract_text(make_docx(DRAFT_TEXT), LIMIT)
    assert document.kind == "docx"
    assert "มาตรา ๓ ผู้ใดประสงค์" in document.text


def test_pdf_text_is_extracted() -> None:
    document = extract_text(make_pdf(["Section 1 first", "Section 2 second"]), LIMIT)
    assert document.kind == "pdf"
    assert "Section 2 second" in document.text


def test_text_is_recognised_by_content_whatever_its_bom() -> None:
    document = extract_text(("\ufeff" + DRAFT_TEXT).encode("utf-8"), LIMIT)
    assert document.kind == "txt"
    assert document.text.startswith("ร่าง")


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"%PDF-1.4\nthis is not really a pdf", "corrupt"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "wrong_type"),
        ("ไทย".encode("tis-620") + b"\xff\xfe", "wrong_type"),
        (b"PK\x03\x04 broken zip", "corrupt"),
        (b"   \n  \n", "no_text"),
    ],
)
def test_bad_files_are_refused_with_a_reason(data: bytes, reason: str) -> None:
    with pytest.raises(UploadRejected) as caught:
        extract_text(data, LIMIT)
    assert caught.value.reason == reason


def test_too_large_is_refused_before_reading() -> None:
    with pytest.raises(UploadRejected) as caught:
        extract_text(b"a" * (LIMIT + 1), LIMIT)
    assert caught.value.reason == "too_large"


def test_zip_bomb_is_refused_before_it_is_opened() -> None:
    bomb = make_zip_bomb(5 * 1024 * 1024)
    assert len(bomb) < 50_000
    with pytest.raises(UploadRejected) as caught:
        extract_text(bomb, LIMIT)
    assert caught.value.reason == "zip_bomb"


def test_zip_that_is_not_a_word_document_is_wrong_type() -> None:
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("hello.txt", "hello")
    with pytest.raises(UploadRejected) as caught:
        extract_text(out.getvalue(), LIMIT)
    assert caught.value.reason == "wrong_type"


def test_attachment_must_be_a_real_pdf() -> None:
    check_pdf(make_pdf(["Explanatory note"]), LIMIT)
    with pytest.raises(UploadRejected):
        check_pdf(make_docx("not a pdf"), LIMIT)
    with pytest.raises(UploadRejected):
        check_pdf(b"%PDF-1.7\n%%EOF", LIMIT)
