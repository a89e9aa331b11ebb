"""Each rule's SQL runs under a time limit, and a rule that fails is named instead of fatal.

The allow-list (``sqlcheck``) and ``policies validate`` (``smoke``) stop most bad rules before
a scan, but a rule can still fail on real data (a cast that one value breaks) or run far
longer than any policy should (an expression the planner handles badly, or a hole in the
allow-list). Either way one rule must not blind the audit: its statement is interrupted
after ``limit`` seconds (``[access] rule_time_limit_seconds``), its failure is recorded with
its id and where it happened, and every other rule's findings for the segment still come
out. A rule that timed out is not run again in that scan (it would cost the limit on every
segment); a rule that raised an error runs alone in later segments, so its good segments
still count and it cannot take the others down with it.

Failure reasons never quote DuckDB's message: it may hold the value a cast choked on (PHI).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from types import TracebackType

import duckdb


class Deadline:
    """Interrupts ``con``'s running statement once ``seconds`` have passed (``fired`` says so).

    The timer and the block's end take one lock, so an interrupt meant for this block never
    lands on a later statement.
    """

    def __init__(self, con: duckdb.DuckDBPyConnection, seconds: float) -> None:
        self.con, self.seconds = con, seconds
        self.fired = False
        self._lock = threading.Lock()
        self._open = False
        self._timer: threading.Timer | None = None

    def _fire(self) -> None:
        with self._lock:
            if self._open:
                self.fired = True
                self.con.interrupt()

    def __enter__(self) -> Deadline:
        self._open = True
        self._timer = threading.Timer(self.seconds, self._fire)
        self._timer.daemon = True
        self._timer.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        with self._lock:
            self._open = False
        if self._timer is not None:
            self._timer.cancel()


@dataclass
class RuleFailure:
    """The first failure of one rule in a scan, and how many segments it failed on."""

    rule_id: str
    where: str  # "FILE lines A-B"
    reason: str  # PHI-free: the error class, or the time limit
    timed_out: bool
    segments: int = 1

    def describe(self) -> str:
        """One line for the run summary and the CLI."""
        text = f"failed at scan time on {self.where}: {self.reason}"
        if self.segments > 1:
            text += f" (and on {self.segments - 1} later segment(s))"
        if self.timed_out:
            text += "; not run again in this scan"
        return text + "; its findings there are missing, the other rules' are not"


def failure_reason(exc: duckdb.Error, deadline: Deadline, memory_limit: str) -> str:
    """Why a rule's statement failed, without DuckDB's message (it may quote data)."""
    if deadline.fired:
        return f"stopped at the time limit of {deadline.seconds:g} s"
    if isinstance(exc, duckdb.OutOfMemoryException):
        return f"OutOfMemoryException (memory limit {memory_limit}, or the spill limit)"
    return type(exc).__name__


class RuleGuard:
    """Runs rule statements under the time limit and keeps every rule's first failure."""

    def __init__(
        self, con: duckdb.DuckDBPyConnection, limit_seconds: float, memory_limit: str
    ) -> None:
        self.con, self.limit, self.memory_limit = con, limit_seconds, memory_limit
        self.failures: dict[str, RuleFailure] = {}
        # {rule id: RuleFailure.describe()}, kept up to date (the run summary holds this dict).
        self.described: dict[str, str] = {}
        # True once the rules' combined pass failed with no rule failing alone (only the
        # combination is too slow): from then on each runs alone.
        self.isolate = False

    def stopped(self, rule_id: str) -> bool:
        """A rule that hit the time limit is not run again in this scan."""
        failure = self.failures.get(rule_id)
        return failure is not None and failure.timed_out

    def failed(self, rule_id: str) -> bool:
        return rule_id in self.failures

    def attempt(self, sql: str) -> tuple[bool, str]:
        """Run one statement under the limit: (ok, reason when not)."""
        deadline = Deadline(self.con, self.limit)
        try:
            with deadline:
                self.con.execute(sql)
        except duckdb.Error as exc:
            if isinstance(exc, duckdb.InterruptException) and not deadline.fired:
                raise  # not the time limit but Ctrl-C (``auditor.ctrl_c``): the scan stops
            return False, failure_reason(exc, deadline, self.memory_limit)
        return True, ""

    def run(
        self, rule_ids: list[str], sql: Callable[[list[int]], str], where: Callable[[], str]
    ) -> None:
        """Run ``sql(positions)`` for the rules at those positions of ``rule_ids``: the rules
        that never failed together, and if that fails each alone (recording every rule that
        fails by itself); rules that failed before always alone."""
        fresh = [i for i, rid in enumerate(rule_ids) if rid not in self.failures]
        alone = [i for i, rid in enumerate(rule_ids) if rid in self.failures]
        combined_failed = False
        if len(fresh) > 1 and not self.isolate:
            ok, _ = self.attempt(sql(fresh))
            combined_failed = not ok
            alone += fresh if combined_failed else []
        else:
            alone += fresh
        before = len(self.failures)
        for i in sorted(alone):
            ok, reason = self.attempt(sql([i]))
            if not ok:
                self.record(rule_ids[i], where(), reason)
        if combined_failed and len(self.failures) == before:
            self.isolate = True  # only the combination is too slow: run them one by one

    def record(self, rule_id: str, where: str, reason: str) -> None:
        timed_out = reason.startswith("stopped at the time limit")
        known = self.failures.get(rule_id)
        if known is None:
            known = self.failures[rule_id] = RuleFailure(rule_id, where, reason, timed_out)
        else:
            known.segments += 1
            known.timed_out = known.timed_out or timed_out
        self.described[rule_id] = known.describe()
