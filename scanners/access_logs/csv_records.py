"""Find CSV records in raw bytes without trusting the file's quoting.

The fallback when DuckDB cannot read a segment (a line over its line limit, an unterminated
quote): records are split on line breaks outside quotes, but a record is never allowed to grow
past ``max_bytes`` or ``max_lines``. A record that would is quarantined by its first line and
reading resumes on the next line, so one hostile field costs one record, never the file.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

# A record (all its fields) may hold at most this many bytes; longer ones are quarantined.
MAX_RECORD_BYTES = 1 << 20
# A quoted field may span at most this many physical lines (the fallback path only).
MAX_RECORD_LINES = 256
# How much of a refused record the quarantine keeps.
RAW_PREVIEW = 4096


@dataclass(frozen=True)
class RawRecord:
    """One record's text and first line, or (``text`` None) why it was refused."""

    line: int
    text: str | None
    reason: str = ""
    raw: str = ""


def _read_line(fh: BinaryIO, limit: int, *, skip: bool) -> tuple[bytes, bool] | None:
    """The next physical line, or its first ``limit`` bytes and True when it is longer.

    ``skip`` consumes the rest of an over-long line (in blocks: memory stays bounded).
    """
    data = fh.readline(limit + 1)
    if not data:
        return None
    if len(data) > limit and not data.endswith(b"\n"):
        if skip:
            while (more := fh.readline(1 << 20)) and not more.endswith(b"\n"):
                pass
        return data, True
    return data, False


def _preview(data: bytes) -> str:
    return data[:RAW_PREVIEW].decode("utf-8", "replace").rstrip("\r\n")


def iter_records(
    fh: BinaryIO,
    first_line: int,
    *,
    max_bytes: int = MAX_RECORD_BYTES,
    max_lines: int = MAX_RECORD_LINES,
) -> Iterator[RawRecord]:
    """Records from the current position of ``fh`` (its line number is ``first_line``).

    Blank lines are not records. Cost is linear in the input times ``max_lines`` at worst
    (a line with an odd number of quotes looks ahead at most that far).
    """
    line_no = first_line
    while True:
        got = _read_line(fh, max_bytes, skip=True)
        if got is None:
            return
        data, over = got
        if over:
            yield RawRecord(line_no, None, f"record over {max_bytes} bytes", _preview(data))
            line_no += 1
            continue
        if not data.strip(b"\r\n"):
            line_no += 1
            continue
        parts, size, quotes, lines = [data], len(data), data.count(b'"'), 1
        after_first = fh.tell()
        complete = True
        while quotes % 2:
            stop = lines >= max_lines or size >= max_bytes
            nxt = None if stop else _read_line(fh, max_bytes - size, skip=False)
            if nxt is None or nxt[1]:
                complete = False
                break
            parts.append(nxt[0])
            size += len(nxt[0])
            quotes += nxt[0].count(b'"')
            lines += 1
        if not complete:
            fh.seek(after_first)
            yield RawRecord(line_no, None, "malformed row: unterminated quote", _preview(data))
            line_no += 1
            continue
        yield RawRecord(line_no, b"".join(parts).decode("utf-8", "replace"))
        line_no += lines
