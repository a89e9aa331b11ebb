"""The findings' unique key is (event day, identity) (migration 0006): a key that a log's
findings, in time order, fill near one another instead of at random. The day is the access
finding's event's UTC day (a PHI finding's 0), the same from Python and from the migration's
SQL; a store migrated from 0005 keeps every row, id and referencing row, and a finding seen
again after the migration meets its row; on SQLite and on a real PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import Column, Engine, MetaData, Table, insert, inspect, select, text

from auditor.findings import AccessFinding, PhiFinding
from auditor.store import db, repo
from auditor.store import finding_rows as fr
from auditor.store.models import Finding, FindingHistory
from tests.store.pg import fresh_database

# Around midnight UTC, in another offset, before 1970, a leap day, microseconds.
INSTANTS = [
    datetime(2024, 3, 4, 23, 59, 59, 999999, tzinfo=UTC),
    datetime(2024, 3, 5, 0, 0, tzinfo=UTC),
    datetime(2024, 3, 4, 20, 30, tzinfo=timezone(timedelta(hours=-5))),
    datetime(1969, 12, 31, 23, 0, 1, tzinfo=UTC),
    datetime(1970, 1, 1, tzinfo=UTC),
    datetime(2028, 2, 29, 12, 0, 0, 120034, tzinfo=UTC),
]


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'auditor.db'}"
        return
    with fresh_database() as pg:
        yield pg


def _findings(tag: str = "") -> list[AccessFinding | PhiFinding]:
    out: list[AccessFinding | PhiFinding] = [
        AccessFinding(
            "ACC-X-001",
            "after_hours",
            "low",
            f"{tag}E{i}",
            "U1",
            "P1",
            at,
            "opened at night",
            source=f"log.csv:{i}",
            fingerprint=f"{i:064x}",
        )
        for i, at in enumerate(INSTANTS)
    ]
    out.append(PhiFinding(f"{tag}note.txt", "PERSON", 3, 11, 0.85, "ab" * 32, {"row": 2}))
    return out


def test_event_day_is_the_utc_day() -> None:
    want = [19786, 19787, 19787, -1, 0, 21243]
    assert [fr.event_day(at) for at in INSTANTS] == want
    with pytest.raises(ValueError):
        fr.event_day(datetime(2024, 3, 4))


def test_the_unique_key_leads_with_the_day(url: str) -> None:
    """The upsert's conflict target, and the only unique key besides the id: a key led by
    the random identity (the old one) fails this."""
    engine = db.make_engine(url)
    try:
        db.upgrade(engine)
        found = inspect(engine)
        uniques = {tuple(u["column_names"]) for u in found.get_unique_constraints("findings")}
        uniques |= {tuple(i["column_names"]) for i in found.get_indexes("findings") if i["unique"]}
        assert uniques == {("event_day", "identity")}
        assert "ON CONFLICT (event_day, identity)" in fr.UPSERT_TAIL
    finally:
        engine.dispose()


def _rows(engine: Engine) -> list[tuple[object, ...]]:
    c = Finding.__table__.c
    with db.transaction(db.session_factory(engine)) as s:
        query = select(c.id, c.identity, c.kind, c.event_time, c.last_seen, c.last_run_id)
        return [tuple(r) for r in s.execute(query.order_by(c.id))]


def test_a_store_migrated_from_0005_keeps_its_rows_and_meets_them_again(url: str) -> None:
    """Findings stored before the migration (with history and case links referencing
    them) keep their ids and references; each access row's day is ``event_day`` of its
    instant; sighting them again after it moves their last run and adds no row; a
    downgrade and upgrade again leave the same."""
    engine = db.make_engine(url)
    sessions = db.session_factory(engine)
    first = datetime(2026, 3, 2, 9, tzinfo=UTC)
    try:
        db.upgrade(engine, "0005")
        with db.transaction(sessions, clock=lambda: first) as s:
            run = repo.create_run(s, "access-logs", "t").id
            # 0005's findings: its columns (no day).
            rows = [
                fr.access_row(fr.as_access_row(f), run, first)
                if isinstance(f, AccessFinding)
                else fr.phi_row(f, f.identity, run, first)
                for f in _findings()
            ]
            columns = fr.INSERT_COLUMNS[: fr.DAY]
            old = Table(
                "findings",
                MetaData(),
                *(Column(c.name, c.type) for c in Finding.__table__.c if c.name != "event_day"),
            )
            s.execute(insert(old), [dict(zip(columns, row, strict=False)) for row in rows])
            ids = [i for (i,) in s.execute(text("SELECT id FROM findings ORDER BY id"))]
            for i in ids:
                s.execute(
                    text(
                        "INSERT INTO finding_history (finding_id, at, actor, old_status, "
                        "new_status, note) VALUES (:f, :at, 'me', 'open', 'confirmed', '')"
                    ),
                    {"f": i, "at": first},
                )
        before = _rows(engine)
        db.upgrade(engine)
        assert _rows(engine) == before
        with db.transaction(sessions) as s:
            days = {f.identity: f.event_day for f in s.scalars(select(Finding))}
            assert s.scalar(select(FindingHistory.id).limit(1)) is not None
            assert len(s.scalars(select(FindingHistory)).all()) == len(before)
        want = {
            f.identity: fr.event_day(f.timestamp) if isinstance(f, AccessFinding) else 0
            for f in _findings()
        }
        assert days == want
        later = first + timedelta(days=3)
        for _ in range(2):
            with db.transaction(sessions, clock=lambda: later) as s:
                run2 = repo.create_run(s, "access-logs", "t2").id
                n = len(_findings())
                assert repo.upsert_findings(s, _findings(), run2) == (0, n)
                assert repo.upsert_findings(s, _findings("new"), run2) == (n, 0)
            after = _rows(engine)
            assert [r[:4] for r in after[: len(before)]] == [r[:4] for r in before]
            assert {r[4:] for r in after} == {(later, run2)}
            assert len(after) == 2 * len(before)
            db.downgrade(engine, "0005")
            with engine.connect() as conn:
                assert "event_day" not in {c["name"] for c in inspect(conn).get_columns("findings")}
            with db.transaction(sessions) as s:
                s.execute(text("DELETE FROM findings WHERE event_id LIKE 'new%'"))
                s.execute(text("DELETE FROM findings WHERE source LIKE 'new%'"))
                assert len(s.scalars(select(FindingHistory)).all()) == len(before)
            db.upgrade(engine)
    finally:
        engine.dispose()
