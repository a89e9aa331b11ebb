"""Canonical CSV: vectorised load, value checks, line numbers and quarantine reasons."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from auditor.errors import InputError
from auditor.scanners.access_logs.csv_canonical import CsvLoad, load_csv

HEADER = (
    "event_id,timestamp,user_id,patient_id,action,record_type,department,workstation,"
    "break_glass,reason"
)
GOOD = "e1,2024-03-04T10:00:00Z,u1,p1,view,note,ED,ws1,false,"


def _load(tmp_path: Path, text: str | bytes, **kw: object) -> tuple[CsvLoad, list[tuple]]:
    path = tmp_path / "log.csv"
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8", newline="")
    else:
        path.write_bytes(text)
    con = duckdb.connect()
    con.execute("SET TimeZone='UTC'")
    loaded = load_csv(con, path, label="log.csv", **kw)  # type: ignore[arg-type]
    rows = con.execute(
        f"SELECT {loaded.line_sql}, event_id, ts, user_id, patient_id, action, record_type, "
        "break_glass, reason FROM events e WHERE bad IS NULL ORDER BY 1"
    ).fetchall()
    return loaded, rows


def test_good_rows_and_offsets(tmp_path: Path) -> None:
    loaded, rows = _load(
        tmp_path,
        f"{HEADER}\n{GOOD}\n"
        'e2,2024-03-04 12:00:00+02:00,u2,p2,PRINT,Lab,ICU,ws2,yes,"code, blue"\n',
    )
    assert loaded.read == 2 and loaded.rejected == []
    assert [r[0] for r in rows] == [2, 3]
    second = rows[1]
    assert second[2].isoformat() == "2024-03-04T10:00:00+00:00"
    assert second[5:] == ("print", "lab", True, "code, blue")


def test_utf8_bom_header(tmp_path: Path) -> None:
    loaded, rows = _load(tmp_path, ("\ufeff" + f"{HEADER}\n{GOOD}\n").encode("utf-8"))
    assert loaded.read == 1 and rows[0][1] == "e1"


@pytest.mark.parametrize(
    ("line", "reason", "field"),
    [
        ("e9,2024-03-04T10:00:00,u1,p1,view,note,ED,ws,false,", "bad timestamp", "timestamp"),
        ("e9,yesterday,u1,p1,view,note,ED,ws,false,", "bad timestamp", "timestamp"),
        ("e9,,u1,p1,view,note,ED,ws,false,", "missing timestamp", "timestamp"),
        ("e9,2024-03-04T10:00:00Z,,p1,view,note,ED,ws,false,", "missing user id", "user_id"),
        ("e9,2024-03-04T10:00:00Z,u1, ,view,note,ED,ws,false,", "missing patient id", "patient_id"),
        ("e9,2024-03-04T10:00:00Z,u1,p1,view,note,ED,ws,maybe,", "invalid boolean", "break_glass"),
        ("e9,2024-03-04T10:00:00Z,u1,p1,peek,note,ED,ws,false,", "unknown action", "action"),
        ("e9,2024-03-04T10:00:00Z,u1", "malformed row: missing columns", ""),
        (
            "e9,2024-03-04T10:00:00Z,u1,p1,view,note,ED,ws,false,,extra",
            "malformed row: too many columns",
            "",
        ),
    ],
)
def test_bad_rows_are_rejected_with_line_and_reason(
    tmp_path: Path, line: str, reason: str, field: str
) -> None:
    loaded, rows = _load(tmp_path, f"{HEADER}\n{GOOD}\n{line}\n{GOOD.replace('e1', 'e3')}\n")
    assert loaded.read == 3
    assert len(loaded.rejected) == 1
    rej = loaded.rejected[0]
    assert rej.line == 3
    assert rej.reason.startswith(reason)
    assert rej.field == field
    assert [(r[0], r[1]) for r in rows] == [(2, "e1"), (4, "e3")]


def test_line_numbers_after_several_structural_rejects(tmp_path: Path) -> None:
    lines = [GOOD, "x,y", GOOD.replace("e1", "e2"), "x,y", "x,y", GOOD.replace("e1", "e3")]
    loaded, rows = _load(tmp_path, HEADER + "\n" + "\n".join(lines) + "\n")
    assert sorted(r.line for r in loaded.rejected) == [3, 5, 6]
    assert [(r[0], r[1]) for r in rows] == [(2, "e1"), (4, "e2"), (7, "e3")]
    assert loaded.read == len(lines)


def test_crlf_and_mixed_line_endings(tmp_path: Path) -> None:
    loaded, rows = _load(tmp_path, f"{HEADER}\r\n{GOOD}\r\n{GOOD.replace('e1', 'e2')}\n")
    assert loaded.read == 2 and [r[1] for r in rows] == ["e1", "e2"]


def test_missing_event_id_gets_a_stable_digest(tmp_path: Path) -> None:
    _, rows_a = _load(tmp_path, f"{HEADER}\n{GOOD.replace('e1', '')}\n")
    _, rows_b = _load(tmp_path, f"{HEADER}\n{GOOD}\n{GOOD.replace('e1', '')}\n")
    assert rows_a[0][1].startswith("row-")
    assert rows_a[0][1] == rows_b[1][1]


def test_header_without_required_column_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError) as err:
        _load(tmp_path, "event_id,timestamp,user_id\ne1,2024-03-04T10:00:00Z,u1\n")
    assert err.value.field == "patient_id" and err.value.line == 1


@pytest.mark.parametrize("text", ["", f"{HEADER}\n"])
def test_empty_and_header_only(tmp_path: Path, text: str) -> None:
    loaded, rows = _load(tmp_path, text)
    assert loaded.read == 0 and rows == [] and loaded.rejected == []


def test_first_data_line_shifts_numbers_for_segments(tmp_path: Path) -> None:
    loaded, rows = _load(tmp_path, f"{HEADER}\nx,y\n{GOOD}\n", first_data_line=101)
    assert loaded.rejected[0].line == 101
    assert rows[0][0] == 102


def test_records_spanning_lines_and_blank_lines_keep_true_line_numbers(tmp_path: Path) -> None:
    """A quoted reason holding line breaks, a blank line, a short row and a bad value: every
    number is the record's first line in the file, and quarantined records keep their empty
    fields."""
    text = (
        f"{HEADER}\n"  # 1
        f"{GOOD}\n"  # 2
        'e2,2024-03-04T10:01:00Z,u1,p2,view,note,ED,ws1,true,"chart review\n'  # 3
        'requested by\n"\n'  # 4-5
        "\n"  # 6: blank
        "x,y\n"  # 7: too few columns
        "e4,2024-03-04T10:03:00Z,,p4,view,note,ED,ws1,false,\n"  # 8: no user
        "e5,2024-03-04T10:04:00Z,u1,p5,view,note,ED,ws1,false,"  # 9, no final newline
    )
    loaded, rows = _load(tmp_path, text)
    assert [(r[0], r[1]) for r in rows] == [(2, "e1"), (3, "e2"), (9, "e5")]
    assert rows[1][8] == "chart review\nrequested by\n"
    assert [(r.line, r.reason) for r in loaded.rejected] == [
        (7, "malformed row: missing columns"),
        (8, "missing user id"),
    ]
    assert loaded.rejected[1].raw == "e4,2024-03-04T10:03:00Z,,p4,view,note,ED,ws1,false,"
    assert loaded.read == 5  # records, not lines: read = loaded + quarantined


def test_missing_event_id_digest_is_the_same_on_the_careful_path(tmp_path: Path) -> None:
    """Files with multi-line records are re-read through a copy; ids made from the row must
    not change because of it (they are part of findings' identity)."""
    plain = f"{HEADER}\n{GOOD.replace('e1', '')}\n"
    _, rows_a = _load(tmp_path, plain)
    _, rows_b = _load(
        tmp_path, plain + '\ne2,2024-03-04T10:00:00Z,u,p,view,note,ED,ws,false,"a\nb"\n'
    )
    assert rows_a[0][1].startswith("row-") and rows_a[0][1] == rows_b[0][1]


def test_segments_never_split_a_quoted_line_break(tmp_path: Path) -> None:
    from auditor.scanners.access_logs import resolve_format
    from auditor.scanners.access_logs.segments import csv_segments

    lines = [HEADER]
    for i in range(60):
        reason = '"first line\nsecond line, with ""quotes""\n"' if i % 3 == 0 else "n/a"
        lines.append(f"e{i},2024-03-04T10:00:00Z,u1,p{i},view,note,ED,ws1,true,{reason}")
    log = tmp_path / "big.csv"
    log.write_text("\n".join(lines) + "\n", encoding="utf-8", newline="")
    con = duckdb.connect()
    con.execute("SET TimeZone='UTC'")
    segments = list(
        csv_segments(log, resolve_format("csv", log), tmp_path, site_tz="UTC", segment_bytes=300)
    )
    assert len(segments) > 5
    ids, lines_seen = [], []
    for seg in segments:
        loaded = seg.load(con)
        assert loaded.rejected == []
        got = con.execute(
            f"SELECT event_id, {loaded.line_sql} FROM events e ORDER BY e.rowid"
        ).fetchall()
        ids += [g[0] for g in got]
        lines_seen += [g[1] for g in got]
    assert ids == [f"e{i}" for i in range(60)]
    text = log.read_text(encoding="utf-8")
    physical = text.split("\n")
    assert all(physical[n - 1].startswith(f"{e},") for e, n in zip(ids, lines_seen, strict=True))
