"""Ctrl-C that stops a DuckDB statement at once, however busy the machine.

Python runs a signal handler only when the main thread next executes bytecode. During a
DuckDB statement the main thread waits inside DuckDB while its worker threads do the work,
so on a loaded machine Ctrl-C could go unread until the statement ended (each policy rule
has a time limit, so the wait had a ceiling, but a long one). The C-level handler still
writes the signal's number to ``signal.set_wakeup_fd`` the moment it arrives: a thread
watching that descriptor interrupts every registered connection, DuckDB returns, and the
command's own SIGINT handler then runs as usual.
"""

from __future__ import annotations

import signal
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Protocol


class Interruptible(Protocol):
    """What the watcher needs of a connection (``duckdb.DuckDBPyConnection`` has it)."""

    def interrupt(self) -> None: ...


_lock = threading.Lock()
_live: list[Interruptible] = []


@contextmanager
def registered(con: Interruptible) -> Iterator[None]:
    """While open, Ctrl-C (under ``watching``) interrupts ``con``'s running statement."""
    with _lock:
        _live.append(con)
    try:
        yield
    finally:
        with _lock:
            _live.remove(con)


def interrupt_registered() -> int:
    """Interrupt every registered connection; how many there were."""
    with _lock:
        live = list(_live)
    for con in live:
        con.interrupt()
    return len(live)


@contextmanager
def watching() -> Iterator[None]:
    """Watch for SIGINT while open (main thread only; elsewhere this does nothing).

    The descriptor a previous owner set (an event loop's, say) is put back on exit.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    reader, writer = socket.socketpair()
    writer.setblocking(False)  # the C handler must never block on a full buffer
    previous = signal.set_wakeup_fd(writer.fileno(), warn_on_full_buffer=False)
    watcher = threading.Thread(target=_watch, args=(reader,), name="ctrl-c", daemon=True)
    watcher.start()
    try:
        yield
    finally:
        signal.set_wakeup_fd(previous)
        writer.close()  # the watcher reads end-of-stream and returns
        watcher.join(timeout=5)
        reader.close()


def _watch(reader: socket.socket) -> None:
    while True:
        try:
            data = reader.recv(64)
        except OSError:
            return
        if not data:
            return
        if signal.SIGINT in data:
            interrupt_registered()
