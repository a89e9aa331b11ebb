"""Findings triage shared by ``auditor findings`` and the HTTP API: one query, one update.

Both paths write the service's own audit trail: who read which findings (the filters and how
many rows), who moved a finding from what to what.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, selectinload

from auditor.errors import InputError, NotFoundError
from auditor.store import repo
from auditor.store.models import Finding, FindingKind, FindingStatus
from auditor.timefmt import iso_z

if TYPE_CHECKING:
    from auditor.context import AppContext

# What an id, enum, list of them or ISO date looks like; anything else is free text.
_ID_TEXT = re.compile(r"[A-Za-z0-9_.:+\-]{1,128}(,[A-Za-z0-9_.:+\-]{1,128})*")

SEVERITIES: tuple[str, ...] = ("low", "medium", "high", "critical")  # least to most severe


def finding_categories() -> tuple[str, ...]:
    """Every category a finding can carry: the policy categories and ``phi``."""
    from auditor.policy.model import CATEGORIES

    return (*CATEGORIES, "phi")


def choose(raw: str | None, allowed: tuple[str, ...], field: str) -> tuple[str, ...]:
    """``high,critical`` -> ("high", "critical"), case-folded; an unknown value lists the valid.

    Silently matching nothing (exit 0, "0 of 0 findings") hides a typo, so it is an error.
    """
    if raw is None or not raw.strip():
        return ()
    values = tuple(dict.fromkeys(v.strip().lower() for v in raw.split(",") if v.strip()))
    unknown = [v for v in values if v not in allowed]
    if unknown:
        raise InputError(
            f"unknown value {unknown[0]!r}; valid: {', '.join(allowed)} (comma list allowed)",
            field=field,
        )
    return values


def at_least(severity: str | None) -> tuple[str, ...]:
    """``--min-severity high`` -> ("high", "critical")."""
    chosen = choose(severity, SEVERITIES, "--min-severity")
    if not chosen:
        return ()
    if len(chosen) > 1:
        raise InputError("give one severity", field="--min-severity")
    return SEVERITIES[SEVERITIES.index(chosen[0]) :]


@dataclass(frozen=True)
class FindingFilter:
    """Single values (the API's query) and value sets (the CLI's comma lists) both filter."""

    kind: FindingKind | None = None
    category: str | None = None
    severity: str | None = None
    status: FindingStatus | None = None
    user: str | None = None
    patient: str | None = None
    rule_id: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    kinds: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    severities: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()

    def as_detail(self, fingerprint: Callable[[str], str] | None = None) -> dict[str, Any]:
        """The filters for the audit trail: ids, enums and ISO dates; a value that is not an
        id (free text, perhaps a name) as its keyed ``fingerprint``, never the text."""
        out: dict[str, Any] = {}
        for key, value in self.__dict__.items():
            if value is None or value == ():
                continue
            if isinstance(value, tuple):
                text = ",".join(value)
            else:
                text = value.isoformat() if isinstance(value, datetime) else str(value)
            if not _ID_TEXT.fullmatch(text):
                text = f"fp:{fingerprint(text)}" if fingerprint else "[free text]"
            out[key] = text
        return out


def _utc(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


#: A filter field (of ``FindingFilter`` and the console's ``QueueFilter``) -> its column.
FILTER_COLUMNS: dict[str, Any] = {
    "kind": Finding.kind,
    "category": Finding.category,
    "severity": Finding.severity,
    "status": Finding.status,
    "user": Finding.user_id,
    "patient": Finding.patient_id,
    "rule_id": Finding.rule_id,
}


def where_given(stmt: Any, flt: object, fields: tuple[str, ...]) -> Any:
    """``column == value`` for each of the filter's ``fields`` that is given (not None or "")."""
    for name in fields:
        value = getattr(flt, name)
        if value is not None and value != "":
            stmt = stmt.where(FILTER_COLUMNS[name] == value)
    return stmt


def _apply(stmt: Select[Any], flt: FindingFilter) -> Select[Any]:
    stmt = where_given(stmt, flt, tuple(FILTER_COLUMNS))
    for column, values in (
        (Finding.kind, [FindingKind(k) for k in flt.kinds]),
        (Finding.category, flt.categories),
        (Finding.severity, flt.severities),
        (Finding.status, [FindingStatus(v) for v in flt.statuses]),
    ):
        if values:
            stmt = stmt.where(column.in_(values))
    since, until = _utc(flt.since), _utc(flt.until)
    if since and until and since > until:
        raise InputError("'since' is after 'until'", field="since")
    if since:
        stmt = stmt.where(Finding.event_time >= since)
    if until:
        stmt = stmt.where(Finding.event_time < until)
    return stmt


@dataclass(frozen=True)
class PageRequest:
    """Which page of findings to list, and who asks through which channel (for the audit).

    ``fingerprint`` keys free-text filter values for the audit trail (see ``as_detail``).
    """

    limit: int
    offset: int
    actor: str
    channel: str
    fingerprint: Callable[[str], str] | None = None


def list_findings(
    session: Session,
    flt: FindingFilter,
    page: PageRequest,
) -> tuple[int, list[Finding]]:
    """One page of findings (newest events first) and the total matching the filters."""
    limit, offset = page.limit, page.offset
    if limit < 1 or offset < 0:
        raise InputError("limit must be >= 1 and offset >= 0", field="limit")
    total = int(session.scalar(_apply(select(func.count(Finding.id)), flt)) or 0)
    rows = list(
        session.scalars(
            _apply(select(Finding), flt)
            .order_by(Finding.event_time.desc(), Finding.id.desc())
            .limit(limit)
            .offset(offset)
        )
    )
    repo.audit(
        session,
        page.actor,
        f"{page.channel}.findings.list",
        "findings",
        filters=flt.as_detail(page.fingerprint),
        limit=limit,
        offset=offset,
        returned=len(rows),
        total=total,
    )
    return total, rows


def list_findings_json(
    actx: AppContext,
    flt: FindingFilter,
    page: PageRequest,
) -> tuple[int, list[dict[str, Any]]]:
    """``list_findings`` in a transaction of its own, the page as ``finding_json`` items."""
    with actx.transaction() as session:
        total, rows = list_findings(session, flt, page)
        return total, [finding_json(f) for f in rows]


def get_finding(session: Session, finding_id: int, *, actor: str, channel: str) -> Finding:
    finding = session.scalars(
        select(Finding).where(Finding.id == finding_id).options(selectinload(Finding.history))
    ).first()
    if finding is None:
        raise NotFoundError(f"finding {finding_id} not found")
    repo.audit(session, actor, f"{channel}.findings.read", f"finding:{finding_id}")
    return finding


def update_finding(
    session: Session,
    finding_id: int,
    status: FindingStatus,
    *,
    actor: str,
    note: str = "",
    channel: str,
) -> Finding:
    """Change a finding's status; the history row (old -> new, who, why) is kept."""
    repo.set_finding_status(session, finding_id, status, actor, note)
    repo.audit(
        session,
        actor,
        f"{channel}.findings.update",
        f"finding:{finding_id}",
        status=str(status),
        with_note=bool(note),
    )
    session.expire_all()
    return get_finding(session, finding_id, actor=actor, channel=channel)


def finding_json(finding: Finding, *, with_history: bool = False) -> dict[str, Any]:
    def iso(value: datetime | None) -> str | None:
        return iso_z(value) if value else None

    out: dict[str, Any] = {
        "id": finding.id,
        "kind": str(finding.kind),
        "rule_id": finding.rule_id,
        "category": finding.category,
        "severity": finding.severity,
        "location": finding.location,
        "source": finding.source,
        "event_id": finding.event_id,
        "user_id": finding.user_id,
        "patient_id": finding.patient_id,
        "event_time": iso(finding.event_time),
        "start": finding.start,
        "end": finding.end,
        "score": finding.score,
        "fingerprint": finding.fingerprint,
        "explanation": finding.explanation,
        "status": str(finding.status),
        "reviewer": finding.reviewer,
        "note": finding.note,
        "first_seen": iso(finding.first_seen),
        "last_seen": iso(finding.last_seen),
    }
    if with_history:
        out["history"] = [
            {
                "at": iso(h.at),
                "actor": h.actor,
                "old_status": h.old_status,
                "new_status": h.new_status,
                "note": h.note,
            }
            for h in finding.history
        ]
    return out
