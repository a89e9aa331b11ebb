"""Writes and reads of the pseudonymised event index (``access_events``).

Users and patients are keyed HMAC fingerprints (the home's fingerprint key), each in its own
domain so a user's pseudonym never equals a patient's; the console turns them back into ids
only through the site's context files. Writes are idempotent (the event key, once); reads
are the console's two questions, each served by one index: (user, time), (patient, time).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from auditor.fingerprint import Fingerprinter
from auditor.store.index_models import AccessEvent

#: (user fp, instant, key, patient fp, action, record type, source, department, role)
IndexRow = tuple[str, datetime, str, str, str, str, str, str, str]
_CHUNK = 5000
_COLUMNS = (
    "user_fp",
    "at",
    "key",
    "patient_fp",
    "action",
    "record_type",
    "source",
    "department",
    "role",
)


class Pseudonyms:
    """Fingerprints of user and patient ids for the index, memoised (ids repeat a lot)."""

    def __init__(self, fingerprinter: Fingerprinter) -> None:
        self._fp = fingerprinter
        self._memo: dict[tuple[str, str], str] = {}

    def _of(self, domain: str, value: str) -> str:
        key = (domain, value)
        out = self._memo.get(key)
        if out is None:
            if len(self._memo) > 500_000:  # bounded: a year of ids must not grow without end
                self._memo.clear()
            out = self._memo[key] = self._fp.of(f"{domain}\x1f{value}")[:32]
        return out

    def user(self, user_id: str) -> str:
        return self._of("user", user_id)

    def patient(self, patient_id: str) -> str:
        return self._of("patient", patient_id)


_SQLITE_INSERT = (
    f"INSERT INTO access_events ({', '.join(_COLUMNS)}) "
    f"VALUES ({', '.join('?' for _ in _COLUMNS)}) ON CONFLICT DO NOTHING"
)


def put_index(session: Session, rows: Iterable[IndexRow]) -> None:
    """Add events; an event already indexed (same key: a re-scan, a re-sent file) is kept.

    Sorted by the primary key first, so the B-tree is written in order. On SQLite the rows go
    to the driver's ``executemany`` as they are (the instant through the column's own bind
    processor): a scan writes one row per access, and the ORM's per-row work would cost more
    than the database's.
    """
    ordered = sorted(rows, key=lambda r: (r[0], r[1], r[2]))
    if not ordered:
        return
    dialect = session.get_bind().dialect
    if dialect.name == "sqlite":
        bind = AccessEvent.__table__.c.at.type.dialect_impl(dialect).bind_processor(dialect)
        assert bind is not None
        params = [(r[0], bind(r[1]), *r[2:]) for r in ordered]
        session.flush()
        for lo in range(0, len(params), _CHUNK):
            session.connection().exec_driver_sql(_SQLITE_INSERT, params[lo : lo + _CHUNK])
        return
    from sqlalchemy.dialects import postgresql

    stmt = postgresql.insert(AccessEvent).on_conflict_do_nothing()
    batch = [dict(zip(_COLUMNS, row, strict=True)) for row in ordered]
    for lo in range(0, len(batch), _CHUNK):
        session.execute(stmt, batch[lo : lo + _CHUNK])


def prune(session: Session, before: datetime) -> int:
    """Drop events older than ``before`` (the retention bound); how many went."""
    result: Any = session.execute(delete(AccessEvent).where(AccessEvent.at < before))
    return int(result.rowcount or 0)


@dataclass(frozen=True)
class Opener:
    """One user's accesses to one chart in a period, from the index."""

    user_fp: str
    count: int
    first: datetime
    last: datetime
    department: str
    role: str


def user_events(
    session: Session, user_fp: str, start: datetime, end: datetime, limit: int = 300
) -> list[AccessEvent]:
    """The user's indexed accesses in [start, end], oldest first."""
    stmt = (
        select(AccessEvent)
        .where(AccessEvent.user_fp == user_fp, AccessEvent.at >= start, AccessEvent.at <= end)
        .order_by(AccessEvent.at, AccessEvent.key)
        .limit(limit)
    )
    return list(session.scalars(stmt))


def chart_openers(
    session: Session, patient_fp: str, start: datetime, end: datetime, limit: int = 300
) -> list[Opener]:
    """Everyone who opened the chart in [start, end): per user, count, first and last time."""
    stmt = (
        select(
            AccessEvent.user_fp,
            func.count(),
            func.min(AccessEvent.at),
            func.max(AccessEvent.at),
            func.max(AccessEvent.department),
            func.max(AccessEvent.role),
        )
        .where(AccessEvent.patient_fp == patient_fp)
        .where(AccessEvent.at >= start, AccessEvent.at < end)
        .group_by(AccessEvent.user_fp)
        .order_by(func.min(AccessEvent.at))
        .limit(limit)
    )
    out = []
    for user_fp, n, first, last, dept, role in session.execute(stmt):
        out.append(Opener(str(user_fp), int(n), _utc(first), _utc(last), dept or "", role or ""))
    return out


def _utc(value: Any) -> datetime:
    """Aggregates bypass the column type: SQLite returns naive text or datetimes."""
    from auditor.store.models import UTCDateTime

    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    result = UTCDateTime().process_result_value(value, None)  # type: ignore[arg-type]
    assert result is not None
    return result
