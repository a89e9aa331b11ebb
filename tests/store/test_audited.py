"""Distinct audited events: counted once however often delivered, per day and per run, on
SQLite and PostgreSQL, and an existing store's rows carried over by the migration."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from sqlalchemy import text

from auditor.context import AppContext
from auditor.store import audited, db
from tests.store.pg import fresh_database


def _key(name: str) -> str:
    return hashlib.md5(name.encode()).hexdigest()


A, B, C = _key("a"), _key("b"), _key("c")


def test_events_count_once_however_often_delivered(actx: AppContext) -> None:
    with actx.transaction() as s:
        audited.put_events(s, [(A, "2026-11-16", False), (B, "2026-11-16", True)], "r1")
    with actx.transaction() as s:  # a re-scan, and the same events in another format
        audited.put_events(s, [(A, "2026-11-16", True), (B, "2026-11-16", True)], "r2")
        audited.put_events(s, [(C, "2026-11-17", False), (A, "2026-11-16", True)], "r2")
    with actx.transaction() as s:
        assert audited.counts_by_day(s, ["2026-11-16", "2026-11-17", "2026-11-18"]) == {
            "2026-11-16": (2, 2),  # the latest verdict on "a" (explained by new context)
            "2026-11-17": (1, 0),
        }
        assert audited.counts_by_day(s, ["2026-11-17"]) == {"2026-11-17": (1, 0)}
        assert audited.run_distinct(s, "r1") == (2, 2)
        assert audited.run_distinct(s, "r2") == (3, 1)  # "a" twice in r2: read once
        assert audited.run_distinct(s, "never") == (0, 0)
        assert audited.counts_by_day(s, []) == {}
        assert set(audited.stored_keys(s)) == {A, B, C}


def test_an_event_read_under_another_timezone_stays_on_its_first_day(actx: AppContext) -> None:
    """The site's timezone changed between scans: the same event's local day moved by one;
    it is still one event, counted on the day it was first counted."""
    with actx.transaction() as s:
        audited.put_events(s, [(A, "2026-11-16", False)], "r1")
    with actx.transaction() as s:
        audited.put_events(s, [(A, "2026-11-17", True), (B, "2026-11-15", False)], "r2")
    with actx.transaction() as s:
        assert audited.counts_by_day(s, ["2026-11-15", "2026-11-16", "2026-11-17"]) == {
            "2026-11-15": (1, 0),
            "2026-11-16": (1, 1),
        }
        assert audited.run_distinct(s, "r2") == (2, 1)


def test_scan_form_json_goes_straight_in(actx: AppContext) -> None:
    """The DuckDB scan hands one JSON object per segment: {"key": day number * 2 + explained}."""
    day = audited.day_number("2026-11-16")
    assert audited.day_text(day) == "2026-11-16"
    with actx.transaction() as s:
        scan_form = f'{{"{A}":{day * 2 + 1},"{B}":{(day + 1) * 2}}}'
        assert audited.readable(scan_form) == [(A, "2026-11-16", True), (B, "2026-11-17", False)]
        assert audited.as_json(audited.readable(scan_form)) == scan_form
        audited.put_events(s, scan_form, "r1", "UTC")
        audited.put_events(s, [(A, "2026-11-16", False)], "r1", "UTC")  # readable form too
        audited.put_events(s, "{}", "r1", "UTC")
        audited.put_events(s, "[]", "r1", "UTC")  # an earlier version's empty form
        assert audited.counts_by_day(s, ["2026-11-16", "2026-11-17"]) == {
            "2026-11-16": (1, 1),  # the run's first verdict: a run reads an event once
            "2026-11-17": (1, 0),
        }
        assert audited.run_distinct(s, "r1") == (2, 2)


def test_timezone_known_and_unchanged_skips_the_neighbour_lookup(actx: AppContext) -> None:
    """Every run in one timezone: the same event has the same day, looked up there alone."""
    with actx.transaction() as s:
        audited.put_events(s, [(A, "2026-11-16", False)], "r1", "Europe/Paris")
        audited.put_events(
            s, [(A, "2026-11-16", True), (B, "2026-11-17", False)], "r2", "Europe/Paris"
        )
        assert audited.run_distinct(s, "r2") == (2, 1)
        audited.put_events(s, [(A, "2026-11-17", True)], "r3", "UTC")  # another timezone
        assert audited.run_distinct(s, "r3") == (1, 0)
        assert audited.counts_by_day(s, ["2026-11-16", "2026-11-17"]) == {
            "2026-11-16": (1, 1),
            "2026-11-17": (1, 0),
        }


def test_migration_keeps_an_existing_stores_events(tmp_path: Path) -> None:
    """A store at revision 0004 (hex keys, day text, run ids) upgrades with every event, its
    verdict and its runs' counts; and downgrades back to the same rows."""
    engine = db.make_engine(f"sqlite:///{tmp_path / 'm.db'}")
    db.upgrade(engine, "0004")
    old = [
        (A, "2026-11-16", 0, "run-1", "run-2"),
        (B, "2026-11-16", 1, "run-1", "run-1"),
        (C, "2026-11-17", 1, "run-2", "run-2"),
    ]
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO audited_events (key, day, explained, first_run_id, last_run_id) "
                "VALUES (:k, :d, :x, :f, :l)"
            ),
            [dict(zip("kdxfl", row, strict=True)) for row in old],
        )
        conn.execute(  # run-1's own record says which timezone its days are in
            text(
                "INSERT INTO scan_runs (id, kind, source, status, trigger, requested_by, "
                "params, requested_at, records_read, records_processed, records_quarantined, "
                "findings_count, summary, error) VALUES ('run-1', 'access_logs', '', 'done', "
                "'cli', '', '{\"timezone\": \"Europe/Paris\"}', '2026-11-20 00:00:00', "
                "0, 0, 0, 0, '{}', '')"
            )
        )
    db.upgrade(engine)
    with engine.connect() as conn:
        zones = dict(conn.execute(text("SELECT run_id, timezone FROM audited_runs")).all())
    assert zones == {"run-1": "Europe/Paris", "run-2": ""}
    from sqlalchemy.orm import Session

    with Session(engine) as s:
        assert audited.counts_by_day(s, ["2026-11-16", "2026-11-17"]) == {
            "2026-11-16": (2, 1),
            "2026-11-17": (1, 1),
        }
        assert audited.run_distinct(s, "run-1") == (1, 2)  # as the old table counted it
        assert audited.run_distinct(s, "run-2") == (2, 1)
        audited.put_events(s, [(A, "2026-11-16", True), (_key("d"), "2026-11-16", False)], "r3")
        assert audited.run_distinct(s, "r3") == (2, 1)  # the migrated "a" is known
        s.commit()
    db.downgrade(engine, "0004")
    with engine.connect() as conn:
        rows = set(conn.execute(text("SELECT key, day, explained FROM audited_events")))
    assert rows == {(A, "2026-11-16", 1), (B, "2026-11-16", 1), (C, "2026-11-17", 1)} | {
        (_key("d"), "2026-11-16", 0)
    }


def test_scan_form_keeps_days_before_1970_and_repeated_keys(actx: AppContext) -> None:
    """A day number below zero comes back from its member's integer (SQLite's shift and
    mask are arithmetic), and a key given twice stays twice, as one event after another."""
    given = [(A, "1969-12-31", True), (B, "1969-12-30", False), (A, "1969-12-31", False)]
    form = audited.as_json(given)
    assert audited.count(form) == 3
    assert sorted(audited.readable(form)) == sorted(given)
    with actx.transaction() as s:
        audited.put_events(s, form, "r1", "UTC")
        assert audited.counts_by_day(s, ["1969-12-30", "1969-12-31"]) == {
            "1969-12-30": (1, 0),
            "1969-12-31": (1, 0),  # the first in the text's (day, key, explained) order
        }
        assert audited.run_distinct(s, "r1") == (2, 2)


@pytest.mark.postgres
def test_same_counts_on_postgresql(tmp_path: Path) -> None:
    with fresh_database() as url:
        engine = db.make_engine(url)
        db.upgrade(engine, "0004")
        with engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO audited_events (key, day, explained, first_run_id, "
                    "last_run_id) VALUES (:k, '2026-11-16', false, 'run-1', 'run-1')"
                ),
                {"k": A},
            )
        db.upgrade(engine)
        from sqlalchemy.orm import Session

        with Session(engine) as s:
            audited.put_events(s, [(A, "2026-11-16", True), (B, "2026-11-17", False)], "r2")
            audited.put_events(s, [(C, "2026-11-15", False), (B, "2026-11-17", False)], "r2")
            audited.put_events(s, [(C, "1969-12-31", True)], "r3")  # a day number below 0
            s.commit()
        with Session(engine) as s:
            assert audited.counts_by_day(s, ["2026-11-15", "2026-11-16", "2026-11-17"]) == {
                "2026-11-15": (1, 0),
                "2026-11-16": (1, 1),
                "2026-11-17": (1, 0),
            }
            assert audited.run_distinct(s, "r2") == (3, 2)
            assert audited.run_distinct(s, "run-1") == (1, 1)
            assert audited.counts_by_day(s, ["1969-12-31"]) == {"1969-12-31": (1, 1)}
            s.execute(text("DELETE FROM audited_events WHERE day < 0"))
            s.commit()
        db.downgrade(engine, "0004")
        with engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM audited_events")).scalar() == 3
        engine.dispose()
