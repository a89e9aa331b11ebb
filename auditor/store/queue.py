"""The scan queue: ScanRun rows the API inserts and the daemon executes, one at a time.

Store work only (rows and their state machine), so the API enqueues without the daemon; every
function takes the caller's session, whose context clock stamps the rows.

State machine: ``queued -> running -> done | failed``. A daemon that dies mid-run leaves a
``running`` row; the next daemon (it holds the lock, so nobody else can be running it) puts
API requests back to ``queued`` and marks scheduled runs failed and due again, so every
request is executed and no run is silently lost.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from auditor.errors import ConflictError, InputError, NotFoundError, PermissionDeniedError
from auditor.store import repo
from auditor.store.models import DAEMON_TRIGGERS, RunKind, RunStatus, ScanRun, Trigger

#: The kinds a request may queue (the API's and the daemon's queue worker's vocabulary).
QUEUED_KINDS = (RunKind.ACCESS_LOGS, RunKind.DOCUMENTS, RunKind.DEID)
MAX_PATHS = 100


def check_paths(raw: Sequence[str], allowed_roots: Sequence[str]) -> list[Path]:
    """Paths a request may name: absolute, no ``..``, inside an allowed root after symlinks.

    Raises InputError (400) for malformed paths, PermissionDeniedError (403) for paths
    outside every allowed root (decided before existence, so nothing is learnt about files
    outside them) and NotFoundError (404) for a path inside that does not exist (or cannot:
    a name too long for the file system). Error messages name the path index, not the path.
    """
    if not raw:
        raise InputError("at least one path is required", field="paths")
    if len(raw) > MAX_PATHS:
        raise InputError(f"at most {MAX_PATHS} paths per request", field="paths")
    candidates: list[tuple[str, Path]] = []
    for i, value in enumerate(raw):
        field = f"paths[{i}]"
        if not value or "\x00" in value:
            raise InputError("empty path or NUL byte", field=field)
        path = Path(value)
        if not path.is_absolute():
            raise InputError("path must be absolute", field=field)
        if ".." in path.parts:
            raise InputError("'..' is not allowed in paths", field=field)
        candidates.append((field, path))
    roots = [Path(r).expanduser().resolve() for r in allowed_roots if r]
    if not roots:
        raise PermissionDeniedError("no allowed roots are configured (api.allowed_roots)")
    return [_inside_roots(path, roots, field) for field, path in candidates]


def _inside_roots(path: Path, roots: Sequence[Path], field: str) -> Path:
    """``path`` resolved, when that lies inside a root (403) and exists (404)."""
    try:
        resolved = path.resolve()
    except (OSError, UnicodeError, RuntimeError) as exc:  # unencodable, a link loop
        raise InputError(f"unusable path ({type(exc).__name__})", field=field) from exc
    if not _inside(resolved, roots):
        raise PermissionDeniedError(
            "path is outside the allowed roots (symlinks are resolved)", field=field
        )
    try:
        exists = resolved.exists()
    except (OSError, ValueError):  # a component longer than the file system allows
        exists = False
    if not exists:
        raise NotFoundError("path does not exist", field=field)
    return resolved


def _inside(path: Path, roots: Sequence[Path]) -> bool:
    return any(path == root or path.is_relative_to(root) for root in roots)


def check_out(value: str, allowed_roots: Sequence[str]) -> Path:
    """A new output folder a request may name, checked at the moment it is used.

    Its parent must exist inside an allowed root (symlinks resolved) and the folder itself
    must not exist yet, not even as a (dangling) symbolic link (ConflictError, 409): the
    writer then creates it fresh, so nothing outside the roots is reached through a link
    placed after the request.
    """
    if not value or "\x00" in value:
        raise InputError("empty path or NUL byte", field="out")
    path = Path(value)
    if not path.is_absolute() or ".." in path.parts:
        raise InputError("output folder must be an absolute path without '..'", field="out")
    roots = [Path(r).expanduser().resolve() for r in allowed_roots if r]
    if not roots:
        raise PermissionDeniedError("no allowed roots are configured (api.allowed_roots)")
    parent = _inside_roots(path.parent, roots, "out")
    target = parent / path.name
    try:
        present = target.is_symlink() or target.exists()
    except (OSError, ValueError):  # too long a name: it cannot be created either
        raise InputError("output folder name is too long", field="out") from None
    if present:
        raise ConflictError("output folder already exists (or is a link)", field="out")
    return target


def enqueue(
    session: Session,
    kind: RunKind,
    paths: Sequence[Path],
    *,
    requested_by: str,
    params: dict[str, Any] | None = None,
) -> ScanRun:
    if kind not in QUEUED_KINDS:
        raise InputError(f"{kind} runs cannot be queued", field="kind")
    body = dict(params or {})
    body["paths"] = [str(p) for p in paths]
    run = repo.create_run(
        session,
        str(kind),
        ";".join(body["paths"])[:2000],
        status=RunStatus.QUEUED,
        trigger=Trigger.API,
        requested_by=requested_by,
        params=body,
    )
    repo.audit(session, requested_by, "scan.requested", run.id, kind=str(kind))
    return run


def claim_next(session: Session) -> ScanRun | None:
    """Move the oldest queued request to ``running`` atomically and return it (detached)."""
    for _ in range(5):
        run_id = session.scalar(
            select(ScanRun.id)
            .where(ScanRun.status == RunStatus.QUEUED)
            .order_by(ScanRun.requested_at, ScanRun.id)
            .limit(1)
        )
        if run_id is None:
            return None
        claimed = session.execute(
            update(ScanRun)
            .where(ScanRun.id == run_id, ScanRun.status == RunStatus.QUEUED)
            .values(status=RunStatus.RUNNING, started_at=repo.session_now(session))
        )
        if getattr(claimed, "rowcount", 0) == 1:
            run = session.get(ScanRun, run_id)
            if run is not None:
                session.refresh(run)
                session.expunge(run)
            return run
    return None


def requeue(session: Session, run_id: str, reason: str) -> None:
    session.execute(
        update(ScanRun)
        .where(ScanRun.id == run_id)
        .values(status=RunStatus.QUEUED, started_at=None, finished_at=None)
    )
    repo.audit(session, "daemon", "scan.requeued", run_id, reason=reason)


def recover_orphans(session: Session) -> set[str]:
    """After an unclean stop: requeue API runs, fail scheduled ones. Returns their kinds."""
    interrupted: set[str] = set()
    orphans = session.scalars(
        select(ScanRun).where(
            ScanRun.status == RunStatus.RUNNING,
            ScanRun.trigger.in_([str(t) for t in DAEMON_TRIGGERS]),
        )
    ).all()
    for run in orphans:
        if run.trigger == Trigger.API:
            run.status, run.started_at = RunStatus.QUEUED, None
            repo.audit(session, "daemon", "scan.requeued", run.id, reason="daemon restart")
        else:
            run.status, run.finished_at = RunStatus.FAILED, repo.session_now(session)
            run.error = "interrupted: the daemon stopped before the run finished"
            interrupted.add(run.kind)
            repo.audit(session, "daemon", "job.interrupted", run.id, kind=run.kind)
    # A scheduled scan stopped at a checkpoint by SIGTERM finishes on the next start.
    scheduled = [str(Trigger.SCHEDULE), str(Trigger.CATCH_UP)]
    for kind in (RunKind.ACCESS_LOGS, RunKind.DOCUMENTS):
        last = session.scalars(
            select(ScanRun)
            .where(ScanRun.kind == kind, ScanRun.trigger.in_(scheduled))
            .order_by(ScanRun.requested_at.desc())
            .limit(1)
        ).first()
        if last is not None and (last.summary or {}).get("stopped"):
            interrupted.add(str(kind))
    return interrupted


def depth(session: Session) -> dict[str, int]:
    rows = session.execute(
        select(ScanRun.status, func.count(ScanRun.id))
        .where(ScanRun.status.in_([RunStatus.QUEUED, RunStatus.RUNNING]))
        .group_by(ScanRun.status)
    ).all()
    counts = {str(status): int(n) for status, n in rows}
    return {"queued": counts.get("queued", 0), "running": counts.get("running", 0)}
