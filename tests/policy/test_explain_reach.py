"""The explanations' join reads only the relationships that can reach the segment.

``view.reach_filter`` bounds the relationships' start by the loaded events' span, the
explanation window and the longest relationship; ``context`` keeps ``rel`` sorted by
start so DuckDB's zone maps skip the rest. It may only skip, never change a count: the
explanations here are compared, event by event, with the join as it was without it, on
relationships just inside and just outside each bound, open, long, ending before they
start, by user and by department, in UTC and in a time zone with a daylight-saving change
inside the window.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import duckdb
import pytest

from auditor.policy import view
from auditor.policy.context import prepare_context
from tests.policy.conftest import RELATIONSHIPS, write_csv

# The join as it was before the bound: every relationship read.
UNBOUNDED = """
SELECT k, count(*) AS n FROM (
    SELECT e.rowid AS k FROM events e
    JOIN rel r ON r.patient_id = e.patient_id AND r.user_id = e.user_id
    WHERE {window} AND e.bad IS NULL
    UNION ALL
    SELECT e.rowid AS k FROM events e
    LEFT JOIN wf u ON u.user_id = e.user_id AND {wf_at}
    JOIN rel r ON r.patient_id = e.patient_id AND r.user_id IS NULL
        AND r.department = coalesce(u.department, nullif(e.department, ''))
    WHERE {window} AND e.bad IS NULL
) GROUP BY k ORDER BY k
"""

T0 = datetime(2024, 3, 9, 1, 30, tzinfo=UTC)  # the first event; New York moves on 03-10


def _world(con: duckdb.DuckDBPyConnection, before: int, after: int) -> None:
    con.execute(
        "CREATE TABLE events (event_id VARCHAR, ts TIMESTAMPTZ, lts TIMESTAMP, "
        "user_id VARCHAR, patient_id VARCHAR, department VARCHAR, bad VARCHAR)"
    )
    con.execute(
        "CREATE TABLE wf (user_id VARCHAR, department VARCHAR, effective_from DATE, "
        "effective_to DATE)"
    )
    con.execute("INSERT INTO wf VALUES ('U1', 'ER', NULL, NULL), ('U2', 'ICU', NULL, NULL)")
    con.execute(
        "CREATE TABLE rel (patient_id VARCHAR, user_id VARCHAR, department VARCHAR, "
        "kind VARCHAR, start_ts TIMESTAMPTZ, end_ts TIMESTAMPTZ, bad VARCHAR)"
    )
    events = []
    for i in range(9):  # two days, every six hours, by two users; one bad row
        at = T0 + timedelta(hours=6 * i)
        user = "U1" if i % 2 else "U2"
        events.append((f"e{i}", at, at.replace(tzinfo=None), user, "P1", "", None))
    events.append(("bad", T0 - timedelta(days=90), None, "U1", "P1", "", "bad time"))
    con.executemany("INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?)", events)
    last = T0 + timedelta(hours=48)
    rels = []
    lengths = (None, timedelta(0), timedelta(hours=5), timedelta(days=40), -timedelta(days=2))
    # Starts on a two-hour grid from well before the first event's reach to well after
    # the last's, each with every length, by user and by department (in shuffled order).
    start = T0 - timedelta(days=after + 45)
    n = 0
    while start <= last + timedelta(days=before + 3):
        for length in lengths:
            end = None if length is None else start + length
            who = ("U1", None) if n % 3 else (None, "ICU")
            rels.append(("P1", *who, "encounter", start, end, None))
            n += 1
        start += timedelta(hours=2)
    rels = rels[1::2] + rels[::2]
    con.executemany("INSERT INTO rel VALUES (?, ?, ?, ?, ?, ?, ?)", rels)
    con.execute("CREATE OR REPLACE TABLE rel AS SELECT * FROM rel ORDER BY start_ts")


@pytest.mark.parametrize("timezone", ["UTC", "America/New_York"])
@pytest.mark.parametrize(("before", "after"), [(7, 30), (0, 0), (2, 1)])
def test_bounded_join_counts_as_the_unbounded(timezone: str, before: int, after: int) -> None:
    con = duckdb.connect()
    con.execute(f"SET TimeZone='{timezone}'")
    _world(con, before, after)
    window = (
        f"e.ts BETWEEN r.start_ts - INTERVAL {before} DAY "
        f"AND coalesce(r.end_ts, r.start_ts) + INTERVAL {after} DAY"
    )
    want = con.execute(UNBOUNDED.format(window=window, wf_at=view.wf_at("u"))).fetchall()
    view._explanations(con, before, after)
    got = con.execute("SELECT k, n FROM ex ORDER BY k").fetchall()
    assert got == want
    assert sum(n for _, n in want) > 0
    # ... and the bound does leave relationships out (what makes the join cheaper).
    bound = view.reach_filter(con, before, after)
    kept, every = con.execute(f"SELECT count(*) FILTER ({bound}), count(*) FROM rel r").fetchone()
    assert 0 < kept < every


def test_no_events_or_no_relationships_bound_nothing() -> None:
    con = duckdb.connect()
    _world(con, 7, 30)
    con.execute("DELETE FROM rel")
    assert view.reach_filter(con, 7, 30).startswith("r.start_ts <= ")
    con.execute("DELETE FROM events WHERE bad IS NULL")
    assert view.reach_filter(con, 7, 30) == "true"


class _Sink:
    def __init__(self) -> None:
        self.lines: list[tuple[int, str]] = []

    def add(self, _label: str, line: int, reason: str, *_a: object, **_kw: object) -> None:
        self.lines.append((line, reason))


def test_relationships_sorted_by_start_after_their_quarantine(tmp_path: Path) -> None:
    """``rel`` is in start order (the zone maps' premise), and a bad row in a file that is
    not is quarantined with its own line, as before the sort."""
    rows = [
        dict(patient_id="P3", user_id="U1", kind="encounter", start="2024-03-20"),
        dict(patient_id="P1", user_id="U1", kind="encounter", start="2024-03-01"),
        dict(patient_id="P2", user_id="U1", kind="lunch", start="2024-03-05"),
        dict(patient_id="P4", user_id="U1", kind="encounter", start="2024-02-11"),
    ]
    write_csv(tmp_path / "relationships.csv", RELATIONSHIPS, rows)
    con = duckdb.connect()
    con.execute("SET TimeZone='UTC'")
    sink = _Sink()
    prepare_context(con, tmp_path, "UTC", sink)
    assert sink.lines == [(4, "unknown relationship kind")]
    got = con.execute("SELECT patient_id FROM rel").fetchall()
    assert got == [("P4",), ("P1",), ("P3",)]
