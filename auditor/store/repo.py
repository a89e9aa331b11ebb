"""Store operations every job shares: run lifecycle, finding upserts, checkpoints, audit trail.

Scanners never write to the store; the service functions call these.
"""

from __future__ import annotations

import functools
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, func, insert, select, update
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Session

from auditor.errors import NotFoundError
from auditor.findings import AccessFinding, AccessRow, PhiFinding
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
Row = tuple[Any, ...]  # a findings row in _INSERT_COLUMNS order


def _new_triage(run_id: str | None, seen: datetime) -> Row:
    """status, reviewer, note, first/last seen, first/last run of a finding new to the store."""
    return (FindingStatus.OPEN, "", "", seen, seen, run_id, run_id)


def _access_row(r: AccessRow, run_id: str | None, seen: datetime) -> Row:
    return (
        r.identity,
        FindingKind.ACCESS,
        r.rule_id,
        r.category,
        r.severity,
        r.event_id,  # location
        r.source,
        r.event_id,
        r.user_id,
        r.patient_id,
        r.timestamp,
        None,
        None,
        None,
        r.fingerprint,
        r.explanation,
        r.explained,
        *_new_triage(run_id, seen),
    )


def _phi_row(f: PhiFinding, identity: str, run_id: str | None, seen: datetime) -> Row:
    return (
        identity,
        FindingKind.PHI,
        f.entity_type,
        "phi",
        "medium",
        f.location_key,
        f.source,
        "",
        "",
        "",
        seen,
        f.start,
        f.end,
        f.score,
        f.fingerprint,
        "",
        False,
        *_new_triage(run_id, seen),
    )


_FEW_VALUES = frozenset({"kind", "status", "first_seen", "last_seen"})


class _FastInsert:
    """One prepared ``INSERT ... ON CONFLICT (identity) DO UPDATE`` for the session's backend.

    Rows go to the driver's ``executemany`` as ready-made parameters (the column types' own
    bind processors applied), skipping the ORM's per-row bookkeeping: inserting tens of
    thousands of findings is then bounded by the database, not by Python. ``None`` when the
    backend has no ON CONFLICT (then the ORM path below is used).
    """

    def __init__(self, dialect: Dialect) -> None:
        from sqlalchemy.dialects import postgresql, sqlite

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
        # Rows arrive in _INSERT_COLUMNS order; ``take`` reorders them for the driver.
        self.take = [_INSERT_COLUMNS.index(name) for name in order]
        procs = {
            name: table.c[name].type.dialect_impl(dialect).bind_processor(dialect) for name in order
        }
        # Per driver position: the column's bind processor, and whether its values are few
        # (kind, status, the run's timestamps: converted once per distinct value).
        self.procs: list[tuple[Any, bool] | None] = [
            (proc, name in _FEW_VALUES) if (proc := procs[name]) is not None else None
            for name in order
        ]

    def params(self, rows: Sequence[Row]) -> list[Any]:
        """Driver parameters for ``rows``, converted a column at a time (list comprehensions
        instead of a Python loop over every cell)."""
        columns: list[list[Any]] = []
        for src, spec in zip(self.take, self.procs, strict=True):
            values = [row[src] for row in rows]
            if spec is not None:
                proc, few = spec
                if few:
                    memo = {v: (None if v is None else proc(v)) for v in set(values)}
                    values = [memo[v] for v in values]
                else:
                    values = [None if v is None else proc(v) for v in values]
            columns.append(values)
        if self.positional:
            return list(zip(*columns, strict=True))
        return [dict(zip(self.order, vals, strict=True)) for vals in zip(*columns, strict=True)]


@functools.lru_cache(maxsize=8)
def _fast_insert(dialect: Dialect) -> _FastInsert | None:
    """The compiled statement, once per dialect (engines of one backend share it)."""
    if dialect.name not in ("sqlite", "postgresql"):
        return None
    return _FastInsert(dialect)


def upsert_findings(
    session: Session,
    findings: Iterable[AccessFinding | PhiFinding],
    run_id: str | None,
) -> tuple[int, int]:
    """Insert new findings, touch ``last_seen`` of known ones. Returns (new, already_known)."""
    seen = now()
    rows = [
        _access_row(_as_access_row(f), run_id, seen)
        if isinstance(f, AccessFinding)
        else _phi_row(f, f.identity, run_id, seen)
        for f in findings
    ]
    return upsert_prepared(session, _prepare(session.get_bind().dialect, rows, seen), run_id)


@dataclass(frozen=True)
class PreparedRows:
    """Findings rows deduplicated by identity and converted for the driver.

    Preparing is pure Python and needs no session, so a scan does it on its own thread and
    leaves the store's writer thread only the database work.
    """

    identities: list[str]
    rows: list[Row]  # _INSERT_COLUMNS order
    params: list[Any] | None  # the same rows as driver parameters (None: no fast path)
    seen: datetime


def prepare_access_rows(
    engine: Engine, rows: Iterable[AccessRow], run_id: str | None
) -> PreparedRows:
    seen = now()
    return _prepare(engine.dialect, [_access_row(r, run_id, seen) for r in rows], seen)


def _prepare(dialect: Dialect, rows: list[Row], seen: datetime) -> PreparedRows:
    unique = list({row[0]: row for row in reversed(rows)}.values())[::-1]  # first wins
    fast = _fast_insert(dialect)
    params = fast.params(unique) if fast is not None else None
    return PreparedRows([row[0] for row in unique], unique, params, seen)


def upsert_prepared(
    session: Session, prepared: PreparedRows, run_id: str | None
) -> tuple[int, int]:
    """Known identities are looked up per chunk (that is what tells new from known); new rows
    go through one prepared ``INSERT ... ON CONFLICT (identity) DO UPDATE`` (so a concurrent
    writer that inserted the same finding meanwhile only moves ``last_seen``).
    """
    session.flush()
    fast = _fast_insert(session.get_bind().dialect)
    new = known = 0
    for lo in range(0, len(prepared.identities), _CHUNK):
        ids = prepared.identities[lo : lo + _CHUNK]
        existing = set(
            session.scalars(select(Finding.identity).where(Finding.identity.in_(ids))).all()
        )
        if existing:
            session.execute(
                update(Finding)
                .where(Finding.identity.in_(existing))
                .values(last_seen=prepared.seen, last_run_id=run_id)
            )
        fresh = [lo + i for i, ident in enumerate(ids) if ident not in existing]
        if fresh:
            if fast is not None and prepared.params is not None:
                params = prepared.params
                session.connection().exec_driver_sql(fast.sql, [params[i] for i in fresh])
            else:
                rows = prepared.rows
                dicts = [dict(zip(_INSERT_COLUMNS, rows[i], strict=True)) for i in fresh]
                session.execute(insert(Finding), dicts)
        new += len(fresh)
        known += len(existing)
    return new, known


def _as_access_row(f: AccessFinding) -> AccessRow:
    return AccessRow(
        f.identity,
        f.rule_id,
        f.category,
        f.severity,
        f.source,
        f.event_id,
        f.user_id,
        f.patient_id,
        f.timestamp,
        f.fingerprint,
        f.explanation,
        f.explained,
    )


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
