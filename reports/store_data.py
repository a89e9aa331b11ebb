"""What a report reads from the store: scan runs and findings in a window, as plain values.

Run summaries are written by the scanners; they are read defensively here (a missing key is
zero or empty), so an older run or a failed one never breaks a report.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from auditor.store import audited
from auditor.store.models import (
    Finding,
    FindingKind,
    FindingStatus,
    RunKind,
    RunStatus,
    ScanRun,
)

#: The scan kinds a report covers, and the names the report's JSON gives them.
SCAN_LABELS = {RunKind.ACCESS_LOGS: "access", RunKind.DOCUMENTS: "documents"}


def as_int(value: Any) -> int:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value)
    if isinstance(value, str):
        try:
            return int(value)
        except ValueError:
            return 0
    return 0


@dataclass
class RunInfo:
    id: str
    kind: RunKind  # ACCESS_LOGS or DOCUMENTS (see SCAN_LABELS)
    status: RunStatus
    at: datetime  # finished, else started, else requested
    source: str
    trigger: str
    records_read: int
    records_processed: int
    records_quarantined: int
    findings_count: int
    summary: dict[str, Any]
    params: dict[str, Any]
    error: str


@dataclass
class FindingRow:
    id: int
    kind: str
    rule_id: str
    category: str
    severity: str
    time: datetime | None
    user_id: str
    patient_id: str
    event_id: str
    source: str
    explanation: str
    status: str
    reviewer: str
    first_seen: datetime
    last_run_id: str | None
    extra: dict[str, Any] = field(default_factory=dict)


def runs_between(session: Session, start: datetime, end: datetime | None) -> list[RunInfo]:
    """Access-log and document runs whose finish (or start/request) time falls in the window."""
    stamp = func.coalesce(ScanRun.finished_at, ScanRun.started_at, ScanRun.requested_at)
    stmt = (
        select(ScanRun)
        .where(ScanRun.kind.in_([str(k) for k in SCAN_LABELS]))
        .where(stamp >= start)
        .order_by(stamp, ScanRun.id)
    )
    if end is not None:
        stmt = stmt.where(stamp < end)
    out: list[RunInfo] = []
    for run in session.scalars(stmt):
        kind = RunKind.read(run.kind)
        at = run.finished_at or run.started_at or run.requested_at
        if kind is None or at is None:
            continue
        out.append(
            RunInfo(
                id=run.id,
                kind=kind,
                status=RunStatus(run.status),
                at=at,
                source=run.source or "",
                trigger=run.trigger or "",
                records_read=run.records_read or 0,
                records_processed=run.records_processed or 0,
                records_quarantined=run.records_quarantined or 0,
                findings_count=run.findings_count or 0,
                summary=run.summary if isinstance(run.summary, dict) else {},
                params=run.params if isinstance(run.params, dict) else {},
                error=run.error or "",
            )
        )
    return out


_COLUMNS = (
    Finding.id,
    Finding.kind,
    Finding.rule_id,
    Finding.category,
    Finding.severity,
    Finding.event_time,
    Finding.user_id,
    Finding.patient_id,
    Finding.event_id,
    Finding.source,
    Finding.explanation,
    Finding.status,
    Finding.reviewer,
    Finding.first_seen,
    Finding.last_run_id,
)


def finding_row(r: Any) -> FindingRow:
    """One finding (an ORM row or a selected row with the same names) as a report row."""
    return FindingRow(
        id=r.id,
        kind=str(r.kind),
        rule_id=r.rule_id or "",
        category=r.category or "",
        severity=(r.severity or "medium").lower(),
        time=r.event_time,
        user_id=r.user_id or "",
        patient_id=r.patient_id or "",
        event_id=r.event_id or "",
        source=r.source or "",
        explanation=r.explanation or "",
        status=str(r.status),
        reviewer=r.reviewer or "",
        first_seen=r.first_seen,
        last_run_id=r.last_run_id,
    )


def access_findings(session: Session, start: datetime, end: datetime) -> list[FindingRow]:
    stmt = (
        select(*_COLUMNS)
        .where(Finding.kind == FindingKind.ACCESS)
        .where(Finding.event_time >= start, Finding.event_time < end)
        .order_by(Finding.event_time, Finding.id)
    )
    return [finding_row(r) for r in session.execute(stmt)]


def phi_findings(
    session: Session, start: datetime, end: datetime, run_ids: Sequence[str]
) -> list[FindingRow]:
    """PHI findings seen by this period's document runs, or first seen in the period."""
    seen_in = (Finding.first_seen >= start) & (Finding.first_seen < end)
    stmt = (
        select(*_COLUMNS)
        .where(Finding.kind == FindingKind.PHI)
        .where(or_(seen_in, Finding.last_run_id.in_(list(run_ids))) if run_ids else seen_in)
        .order_by(Finding.source, Finding.id)
    )
    return [finding_row(r) for r in session.execute(stmt)]


def phi_counts_by_first_seen(session: Session, start: datetime, end: datetime) -> list[datetime]:
    stmt = select(Finding.first_seen).where(
        Finding.kind == FindingKind.PHI, Finding.first_seen >= start, Finding.first_seen < end
    )
    return list(session.scalars(stmt))


def open_before(session: Session, start: datetime) -> dict[str, int]:
    """Open findings from before the period, by kind: the carried-over backlog."""
    stmt = (
        select(Finding.kind, func.count(Finding.id))
        .where(Finding.status == FindingStatus.OPEN)
        .where(
            or_(
                (Finding.kind == FindingKind.ACCESS) & (Finding.event_time < start),
                (Finding.kind == FindingKind.PHI) & (Finding.first_seen < start),
            )
        )
        .group_by(Finding.kind)
    )
    return {str(k): int(n) for k, n in session.execute(stmt)}


def audited_by_day(session: Session, start: datetime, end: datetime) -> dict[str, tuple[int, int]]:
    """Distinct events (and explained ones) per site-local day, ``start`` to ``end`` (dates
    spanning the window; the per-week sums pick their own days)."""
    first, last = start.date(), end.date()
    days = [(first + timedelta(days=i)).isoformat() for i in range((last - first).days + 2)]
    return audited.counts_by_day(session, days)
