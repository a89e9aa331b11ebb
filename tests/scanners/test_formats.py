"""The shared offset-keeping readers (scanners/formats): what scan and deid both rely on."""

from __future__ import annotations

from pathlib import Path

from auditor.scanners.formats.delimited import read_records, sniff_delimiter
from auditor.scanners.formats.hl7 import (
    Line,
    Separators,
    iter_lines,
    iter_segments,
    split_fields,
    split_spans,
)


def test_hl7_lines_keep_endings_and_crlf_split_across_reads() -> None:
    pieces = ["MSH|^~\\&|A\r", "\nPID|1\r\r", "\nEVN|x"]
    assert list(iter_lines(pieces)) == [
        Line(0, "MSH|^~\\&|A", "\r\n"),
        Line(12, "PID|1", "\r"),
        Line(18, "", "\r\n"),
        Line(20, "EVN|x", ""),
    ]
    assert "".join(line.text + line.end for line in iter_lines(pieces)) == "".join(pieces)
    assert [s for _, s in iter_segments(pieces)] == ["MSH|^~\\&|A", "PID|1", "EVN|x"]


def test_hl7_separators_from_header_and_escapes() -> None:
    seps = Separators.from_header("MSH#!~$&#APP")
    assert seps == Separators("#", "!", "~", "$", "&")
    assert Separators.from_header("MSH|^") is None
    assert Separators.from_header("PID|1|2|3|4") is None
    value = "A#B!C$D"
    assert seps.escape_text(value) == "A$F$B$S$C$E$D"
    assert seps.unescape(seps.escape_text(value)) == value


def test_hl7_field_numbers_and_spans() -> None:
    seps = Separators()
    seg = "MSH|^~\\&|APP|FAC"
    assert [(f.number, f.start, f.text) for f in split_fields(seg, seps)] == [
        (2, 4, "^~\\&"),
        (3, 9, "APP"),
        (4, 13, "FAC"),
    ]
    seg = "PID|1||DUCK^DONALD~MOUSE"
    fields = split_fields(seg, seps)
    assert [(f.number, seg[f.start : f.start + len(f.text)]) for f in fields][-1] == (
        3,
        "DUCK^DONALD~MOUSE",
    )
    reps = split_spans(fields[-1].text, "~", fields[-1].start)
    assert [(r.start, seg[r.start : r.start + len(r.text)]) for r in reps] == [
        (7, "DUCK^DONALD"),
        (19, "MOUSE"),
    ]


def test_delimited_records_keep_raw_cells(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_bytes(b'a;"b;c";"d\r\ne"\r\n1;2;3')
    assert sniff_delimiter(path) == ";"
    records = list(read_records(path, "utf-8", ";"))
    assert [[c.raw for c in r.cells] for r in records] == [
        ["a", '"b;c"', '"d\r\ne"'],
        ["1", "2", "3"],
    ]
    assert [c.value for c in records[0].cells] == ["a", "b;c", "d\r\ne"]
    assert [(r.terminator, r.line) for r in records] == [("\r\n", 1), ("", 3)]
    unquoted = list(read_records(path, "utf-8", ";", quote=None))
    assert unquoted[0].cells[1].value == '"b'
