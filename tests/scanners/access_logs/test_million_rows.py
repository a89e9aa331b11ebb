"""Issue #15: quarantine line numbers are the file's physical lines at a million rows.

The bulk is written by DuckDB (fast); the planted tail holds quoted line breaks (CRLF, LF
and CR inside quotes), a blank line and then the bad rows, so every line number after them
depends on counting each physical line once, across segment cuts.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import duckdb
import pytest

from auditor.policy import engine
from auditor.scanners.access_logs import PARSERS
from auditor.scanners.access_logs.segments import csv_segments
from auditor.synth.scale import generate_events_csv
from tests.scanners.access_logs.reading import read_log

ROWS = 1_000_000
HEADER = "event_id,timestamp,user_id,patient_id,action,record_type,department,workstation,"
HEADER += "break_glass,reason"


def _good(i: int) -> str:
    return f"t{i},2026-03-02T10:00:00Z,u{i % 7},p{i % 11},view,note,ED,ws,false,"


def _write(path: Path) -> tuple[dict[int, str], int]:
    """The file; (planted bad rows by physical line -> their text, records written)."""
    bulk = ROWS - 200
    con = duckdb.connect()
    con.execute(
        "COPY (SELECT 'e' || i AS event_id, '2026-03-02T10:' || lpad((i % 60)::VARCHAR, 2, '0') "
        "|| ':00Z' AS timestamp, 'u' || (i % 97) AS user_id, 'p' || (i % 101) AS patient_id, "
        "'view' AS action, 'note' AS record_type, 'ED' AS department, 'ws' AS workstation, "
        "'false' AS break_glass, '' AS reason FROM range(?) t(i)) TO "
        f"'{path}' (HEADER, DELIMITER ',')",
        [bulk],
    )
    con.close()
    line = 2 + bulk  # the next physical line
    tail: list[str] = []
    bad: dict[int, str] = {}
    records = bulk
    for i in range(200):
        if i in (10, 60, 110):  # quoted line breaks: 4 physical lines, one record
            tail.append(_good(i) + f'"asked by\r\nfamily{i}\rat desk\n"')
            line += 4
        elif i == 30:
            tail.append("")  # a blank line: not a record
            line += 1
            continue
        elif i in (150, 170, 199):
            text = _good(i).replace("Z,", ["+25:00,", "-05:60,", "+14:01,"][(i - 150) // 20 % 3])
            bad[line] = text
            tail.append(text)
            line += 1
        elif i == 180:
            bad[line] = _good(i).replace(",view,", ",edit,")
            tail.append(bad[line])
            line += 1
        else:
            tail.append(_good(i))
            line += 1
        records += 1
    with path.open("a", encoding="utf-8", newline="") as fh:
        fh.write("\n".join(tail) + "\n")
    return bad, records


@pytest.mark.slow
def test_quarantine_lines_are_physical_lines_at_a_million_rows(tmp_path: Path) -> None:
    path = tmp_path / "million.csv"
    bad, records = _write(path)
    assert path.read_bytes()[:10] == HEADER.encode()[:10]
    got = read_log(path, "csv", tmp_path / "work", segment_bytes=8 << 20)
    assert got.read == records == ROWS - 1
    assert got.read == len(got.rows) + len(got.rejected)
    assert {r.line: r.raw for r in got.rejected} == bad
    reasons = [r.reason for r in got.rejected]
    assert sum("impossible UTC offset" in r for r in reasons) == 3
    assert any(r.startswith("unknown action 'edit'") for r in reasons)
    # the events around the planted rows keep their own lines too
    last = got.rows[-1]
    assert (last.event_id, last.line) == ("t198", max(bad) - 1)
    spanning = [r for r in got.rows if r.reason.startswith("asked by")]
    assert [r.event_id for r in spanning] == ["t10", "t60", "t110"]
    assert spanning[0].reason == "asked by\r\nfamily10\rat desk\n"


@pytest.mark.slow
def test_every_event_keeps_its_line_in_a_large_segment(tmp_path: Path) -> None:
    """A 64 MB segment on the scan's own connection was read by DuckDB's parallel CSV reader
    (2.0.1, two threads), which stored the file's two halves out of order, and lines come from
    the row order: findings named the wrong lines (the bench's generated log; half the rows
    of its first segment off). Each generated event ``E<i>`` stands on line ``i + 2``."""
    path = tmp_path / "events.csv"
    generate_events_csv(path, 740_000, 5000, 200_000, 400_000, seed=7)
    work = tmp_path / "work"
    work.mkdir()
    cfg = dataclasses.replace(engine.EngineConfig(), temp_dir=work)
    con = engine.connect(cfg, allowed_dirs=[work], allowed_paths=[path])
    wrong = checked = 0
    for seg in csv_segments(path, PARSERS["csv"], work, site_tz="UTC", segment_bytes=64 << 20):
        loaded = seg.load(con)
        n, bad = con.execute(
            f"SELECT count(*), count(*) FILTER (WHERE CAST(substr(event_id, 2) AS BIGINT) + 2 "
            f"<> {loaded.line_sql}) FROM events e"
        ).fetchone()
        checked, wrong = checked + n, wrong + bad
    con.close()
    assert (checked, wrong) == (740_000, 0)
