"""CSV and TSV exports: one unit per non-empty cell, located by data row and column name.

The first row is the header. The column name is given to the PHI engine as context, so a
bare "Smith" in a ``last_name`` column is read as a name.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from auditor.errors import InputError
from auditor.scanners.documents.encoding import detect_encoding
from auditor.scanners.documents.units import Extracted, ExtractOptions, TextUnit


def column_names(header: list[str], width: int) -> list[str]:
    """Header names, with ``column_N`` (1-based) for blank or missing ones."""
    names = [name.strip() or f"column_{i + 1}" for i, name in enumerate(header)]
    names += [f"column_{i + 1}" for i in range(len(names), width)]
    return names


class DelimitedScanner:
    name = "delimited"

    def __init__(self, delimiter: str, quoting: Any = csv.QUOTE_MINIMAL) -> None:
        self.delimiter = delimiter
        self.quoting = quoting

    def scan(self, source: Path, ctx: ExtractOptions) -> Iterator[Extracted]:
        encoding = detect_encoding(source, ctx.read_bytes)
        src = str(source)
        with source.open(encoding=encoding, newline="") as fh:
            reader = csv.reader(fh, delimiter=self.delimiter, quoting=self.quoting)
            try:
                header = next(reader, None)
                if header is None:
                    return
                names = column_names(header, len(header))
                for row_no, row in enumerate(reader, start=1):
                    if len(row) > len(names):
                        names = column_names(header, len(row))
                    for col, value in enumerate(row):
                        if value.strip():
                            yield TextUnit(
                                source=src,
                                text=value,
                                location={"row": row_no, "column": names[col]},
                                context=f"{names[col].replace('_', ' ')}: ",
                            )
            except csv.Error as exc:
                raise InputError(
                    f"malformed delimited file ({exc.__class__.__name__})",
                    file=src,
                    line=reader.line_num,
                ) from None
