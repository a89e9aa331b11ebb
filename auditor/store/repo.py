"""Store operations every job shares: run lifecycle, finding upserts, checkpoints, audit trail.

Scanners never write to the store; the service functions call these.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from auditor.errors import NotFoundError
from auditor.findings import AccessFinding, PhiFinding
from auditor.store.models import (
    AuditTrail,
    Checkpoint,
    Finding,
    FindingHistory,
    FindingKind,
    FindingStatus,
    RunStatus,
    ScanRun,
)

_CHUNK = 2000


def now() -> datetime:
    return datetime.now(UTC)


def create_run(
    session: Session,
    kind: str,
    source: str,
    *,
    status: RunStatus = RunStatus.RUNNING,
    trigger: str = "cli",
    requested_by: str = "",
    params: dict[str, Any] | None = None,
) -> ScanRun:
    run = ScanRun(
        id=str(uuid.uuid4()),
        kind=kind,
        source=source,
        status=status,
        trigger=trigger,
        requested_by=requested_by,
        params=params or {},
        requested_at=now(),
        started_at=now() if status is RunStatus.RUNNING else None,
    )
    session.add(run)
    session.flush()
    return run


def start_run(
    session: Session,
    run_id: str | None,
    kind: str,
    sources: Sequence[object],
    *,
    trigger: str,
    requested_by: str,
    params: dict[str, Any] | None = None,
) -> str:
    """Mark a queued run (an API request the daemon picked up) running, or record a new one.

    Every job starts through here, so the CLI, the daemon and the API leave the same trail.
    """
    if run_id:
        queued = session.get(ScanRun, run_id)
        if queued is None:
            raise NotFoundError(f"scan run {run_id} not found")
        queued.status, queued.started_at = RunStatus.RUNNING, now()
        return queued.id
    source = "; ".join(str(s) for s in sources)
    run = create_run(
        session, kind, source, trigger=trigger, requested_by=requested_by, params=params
    )
    return run.id


def finish_run(
    session: Session,
    run_id: str,
    *,
    status: RunStatus,
    records_read: int = 0,
    records_processed: int = 0,
    records_quarantined: int = 0,
    findings_count: int = 0,
    summary: dict[str, Any] | None = None,
    error: str = "",
) -> None:
    run = session.get(ScanRun, run_id)
    if run is None:
        raise NotFoundError(f"scan run {run_id} not found")
    run.status = status
    run.finished_at = now()
    run.records_read = records_read
    run.records_processed = records_processed
    run.records_quarantined = records_quarantined
    run.findings_count = findings_count
    run.summary = summary or {}
    run.error = error


def _row(
    finding: AccessFinding | PhiFinding, identity: str, run_id: str | None, seen: datetime
) -> dict[str, Any]:
    base: dict[str, Any] = {
        "identity": identity,
        "first_seen": seen,
        "last_seen": seen,
        "first_run_id": run_id,
        "last_run_id": run_id,
        "status": FindingStatus.OPEN,
        "reviewer": "",
        "note": "",
    }
    if isinstance(finding, AccessFinding):
        base.update(
            kind=FindingKind.ACCESS,
            rule_id=finding.rule_id,
            category=finding.category,
            severity=finding.severity,
            location=finding.location,
            source=finding.source,
            event_id=finding.event_id,
            user_id=finding.user_id,
            patient_id=finding.patient_id,
            event_time=finding.timestamp,
            start=None,
            end=None,
            score=None,
            fingerprint=finding.fingerprint,
            explanation=finding.explanation,
            explained=finding.explained,
        )
    else:
        base.update(
            kind=FindingKind.PHI,
            rule_id=finding.entity_type,
            category="phi",
            severity="medium",
            location=finding.location_key,
            source=finding.source,
            event_id="",
            user_id="",
            patient_id="",
            event_time=seen,
            start=finding.start,
            end=finding.end,
            score=finding.score,
            fingerprint=finding.fingerprint,
            explanation="",
            explained=False,
        )
    return base


_INSERT_COLUMNS = (
    "identity",
    "kind",
    "rule_id",
    "category",
    "severity",
    "location",
    "source",
    "event_id",
    "user_id",
    "patient_id",
    "event_time",
    "start",
    "end",
    "score",
    "fingerprint",
    "explanation",
    "explained",
    "status",
    "reviewer",
    "note",
    "first_seen",
    "last_seen",
    "first_run_id",
    "last_run_id",
)


_FEW_VALUES = frozenset({"kind", "status", "first_seen", "last_seen"})


class _FastInsert:
    """One prepared ``INSERT ... ON CONFLICT (identity) DO UPDATE`` for the session's backend.

    Rows go to the driver's ``executemany`` as ready-made parameters (the column types' own
    bind processors applied), skipping the ORM's per-row bookkeeping: inserting tens of
    thousands of findings is then bounded by the database, not by Python. ``None`` when the
    backend has no ON CONFLICT (then the ORM path below is used).
    """

    def __init__(self, session: Session) -> None:
        from sqlalchemy.dialects import postgresql, sqlite

        dialect = session.get_bind().dialect
        mod: Any = {"sqlite": sqlite, "postgresql": postgresql}[dialect.name]
        table = Finding.__table__
        stmt = mod.insert(table)
        stmt = stmt.on_conflict_do_update(
            index_elements=[table.c.identity],
            set_={"last_seen": stmt.excluded.last_seen, "last_run_id": stmt.excluded.last_run_id},
        )
        compiled = stmt.compile(dialect=dialect, column_keys=list(_INSERT_COLUMNS))
        self.sql = str(compiled)
        self.positional = bool(compiled.positional)
        order = list(compiled.positiontup or ()) if self.positional else list(_INSERT_COLUMNS)
        if sorted(order) != sorted(_INSERT_COLUMNS):  # pragma: no cover - SQLAlchemy change
            raise RuntimeError("unexpected parameters in the findings insert")
        self.order = order
        procs = {
            name: table.c[name].type.dialect_impl(dialect).bind_processor(dialect) for name in order
        }
        # (position, processor, memo): columns with few distinct values (kind, status, the
        # run's timestamps) are converted once per value, not once per row.
        self.procs: list[tuple[int, Any, dict[Any, Any] | None]] = [
            (i, proc, {} if name in _FEW_VALUES else None)
            for i, name in enumerate(order)
            if (proc := procs[name]) is not None
        ]

    def bind(self, row: dict[str, Any]) -> Any:
        values = [row[k] for k in self.order]
        for i, proc, memo in self.procs:
            value = values[i]
            if value is None:
                continue
            if memo is None:
                values[i] = proc(value)
            else:
                if value not in memo:
                    memo[value] = proc(value)
                values[i] = memo[value]
        if self.positional:
            return tuple(values)
        return dict(zip(self.order, values, strict=True))

    def run(self, session: Session, rows: Sequence[dict[str, Any]]) -> None:
        params = [self.bind(row) for row in rows]
        session.connection().exec_driver_sql(self.sql, params)


def _fast_insert(session: Session) -> _FastInsert | None:
    if session.get_bind().dialect.name not in ("sqlite", "postgresql"):
        return None
    return _FastInsert(session)


def upsert_findings(
    session: Session,
    findings: Iterable[AccessFinding | PhiFinding],
    run_id: str | None,
) -> tuple[int, int]:
    """Insert new findings, touch ``last_seen`` of known ones. Returns (new, already_known).

    Known identities are looked up per chunk (that is what tells new from known); new rows
    go through one prepared ``INSERT ... ON CONFLICT (identity) DO UPDATE`` (so a concurrent
    writer that inserted the same finding meanwhile only moves ``last_seen``).
    """
    session.flush()
    seen = now()
    new = known = 0
    batch: dict[str, dict[str, Any]] = {}
    fast = _fast_insert(session)

    def flush() -> None:
        nonlocal new, known
        if not batch:
            return
        ids = list(batch)
        existing = set(
            session.scalars(select(Finding.identity).where(Finding.identity.in_(ids))).all()
        )
        if existing:
            session.execute(
                update(Finding)
                .where(Finding.identity.in_(existing))
                .values(last_seen=seen, last_run_id=run_id)
            )
        fresh = [row for ident, row in batch.items() if ident not in existing]
        if fresh:
            if fast is not None:
                fast.run(session, fresh)
            else:
                session.execute(insert(Finding), fresh)
        new += len(fresh)
        known += len(existing)
        batch.clear()

    for finding in findings:
        ident = finding.identity
        if ident not in batch:
            batch[ident] = _row(finding, ident, run_id, seen)
        if len(batch) >= _CHUNK:
            flush()
    flush()
    return new, known


def set_finding_status(
    session: Session, finding_id: int, status: FindingStatus, actor: str, note: str = ""
) -> Finding:
    """Triage: change the status, keep the history (who, when, from, to, why)."""
    finding = session.get(Finding, finding_id)
    if finding is None:
        raise NotFoundError(f"finding {finding_id} not found")
    session.add(
        FindingHistory(
            finding_id=finding.id,
            at=now(),
            actor=actor,
            old_status=str(finding.status),
            new_status=str(status),
            note=note,
        )
    )
    finding.status = status
    finding.reviewer = actor
    if note:
        finding.note = note
    session.flush()
    return finding


def get_checkpoint(session: Session, key: str) -> Checkpoint | None:
    return session.get(Checkpoint, key)


def put_checkpoint(
    session: Session,
    key: str,
    scanner: str,
    position: int,
    line: int,
    meta: dict[str, Any] | None = None,
) -> None:
    cp = session.get(Checkpoint, key)
    if cp is None:
        session.add(
            Checkpoint(
                key=key,
                scanner=scanner,
                position=position,
                line=line,
                meta=meta or {},
                updated_at=now(),
            )
        )
    else:
        cp.position, cp.line, cp.meta, cp.updated_at = position, line, meta or {}, now()
    session.flush()


def audit(session: Session, actor: str, action: str, target: str = "", **detail: Any) -> None:
    """Append to the service's own audit trail. ``detail`` must hold ids, never PHI."""
    session.add(AuditTrail(at=now(), actor=actor, action=action, target=target, detail=detail))


def count_findings(session: Session, kind: FindingKind | None = None) -> int:
    stmt = select(func.count(Finding.id))
    if kind is not None:
        stmt = stmt.where(Finding.kind == kind)
    return int(session.scalar(stmt) or 0)


def runs(session: Session, kinds: Sequence[str] | None = None, limit: int = 50) -> list[ScanRun]:
    stmt = select(ScanRun).order_by(ScanRun.requested_at.desc()).limit(limit)
    if kinds:
        stmt = stmt.where(ScanRun.kind.in_(kinds))
    return list(session.scalars(stmt))
