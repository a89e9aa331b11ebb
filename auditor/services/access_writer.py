"""Findings go to the store on a thread of their own, in order, while DuckDB computes more.

SQLite spends most of an insert inside ``sqlite3_step``, which releases the GIL, and DuckDB
evaluates without it too: on two cores the store's work then overlaps the engine's instead
of following it. One thread and one FIFO queue keep the order, so a segment's checkpoint
still commits in the same transaction as its last batch, and the window carry file is
replaced only after that commit: a kill at any point resumes with no gap.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from typing import Any

from auditor.context import AppContext
from auditor.findings import AccessRow
from auditor.store import audited, repo
from auditor.store.models import RunKind

Checkpoint = tuple[str, int, int, dict[str, Any]]
_Job = tuple[
    repo.PreparedRows | None,
    Checkpoint | None,
    Callable[[], None] | None,
    list[audited.EventKey],
]


class StoreWriter:
    """Upserts batches (and checkpoints) in the order given; errors surface on the next call."""

    def __init__(self, actx: AppContext, run_id: str, depth: int = 8, group: int = 8) -> None:
        self.actx, self.run_id, self.group = actx, run_id, group
        self.new = 0  # findings the store did not know before this scan
        self._jobs: queue.Queue[_Job | None] = queue.Queue(maxsize=depth)
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._loop, name="findings-writer", daemon=True)
        self._thread.start()

    def put(
        self,
        rows: list[AccessRow],
        checkpoint: Checkpoint | None = None,
        after: Callable[[], None] | None = None,
        events: list[audited.EventKey] | None = None,
    ) -> None:
        """Queue one transaction: ``rows`` plus ``checkpoint``; ``after`` runs once committed.

        ``events``: the segment's distinct events (``audited_events``), idempotent.

        The rows are converted for the driver here, on the caller's thread, so the writer
        thread is left with little but the database's own work.
        """
        self._raise()
        engine, seen = self.actx.engine, self.actx.clock()
        prepared = repo.prepare_access_rows(engine, rows, self.run_id, seen) if rows else None
        self._jobs.put((prepared, checkpoint, after, events or []))

    def close(self) -> None:
        """Wait until everything queued is committed; re-raise what went wrong meanwhile."""
        self._stop()
        self._raise()

    def abort(self) -> None:
        """Stop after what is queued (all of it consistent: a checkpoint commits with or
        after its segment's last batch), keeping the caller's error rather than the writer's."""
        self._stop()
        self._error = None

    def _stop(self) -> None:
        if self._thread.is_alive():
            self._jobs.put(None)
            self._thread.join()

    def _raise(self) -> None:
        if self._error is not None:
            error, self._error = self._error, None
            raise error

    def _loop(self) -> None:
        stopping = False
        while not stopping:
            jobs: list[_Job] = []
            # Group commit: whatever else is already queued joins this transaction. Fewer,
            # larger commits write each touched index page to the WAL once, not per batch.
            while not stopping and (not jobs or (len(jobs) < self.group and self._jobs.qsize())):
                job = self._jobs.get()
                if job is None:
                    stopping = True
                else:
                    jobs.append(job)
            if self._error is None and jobs:
                try:
                    self._commit(jobs)
                except BaseException as exc:  # handed to the scan's thread, which reports it
                    self._error = exc

    def _commit(self, jobs: list[_Job]) -> None:
        with self.actx.transaction() as session:
            for prepared, _, _, events in jobs:
                if prepared is not None:
                    new, _ = repo.upsert_prepared(session, prepared, self.run_id)
                    self.new += new
                audited.put_events(session, events, self.run_id)
            for _, checkpoint, _, _ in jobs:
                if checkpoint is not None:
                    key, position, line, meta = checkpoint
                    repo.put_checkpoint(session, key, RunKind.ACCESS_LOGS, position, line, meta)
        for _, _, after, _ in jobs:
            if after is not None:
                after()
