"""Scan access logs against the policy pack: the one code path for CLI, daemon and API.

One DuckDB connection per scan, locked down before any data arrives (it may read only the
scan's inputs and work folder). Per file, per segment: load events vectorised, quarantine
bad records, define the joined access view (explanations included), run every rule in one
pass, and upsert findings in batches. An incremental run resumes each file from its checkpoint; a
checkpoint commits after the findings of the segments it covers (one writer, in order), every
few segments (``FileScan.run``), so a run killed at any point resumes with no gap, and
re-processing a segment only touches ``last_seen``.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from auditor import ctrl_c
from auditor.alerts import send_alerts
from auditor.context import AppContext, work_dir
from auditor.errors import InputError
from auditor.policy import carry_parts, engine
from auditor.policy.context import context_files
from auditor.policy.evaluate import SegmentEvaluator
from auditor.policy.loader import load_pack
from auditor.scanners.access_logs import resolve_format
from auditor.scanners.access_logs.quarantine import Quarantine
from auditor.scanners.files import FoundFile, walk_files
from auditor.services.access_findings import AccessBatch, OnBatch
from auditor.services.access_result import AccessScanResult
from auditor.services.access_segments import AccessScanJob, FileScan, OnProgress, load_manifest
from auditor.services.access_writer import StoreWriter
from auditor.services.runs import recorded_run
from auditor.store import audited
from auditor.store.models import RunKind

__all__ = [
    "AccessBatch",
    "AccessScanRequest",
    "AccessScanResult",
    "expand_paths",
    "scan_access_logs",
]


def expand_paths(paths: Sequence[Path]) -> list[Path]:
    """Files as given; folders expand to their files, sorted, hidden entries below them skipped."""
    out: list[Path] = []
    for raw in paths:
        path = Path(raw).expanduser()
        if path.is_dir():
            out.extend(
                f.path for f in walk_files([path], skip_hidden=True) if isinstance(f, FoundFile)
            )
        elif path.is_file():
            out.append(path)
        else:
            raise InputError("no such file or folder", file=str(path))
    return out


#: A carried event's bytes in DuckDB's memory per byte of input read (the carry's columns
#: uncompressed: ~200 bytes an event; a bench CSV line is ~92), and per persisted event.
CARRY_BYTES_PER_INPUT_BYTE = 2.5
CARRY_BYTES_PER_EVENT = 250


def carry_bytes(job: AccessScanJob, manifest: carry_parts.Manifest) -> int | None:
    """What the scan's window carry may take in memory, at most: every event of its inputs
    and of the persisted carry (``engine.carry_in_memory`` keeps a small one in memory).
    None when an older version's single-file carry is to be read (its rows unknown)."""
    if manifest.legacy is not None:
        return None
    read = 0
    for path, _ in job.specs:
        try:
            read += path.stat().st_size
        except OSError:
            continue
    rows = sum(p.rows for p in manifest.parts)
    return int(read * CARRY_BYTES_PER_INPUT_BYTE) + rows * CARRY_BYTES_PER_EVENT


def _engine_config(
    actx: AppContext, tz: str, work: Path, carry: int | None = None
) -> engine.EngineConfig:
    s = actx.settings
    return engine.EngineConfig(
        timezone=tz,
        before_days=s.explain.before_days,
        after_days=s.explain.after_days,
        placeholder_reasons=tuple(s.access.placeholder_reasons),
        high_volume_threshold=s.access.high_volume_threshold,
        high_volume_window_minutes=s.access.high_volume_window_minutes,
        memory_limit=s.access.duckdb_memory_limit,
        threads=s.access.duckdb_threads,
        temp_dir=work / "spill",
        carry_db=work / "carry.duckdb",
        carry_bytes=carry,
        rule_time_limit=s.access.rule_time_limit_seconds,
    )


def _check_tz(name: str) -> str:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise InputError(f"unknown timezone {name!r}", field="timezone") from exc
    return name


@dataclass(frozen=True)
class AccessScanRequest:
    """What a caller (CLI, daemon, API queue, demo) asks of ``scan_access_logs``.

    ``None`` for ``context_dir``, ``policies_dir`` or ``timezone`` means the settings' value;
    ``run_id`` names a run the caller already queued; ``on_batch`` sees findings as they are
    stored and ``should_stop`` ends the scan between segments (a graceful daemon stop).
    """

    paths: Sequence[Path]
    fmt: str = "auto"
    context_dir: Path | None = None
    policies_dir: Path | None = None
    timezone: str | None = None
    incremental: bool = False
    run_id: str | None = None
    trigger: str = "cli"
    on_batch: OnBatch | None = None
    should_stop: Callable[[], bool] | None = None
    on_progress: OnProgress | None = None
    engine: str | None = None  # "duckdb" | "spark"; None: ``[access] engine``
    master: str | None = None  # Spark master URL; None: ``[access] spark_master``


def scan_access_logs(actx: AppContext, request: AccessScanRequest) -> AccessScanResult:
    """Scan ``request.paths``; findings go to the store (and to ``on_batch``); the totals."""
    started = time.perf_counter()
    settings = actx.settings
    paths, fmt, incremental = request.paths, request.fmt, request.incremental
    run_id, trigger = request.run_id, request.trigger
    tz = _check_tz(request.timezone or settings.timezone)
    policies_dir = request.policies_dir
    pack = load_pack(Path(policies_dir) if policies_dir else settings.resolved_policies_dir)
    files = expand_paths(paths)
    specs = [(path, resolve_format(fmt, path)) for path in files]
    ctx_dir = Path(request.context_dir) if request.context_dir else settings.resolved_context_dir
    params = {
        "paths": [str(p) for p in paths],
        "format": fmt,
        "context_dir": str(ctx_dir or ""),
        "policies_dir": str(pack.directory),
        "timezone": tz,
        "incremental": incremental,
        "engine": request.engine or settings.access.engine,
    }
    with recorded_run(
        actx, RunKind.ACCESS_LOGS, paths, trigger=trigger, run_id=run_id, params=params
    ) as run:
        result = AccessScanResult(run_id=run.id, timezone=tz, policies_dir=str(pack.directory))
        run.follow(lambda: result.totals)
        settings.quarantine_dir.mkdir(parents=True, exist_ok=True)
        work = work_dir(settings, "access")  # under the home: cleaned at start after a kill
        quarantine = Quarantine(settings.quarantine_dir, run.id)
        try:
            job = AccessScanJob(
                actx,
                pack,
                specs,
                ctx_dir,
                tz,
                work,
                quarantine,
                incremental,
                request.on_batch,
                request.should_stop,
                request.on_progress,
            )
            _run(job, result, str(params["engine"]), request.master)
        finally:
            quarantine.close()
            shutil.rmtree(work, ignore_errors=True)
        result.quarantine_file = str(quarantine.path) if quarantine.count else ""
        result.timings["total"] = time.perf_counter() - started
        run.audit.update(records=result.records_read, findings=result.findings_total)
        # Alerts inside the run: a process killed while sending leaves the run "running",
        # so a restarted daemon reruns it at once and the outbox's unsent alerts go out.
        alerts = send_alerts(actx)
        run.audit.update(
            alerts_sent=alerts.sent, alerts_failed=alerts.failed, alerts_skipped=alerts.skipped
        )
    return result


def _evaluator(
    name: str, master: str | None, con: Any, job: AccessScanJob, cfg: engine.EngineConfig, **kw: Any
) -> SegmentEvaluator:
    """The chosen engine's evaluator: DuckDB in process, or Spark (docs/scale-out.md); the
    scan's DuckDB connection parses and validates input for both."""
    if name == "spark":
        from auditor.spark.evaluate import SparkSegmentEvaluator

        access = job.actx.settings.access
        master = master or access.spark_master
        return SparkSegmentEvaluator(
            con, job.pack, cfg, master=master, conf=dict(access.spark_conf), **kw
        )
    return SegmentEvaluator(con, job.pack, cfg, **kw)


def _run(job: AccessScanJob, result: AccessScanResult, name: str, master: str | None) -> None:
    """Open the scan's database, prepare the policy engine, then scan file after file."""
    settings = job.actx.settings
    manifest = load_manifest(job.actx)
    cfg = _engine_config(job.actx, job.timezone, job.work, carry_bytes(job, manifest))
    (job.work / "spill").mkdir(exist_ok=True)
    settings.checkpoints_dir.mkdir(parents=True, exist_ok=True)
    inputs = [p for p, _ in job.specs] + context_files(job.context_dir)
    job.carry_folder.mkdir(parents=True, exist_ok=True)
    con = engine.connect(
        cfg,
        allowed_dirs=[job.work, job.carry_folder],
        allowed_paths=[*inputs, job.persisted_carry],
    )
    writer = StoreWriter(job.actx, result.run_id, timezone=job.timezone)
    try:
        with ctrl_c.registered(con):  # Ctrl-C interrupts its statement at once
            evaluator = _evaluator(
                name,
                master,
                con,
                job,
                cfg,
                chunk=settings.access.finding_batch,
                with_json=job.on_batch is not None,
                carry_from=manifest,
            )
            with result.timed("context"):
                context = evaluator.prepare(job.context_dir, job.quarantine)
            result.context_missing = context.missing
            result.context_rows = dict(context.rows)
            result.context_rejected = dict(context.rejected)
            result.disabled_rules = evaluator.disabled
            result.failed_rules = evaluator.failed  # live: fills as rules fail during the scan
            scan = FileScan(job, evaluator, writer, result, manifest)
            _scan_files(scan, job, result)
    except BaseException:
        writer.abort()
        raise
    else:
        _close(job, scan, writer, result)
        result.findings_new = writer.new
        with job.actx.transaction() as session:
            result.events_distinct, result.events_new = audited.run_distinct(session, result.run_id)
    finally:
        con.close()


def _close(
    job: AccessScanJob, scan: FileScan, writer: StoreWriter, result: AccessScanResult
) -> None:
    """Wait for the store's writer; persist the window (an incremental run did, segment by
    segment). The window's part is written while the writer thread makes its last merges
    (DuckDB and SQLite on two cores: at 1M bench events ~1 s each, which had run one after
    the other), and the manifest naming it is committed once the writer's work is."""
    writer.finish()
    part = None
    try:
        if not job.incremental:
            part = scan.window_part()
        with result.timed("store_wait"):
            writer.close()  # everything committed before the run is reported done
    except BaseException:
        writer.abort()
        if part is not None:
            scan.drop_window(part)
        raise
    if part is not None:
        scan.commit_window(part)


def _scan_files(scan: FileScan, job: AccessScanJob, result: AccessScanResult) -> None:
    for path, spec in job.specs:
        if job.stopping():
            result.stopped = True
            break
        try:
            result.files.append(scan.run(path, spec))
        except InputError as exc:  # one unreadable file is reported; the others go on
            result.files.append({"file": str(path), "format": spec.name, "error": str(exc)})
        if result.stopped:
            break
