"""The console's reads and writes of findings and cases, each one in the audit trail."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import Select, case, func, select
from sqlalchemy.orm import Session

from auditor.errors import InputError
from auditor.services.triage import where_given
from auditor.store import repo
from auditor.store.case_models import Alert, FindingCase
from auditor.store.models import AuditTrail, Finding, FindingKind, FindingStatus

SEVERITY_RANK = {"critical": 4, "high": 3, "medium": 2, "low": 1}
DISPOSITIONS = ("", "appropriate", "inappropriate")
EDUCATION = ("", "assigned", "completed", "not_needed")
SANCTIONS = ("", "none", "verbal_warning", "written_warning", "suspension", "termination")
BREACH = ("", "not_required", "in_progress", "low_probability", "notifiable_breach")
CASE_FIELDS = ("disposition", "education", "sanction", "breach_assessment", "assignee", "due_date")
SORTS = {
    "time": "event time, newest first",
    "severity": "severity, most severe first",
    "user": "user",
    "category": "category",
    "status": "status",
}
PAGE = 100
# What an id, enum or ISO week looks like; anything else is free text (the API's rule too).
ID_TEXT = re.compile(r"[A-Za-z0-9_.:+\-]{1,128}")
#: An ISO 8601 week, ``2024-W10`` (``w`` accepted too).
ISO_WEEK = re.compile(r"([0-9]{4})-[Ww]([0-9]{2})")
ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


@dataclass(frozen=True)
class QueueFilter:
    severity: str = ""
    category: str = ""
    user: str = ""
    patient: str = ""
    department: str = ""
    week: str = ""
    status: str = "open"
    assignee: str = ""
    sort: str = "severity"

    def as_query(self) -> dict[str, str]:
        """The filters as given, for the next page's link (the page is the user's own)."""
        return {k: v for k, v in self.__dict__.items() if v}

    def as_detail(self, fingerprint: Callable[[str], str]) -> dict[str, str]:
        """The filters for the audit trail; a value that is not an id, enum or ISO week (free
        text, perhaps a name typed into the patient box) as its keyed fingerprint."""
        return {k: audit_text(v, fingerprint) for k, v in self.__dict__.items() if v}


def audit_text(value: str, fingerprint: Callable[[str], str]) -> str:
    return value if ID_TEXT.fullmatch(value) else f"fp:{fingerprint(value)}"


def week_bounds(week: str) -> tuple[datetime, datetime]:
    """``2024-W10`` -> [Monday 00:00 UTC, next Monday).

    ASCII digits only, matched whole: ``int`` alone would take a full-width digit, ``1_0``
    or a sign, and filter on a week the user did not type.
    """
    parts = ISO_WEEK.fullmatch(week)
    if parts is None:
        raise InputError("week must look like 2024-W10", field="week")
    try:
        start = date.fromisocalendar(int(parts[1]), int(parts[2]), 1)
        begin = datetime(start.year, start.month, start.day, tzinfo=UTC)
        return begin, begin + timedelta(days=7)
    except ValueError:  # week 00 or 60, 53 in a short year, year 0000
        raise InputError(
            f"no such week {week}: weeks are 01-52 (53 in long years), years 0001-9999",
            field="week",
        ) from None
    except OverflowError:  # 9999-W52 ends in year 10000
        raise InputError(f"week {week} ends after 9999-12-31", field="week") from None


def day_bounds(day: str) -> tuple[datetime, datetime]:
    """``2024-03-04`` -> [00:00 UTC, the next midnight); only that form (no ``20240304``,
    ``2024-W10-1`` or a time), and not 9999-12-31, whose next midnight does not exist."""
    if not ISO_DAY.fullmatch(day):
        raise InputError("day must be YYYY-MM-DD", field="day")
    try:
        start = datetime.fromisoformat(day).replace(tzinfo=UTC)
        return start, start + timedelta(days=1)
    except ValueError:
        raise InputError(f"no such day {day}", field="day") from None
    except OverflowError:
        raise InputError(f"day {day} ends after 9999-12-31", field="day") from None


def _rank() -> Any:
    return case(SEVERITY_RANK, value=Finding.severity, else_=0)


def _filtered(flt: QueueFilter, users_in_department: list[str] | None) -> Select[Any]:
    stmt: Any = select(Finding, FindingCase).outerjoin(
        FindingCase, FindingCase.finding_id == Finding.id
    )
    stmt = stmt.where(Finding.kind == FindingKind.ACCESS)
    stmt = where_given(stmt, flt, ("severity", "category", "user", "patient"))
    if users_in_department is not None:
        stmt = stmt.where(Finding.user_id.in_(users_in_department))
    if flt.week:
        begin, end = week_bounds(flt.week)
        stmt = stmt.where(Finding.event_time >= begin, Finding.event_time < end)
    if flt.status and flt.status != "any":
        try:
            stmt = stmt.where(Finding.status == FindingStatus(flt.status))
        except ValueError:
            raise InputError("unknown status", field="status") from None
    if flt.assignee:
        stmt = stmt.where(FindingCase.assignee == flt.assignee)
    return stmt


def _ordered(stmt: Select[Any], sort: str) -> Select[Any]:
    newest = (Finding.event_time.desc(), Finding.id.desc())
    order = {
        "severity": (_rank().desc(), *newest),
        "user": (Finding.user_id, *newest),
        "category": (Finding.category, *newest),
        "status": (Finding.status, *newest),
    }.get(sort, newest)
    return stmt.order_by(*order)


def queue(
    session: Session,
    flt: QueueFilter,
    *,
    users_in_department: list[str] | None,
    offset: int,
    actor: str,
    fingerprint: Callable[[str], str],
) -> tuple[int, list[tuple[Finding, FindingCase | None]]]:
    base = _filtered(flt, users_in_department)
    total = int(session.scalar(select(func.count()).select_from(base.subquery())) or 0)
    rows = session.execute(_ordered(base, flt.sort).limit(PAGE).offset(max(offset, 0))).all()
    repo.audit(
        session,
        actor,
        "console.findings.list",
        "findings",
        filters=flt.as_detail(fingerprint),
        offset=offset,
        returned=len(rows),
        total=total,
    )
    return total, [(f, c) for f, c in rows]


def facets(session: Session) -> dict[str, list[str]]:
    """The values the filter menus offer."""

    def distinct(column: Any) -> list[str]:
        return [v for v in session.scalars(select(column).distinct().order_by(column)) if v]

    return {
        "severity": sorted(distinct(Finding.severity), key=lambda s: -SEVERITY_RANK.get(s, 0)),
        "category": distinct(Finding.category),
        "assignee": distinct(FindingCase.assignee),
    }


@dataclass
class CaseGroup:
    """Findings of one user on one day: what a privacy officer works as one incident."""

    user_id: str
    day: str
    findings: list[Finding] = field(default_factory=list)

    @property
    def severity(self) -> str:
        return max((f.severity for f in self.findings), key=lambda s: SEVERITY_RANK.get(s, 0))

    @property
    def categories(self) -> list[str]:
        return sorted({f.category for f in self.findings})

    @property
    def patients(self) -> int:
        return len({f.patient_id for f in self.findings})

    @property
    def open(self) -> int:
        return sum(1 for f in self.findings if f.status == FindingStatus.OPEN)


def _day(f: Finding) -> str:
    return f.event_time.date().isoformat() if f.event_time else "unknown"


def cases(
    session: Session, *, actor: str, status: str = "open", limit: int = 5000
) -> list[CaseGroup]:
    stmt = select(Finding).where(Finding.kind == FindingKind.ACCESS)
    if status != "any":
        stmt = stmt.where(Finding.status == FindingStatus(status))
    stmt = stmt.order_by(Finding.event_time.desc(), Finding.id.desc()).limit(limit)
    groups: dict[tuple[str, str], CaseGroup] = {}
    for f in session.scalars(stmt):
        key = (f.user_id, _day(f))
        groups.setdefault(key, CaseGroup(*key)).findings.append(f)
    repo.audit(session, actor, "console.cases.list", "findings", status=status, cases=len(groups))
    return sorted(
        groups.values(),
        key=lambda g: (-SEVERITY_RANK.get(g.severity, 0), -len(g.findings), g.day, g.user_id),
    )


def case_findings(
    session: Session, user_id: str, day: str, *, actor: str, fingerprint: Callable[[str], str]
) -> list[Finding]:
    start, end = day_bounds(day)
    rows = list(
        session.scalars(
            select(Finding)
            .where(Finding.user_id == user_id, Finding.kind == FindingKind.ACCESS)
            .where(Finding.event_time >= start, Finding.event_time < end)
            .order_by(Finding.event_time, Finding.id)
        )
    )
    repo.audit(
        session,
        actor,
        "console.case.read",
        f"user:{audit_text(user_id, fingerprint)}",
        day=audit_text(day, fingerprint),
        findings=len(rows),
    )
    return rows


def around(session: Session, finding: Finding, hours: int = 24) -> list[Finding]:
    """The same user's other findings within ``hours`` of this one."""
    if finding.event_time is None:
        return []
    span = timedelta(hours=hours)
    return list(
        session.scalars(
            select(Finding)
            .where(Finding.user_id == finding.user_id, Finding.id != finding.id)
            .where(Finding.event_time >= finding.event_time - span)
            .where(Finding.event_time <= finding.event_time + span)
            .order_by(Finding.event_time)
            .limit(200)
        )
    )


def chart_openers(session: Session, finding: Finding) -> list[tuple[str, int]]:
    """Everyone with a finding on this patient's chart in the finding's week: (user, count)."""
    if not finding.patient_id or finding.event_time is None:
        return []
    iso = finding.event_time.isocalendar()
    begin, end = week_bounds(f"{iso.year}-W{iso.week:02d}")
    rows = session.execute(
        select(Finding.user_id, func.count(Finding.id))
        .where(Finding.patient_id == finding.patient_id)
        .where(Finding.event_time >= begin, Finding.event_time < end)
        .group_by(Finding.user_id)
        .order_by(Finding.user_id)
    )
    return [(u, int(n)) for u, n in rows]


def audit_rows(session: Session, target: str | None = None, limit: int = 200) -> list[AuditTrail]:
    stmt = select(AuditTrail).order_by(AuditTrail.id.desc()).limit(limit)
    if target:
        stmt = stmt.where(AuditTrail.target == target)
    return list(session.scalars(stmt))


def alerts_for(session: Session, finding_id: int) -> list[Alert]:
    return list(session.scalars(select(Alert).where(Alert.finding_id == finding_id)))


def _check(value: str, allowed: tuple[str, ...], name: str) -> str:
    if value not in allowed:
        raise InputError(f"unknown {name}", field=name)
    return value


def update_case(
    session: Session, finding_id: int, values: dict[str, str], *, actor: str, now: datetime
) -> dict[str, tuple[str, str]]:
    """Set the case fields given; the audit trail gets each change as old -> new."""
    clean = {k: v.strip() for k, v in values.items() if k in CASE_FIELDS}
    _check(clean.get("disposition", ""), DISPOSITIONS, "disposition")
    _check(clean.get("education", ""), EDUCATION, "education")
    _check(clean.get("sanction", ""), SANCTIONS, "sanction")
    _check(clean.get("breach_assessment", ""), BREACH, "breach_assessment")
    if len(clean.get("assignee", "")) > 128:
        raise InputError("assignee is too long", field="assignee")
    if clean.get("due_date"):
        try:
            date.fromisoformat(clean["due_date"])
        except ValueError:
            raise InputError("due date must be YYYY-MM-DD", field="due_date") from None
    row = session.get(FindingCase, finding_id)
    if row is None:
        row = FindingCase(
            finding_id=finding_id,
            disposition="",
            education="",
            sanction="",
            breach_assessment="",
            assignee="",
            due_date="",
        )
        session.add(row)
    changes: dict[str, tuple[str, str]] = {}
    for key, value in clean.items():
        old = getattr(row, key) or ""
        if old != value:
            changes[key] = (old, value)
            setattr(row, key, value)
    if changes:
        row.updated_at, row.updated_by = now, actor
        repo.audit(
            session,
            actor,
            "console.case.update",
            f"finding:{finding_id}",
            changes={k: {"from": o, "to": n} for k, (o, n) in changes.items()},
        )
    return changes
