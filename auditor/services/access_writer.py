"""Findings go to the store on a thread of their own, in order, while DuckDB computes more.

The findings and the distinct events are each written by one set-based statement per batch
(a JSON text unpacked by the database), which runs inside the driver without the GIL, and
DuckDB evaluates without it too: on two cores the store's work then overlaps the engine's
instead of following it. One thread and one FIFO queue keep the order, so a checkpoint
commits with or after the last batch of the segments it covers, with the window carry's
manifest in the same transaction (its new part written before): a kill at any point
resumes with no gap.

On SQLite the distinct events are staged on the writer's own connection
(``audited.stage_events``) and merged into ``audited_events`` in (day, key) order
(``audited.merge_staged``) with a checkpoint or an ``after``, at the end, and whenever the
stage holds as many events as all merges before it (at least ``STAGE_MIN``); a segment due
at once with nothing staged goes straight in (``audited.put_events``, its text is sorted).
Their keys are hashes, so a segment's events touch most of the table's pages, and a commit
writes every page it touched: merged per segment, a scan rewrote the table once a segment;
merges that double write it a few times a scan. An incremental scan (a checkpoint per
segment) merges per segment as before. Events staged and not merged die with the process,
and with them nothing a checkpoint promised: a resumed scan reads them again.

The findings likewise (``repo.stage_prepared``: each batch's upsert statement, into a TEMP
table of the same connection) are merged into ``findings`` in the order they were staged
(``repo.merge_staged_findings``: the same upsert, so the same rows and ids) whenever the
events are, and on their own once as many are staged as were merged before (at least
``FINDINGS_MIN``); batches due at once with nothing staged go straight in. Staged, a
batch's rows cost SQLite one JSON unpacking into an append-only table and no commit of
``findings``' seven B-trees; merged, each page those B-trees touch is written once a merge
instead of once a commit. The console sees a scan's findings as they are merged.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import duckdb
from sqlalchemy import Connection
from sqlalchemy.orm import Session

from auditor.context import AppContext
from auditor.findings import AccessRow
from auditor.policy.view import EVENT_KEY_SQL, wf_at
from auditor.store import audited, event_index, repo
from auditor.store.models import RunKind

Checkpoint = tuple[str, int, int, dict[str, Any]]
_Job = tuple[
    repo.PreparedRows | None,
    Checkpoint | list[Checkpoint] | None,
    Callable[[], None] | None,
    str | Sequence[audited.EventKey],
    list[event_index.DriverRow],
]
#: Index rows per writer job: the queue holds ``depth`` jobs, so this bounds its memory.
INDEX_CHUNK = 50_000
#: Staged events before a merge is due (more once more have been merged; see above):
#: about a segment's, so a scan's first segment goes straight in, as before.
STAGE_MIN = 500_000
#: Staged findings before a merge is due, in the same way (about a segment's at the
#: default pack's rate on the generated hospital): merged with the events, or on their own
#: when a scan finds many.
FINDINGS_MIN = 50_000
# The instant as the store's driver takes it: SQLAlchemy's SQLite text form (always with
# microseconds), or PostgreSQL's timestamptz input form for COPY.
_AT_FORMAT = {"sqlite": "%Y-%m-%d %H:%M:%S.%f", "postgresql": "%Y-%m-%d %H:%M:%S.%f+00"}
# The loaded segment's distinct events, with the workforce row in force that day (department
# and role where the context knows them, else the log's own department), pseudonymised
# through the id -> fingerprint table ``_ix_fp`` and sorted by the index's primary key, so the
# store's B-tree is written in order and Python touches each row only to hand it on.
_INDEX_SQL = f"""
WITH s AS (
    SELECT {EVENT_KEY_SQL} AS key, min(epoch_us(e.ts)) AS us,
        any_value(coalesce(e.user_id, '')) AS usr,
        any_value(coalesce(e.patient_id, '')) AS pat,
        any_value(coalesce(e.action, '')) AS action,
        any_value(coalesce(e.record_type, '')) AS record_type,
        any_value(coalesce(u.department, nullif(e.department, ''), '')) AS department,
        any_value(coalesce(u.role, '')) AS role
    FROM events e LEFT JOIN wf u ON u.user_id = e.user_id AND {{wf_at}}
    WHERE e.bad IS NULL AND epoch_us(e.ts) >= $since
    GROUP BY key
)
SELECT fu.fp AS user_fp, strftime(make_timestamp(s.us), $at_format) AS at_text, s.key,
    fq.fp, substring(s.action, 1, 32), substring(s.record_type, 1, 32), $source,
    substring(s.department, 1, 64), substring(s.role, 1, 64)
FROM s JOIN _ix_fp fu ON fu.domain = 'user' AND fu.id = s.usr
JOIN _ix_fp fq ON fq.domain = 'patient' AND fq.id = s.pat
ORDER BY user_fp, at_text, s.key
""".replace("{wf_at}", wf_at("u"))
_IDS_SQL = """
SELECT DISTINCT 'user' AS domain, coalesce(user_id, '') AS id FROM events
WHERE bad IS NULL AND epoch_us(ts) >= $since
UNION
SELECT DISTINCT 'patient', coalesce(patient_id, '') FROM events
WHERE bad IS NULL AND epoch_us(ts) >= $since
"""


class StoreWriter:
    """Upserts batches (and checkpoints) in the order given; errors surface on the next call."""

    def __init__(
        self, actx: AppContext, run_id: str, depth: int = 8, group: int = 8, timezone: str = ""
    ) -> None:
        """``timezone``: the site's, which the events' days are in (``audited.put_events``)."""
        self.actx, self.run_id, self.group, self.timezone = actx, run_id, group, timezone
        self.new = 0  # findings the store did not know before this scan
        days = actx.settings.access.event_index_days
        # The event index keeps what happened since this instant (None: no index).
        self.index_since = actx.clock() - timedelta(days=days) if days > 0 else None
        self._names = event_index.Pseudonyms(actx.fingerprinter)
        self._dialect = actx.engine.dialect.name
        self._jobs: queue.Queue[_Job | None] = queue.Queue(maxsize=depth)
        self._error: BaseException | None = None
        self._staging = self._dialect == "sqlite"
        self._staged = self._merged = 0  # events in the stage; merged by this writer
        self._fstaged = self._fmerged = 0  # findings in the stage; merged by this writer
        # The writer thread's own connection when staging (the stage is a TEMP table on it).
        self._connection: Connection | None = None
        self._ending = False  # the end is queued (``finish``): nothing more is taken
        self._thread = threading.Thread(target=self._loop, name="findings-writer", daemon=True)
        self._thread.start()

    def put(
        self,
        rows: list[AccessRow],
        checkpoint: Checkpoint | list[Checkpoint] | None = None,
        after: Callable[[], None] | None = None,
        events: str | Sequence[audited.EventKey] | None = None,
        index: list[event_index.DriverRow] | None = None,
    ) -> None:
        """Queue one transaction: ``rows`` plus ``checkpoint`` (or several, committed
        together: a file's and the window carry's manifest); ``after`` runs once committed.

        ``events``: the segment's distinct events (``audited_events``: the scan's JSON or
        ``audited.EventKey`` tuples), idempotent;
        ``index``: rows of the pseudonymised event index in driver form, sorted by its
        primary key (``put_index``), idempotent too.

        The rows are converted for the driver here, on the caller's thread, so the writer
        thread is left with little but the database's own work.
        """
        self._raise()
        if self._ending:
            raise RuntimeError("the store writer was finished: nothing more is taken")
        engine, seen = self.actx.engine, self.actx.clock()
        prepared = repo.prepare_access_rows(engine, rows, self.run_id, seen) if rows else None
        self._jobs.put((prepared, checkpoint, after, events or "", index or []))

    def put_index(self, con: duckdb.DuckDBPyConnection, label: str) -> None:
        """Queue the loaded segment's events for the console's event index, pseudonymised.

        Only the segment's distinct ids are fingerprinted in Python (the home's keyed HMAC,
        memoised); DuckDB joins them to the events, formats and sorts the rows, so a row costs
        the scan's thread a fetch and the writer's an insert. Events older than the retention
        bound are left out (and pruned from the store when the scan closes).
        """
        if self.index_since is None:
            return
        since = int(self.index_since.timestamp() * 1_000_000)
        names = self._names
        ids = con.execute(_IDS_SQL, {"since": since}).fetchall()
        if not ids:
            return
        fps = [names.user(i) if d == "user" else names.patient(i) for d, i in ids]
        con.execute(
            "CREATE OR REPLACE TEMP TABLE _ix_fp AS "
            "SELECT unnest($d) AS domain, unnest($i) AS id, unnest($f) AS fp",
            {"d": [d for d, _ in ids], "i": [i for _, i in ids], "f": fps},
        )
        params = {
            "since": since,
            "at_format": _AT_FORMAT.get(self._dialect, _AT_FORMAT["postgresql"]),
            "source": Path(label).name[:255],
        }
        try:
            cursor = con.execute(_INDEX_SQL, params)
            while chunk := cursor.fetchmany(INDEX_CHUNK):
                self.put([], index=chunk)
        finally:
            con.execute("DROP TABLE IF EXISTS _ix_fp")

    def finish(self) -> None:
        """Queue the end: the writer commits what is queued and merges what it staged
        while the caller does other work; ``close`` waits for it."""
        if not self._ending and self._thread.is_alive():
            self._ending = True
            self._jobs.put(None)

    def close(self) -> None:
        """Wait until everything queued is committed; re-raise what went wrong meanwhile."""
        self._stop()
        self._raise()
        self._prune_index()

    def _prune_index(self) -> None:
        """The retention bound: index rows older than it go (all of them with the index off)."""
        cutoff = self.index_since or datetime.max.replace(tzinfo=UTC)
        with self.actx.transaction() as session:
            event_index.prune(session, cutoff)

    def abort(self) -> None:
        """Stop after what is queued (all of it consistent: a checkpoint commits with or
        after its segment's last batch), keeping the caller's error rather than the writer's."""
        self._stop()
        self._error = None

    def _stop(self) -> None:
        self.finish()
        self._thread.join()

    def _raise(self) -> None:
        if self._error is not None:
            error, self._error = self._error, None
            raise error

    def _loop(self) -> None:
        stopping = False
        try:
            while not stopping:
                jobs: list[_Job] = []
                # Group commit: whatever else is already queued joins this transaction.
                # Fewer, larger commits write each touched index page to the WAL once.
                while not stopping and (
                    not jobs or (len(jobs) < self.group and self._jobs.qsize())
                ):
                    job = self._jobs.get()
                    if job is None:
                        stopping = True
                    else:
                        jobs.append(job)
                leftover = stopping and (self._staged or self._fstaged)
                if self._error is None and (jobs or leftover):
                    try:
                        self._commit(jobs, last=stopping)
                    except BaseException as exc:  # handed to the scan's thread to report
                        self._error = exc
        finally:
            if self._connection is not None:
                self._connection.close()
                self._connection = None

    @contextmanager
    def _transaction(self) -> Iterator[Session]:
        """The context's transaction; on the writer's own connection when staging."""
        if not self._staging:
            with self.actx.transaction() as session:
                yield session
            return
        if self._connection is None:
            self._connection = self.actx.engine.connect()
        with self.actx.sessions(bind=self._connection) as session, session.begin():
            session.info["clock"] = self.actx.clock
            yield session

    def _commit(self, jobs: list[_Job], last: bool = False) -> None:
        texts = [t for job in jobs if (t := audited.as_json(job[3])) not in audited.EMPTY]
        found = [job[0] for job in jobs if job[0] is not None and job[0].identities]
        staging = self._staging
        pending = self._staged + (sum(map(audited.count, texts)) if staging else 0)
        fpending = self._fstaged + (sum(len(p.identities) for p in found) if staging else 0)
        # A checkpoint, or a caller waiting for the commit (``after``), wants them in.
        due = last or any(job[1] is not None or job[2] is not None for job in jobs)
        merge = (pending > 0 or fpending > 0) and (
            due
            or pending >= max(STAGE_MIN, self._merged)
            or fpending >= max(FINDINGS_MIN, self._fmerged)
        )
        # Nothing staged and one segment's text to merge now: it goes in as it is (sorted).
        direct = not staging or (merge and not self._staged and len(texts) == 1)
        # Nothing staged and the batches due now: upserted as they are.
        fdirect = not staging or (merge and not self._fstaged)
        with self._transaction() as session:
            for prepared in found:
                if fdirect:
                    new, _ = repo.upsert_prepared(session, prepared, self.run_id)
                    self.new += new
                else:
                    repo.stage_prepared(session, prepared)
            for events in texts:
                if direct:
                    audited.put_events(session, events, self.run_id, self.timezone)
                else:
                    audited.stage_events(session, events)
            for job in jobs:  # each job's rows arrive sorted: the B-trees see long runs
                event_index.put_driver_rows(session, job[4])
            # Before the checkpoints: they promise these are stored.
            if merge and not fdirect:
                self.new += repo.merge_staged_findings(session)
            if merge and not direct and pending > 0:
                audited.merge_staged(session, self.run_id, self.timezone)
            for _, checkpoint, _, _, _ in jobs:
                if checkpoint is None:
                    continue
                many: list[Checkpoint] = (
                    checkpoint if isinstance(checkpoint, list) else [checkpoint]
                )
                for key, position, line, meta in many:
                    repo.put_checkpoint(session, key, RunKind.ACCESS_LOGS, position, line, meta)
        if merge:
            self._staged, self._merged = 0, self._merged + pending
            self._fstaged, self._fmerged = 0, self._fmerged + fpending
        else:
            self._staged, self._fstaged = pending, fpending
        for _, _, after, _, _ in jobs:
            if after is not None:
                after()
