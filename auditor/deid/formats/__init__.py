"""One module per file type; ``format_for`` is the single explicit registry.

Anything that is not one of the structured types but decodes as text is plain text.
DOCX, PDF and Parquet have their own modules. Images and other binaries are refused with a
reason and copied only when the user asks (``--copy-unsupported``): a copy carries its PHI
along.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from auditor.deid.formats.base import Format, sniff_head
from auditor.deid.formats.delimited import DelimitedFormat
from auditor.deid.formats.docx import DocxFormat
from auditor.deid.formats.hl7 import Hl7Format
from auditor.deid.formats.jsondoc import JsonFormat, JsonlFormat
from auditor.deid.formats.parquet import ParquetFormat, redact_parquet
from auditor.deid.formats.pdf import PdfFormat
from auditor.deid.formats.text import TextFormat
from auditor.scanners.documents.docx import ZipLimits

BINARY_SUFFIXES = {
    ".doc", ".xlsx", ".xls", ".pptx", ".png", ".jpg", ".jpeg", ".gif",
    ".tif", ".tiff", ".bmp", ".dcm", ".zip", ".gz", ".tgz", ".bz2", ".xz", ".7z", ".rtf",
    ".avro", ".sqlite", ".db", ".exe", ".bin",
}  # fmt: skip
_BY_SUFFIX: dict[str, Format] = {
    ".csv": DelimitedFormat(),
    ".tsv": DelimitedFormat(),
    ".tab": DelimitedFormat(),
    ".jsonl": JsonlFormat(),
    ".ndjson": JsonlFormat(),
    ".json": JsonFormat(),
    ".hl7": Hl7Format(),
    ".hl7v2": Hl7Format(),
    ".parquet": ParquetFormat(),
}
TEXT = TextFormat()


def format_for(path: Path, limits: ZipLimits | None = None) -> tuple[Format | None, str]:
    """The format that handles ``path``, or (None, reason it is refused)."""
    suffix = path.suffix.lower()
    head = sniff_head(path, 8192)
    if suffix == ".pdf" or head.startswith(b"%PDF-"):
        return PdfFormat(), ""
    if suffix in (".docx", ".docm"):
        return DocxFormat(limits), ""
    if suffix in BINARY_SUFFIXES:
        return None, f"unsupported for de-identification ({suffix[1:]})"
    if head.lstrip(b"\xef\xbb\xbf\x0b").startswith(b"MSH"):
        return Hl7Format(), ""
    fmt = _BY_SUFFIX.get(suffix)
    if fmt is not None:
        return fmt, ""
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, "binary content (NUL bytes)"
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped[:1] == b"{":
        try:
            json.loads(path.read_bytes()) if path.stat().st_size < (64 << 20) else None
            return JsonFormat(), ""
        except ValueError:
            pass
    return TEXT, ""


def redact_whole(dst: Path, kind: str, text: str) -> None:
    """Write ``dst`` as a file of its kind that holds only ``text`` (a file redacted whole).

    Here, beside the registry, because it names formats: ``base`` serves them all and
    imports none."""
    dst.parent.mkdir(parents=True, exist_ok=True)
    tmp = dst.with_name(f".{dst.name}.partial")
    try:
        if kind == "pdf":
            import pymupdf

            doc = pymupdf.open()
            doc.new_page().insert_text((72, 72), text)
            doc.save(str(tmp), garbage=4, deflate=True)
        elif kind == "docx":
            import docx

            document = docx.Document()
            document.add_paragraph(text)
            document.core_properties.author = ""
            document.core_properties.last_modified_by = ""
            document.save(str(tmp))
        elif kind == "parquet":
            redact_parquet(tmp, text)
        else:
            tmp.write_text(text + "\n", encoding="utf-8")
        os.replace(tmp, dst)
    finally:
        tmp.unlink(missing_ok=True)
