"""The carry's chunks (``engine.CARRY_CHUNKS``): the segments' tables the carry keeps as they
are, read through the view ``carry`` with their keys moved and their labels' numbers given,
hold what inserting their rows into the carry's table held.

Held against ``advance_carry`` with no segment table to keep (its registration taken away
before each advance), which inserts the rows the carry takes into its table, as it did
before the chunks and still does with the carry in a file: after every segment's advance
the two scans' carries hold the same rows (every column: keys, label numbers, lines;
compared sorted, as the insert's joins may reorder a segment's rows), and the scans find
the same and persist the same parts, on traffic that is forgotten as it goes, delivered
again within a segment and across scans, and read out of time order; with the default
``MAX_CHUNKS`` and with a small one, so that chunks are merged into the table too. The
segments here are small (~50 events), so ``CHUNK_MIN_EVENTS`` is lowered: to 0 (every
segment a chunk), and to 50, so that a scan keeps some segments as chunks and inserts the
others (a file's last, shorter segment) into the carry's table.
"""

from __future__ import annotations

import dataclasses
import random
from pathlib import Path
from typing import Any

import duckdb
import pytest

from auditor.policy import engine
from auditor.services import access_scan
from auditor.services.access_segments import load_manifest
from tests.policy.test_carry_marks import HOURS, _plan, _spread
from tests.policy.window_scans import scan_findings, write_csv


def _scan(
    home: Path,
    plan: list[list[Path]],
    monkeypatch: pytest.MonkeyPatch,
    max_chunks: int | None,
    least: int = 0,
) -> tuple[list[list[tuple[Any, ...]]], set[Any], list[tuple[Any, ...]], int, int]:
    """(the carry's rows after every advance, the findings, the persisted parts' rows, the
    most chunks the carry held, the advances that inserted a segment's rows) of one scan
    per entry of ``plan`` in a fresh home, segments of ``least`` events or more kept as
    chunks; with ``max_chunks`` None, every segment's rows inserted into the carry's table."""
    carries: list[list[tuple[Any, ...]]] = []
    most = inserted = 0
    advance = engine.advance_carry
    config = access_scan._engine_config

    def advanced(con: duckdb.DuckDBPyConnection, *args: Any) -> int:
        nonlocal most, inserted
        row = con.execute(
            f"SELECT count(*) FROM {engine.CARRY_CHUNKS} WHERE shift IS NULL"
        ).fetchone()
        inserted += not (row and row[0])
        if max_chunks is None:  # no segment table to keep: the segment's rows inserted
            con.execute(f"DELETE FROM {engine.CARRY_CHUNKS} WHERE shift IS NULL")
        floor = advance(con, *args)
        carries.append(con.execute("SELECT * FROM carry").fetchall())
        row = con.execute(
            f"SELECT count(*) FROM {engine.CARRY_CHUNKS} WHERE shift IS NOT NULL"
        ).fetchone()
        most = max(most, int(row[0]) if row else 0)
        return floor

    with monkeypatch.context() as patch:
        patch.setattr(engine, "advance_carry", advanced)
        patch.setattr(engine, "MAX_CHUNKS", max_chunks or 0)
        patch.setattr(engine, "CHUNK_MIN_EVENTS", least)
        patch.setattr(
            access_scan,
            "_engine_config",
            lambda *a: dataclasses.replace(config(*a), carry_hours=HOURS),
        )
        patch.setenv("AUDITOR_HOME", str(home))
        found = scan_findings(home, plan)
    from auditor.context import open_context

    actx = open_context(home)
    try:
        files = [str(p) for p in load_manifest(actx).files()]
    finally:
        actx.close()
    con = duckdb.connect()
    parts = sorted(con.execute("SELECT * FROM read_parquet(?)", [files]).fetchall())
    return carries, found, parts, most, inserted


@pytest.mark.parametrize(
    ("seed", "max_chunks", "least"), [(2, engine.MAX_CHUNKS, 0), (13, 3, 0), (2, 4, 50)]
)
def test_chunks_hold_what_the_carrys_table_held(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seed: int, max_chunks: int, least: int
) -> None:
    events = _spread(seed)
    twice = sorted(events, key=lambda e: (e[1], e[0]))[:200]
    plan = [[write_csv([e for e in twice for _ in range(2)], tmp_path / "twice.csv")]]
    plan += _plan(events, seed, tmp_path)
    random.Random(seed).shuffle(twice)
    plan.append([write_csv(twice, tmp_path / "again.csv")])
    # A segment of carried copies only (its table emptied: no chunk), then a short one of
    # new events (with a floor, inserted, not taken for the emptied one), then another.
    newest = sorted(events, key=lambda e: (e[1], e[0]))[-60:]
    fresh = [(f"t{i:05d}", newest[-1][1], "U9", f"P{i}") for i in range(30)]
    late = write_csv(newest + fresh[:20], tmp_path / "late.csv")
    plan.append([late, write_csv(fresh[20:], tmp_path / "later.csv")])
    chunked = _scan(tmp_path / "chunked", plan, monkeypatch, max_chunks, least)
    merged = _scan(tmp_path / "merged", plan, monkeypatch, None)
    assert chunked[3] > 1 and merged[3] == 0  # chunks were kept, and none in the other
    assert (chunked[4] > 0) == (least > 0)  # small segments inserted, only with a floor
    assert len(chunked[0]) > 10
    assert [sorted(c) for c in chunked[0]] == [sorted(c) for c in merged[0]]  # each advance
    assert chunked[1] == merged[1] and chunked[1]
    assert chunked[2] == merged[2] and chunked[2]
