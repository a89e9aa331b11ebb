"""The totals of one access-log scan, as the CLI, daemon, API and run summary report them.

Filled in by the per-file loop (``access_segments``) and returned by ``scan_access_logs``;
its own module so neither needs the other to name the result.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from auditor.services.access_findings import Emitted
from auditor.services.runs import RunTotals

# The summary's keys, in the order it reports them (``timings_s`` last); the mappings
# in _SORTED_FIELDS are reported sorted by key.
_SUMMARY_FIELDS = (
    "run_id",
    "records_read",
    "records_processed",
    "records_quarantined",
    "findings_total",
    "findings_new",
    "findings_by_category",
    "findings_by_rule",
    "accesses_explained",
    "events_distinct",
    "events_new",
    "explained_pct",
    "accesses_by_day",
    "disabled_rules",
    "failed_rules",
    "context_missing",
    "context_rows",
    "context_rejected",
    "quarantine_file",
    "files",
    "timezone",
    "policies_dir",
    "stopped",
)
_SORTED_FIELDS = (
    "findings_by_category",
    "findings_by_rule",
    "accesses_by_day",
    "disabled_rules",
    "failed_rules",
)


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
    # Rules that failed on the data or hit the time limit (policy.guard): id -> where, why.
    failed_rules: dict[str, str] = field(default_factory=dict)
    accesses_explained: int = 0
    # Distinct events (by event, not delivery) the run read, and of them new to the store.
    events_distinct: int = 0
    events_new: int = 0
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

    @property
    def totals(self) -> RunTotals:
        """The run's counters and summary, as ``recorded_run`` stores them."""
        return RunTotals(
            records_read=self.records_read,
            records_processed=self.records_processed,
            records_quarantined=self.records_quarantined,
            findings_count=self.findings_total,
            stopped=self.stopped,
            details=self.summary(),
        )

    @property
    def explained_pct(self) -> float:
        """Share of processed accesses with an explanation, in percent (2 decimals)."""
        if not self.records_processed:
            return 0.0
        return round(100.0 * self.accesses_explained / self.records_processed, 2)

    def summary(self) -> dict[str, Any]:
        out = {name: getattr(self, name) for name in _SUMMARY_FIELDS}
        for name in _SORTED_FIELDS:
            out[name] = dict(sorted(out[name].items()))
        out["timings_s"] = {k: round(v, 3) for k, v in sorted(self.timings.items())}
        return out
