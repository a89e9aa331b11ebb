"""Parquet tables: the same columns and rows, each row de-identified as a JSON record would be.

A column's name says what its values are (``patient_id``, ``dob``, ``zip``, ...: the rules
of :mod:`auditor.deid.formats.jsondoc`); free-text columns such as notes go through the PHI
engine; the first patient id or MRN column keys the date shift, else ``FILE#ROW``; numbers
in age or identifier columns are capped or tokenised; dates and timestamps are written as
text (a year or a shifted date is not always a date). Rows are read, analysed (one engine
call per ``batch_size`` texts of a row batch) and written a batch at a time, never the whole
table. A row that cannot be de-identified is quarantined: left out and named in the file's
notes (``row 3: quarantined, REASON``); its values are not counted and its pairs never reach
the re-identification map. The same module runs on
one machine and on Spark executors, so both write the same bytes.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from auditor.deid.formats.base import FileContext
from auditor.deid.formats.jsondoc import Slots, _find_patient, walk
from auditor.deid.operators import HeldPairs, Ledger, ReidSink, Span
from auditor.deid.residual import Unit
from auditor.errors import AuditorError
from auditor.scanners.formats.parquet import ParquetRows

if TYPE_CHECKING:
    import pyarrow as pa

NAME = "parquet"
REDACTED_COLUMN = "redacted"
# What a row's operators may raise that one machine survives for the other rows.
ROW_ERRORS = (AuditorError, ArithmeticError, RecursionError, ValueError, TypeError)


@dataclass
class _Row:
    number: int  # 1-based
    record: Any
    slots: Slots
    ledger: Ledger
    held: HeldPairs


def row_reason(exc: BaseException) -> str:
    """Why a row was quarantined, without quoting its values."""
    if isinstance(exc, AuditorError):
        return exc.message
    if isinstance(exc, RecursionError):
        return "structure nested too deeply"
    return f"cannot de-identify ({type(exc).__name__})"


def _held(row: _Row, file_reid: ReidSink | None) -> HeldPairs | None:
    """Where the row's re-identification pairs go while it may still be quarantined."""
    return row.held if file_reid is not None else None


def _analyse(fc: FileContext, texts: list[str]) -> list[list[Span] | BaseException]:
    """Spans of every non-blank text, in engine calls of ``batch_size`` texts; a call that
    fails is redone text by text, so only the rows whose own text fails are quarantined."""
    spans: list[list[Span] | BaseException] = [[] for _ in texts]
    todo = [i for i, t in enumerate(texts) if t.strip()]
    for start in range(0, len(todo), fc.batch_size):
        chunk = todo[start : start + fc.batch_size]
        found: list[Sequence[Span] | BaseException]
        try:
            found = list(fc.analyzer.analyze_many([texts[i] for i in chunk]))
        except ROW_ERRORS:
            found = []
            for i in chunk:
                try:
                    found.extend(fc.analyzer.analyze_many([texts[i]]))
                except ROW_ERRORS as exc:
                    found.append(exc)
        for i, one in zip(chunk, found, strict=True):
            spans[i] = one if isinstance(one, BaseException) else list(one)
    return spans


def deidentify_batch(
    records: list[dict[str, Any]], first_row: int, fc: FileContext, schema: pa.Schema
) -> tuple[pa.Table, list[tuple[int, str]]]:
    """De-identify one batch of rows: (the rows kept, [(row number, why not)])."""
    rows: list[_Row] = []
    quarantined: list[tuple[int, str]] = []
    file_ledger, file_reid = fc.deid.ledger, fc.deid.reid
    kept: list[_Row] = []
    try:
        for n, record in enumerate(records, start=first_row):
            row = _Row(n, record, Slots(), Ledger(), HeldPairs())
            fc.deid.ledger, fc.deid.reid = row.ledger, _held(row, file_reid)
            try:
                patient = _find_patient(record) or f"{fc.source}#{n - 1}"
                row.record = walk(record, fc, row.slots, patient)
                rows.append(row)
            except ROW_ERRORS as exc:
                quarantined.append((n, row_reason(exc)))
        spans = iter(_analyse(fc, [text for row in rows for _, text, _ in row.slots.items]))
        for row in rows:
            fc.deid.ledger, fc.deid.reid = row.ledger, _held(row, file_reid)
            found = [next(spans) for _ in row.slots.items]
            try:
                for (setter, text, patient), sp in zip(row.slots.items, found, strict=True):
                    if isinstance(sp, BaseException):
                        raise sp
                    if text.strip():
                        setter(fc.deid.text(text, sp, patient=patient))
            except ROW_ERRORS as exc:
                quarantined.append((row.number, row_reason(exc)))
                continue
            kept.append(row)
    finally:
        fc.deid.ledger, fc.deid.reid = file_ledger, file_reid
    table, unfit = _fit([(row.number, row.record) for row in kept], schema)
    for row in kept:
        if row.number not in unfit:  # a quarantined row's values are neither counted nor mapped
            file_ledger.merge(row.ledger)
            if file_reid is not None:
                row.held.release(file_reid)
    quarantined.extend(unfit.items())
    quarantined.sort()
    return table, quarantined


def _fit(rows: list[tuple[int, Any]], schema: pa.Schema) -> tuple[pa.Table, dict[int, str]]:
    """The rows as a table of ``schema``; a row whose de-identified value does not fit its
    column's type (a token of a number in an 8-bit column) left out, with why."""
    import pyarrow as pa

    errors = (pa.ArrowException, OverflowError, ValueError, TypeError)
    try:
        return pa.Table.from_pylist([r for _, r in rows], schema=schema), {}
    except errors:
        pass
    fit, unfit = [], {}
    for n, record in rows:
        try:
            pa.Table.from_pylist([record], schema=schema)
            fit.append(record)
        except errors as exc:
            unfit[n] = f"a de-identified value does not fit its column type ({type(exc).__name__})"
    return pa.Table.from_pylist(fit, schema=schema), unfit


def deidentify_parquet(src: Path, dst: Path, fc: FileContext) -> int:
    """Write ``dst`` as ``src`` with every row de-identified, a row batch at a time (one row
    group each); the number of rows quarantined."""
    import pyarrow.parquet as pq

    table = ParquetRows(src, fc.source)
    dst.parent.mkdir(parents=True, exist_ok=True)
    tmp = dst.with_name(f".{dst.name}.partial")
    quarantined, row = 0, 1
    try:
        with pq.ParquetWriter(tmp, table.schema) as writer:
            for records in table.batches():
                kept, dropped = deidentify_batch(records, row, fc, table.schema)
                row += len(records)
                for number, reason in dropped:
                    fc.notes.append(f"row {number}: quarantined, {reason}")
                quarantined += len(dropped)
                writer.write_table(kept)
                fc.units += kept.num_rows
        os.replace(tmp, dst)
    finally:
        table.close()
        tmp.unlink(missing_ok=True)
    return quarantined


def parquet_units(path: Path) -> Iterator[Unit]:
    """The residual scan's text of a Parquet output: each row's ``column: value`` lines."""
    table = ParquetRows(path)
    row = 0
    try:
        for records in table.batches():
            for record in records:
                row += 1
                lines = [f"{k}: {v}" for k, v in record.items() if v is not None and str(v).strip()]
                if lines:
                    yield Unit("\n".join(lines), f"row {row}")
    finally:
        table.close()


def redact_parquet(dst: Path, text: str) -> None:
    """A Parquet file of one row and one column holding ``text`` (a file redacted whole)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.table({REDACTED_COLUMN: [text]}), dst)


class ParquetFormat:
    """The format seam for a Parquet file (both engines)."""

    name = NAME

    def deidentify(self, src: Path, dst: Path, fc: FileContext) -> None:
        quarantined = deidentify_parquet(src, dst, fc)
        if quarantined:
            fc.notes.insert(0, f"{quarantined} rows quarantined (not written)")

    def residual_units(self, path: Path) -> Iterator[Unit]:
        return parquet_units(path)

    def residual_texts(self, path: Path) -> Iterator[str]:
        return (unit.text for unit in parquet_units(path))
