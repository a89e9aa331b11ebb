"""A scan writer's TEMP stages on SQLite (``db.SQLITE_TEMP_CACHE_KIB``, the TEMP database's
``secure_delete``): a stage of a few MiB stays in the connection's memory instead of going
through SQLite's temp files, and emptying a merged stage writes no page it frees (before,
each freed page's original went to the TEMP journal and zeros over it). The bytes are the
thread's write system calls (Linux's ``/proc/thread-self/io``): inside a transaction, with
the store's 64 MiB cache, nothing but TEMP files is written before the commit."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from auditor.findings import AccessFinding
from auditor.store import db, repo
from auditor.store import finding_rows as fr

_IO = Path("/proc/thread-self/io")
pytestmark = pytest.mark.skipif(not _IO.exists(), reason="needs Linux's per-thread I/O counts")
MiB = 2**20
SEEN = datetime(2026, 3, 2, 9, tzinfo=UTC)


def _written() -> int:
    """Bytes this thread has handed to write system calls so far."""
    fields = dict(line.split(": ") for line in _IO.read_text().splitlines())
    return int(fields["wchar"])


def _rows(n: int) -> list[fr.Row]:
    """``n`` access findings of ~1 KiB each (an explanation as long as the scan's longest)."""
    when = datetime(2024, 3, 5, 19, 48, 25, tzinfo=UTC)
    findings = [
        AccessFinding(
            "ACC-X-001",
            "no_treatment_relationship",
            "medium",
            f"E{i:09d}",
            f"U{i % 97:06d}",
            f"P{i:08d}",
            when + timedelta(seconds=i),
            f"opened record {i} " + "x" * 900,
            source=f"log.csv:{i}",
        )
        for i in range(n)
    ]
    return [fr.access_row(fr.as_access_row(f), None, SEEN) for f in findings]


@pytest.fixture()
def engine(tmp_path: Path) -> Engine:
    eng = db.make_engine(f"sqlite:///{tmp_path / 'auditor.db'}")
    db.upgrade(eng)
    return eng


def test_a_stage_of_a_few_mib_stays_in_memory(engine: Engine) -> None:
    rows = _rows(6000)  # ~7 MiB staged: more than SQLite's default TEMP cache of 2 MiB
    with engine.connect() as conn:  # one connection, as the writer's
        before = _written()
        for lo in range(0, len(rows), 1000):  # a transaction a batch, as the writer stages
            with Session(bind=conn) as s, s.begin():
                repo.stage_prepared(s, fr.prepare(conn.dialect, rows[lo : lo + 1000], SEEN))
        staged = _written() - before
        with Session(bind=conn) as s, s.begin():
            assert repo.merge_staged_findings(s) == len(rows)
    engine.dispose()
    # Each transaction journals the TEMP pages it finds (the stage's root and last page): ~1
    # MiB here; the stage went to temp files as well before (9 MiB).
    assert staged < 2 * MiB, f"{staged / MiB:.1f} MiB of the stage written to temp files"


def test_emptying_a_merged_stage_writes_no_freed_page(engine: Engine) -> None:
    rows = _rows(6000)
    with engine.connect() as conn:
        # A stage larger than the TEMP cache (as at 10M events): 2 MiB of cache here.
        conn.exec_driver_sql("PRAGMA temp.cache_size=-2000")
        with Session(bind=conn) as s, s.begin():
            repo.stage_prepared(s, fr.prepare(conn.dialect, rows, SEEN))
        with Session(bind=conn) as s, s.begin():
            # The merge's own statement journal (``findings`` was empty: none) and the stage
            # read back; what ``DELETE`` writes is what this measures.
            before = _written()
            assert repo.merge_staged_findings(s) == len(rows)
            emptied = _written() - before  # before the commit: the store's WAL is not written
    engine.dispose()
    assert emptied < 1 * MiB, f"{emptied / MiB:.1f} MiB written while merging the stage"  # 8


def test_the_main_database_keeps_the_builds_secure_delete(engine: Engine) -> None:
    build = sqlite3.connect(":memory:").execute("PRAGMA secure_delete").fetchone()[0]
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA main.secure_delete").scalar_one() == build
        assert conn.exec_driver_sql("PRAGMA temp.secure_delete").scalar_one() == 2  # FAST
        cache = conn.exec_driver_sql("PRAGMA temp.cache_size").scalar_one()
        assert cache == -db.SQLITE_TEMP_CACHE_KIB
    engine.dispose()


def test_the_wal_is_checkpointed_every_4_mib(tmp_path: Path) -> None:
    """``db.SQLITE_WAL_AUTOCHECKPOINT``: SQLite's 4 MiB between checkpoints, not 1,000 of the
    store's 64 KiB pages (64 MiB), however many small transactions the console commits."""
    engine = db.make_engine(f"sqlite:///{tmp_path / 'auditor.db'}")
    wal = tmp_path / "auditor.db-wal"
    peak = 0
    with engine.connect() as conn:
        conn.exec_driver_sql("CREATE TABLE blobs (b BLOB)")
        conn.commit()
        for _ in range(24):  # 24 MiB in transactions of 1 MiB
            conn.exec_driver_sql(
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 16) "
                "INSERT INTO blobs SELECT randomblob(65000) FROM n"
            )
            conn.commit()
            peak = max(peak, wal.stat().st_size)
    engine.dispose()
    assert peak < 8 * MiB, f"the WAL grew to {peak / MiB:.0f} MiB"
