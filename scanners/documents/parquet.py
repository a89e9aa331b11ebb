"""Parquet tables: one unit per non-empty text or integer cell, located by row and column.

Rows come from ``scanners.formats.parquet`` in batches, the reader de-identification
writes over, so a scan and a de-identification see the same cells (dates and times as their
ISO text). As for a CSV header, the column name is given to the PHI engine as context.
Floats and booleans are not PHI-shaped and are skipped, as in JSON. A file that is not
readable Parquet, or has a nested or binary column, is skipped with the reason.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from auditor.scanners.documents.units import Extracted, ExtractOptions, TextUnit
from auditor.scanners.formats.parquet import ParquetRows


class ParquetScanner:
    name = "parquet"

    def scan(self, source: Path, ctx: ExtractOptions) -> Iterator[Extracted]:
        src = str(source)
        table = ParquetRows(source)
        try:
            labels = {name: f"{name.replace('_', ' ')}: " for name in table.schema.names}
            row_no = 0
            for rows in table.batches():
                for record in rows:
                    row_no += 1
                    for column, value in record.items():
                        if isinstance(value, bool) or not isinstance(value, str | int):
                            continue
                        text = value if isinstance(value, str) else str(value)
                        if text.strip():
                            yield TextUnit(
                                source=src,
                                text=text,
                                location={"row": row_no, "column": column},
                                context=labels[column],
                            )
        finally:
            table.close()
