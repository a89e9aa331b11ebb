"""Per-file work of an access-log scan: segments, checkpoints, window carry, the store writer.

Split from ``access_scan`` (the entry point) so each module stays small. Everything here runs
inside the one DuckDB connection the scan opened; the policy sequence itself (view, rules,
carry) is ``policy.evaluate.SegmentEvaluator``'s, so this module only loops.
"""

from __future__ import annotations

import functools
import hashlib
import os
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from auditor.context import AppContext
from auditor.policy.evaluate import SegmentEvaluator
from auditor.policy.model import PolicyPack
from auditor.scanners.access_logs import ParserSpec
from auditor.scanners.access_logs.event import EventWindow
from auditor.scanners.access_logs.quarantine import Quarantine
from auditor.scanners.access_logs.segments import Segment, csv_segments, record_segments
from auditor.services.access_findings import OnBatch, emit
from auditor.services.access_result import AccessScanResult
from auditor.services.access_writer import Checkpoint, StoreWriter
from auditor.store import repo
from auditor.store.models import RunKind

CARRY_FILE = "access-carry.parquet"
# A progress display's hook: (segment label, bytes into that file, records read so far).
OnProgress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class AccessScanJob:
    """One scan's fixed inputs, resolved by ``scan_access_logs`` once the run is started."""

    actx: AppContext
    pack: PolicyPack
    specs: list[tuple[Path, ParserSpec]]
    context_dir: Path | None
    timezone: str
    work: Path  # the scan's private temp folder (segments, spill, carry copies)
    quarantine: Quarantine
    incremental: bool = False
    on_batch: OnBatch | None = None
    should_stop: Callable[[], bool] | None = None
    on_progress: OnProgress | None = None

    @property
    def persisted_carry(self) -> Path:
        """Where the window rules' recent events survive from one scan to the next."""
        return self.actx.settings.checkpoints_dir / CARRY_FILE

    def stopping(self) -> bool:
        return self.should_stop is not None and self.should_stop()


def checkpoint_key(path: Path) -> str:
    return repo.checkpoint_key(RunKind.ACCESS_LOGS, path.resolve())


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
    window = EventWindow.at(
        future_tolerance_hours=access.future_tolerance_hours,
        earliest_event=access.earliest_event,
    )
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
            window=window,
        )
    else:
        segs = record_segments(
            path,
            spec,
            work,
            events_per_segment=access.events_per_segment,
            start_offset=start_offset,
            site_tz=tz,
            window=window,
        )
    return segs, start_offset, start_line


class FileScan:
    """Scans one file after another: segments in, findings and checkpoints to the writer."""

    def __init__(
        self,
        job: AccessScanJob,
        evaluator: SegmentEvaluator,
        writer: StoreWriter,
        result: AccessScanResult,
    ) -> None:
        self.job, self.evaluator, self.writer, self.result = job, evaluator, writer, result
        self.segments = 0  # checkpoints committed with a carry (names the carry copies)
        self._carry_bytes = 0  # the size of the last carry written (``_checkpoint``)
        # Identities of the findings this run has reported: an event delivered twice (the
        # same week as CSV and NDJSON, a re-sent file) yields its finding once per run.
        self.reported: set[str] = set()

    def run(self, path: Path, spec: ParserSpec) -> dict[str, Any]:
        """Scan ``path`` (from its checkpoint when incremental); the file's own totals."""
        job = self.job
        stats: dict[str, Any] = {
            "file": str(path),
            "format": spec.name,
            "read": 0,
            "processed": 0,
            "quarantined": 0,
            "findings": 0,
        }
        segs, start_offset, _ = _segments(
            job.actx, path, spec, job.work, job.timezone, job.incremental
        )
        stats["resumed_from"] = start_offset
        head = _head_digest(path) if path.stat().st_size else ""
        due: Checkpoint | None = None  # the last segment's, not committed yet
        since = start_offset  # where the last committed checkpoint (or the scan) began
        for seg in segs:
            self._segment(seg, stats)
            if job.incremental:
                meta = {"head": head, "format": spec.name}
                due = (checkpoint_key(path), seg.end_offset, seg.end_line, meta)
                # Amortised: the carry is written whole with each checkpoint, so one is
                # committed once the input read since the last outweighs the last carry
                # written (and at the file's end or a stop, below): a scan's carry writes
                # then cost at most what it reads, where one per segment grew with the
                # square of its events. A crash re-reads at most that much, idempotently.
                if seg.end_offset - since >= self._carry_bytes:
                    self._checkpoint(due)
                    due, since = None, seg.end_offset
            if job.stopping():
                self.result.stopped = True
                break
        if due is not None:
            self._checkpoint(due)
        return stats

    def _checkpoint(self, checkpoint: Checkpoint) -> None:
        """Commit ``checkpoint`` (after every batch queued before it: one writer, in order)
        with the window carry as of the segment it ends, which replaces the persisted one
        once committed (a resumed run needs the window tail as of its checkpoint)."""
        self.segments += 1
        out = self.job.work / f"carry-{self.segments}.parquet"
        self.evaluator.checkpoint_carry(out)
        self._carry_bytes = out.stat().st_size
        self.writer.put([], checkpoint, after=functools.partial(self._persist_carry, out))

    def _segment(self, seg: Segment, stats: dict[str, Any]) -> None:
        """Load, quarantine, evaluate and store one segment; then carry the window on."""
        job, result = self.job, self.result
        with result.timed("load"):
            loaded = seg.load(self.evaluator.con)
        rejects = seg.pre_rejected + loaded.rejected
        for rej in rejects:
            job.quarantine.add(seg.label, rej.line, rej.reason, rej.raw, rej.field)
        with result.timed("explain"):
            evaluation = self.evaluator.evaluate(seg.label, loaded.line_sql)
        for day, audited, n_explained in evaluation.days:
            slot = result.accesses_by_day.setdefault(day, {"audited": 0, "explained": 0})
            slot["audited"] += audited
            slot["explained"] += n_explained
        read_total = loaded.read + len(seg.pre_rejected)
        result.records_read += read_total
        result.records_processed += evaluation.processed
        result.records_quarantined += len(rejects)
        result.accesses_explained += evaluation.explained
        stats["read"] += read_total
        stats["processed"] += evaluation.processed
        stats["quarantined"] += len(rejects)
        for day, audited, _ in evaluation.days:  # by the events' own times, not the run's
            stats.setdefault("days", {})
            stats["days"][day] = stats["days"].get(day, 0) + audited
        self.writer.put([], events=evaluation.events)
        self.writer.put_index(self.evaluator.con, seg.label)  # the console's event index
        if job.on_progress is not None:
            job.on_progress(seg.label, seg.end_offset, result.records_read)
        with result.timed("rules"):
            emitted = emit(
                job.actx,
                evaluation.chunks,
                self.evaluator.active,
                self.writer,
                None,
                job.on_batch,
                self.reported,
            )
        result.add(emitted)
        stats["findings"] += emitted.count

    def persist_window(self) -> None:
        """Keep this scan's recent events for the next scan's window rules (any file order)."""
        if self.evaluator.has_carry:
            out = self.job.work / "carry-final.parquet"
            self.evaluator.checkpoint_carry(out)
            self._persist_carry(out)

    def _persist_carry(self, src: Path) -> None:
        """Runs on the writer thread once the segment's checkpoint is committed."""
        persisted = self.job.persisted_carry
        staged = persisted.with_suffix(".tmp")
        shutil.copyfile(src, staged)
        os.replace(staged, persisted)
        src.unlink(missing_ok=True)
