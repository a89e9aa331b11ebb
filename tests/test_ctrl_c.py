"""Ctrl-C reaches a DuckDB statement even when the thread running it never checks for signals.

The statements here run on a worker thread, where Python never runs signal handlers (as the
main thread cannot while it waits inside DuckDB on a busy machine): only the watcher can
stop them. The SIGINT handler is a no-op so the test process itself is not interrupted.
"""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Iterator

import duckdb
import pytest

from auditor import ctrl_c
from auditor.policy.guard import RuleGuard

ENDLESS = "SELECT count(*) FROM range(100000000000) a"


@pytest.fixture
def quiet_sigint() -> Iterator[list[int]]:
    seen: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, _frame: seen.append(signum))
    try:
        yield seen
    finally:
        signal.signal(signal.SIGINT, previous)


def _run_on_worker(con: duckdb.DuckDBPyConnection) -> tuple[threading.Thread, list[BaseException]]:
    raised: list[BaseException] = []

    def work() -> None:
        try:
            con.execute(ENDLESS)
        except BaseException as exc:  # the test inspects what DuckDB raised
            raised.append(exc)

    thread = threading.Thread(target=work, daemon=True)
    thread.start()
    return thread, raised


def _wait(thread: threading.Thread, con: duckdb.DuckDBPyConnection) -> bool:
    thread.join(timeout=20)
    stopped = not thread.is_alive()
    if not stopped:  # clean up so a failing test does not leave a query running
        con.interrupt()
        thread.join(timeout=20)
    return stopped


def test_sigint_interrupts_a_registered_statement(quiet_sigint: list[int]) -> None:
    con = duckdb.connect()
    with ctrl_c.watching(), ctrl_c.registered(con):
        thread, raised = _run_on_worker(con)
        threading.Event().wait(0.3)
        os.kill(os.getpid(), signal.SIGINT)
        assert _wait(thread, con), "Ctrl-C did not reach the running statement"
    assert quiet_sigint == [signal.SIGINT]  # the command's own handler still ran
    assert len(raised) == 1 and isinstance(raised[0], duckdb.InterruptException)


def test_an_unregistered_connection_and_a_closed_watch_are_left_alone(
    quiet_sigint: list[int],
) -> None:
    con = duckdb.connect()
    with ctrl_c.watching():
        thread, _ = _run_on_worker(con)  # never registered
        threading.Event().wait(0.3)
        os.kill(os.getpid(), signal.SIGINT)
        thread.join(timeout=1.5)
        assert thread.is_alive()  # still running: only registered connections are stopped
        con.interrupt()
        assert _wait(thread, con)
    assert signal.set_wakeup_fd(-1) == -1  # the watch put the previous descriptor back


def test_watching_off_the_main_thread_does_nothing() -> None:
    outcome: list[bool] = []

    def off_main() -> None:
        with ctrl_c.watching():  # set_wakeup_fd would raise here
            outcome.append(True)

    thread = threading.Thread(target=off_main)
    thread.start()
    thread.join(timeout=10)
    assert outcome == [True]


def test_a_rule_stopped_by_ctrl_c_stops_the_scan_not_the_rule() -> None:
    """The guard records a rule that hit its time limit; an interrupt from outside (Ctrl-C)
    is not the rule's failure and must reach the run, which stores it as interrupted."""
    con = duckdb.connect()
    guard = RuleGuard(con, limit_seconds=60, memory_limit="1GB")
    timer = threading.Timer(0.3, con.interrupt)
    timer.start()
    with pytest.raises(duckdb.InterruptException):
        guard.attempt(ENDLESS)
    timer.join()
    assert guard.failures == {}

    ok, reason = RuleGuard(con, limit_seconds=0.3, memory_limit="1GB").attempt(ENDLESS)
    assert not ok and reason.startswith("stopped at the time limit")
