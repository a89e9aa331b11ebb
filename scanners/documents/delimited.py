"""CSV and TSV exports: one unit per non-empty cell, located by data row and column name.

Records come from ``scanners.formats.delimited``, the reader de-identification writes over,
and the delimiter from its ``sniff_delimiter``: a ``;`` CSV splits the same way in a scan
and in de-identification. The first row is the header. The column name is given to the PHI
engine as context, so a bare "Smith" in a ``last_name`` column is read as a name.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

from auditor.scanners.documents.encoding import detect_encoding
from auditor.scanners.documents.units import Extracted, ExtractOptions, TextUnit
from auditor.scanners.formats.delimited import read_records, sniff_delimiter


def column_names(header: list[str], width: int) -> list[str]:
    """Header names, with ``column_N`` (1-based) for blank or missing ones."""
    names = [name.strip() or f"column_{i + 1}" for i, name in enumerate(header)]
    names += [f"column_{i + 1}" for i in range(len(names), width)]
    return names


class DelimitedScanner:
    """``quoted=False`` reads quotes as ordinary characters (TSV exports quote nothing)."""

    name = "delimited"

    def __init__(self, *, quoted: bool = True) -> None:
        self.quote = '"' if quoted else None

    def scan(self, source: Path, ctx: ExtractOptions) -> Iterator[Extracted]:
        encoding = detect_encoding(source, ctx.read_bytes)
        src = str(source)
        records = read_records(
            source,
            encoding,
            sniff_delimiter(source),
            self.quote,
            max_cell_chars=csv.field_size_limit(),
        )
        first = next(records, None)
        if first is None:
            return
        header = [c.value for c in first.cells]
        names = column_names(header, len(header))
        for row_no, record in enumerate(records, start=1):
            if len(record.cells) > len(names):
                names = column_names(header, len(record.cells))
            for col, cell in enumerate(record.cells):
                if cell.value.strip():
                    yield TextUnit(
                        source=src,
                        text=cell.value,
                        location={"row": row_no, "column": names[col]},
                        context=f"{names[col].replace('_', ' ')}: ",
                    )
