"""The store on SQLite and a real PostgreSQL: migrations, upserts, timestamps, triage."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from auditor.findings import AccessFinding
from auditor.store import db, repo
from auditor.store.models import Base, Finding, FindingStatus, RunStatus


@pytest.fixture()
def engine(db_url: str, home: Path):  # type: ignore[no-untyped-def]
    home.mkdir(parents=True, exist_ok=True)
    eng = db.make_engine(db_url)
    yield eng
    eng.dispose()


def test_migrations_match_models_and_downgrade(engine) -> None:  # type: ignore[no-untyped-def]
    db.upgrade(engine)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == [], diff
    db.downgrade(engine, "base")
    assert "findings" not in inspect(engine).get_table_names()
    db.upgrade(engine)
    assert {"findings", "daemon_instances", "api_tokens"} <= set(inspect(engine).get_table_names())


def test_fresh_database_shortcut_matches_models(engine) -> None:  # type: ignore[no-untyped-def]
    """A new database is created from the models and stamped (no migration replay)."""
    assert db.upgrade_if_needed(engine)
    assert db.current_revisions(engine) == db.head_revisions()
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == [], diff
    assert not db.upgrade_if_needed(engine)
    db.downgrade(engine, "base")  # and it migrates like a migrated one
    assert "findings" not in inspect(engine).get_table_names()


def test_upsert_idempotent_and_history(engine) -> None:  # type: ignore[no-untyped-def]
    db.upgrade(engine)
    sessions = db.session_factory(engine)
    when = datetime(2026, 3, 2, 23, 30, tzinfo=UTC)
    findings = [
        AccessFinding("ACC-X-001", "after_hours", "low", f"E{i}", "U1", "P1", when, "x")
        for i in range(1200)
    ]
    with db.transaction(sessions) as s:
        run = repo.create_run(s, "access-logs", "t")
        assert repo.upsert_findings(s, findings, run.id) == (1200, 0)
        repo.finish_run(s, run.id, status=RunStatus.DONE)
    with db.transaction(sessions) as s:
        assert repo.upsert_findings(s, findings, None) == (0, 1200)
        assert repo.count_findings(s) == 1200
        first = s.query(Finding).order_by(Finding.id).first()
        assert first is not None and first.event_time == when  # tz-aware UTC round trip
        repo.set_finding_status(s, first.id, FindingStatus.CONFIRMED, "po", "seen")
    with db.transaction(sessions) as s:
        again = s.get(Finding, first.id)
        assert again is not None and [h.new_status for h in again.history] == ["confirmed"]
