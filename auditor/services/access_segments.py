"""Per-file work of an access-log scan: segments, checkpoints, carry, findings to the store.

Split from ``access_scan`` (the entry point) so each module stays small. Everything here runs
inside the one DuckDB connection the scan opened.
"""

from __future__ import annotations

import functools
import hashlib
import os
import shutil
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from auditor.context import AppContext
from auditor.policy import engine, view
from auditor.scanners.access_logs import ParserSpec
from auditor.scanners.access_logs.quarantine import Quarantine
from auditor.scanners.access_logs.segments import Segment, csv_segments, record_segments
from auditor.services.access_findings import Emitted, OnBatch, emit
from auditor.services.access_writer import SCANNER, StoreWriter
from auditor.store import repo

CARRY_FILE = "access-carry.parquet"


@dataclass
class AccessScanResult:
    run_id: str
    records_read: int = 0
    records_processed: int = 0
    records_quarantined: int = 0
    findings_by_category: dict[str, int] = field(default_factory=dict)
    findings_by_rule: dict[str, int] = field(default_factory=dict)
    findings_new: int = 0
    disabled_rules: dict[str, str] = field(default_factory=dict)
    accesses_explained: int = 0
    accesses_by_day: dict[str, dict[str, int]] = field(default_factory=dict)
    context_missing: list[str] = field(default_factory=list)
    context_rows: dict[str, int] = field(default_factory=dict)
    context_rejected: dict[str, int] = field(default_factory=dict)
    quarantine_file: str = ""
    files: list[dict[str, Any]] = field(default_factory=list)
    timezone: str = "UTC"
    policies_dir: str = ""
    stopped: bool = False
    # Seconds per phase (context, load, explain, rules, store_wait), for operators and
    # the benchmark: where a slow scan spends its time.
    timings: dict[str, float] = field(default_factory=dict)

    @contextmanager
    def timed(self, phase: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            elapsed = time.perf_counter() - start
            self.timings[phase] = self.timings.get(phase, 0.0) + elapsed

    def add(self, emitted: Emitted) -> None:
        for cat, n in emitted.by_category.items():
            self.findings_by_category[cat] = self.findings_by_category.get(cat, 0) + n
        for rid, n in emitted.by_rule.items():
            self.findings_by_rule[rid] = self.findings_by_rule.get(rid, 0) + n

    @property
    def findings_total(self) -> int:
        return sum(self.findings_by_category.values())

    def summary(self) -> dict[str, Any]:
        pct = (
            round(100.0 * self.accesses_explained / self.records_processed, 2)
            if self.records_processed
            else 0.0
        )
        return {
            "run_id": self.run_id,
            "records_read": self.records_read,
            "records_processed": self.records_processed,
            "records_quarantined": self.records_quarantined,
            "findings_total": self.findings_total,
            "findings_new": self.findings_new,
            "findings_by_category": dict(sorted(self.findings_by_category.items())),
            "findings_by_rule": dict(sorted(self.findings_by_rule.items())),
            "accesses_explained": self.accesses_explained,
            "explained_pct": pct,
            "accesses_by_day": dict(sorted(self.accesses_by_day.items())),
            "disabled_rules": dict(sorted(self.disabled_rules.items())),
            "context_missing": self.context_missing,
            "context_rows": self.context_rows,
            "context_rejected": self.context_rejected,
            "quarantine_file": self.quarantine_file,
            "files": self.files,
            "timezone": self.timezone,
            "policies_dir": self.policies_dir,
            "stopped": self.stopped,
            "timings_s": {k: round(v, 3) for k, v in sorted(self.timings.items())},
        }


def checkpoint_key(path: Path) -> str:
    return f"{SCANNER}:{path.resolve()}"


def _head_digest(path: Path) -> str:
    with path.open("rb") as fh:
        return hashlib.sha256(fh.read(1024)).hexdigest()


def _segments(
    actx: AppContext, path: Path, spec: ParserSpec, work: Path, tz: str, incremental: bool
) -> tuple[Iterator[Segment], int, int]:
    """Segments still to scan and the (offset, line) they start from."""
    start_offset, start_line = 0, 1
    if incremental:
        with actx.transaction() as session:
            cp = repo.get_checkpoint(session, checkpoint_key(path))
            if cp is not None and cp.meta.get("head") == _head_digest(path):
                size = path.stat().st_size
                if cp.position <= size:
                    start_offset, start_line = cp.position, cp.line
    access = actx.settings.access
    if spec.vectorised:
        segs = csv_segments(
            path,
            spec,
            work,
            site_tz=tz,
            segment_bytes=max(1024, int(access.segment_mb * (1 << 20))),
            start_offset=start_offset,
            start_line=start_line,
            complete_lines_only=incremental,
        )
    else:
        segs = record_segments(
            path,
            spec,
            work,
            events_per_segment=access.events_per_segment,
            start_offset=start_offset,
            site_tz=tz,
        )
    return segs, start_offset, start_line


class FileScan:
    """Scans one file after another through the scan's single database connection."""

    def __init__(
        self,
        actx: AppContext,
        con: Any,
        cfg: engine.EngineConfig,
        active: list[engine.ActiveRule],
        work: Path,
        quarantine: Quarantine,
        result: AccessScanResult,
        incremental: bool,
        on_batch: OnBatch | None,
        should_stop: Callable[[], bool] | None,
        persisted_carry: Path,
        writer: StoreWriter,
    ) -> None:
        self.writer = writer
        self.actx, self.con, self.cfg, self.active = actx, con, cfg, active
        self.work, self.quarantine, self.result = work, quarantine, result
        self.incremental, self.on_batch, self.should_stop = incremental, on_batch, should_stop
        self.persisted_carry = persisted_carry
        self.columns = view.view_columns([a.rule for a in active])
        self.carry_ready = False
        self.segments = 0

    def run(self, path: Path, spec: ParserSpec) -> dict[str, Any]:
        result = self.result
        stats: dict[str, Any] = {
            "file": str(path),
            "format": spec.name,
            "read": 0,
            "processed": 0,
            "quarantined": 0,
            "findings": 0,
        }
        segs, start_offset, _ = _segments(
            self.actx, path, spec, self.work, self.cfg.timezone, self.incremental
        )
        stats["resumed_from"] = start_offset
        head = _head_digest(path) if path.stat().st_size else ""
        for seg in segs:
            with result.timed("load"):
                loaded = seg.load(self.con)
            rejects = seg.pre_rejected + loaded.rejected
            for rej in rejects:
                self.quarantine.add(seg.label, rej.line, rej.reason, rej.raw, rej.field)
            with result.timed("explain"):
                processed, explained = view.create_view(
                    self.con,
                    timezone=self.cfg.timezone,
                    before_days=self.cfg.before_days,
                    after_days=self.cfg.after_days,
                    placeholder_reasons=self.cfg.placeholder_reasons,
                    columns=self.columns,
                    line_sql=loaded.line_sql,
                )
                days = view.daily_counts(self.con)
            for day, audited, n_explained in days:
                slot = result.accesses_by_day.setdefault(day, {"audited": 0, "explained": 0})
                slot["audited"] += audited
                slot["explained"] += n_explained
            if not self.carry_ready:
                carry_file = self.persisted_carry if self.incremental else None
                engine.init_carry(self.con, self.active, carry_file)
                self.carry_ready = True
            read_total = loaded.read + len(seg.pre_rejected)
            result.records_read += read_total
            result.records_processed += processed
            result.records_quarantined += len(rejects)
            result.accesses_explained += explained
            stats["read"] += read_total
            stats["processed"] += processed
            stats["quarantined"] += len(rejects)
            checkpoint = None
            if self.incremental:
                checkpoint = (
                    checkpoint_key(path),
                    seg.end_offset,
                    seg.end_line,
                    {"head": head, "format": spec.name},
                )
            with result.timed("rules"):
                emitted = emit(
                    self.actx,
                    self.con,
                    self.active,
                    self.cfg,
                    self.writer,
                    seg.label,
                    checkpoint,
                    self.on_batch,
                )
            result.add(emitted)
            stats["findings"] += emitted.count
            engine.advance_carry(self.con, self.active)
            if self.incremental:  # a resumed run needs the window tail as of this checkpoint
                self.segments += 1
                out = self.work / f"carry-{self.segments}.parquet"
                engine.save_carry(self.con, out)
                self.writer.put([], after=functools.partial(self._persist_carry, out))
            if self.should_stop is not None and self.should_stop():
                result.stopped = True
                break
        return stats

    def _persist_carry(self, src: Path) -> None:
        """Runs on the writer thread once the segment's checkpoint is committed."""
        staged = self.persisted_carry.with_suffix(".tmp")
        shutil.copyfile(src, staged)
        os.replace(staged, self.persisted_carry)
        src.unlink(missing_ok=True)
