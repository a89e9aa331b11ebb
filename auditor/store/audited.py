"""Distinct access events per site-local day: what "accesses audited" counts.

A scan hands each segment's events here as (key, day, explained); the key identifies the
event, not its delivery, so re-scans, re-sent files and the same events in two formats land
on the same rows. The report reads per-day counts back (``counts_by_day``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from auditor.store.models import AuditedEvent

EventKey = tuple[str, str, bool]  # (key, site-local day "YYYY-MM-DD", explained)
_CHUNK = 5000


def _insert(session: Session) -> Any:
    """The backend's INSERT (both have ON CONFLICT DO UPDATE)."""
    from sqlalchemy.dialects import postgresql, sqlite

    backend: Any = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    return backend.insert(AuditedEvent)


_SQLITE_PUT = (
    "INSERT INTO audited_events (key, day, explained, first_run_id, last_run_id) "
    "VALUES (?, ?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET "
    "explained = excluded.explained, last_run_id = excluded.last_run_id"
)


def put_events(session: Session, events: Iterable[EventKey], run_id: str) -> None:
    """Record events (idempotent): a known key keeps its first run, takes the latest verdict.

    A scan hands over one row per access, so on SQLite the rows go to the driver's
    ``executemany`` as plain tuples, sorted by key (the key's B-tree is written in order, each
    page once per call); SQLAlchemy's per-row work cost more than SQLite's own insert.
    """
    if session.get_bind().dialect.name == "sqlite":
        rows = sorted((k, d, bool(x), run_id, run_id) for k, d, x in events)
        if rows:
            session.flush()
            connection = session.connection()
            for lo in range(0, len(rows), _CHUNK):
                connection.exec_driver_sql(_SQLITE_PUT, rows[lo : lo + _CHUNK])
        return
    dicts = [
        {"key": k, "day": d, "explained": bool(x), "first_run_id": run_id, "last_run_id": run_id}
        for k, d, x in sorted(events)
    ]
    if not dicts:
        return
    stmt = _insert(session)
    stmt = stmt.on_conflict_do_update(
        index_elements=[AuditedEvent.key],
        set_={"explained": stmt.excluded.explained, "last_run_id": stmt.excluded.last_run_id},
    )
    for lo in range(0, len(dicts), _CHUNK):
        session.execute(stmt, dicts[lo : lo + _CHUNK])


def counts_by_day(session: Session, days: Sequence[str]) -> dict[str, tuple[int, int]]:
    """``{day: (distinct events, explained)}`` for the days that have any."""
    if not days:
        return {}
    explained = func.sum(case((AuditedEvent.explained, 1), else_=0))
    stmt = (
        select(AuditedEvent.day, func.count(), func.coalesce(explained, 0))
        .where(AuditedEvent.day.in_(list(days)))
        .group_by(AuditedEvent.day)
    )
    return {str(d): (int(n), int(x or 0)) for d, n, x in session.execute(stmt)}


def run_distinct(session: Session, run_id: str) -> tuple[int, int]:
    """(distinct events the run read, of which no earlier run had read)."""
    read = select(func.count()).where(AuditedEvent.last_run_id == run_id)
    new = select(func.count()).where(AuditedEvent.first_run_id == run_id)
    return int(session.scalar(read) or 0), int(session.scalar(new) or 0)
