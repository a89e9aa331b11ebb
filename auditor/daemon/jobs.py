"""The daemon's jobs. Each calls the same service function as the CLI and records its outcome.

Every run has a ScanRun row (created here for scheduled runs, by the API for queued ones)
and an audit-trail entry with its status and counts, so a report can show what ran, what
failed and what was missed. Services are imported when a job runs: the daemon starts fast
and a job whose service is unavailable fails on its own, visibly, without stopping the rest.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypedDict

from auditor.daemon.logs import event
from auditor.daemon.runtime import DaemonRuntime
from auditor.errors import AuditorError
from auditor.services.runs import RunTotals
from auditor.store import queue, repo
from auditor.store.models import RunKind, RunStatus, ScanRun, Trigger

if TYPE_CHECKING:
    from auditor.services.deid import DeidResult

JOB_ACCESS = "access-logs"
JOB_EXPORTS = "exports"
JOB_REPORT = "weekly-report"
JOB_QUEUE = "queue-worker"

#: ScanRun kind of each scheduled job (used to find a job's last run and interrupted runs).
JOB_KINDS = {
    JOB_ACCESS: RunKind.ACCESS_LOGS,
    JOB_EXPORTS: RunKind.DOCUMENTS,
    JOB_REPORT: RunKind.REPORT,
}


class Outcome(Protocol):
    """What every job's service call returns: the run's totals."""

    @property
    def totals(self) -> RunTotals: ...


class _RunArgs(TypedDict):
    """The keywords every scan service takes from a daemon run (scheduled or queued)."""

    incremental: bool
    run_id: str
    trigger: str
    should_stop: Callable[[], bool]


def _run_args(rt: DaemonRuntime, run_id: str, trigger: str, *, incremental: bool) -> _RunArgs:
    return {
        "incremental": incremental,
        "run_id": run_id,
        "trigger": trigger,
        "should_stop": rt.should_stop,
    }


def expand_sources(patterns: Sequence[str], *, folders_as_files: bool = True) -> list[Path]:
    """Files named by config entries: files, folders (walked) or globs; sorted, no repeats."""
    from auditor.scanners.files import FoundFile, expand_globs, walk_files

    found: dict[Path, None] = {}
    for cand in expand_globs(patterns):
        if cand.is_dir() and folders_as_files:
            for item in walk_files([cand], skip_hidden=True):
                if isinstance(item, FoundFile):
                    found.setdefault(item.path.resolve())
        elif cand.exists():
            found.setdefault(cand.resolve())
    return list(found)


def _counts(result: Outcome) -> dict[str, Any]:
    """The ScanRun counters of a service result."""
    t = result.totals
    return {
        "records_read": t.records_read,
        "records_processed": t.records_processed,
        "records_quarantined": t.records_quarantined,
        "findings_count": t.findings_count,
        "summary": t.summary(),
    }


def _finish(
    rt: DaemonRuntime,
    run_id: str,
    status: RunStatus,
    error: str = "",
    result: Outcome | None = None,
) -> dict[str, Any]:
    """Finish the run unless the service already did; return the stored outcome."""
    counts = _counts(result) if result is not None else {}
    with rt.actx.transaction() as session:
        run = session.get(ScanRun, run_id)
        if run is not None and (run.status is RunStatus.RUNNING or status is RunStatus.FAILED):
            repo.finish_run(session, run_id, status=status, error=error, **counts)
        run = session.get(ScanRun, run_id)
        outcome = {
            "status": str(run.status) if run else str(status),
            "records_read": run.records_read if run else 0,
            "findings": run.findings_count if run else 0,
        }
        repo.audit(
            session, "daemon", "job.finished", run_id, kind=run.kind if run else "", **outcome
        )
    return outcome


def _execute(
    rt: DaemonRuntime, job: str, run_id: str, call: Callable[[], Outcome]
) -> Outcome | None:
    """Run one service call for ``run_id`` and record its outcome; never raises."""
    log = rt.log
    event(log, "job started", job=job, run_id=run_id)
    try:
        result = call()
    except AuditorError as exc:
        _finish(rt, run_id, RunStatus.FAILED, error=str(exc))
        event(log, "job failed", logging.ERROR, job=job, run_id=run_id, error=type(exc).__name__)
        return None
    except Exception as exc:  # a bug or an unavailable service: record it, keep the daemon up
        _finish(rt, run_id, RunStatus.FAILED, error=f"internal error ({type(exc).__name__})")
        log.error("job crashed", exc_info=True, extra={"fields": {"job": job, "run_id": run_id}})
        return None
    outcome = _finish(rt, run_id, RunStatus.DONE, result=result)
    event(log, "job finished", job=job, run_id=run_id, **outcome)
    return result


def _scheduled(
    rt: DaemonRuntime, job: str, source: str, call: Callable[[str, str], Outcome]
) -> None:
    with rt.exclusive() as ok:
        if not ok:
            return
        trigger = rt.take_trigger(job)
        with rt.actx.transaction() as session:
            run = repo.create_run(
                session, JOB_KINDS[job], source[:2000], trigger=trigger, requested_by="daemon"
            )
            run_id = run.id
        _execute(rt, job, run_id, lambda: call(run_id, trigger))


def access_log_job(rt: DaemonRuntime) -> None:
    """Incremental scan of the configured access logs: new files and appended lines only."""
    cfg = rt.actx.settings.daemon
    paths = expand_sources(cfg.access_log_sources)
    if not paths:
        event(rt.log, "no access-log sources found", job=JOB_ACCESS)
        return

    def call(run_id: str, trigger: str) -> Outcome:
        from auditor.services.access_scan import AccessScanRequest, scan_access_logs

        return scan_access_logs(
            rt.actx,
            AccessScanRequest(
                paths,
                fmt=cfg.access_log_format,
                **_run_args(rt, run_id, trigger, incremental=True),
            ),
        )

    _scheduled(rt, JOB_ACCESS, ";".join(map(str, paths)), call)


def export_scan_job(rt: DaemonRuntime) -> None:
    """Scan export folders for PHI: new or changed files only (path, size, mtime, digest)."""
    cfg = rt.actx.settings.daemon
    paths = expand_sources(cfg.export_dirs, folders_as_files=False)
    if not paths:
        event(rt.log, "no export folders found", job=JOB_EXPORTS)
        return

    def call(run_id: str, trigger: str) -> Outcome:
        from auditor.services.document_scan import scan_documents

        return scan_documents(rt.actx, paths, **_run_args(rt, run_id, trigger, incremental=True))

    _scheduled(rt, JOB_EXPORTS, ";".join(map(str, paths)), call)


def weekly_report_job(rt: DaemonRuntime) -> None:
    """Build and sign last week's report (the report itself notes runs missed or failed)."""

    def call(run_id: str, trigger: str) -> Outcome:
        from auditor.services.reporting import build_weekly_report

        # A catch-up after a restart finds the week already signed: it is not signed twice.
        result = build_weekly_report(
            rt.actx, week=None, rebuild=False, run_id=run_id, trigger=trigger
        )
        return _ReportOutcome(str(result.report_id), str(result.folder))

    _scheduled(rt, JOB_REPORT, "weekly", call)


class _ReportOutcome:
    def __init__(self, report_id: str, folder: str) -> None:
        self.report_id, self.folder = report_id, folder

    @property
    def totals(self) -> RunTotals:
        return RunTotals(details={"report_id": self.report_id, "folder": self.folder})


class _DeidOutcome:
    def __init__(self, result: DeidResult) -> None:
        self.result = result

    @property
    def totals(self) -> RunTotals:
        files = self.result.files_processed
        details = dict(self.result.summary())
        details["certificate"] = str(self.result.certificate_path or "")
        return RunTotals(records_read=files, records_processed=files, details=details)


def run_queued(rt: DaemonRuntime, run: ScanRun) -> None:
    """Execute one claimed API request with the service its kind names."""
    actx = rt.actx
    params = dict(run.params or {})
    roots = actx.settings.api.allowed_roots
    kind = run.kind
    incremental = bool(params.get("incremental", False))
    try:  # re-checked now: roots may have changed, a link may have been placed since
        paths = queue.check_paths(params.get("paths", []), roots)
        out = None
        if kind == RunKind.DEID and params.get("out"):
            out = queue.check_out(str(params["out"]), roots)
    except AuditorError as exc:
        _finish(rt, run.id, RunStatus.FAILED, error=str(exc))
        return

    def call() -> Outcome:
        if kind == RunKind.ACCESS_LOGS:
            from auditor.services.access_scan import AccessScanRequest, scan_access_logs

            return scan_access_logs(
                actx,
                AccessScanRequest(
                    paths,
                    fmt=str(params.get("format") or "auto"),
                    **_run_args(rt, run.id, Trigger.API, incremental=incremental),
                ),
            )
        if kind == RunKind.DOCUMENTS:
            from auditor.services.document_scan import scan_documents

            return scan_documents(
                actx, paths, **_run_args(rt, run.id, Trigger.API, incremental=incremental)
            )
        if kind == RunKind.DEID:
            from auditor.services.deid import DeidRequest, run_deid

            request = DeidRequest(
                paths,
                out or actx.settings.home / "deid" / run.id,
                profile=str(params.get("profile") or actx.settings.deid.profile),
                dry_run=bool(params.get("dry_run", False)),
                trigger=Trigger.API,
                run_id=run.id,
            )
            return _DeidOutcome(run_deid(actx, request))
        raise AuditorError(f"unknown scan kind {kind!r}")

    result = _execute(rt, f"queued:{kind}", run.id, call)
    if result is not None and rt.should_stop() and result.totals.stopped:
        with actx.transaction() as session:
            queue.requeue(session, run.id, reason="daemon stopping; resumes on next start")


def queue_worker_job(rt: DaemonRuntime) -> None:
    """Drain the queue one request at a time, yielding to scheduled jobs between requests."""
    while not rt.should_stop():
        with rt.exclusive(wait=False) as ok:
            if not ok:
                return
            with rt.actx.transaction() as session:
                run = queue.claim_next(session)
            if run is None:
                return
            run_queued(rt, run)


def run_scheduled(job_id: str, rt: DaemonRuntime | None = None) -> None:
    """The one function the job store references; the daemon's executor supplies ``rt``."""
    if rt is None:
        raise RuntimeError("scheduled jobs run inside the daemon, which supplies the runtime")
    JOB_FUNCS[job_id](rt)


JOB_FUNCS: dict[str, Callable[[DaemonRuntime], None]] = {
    JOB_ACCESS: access_log_job,
    JOB_EXPORTS: export_scan_job,
    JOB_REPORT: weekly_report_job,
    JOB_QUEUE: queue_worker_job,
}
