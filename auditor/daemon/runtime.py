"""What every daemon job receives: the app context, the stop flag and the one-job-at-a-time lock.

It is created per daemon process and handed to jobs by the executor (see scheduler.py), so
nothing lives in module globals.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from auditor.context import AppContext
from auditor.store.models import Trigger


@dataclass
class DaemonRuntime:
    actx: AppContext
    log: logging.Logger
    stop: threading.Event = field(default_factory=threading.Event)
    #: Scans, reports and queued requests run one at a time: the store sees a single writer
    #: per daemon and checkpoints of one source are never advanced by two jobs at once.
    work: threading.Lock = field(default_factory=threading.Lock)
    #: Job ids whose next run is a catch-up of a run missed while the daemon was down.
    catch_up: set[str] = field(default_factory=set)
    _guard: threading.Lock = field(default_factory=threading.Lock)

    def should_stop(self) -> bool:
        return self.stop.is_set()

    def take_trigger(self, job_id: str) -> Trigger:
        with self._guard:
            if job_id in self.catch_up:
                self.catch_up.discard(job_id)
                return Trigger.CATCH_UP
        return Trigger.SCHEDULE

    @contextmanager
    def exclusive(self, *, wait: bool = True) -> Iterator[bool]:
        """Hold the work lock; yields False (and runs nothing) when stopping or busy."""
        got = False
        while not self.stop.is_set():
            got = self.work.acquire(timeout=0.5 if wait else 0)
            if got or not wait:
                break
        try:
            yield got and not self.stop.is_set()
        finally:
            if got:
                self.work.release()

    def busy(self) -> bool:
        return self.work.locked()
