from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, inspect, text

from auditor.store import db
from auditor.store.models import Base


def test_upgrade_from_empty_matches_models(tmp_path: Path) -> None:
    engine = db.make_engine(f"sqlite:///{tmp_path / 'm.db'}")
    db.upgrade(engine)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == [], f"models and migrations disagree: {diff}"


def test_fresh_database_shortcut_equals_migrating(tmp_path: Path) -> None:
    """``upgrade_if_needed`` creates a new database from the models and stamps it: the
    schema must be exactly what the migrations build (tables, indexes, constraints)."""
    fast = db.make_engine(f"sqlite:///{tmp_path / 'fast.db'}")
    slow = db.make_engine(f"sqlite:///{tmp_path / 'slow.db'}")
    assert db.upgrade_if_needed(fast)
    db.upgrade(slow)

    def schema(engine: Engine) -> dict[str, object]:
        """Per table: columns, indexes (name, unique, columns) and foreign keys, as SQLite
        reports them (the DDL text differs only in the order constraints are listed)."""
        out: dict[str, object] = {}
        with engine.connect() as conn:
            run = conn.exec_driver_sql
            tables = [r[0] for r in run("SELECT name FROM sqlite_master WHERE type='table'")]
            for t in tables:
                indexes = sorted(
                    (
                        "auto" if name.startswith("sqlite_autoindex") else name,
                        unique,
                        tuple(c[2] for c in run(f"PRAGMA index_info('{name}')")),
                    )
                    for _, name, unique, *_ in run(f"PRAGMA index_list('{t}')")
                )
                out[t] = (
                    list(run(f"PRAGMA table_info('{t}')")),
                    indexes,
                    # (without each key's ordinal: a rebuilt table lists its keys in an
                    # order that varies from run to run, and the order means nothing)
                    sorted(tuple(fk[1:]) for fk in run(f"PRAGMA foreign_key_list('{t}')")),
                )
        return out

    assert schema(fast) == schema(slow)
    assert db.current_revisions(fast) == db.current_revisions(slow) == db.head_revisions()
    with fast.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []
    db.downgrade(fast, "-1")  # a stamped database migrates like any other
    db.upgrade(fast)


def test_downgrade_one_step_and_back(tmp_path: Path) -> None:
    engine = db.make_engine(f"sqlite:///{tmp_path / 'm.db'}")
    db.upgrade(engine)
    db.downgrade(engine, "-1")
    db.upgrade(engine)
    assert "findings" in inspect(engine).get_table_names()


def test_sqlite_pragmas(tmp_path: Path) -> None:
    engine = db.make_engine(f"sqlite:///{tmp_path / 'm.db'}")
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1


def test_head_read_from_files_matches_alembic() -> None:
    """The fast path's reading of the versions folder must agree with Alembic itself."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(db.alembic_config("sqlite://"))
    assert db.head_revisions() == frozenset(script.get_heads())


def test_upgrade_if_needed_runs_once(tmp_path: Path) -> None:
    engine = db.make_engine(f"sqlite:///{tmp_path / 'm.db'}")
    assert db.upgrade_if_needed(engine) is True  # new database: migrated
    assert db.upgrade_if_needed(engine) is False  # at head: Alembic not run
    db.downgrade(engine, "base")
    assert db.upgrade_if_needed(engine) is True  # behind: migrated again
    assert "findings" in inspect(engine).get_table_names()
