"""Scan requests and their status, the daemon status, and token listing (admin)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, Depends, HTTPException, Query, Request
from fastapi.responses import FileResponse
from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from auditor.api import registered
from auditor.api.auth import Permission, Principal, list_tokens, token_state
from auditor.api.deps import StatusReader, get_actx, require
from auditor.api.filerefs import redact_summary
from auditor.api.schema import AUTHENTICATED, PathsView, error_responses
from auditor.context import AppContext
from auditor.errors import NotFoundError, PermissionDeniedError
from auditor.store import queue, repo
from auditor.store.models import RunKind, RunStatus, ScanRun

router = APIRouter()

#: Absolute, no ``..`` component, no NUL (ECMA and Python read it alike; end = no next char).
PATH_PATTERN = r"^/(?!([^\x00]*/)?\.\.(/|(?![\s\S])))[^\x00]*$"
HostPath = Annotated[str, StringConstraints(min_length=1, max_length=4096, pattern=PATH_PATTERN)]


class _Scan(BaseModel):
    model_config = ConfigDict(extra="forbid", regex_engine="python-re")

    paths: list[HostPath] = Field(
        min_length=1,
        max_length=queue.MAX_PATHS,
        description="files or folders inside `api.allowed_roots` (403 outside, 404 missing)",
    )
    incremental: bool = Field(False, description="resume from checkpoints / skip unchanged")


class AccessLogsScan(_Scan):
    """Audit access logs against the policy pack."""

    kind: Literal[RunKind.ACCESS_LOGS]
    format: str = Field(
        "auto",
        max_length=72,
        pattern=registered.FORMAT_PATTERN,
        description="a format name (auto, csv, epic, fhir, atna) or mapping:NAME of a "
        "mapping registered in the home (mappings/NAME.yaml; 404 when there is none)",
    )


class DocumentsScan(_Scan):
    """Scan exported documents for PHI."""

    kind: Literal[RunKind.DOCUMENTS]


class DeidScan(_Scan):
    """De-identify exports into a new folder and sign a certificate."""

    kind: Literal[RunKind.DEID]
    out: HostPath = Field(
        description="a new output folder whose parent lies inside the allowed roots "
        "(409 when it exists, even as a link)"
    )
    profile: str | None = Field(
        None,
        max_length=64,
        pattern=registered.NAME_PATTERN,
        description="a shipped profile name or one registered in the home "
        "(deid-profiles/NAME.yaml; 404 when there is none)",
    )
    dry_run: bool = Field(False, description="report only, write nothing")


ScanRequest = Annotated[AccessLogsScan | DocumentsScan | DeidScan, Body(discriminator="kind")]


class ScanAccepted(BaseModel):
    id: str
    kind: str
    status: str
    href: str


class ScanStatus(BaseModel):
    id: str
    kind: str
    status: str
    trigger: str
    requested_by: str
    requested_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    records_read: int
    records_processed: int
    records_quarantined: int
    findings_count: int
    summary: dict[str, Any]
    error: str


def _scan_status(run: ScanRun) -> ScanStatus:
    return ScanStatus(
        id=run.id,
        kind=run.kind,
        status=str(run.status),
        trigger=run.trigger,
        requested_by=run.requested_by,
        requested_at=run.requested_at,
        started_at=run.started_at,
        finished_at=run.finished_at,
        records_read=run.records_read,
        records_processed=run.records_processed,
        records_quarantined=run.records_quarantined,
        findings_count=run.findings_count,
        summary=run.summary or {},
        error=run.error,
    )


@router.post(
    "/scans",
    status_code=202,
    response_model=ScanAccepted,
    tags=["scans"],
    responses=error_responses(*AUTHENTICATED, 400, 404, 409),
)
def request_scan(
    body: ScanRequest,
    actx: AppContext = Depends(get_actx),
    principal: Principal = Depends(require(Permission.SCANS_REQUEST, Permission.DEID_REQUEST)),
) -> ScanAccepted:
    """Queue a scan; the daemon runs it. Paths must lie inside ``api.allowed_roots``."""
    needed = Permission.DEID_REQUEST if body.kind is RunKind.DEID else Permission.SCANS_REQUEST
    principal.require(needed)
    roots = actx.settings.api.allowed_roots
    paths = queue.check_paths(body.paths, roots)
    params: dict[str, Any] = {"incremental": body.incremental}
    if isinstance(body, AccessLogsScan):
        params["format"] = registered.access_format(actx.settings, body.format)
    if isinstance(body, DeidScan):
        out = queue.check_out(body.out, roots)
        params.update(out=str(out), dry_run=body.dry_run)
        if body.profile:
            params["profile"] = registered.deid_profile(actx.settings, body.profile)
    with actx.transaction() as session:
        run = queue.enqueue(session, body.kind, paths, requested_by=principal.actor, params=params)
        run_id = run.id
    return ScanAccepted(
        id=run_id, kind=str(body.kind), status=str(RunStatus.QUEUED), href=f"scans/{run_id}"
    )


def _readable_run(actx: AppContext, principal: Principal, scan_id: str) -> ScanRun:
    with actx.transaction() as session:
        run = session.get(ScanRun, scan_id)
    if run is None:
        raise NotFoundError(f"scan {scan_id} not found")
    if principal.can(Permission.SCANS_READ):
        return run
    if run.kind == RunKind.DEID and principal.can(Permission.CERTIFICATES_READ):
        return run
    raise PermissionDeniedError(f"role {principal.role} may not read {run.kind} scans")


@router.get(
    "/scans/{scan_id}",
    response_model=ScanStatus,
    tags=["scans"],
    responses=error_responses(*AUTHENTICATED, 404),
)
def scan_status(
    scan_id: str,
    actx: AppContext = Depends(get_actx),
    principal: Principal = Depends(require(Permission.SCANS_READ, Permission.CERTIFICATES_READ)),
    paths: PathsView = Query(
        "ref",
        description="ref: a document scan's summary names files as file:<keyed hash>.<ext>; "
        "full: the paths (roles with findings:paths only)",
    ),
) -> ScanStatus:
    """Status (queued, running, done, failed), counts and error of one scan."""
    if paths == "full":
        principal.require(Permission.FINDINGS_PATHS)
    status = _scan_status(_readable_run(actx, principal, scan_id))
    if paths == "ref" and status.kind == RunKind.DOCUMENTS:
        status.summary = redact_summary(status.summary, actx.fingerprinter.of)
    return status


@router.get(
    "/scans/{scan_id}/certificate",
    tags=["scans"],
    response_class=FileResponse,
    responses={
        200: {
            "description": "The signed certificate (JSON)",
            "content": {"application/json": {"schema": {"type": "object"}}},
        },
        **error_responses(*AUTHENTICATED, 404),
    },
)
def deid_certificate(
    scan_id: str,
    actx: AppContext = Depends(get_actx),
    principal: Principal = Depends(require(Permission.CERTIFICATES_READ)),
) -> FileResponse:
    """The signed de-identification certificate of a finished deid scan."""
    run = _readable_run(actx, principal, scan_id)
    cert = str((run.summary or {}).get("certificate") or "")
    if run.kind != RunKind.DEID or run.status is not RunStatus.DONE or not cert:
        raise NotFoundError(f"scan {scan_id} has no certificate")
    path = Path(cert)
    if not path.is_file():
        raise NotFoundError(f"the certificate of scan {scan_id} is no longer on disk")
    with actx.transaction() as session:
        repo.audit(session, principal.actor, "api.certificates.read", f"scan:{scan_id}")
    return FileResponse(path, media_type="application/json", filename=path.name)


@router.get("/status", tags=["service"], responses=error_responses(*AUTHENTICATED, 503))
def service_status(
    request: Request,
    actx: AppContext = Depends(get_actx),
    _principal: Principal = Depends(require(Permission.STATUS_READ)),
) -> dict[str, Any]:
    """Daemon status: schedules, last and next runs, queue depth, lock holder."""
    status: StatusReader | None = request.app.state.status
    if status is None:
        raise HTTPException(503, "no daemon status reader configured")
    return status(actx)


class TokenInfo(BaseModel):
    name: str
    role: str
    prefix: str
    state: str
    created_at: datetime
    expires_at: datetime | None
    last_used_at: datetime | None


@router.get(
    "/tokens",
    response_model=list[TokenInfo],
    tags=["service"],
    responses=error_responses(*AUTHENTICATED),
)
def tokens(
    actx: AppContext = Depends(get_actx),
    _principal: Principal = Depends(require(Permission.TOKENS_ADMIN)),
) -> list[TokenInfo]:
    """API tokens (never their values: only a hash is stored)."""
    now = actx.clock()
    with actx.transaction() as session:
        return [
            TokenInfo(
                name=t.name,
                role=t.role,
                prefix=t.prefix,
                state=token_state(t, now),
                created_at=t.created_at,
                expires_at=t.expires_at,
                last_used_at=t.last_used_at,
            )
            for t in list_tokens(session)
        ]
