"""How the carry's database stores its tables: the columns whose values are (nearly) all
distinct uncompressed (``engine.UNCOMPRESSED``, ``engine.W_SRC_PLAIN``), the rest as DuckDB
chooses, the columns and types those of the statement that fills them (``table_for``).

Storage only: the rows are the statement's whichever way they are stored, which the window
and carry tests check. Compression shows once DuckDB has written the blocks, so each check
checkpoints the carry's database first.
"""

from __future__ import annotations

import random
from datetime import timedelta
from pathlib import Path
from typing import Any

import duckdb
import pyarrow.parquet as pq
import pytest

from auditor.policy import engine
from tests.policy.test_window_reference import START, THRESHOLD, Event
from tests.policy.window_scans import scan_findings, write_csv

SELECT = (
    "SELECT range AS k, md5(range::VARCHAR) AS ekey, 'E' || range AS event__event_id, "
    "'P' || (range % 97) AS event__patient_id, 'ICU' AS user__role, [1, 2] AS l, "
    "range::VARCHAR AS n FROM range(3000)"
)


def _storage(con: duckdb.DuckDBPyConnection, table: str) -> dict[str, set[str]]:
    """{text column: the compressions of its segments} of ``table`` in the carry's database."""
    rows = con.execute(
        "SELECT column_name, list(DISTINCT compression) FROM pragma_storage_info(?) "
        "WHERE segment_type = 'VARCHAR' GROUP BY ALL",
        [table],
    ).fetchall()
    return {str(name): set(kinds) for name, kinds in rows}


def test_table_for_keeps_the_statements_columns_and_leaves_the_named_texts_plain(
    tmp_path: Path,
) -> None:
    con = duckdb.connect()
    con.execute(f"ATTACH '{tmp_path / 'carry.duckdb'}' AS {engine.CARRY_DB}")
    table = f"{engine.CARRY_DB}.t"
    con.execute(engine.table_for(con, table, SELECT, frozenset({"ekey", "event__event_id", "k"})))
    con.execute(f"INSERT INTO {table} {SELECT}")
    con.execute(f"CREATE TABLE {engine.CARRY_DB}.control AS {SELECT}")
    con.execute(f"CHECKPOINT {engine.CARRY_DB}")
    assert (
        con.execute(f"DESCRIBE {table}").fetchall() == con.execute(f"DESCRIBE {SELECT}").fetchall()
    )
    assert sorted(con.execute(f"FROM {table}").fetchall()) == sorted(con.execute(SELECT).fetchall())
    got = _storage(con, table)
    assert got["ekey"] == got["event__event_id"] == {"Uncompressed"}
    # Not named, or not text: as DuckDB chooses (here a dictionary, as the control shows).
    control = _storage(con, f"{engine.CARRY_DB}.control")
    assert control["ekey"] != {"Uncompressed"}  # else this test could not tell
    assert got["event__patient_id"] == control["event__patient_id"] != {"Uncompressed"}
    assert got["user__role"] == control["user__role"]


def _events(seed: int) -> list[Event]:
    """Accesses of three users over ten hours, bursts among them, out of time order."""
    rng = random.Random(seed)
    events: list[Event] = []
    for u in range(3):
        for _ in range(8):
            t = START + timedelta(minutes=rng.randint(0, 10 * 60))
            for _ in range(rng.randint(3, 2 * THRESHOLD + 3)):
                t += timedelta(seconds=rng.choice([0, 30, 60]))
                events.append((f"s{len(events):05d}", t, f"U{u}", f"P{rng.randint(0, 40)}"))
    rng.shuffle(events)
    return events


def test_a_scans_carry_and_window_stage_store_their_distinct_texts_plain(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A scan in small segments: after each segment's advance, the carry (its table and the
    segments' tables it holds as chunks; and the window rule's staged carried events, once a
    segment made them) in the scan's carry database."""
    seen: list[dict[str, dict[str, set[str]]]] = []
    advance = engine.advance_carry

    def checked(con: duckdb.DuckDBPyConnection, *args: Any, **kwargs: Any) -> int:
        floor = advance(con, *args, **kwargs)
        con.execute(f"CHECKPOINT {engine.CARRY_DB}")
        tables = {str(r[0]) for r in con.execute("SHOW TABLES FROM carrydb").fetchall()}
        seen.append({t: _storage(con, f"{engine.CARRY_DB}.{t}") for t in tables})
        return floor

    monkeypatch.setattr(engine, "advance_carry", checked)
    monkeypatch.setattr(engine, "MEMORY_CARRY_SHARE", 0.0)  # the file, not memory: small scan
    log = write_csv(_events(3), tmp_path / "a.csv")
    found = scan_findings(tmp_path / "home", [[log]])
    assert any(rule == "ACC-VOLUME-001" for rule, _, _ in found)  # the window rule ran
    assert len(seen) >= 2  # segments after the first
    for tables in seen:
        # The carry's table and its chunks (the segments' tables it took whole,
        # ``engine.CARRY_CHUNKS``); an empty one stores nothing.
        held = [t for name, t in tables.items() if name == "carry" or name.startswith("seg_")]
        held = [t for t in held if t]
        assert held
        for carry in held:
            for name in ("ekey", "event__event_id", "event__patient_id"):
                assert carry[name] == {"Uncompressed"}, name
            assert carry["event__user_id"] != {"Uncompressed"}  # a column left to DuckDB
    staged = [t["w_src"] for t in seen if t.get("w_src")]  # (an empty one stores nothing)
    assert staged
    for w_src in staged:
        for name in ("grp", "val"):  # the rule's user and patient
            assert w_src[name] == {"Uncompressed"}, name


def test_a_parts_distinct_texts_are_written_plain_and_read_back_whole(tmp_path: Path) -> None:
    """``engine._copy_carry``: a column with more distinct values in a row group than
    ``PART_DICTIONARY_LIMIT`` (2,000 patients) is written without a dictionary (DuckDB's
    default limit is higher: it built each such dictionary first, and kept this one), a
    few-valued one with one; Parquet's version 2 encodings (``PART_OPTIONS``); the rows read
    back, by DuckDB and by pyarrow (the Spark engine's reader), are the carry's, ``source``
    spelled ``label:line``."""
    con = duckdb.connect()
    con.execute(f"CREATE TEMP TABLE {engine.CARRY_SOURCES} AS SELECT 1 AS sid, 'a.csv' AS label")
    con.execute(
        "CREATE TABLE c AS SELECT -range AS k, md5(range::VARCHAR) AS ekey, 1 AS sid, "
        "range + 2 AS line, 'U' || (range % 40) AS event__user_id, "
        "'P' || (range % 2000) AS event__patient_id FROM range(20000)"
    )
    path = tmp_path / "part.parquet"
    engine._copy_carry(con, "c", path)
    encodings = dict(
        con.execute(
            "SELECT path_in_schema, string_agg(encodings, ',') FROM parquet_metadata(?) "
            "GROUP BY ALL",
            [str(path)],
        ).fetchall()
    )
    assert "DICTIONARY" not in encodings["ekey"]
    assert "DICTIONARY" not in encodings["event__patient_id"]
    assert "DICTIONARY" in encodings["event__user_id"]
    assert encodings["k"] == "DELTA_BINARY_PACKED"
    assert encodings["ekey"] == "DELTA_LENGTH_BYTE_ARRAY"
    got = con.execute("SELECT * FROM read_parquet(?) ORDER BY k", [str(path)]).fetchall()
    want = con.execute(
        "SELECT k, ekey, 'a.csv:' || line, event__user_id, event__patient_id FROM c ORDER BY k"
    ).fetchall()
    assert got == want
    arrow = pq.read_table(path).sort_by("k")
    assert arrow.column_names == ["k", "ekey", "source", "event__user_id", "event__patient_id"]
    columns = [arrow[name].to_pylist() for name in arrow.column_names]
    assert list(zip(*columns, strict=True)) == want
