"""CSV / TSV: the same rows, columns, quoting and line endings, cell by cell.

Records are read by ``scanners.formats.delimited`` (the reader the document scan uses), which
keeps each cell's raw text: an unchanged cell is written back byte for byte, a changed one is
quoted if it was quoted (or now needs it). The header names the columns; a sample of
rows fills in what the header does not say (``structure.infer_kind``).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from auditor.deid.formats.base import FileContext, atomic_output, output_encoding
from auditor.deid.structure import (
    PATIENT_KEYS,
    FieldKind,
    infer_kind,
    kind_from_values,
)
from auditor.scanners.documents.encoding import detect_encoding
from auditor.scanners.formats.delimited import Record, read_records, sniff_delimiter

SAMPLE_ROWS = 200
BATCH_ROWS = 128


def write_record(rec: Record, values: list[str], delim: str, quote: str = '"') -> str:
    out = []
    for cell, value in zip(rec.cells, values, strict=True):
        if value == cell.value:
            out.append(cell.raw)
        elif cell.quoted or any(c in value for c in (delim, quote, "\r", "\n")):
            out.append(quote + value.replace(quote, quote * 2) + quote)
        else:
            out.append(value)
    return delim.join(out) + rec.terminator


def _looks_like_header(rec: Record) -> bool:
    values = [c.value for c in rec.cells if c.value.strip()]
    if not values:
        return False
    return all(kind_from_values([v]) in (FieldKind.TEXT, FieldKind.NOTE) for v in values)


class DelimitedFormat:
    name = "delimited"

    def deidentify(self, src: Path, dst: Path, fc: FileContext) -> None:
        encoding = detect_encoding(src)
        delim = sniff_delimiter(src)
        records = read_records(src, encoding, delim)
        with atomic_output(dst, output_encoding(src, encoding)) as out:
            first = next(records, None)
            if first is None:
                return
            has_header = _looks_like_header(first)
            header = [c.value for c in first.cells] if has_header else []
            sample: list[Record] = [] if has_header else [first]
            if has_header:
                out.write(write_record(first, header, delim))
            for rec in records:
                sample.append(rec)
                if len(sample) >= SAMPLE_ROWS:
                    break
            kinds = self._kinds(header, sample, fc)
            batch: list[Record] = []
            for rec in _chain(sample, records):
                batch.append(rec)
                if len(batch) >= BATCH_ROWS:
                    out.write(self._rows(batch, kinds, fc, delim))
                    batch.clear()
            if batch:
                out.write(self._rows(batch, kinds, fc, delim))

    def _kinds(self, header: list[str], sample: list[Record], fc: FileContext) -> list[FieldKind]:
        width = max([len(header), *(len(r.cells) for r in sample)])
        kinds = []
        for col in range(width):
            name = header[col] if col < len(header) else ""
            values = [r.cells[col].value for r in sample if col < len(r.cells)]
            kinds.append(infer_kind(name, values, fc.profile.fields))
        return kinds

    def _rows(
        self, batch: list[Record], kinds: list[FieldKind], fc: FileContext, delim: str
    ) -> str:
        values = [[c.value for c in rec.cells] for rec in batch]
        patients = [_patient(v, kinds, fc.source) for v in values]
        slots: list[tuple[int, int]] = []
        for r, row in enumerate(values):
            for c, value in enumerate(row):
                kind = kinds[c] if c < len(kinds) else FieldKind.TEXT
                replaced = fc.replace_field(kind, value, patients[r])
                if replaced is None:
                    slots.append((r, c))
                else:
                    row[c] = replaced
        texts = fc.analyse([values[r][c] for r, c in slots], [patients[r] for r, _ in slots])
        for (r, c), text in zip(slots, texts, strict=True):
            values[r][c] = text
        fc.units += len(batch)
        return "".join(write_record(rec, v, delim) for rec, v in zip(batch, values, strict=True))

    def residual_texts(self, path: Path) -> Iterator[str]:
        encoding = detect_encoding(path)
        records = read_records(path, encoding, sniff_delimiter(path))
        first = next(records, None)
        if first is None:
            return
        header = [c.value for c in first.cells] if _looks_like_header(first) else []
        if not header:
            yield " ; ".join(c.value for c in first.cells)
        for rec in records:
            parts = []
            for i, cell in enumerate(rec.cells):
                if cell.value.strip():
                    name = header[i] if i < len(header) else f"column_{i + 1}"
                    parts.append(f"{name}: {cell.value}")
            if parts:
                yield "\n".join(parts)


def _chain(first: list[Record], rest: Iterator[Record]) -> Iterator[Record]:
    yield from first
    yield from rest


def _patient(row: list[str], kinds: list[FieldKind], fallback: str) -> str:
    """Patient id, else MRN, else name + birth date, else the file: the date-shift key."""
    for want in PATIENT_KEYS:
        for value, kind in zip(row, kinds, strict=False):
            if kind is want and value.strip():
                return value.strip()
    parts = [
        v.strip()
        for v, k in zip(row, kinds, strict=False)
        if k in (FieldKind.NAME, FieldKind.FIRST_NAME, FieldKind.LAST_NAME, FieldKind.DOB)
    ]
    return "|".join(parts) if any(parts) else fallback
