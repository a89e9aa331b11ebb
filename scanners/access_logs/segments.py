"""Cut an access-log file into segments that each fit comfortably in one DuckDB evaluation.

A segment knows how to load its events into a connection and where it ends in the source
(byte offset and line), which is what a checkpoint stores. CSV dialects are cut at line
boundaries by bytes (a segment is the header plus a byte range, copied only when needed);
FHIR and ATNA records are streamed from Python into a normalised CSV per segment.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from auditor.event_columns import CANONICAL_COLUMNS
from auditor.scanners.access_logs import ParserSpec
from auditor.scanners.access_logs.csv_canonical import MAX_LINE_BYTES, CsvLoad, load_csv
from auditor.scanners.access_logs.event import AccessEvent, EventWindow, Rejected
from auditor.scanners.access_logs.mapping import CANONICAL
from auditor.scanners.formats.csv_records import (
    count_breaks,
    count_lines,
    read_first_line,
    record_ends,
)

COPY_BLOCK = 1 << 20
_LINE_BREAK = re.compile(rb"\r\n|\r|\n")


@dataclass
class Segment:
    """One slice of a source: ``load(con)`` loads its events into ``events``."""

    label: str
    end_offset: int
    end_line: int
    load: Callable[[duckdb.DuckDBPyConnection], CsvLoad]
    pre_rejected: list[Rejected] = field(default_factory=list)


def last_complete_offset(path: Path, size: int) -> int:
    """Offset after the last line break (an appended line still being written is left
    alone). A CR at the very end counts as a break: CR-only files end that way."""
    if size == 0:
        return 0
    with path.open("rb") as fh:
        pos = size
        while pos > 0:
            step = min(COPY_BLOCK, pos)
            fh.seek(pos - step)
            block = fh.read(step)
            idx = max(block.rfind(b"\n"), block.rfind(b"\r"))
            if idx >= 0:
                return pos - step + idx + 1
            pos -= step
    return 0


def csv_segments(
    path: Path,
    spec: ParserSpec,
    work_dir: Path,
    *,
    site_tz: str,
    segment_bytes: int,
    start_offset: int = 0,
    start_line: int = 1,
    complete_lines_only: bool = False,
    window: EventWindow | None = None,
) -> Iterator[Segment]:
    assert spec.mapping is not None
    window = window or EventWindow.at()  # one clock for the whole file
    mapping = spec.mapping()
    label = str(path)
    size = path.stat().st_size
    end = last_complete_offset(path, size) if complete_lines_only else size
    with path.open("rb") as fh:
        header = read_first_line(fh, MAX_LINE_BYTES)
        data_start = max(start_offset, len(header))
        first_line = start_line + 1 if start_offset else 2
        if end <= data_start:
            return
        small = data_start == len(header) and end == size and size - data_start <= segment_bytes
        # counted once: the checkpoint and the load use it
        lines = count_lines(fh, data_start, end) if small else 0
    if small:
        yield Segment(
            label,
            end,
            first_line - 1 + lines,
            lambda con: load_csv(
                con,
                path,
                mapping,
                label=label,
                first_data_line=2,
                site_tz=site_tz,
                scratch=work_dir,
                data_lines=lines,
                window=window,
            ),
        )
        return
    pos, line = data_start, first_line
    index = 0
    same_instant = _TimestampProbe(path, header, mapping)
    with path.open("rb") as src:
        while pos < end:
            seg_path = work_dir / f"seg-{index}.csv"
            cut, newlines = _copy_segment(
                src, header, pos, end, segment_bytes, seg_path, same_instant
            )
            seg_first = line

            def loader(
                con: duckdb.DuckDBPyConnection,
                p: Path = seg_path,
                f: int = seg_first,
                n: int = newlines,
            ) -> CsvLoad:
                try:
                    return load_csv(
                        con,
                        p,
                        mapping,
                        label=label,
                        first_data_line=f,
                        site_tz=site_tz,
                        scratch=work_dir,
                        data_lines=n,
                        window=window,
                    )
                finally:
                    p.unlink(missing_ok=True)

            line += newlines
            yield Segment(label, cut, line - 1, loader)
            pos = cut
            index += 1


def _copy_segment(
    src: Any,
    header: bytes,
    start: int,
    end: int,
    segment_bytes: int,
    dest: Path,
    same_instant: Callable[[int], bool] = lambda _: False,
) -> tuple[int, int]:
    """Copy the header and a slice of about ``segment_bytes`` from ``start``; (cut, lines).

    The slice ends at a record boundary as ``formats.csv_records`` defines it (a line
    break outside quotes; CRLF, LF or CR): the first one past the target size, counting
    quotes since ``start`` (itself a boundary), so a quoted field holding a line break is
    never split between two segments; and not between two records of the same instant
    (``same_instant(offset)``), which a window rule must count together.
    """
    target = start + segment_bytes
    pos, quotes, lines, after_cr = start, 0, 0, False
    src.seek(start)
    with dest.open("wb") as out:
        out.write(header if header.endswith((b"\n", b"\r")) else header + b"\n")
        while pos < end:
            block = src.read(min(COPY_BLOCK, end - pos))
            if not block:
                break
            if pos + len(block) > target:
                for cut in record_ends(block, max(0, target - pos), quotes):
                    if not same_instant(pos + cut):
                        out.write(block[:cut])
                        return pos + cut, lines + count_breaks(block[:cut], after_cr)
            out.write(block)
            quotes += block.count(b'"') if b'"' in block else 0  # memchr first (see count_breaks)
            lines += count_breaks(block, after_cr)
            after_cr = block.endswith(b"\r")
            pos += len(block)
        if pos > start:  # a last line without a line break still counts as a line
            src.seek(pos - 1)
            if src.read(1) not in (b"\n", b"\r"):
                lines += 1
    return pos, lines


class _TimestampProbe:
    """Whether the records either side of a cut carry the same timestamp text.

    Reads around the offset through its own handle (the copy's stream is left alone); a
    line it cannot parse counts as different, so at worst a cut lands where it did before.
    """

    def __init__(self, path: Path, header: bytes, mapping: Any) -> None:
        self.path = path
        self.delimiter = mapping.delimiter or ","
        names = _fields(header.decode("utf-8", "replace").lstrip("\ufeff"), self.delimiter)
        wanted = str(mapping.columns.get("timestamp", "timestamp")).strip().lower()
        lowered = [n.strip().lower() for n in names]
        self.index = lowered.index(wanted) if wanted in lowered else None

    def __call__(self, offset: int) -> bool:
        if self.index is None or offset <= 0:
            return False
        with self.path.open("rb") as fh:
            fh.seek(max(0, offset - 65536))
            before = fh.read(offset - max(0, offset - 65536))
            after = fh.read(65536)
        previous = _LINE_BREAK.split(before.removesuffix(b"\n").removesuffix(b"\r"))[-1]
        a, b = self._stamp(previous), self._stamp(_LINE_BREAK.split(after, 1)[0])
        return a is not None and a == b

    def _stamp(self, line: bytes) -> str | None:
        fields = _fields(line.decode("utf-8", "replace").rstrip("\r\n"), self.delimiter)
        if self.index is None or len(fields) <= self.index:
            return None
        return fields[self.index].strip() or None


def _fields(line: str, delimiter: str) -> list[str]:
    try:
        return next(csv.reader([line], delimiter=delimiter), [])
    except csv.Error:
        return []


def record_segments(
    path: Path,
    spec: ParserSpec,
    work_dir: Path,
    *,
    events_per_segment: int,
    start_offset: int = 0,
    site_tz: str = "UTC",
    window: EventWindow | None = None,
) -> Iterator[Segment]:
    """Stream a record parser's output into normalised CSV segments; the plausibility
    ``window`` is checked when a segment loads (the same SQL as for CSV dialects)."""
    assert spec.iter_records is not None
    window = window or EventWindow.at()
    label = str(path)
    records = _Lookahead(spec.iter_records(path, start_offset))
    index = 0
    done = False
    while not done:
        seg_path = work_dir / f"rec-{index}.csv"
        rejected: list[Rejected] = []
        count, end_offset, end_line = 0, start_offset, 0
        with seg_path.open("w", encoding="utf-8", newline="") as out:
            # Every field quoted: a CR in a value is then never a line break (with
            # QUOTE_MINIMAL and an LF terminator the csv module leaves a lone CR bare).
            writer = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_ALL)
            writer.writerow([*CANONICAL_COLUMNS, "src_line"])
            for record in records:
                end_offset = max(end_offset, record.end_offset)
                end_line = max(end_line, record.line)
                if isinstance(record, Rejected):
                    rejected.append(record)
                else:
                    writer.writerow(_row(record))
                    count += 1
                if count >= events_per_segment and not _same_instant(record, records.peek()):
                    break
            else:
                done = True
        if count == 0 and not rejected:
            seg_path.unlink(missing_ok=True)
            return

        def loader(con: duckdb.DuckDBPyConnection, p: Path = seg_path) -> CsvLoad:
            try:
                return load_csv(
                    con,
                    p,
                    CANONICAL,
                    label=label,
                    line_column="src_line",
                    scratch=work_dir,
                    site_tz=site_tz,
                    window=window,
                )
            finally:
                p.unlink(missing_ok=True)

        yield Segment(label, end_offset, end_line, loader, pre_rejected=rejected)
        index += 1


_END = object()


class _Lookahead:
    """An iterator that can show its next item without taking it (None at the end)."""

    def __init__(self, items: Iterator[Any]) -> None:
        self._items: Iterator[Any] = items
        self._next: Any = None
        self._has = False

    def __iter__(self) -> _Lookahead:
        return self

    def __next__(self) -> Any:
        if self._has:
            self._has = False
            if self._next is _END:
                raise StopIteration
            return self._next
        return next(self._items)

    def peek(self) -> Any:
        if not self._has:
            self._next, self._has = next(self._items, _END), True
        return None if self._next is _END else self._next


def _same_instant(record: Any, following: Any) -> bool:
    """Keep events of one instant in one segment (window rules count them together)."""
    return (
        isinstance(record, AccessEvent)
        and isinstance(following, AccessEvent)
        and record.timestamp == following.timestamp
    )


def _row(event: AccessEvent) -> list[str]:
    return [
        event.event_id,
        event.timestamp.isoformat(),
        event.user_id,
        event.patient_id,
        event.action,
        event.record_type,
        event.department,
        event.workstation,
        "true" if event.break_glass else "false",
        event.reason,
        str(event.line),
    ]
