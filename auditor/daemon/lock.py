"""Exactly one daemon per database: a file lock beside SQLite, an advisory lock on PostgreSQL.

The lock is held by the operating system (flock) or by the database session, so a daemon
killed with ``kill -9`` releases it at once; nothing stale needs cleaning by hand. Who holds
it is written to the ``daemon_instances`` table for ``auditor status``.
"""

from __future__ import annotations

import hashlib
import os
import socket
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

import filelock
from sqlalchemy import Connection, Engine, delete, insert, select, text, update

from auditor.errors import LockHeldError
from auditor.store.models import DaemonInstance

LOCK_NAME = "daemon"
# A fixed 64-bit key for pg_try_advisory_lock, derived from a name so it is not magic.
PG_LOCK_KEY = int.from_bytes(
    hashlib.sha256(b"hipaa-auditor-daemon").digest()[:8], "big", signed=True
)


@dataclass(frozen=True)
class Holder:
    pid: int
    host: str
    started_at: datetime
    heartbeat_at: datetime
    stopped_at: datetime | None

    def describe(self) -> str:
        since = self.started_at.isoformat(timespec="seconds")
        return f"pid {self.pid} on {self.host}, started {since}"


class DaemonLock(Protocol):
    backend: str

    def try_acquire(self) -> bool: ...

    def release(self) -> None: ...

    def alive(self) -> bool: ...


class FileDaemonLock:
    """flock on ``<database>.daemon.lock``: released by the kernel when the process dies."""

    backend = "file"

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = filelock.FileLock(str(path), timeout=0, thread_local=False)

    def try_acquire(self) -> bool:
        try:
            self._lock.acquire(timeout=0, blocking=False)
        except filelock.Timeout:
            return False
        return True

    def release(self) -> None:
        if self._lock.is_locked:
            self._lock.release(force=True)

    def alive(self) -> bool:
        return self._lock.is_locked


class PgAdvisoryLock:
    """Session-level ``pg_try_advisory_lock`` on a dedicated autocommit connection."""

    backend = "postgresql-advisory"

    def __init__(self, engine: Engine, key: int = PG_LOCK_KEY) -> None:
        self.engine = engine
        self.key = key
        self._conn: Connection | None = None

    def try_acquire(self) -> bool:
        conn = self.engine.connect().execution_options(isolation_level="AUTOCOMMIT")
        got = bool(conn.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": self.key}).scalar())
        if got:
            self._conn = conn
        else:
            conn.close()
        return got

    def release(self) -> None:
        if self._conn is None:
            return
        try:
            self._conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": self.key})
        finally:
            self._conn.close()
            self._conn = None

    def alive(self) -> bool:
        """False if the lock connection died (then another daemon could take over)."""
        if self._conn is None:
            return False
        try:
            self._conn.execute(text("SELECT 1"))
        except Exception:
            return False
        return True


def lock_for(engine: Engine) -> DaemonLock:
    """The right lock for the database behind ``engine``."""
    url = engine.url
    if url.get_backend_name() == "sqlite":
        database = url.database or ""
        if not database or database == ":memory:":
            raise LockHeldError("the daemon needs a file database, not an in-memory one")
        db_path = Path(database).resolve()
        return FileDaemonLock(db_path.with_name(db_path.name + ".daemon.lock"))
    if url.get_backend_name() == "postgresql":
        return PgAdvisoryLock(engine)
    raise LockHeldError(f"no daemon lock for database backend {url.get_backend_name()!r}")


def read_holder(engine: Engine) -> Holder | None:
    with engine.connect() as conn:
        row = conn.execute(
            select(DaemonInstance.__table__).where(DaemonInstance.name == LOCK_NAME)
        ).first()
    if row is None:
        return None
    started, beat, stopped = (
        _aware(row.started_at),
        _aware(row.heartbeat_at),
        _aware(row.stopped_at) if row.stopped_at else None,
    )
    return Holder(row.pid, row.host, started, beat, stopped)


def _aware(value: datetime) -> datetime:
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def acquire(engine: Engine, now: datetime) -> DaemonLock:
    """Take the lock or raise LockHeldError naming the holder; record this process as holder."""
    lock = lock_for(engine)
    if not lock.try_acquire():
        holder = read_holder(engine)
        who = f" ({holder.describe()})" if holder else ""
        raise LockHeldError(
            f"another auditor daemon already runs against this database{who}; "
            "only one daemon may run per database (see `auditor status`)"
        )
    with engine.begin() as conn:
        conn.execute(delete(DaemonInstance).where(DaemonInstance.name == LOCK_NAME))
        conn.execute(
            insert(DaemonInstance).values(
                name=LOCK_NAME,
                pid=os.getpid(),
                host=socket.gethostname(),
                started_at=now,
                heartbeat_at=now,
                stopped_at=None,
            )
        )
    return lock


def heartbeat(engine: Engine, now: datetime) -> None:
    with engine.begin() as conn:
        conn.execute(
            update(DaemonInstance)
            .where(DaemonInstance.name == LOCK_NAME, DaemonInstance.pid == os.getpid())
            .values(heartbeat_at=now)
        )


def release(engine: Engine, lock: DaemonLock, now: datetime) -> None:
    try:
        with engine.begin() as conn:
            conn.execute(
                update(DaemonInstance)
                .where(DaemonInstance.name == LOCK_NAME, DaemonInstance.pid == os.getpid())
                .values(stopped_at=now, heartbeat_at=now)
            )
    finally:
        lock.release()


def is_held(engine: Engine) -> bool:
    """Probe without keeping the lock: used by ``auditor status``."""
    lock = lock_for(engine)
    if lock.try_acquire():
        lock.release()
        return False
    return True
