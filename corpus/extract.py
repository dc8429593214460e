"""Text out of an uploaded draft: DOCX, PDF or plain text, recognised by content, not by name.

Hostile files are refused before they are opened: the DOCX zip's total uncompressed size and
compression ratio are checked first (zip bombs), and every parser error becomes an
``UploadRejected`` with a reason code the site turns into a translated message.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

MEDIA_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "txt": "text/plain; charset=utf-8",
}
MAX_UNZIPPED_BYTES = 50 * 1024 * 1024
MAX_COMPRESSION_RATIO = 100
MAX_ZIP_MEMBERS = 2000


class UploadRejected(ValueError):
    """A file we will not store. ``reason`` is one of: empty, too_large, wrong_type, corrupt,
    zip_bomb, no_text."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


@dataclass(frozen=True)
class ExtractedDocument:
    """What an upload turned out to be, and its text."""

    kind: str  # "docx", "pdf" or "txt"
    text: str

    @property
    def media_type(self) -> str:
        return MEDIA_TYPES[self.kind]


def sniff_kind(data: bytes) -> str:
    """``pdf``, ``docx`` or ``txt`` by magic bytes; ``UploadRejected("wrong_type")`` otherwise."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return "docx"  # confirmed (word/document.xml present) when the zip is inspected
    if b"\x00" in data[:8192]:
        raise UploadRejected("wrong_type", "binary file that is neither PDF nor DOCX")
    try:
        data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UploadRejected("wrong_type", "text that is not UTF-8") from exc
    return "txt"


def check_zip(data: bytes) -> None:
    """Refuse a zip that is not a Word document or would expand beyond reason."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise UploadRejected("corrupt", str(exc)) from exc
    with archive:
        members = archive.infolist()
        if len(members) > MAX_ZIP_MEMBERS:
            raise UploadRejected("zip_bomb", f"{len(members)} files in the archive")
        total = sum(m.file_size for m in members)
        compressed = sum(m.compress_size for m in members) or 1
        if total > MAX_UNZIPPED_BYTES:
            raise UploadRejected("zip_bomb", f"expands to {total} bytes")
        if total / compressed > MAX_COMPRESSION_RATIO:
            raise UploadRejected("zip_bomb", f"compression ratio {total / compressed:.0f}")
        if "word/document.xml" not in archive.namelist():
            raise UploadRejected("wrong_type", "a zip file that is not a Word document")


def _docx_text(data: bytes) -> str:
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds on broken XML
        raise UploadRejected("corrupt", str(exc)) from exc
    return "\n".join(paragraph.text for paragraph in document.paragraphs)


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data))
        return "\n".join(page.extract_text() or "" for page in reader.pages)
    except Exception as exc:  # pypdf raises PdfReadError, ValueError, KeyError ... on broken files
        raise UploadRejected("corrupt", str(exc)) from exc


def check_pdf(data: bytes, max_bytes: int) -> None:
    """An attachment must be a PDF that opens: checked by content, then by parsing it."""
    if not data:
        raise UploadRejected("empty")
    if len(data) > max_bytes:
        raise UploadRejected("too_large", f"{len(data)} bytes")
    if sniff_kind(data) != "pdf":
        raise UploadRejected("wrong_type", "not a PDF")
    _pdf_text(data)


def extract_text(data: bytes, max_bytes: int) -> ExtractedDocument:
    """The text of a DOCX, PDF or UTF-8 text file, or ``UploadRejected`` saying why not."""
    if not data:
        raise UploadRejected("empty")
    if len(data) > max_bytes:
        raise UploadRejected("too_large", f"{len(data)} bytes")
    kind = sniff_kind(data)
    if kind == "docx":
        check_zip(data)
        text = _docx_text(data)
    elif kind == "pdf":
        text = _pdf_text(data)
    else:
        text = data.decode("utf-8-sig")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise UploadRejected("no_text", "no text could be read (a scanned PDF?)")
    return ExtractedDocument(kind=kind, text=text)
