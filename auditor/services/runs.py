"""One run lifecycle for every service: start, finish DONE or FAILED, audit, PHI-safe errors.

``recorded_run`` is the only place a service run starts and ends, so the CLI, the daemon and
the API leave the same trail, and a failure is recorded one way: an ``AuditorError`` keeps its
message (those never hold PHI), any other exception is named by its class only (its message
may quote the data being read) and is re-raised as a ``ScanError``.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from auditor.context import AppContext
from auditor.errors import AuditorError, ScanError
from auditor.store import repo
from auditor.store.models import RunKind, RunStatus, Trigger

logger = logging.getLogger(__name__)

#: The audit-trail action of each kind's run (the names the trail has always used).
AUDIT_ACTIONS = {
    RunKind.ACCESS_LOGS: "scan.access_logs",
    RunKind.DOCUMENTS: "scan.documents",
    RunKind.DEID: "deid",
    RunKind.REPORT: "report.built",
    RunKind.GAP: "gap",
}


@dataclass
class RunTotals:
    """What every service reports about a run: the ScanRun counters and its summary."""

    records_read: int = 0
    records_processed: int = 0
    records_quarantined: int = 0
    findings_count: int = 0
    stopped: bool = False  # stopped on request part-way (the daemon requeues such runs)
    details: dict[str, Any] = field(default_factory=dict)

    def summary(self) -> dict[str, Any]:
        """The stored ``ScanRun.summary``: the details the service chose to keep."""
        return dict(self.details)


@dataclass
class RecordedRun:
    """The run a ``with recorded_run(...)`` block executes; set ``totals`` (or ``follow``)."""

    id: str
    kind: RunKind
    totals: RunTotals = field(default_factory=RunTotals)
    audit: dict[str, Any] = field(default_factory=dict)  # extra audit detail: ids, never PHI
    _live: Callable[[], RunTotals] | None = None

    def follow(self, totals: Callable[[], RunTotals]) -> None:
        """Read the totals when the run ends (so a failed run keeps its partial counts)."""
        self._live = totals

    def final_totals(self) -> RunTotals:
        return self._live() if self._live is not None else self.totals


#: DuckDB's error when Ctrl-C (or ``interrupt()``) cancels a query: a plain ``RuntimeError``.
DUCKDB_INTERRUPTED = "Query interrupted"


def failure_text(exc: BaseException) -> str:
    """The stored error of a failed run: never the message of a foreign exception.

    A run stopped by Ctrl-C is "interrupted" whether the key arrived in Python
    (``KeyboardInterrupt``) or inside a DuckDB query (DuckDB cancels it and raises
    ``RuntimeError("Query interrupted")``): a report's gap must not read "RuntimeError".
    """
    if isinstance(exc, AuditorError):
        return str(exc)
    if isinstance(exc, KeyboardInterrupt) or is_query_interrupt(exc):
        return "interrupted"
    return exc.__class__.__name__


def is_query_interrupt(exc: BaseException) -> bool:
    """DuckDB's "the query was cancelled" errors (their text is fixed, never input data).

    SIGINT during a query arrives as ``RuntimeError("Query interrupted")``; a cancel through
    ``connection.interrupt()`` as ``duckdb.InterruptException``.
    """
    if type(exc) is RuntimeError and str(exc) == DUCKDB_INTERRUPTED:
        return True
    duckdb = sys.modules.get("duckdb")  # only loaded when a query could have raised it
    return duckdb is not None and isinstance(exc, duckdb.InterruptException)


@contextmanager
def recorded_run(
    actx: AppContext,
    kind: RunKind,
    sources: Sequence[object],
    *,
    trigger: str = Trigger.CLI,
    run_id: str | None = None,
    params: dict[str, Any] | None = None,
) -> Iterator[RecordedRun]:
    """Start (or pick up a queued) run; finish it DONE or FAILED and audit it, whatever happens.

    Foreign exceptions become ``ScanError`` (chained); ``AuditorError``, ``KeyboardInterrupt``
    and other ``BaseException``s are re-raised as they are.
    """
    with actx.transaction() as session:
        started = repo.start_run(
            session,
            run_id,
            str(kind),
            sources,
            trigger=str(trigger),
            requested_by=actx.actor,
            params=params,
        )
    run = RecordedRun(id=started, kind=kind)
    try:
        yield run
    except BaseException as exc:
        _record(actx, run, RunStatus.FAILED, failure_text(exc))
        if isinstance(exc, AuditorError) or not isinstance(exc, Exception):
            raise
        raise ScanError(f"{kind} run failed ({exc.__class__.__name__})") from exc
    _record(actx, run, RunStatus.DONE, "")


def _record(actx: AppContext, run: RecordedRun, status: RunStatus, error: str) -> None:
    try:
        totals = run.final_totals()
        with actx.transaction() as session:
            repo.finish_run(
                session,
                run.id,
                status=status,
                records_read=totals.records_read,
                records_processed=totals.records_processed,
                records_quarantined=totals.records_quarantined,
                findings_count=totals.findings_count,
                summary=totals.summary(),
                error=error,
            )
            repo.audit(
                session,
                actx.actor,
                AUDIT_ACTIONS[run.kind],
                run.id,
                status=str(status),
                **run.audit,
            )
    except Exception as exc:
        if status is RunStatus.DONE:
            raise
        # The run's own error matters more than a failed status update; say so, then go on.
        logger.error("could not record failed run %s (%s)", run.id, exc.__class__.__name__)
