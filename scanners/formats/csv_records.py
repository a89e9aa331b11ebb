"""Where a CSV record ends: the one rule every reader of delimited text here follows.

A line break is CRLF, LF or a lone CR (old Mac exports, and files that mix them), and
physical line numbers count line breaks that way. A record ends at the first line break
outside double quotes, i.e. after an even number of quote characters since the record began
(a doubled quote inside a quoted field counts twice, so the parity holds). ``quote=None``
reads quotes as ordinary characters: every line is then a record.

Readers: ``formats.delimited.read_records`` (document scans and de-identification, on
decoded text), the access-log CSV loader (bytes: the records path, line numbers and the
quarantined text) and the access-log segment cutter, which follows the same rule at C speed
(``count_breaks``, ``record_ends``) without splitting every record. Limits make one hostile
field cost one record: a line over ``max_size`` is refused (and skipped in bounded memory);
a quoted field that runs past ``max_lines`` lines or ``max_size`` is refused by its first
line, and reading resumes on the line after it.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import IO, AnyStr, Generic

__all__ = [
    "BLOCK",
    "Record",
    "Run",
    "count_breaks",
    "count_lines",
    "iter_blocks",
    "iter_lines",
    "lines_at",
    "read_first_line",
    "record_ends",
    "split_records",
    "split_runs",
]

BLOCK = 1 << 20
_SPLIT_STR = re.compile(r"(\r\n|\r|\n)")
_SPLIT_BYTES = re.compile(rb"(\r\n|\r|\n)")


def _split_re(sample: AnyStr) -> re.Pattern[AnyStr]:
    return _SPLIT_BYTES if isinstance(sample, bytes) else _SPLIT_STR  # type: ignore[return-value]


def _chars(sample: AnyStr) -> tuple[AnyStr, AnyStr]:
    """(CR, LF) in the type of ``sample``."""
    if isinstance(sample, bytes):
        return b"\r", b"\n"  # type: ignore[return-value]
    return "\r", "\n"  # type: ignore[return-value]


@dataclass(frozen=True, slots=True)
class Record(Generic[AnyStr]):
    """One record (``refused`` empty) or a refused line (``refused`` says why)."""

    line: int  # first physical line
    lines: int  # physical lines it spans (a refused record: 1)
    text: AnyStr  # without its final line break; inner line breaks as they were
    end: AnyStr  # its final line break as it was (empty at the end of the input)
    size: int  # input it took, final line break included
    refused: str = ""


# One batch of physical lines: texts (without line breaks), line breaks, and the full size
# of each over-long line (by index; its text is then the head only).
_Batch = tuple[list[AnyStr], list[AnyStr], dict[int, int]]


def _batches(pieces: Iterable[AnyStr], limit: int | None) -> Iterator[_Batch[AnyStr]]:
    """The physical lines of the streamed input, one batch per piece (split at C speed).

    A CR at the end of one piece waits for the next, so a CRLF split across reads stays
    one break. With ``limit``, a longer line keeps its head only: the rest of it is skipped
    as it streams by, never held.
    """
    buf = None
    head = None  # inside an over-long line: its head, and how much of it passed
    skipped = 0
    for piece in pieces:
        if not piece:
            continue
        buf = piece if buf is None else buf + piece
        cr, _ = _chars(buf)
        parts = _split_re(buf).split(buf)
        tail = parts.pop()
        if not tail and parts and parts[-1] == cr:  # maybe half a CRLF: wait for more
            parts.pop()
            tail = parts.pop() + cr
        texts, ends = parts[0::2], parts[1::2]
        overs: dict[int, int] = {}
        if head is not None and texts:
            overs[0] = skipped + len(texts[0]) + len(ends[0])
            texts[0], head, skipped = head, None, 0
        if limit is not None:
            for k, text in enumerate(texts):
                if len(text) > limit and k not in overs:
                    overs[k] = len(text) + len(ends[k])
                    texts[k] = text[:limit]
            if not tail.endswith(cr) and (head is not None or len(tail) > limit):
                if head is None:
                    head = tail[:limit]
                skipped += len(tail)
                tail = tail[:0]
        if texts:
            yield texts, ends, overs
        buf = tail
    if head is not None:
        yield [head], [head[:0]], {0: skipped + len(buf or head[:0])}
    elif buf:
        cr, _ = _chars(buf)
        if buf.endswith(cr):
            yield [buf[:-1]], [cr], {}
        else:
            yield [buf], [buf[:0]], {}


@dataclass(frozen=True, slots=True)
class Run(Generic[AnyStr]):
    """Consecutive one-line records (blank lines among them): what most files are made of."""

    line: int  # physical line of the first
    texts: list[AnyStr]
    ends: list[AnyStr]


def split_records(
    pieces: Iterable[AnyStr],
    quote: AnyStr | None,
    *,
    first_line: int = 1,
    max_size: int | None = None,
    max_lines: int | None = None,
) -> Iterator[Record[AnyStr]]:
    """The records of the streamed input in order, blank lines included (empty text).

    A refused record (a line over ``max_size``, a quoted field past a limit or never
    closed) comes back with ``refused`` set and its first line as ``text``; the lines
    after that first line are read again as records of their own.
    """
    for item in _split(pieces, quote, first_line, max_size, max_lines, runs=False):
        assert isinstance(item, Record)
        yield item


def split_runs(
    pieces: Iterable[AnyStr],
    quote: AnyStr | None,
    *,
    first_line: int = 1,
    max_size: int | None = None,
    max_lines: int | None = None,
) -> Iterator[Record[AnyStr] | Run[AnyStr]]:
    """``split_records`` with stretches of one-line records handed over as ``Run`` lists,
    for a caller that copies millions of them (no object per record)."""
    return _split(pieces, quote, first_line, max_size, max_lines, runs=True)


def _split(
    pieces: Iterable[AnyStr],
    quote: AnyStr | None,
    first_line: int,
    max_size: int | None,
    max_lines: int | None,
    *,
    runs: bool,
) -> Iterator[Record[AnyStr] | Run[AnyStr]]:
    line_no = first_line
    over_reason = f"record over {max_size} bytes"
    unterminated = "malformed row: unterminated quote"
    # An open record: its lines as (text, end, size), and its quotes so far.
    open_lines: list[tuple[AnyStr, AnyStr, int]] = []
    quotes = 0
    batches = _batches(pieces, max_size)
    texts: list[AnyStr] = []
    ends: list[AnyStr] = []
    overs: dict[int, int] = {}
    specials: list[int] | None = None
    i = n = 0
    while True:
        if i == n:
            batch = next(batches, None)
            if batch is None:
                if not open_lines:
                    return
                texts, ends, overs = [], [], {}  # end of input inside quotes
            else:
                texts, ends, overs = batch
            i, n = 0, len(texts)
            specials = None
        if open_lines:
            size = sum(part[2] for part in open_lines)
            at_end = i == n
            too_big = (max_lines is not None and len(open_lines) >= max_lines) or (
                max_size is not None and size > max_size
            )
            if at_end or too_big or i in overs or not open_lines[-1][1]:
                # refused by its first line; the lines after it are read again
                text, end, first_size = open_lines[0]
                yield Record(line_no, 1, text, end, first_size, unterminated)
                line_no += 1
                again = open_lines[1:]
                open_lines, quotes = [], 0
                texts = [a[0] for a in again] + texts[i:]
                ends = [a[1] for a in again] + ends[i:]
                overs = {k + len(again) - i: v for k, v in overs.items() if k >= i}
                i, n = 0, len(texts)
                specials = None
                continue
            text, end = texts[i], ends[i]
            assert quote is not None
            quotes += text.count(quote)
            open_lines.append((text, end, len(text) + len(end)))
            i += 1
            if quotes % 2 == 0:
                body = text[:0].join(t + e for t, e, _ in open_lines[:-1]) + text
                size = sum(part[2] for part in open_lines)
                yield Record(line_no, len(open_lines), body, end, size)
                line_no += len(open_lines)
                open_lines = []
            continue
        # the common case: one line, one record
        if runs:
            if specials is None:  # once per batch: lines that are not a record on their own
                odd: list[int] = []
                if quote is not None:
                    odd = [k for k, t in enumerate(texts) if t.count(quote) % 2]
                specials = sorted({*overs, *odd})
            at = bisect.bisect_left(specials, i)
            stop = specials[at] if at < len(specials) else n
            if stop > i:
                yield Run(line_no, texts[i:stop], ends[i:stop])
                line_no += stop - i
                i = stop
        while i < n:
            text, end = texts[i], ends[i]
            if i in overs:
                yield Record(line_no, 1, text, end, overs[i], over_reason)
            elif quote is not None and text.count(quote) % 2:
                quotes = text.count(quote)
                open_lines = [(text, end, len(text) + len(end))]
                i += 1
                break
            else:
                yield Record(line_no, 1, text, end, len(text) + len(end))
            line_no += 1
            i += 1


def iter_blocks(fh: IO[AnyStr], size: int = BLOCK, end: int | None = None) -> Iterator[AnyStr]:
    """Blocks of ``fh`` from where it is, up to the absolute offset ``end`` (bytes only)."""
    remaining = None if end is None else end - fh.tell()
    while remaining is None or remaining > 0:
        block = fh.read(size if remaining is None else min(size, remaining))
        if not block:
            return
        if remaining is not None:
            remaining -= len(block)
        yield block


def iter_lines(fh: IO[bytes], size: int = 1 << 16) -> Iterator[bytes]:
    """Physical lines of ``fh`` from where it is, each with its line break (CRLF, LF or a
    lone CR, the one rule), so line-by-line readers (FHIR NDJSON, ATNA) number lines as the
    CSV readers do and their lengths add up to byte offsets."""
    chunks: list[bytes] = []  # the current line so far (a long line costs no re-copying)
    after_cr = False  # the last block ended with a CR: a leading LF completes that CRLF
    for block in iter_blocks(fh, size):
        if after_cr:
            after_cr = False
            if block.startswith(b"\n"):
                chunks.append(b"\n")
                block = block[1:]
            yield b"".join(chunks)
            chunks = []
        parts = _SPLIT_BYTES.split(block)  # text, break, text, break, ..., tail
        last = len(parts) - 1
        for i in range(0, last, 2):
            chunks += (parts[i], parts[i + 1])
            if parts[i + 1] == b"\r" and i + 2 == last and not parts[last]:
                after_cr = True  # maybe half a CRLF: the next block decides
                break
            yield b"".join(chunks)
            chunks = []
        else:
            if parts[last]:
                chunks.append(parts[last])
    if chunks:
        yield b"".join(chunks)


def read_first_line(fh: IO[bytes], limit: int) -> bytes:
    """The first line of ``fh`` with its line break (a header), at most ``limit`` bytes."""
    start = fh.tell()
    head = fh.read(limit)
    parts = _SPLIT_BYTES.split(head, 1)
    if len(parts) == 1:
        return head
    line = parts[0] + parts[1]
    if parts[1] == b"\r" and len(line) == len(head):  # CR at the limit: maybe a CRLF
        fh.seek(start + len(line))
        if fh.read(1) == b"\n":
            line += b"\n"
    fh.seek(start + len(line))
    return line


def count_breaks(block: bytes, after_cr: bool = False) -> int:
    """Line breaks in ``block``; ``after_cr``: the previous block ended with a CR (so a
    leading LF completes that CRLF and is not a break of its own)."""
    breaks = block.count(b"\n")
    # CRs counted only when there is one: ``in`` finds a byte with memchr, several times
    # faster than ``count`` walks the block (most logs end lines with LF alone).
    if b"\r" in block:
        breaks += block.count(b"\r") - block.count(b"\r\n")
    if after_cr and block.startswith(b"\n"):
        breaks -= 1
    return breaks


def count_lines(fh: IO[bytes], start: int, end: int) -> int:
    """Physical lines in the byte range (a last line without a line break counts)."""
    fh.seek(start)
    count, after_cr, last = 0, False, b""
    for block in iter_blocks(fh, 1 << 22, end):
        count += count_breaks(block, after_cr)
        after_cr = block.endswith(b"\r")
        last = block
    return count + (1 if last and not last.endswith((b"\n", b"\r")) else 0)


def record_ends(block: bytes, start: int, quotes_before: int) -> Iterator[int]:
    """Offsets in ``block`` (from ``start``) just after a line break that ends a record.

    ``quotes_before`` is the number of quotes between the last known record boundary and
    the start of ``block``. A CR that ends the block is left for the next one to decide.
    """
    for match in _SPLIT_BYTES.finditer(block, start):
        if match.end() == len(block) and match.group() == b"\r":
            return
        if (quotes_before + block.count(b'"', 0, match.start())) % 2 == 0:
            yield match.end()


def lines_at(fh: IO[bytes], first_line: int, wanted: Iterable[int]) -> dict[int, bytes]:
    """The text of the given physical lines (no line break), read from ``fh``'s position,
    which is line ``first_line``. Blocks are split at C speed; only the wanted are kept."""
    targets = sorted({t for t in wanted if t >= first_line})
    found: dict[int, bytes] = {}
    index, line_no, carry = 0, first_line, b""
    for block in iter_blocks(fh):
        if index == len(targets):
            break
        parts = _SPLIT_BYTES.split(carry + block)
        carry = parts.pop()
        if not carry and parts and parts[-1] == b"\r":  # maybe half a CRLF
            parts.pop()
            carry = parts.pop() + b"\r"
        complete = len(parts) // 2
        while index < len(targets) and targets[index] < line_no + complete:
            found[targets[index]] = parts[2 * (targets[index] - line_no)]
            index += 1
        line_no += complete
    if index < len(targets) and targets[index] == line_no and carry:
        found[line_no] = carry.removesuffix(b"\r")
    return found
