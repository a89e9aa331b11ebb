"""PDF text (pypdf): one unit per page, located by page number.

A PDF without a text layer (a scanned image) cannot be checked without OCR: it is reported
and skipped rather than counted as clean.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from auditor.errors import InputError
from auditor.scanners.documents.binary import open_whole
from auditor.scanners.documents.units import Extracted, ExtractOptions, TextUnit, UnitIssue


class PdfScanner:
    name = "pdf"

    def scan(self, source: Path, ctx: ExtractOptions) -> Iterator[Extracted]:
        from pypdf import PageObject, PdfReader
        from pypdf.errors import PyPdfError

        src = str(source)

        def read_pages(path: Path) -> list[PageObject]:
            reader = PdfReader(path)
            if reader.is_encrypted and not reader.decrypt(""):
                raise InputError("encrypted PDF (needs a password)", file=src)
            return list(reader.pages)

        pages = open_whole(source, ctx, "PDF", read_pages, (PyPdfError,))
        found_text = False
        for number, page in enumerate(pages, start=1):
            try:
                text = page.extract_text() or ""
            except Exception as exc:  # pypdf raises many types on damaged content streams
                yield UnitIssue(
                    source=src,
                    reason=f"page {number}: text not extractable ({exc.__class__.__name__})",
                    location={"page": number},
                )
                continue
            if text.strip():
                found_text = True
                yield TextUnit(source=src, text=text, location={"page": number})
        if pages and not found_text:
            raise InputError("PDF has no text layer (scanned image?); needs OCR", file=src)
