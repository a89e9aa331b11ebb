"""SIGTERM/SIGINT: stop taking work, let the running job reach a checkpoint, exit 0.

The handler only sets the runtime's stop flag; jobs poll it (``should_stop``) between
batches, the queue worker between requests, and the main loop then shuts the scheduler down
waiting for the running job. Handlers are restored afterwards so tests can run in-process.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Any

from auditor.daemon.logs import event
from auditor.daemon.runtime import DaemonRuntime

STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)


@contextmanager
def stop_on_signals(rt: DaemonRuntime) -> Iterator[None]:
    """Install the handlers (main thread only; elsewhere the caller sets ``rt.stop``)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous: dict[int, Callable[[int, FrameType | None], Any] | int | None] = {}

    def handler(signum: int, _frame: FrameType | None) -> None:
        if not rt.stop.is_set():
            event(
                rt.log,
                "stop requested; finishing at the next checkpoint",
                signal=signal.Signals(signum).name,
            )
        rt.stop.set()

    for sig in STOP_SIGNALS:
        previous[int(sig)] = signal.getsignal(sig)
        signal.signal(sig, handler)
    try:
        yield
    finally:
        for signum, old in previous.items():
            signal.signal(signum, old if old is not None else signal.SIG_DFL)
