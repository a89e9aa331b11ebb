"""`daemon --once` decides it is idle from the executor's instance counts, not its keys."""

from __future__ import annotations

import logging

from auditor.context import AppContext
from auditor.daemon.runtime import DaemonRuntime
from auditor.daemon.scheduler import build_scheduler, due_or_running


def test_zero_count_left_by_a_fast_job_is_idle(actx: AppContext) -> None:
    # A job that finishes before APScheduler attaches its done-callback leaves its id in the
    # executor's table at 0 (seen under load): that must not read as "still running".
    rt = DaemonRuntime(actx=actx, log=logging.getLogger("test"))
    scheduler = build_scheduler(rt)
    scheduler.start(paused=True)
    try:
        executor = scheduler._lookup_executor("default")
        executor._instances["access-logs"] = 0
        assert due_or_running(scheduler, rt) is False
        executor._instances["access-logs"] = 1
        assert due_or_running(scheduler, rt) is True
    finally:
        scheduler.shutdown(wait=False)
