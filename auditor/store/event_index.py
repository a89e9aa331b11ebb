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

#: (key, instant, user fp, patient fp, action, record type, source, department, role)
IndexRow = tuple[str, datetime, str, str, str, str, str, str, str]
_CHUNK = 5000
_COLUMNS = (
    "key",
    "at",
    "user_fp",
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


def _insert(session: Session) -> Any:
    from sqlalchemy.dialects import postgresql, sqlite

    backend: Any = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    return backend.insert(AccessEvent)


def put_index(session: Session, rows: Iterable[IndexRow]) -> None:
    """Add events; an event already indexed (same key: a re-scan, a re-sent file) is kept."""
    batch = [dict(zip(_COLUMNS, row, strict=True)) for row in rows]
    if not batch:
        return
    stmt = _insert(session).on_conflict_do_nothing(index_elements=[AccessEvent.key])
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
