"""Document extractors, one per file type, in one explicit registry keyed by extension.

A scanner is one small class: ``name`` (pinned: it appears in run summaries) and
``scan(source, ctx) -> Iterator[TextUnit | UnitIssue]``. It reads; it never writes to the
store. ``text_fallback`` says whether a file it cannot parse should be read as plain text
instead (nothing lost: a broken JSON export still gets checked for PHI).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Protocol

from auditor.scanners.documents.delimited import DelimitedScanner
from auditor.scanners.documents.docx import DocxScanner
from auditor.scanners.documents.hl7 import Hl7Scanner
from auditor.scanners.documents.jsondoc import JsonLinesScanner, JsonScanner
from auditor.scanners.documents.parquet import ParquetScanner
from auditor.scanners.documents.pdf import PdfScanner
from auditor.scanners.documents.text import TextScanner
from auditor.scanners.documents.units import Extracted, ExtractOptions, TextUnit, UnitIssue


class DocumentScanner(Protocol):
    name: str

    def scan(self, source: Path, ctx: ExtractOptions) -> Iterator[Extracted]: ...


_text = TextScanner()
_json = JsonScanner()
_jsonl = JsonLinesScanner()

SCANNERS: dict[str, DocumentScanner] = {
    ".txt": _text,
    ".md": _text,
    ".log": _text,
    ".csv": DelimitedScanner(),
    ".tsv": DelimitedScanner(quoted=False),
    ".json": _json,
    ".jsonl": _jsonl,
    ".ndjson": _jsonl,
    ".hl7": Hl7Scanner(),
    ".pdf": PdfScanner(),
    ".docx": DocxScanner(),
    ".parquet": ParquetScanner(),
}

# Formats that are text underneath: when their parser gives up, read them as plain text.
TEXT_FALLBACK = frozenset({"delimited", "json", "jsonl", "hl7"})


def scanner_for(path: Path) -> DocumentScanner | None:
    return SCANNERS.get(path.suffix.lower())


def fallback_scanner() -> DocumentScanner:
    return _text


__all__ = [
    "SCANNERS",
    "TEXT_FALLBACK",
    "DocumentScanner",
    "ExtractOptions",
    "Extracted",
    "TextUnit",
    "UnitIssue",
    "fallback_scanner",
    "scanner_for",
]
