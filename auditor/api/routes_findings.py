"""Findings (list, read, triage) and reports (list, fetch a file). Every read is audited."""

from __future__ import annotations

import mimetypes
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query
from fastapi import Path as PathParam
from fastapi.responses import FileResponse
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import select

from auditor.api.auth import Permission, Principal
from auditor.api.deps import get_actx, require
from auditor.context import AppContext
from auditor.errors import InputError, NotFoundError
from auditor.services import triage
from auditor.signing.ledger import resolve_path
from auditor.store import repo
from auditor.store.models import FindingKind, FindingStatus, Report

router = APIRouter()
#: Finding ids are 32-bit integers in the store; larger ones cannot exist (422, not a 500).
FindingId = Annotated[int, PathParam(ge=1, le=2**31 - 1, description="finding id")]


class FindingOut(BaseModel):
    id: int
    kind: str
    rule_id: str
    category: str
    severity: str
    location: str
    source: str
    event_id: str
    user_id: str
    patient_id: str
    event_time: str | None
    start: int | None
    end: int | None
    score: float | None
    fingerprint: str
    explanation: str
    status: str
    reviewer: str
    note: str
    first_seen: str | None
    last_seen: str | None
    history: list[dict[str, Any]] | None = None


class FindingPage(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[FindingOut]


class FindingUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    status: FindingStatus
    note: str = Field("", max_length=4000)


@router.get("/findings", response_model=FindingPage, tags=["findings"])
def list_findings(
    actx: AppContext = Depends(get_actx),
    principal: Principal = Depends(require(Permission.FINDINGS_READ)),
    kind: FindingKind | None = None,
    category: str | None = Query(None, max_length=64),
    severity: str | None = Query(None, max_length=16),
    status: FindingStatus | None = None,
    user: str | None = Query(None, max_length=128),
    patient: str | None = Query(None, max_length=128),
    rule_id: str | None = Query(None, max_length=128),
    since: datetime | None = Query(None, description="event time >= since (ISO 8601)"),
    until: datetime | None = Query(None, description="event time < until (ISO 8601)"),
    limit: int = Query(50, ge=1, le=1000),
    offset: int = Query(0, ge=0, le=10_000_000),
) -> FindingPage:
    """Findings matching the filters, newest events first, one page at a time."""
    limit = min(limit, actx.settings.api.max_page_size)
    flt = triage.FindingFilter(
        kind=kind,
        category=category,
        severity=severity,
        status=status,
        user=user,
        patient=patient,
        rule_id=rule_id,
        since=since,
        until=until,
    )
    page = triage.PageRequest(
        limit=limit,
        offset=offset,
        actor=principal.actor,
        channel="api",
        fingerprint=actx.fingerprinter.of,
    )
    total, found = triage.list_findings_json(actx, flt, page)
    items = [FindingOut(**item) for item in found]
    return FindingPage(total=total, limit=limit, offset=offset, items=items)


@router.get("/findings/{finding_id}", response_model=FindingOut, tags=["findings"])
def get_finding(
    finding_id: FindingId,
    actx: AppContext = Depends(get_actx),
    principal: Principal = Depends(require(Permission.FINDINGS_READ)),
) -> FindingOut:
    """One finding with its triage history."""
    with actx.transaction() as session:
        finding = triage.get_finding(session, finding_id, actor=principal.actor, channel="api")
        return FindingOut(**triage.finding_json(finding, with_history=True))


@router.patch("/findings/{finding_id}", response_model=FindingOut, tags=["findings"])
def update_finding(
    finding_id: FindingId,
    body: FindingUpdate,
    actx: AppContext = Depends(get_actx),
    principal: Principal = Depends(require(Permission.FINDINGS_TRIAGE)),
) -> FindingOut:
    """Set the status (open, confirmed, dismissed, escalated) and a note; history is kept."""
    with actx.transaction() as session:
        finding = triage.update_finding(
            session, finding_id, body.status, actor=principal.actor, note=body.note, channel="api"
        )
        return FindingOut(**triage.finding_json(finding, with_history=True))


class ReportOut(BaseModel):
    id: str
    kind: str
    period_start: datetime
    period_end: datetime
    created_at: datetime
    envelope_digest: str
    key_id: str
    files: list[str]


def _report_files(folder: Path) -> list[str]:
    if not folder.is_dir():
        return []
    return sorted(p.name for p in folder.iterdir() if p.is_file() and not p.is_symlink())


@router.get("/reports", response_model=list[ReportOut], tags=["reports"])
def list_reports(
    actx: AppContext = Depends(get_actx),
    principal: Principal = Depends(require(Permission.REPORTS_READ)),
    limit: int = Query(100, ge=1, le=1000),
) -> list[ReportOut]:
    """Signed reports, newest first, with the files each folder holds."""
    with actx.transaction() as session:
        rows = session.scalars(select(Report).order_by(Report.created_at.desc()).limit(limit)).all()
        repo.audit(session, principal.actor, "api.reports.list", "reports", returned=len(rows))
        return [
            ReportOut(
                id=r.id,
                kind=r.kind,
                period_start=r.period_start,
                period_end=r.period_end,
                created_at=r.created_at,
                envelope_digest=r.envelope_digest,
                key_id=r.key_id,
                files=_report_files(resolve_path(actx.settings, r.path)),
            )
            for r in rows
        ]


@router.get("/reports/{report_id}/{filename}", tags=["reports"], response_class=FileResponse)
def report_file(
    report_id: str,
    filename: str,
    actx: AppContext = Depends(get_actx),
    principal: Principal = Depends(require(Permission.REPORTS_READ)),
) -> FileResponse:
    """One file of a report folder (JSON, HTML, PDF, envelope); nothing outside that folder."""
    if not filename or "/" in filename or "\\" in filename or filename in {".", ".."}:
        raise InputError("file must be a plain file name of the report folder", field="filename")
    with actx.transaction() as session:
        report = session.get(Report, report_id)
        if report is None:
            raise NotFoundError(f"report {report_id} not found")
        folder = resolve_path(actx.settings, report.path).resolve()
        target = (folder / filename).resolve()
        if target.parent != folder or not target.is_file() or (folder / filename).is_symlink():
            raise NotFoundError(f"report {report_id} has no file {filename!r}")
        repo.audit(
            session, principal.actor, "api.reports.read", f"report:{report_id}", file=filename
        )
    media = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
    return FileResponse(target, media_type=media, filename=target.name)
