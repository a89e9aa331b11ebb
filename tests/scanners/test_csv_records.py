"""The one CSV record rule (``formats.csv_records``) and its three readers: CR-only and
mixed line endings, quoted line breaks, limits, and the same answer from each reader."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from auditor.scanners.formats.csv_records import (
    count_breaks,
    count_lines,
    lines_at,
    read_first_line,
    split_records,
)
from auditor.scanners.formats.delimited import read_records
from tests.scanners.access_logs.reading import read_log

HEADER = "event_id,timestamp,user_id,patient_id,action,record_type,department,workstation,"
HEADER += "break_glass,reason"


def _row(i: int, reason: str = "") -> str:
    return f"e{i},2026-03-02T10:00:{i % 60:02d}Z,u{i},p{i},view,note,ED,ws,false,{reason}"


def _records(data: bytes, **kw: int) -> list[tuple[int, int, bytes, bytes, str]]:
    pieces = [data[k : k + 3] for k in range(0, len(data), 3)]  # CRLF split across reads
    return [(r.line, r.lines, r.text, r.end, r.refused) for r in split_records(pieces, b'"', **kw)]


def test_line_breaks_are_crlf_lf_and_lone_cr() -> None:
    data = b'a\r\nb\nc\rd\r\r\n"e\r\nf"\rg'
    assert _records(data) == [
        (1, 1, b"a", b"\r\n", ""),
        (2, 1, b"b", b"\n", ""),
        (3, 1, b"c", b"\r", ""),
        (4, 1, b"d", b"\r", ""),
        (5, 1, b"", b"\r\n", ""),
        (6, 2, b'"e\r\nf"', b"\r", ""),
        (8, 1, b"g", b"", ""),
    ]
    assert count_lines(io.BytesIO(data), 0, len(data)) == 8
    assert lines_at(io.BytesIO(data), 1, [3, 6, 8]) == {3: b"c", 6: b'"e', 8: b"g"}
    fh = io.BytesIO(b"h1,h2\rrow\r")
    assert read_first_line(fh, 100) == b"h1,h2\r" and fh.read() == b"row\r"


def test_breaks_counted_with_and_without_carriage_returns() -> None:
    """LF alone (CRs looked for, not counted), CR alone, CRLF, and a CRLF split between
    two blocks: one break each, as the record rule reads them."""
    for block, after_cr, breaks in [
        (b"a\nb\nc", False, 2),
        (b"a\nb\n", True, 2),
        (b"\nb\n", True, 1),  # completes the previous block's CR
        (b"a\rb\r", False, 2),
        (b"a\r\nb\r\n", False, 2),
        (b'a\r\nb\nc\rd\r\r\n"e', False, 5),
        (b"", False, 0),
    ]:
        assert count_breaks(block, after_cr) == breaks, block


def test_limits_refuse_one_record_and_read_on() -> None:
    got = _records(b'a,"open\nb\nc\nd\n', max_lines=2)
    assert got[0] == (1, 1, b'a,"open', b"\n", "malformed row: unterminated quote")
    assert [g[:3] for g in got[1:]] == [(2, 1, b"b"), (3, 1, b"c"), (4, 1, b"d")]
    long = _records(b"ok\n" + b"x" * 50 + b"\nafter\n", max_size=10)
    assert [(g[0], g[4]) for g in long] == [(1, ""), (2, "record over 10 bytes"), (3, "")]
    assert long[1][2] == b"x" * 10  # only the head is kept
    assert _records(b'x,"never closed\ny\n')[0][4] == "malformed row: unterminated quote"


@pytest.mark.parametrize(
    "ending", [b"\r", b"\n", b"\r\n", "mixed"], ids=["cr", "lf", "crlf", "mixed"]
)
@pytest.mark.parametrize("segment_bytes", [1 << 20, 300])
def test_access_csv_lines_are_physical_lines_whatever_the_endings(
    tmp_path: Path, ending: bytes | str, segment_bytes: int
) -> None:
    endings = [b"\r\n", b"\n", b"\r"]
    lines = [HEADER.encode()]
    for i in range(40):
        lines.append(_row(i).encode())
    lines[13] = _row(12, '"two\nlines"').encode()  # record of line 14 spans 14-15
    lines[30] = b"e30,2026-03-02T10:00:00+25:00,u,p,view,note,ED,ws,false,"
    out = b""
    for k, line in enumerate(lines):
        out += line + (endings[k % 3] if ending == "mixed" else ending)  # type: ignore[operator]
    path = tmp_path / "log.csv"
    path.write_bytes(out)
    got = read_log(path, "csv", tmp_path / "work", segment_bytes=segment_bytes)
    assert got.read == 40 == len(got.rows) + len(got.rejected)
    (bad,) = got.rejected
    assert bad.line == 32 and bad.raw == lines[30].decode()
    by_id = {r.event_id: r.line for r in got.rows}
    assert by_id["e0"] == 2 and by_id["e12"] == 14 and by_id["e13"] == 16 and by_id["e39"] == 42


def test_document_reader_follows_the_same_rule(tmp_path: Path) -> None:
    path = tmp_path / "old-mac.csv"
    path.write_bytes(b'name,note\r"Ana","a\rb"\rBo,c\r\nCy,d\n')
    records = list(read_records(path, "utf-8", ","))
    assert [(r.line, [c.value for c in r.cells], r.terminator) for r in records] == [
        (1, ["name", "note"], "\r"),
        (2, ["Ana", "a\rb"], "\r"),
        (4, ["Bo", "c"], "\r\n"),
        (5, ["Cy", "d"], "\n"),
    ]
