"""Per-file work of an access-log scan: segments, checkpoints, window carry, the store writer.

Split from ``access_scan`` (the entry point) so each module stays small. Everything here runs
inside the one DuckDB connection the scan opened; the policy sequence itself (view, rules,
carry) is ``policy.evaluate.SegmentEvaluator``'s, so this module only loops.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from auditor.context import AppContext
from auditor.policy import carry_parts
from auditor.policy.evaluate import SegmentEvaluator
from auditor.policy.model import PolicyPack
from auditor.scanners.access_logs import ParserSpec
from auditor.scanners.access_logs.event import EventWindow
from auditor.scanners.access_logs.quarantine import Quarantine
from auditor.scanners.access_logs.segments import Segment, csv_segments, record_segments
from auditor.services.access_findings import OnBatch, ReportedIdentities, emit
from auditor.services.access_result import AccessScanResult
from auditor.services.access_writer import Checkpoint, StoreWriter
from auditor.store import repo
from auditor.store.models import RunKind

#: The window carry as one Parquet file, as earlier versions persisted it (read once, then
#: replaced by parts: ``policy.carry_parts``).
CARRY_FILE = carry_parts.LEGACY_FILE
#: The store checkpoint row whose meta is the persisted carry's manifest, committed in the
#: same transaction as the file checkpoint it goes with (a key no file's checkpoint has:
#: theirs end in an absolute path).
CARRY_KEY = f"{RunKind.ACCESS_LOGS}:window-carry"
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
        """Where earlier versions kept the window rules' recent events (one file)."""
        return self.actx.settings.checkpoints_dir / CARRY_FILE

    @property
    def carry_folder(self) -> Path:
        """The persisted carry's parts (``policy.carry_parts``)."""
        return self.actx.settings.checkpoints_dir / carry_parts.PARTS_DIR

    def stopping(self) -> bool:
        return self.should_stop is not None and self.should_stop()


def load_manifest(actx: AppContext) -> carry_parts.Manifest:
    """The persisted carry as committed: the manifest in the store, else an older version's
    single file (read whole; the first checkpoint writes it as a part), else empty."""
    folder = actx.settings.checkpoints_dir / carry_parts.PARTS_DIR
    with actx.transaction() as session:
        cp = repo.get_checkpoint(session, CARRY_KEY)
        meta = dict(cp.meta) if cp is not None else None
    if meta is not None:
        return carry_parts.Manifest.from_meta(folder, meta)
    legacy = actx.settings.checkpoints_dir / CARRY_FILE
    return carry_parts.Manifest(folder, legacy=legacy if legacy.exists() else None)


def carry_checkpoint(manifest: carry_parts.Manifest) -> Checkpoint:
    """The manifest as a store checkpoint row (``CARRY_KEY``)."""
    return (CARRY_KEY, 0, 0, manifest.as_meta())


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
        committed: carry_parts.Manifest | None = None,
    ) -> None:
        """``committed``: the persisted carry the scan started from (``load_manifest``)."""
        self.job, self.evaluator, self.writer, self.result = job, evaluator, writer, result
        # The persisted carry as last committed (its parts are deleted once a later
        # manifest no longer names them): the writer thread's, after each commit.
        self.committed = committed or carry_parts.Manifest(job.carry_folder)
        # Identities of the findings this run has reported: an event delivered twice (the
        # same week as CSV and NDJSON, a re-sent file) yields its finding once per run.
        self.reported = ReportedIdentities()

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
        for seg in segs:
            self._segment(seg, stats)
            if job.incremental:
                # Every segment: the carry's part holds only what the segment added, so a
                # checkpoint costs what its segment read, and a crash re-reads one segment.
                meta = {"head": head, "format": spec.name}
                self._checkpoint((checkpoint_key(path), seg.end_offset, seg.end_line, meta))
            if job.stopping():
                self.result.stopped = True
                break
        return stats

    def _checkpoint(self, checkpoint: Checkpoint) -> None:
        """Commit ``checkpoint`` (after every batch queued before it: one writer, in order)
        with the window carry as of the segment it ends: a new part with the events the
        carry took since the last, and the manifest naming it in the same transaction (a
        resumed run needs the window tail as of its checkpoint, no more, no less)."""
        manifest = self.evaluator.checkpoint_part(self.job.carry_folder)
        self.writer.put(
            [],
            [checkpoint, carry_checkpoint(manifest)],
            after=functools.partial(self._retire, manifest),
        )

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

    def window_part(self) -> carry_parts.Manifest | None:
        """Keep this scan's recent events for the next scan's window rules (any file order):
        a part with what the carry took in this scan, written (DuckDB's work only, so it can
        run while the writer thread finishes); the manifest naming it, which
        ``commit_window`` commits (None: no carry, nothing written)."""
        if not self.evaluator.has_carry:
            return None
        return self.evaluator.checkpoint_part(self.job.carry_folder)

    def commit_window(self, manifest: carry_parts.Manifest) -> None:
        """Commit ``manifest`` (``window_part``'s), then retire what it replaced."""
        with self.job.actx.transaction() as session:
            key, position, line, meta = carry_checkpoint(manifest)
            repo.put_checkpoint(session, key, RunKind.ACCESS_LOGS, position, line, meta)
        self._retire(manifest)

    def drop_window(self, manifest: carry_parts.Manifest) -> None:
        """Delete the part ``window_part`` wrote for ``manifest`` when it is not to be
        committed (the store failed): the committed manifest does not name it."""
        named = {p.name for p in self.committed.parts}
        carry_parts.delete(manifest.folder / p.name for p in manifest.parts if p.name not in named)

    def _retire(self, manifest: carry_parts.Manifest) -> None:
        """Once ``manifest`` is committed (on the writer thread for a checkpoint): delete the
        parts it no longer names, an older version's single file it replaced, and parts a
        crash left behind that no manifest names."""
        carry_parts.retire(self.committed, manifest)
        self.committed = manifest
        carry_parts.delete(carry_parts.stray(manifest))
