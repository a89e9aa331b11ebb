"""Writes and reads of the pseudonymised event index (``access_events``).

Users and patients are keyed HMAC fingerprints (the home's fingerprint key), each in its own
domain so a user's pseudonym never equals a patient's; the console turns them back into ids
only through the site's context files. Writes are idempotent (the event key, once); reads
are the console's two questions, each served by one index: (user, time), (patient, time).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from auditor.fingerprint import Fingerprinter
from auditor.store.index_models import AccessEvent

#: (user fp, instant, key, patient fp, action, record type, source, department, role)
IndexRow = tuple[str, datetime, str, str, str, str, str, str, str]
#: The same with the instant as text in the driver's form: SQLAlchemy's SQLite storage form
#: (``2026-11-16 09:00:00.000000``, UTC) or PostgreSQL's (``... .000000+00``).
DriverRow = tuple[Any, ...]
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
# PostgreSQL: COPY into a session-local staging table, then one set insert that skips the
# events already indexed; COPY parses text server-side, far cheaper than bound parameters.
_PG_STAGE = (
    "CREATE TEMP TABLE IF NOT EXISTS _access_events_in "
    "(LIKE access_events INCLUDING DEFAULTS) ON COMMIT DELETE ROWS"
)
_PG_COPY = f"COPY _access_events_in ({', '.join(_COLUMNS)}) FROM STDIN"
_PG_MERGE = (
    f"INSERT INTO access_events ({', '.join(_COLUMNS)}) "
    f"SELECT {', '.join(_COLUMNS)} FROM _access_events_in ON CONFLICT DO NOTHING"
)
_PG_AT = "%Y-%m-%d %H:%M:%S.%f+00"


def put_index(session: Session, rows: Iterable[IndexRow]) -> None:
    """Add events; an event already indexed (same key: a re-scan, a re-sent file) is kept.

    Sorted by the primary key first, so the B-tree is written in order, then handed to
    :func:`put_driver_rows` with the instant in the driver's form.
    """
    ordered = sorted(rows, key=lambda r: (r[0], r[1], r[2]))
    if not ordered:
        return
    dialect = session.get_bind().dialect
    if dialect.name == "sqlite":
        bind = AccessEvent.__table__.c.at.type.dialect_impl(dialect).bind_processor(dialect)
        assert bind is not None
        put_driver_rows(session, [(r[0], bind(r[1]), *r[2:]) for r in ordered])
    else:
        put_driver_rows(
            session, [(r[0], r[1].astimezone(UTC).strftime(_PG_AT), *r[2:]) for r in ordered]
        )


def put_driver_rows(session: Session, rows: Sequence[DriverRow]) -> None:
    """Add rows already in driver form (see :data:`DriverRow`), sorted by the primary key;
    an event already indexed is kept.

    A scan writes one row per access, so the rows go to the driver as they are: SQLite's
    ``executemany`` (the ORM's per-row work would cost more than the database's), or
    PostgreSQL's COPY.
    """
    if not rows:
        return
    session.flush()
    connection = session.connection()
    if connection.dialect.name == "sqlite":
        for lo in range(0, len(rows), _CHUNK):
            connection.exec_driver_sql(_SQLITE_INSERT, rows[lo : lo + _CHUNK])
        return
    raw: Any = connection.connection.driver_connection
    with raw.cursor() as cur:
        cur.execute(_PG_STAGE)
        with cur.copy(_PG_COPY) as copy:
            for row in rows:
                copy.write_row(row)
        cur.execute(_PG_MERGE)
        cur.execute("TRUNCATE _access_events_in")


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
