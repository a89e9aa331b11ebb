"""The store's ``secure_delete`` (``db.SQLITE_MAIN_SECURE_DELETE``): a row deleted from the
SQLite store leaves no readable trace in the file, whatever default the linked SQLite was
built with (Debian's is on, python.org's and macOS's off)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.orm import Session

from auditor.store import db, event_index

T0 = datetime(2026, 11, 16, 9, 0, tzinfo=UTC)
MARK = "Qx7WardOfTheDeleted"


def test_a_pruned_event_leaves_no_bytes_in_the_file(tmp_path: Path) -> None:
    path = tmp_path / "auditor.db"
    engine = db.make_engine(f"sqlite:///{path}")
    db.upgrade(engine)
    rows = [
        (
            f"u{i:031d}",
            T0 + timedelta(minutes=i),
            f"k{i}",
            f"p{i:031d}",
            "view",
            "note",
            "a.csv",
            f"{MARK}{i:04d}",
            "rn",
        )
        for i in range(400)
    ]
    with Session(engine) as s, s.begin():
        event_index.put_index(s, rows)
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    assert MARK.encode() in path.read_bytes()  # the rows reached the file
    with Session(engine) as s, s.begin():
        assert event_index.prune(s, T0 + timedelta(days=1)) == 400
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        assert MARK.encode() not in path.read_bytes()
        assert conn.execute(text("PRAGMA main.secure_delete")).scalar() == 1
