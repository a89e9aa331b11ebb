"""The document scan loop: extract units, batch them, analyse (pipelined), record findings.

``scan_documents`` (document_scan.py) plans the run; this module does the work per file.
Batches are bounded by count and by characters, and at most ``2 x workers`` are in flight, so
memory stays flat on a 200 MB file. Short texts (CSV cells, HL7 fields) repeat a lot: their
results are cached for the run.
"""

from __future__ import annotations

import logging
from collections import Counter, deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session

from auditor.context import AppContext
from auditor.errors import AuditorError
from auditor.findings import PhiFinding
from auditor.scanners.documents import TEXT_FALLBACK, ExtractOptions, TextUnit, UnitIssue
from auditor.scanners.documents import fallback_scanner as _fallback
from auditor.scanners.documents.encoding import BinaryContentError
from auditor.scanners.documents.walker import FileEntry
from auditor.services.document_workers import Analyzer
from auditor.services.runs import RunTotals
from auditor.store import repo
from auditor.store.models import RunKind

if TYPE_CHECKING:
    from auditor.phi.engine import PhiSpan

logger = logging.getLogger(__name__)

# Units longer than this are not worth caching (identical long texts are rare).
CACHE_MAX_CHARS = 80
CACHE_ENTRIES = 50_000
# A batch holds at most this much text, whatever ``phi.batch_size`` says: spaCy's forward
# pass peaks at about 4 KB per character analysed together (measured: 7 x 32k chars in one
# call peaked at 1 GB), so this bounds memory on a 200 MB file.
BATCH_CHARS = 65_536
FLUSH_FINDINGS = 2_000
# Within a file, ``should_stop`` is polled every this many units (a 200 MB log is one file).
STOP_POLL_UNITS = 64
# Lists in the stored summary are cut at this length (the counts stay exact).
SUMMARY_LIST_MAX = 1_000

OnFinding = Callable[[PhiFinding], None]
OnValue = Callable[[PhiFinding, str], None]


@dataclass
class DocumentScanResult:
    run_id: str
    files_seen: int = 0
    files_scanned: int = 0
    files_unchanged: int = 0
    files_not_reached: int = 0
    files_skipped: list[tuple[str, str]] = field(default_factory=list)
    issues: list[tuple[str, str]] = field(default_factory=list)
    issues_count: int = 0
    bytes: int = 0
    units: int = 0
    findings_by_type: dict[str, int] = field(default_factory=dict)
    new_findings: int = 0
    stopped: bool = False
    workers: int = 1
    elapsed_seconds: float = 0.0

    def add_issue(self, path: str, reason: str) -> None:
        """Count every issue; keep the first ``SUMMARY_LIST_MAX`` (a broken JSONL has many)."""
        self.issues_count += 1
        if len(self.issues) < SUMMARY_LIST_MAX:
            self.issues.append((path, reason))

    @property
    def findings(self) -> int:
        return sum(self.findings_by_type.values())

    @property
    def totals(self) -> RunTotals:
        """The run's counters: files stand for records (seen, scanned, skipped)."""
        return RunTotals(
            records_read=self.files_seen,
            records_processed=self.files_scanned,
            records_quarantined=len(self.files_skipped),
            findings_count=self.findings,
            stopped=self.stopped,
            details=self.summary(),
        )

    def summary(self) -> dict[str, Any]:
        return {
            "files_seen": self.files_seen,
            "files_scanned": self.files_scanned,
            "files_unchanged": self.files_unchanged,
            "files_not_reached": self.files_not_reached,
            "files_skipped_count": len(self.files_skipped),
            "files_skipped": [
                {"path": p, "reason": r} for p, r in self.files_skipped[:SUMMARY_LIST_MAX]
            ],
            "issues_count": self.issues_count,
            "issues": [{"path": p, "reason": r} for p, r in self.issues],
            "bytes": self.bytes,
            "units": self.units,
            "findings": self.findings,
            "new_findings": self.new_findings,
            "findings_by_type": dict(sorted(self.findings_by_type.items())),
            "stopped": self.stopped,
            "workers": self.workers,
            "elapsed_seconds": round(self.elapsed_seconds, 3),
        }


@dataclass
class _FileState:
    entry: FileEntry
    source: str
    digest: str
    units: int = 0
    findings: int = 0
    failure: str = ""
    interrupted: bool = False  # stopped on request part-way: no checkpoint, rescanned next time


_Event = tuple[_FileState, TextUnit | None]  # (file, unit) or (file, None) = end of file


def checkpoint_key(path: Path) -> str:
    return repo.checkpoint_key(RunKind.DOCUMENTS, path)


def os_reason(exc: OSError) -> str:
    return exc.strerror or exc.__class__.__name__


def failure_reason(exc: BaseException) -> str:
    """Why a file could not be read, without quoting its content."""
    if isinstance(exc, AuditorError):
        return exc.message + (f" (line {exc.line})" if exc.line is not None else "")
    if isinstance(exc, UnicodeError):
        return "cannot decode text"
    if isinstance(exc, OSError):
        return f"unreadable ({os_reason(exc)})"
    if isinstance(exc, BinaryContentError):
        return str(exc)
    return f"cannot read ({exc.__class__.__name__})"


def analysis_text(unit: TextUnit) -> str:
    return unit.context + unit.text


def unit_findings(
    unit: TextUnit, spans: Sequence[PhiSpan], fingerprint: Callable[[str], str]
) -> Iterator[tuple[PhiFinding, str]]:
    """Findings (and matched text, for --show-values only) from spans over ``analysis_text``."""
    skip = len(unit.context)
    for span in spans:
        s, e = max(span.start - skip, 0), min(span.end - skip, len(unit.text))
        if e <= s:
            continue  # inside the context label
        value = unit.text[s:e]
        if not value.strip():
            continue
        start, end = unit.raw_span(s, e)
        finding = PhiFinding(
            source=unit.source,
            entity_type=str(span.entity_type),
            start=start,
            end=end,
            score=float(span.score),
            fingerprint=fingerprint(value),
            location=unit.location_at(s),
        )
        yield finding, value


class DocumentPipeline:
    """One run's loop: extract, batch, analyse (pipelined), record."""

    def __init__(
        self,
        actx: AppContext,
        result: DocumentScanResult,
        analyzer: Analyzer,
        config: str,
        on_finding: OnFinding | None,
        on_value: OnValue | None,
        progress: Callable[[int, int], None] | None,
        total: int,
    ) -> None:
        self.actx = actx
        self.result = result
        self.analyzer = analyzer
        self.config = config
        self.on_finding = on_finding
        self.on_value = on_value
        self.progress = progress
        self.total = total
        self.done = 0
        self.options = ExtractOptions()
        self.by_type: Counter[str] = Counter()
        self.cache: dict[str, list[PhiSpan]] = {}
        self.pending: list[PhiFinding] = []
        self.completed: list[_FileState] = []
        self.batch_size = max(1, actx.settings.phi.batch_size)
        self.should_stop: Callable[[], bool] | None = None
        # Where findings go instead of the store (``--findings-parquet``): returns how many new.
        self.write_findings: Callable[[list[PhiFinding]], int] | None = None

    def run(
        self, todo: list[tuple[FileEntry, str]], should_stop: Callable[[], bool] | None
    ) -> None:
        if self.progress:
            self.progress(0, self.total)
        window: deque[tuple[list[_Event], list[int], dict[int, list[PhiSpan]], Future[Any]]]
        window = deque()
        depth = 2 * self.analyzer.workers
        self.should_stop = should_stop
        for batch in self._batches(self._events(todo)):
            window.append(self._submit(batch))
            while len(window) > depth:
                self._collect(*window.popleft())
        while window:
            self._collect(*window.popleft())
        self._flush()
        self.result.findings_by_type = dict(self.by_type)

    # -- extraction ------------------------------------------------------------------------
    def _stop_requested(self) -> bool:
        if self.should_stop is not None and self.should_stop():
            self.result.stopped = True
        return self.result.stopped

    def _events(self, todo: list[tuple[FileEntry, str]]) -> Iterator[_Event]:
        for index, (entry, digest) in enumerate(todo):
            if self._stop_requested():
                self.result.files_not_reached += len(todo) - index
                logger.info("document scan stopped on request before file %d", index + 1)
                return
            state = _FileState(entry=entry, source=str(entry.path.absolute()), digest=digest)
            yield from self._extract(state)
            yield state, None
            if state.interrupted:
                self.result.files_not_reached += len(todo) - index - 1
                logger.info("document scan stopped on request in file %d", index + 1)
                return

    def _extract(self, state: _FileState) -> Iterator[_Event]:
        scanner = state.entry.scanner
        path = Path(state.source)
        try:
            for item in scanner.scan(path, self.options):
                if isinstance(item, UnitIssue):
                    self.result.add_issue(item.source, item.reason)
                elif item.text.strip():
                    state.units += 1
                    yield state, item
                    if state.units % STOP_POLL_UNITS == 0 and self._stop_requested():
                        state.interrupted = True
                        return
            return
        except Exception as exc:
            reason = failure_reason(exc)
        if scanner.name not in TEXT_FALLBACK:
            state.failure = reason
            return
        self.result.add_issue(state.source, f"{reason}; scanned as plain text")
        try:
            for item in _fallback().scan(path, self.options):
                if isinstance(item, TextUnit) and item.text.strip():
                    state.units += 1
                    yield state, item
        except Exception as exc:
            state.failure = failure_reason(exc)

    def _batches(self, events: Iterator[_Event]) -> Iterator[list[_Event]]:
        batch: list[_Event] = []
        count = chars = 0
        for event in events:
            batch.append(event)
            unit = event[1]
            if unit is not None:
                count += 1
                chars += len(unit.text)
                if count >= self.batch_size or chars >= BATCH_CHARS:
                    yield batch
                    batch, count, chars = [], 0, 0
        if batch:
            yield batch

    # -- analysis --------------------------------------------------------------------------
    def _submit(
        self, batch: list[_Event]
    ) -> tuple[list[_Event], list[int], dict[int, list[PhiSpan]], Future[Any]]:
        """Send the batch's uncached texts; ``slots[i]`` is the i-th unit's text index."""
        texts: list[str] = []
        index: dict[str, int] = {}
        slots: list[int] = []
        cached: dict[int, list[PhiSpan]] = {}
        for n, (_, unit) in enumerate(ev for ev in batch if ev[1] is not None):
            assert unit is not None
            text = analysis_text(unit)
            if len(text) <= CACHE_MAX_CHARS and text in self.cache:
                cached[n] = self.cache[text]
                slots.append(-1)
                continue
            if text not in index:
                index[text] = len(texts)
                texts.append(text)
            slots.append(index[text])
        return batch, slots, cached, self.analyzer.submit(texts)

    def _collect(
        self,
        batch: list[_Event],
        slots: list[int],
        cached: dict[int, list[PhiSpan]],
        future: Future[Any],
    ) -> None:
        results: list[list[PhiSpan]] = future.result()
        n = 0
        for state, unit in batch:
            if unit is None:
                self._file_done(state)
                continue
            spans = cached[n] if slots[n] < 0 else results[slots[n]]
            if slots[n] >= 0 and len(unit.text) + len(unit.context) <= CACHE_MAX_CHARS:
                if len(self.cache) >= CACHE_ENTRIES:
                    self.cache.clear()
                self.cache[analysis_text(unit)] = spans
            n += 1
            self.result.units += 1
            for finding, value in unit_findings(unit, spans, self.actx.fingerprinter.of):
                state.findings += 1
                self.by_type[finding.entity_type] += 1
                self.pending.append(finding)
                if self.on_finding:
                    self.on_finding(finding)
                if self.on_value:
                    self.on_value(finding, value)
        if len(self.pending) >= FLUSH_FINDINGS or self.completed:
            self._flush()

    def _file_done(self, state: _FileState) -> None:
        self.done += 1
        if state.interrupted:
            self.result.files_not_reached += 1
        elif state.failure:
            reason = state.failure
            if state.units:
                reason = f"partly scanned ({state.units} text units), then: {reason}"
            self.result.files_skipped.append((state.source, reason))
            logger.info("skipped %s: %s", state.source, reason)
        else:
            self.result.files_scanned += 1
            self.result.bytes += state.entry.size
            self.completed.append(state)
        if self.progress:
            self.progress(self.done, self.total)

    def _flush(self) -> None:
        if not self.pending and not self.completed:
            return
        with self.actx.transaction() as session:
            if self.write_findings is None:
                new, _known = repo.upsert_findings(session, self.pending, self.result.run_id)
            else:
                new = self.write_findings(self.pending)
            self._put_checkpoints(session)
        self.result.new_findings += new
        self.pending = []
        self.completed = []

    def _put_checkpoints(self, session: Session) -> None:
        """One checkpoint per completed file, in one round trip (not one flush per file)."""
        rows = [
            repo.CheckpointRow(
                key=checkpoint_key(Path(state.source)),
                scanner=RunKind.DOCUMENTS,
                position=state.entry.size,
                line=0,
                meta={
                    "size": state.entry.size,
                    "mtime_ns": state.entry.mtime_ns,
                    "digest": state.digest,
                    "config": self.config,
                    "findings": state.findings,
                    "run_id": self.result.run_id,
                },
            )
            for state in self.completed
        ]
        repo.put_checkpoints(session, rows)
