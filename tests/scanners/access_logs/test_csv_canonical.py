"""Canonical CSV: vectorised load, value checks, line numbers and quarantine reasons."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from auditor.errors import InputError
from scanners.access_logs.csv_canonical import CsvLoad, load_csv

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
