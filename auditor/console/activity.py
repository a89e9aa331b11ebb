"""A finding's context from the event index: what the user did around then, and everyone who
opened the patient's chart that week, including the accesses that produced no finding.

The index holds fingerprints only. Ids come back through ``Reverse`` (the context files'
ids, fingerprinted the same way, plus the ids of the findings involved); a pseudonym nobody
listed stays a pseudonym. Names are the templates' business, for the roles allowed them.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from auditor.console.directory import Directory
from auditor.console.queries import week_bounds
from auditor.store import event_index, repo
from auditor.store.models import Finding, FindingKind

#: Hours either side of a finding that "around that time" covers.
AROUND_HOURS = 24


@dataclass
class Reverse:
    """Fingerprint -> id, for the users and patients the site lists (and the findings')."""

    users: dict[str, str] = field(default_factory=dict)
    patients: dict[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, directory: Directory, names: event_index.Pseudonyms) -> Reverse:
        return cls(
            {names.user(u): u for u in directory.user_names},
            {names.patient(p): p for p in directory.patient_names},
        )


class ReverseCache:
    """One ``Reverse`` per directory read (fingerprinting a large patient list takes a while)."""

    def __init__(self, names: event_index.Pseudonyms) -> None:
        self.names = names
        self._lock = threading.Lock()
        self._for: Directory | None = None
        self._value = Reverse()

    def get(self, directory: Directory) -> Reverse:
        with self._lock:
            if self._for is not directory:
                self._value, self._for = Reverse.of(directory, self.names), directory
            return self._value


@dataclass(frozen=True)
class Access:
    """One indexed access as the finding page lists it."""

    at: datetime
    action: str
    record_type: str
    patient_id: str  # "" when no context file or finding lists the pseudonym
    pseudonym: str
    department: str
    source: str
    finding_id: int | None  # the finding this access produced, if any


@dataclass(frozen=True)
class ChartOpener:
    user_id: str  # "" when unlisted
    pseudonym: str
    count: int
    first: datetime
    last: datetime
    department: str
    role: str
    findings: int  # this user's findings on the chart that week


@dataclass(frozen=True)
class FindingContext:
    accesses: list[Access]
    openers: list[ChartOpener]
    indexed: bool  # the index had anything for this finding's periods


def _short(fp: str) -> str:
    return fp[:10]


def finding_context(
    session: Session,
    finding: Finding,
    *,
    names: event_index.Pseudonyms,
    reverse: Reverse,
    actor: str,
) -> FindingContext:
    """The finding page's two lists from the index; the read goes to the audit trail."""
    if finding.event_time is None or not finding.user_id:
        return FindingContext([], [], False)
    accesses = _accesses(session, finding, names, reverse)
    openers = _openers(session, finding, names, reverse) if finding.patient_id else []
    repo.audit(
        session,
        actor,
        "console.events.read",
        f"finding:{finding.id}",
        accesses=len(accesses),
        chart_openers=len(openers),
    )
    return FindingContext(accesses, openers, bool(accesses or openers))


def _accesses(
    session: Session, finding: Finding, names: event_index.Pseudonyms, reverse: Reverse
) -> list[Access]:
    assert finding.event_time is not None
    span = timedelta(hours=AROUND_HOURS)
    return user_accesses(
        session,
        finding.user_id,
        finding.event_time - span,
        finding.event_time + span,
        names=names,
        reverse=reverse,
    )


def user_accesses(
    session: Session,
    user_id: str,
    start: datetime,
    end: datetime,
    *,
    names: event_index.Pseudonyms,
    reverse: Reverse,
) -> list[Access]:
    """The user's indexed accesses in [start, end], each linked to the finding it produced."""
    produced: dict[tuple[str, datetime], int] = {}
    patients = dict(reverse.patients)
    for f in session.scalars(
        select(Finding)
        .where(Finding.kind == FindingKind.ACCESS, Finding.user_id == user_id)
        .where(Finding.event_time >= start, Finding.event_time <= end)
        .order_by(Finding.id)
    ):
        fp = names.patient(f.patient_id)
        patients.setdefault(fp, f.patient_id)
        if f.event_time is not None:
            # An access that several rules flagged links to its first stored finding.
            produced.setdefault((fp, f.event_time), f.id)
    out = []
    for e in event_index.user_events(session, names.user(user_id), start, end):
        out.append(
            Access(
                e.at,
                e.action,
                e.record_type,
                patients.get(e.patient_fp, ""),
                _short(e.patient_fp),
                e.department,
                e.source,
                produced.get((e.patient_fp, e.at)),
            )
        )
    return out


def _openers(
    session: Session, finding: Finding, names: event_index.Pseudonyms, reverse: Reverse
) -> list[ChartOpener]:
    assert finding.event_time is not None
    iso = finding.event_time.isocalendar()
    begin, end = week_bounds(f"{iso.year}-W{iso.week:02d}")
    users = dict(reverse.users)
    with_findings: dict[str, int] = {}
    for (user_id,) in session.execute(
        select(Finding.user_id)
        .where(Finding.kind == FindingKind.ACCESS, Finding.patient_id == finding.patient_id)
        .where(Finding.event_time >= begin, Finding.event_time < end)
    ):
        fp = names.user(user_id)
        users.setdefault(fp, user_id)
        with_findings[fp] = with_findings.get(fp, 0) + 1
    rows = event_index.chart_openers(session, names.patient(finding.patient_id), begin, end)
    return [
        ChartOpener(
            users.get(o.user_fp, ""),
            _short(o.user_fp),
            o.count,
            o.first,
            o.last,
            o.department,
            o.role,
            with_findings.get(o.user_fp, 0),
        )
        for o in rows
    ]
