"""``auditor daemon``: take the lock, recover, schedule, work until told to stop.

Exit codes: 0 after a clean stop (signal or ``--once`` finished), 3 when another daemon
holds the lock (LockHeldError), 1 when the lock was lost while running (e.g. the PostgreSQL
session holding the advisory lock died: another daemon could now start, so this one stops).
"""

from __future__ import annotations

import logging
import time

from auditor.context import AppContext
from auditor.daemon import lock as daemon_lock
from auditor.daemon.logs import event
from auditor.daemon.runtime import DaemonRuntime
from auditor.daemon.scheduler import (
    AuditorScheduler,
    build_scheduler,
    due_or_running,
    job_specs,
    sync_jobs,
)
from auditor.daemon.signals import stop_on_signals
from auditor.store import queue, repo


def run_daemon(
    actx: AppContext,
    log: logging.Logger,
    *,
    once: bool = False,
    runtime: DaemonRuntime | None = None,
) -> int:
    """Run until stopped (or, with ``once``, until nothing is due and the queue is empty)."""
    preflight(actx)
    rt = runtime or DaemonRuntime(actx=actx, log=log)
    # Handlers go in before anything is announced: a stop asked for as soon as the daemon
    # says it started must still be a clean stop (exit 0), not a KeyboardInterrupt.
    with stop_on_signals(rt):
        return _run_locked(actx, rt, log, once=once)


def _run_locked(actx: AppContext, rt: DaemonRuntime, log: logging.Logger, *, once: bool) -> int:
    previous = daemon_lock.read_holder(actx.engine)
    lock = held = daemon_lock.acquire(actx.engine, actx.clock())
    exit_code = 0
    last_alive = previous.heartbeat_at if previous else None
    event(log, "daemon started", backend=lock.backend, once=once)
    with actx.transaction() as session:
        repo.audit(session, "daemon", "daemon.start", lock.backend, once=once)
    scheduler = build_scheduler(rt)
    try:
        with actx.transaction() as session:
            interrupted = queue.recover_orphans(session)
        scheduler.start(paused=True)
        sync_jobs(scheduler, rt, interrupted_kinds=interrupted, last_alive=last_alive)
        scheduler.resume()
        exit_code = _main_loop(scheduler, rt, held, once=once)
        rt.stop.set()
        event(log, "daemon stopping; waiting for the running job")
        scheduler.stop()
    finally:
        rt.stop.set()
        if scheduler.running:
            scheduler.stop()
        with actx.transaction() as session:
            repo.audit(session, "daemon", "daemon.stop", lock.backend, exit_code=exit_code)
        daemon_lock.release(actx.engine, lock, actx.clock())
        event(log, "daemon stopped", exit_code=exit_code)
    return exit_code


def preflight(actx: AppContext) -> None:
    """Refuse to start on a bad schedule or an invalid policy pack (fail closed, exit 2)."""
    job_specs(actx.settings)
    if actx.settings.daemon.access_log_sources:
        from auditor.policy.loader import load_pack

        load_pack(actx.settings.resolved_policies_dir)


def _main_loop(
    scheduler: AuditorScheduler,
    rt: DaemonRuntime,
    held: daemon_lock.DaemonLock,
    *,
    once: bool,
) -> int:
    settings = rt.actx.settings.daemon
    next_beat = time.monotonic() + settings.heartbeat_seconds
    idle_checks = 0
    while not rt.stop.wait(0.5 if once else min(1.0, settings.heartbeat_seconds)):
        if time.monotonic() >= next_beat:
            next_beat = time.monotonic() + settings.heartbeat_seconds
            if not held.alive():
                event(rt.log, "daemon lock lost; stopping", logging.ERROR, backend=held.backend)
                return 1
            daemon_lock.heartbeat(rt.actx.engine, rt.actx.clock())
        if once:
            with rt.actx.transaction() as session:
                waiting = queue.depth(session)["queued"]
            idle = not waiting and not due_or_running(scheduler, rt)
            idle_checks = idle_checks + 1 if idle else 0
            if idle_checks >= 2:  # twice in a row: nothing was between submit and start
                return 0
    return 0
