"""Findings (list, read, triage) and reports (list, fetch a file). Every read is audited."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query
from fastapi import Path as PathParam
from fastapi.responses import FileResponse
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import select

from auditor.api.auth import Permission, Principal
from auditor.api.deps import get_actx, require
from auditor.api.filerefs import redact_finding
from auditor.api.schema import AUTHENTICATED, DateTimeParam, PathsView, error_responses
from auditor.context import AppContext
from auditor.errors import NotFoundError
from auditor.services import triage
from auditor.signing.ledger import resolve_path
from auditor.store import repo
from auditor.store.models import FindingKind, FindingStatus, Report

router = APIRouter()
#: Finding ids are 32-bit integers in the store; larger ones cannot exist (422, not a 500).
FindingId = Annotated[int, PathParam(ge=1, le=2**31 - 1, description="finding id")]
Severity = Literal["low", "medium", "high", "critical"]
#: How a finding names its export file: a keyed reference, or (``findings:paths``) the path.
PATHS_QUERY = Query(
    "ref",
    description="ref: PHI findings name their file as file:<keyed hash>.<ext>; "
    "full: the full path (roles with findings:paths only)",
)


class FindingOut(BaseModel):
    id: int
    kind: str
    rule_id: str
    category: str
    severity: str
    location: str = Field(
        description="access: the event id; phi: the file reference (or path), then "
        "#<position in the file>@<start>-<end>"
    )
    source: str = Field(
        description="access: the log file; phi: file:<keyed hash>.<ext>, or the full path "
        "with paths=full (findings:paths)"
    )
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


def _shown(principal: Principal, paths: PathsView) -> bool:
    """Whether findings show full file paths (else references); ``full`` needs the right."""
    if paths == "full":
        principal.require(Permission.FINDINGS_PATHS)
        return True
    return False


def _audit_paths(actx: AppContext, principal: Principal, target: str, returned: int) -> None:
    """Full paths were shown: that read is in the audit trail as such."""
    with actx.transaction() as session:
        repo.audit(session, principal.actor, "api.findings.paths", target, returned=returned)


def _finding_out(actx: AppContext, item: dict[str, Any], full_paths: bool) -> FindingOut:
    return FindingOut(**(item if full_paths else redact_finding(item, actx.fingerprinter.of)))


@router.get(
    "/findings",
    response_model=FindingPage,
    tags=["findings"],
    responses=error_responses(*AUTHENTICATED),
)
def list_findings(
    actx: AppContext = Depends(get_actx),
    principal: Principal = Depends(require(Permission.FINDINGS_READ)),
    kind: FindingKind | None = None,
    category: str | None = Query(None, max_length=64),
    severity: Severity | None = None,
    status: FindingStatus | None = None,
    user: str | None = Query(None, max_length=128),
    patient: str | None = Query(None, max_length=128),
    rule_id: str | None = Query(None, max_length=128),
    since: DateTimeParam | None = Query(
        None, description="event time >= since (RFC 3339, with an offset)"
    ),
    until: DateTimeParam | None = Query(
        None,
        description="event time < until (RFC 3339, with an offset); "
        "an until at or before since is an empty interval: no findings",
    ),
    limit: int = Query(50, ge=1, le=1000),
    offset: int = Query(0, ge=0, le=10_000_000),
    paths: PathsView = PATHS_QUERY,
) -> FindingPage:
    """Findings matching the filters, newest events first, one page at a time."""
    full_paths = _shown(principal, paths)
    limit = min(limit, actx.settings.api.max_page_size)
    if since is not None and until is not None and until < since:
        until = since  # an empty interval, stated as one the service accepts
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
    if full_paths:
        _audit_paths(actx, principal, "findings", len(found))
    items = [_finding_out(actx, item, full_paths) for item in found]
    return FindingPage(total=total, limit=limit, offset=offset, items=items)


@router.get(
    "/findings/{finding_id}",
    response_model=FindingOut,
    tags=["findings"],
    responses=error_responses(*AUTHENTICATED, 404),
)
def get_finding(
    finding_id: FindingId,
    actx: AppContext = Depends(get_actx),
    principal: Principal = Depends(require(Permission.FINDINGS_READ)),
    paths: PathsView = PATHS_QUERY,
) -> FindingOut:
    """One finding with its triage history."""
    full_paths = _shown(principal, paths)
    with actx.transaction() as session:
        finding = triage.get_finding(session, finding_id, actor=principal.actor, channel="api")
        if full_paths:
            repo.audit(session, principal.actor, "api.findings.paths", f"finding:{finding_id}")
        return _finding_out(actx, triage.finding_json(finding, with_history=True), full_paths)


@router.patch(
    "/findings/{finding_id}",
    response_model=FindingOut,
    tags=["findings"],
    responses=error_responses(*AUTHENTICATED, 400, 404),
)
def update_finding(
    finding_id: FindingId,
    body: FindingUpdate,
    actx: AppContext = Depends(get_actx),
    principal: Principal = Depends(require(Permission.FINDINGS_TRIAGE)),
) -> FindingOut:
    """Set the status (open, confirmed, dismissed, escalated) and a note; history is kept.

    The answer names the finding's file by reference (``GET ...?paths=full`` for the path).
    """
    with actx.transaction() as session:
        finding = triage.update_finding(
            session, finding_id, body.status, actor=principal.actor, note=body.note, channel="api"
        )
        return _finding_out(actx, triage.finding_json(finding, with_history=True), False)


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


@router.get(
    "/reports",
    response_model=list[ReportOut],
    tags=["reports"],
    responses=error_responses(*AUTHENTICATED),
)
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


def _printable(name: str) -> bool:
    """No C0 control character (NUL included), DEL or C1 control in a path parameter."""
    return not any(ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F for c in name)


#: What a report folder holds, by suffix; anything else is served as octet-stream.
REPORT_MEDIA = {
    ".json": "application/json",
    ".html": "text/html",
    ".pdf": "application/pdf",
    ".jsonl": "application/octet-stream",
}
_REPORT_FILE_CONTENT = {
    media: {"schema": {"type": "string", "format": "binary"}}
    for media in sorted({*REPORT_MEDIA.values(), "application/octet-stream"})
}


@router.get(
    "/reports/{report_id}/{filename}",
    tags=["reports"],
    response_class=FileResponse,
    responses={
        200: {"description": "The file", "content": _REPORT_FILE_CONTENT},
        **error_responses(*AUTHENTICATED, 404),
    },
)
def report_file(
    report_id: str,
    filename: str,
    actx: AppContext = Depends(get_actx),
    principal: Principal = Depends(require(Permission.REPORTS_READ)),
) -> FileResponse:
    """One file of a report folder (JSON, HTML, PDF, envelope), by the name ``GET /reports``
    lists; any other name is 404, so nothing outside that folder can be named."""
    if not (_printable(report_id) and _printable(filename)):
        # A NUL would reach the database (PostgreSQL refuses it: a 500); no report or file
        # name holds a control character, and the reply must not echo one.
        raise NotFoundError("no such report file (control character in the path)")
    with actx.transaction() as session:
        report = session.get(Report, report_id)
        if report is None:
            raise NotFoundError(f"report {report_id} not found")
        folder = resolve_path(actx.settings, report.path).resolve()
        if filename not in _report_files(folder):
            raise NotFoundError(f"report {report_id} has no file {filename!r}")
        target = folder / filename
        repo.audit(
            session, principal.actor, "api.reports.read", f"report:{report_id}", file=filename
        )
    media = REPORT_MEDIA.get(target.suffix.lower(), "application/octet-stream")
    return FileResponse(target, media_type=media, filename=target.name)
