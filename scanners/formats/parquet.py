"""Parquet tables read in row batches: the one reader ``scan documents`` and ``deid`` share.

Both commands see the same rows and the same columns, so what a scan reports is what a
de-identification rewrites. Every flat column is read (which of them is free text for the
PHI engine is decided by the column's name, as for CSV headers and JSON keys); dates and
times become their ISO text. Nested (struct, list, map) and binary columns are refused with
the column's name: their values would pass through unread; so is a table with two columns
of one name (rows are read by name). Rows come in batches of
``ROWS_PER_BATCH`` (never the whole table); pyarrow is imported only when a Parquet file is
met (it comes with the ``spark`` extra).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from auditor.errors import InputError

if TYPE_CHECKING:
    import pyarrow as pa

__all__ = ["ROWS_PER_BATCH", "ParquetRows", "plain_value"]

ROWS_PER_BATCH = 1024


def _pyarrow() -> Any:
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise InputError(
            "reading Parquet needs pyarrow (pip install 'hipaa-auditor[spark]')"
        ) from None
    return pq


def _reason(exc: BaseException) -> str:
    """An Arrow error's class, never its message (it may quote a value)."""
    return type(exc).__name__


def plain_type(t: pa.DataType, column: str) -> pa.DataType:
    """A column's type as read and written back: dates and times become text; nested and
    binary columns are refused."""
    import pyarrow as pa

    if pa.types.is_temporal(t):
        return pa.string()
    if pa.types.is_nested(t) or pa.types.is_binary(t) or pa.types.is_large_binary(t):
        raise InputError(f"Parquet column {column!r} is {t}: only flat columns are read")
    if pa.types.is_dictionary(t):  # pandas categoricals: read as their values
        return plain_type(t.value_type, column)
    if pa.types.is_fixed_size_binary(t):
        raise InputError(f"Parquet column {column!r} is {t}: only flat columns are read")
    return t


def plain_value(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date | dt.time | dt.timedelta):
        return str(value)
    return value


class ParquetRows:
    """One Parquet file, checked on opening (readable, flat columns), read in row batches."""

    def __init__(self, path: Path, source: str | None = None) -> None:
        pq = _pyarrow()
        import pyarrow as pa

        self.source = source if source is not None else str(path)
        try:
            self.file = pq.ParquetFile(path)
            arrow = self.file.schema_arrow
        except (pa.ArrowException, ValueError, OSError) as exc:
            if isinstance(exc, FileNotFoundError | PermissionError):
                raise
            raise InputError(
                f"not a readable Parquet file ({_reason(exc)})", file=self.source
            ) from None
        names = [f.name for f in arrow]
        twice = next((n for n in names if names.count(n) > 1), None)
        if twice is not None:  # rows are read by name: one of the two would go unread
            raise InputError(
                f"Parquet column {twice!r} appears {names.count(twice)} times: "
                "column names must be distinct",
                file=self.source,
            )
        self.schema = pa.schema(
            [pa.field(f.name, plain_type(f.type, f.name), f.nullable) for f in arrow]
        )
        self.rows = self.file.metadata.num_rows

    def batches(self, batch_rows: int = ROWS_PER_BATCH) -> Iterator[list[dict[str, Any]]]:
        """Each batch's rows as ``{column: value}`` with dates and times as text."""
        import pyarrow as pa

        done = 0
        reader = self.file.iter_batches(batch_size=batch_rows)
        while True:
            try:
                batch = next(reader, None)
            except (pa.ArrowException, ValueError, OSError) as exc:
                raise InputError(
                    f"Parquet data unreadable after row {done} ({_reason(exc)})", file=self.source
                ) from None
            if batch is None:
                return
            rows = [{k: plain_value(v) for k, v in r.items()} for r in batch.to_pylist()]
            done += len(rows)
            yield rows

    def close(self) -> None:
        self.file.close()
