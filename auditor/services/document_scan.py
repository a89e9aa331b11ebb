"""``scan_documents``: find PHI in exported files; the CLI, the daemon and the API call this.

Files are walked in a fixed order, read by the extractor for their type into text units,
and the units analysed by the PHI engine in batches (in this process, or in worker
processes for big jobs). Findings carry offsets, locations and keyed fingerprints, never the
matched text. Every file ends up scanned, unchanged (incremental) or skipped with a reason.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from auditor import __version__
from auditor.context import AppContext
from auditor.filehash import sha256_file as file_digest
from auditor.scanners.documents.walker import FileEntry, SkippedPath, walk
from auditor.scanners.files import Links
from auditor.services.document_pipeline import (
    DocumentPipeline,
    DocumentScanResult,
    OnFinding,
    OnValue,
    checkpoint_key,
    os_reason,
)
from auditor.services.document_workers import (
    Analyzer,
    InlineAnalyzer,
    PoolAnalyzer,
    load_engine,
)
from auditor.services.findings_parquet import ParquetFindings
from auditor.services.runs import recorded_run
from auditor.store import repo
from auditor.store.models import RunKind, Trigger

if TYPE_CHECKING:
    from auditor.phi.engine import PhiEngine

logger = logging.getLogger(__name__)

# Below this many bytes to scan, starting worker processes costs more than it saves.
POOL_MIN_BYTES = 512 << 10

__all__ = ["DocumentScanResult", "checkpoint_key", "scan_documents"]


def scan_documents(
    actx: AppContext,
    paths: Sequence[Path],
    *,
    dictionaries: Sequence[Path] = (),
    context_dir: Path | None = None,
    incremental: bool = False,
    run_id: str | None = None,
    trigger: str = Trigger.CLI,
    on_finding: OnFinding | None = None,
    should_stop: Callable[[], bool] | None = None,
    on_value: OnValue | None = None,
    progress: Callable[[int, int], None] | None = None,
    engine: PhiEngine | None = None,
    engine_name: str | None = None,
    master: str | None = None,
    findings_parquet: Path | None = None,
) -> DocumentScanResult:
    """Scan files and folders for PHI; record the run, findings and checkpoints in the store.

    ``on_value`` receives the matched text of each finding, in memory only (``--show-values``);
    ``should_stop`` is polled before each file and every few dozen text units inside one (a
    file stopped part-way keeps its findings but no checkpoint, so it is scanned again next
    time); ``progress`` receives (files done, files to do); ``engine`` reuses a loaded PHI engine
    (a long-lived process scanning often), used when the scan runs in this process.
    ``engine_name`` "spark" analyses on Spark (``master``; default ``[documents]``);
    ``findings_parquet`` writes findings there instead of the store (docs/scale-out.md).
    """
    started = time.perf_counter()
    settings = actx.settings
    context_dir = context_dir or settings.resolved_context_dir
    params = {
        "paths": [str(p) for p in paths],
        "dictionaries": [str(d) for d in dictionaries],
        "context_dir": str(context_dir) if context_dir else "",
        "incremental": incremental,
    }
    spark = (engine_name or settings.documents.engine) == "spark"
    if spark:
        params["engine"] = "spark"
    if findings_parquet is not None:
        params["findings_parquet"] = str(findings_parquet)
    with recorded_run(
        actx, RunKind.DOCUMENTS, paths, trigger=trigger, run_id=run_id, params=params
    ) as run:
        result = DocumentScanResult(run_id=run.id)
        run.follow(lambda: result.totals)
        analyzer: Analyzer | None = None
        sink: ParquetFindings | None = None
        try:
            entries: list[FileEntry] = []
            links = Links.FOLLOW if trigger == Trigger.CLI else Links.WITHIN
            for item in walk([Path(p) for p in paths], links):
                if isinstance(item, SkippedPath):
                    result.files_skipped.append((item.path, item.reason))
                else:
                    entries.append(item)
            result.files_seen = len(entries) + len(result.files_skipped)
            config = _config_digest(actx, dictionaries, context_dir)
            todo = _plan(actx, entries, incremental, config, result)
            if todo:  # nothing to do (all unchanged): do not even load the engine
                if spark:
                    from auditor.spark.phi import SparkAnalyzer

                    analyzer = SparkAnalyzer.from_settings(
                        settings, dictionaries, context_dir, master
                    )
                else:
                    analyzer = _make_analyzer(actx, dictionaries, context_dir, todo, engine)
                result.workers = analyzer.workers
                pipeline = DocumentPipeline(
                    actx, result, analyzer, config, on_finding, on_value, progress, len(todo)
                )
                if findings_parquet is not None:
                    sink = ParquetFindings(findings_parquet, run.id)
                    pipeline.write_findings = sink.write
                pipeline.run(todo, should_stop)
        finally:
            if analyzer is not None:
                analyzer.close()
            if sink is not None:
                sink.close()
            result.elapsed_seconds = time.perf_counter() - started
            run.audit.update(files=result.files_scanned, findings=result.findings)
    return result


def _make_analyzer(
    actx: AppContext,
    dictionaries: Sequence[Path],
    context_dir: Path | None,
    todo: list[tuple[FileEntry, str]],
    engine: PhiEngine | None,
) -> Analyzer:
    workers = actx.settings.phi.workers or (os.cpu_count() or 1)
    total = sum(entry.size for entry, _ in todo)
    if workers > 1 and total >= POOL_MIN_BYTES:
        return PoolAnalyzer(workers, actx.settings, dictionaries, context_dir, engine)
    return InlineAnalyzer(engine or load_engine(actx.settings, dictionaries, context_dir))


def _config_digest(actx: AppContext, dictionaries: Sequence[Path], context_dir: Path | None) -> str:
    """What else decides a file's findings: a change here makes incremental scans redo files."""
    files: list[Path] = list(dictionaries)
    home_dicts = actx.settings.dictionaries_dir
    if home_dicts.is_dir():
        files += sorted(home_dicts.iterdir())
    files += [Path(p) for p in actx.settings.phi.dictionaries]
    if context_dir and context_dir.is_dir():
        files += sorted(context_dir.glob("*.csv"))
    stamp: list[Any] = [__version__, actx.settings.phi.model, actx.settings.phi.mrn_patterns]
    for f in files:
        try:
            st = f.stat()
            stamp.append([str(f.absolute()), st.st_size, st.st_mtime_ns])
        except OSError:
            stamp.append([str(f), None])
    return hashlib.sha256(json.dumps(stamp, default=str).encode()).hexdigest()[:16]


def _plan(
    actx: AppContext,
    entries: list[FileEntry],
    incremental: bool,
    config: str,
    result: DocumentScanResult,
) -> list[tuple[FileEntry, str]]:
    """(file, digest) to scan; unchanged files are counted and left out when incremental.

    Unchanged = same size and modification time as at the last complete scan with the same
    engine configuration, or (touched files) same size and content digest.
    """
    keys = [checkpoint_key(entry.path.absolute()) for entry in entries]
    metas: dict[str, dict[str, Any]] = {}
    if incremental:
        with actx.transaction() as session:
            metas = repo.checkpoint_metas(session, keys)
    todo: list[tuple[FileEntry, str]] = []
    touched: dict[str, dict[str, Any]] = {}
    for entry, key in zip(entries, keys, strict=True):
        meta = metas.get(key, {})
        same = meta.get("config") == config and meta.get("size") == entry.size
        if same and meta.get("mtime_ns") == entry.mtime_ns:
            result.files_unchanged += 1
            continue
        try:
            digest = file_digest(entry.path)
        except OSError as exc:
            result.files_skipped.append(
                (str(entry.path.absolute()), f"unreadable ({os_reason(exc)})")
            )
            continue
        if same and meta.get("digest") == digest:
            result.files_unchanged += 1
            touched[key] = {"mtime_ns": entry.mtime_ns}
            continue
        todo.append((entry, digest))
    if touched:  # remember the new times, so the next run need not read these files again
        with actx.transaction() as session:
            repo.update_checkpoint_metas(session, touched)
    return todo
