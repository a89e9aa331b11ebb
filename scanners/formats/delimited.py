"""Delimited records (CSV, TSV, ``;`` or ``|`` separated) that keep each cell's raw text.

Python's ``csv`` module normalises quoting and line endings, which a writer that must put
unchanged cells back byte for byte cannot use; so records are parsed here, each cell keeping
its raw text, its value and whether it was quoted. ``quote=None`` reads quotes as ordinary
characters (TSV scans). ``sniff_delimiter`` is the one place a file's delimiter is decided.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from auditor.errors import InputError
from auditor.scanners.formats.csv_records import split_records

__all__ = [
    "MAX_RECORD_CHARS",
    "TAB_SUFFIXES",
    "Cell",
    "Record",
    "read_records",
    "sniff_delimiter",
]

MAX_RECORD_CHARS = 10 << 20
TAB_SUFFIXES = frozenset({".tsv", ".tab"})
_SNIFF_BYTES = 65536


@dataclass
class Cell:
    raw: str
    value: str
    quoted: bool


@dataclass
class Record:
    cells: list[Cell]
    terminator: str  # the line ending after the record, as it was ("" at the end of a file)
    line: int  # 1-based physical line where the record starts


def sniff_delimiter(path: Path) -> str:
    """Tab for ``.tsv``/``.tab``; else what ``csv.Sniffer`` sees in the head (``,`` if unsure)."""
    if path.suffix.lower() in TAB_SUFFIXES:
        return "\t"
    with path.open("rb") as fh:
        head = fh.read(_SNIFF_BYTES).decode("utf-8", errors="replace")
    try:
        return csv.Sniffer().sniff(head, delimiters=",;|\t").delimiter
    except csv.Error:
        return ","


def read_records(
    path: Path,
    encoding: str,
    delim: str,
    quote: str | None = '"',
    *,
    max_cell_chars: int | None = None,
) -> Iterator[Record]:
    """The file's records in order; a quoted cell may span lines. Errors name file and line.

    Records are found by ``formats.csv_records`` (the rule the access-log reader uses too:
    CRLF, LF or a lone CR end a line; a line break inside quotes does not end a record).
    """
    src = str(path)
    with path.open(encoding=encoding, newline="") as fh:
        pieces = iter(lambda: fh.read(1 << 20), "")
        for rec in split_records(pieces, quote, max_size=MAX_RECORD_CHARS):
            if rec.refused.startswith("record over"):
                reason = f"malformed delimited file (record over {MAX_RECORD_CHARS} characters)"
                raise InputError(reason, file=src, line=rec.line)
            if rec.refused:
                raise InputError("unterminated quoted field", file=src, line=rec.line)
            where = (src, rec.line)
            yield Record(_split(rec.text, delim, quote, where, max_cell_chars), rec.end, rec.line)


def _split(
    text: str,
    delim: str,
    quote: str | None,
    where: tuple[str, int],
    max_cell_chars: int | None,
) -> list[Cell]:
    if quote is None:
        cells = [Cell(raw, raw, False) for raw in text.split(delim)]
    else:
        cells = _split_quoted(text, delim, quote, where)
    if max_cell_chars is not None and any(len(c.value) > max_cell_chars for c in cells):
        raise InputError("malformed delimited file (cell too large)", file=where[0], line=where[1])
    return cells


def _split_quoted(text: str, delim: str, quote: str, where: tuple[str, int]) -> list[Cell]:
    cells: list[Cell] = []
    pos, n = 0, len(text)
    q = re.escape(quote)
    quoted_rx = re.compile(f"{q}((?:[^{q}]|{q}{{2}})*){q}")
    while True:
        if pos < n and text[pos] == quote:
            m = quoted_rx.match(text, pos)
            if m is None:
                raise InputError("unterminated quoted field", file=where[0], line=where[1])
            end = text.find(delim, m.end())
            end = n if end == -1 else end
            raw = text[pos:end]
            if end == m.end():
                cells.append(Cell(raw, m.group(1).replace(quote * 2, quote), True))
            else:  # text after the closing quote: keep it verbatim, never rewrite it
                cells.append(Cell(raw, raw, False))
        else:
            end = text.find(delim, pos)
            end = n if end == -1 else end
            raw = text[pos:end]
            cells.append(Cell(raw, raw, False))
        if end >= n:
            return cells
        pos = end + len(delim)
