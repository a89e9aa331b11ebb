"""What the follow-up sections read from the store beyond the week: the open backlog and closures.

Kept apart from :mod:`auditor.reports.store_data` (the week's own data) so the attention list,
trends and time-to-close can change without touching what the week's counts are built from.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from auditor.reports.store_data import FindingRow, finding_row
from auditor.store.case_models import FindingCase
from auditor.store.models import Finding, FindingHistory, FindingKind, FindingStatus

#: Statuses that still wait for someone: the backlog and the attention list draw from these.
WAITING = (FindingStatus.OPEN, FindingStatus.ESCALATED)
CLOSED = (FindingStatus.CONFIRMED, FindingStatus.DISMISSED)


@dataclass(frozen=True)
class Closure:
    """One access finding's first move from waiting to closed (confirmed or dismissed)."""

    finding_id: int
    category: str
    first_seen: datetime
    closed_at: datetime


def waiting_before(session: Session, start: datetime) -> list[FindingRow]:
    """Access findings from before the period that are still open or escalated, oldest first."""
    stmt = (
        select(Finding)
        .where(Finding.kind == FindingKind.ACCESS)
        .where(Finding.status.in_(list(WAITING)))
        .where(Finding.event_time < start)
        .order_by(Finding.event_time, Finding.id)
    )
    return [finding_row(f) for f in session.scalars(stmt)]


def closures(session: Session, start: datetime, end: datetime) -> list[Closure]:
    """Access findings first closed in [start, end): when first seen and when first closed."""
    closed_at = func.min(FindingHistory.at).label("closed_at")
    stmt = (
        select(Finding.id, Finding.category, Finding.first_seen, closed_at)
        .join(FindingHistory, FindingHistory.finding_id == Finding.id)
        .where(Finding.kind == FindingKind.ACCESS)
        .where(FindingHistory.new_status.in_([str(s) for s in CLOSED]))
        .group_by(Finding.id, Finding.category, Finding.first_seen)
        .having(closed_at >= start, closed_at < end)
        .order_by(closed_at, Finding.id)
    )
    return [
        Closure(int(fid), category or "", first_seen, at)
        for fid, category, first_seen, at in session.execute(stmt)
    ]


@dataclass(frozen=True)
class CaseWork:
    """The privacy office's recorded decision on one finding (the console's case fields)."""

    disposition: str
    education: str
    sanction: str
    breach_assessment: str
    updated_by: str


def case_work(session: Session, finding_ids: Iterable[int]) -> dict[int, CaseWork]:
    """Finding id -> its case row, for the findings that have one (most have none)."""
    ids = sorted(set(finding_ids))
    out: dict[int, CaseWork] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        for c in session.scalars(select(FindingCase).where(FindingCase.finding_id.in_(chunk))):
            out[c.finding_id] = CaseWork(
                disposition=c.disposition or "",
                education=c.education or "",
                sanction=c.sanction or "",
                breach_assessment=c.breach_assessment or "",
                updated_by=c.updated_by or "",
            )
    return out
