"""PDF, with the text under each redaction deleted (PyMuPDF ``apply_redactions``), not covered.

Each page's text goes through the PHI engine; every detected value is located on the page and
a redaction annotation placed over it; ``apply_redactions`` then removes the text (and image
and vector content) beneath, and the file is rewritten from scratch with unused objects
dropped, so the old content stream does not survive in the file. Metadata (the info
dictionary and XMP), annotations, form fields, embedded files and outlines are removed, and
pictures are blanked (nobody checked them for PHI; the note says how many).
A page whose PHI cannot be located, or with images and no text layer (a scan: it would need
OCR), makes the whole file refused: we never certify what we could not check.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from auditor.deid.formats.base import FileContext
from auditor.deid.residual import Unit
from auditor.errors import InputError

MAX_PAGES = 5000
_ANNOT_REDACT = 12  # pymupdf.PDF_ANNOT_REDACT (not in its type stubs)


def _open(src: Path) -> Any:
    import pymupdf

    try:
        doc = pymupdf.open(str(src), filetype="pdf")
    except Exception as exc:  # PyMuPDF raises its own and RuntimeError on damaged files
        raise InputError(f"unreadable PDF ({exc.__class__.__name__})", file=str(src)) from None
    if doc.needs_pass:
        raise InputError("encrypted PDF (needs a password)", file=str(src))
    if doc.is_repaired:
        raise InputError("damaged or truncated PDF (repaired on open)", file=str(src))
    if doc.page_count > MAX_PAGES:
        raise InputError(f"PDF has more than {MAX_PAGES} pages", file=str(src))
    return doc


def _rects(page: Any, value: str) -> list[Any]:
    """Where ``value`` is on the page: whole, else line by line, else word by word."""
    hits = page.search_for(value)
    if hits:
        return list(hits)
    out: list[Any] = []
    for piece in [ln for ln in value.splitlines() if ln.strip()] or [value]:
        found = page.search_for(piece.strip())
        if not found:
            for word in re.findall(r"\S{2,}", piece):
                found += page.search_for(word)
        out.extend(found)
    return out


class PdfFormat:
    name = "pdf"

    def deidentify(self, src: Path, dst: Path, fc: FileContext) -> None:
        doc = _open(src)
        texts = [page.get_text() for page in doc]
        for number, (page, text) in enumerate(zip(doc, texts, strict=True), start=1):
            if not text.strip() and page.get_images():
                raise InputError(
                    f"page {number} has images and no text layer (a scan?); needs OCR",
                    file=fc.source,
                )
        for start in range(0, len(texts), fc.batch_size):
            chunk = texts[start : start + fc.batch_size]
            for offset, spans in enumerate(fc.analyzer.analyze_many(chunk)):
                number = start + offset
                page, text = doc[number], texts[number]
                for begin, end, _ in fc.deid.edits(text, spans, patient=fc.source):
                    rects = _rects(page, text[begin:end])
                    if not rects:
                        raise InputError(
                            f"page {number + 1}: a detected value could not be located "
                            "for redaction",
                            file=fc.source,
                        )
                    for rect in rects:
                        page.add_redact_annot(rect, fill=(0, 0, 0))
                fc.units += 1
        images = 0
        for page in doc:
            for annot in list(page.annots(types=None) or []):
                if annot.type[0] != _ANNOT_REDACT:
                    page.delete_annot(annot)
            for widget in list(page.widgets() or []):
                page.delete_widget(widget)
            page.apply_redactions()
            for image in page.get_images(full=True):
                if image[2] * image[3] > 1:  # a picture may show PHI nobody checked: blanked
                    page.delete_image(image[0])
                    images += 1
        if images:
            fc.notes.append(f"{images} images blanked (pictures are not checked for PHI)")
        for name in list(doc.embfile_names()):
            doc.embfile_del(name)
        doc.set_toc([])
        doc.set_metadata({})
        doc.del_xml_metadata()
        dst.parent.mkdir(parents=True, exist_ok=True)
        tmp = dst.with_name(f".{dst.name}.partial")
        try:
            doc.save(str(tmp), garbage=4, deflate=True, clean=True)
            doc.close()
            tmp.replace(dst)
        finally:
            tmp.unlink(missing_ok=True)

    def residual_units(self, path: Path) -> Iterator[Unit]:
        doc = _open(path)
        try:
            for number, page in enumerate(doc, start=1):
                yield Unit(page.get_text(), f"page {number}")
            for key, value in (doc.metadata or {}).items():
                if isinstance(value, str) and value.strip() and key not in ("format",):
                    yield Unit(value, f"metadata {key}")
        finally:
            doc.close()

    def residual_texts(self, path: Path) -> Iterator[str]:
        for unit in self.residual_units(path):
            yield unit.text
