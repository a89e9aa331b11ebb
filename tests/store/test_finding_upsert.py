"""The findings upsert's one set-based statement (a JSON text of the rows) stores exactly what
the ORM's row-by-row insert stores, counts new and known findings alike, and moves only
``last_seen``/``last_run_id`` of known ones: on SQLite and on a real PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from auditor.findings import AccessFinding, PhiFinding
from auditor.store import db, repo
from auditor.store import finding_rows as fr
from auditor.store.models import Finding
from tests.store.pg import fresh_database


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """A migrated store: a SQLite file, or a fresh PostgreSQL database dropped afterwards."""
    if request.param == "sqlite":
        eng = db.make_engine(f"sqlite:///{tmp_path / 'auditor.db'}")
        db.upgrade(eng)
        yield eng
        eng.dispose()
        return
    with fresh_database() as url:
        eng = db.make_engine(url)
        try:
            db.upgrade(eng)
            yield eng
        finally:
            eng.dispose()


def _findings(tag: str) -> list[AccessFinding | PhiFinding]:
    when = datetime(2024, 3, 5, 19, 48, 25, 120034, tzinfo=UTC)
    out: list[AccessFinding | PhiFinding] = [
        AccessFinding(
            "ACC-X-001",
            "after_hours",
            "low",
            f"{tag}E{i}",
            "U'1\"",
            "Pé Łukasz ✓",
            when + timedelta(seconds=i),
            f"opened {i} \\ at 'night'",
            explained=i % 2 == 0,
            source=f"log.csv:{i}",
        )
        for i in range(300)
    ]
    out.append(PhiFinding(f"{tag}note.txt", "PERSON", 3, 11, 0.85, "ab" * 32, {"row": 2}))
    out.append(PhiFinding(f"{tag}note.txt", "DATE", 20, 30, 1.0, "cd" * 32))
    return out


_COLUMNS = [c for c in fr.INSERT_COLUMNS if c not in ("first_run_id", "last_run_id")]


def _stored(engine: Engine) -> dict[str, tuple[object, ...]]:
    with db.transaction(db.session_factory(engine)) as s:
        rows = s.scalars(select(Finding)).all()
        return {
            f.identity: (*(getattr(f, c) for c in _COLUMNS), f.first_run_id is None) for f in rows
        }


def test_bulk_upsert_stores_what_the_orm_stores(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    sessions = db.session_factory(engine)
    first = datetime(2026, 3, 2, 9, tzinfo=UTC)
    later = first + timedelta(hours=5)
    with db.transaction(sessions, clock=lambda: first) as s:
        run = repo.create_run(s, "access-logs", "t")
        assert repo.upsert_findings(s, _findings("a"), run.id) == (302, 0)
    with monkeypatch.context() as m:  # the ORM's path, as on a backend without ON CONFLICT
        m.setattr(fr, "bulk_upsert", lambda _dialect: None)
        with db.transaction(sessions, clock=lambda: first) as s:
            assert repo.upsert_findings(s, _findings("b"), run.id) == (302, 0)
    stored = _stored(engine)
    bulk = {k: v for k, v in stored.items() if k in {f.identity for f in _findings("a")}}
    orm = {k: v for k, v in stored.items() if k in {f.identity for f in _findings("b")}}
    assert len(bulk) == len(orm) == 302

    def without_ids(rows: dict[str, tuple[object, ...]]) -> list[tuple[object, ...]]:
        # identity, location, source and event_id carry the tag; the rest must be equal
        keep = [i for i, c in enumerate(_COLUMNS) if c not in ("identity", "location", "source")]
        keep = [i for i in keep if _COLUMNS[i] != "event_id"]
        return sorted((tuple(v[i] for i in keep) for v in rows.values()), key=repr)

    assert without_ids(bulk) == without_ids(orm)
    when = [v[_COLUMNS.index("event_time")] for v in bulk.values()]
    assert all(t is None or t.tzinfo is not None for t in when)
    assert datetime(2024, 3, 5, 19, 48, 25, 120034, tzinfo=UTC) in when  # microseconds kept

    # Known findings (and a repeat within one batch): only last_seen and the run move.
    again = [*_findings("a")[:10], *_findings("a")[:10], *_findings("c")[:5]]
    with db.transaction(sessions, clock=lambda: later) as s:
        run2 = repo.create_run(s, "access-logs", "t2")
        assert repo.upsert_findings(s, again, run2.id) == (5, 10)
    with db.transaction(sessions) as s:
        moved = {
            f.identity: f
            for f in s.scalars(select(Finding).where(Finding.last_run_id == run2.id)).all()
        }
        assert len(moved) == 15
        for f in moved.values():
            assert f.last_seen == later
            known = f.identity in bulk
            assert f.first_seen == (first if known else later)
            assert f.first_run_id == (run.id if known else run2.id)
    with db.transaction(sessions) as s:
        assert repo.upsert_findings(s, [], None) == (0, 0)
        assert repo.count_findings(s) == 302 * 2 + 5


def test_sqlite_instant_text_is_the_bind_processors() -> None:
    """The bulk statement's own formatting of an instant (one C call) writes the same text
    as the column's bind processor (``UTCDateTime`` then SQLAlchemy's SQLite format), for
    any offset, microseconds or none, and refuses a naive datetime alike."""
    from datetime import timezone

    from sqlalchemy.dialects import sqlite

    dialect = sqlite.dialect()
    proc = Finding.__table__.c["event_time"].type.dialect_impl(dialect).bind_processor(dialect)
    assert proc is not None
    bulk = fr.BulkUpsert(dialect)
    assert any(spec is not None and spec[0] is fr._sqlite_utc_text for spec in bulk.procs)
    base = datetime(2024, 3, 5, 19, 48, 25, tzinfo=UTC)
    for minutes in (-600, -330, 0, 45, 840):
        tz = timezone(timedelta(minutes=minutes))
        for micro in (0, 1, 120034, 999999):
            value = (base + timedelta(microseconds=micro)).astimezone(tz)
            assert fr._sqlite_utc_text(value) == proc(value)
    with pytest.raises(ValueError):
        fr._sqlite_utc_text(datetime(2024, 3, 5))
    with pytest.raises(ValueError):
        proc(datetime(2024, 3, 5))


def test_utc_instants_take_the_fast_paths_with_the_same_results() -> None:
    """A UTC instant (the scan's: ``datetime.fromisoformat`` of DuckDB's text gives
    ``datetime.UTC``) is formatted and given its day from its own fields; any other offset
    goes through ``astimezone`` and a ``timedelta``: the same text and day either way, from
    year 1 to 9999, before 1970 too, at every microsecond form."""
    from datetime import timezone

    from sqlalchemy.dialects import sqlite

    dialect = sqlite.dialect()
    proc = Finding.__table__.c["event_time"].type.dialect_impl(dialect).bind_processor(dialect)
    assert proc is not None
    epoch = datetime(1970, 1, 1, tzinfo=UTC)
    assert datetime.fromisoformat("2024-03-09T06:17:45+00:00").tzinfo is UTC
    stamps = [
        datetime(1, 1, 1, tzinfo=UTC),
        datetime(5, 1, 2, 3, 4, 5, 6, tzinfo=UTC),
        datetime(999, 12, 31, 23, 59, 59, 999999, tzinfo=UTC),
        datetime(1969, 12, 31, 23, 59, 59, 999999, tzinfo=UTC),
        datetime(1970, 1, 1, tzinfo=UTC),
        datetime(2024, 3, 9, 6, 17, 45, tzinfo=UTC),
        datetime(2024, 2, 29, 0, 0, 0, 1, tzinfo=UTC),
        datetime(9999, 12, 31, 23, 59, 59, 999999, tzinfo=UTC),
    ]
    stamps += [epoch + timedelta(seconds=s * 7919.123457) for s in range(-300, 300)]
    for value in stamps:
        assert value.tzinfo is UTC
        text = fr._sqlite_utc_text(value)
        assert text == value.isoformat(" ", "microseconds")[:26] == proc(value)
        assert fr.event_day(value) == (value - epoch) // timedelta(days=1)
        # The same instant at another offset: the slow paths, the same answers.
        other = value.astimezone(timezone(timedelta(hours=-5))) if value.year > 1 else value
        assert fr._sqlite_utc_text(other) == text
        assert fr.event_day(other) == fr.event_day(value)


def test_rows_keep_their_values_and_order_directly_and_staged(tmp_path: Path) -> None:
    """SQLite reads each row's fields from its array's text, made once a row
    (``_SQLITE_ROWS``): every value comes back as bound (quotes, backslashes, control and
    non-Latin characters, digits-only text, the verdict), and new rows take ids in the
    batch's order, upserted directly or staged and merged."""
    from sqlalchemy import text

    findings = [
        AccessFinding(
            f"ACC-{i % 3}",
            ["after_hours", "vip_access", 'q"uote'][i % 3],
            ["low", "high"][i % 2],
            f"E{(i * 7919) % 5003:05d}",  # ids not in the rows' order
            f"00{i % 11}",
            ["Pé Łukasz ✓", "a\\b", "tab\there", "nl\nx", '"[1,2]"', "\u2028"][i % 6],
            datetime(2024, 3, 5, tzinfo=UTC) + timedelta(seconds=37 * i, microseconds=i),
            f"opened {i} \\ at 'night' {{json}} [x]",
            explained=i % 5 == 0,
            source=f"log.csv:{i}",
        )
        for i in range(3000)
    ]
    seen = datetime(2026, 3, 2, 9, tzinfo=UTC)
    rows = [fr.access_row(fr.as_access_row(f), None, seen) for f in findings]
    engine = db.make_engine(f"sqlite:///{tmp_path / 'auditor.db'}")
    db.upgrade(engine)
    sessions = db.session_factory(engine)
    with db.transaction(sessions) as s:
        prepared = fr.prepare(s.get_bind().dialect, rows[:1000], seen)
        assert repo.upsert_prepared(s, prepared, None) == (1000, 0)
    with db.transaction(sessions) as s:  # (new, known): half of it stored already
        prepared = fr.prepare(s.get_bind().dialect, rows[500:1500], seen)
        assert repo.upsert_prepared(s, prepared, None) == (500, 500)
    # On one connection, as the writer's (its stage is a TEMP table).
    with engine.connect() as conn, db.transaction(db.session_factory(conn)) as s:
        for lo in (1500, 2200):
            repo.stage_prepared(s, fr.prepare(conn.dialect, rows[lo : lo + 700], seen))
        repo.stage_prepared(s, fr.prepare(conn.dialect, rows[2900:], seen))
        assert repo.merge_staged_findings(s) == 1500
    names = ", ".join(f'"{c}"' for c in fr.INSERT_COLUMNS)
    with engine.connect() as conn:
        stored = conn.execute(text(f"SELECT {names} FROM findings ORDER BY id")).all()
    bulk = fr.bulk_upsert(engine.dialect)
    assert bulk is not None
    want = []
    for row in rows:  # the driver's values: each column's bind processor's
        out = []
        for value, spec in zip(row, bulk.procs, strict=True):
            out.append(value if spec is None or value is None else spec[0](value))
        want.append(tuple(out))
    assert [tuple(r) for r in stored] == want
    engine.dispose()
