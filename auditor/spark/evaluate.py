"""``SparkSegmentEvaluator``: the policy sequence of ``policy.evaluate`` with Spark doing the work.

The scan's DuckDB connection still parses each segment and validates the context files
(quarantine with file, line and reason is one code path); their rows go to Spark as Arrow.
Spark builds the explanations, the access view and the contact matches, runs every rule,
finds bursts over the segment plus the carried events, and keeps the carry (each event
once, by event time) from segment to segment as pieces written once (a segment costs what it
holds, not what the carry holds), persisted in the same Parquet shape as the DuckDB engine's
so either engine continues the other's window.
"""

from __future__ import annotations

import functools
import itertools
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb

from auditor.errors import AuditorError, PolicyError, ScanError
from auditor.policy import carry_parts, engine, view
from auditor.policy.context import ContextInfo, RejectSink, prepare_context
from auditor.policy.evaluate import Evaluation, HitChunk, SegmentEvaluator
from auditor.policy.model import PolicyPack
from auditor.spark import hits, windows
from auditor.spark import view as sview
from auditor.spark.dialect import pack_problems
from auditor.spark.session import spark_session

if TYPE_CHECKING:
    import numpy as np
    import pyarrow as pa
    from pyspark.sql import DataFrame, SparkSession

_COUNTER = itertools.count()
_CONTEXT = ("wf", "pt", "rel", "ct", "roles")
_EVENT_COLUMNS = (
    "event_id, ts, user_id, patient_id, action, record_type, department, workstation, "
    "break_glass, reason"
)
#: Events per piece of a persisted carry read back (a segment's piece is its own size).
PIECE_ROWS = 500_000
#: Carried events the driver fetches per action when it writes the carry.
FETCH_ROWS = 262_144


class SparkSegmentEvaluator(SegmentEvaluator):
    """Evaluates the policy pack over each loaded segment, on Spark: the DuckDB evaluator's
    interface and results, every step of its own (nothing of the parent's runs but its
    constructor's bookkeeping)."""

    def __init__(
        self,
        con: duckdb.DuckDBPyConnection,
        pack: PolicyPack,
        cfg: engine.EngineConfig,
        *,
        chunk: int = 20000,
        with_json: bool = False,
        carry_from: Path | carry_parts.Manifest | None = None,
        spark: SparkSession | None = None,
        master: str | None = None,
        conf: dict[str, str] | None = None,
    ) -> None:
        super().__init__(con, pack, cfg, chunk=chunk, with_json=with_json, carry_from=carry_from)
        self.spark = spark if spark is not None else spark_session(master, conf)
        self._empty: DataFrame | None = None  # the carry's shape, once the first segment is
        self._pieces: list[_Piece] = []  # the carry (see "the window carry" below)
        self._counts: dict[int, list[tuple[DataFrame, int]]] = {}  # per rule: (counts, rows)
        self._count_merged: dict[int, int] = {}  # per rule: rows at the last merge
        self._written: list[int] = []  # carried events checkpointed, per carry step
        self._seg_keys: list[str] = []  # this segment's distinct event keys
        self._dups: list[str] = []  # those the carry already holds
        self._low = 0  # the carry's lowest key (carried events have negative keys)
        self._newest: int | None = None  # the newest carried instant, in microseconds
        self._cached: list[DataFrame] = []  # this segment's frames
        self._held: list[DataFrame] = []  # the scan's: context tables, pieces, counts
        # Temp views are per session: a prefix keeps two scans in one process apart.
        prefix = f"aud{next(_COUNTER)}_"
        extra = ("av", "ev", "carry", "piece", "maybe", "dups", "w")
        self.names = {t: prefix + t for t in (*sview.TABLES, *extra)}
        self._views = list(self.names.values())
        # A daemon runs scan after scan in one session: what a scan cached goes with it.
        self._finalizer = weakref.finalize(
            self, _drop, self.spark, self._views, self._cached, self._held
        )

    # -- preparation -----------------------------------------------------------------------

    def prepare(self, context_dir: Path | None, rejects: RejectSink) -> ContextInfo:
        """Validate context and roles in DuckDB (quarantine as ever), then hand them to Spark."""
        problems = pack_problems(self.pack)
        if problems:  # fail closed, as for an invalid pack: never different findings
            raise PolicyError(
                "policy pack does not run on Spark: " + "; ".join(str(p) for p in problems)
            )
        context = prepare_context(self.con, context_dir, self.cfg.timezone, rejects)
        engine.load_roles(self.con, self.pack)
        self.active, self.disabled = engine.split_rules(self.pack, context, self.cfg)
        self._columns = view.view_columns([a.rule for a in self.active])
        for table in _CONTEXT:
            select = (
                f"SELECT * EXCLUDE (bad) FROM {table}"
                if table != "roles"
                else "SELECT * FROM roles"
            )
            frame = self._frame(self._arrow(select)).cache()
            self._held.append(frame)
            frame.createOrReplaceTempView(self.names[table])
        return context

    def _arrow(self, sql: str) -> pa.Table:
        """A query's rows as Arrow (after finishing any result the parsers left open)."""
        self.con.complete()
        return self.con.sql(sql).to_arrow_table()

    def _frame(self, table: pa.Table) -> DataFrame:
        """Arrow rows as a DataFrame in a few partitions per core: Spark makes one partition
        per Arrow batch (DuckDB hands over batches of a few thousand rows), and hundreds of
        tiny tasks per segment cost more than the rows in them."""
        parallel = max(1, int(self.spark.sparkContext.defaultParallelism))
        return self.spark.createDataFrame(table).coalesce(parallel)

    def _sql(self, text: str) -> DataFrame:
        return self.spark.sql(text)

    # -- one segment -----------------------------------------------------------------------

    def evaluate(self, label: str, line_sql: str) -> Evaluation:
        """The access view over the loaded ``events``; hits tagged ``label:line``."""
        with _spark_errors(label):
            return self._evaluate(label, line_sql)

    def close(self) -> None:
        """Unpersist what the scan cached and drop its views (also done when collected)."""
        self._finalizer()

    def _evaluate(self, label: str, line_sql: str) -> Evaluation:
        self._release()
        events = self._export_events(line_sql)
        self._keep(self._frame(events)).createOrReplaceTempView(self.names["events"])
        joins = sview.needs_joins(self._columns)
        if "x" in joins:
            ex_sql = sview.ex_sql(self.cfg.before_days, self.cfg.after_days, self.names)
            self._sql(ex_sql).createOrReplaceTempView(self.names["ex"])
        if "c" in joins:
            self._sql(sview.cm_sql(self.names)).createOrReplaceTempView(self.names["cm"])
        av_sql = sview.av_sql(self._columns, self.cfg.placeholder_reasons, self.names)
        self._keep(self._sql(av_sql)).createOrReplaceTempView(self.names["av"])
        self._sql(sview.ev_sql(self.names)).createOrReplaceTempView(self.names["ev"])
        if self._empty is None:
            self._init_carry()
        # One pass for the event keys and the day counts: one key is one instant, so one day.
        keys = self._sql(sview.KEYS_SQL.format(av=self.names["av"])).toArrow()
        columns = [keys.column(name).to_pylist() for name in ("key", "day", "x", "n", "nx")]
        self._seg_keys = [str(key) for key in columns[0]]
        event_rows: list[tuple[str, str, bool]] = []
        by_day: dict[str, list[int]] = {}
        explained = 0
        for key, day, x, n, nx in zip(*columns, strict=True):
            event_rows.append((str(key), str(day), bool(x)))
            slot = by_day.setdefault(str(day), [0, 0])
            slot[0] += int(n)
            slot[1] += int(nx)
            explained += int(nx)
        days = [(day, n, nx) for day, (n, nx) in by_day.items()]
        return Evaluation(events.num_rows, explained, days, event_rows, self._hits(label))

    def _export_events(self, line_sql: str) -> pa.Table:
        uses_attributes = "event__attributes" in engine.stored_columns(self.active) or any(
            "event__attributes" in a.rule.columns for a in self.active
        )
        attributes = "e.attributes" if uses_attributes else "NULL::MAP(VARCHAR, VARCHAR)"
        return self._arrow(
            f"SELECT e.rowid AS k, {line_sql} AS line, {_EVENT_COLUMNS}, "
            f"{attributes} AS attributes, lts FROM events e WHERE e.bad IS NULL"
        )

    def _keep(self, frame: DataFrame) -> DataFrame:
        """Cache a per-segment frame (released when the next segment starts)."""
        frame = frame.cache()
        self._cached.append(frame)
        return frame

    def _release(self) -> None:
        for frame in self._cached:
            frame.unpersist()
        self._cached.clear()

    def _hits(self, label: str) -> Iterator[HitChunk]:
        tz, names = self.cfg.timezone, self.names
        rows = [a for a in self.active if a.rule.window is None]
        queries = [hits.row_hits_sql(rows, names["av"], label)] if rows else []
        windows_ = [a for a in self.active if a.rule.window is not None]
        if windows_:
            with _spark_errors(label):
                dups = self._find_dups()
                source = names[engine.window_source(self.active)]
                for a in windows_:
                    query = self._window_query(a, source, label, dups)
                    if query is not None:  # no hot bucket the segment touches: no burst
                        queries.append(query)
        for inner in queries:
            with _spark_errors(label):
                table = self._sql(hits.finish_sql(inner, self.active, tz, self.with_json)).toArrow()
            columns = [table.column(i).to_pylist() for i in range(table.num_columns)]
            out: list[tuple[Any, ...]] = list(zip(*columns, strict=True))
            for start in range(0, len(out), self.chunk):
                yield out[start : start + self.chunk]
        with _spark_errors(label):
            self._advance_carry(label)

    # -- the window carry ------------------------------------------------------------------
    #
    # The carry is a list of pieces, each the events one segment added (or a slice of the
    # persisted carry), checkpointed once and never rewritten; a piece goes when all its
    # events are older than the cutoff (``carry_hours`` before the newest), and the cutoff
    # is applied when pieces are read. Per window rule, the pieces' event counts per (group,
    # bucket) are kept beside them (``_counts``), so a segment reads only the carried events
    # in buckets whose counts can reach the rule's threshold (``windows.keep_sql``). Whether
    # a segment's events are carried already (a re-scan, a feed delivered twice) is asked of
    # hashes of the pieces' event keys held on the driver (8 bytes an event), and only their
    # matches are checked in the carry. Rewriting the carry each segment (the earlier design)
    # made a segment's cost grow with the carry: 46 -> 297 CPU s a segment over 10M events.

    def _stored(self) -> list[str]:
        return engine.stored_columns(self.active)

    def _cutoff(self) -> str:
        """Spark SQL keeping carried events no older than ``carry_hours`` before the newest."""
        if self._newest is None:
            return "true"
        return (
            f"event__timestamp >= timestamp_micros({self._newest}) - "
            f"INTERVAL {int(self.cfg.carry_hours)} HOURS"
        )

    def _carry_frame(self, span_us: tuple[int, int] | None = None) -> DataFrame:
        """The live pieces (those overlapping ``span_us``, [from, to) in microseconds) as one
        frame, the cutoff applied."""
        frames = [
            p.frame
            for p in self._pieces
            if span_us is None or (p.newest >= span_us[0] and p.oldest < span_us[1])
        ]
        if not frames:
            assert self._empty is not None
            return self._empty
        both = functools.reduce(lambda a, b: a.unionByName(b), frames)
        return both.where(self._cutoff())

    def _init_carry(self) -> None:
        """The persisted window of earlier scans, in pieces of ``PIECE_ROWS`` events, or an
        empty carry shaped like the view's."""
        import pyarrow as pa
        import pyarrow.parquet as pq

        cols = ", ".join(self._stored())
        shape = self._sql(
            f"SELECT k, {sview.EKEY} AS ekey, CAST('' AS STRING) AS source, {cols} "
            f"FROM {self.names['av']} LIMIT 0"
        )
        self._empty = self.spark.createDataFrame([], shape.schema)
        for a in self._window_rules():
            self._counts[a.index] = []
        self._written.append(0)
        parts = self.carry_parts
        files = parts.files() if parts is not None else [self.carry_from] if self.carry_from else []
        files = [f for f in files if f.exists()]
        # Pieces read from the parts are persisted already; from an old single file (or a
        # caller's), the next part holds them.
        persisted = parts is not None and parts.legacy is None
        if parts is not None and not persisted:
            self.carry_parts = carry_parts.Manifest(parts.folder)
        if not files:
            return
        wanted = shape.columns
        try:
            for path in files:
                parquet = pq.ParquetFile(path)
                if not set(wanted) <= set(parquet.schema_arrow.names):
                    raise KeyError("columns")  # a pack change altered them: start afresh
                batches: list[pa.RecordBatch] = []
                held = 0
                for batch in parquet.iter_batches(batch_size=PIECE_ROWS, columns=wanted):
                    batches.append(batch)
                    held += batch.num_rows
                    if held >= PIECE_ROWS:
                        self._read_piece(pa.Table.from_batches(batches), persisted)
                        batches, held = [], 0
                if held:
                    self._read_piece(pa.Table.from_batches(batches), persisted)
        except (KeyError, OSError, ValueError):  # not a carry this pack can continue
            self._drop_pieces(list(self._pieces))
            for frames in self._counts.values():
                for frame, _ in frames:
                    self._forget(frame)
                frames.clear()
            self._low, self._newest, self._written[-1] = 0, None, 0
            if parts is not None:
                self.carry_parts = carry_parts.Manifest(parts.folder)
            return
        self._written[-1] = 0  # read back, not written by this scan
        self._advance_cutoff()

    def _read_piece(self, table: pa.Table, persisted: bool) -> None:
        keys = table.column("ekey").to_pylist()
        self._add_piece(self._frame(table), [str(k) for k in keys], persisted)

    def _window_rules(self) -> list[engine.ActiveRule]:
        return [a for a in self.active if a.rule.window is not None]

    def _add_piece(self, frame: DataFrame, keys: list[str], persisted: bool = False) -> None:
        """Checkpoint ``frame`` (carry-shaped rows) as a piece, with its keys' hashes and,
        per window rule, its counts per (group, bucket)."""
        import numpy as np

        frame = _checkpoint(frame, disk=True)
        n, low, high, oldest, newest = _first(
            frame, "count(*)", "min(k)", "max(k)", "min(event__timestamp)", "max(event__timestamp)"
        )
        if not n:
            _unpersist(frame)
            return
        self._held.append(frame)
        hashes = np.sort(np.fromiter((hash(k) for k in keys), dtype=np.int64, count=len(keys)))
        piece = _Piece(
            frame, int(n), int(low), int(high), _micros(oldest), _micros(newest), hashes, persisted
        )
        self._pieces.append(piece)
        self._written[-1] += piece.rows
        self._low = min(self._low, int(low))
        if self._newest is None or piece.newest > self._newest:
            self._newest = piece.newest
        view_name = self.names["piece"]
        frame.createOrReplaceTempView(view_name)
        for a in self._window_rules():
            counts = _checkpoint(self._sql(windows.counts_sql(a, view_name)))
            self._held.append(counts)
            self._counts[a.index].append((counts, counts.count()))
            self._merge_counts(a)

    def _merge_counts(self, active: engine.ActiveRule) -> None:
        """One row per bucket again once the appended counts outgrow ``engine.MERGE_FLOOR``
        and twice the last merge (``policy.engine._count_buckets``): merges stay amortised,
        and the merged table is bounded by the groups times the buckets of ``carry_hours``."""
        from pyspark.sql import functions as F

        frames = self._counts[active.index]
        total = sum(rows for _, rows in frames)
        merged = self._count_merged.get(active.index, 0)
        if len(frames) < 2 or total <= max(2 * merged, engine.MERGE_FLOOR):
            return
        _, _, _, ms = windows.parts(active)
        union = functools.reduce(lambda a, b: a.unionByName(b), [f for f, _ in frames])
        new = (
            union.where(self._bucket_live(ms))
            .groupBy("grp", "b")
            .agg(F.sum("c").cast("bigint").alias("c"))
        )
        new = _checkpoint(new)
        rows = new.count()
        for frame, _ in frames:
            self._forget(frame)
        self._held.append(new)
        self._counts[active.index] = [(new, rows)]
        self._count_merged[active.index] = rows

    def _bucket_live(self, ms: int) -> str:
        """Buckets not wholly before the cutoff."""
        if self._newest is None:
            return "true"
        cutoff_ms = self._newest // 1000 - int(self.cfg.carry_hours) * 3_600_000
        return f"(b + 1) * {ms} > {cutoff_ms}"

    def _forget(self, frame: DataFrame) -> None:
        _unpersist(frame)
        self._held[:] = [f for f in self._held if f is not frame]

    def _drop_pieces(self, pieces: list[_Piece]) -> None:
        for piece in pieces:
            self._forget(piece.frame)
        self._pieces[:] = [p for p in self._pieces if all(p is not q for q in pieces)]

    def _advance_cutoff(self) -> None:
        """Forget pieces wholly older than the cutoff (the rest is cut when read)."""
        if self._newest is None:
            return
        cutoff = self._newest - int(self.cfg.carry_hours) * 3_600_000_000
        self._drop_pieces([p for p in self._pieces if p.newest < cutoff])

    def _find_dups(self) -> str | None:
        """The view of this segment's event keys the carry holds (None when it holds none):
        the driver's hashes name the candidates, the carry confirms them."""
        import numpy as np
        import pyarrow as pa

        self._dups = []
        keys = self._seg_keys
        if not keys or not self._pieces:
            return None
        h = np.fromiter((hash(k) for k in keys), dtype=np.int64, count=len(keys))
        found = np.zeros(len(keys), dtype=bool)
        for piece in self._pieces:
            at = np.minimum(np.searchsorted(piece.hashes, h), len(piece.hashes) - 1)
            found |= piece.hashes[at] == h
        maybe = [keys[i] for i in np.flatnonzero(found)]
        if not maybe:
            return None
        self._keep(self._frame(pa.table({"ekey": maybe}))).createOrReplaceTempView(
            self.names["maybe"]
        )
        self._carry_frame().createOrReplaceTempView(self.names["carry"])
        confirmed = self._sql(
            f"SELECT DISTINCT c.ekey FROM {self.names['carry']} c LEFT SEMI JOIN "
            f"{self.names['maybe']} m ON c.ekey = m.ekey"
        ).toArrow()
        self._dups = [str(k) for k in confirmed.column("ekey").to_pylist()]
        if not self._dups:
            return None
        self._keep(self._frame(pa.table({"ekey": self._dups}))).createOrReplaceTempView(
            self.names["dups"]
        )
        return self.names["dups"]

    def _window_query(
        self, active: engine.ActiveRule, source: str, label: str, dups: str | None
    ) -> str | None:
        """The rule's burst query over the segment and the carried events its hot buckets
        need; None when no bucket pair the segment touches can reach the threshold."""
        i, names = active.index, self.names
        cur, keep, cand, counts = (f"{names['w']}{x}{i}" for x in ("cur", "keep", "cand", "cnt"))
        self._views.extend(v for v in (cur, keep, cand, counts) if v not in self._views)
        _, _, _, ms = windows.parts(active)
        self._keep(self._sql(windows.cur_sql(active, source))).createOrReplaceTempView(cur)
        frames = [f for f, _ in self._counts[active.index]]
        if frames:
            union = functools.reduce(lambda a, b: a.unionByName(b), frames)
            union.where(self._bucket_live(ms)).createOrReplaceTempView(counts)
        else:
            self._sql("SELECT '' AS grp, 0L AS b, 0L AS c LIMIT 0").createOrReplaceTempView(counts)
        kept = self._keep(self._sql(windows.keep_sql(active, cur, counts)))
        kept.createOrReplaceTempView(keep)
        n, lo, hi = _first(kept, "count(*)", "min(b)", "max(b)")
        if not n:
            return None
        span = (int(lo) * ms, (int(hi) + 1) * ms)
        carry = names["carry"]
        self._carry_frame((span[0] * 1000, span[1] * 1000)).createOrReplaceTempView(carry)
        rows = self._sql(windows.cand_sql(active, carry, keep, span, cur, dups))
        self._keep(rows).createOrReplaceTempView(cand)
        return windows.window_sql(active, cur, cand, names["av"], hits.source_sql(label))

    def _advance_carry(self, label: str) -> None:
        """Add the segment's events (negative keys, each event once) as a new piece; forget
        pieces wholly out of the window."""
        if not self._window_rules():
            return
        self._written.append(0)
        cols = ", ".join(self._stored())
        av = self.names["av"]
        known = ""
        if self._dups:
            known = f"LEFT ANTI JOIN {self.names['dups']} x ON c.ekey = x.ekey"
        # Keys below every key in use, rising in (time, k): numbered from the newest down,
        # so the count need not be known first.
        fresh = self._sql(
            f"""
            SELECT {self._low} - row_number() OVER (ORDER BY c.event__timestamp DESC, c.k DESC)
                AS k, c.ekey, c.source, {", ".join("c." + n for n in self._stored())}
            FROM (
                SELECT k, {sview.EKEY} AS ekey, {hits.source_sql(label)} AS source, {cols},
                    row_number() OVER (PARTITION BY {sview.EKEY} ORDER BY k) AS dup
                FROM {av}
            ) AS c {known}
            WHERE c.dup = 1
            """
        )
        dups = set(self._dups)
        self._add_piece(fresh, [k for k in self._seg_keys if k not in dups])
        self._advance_cutoff()

    @property
    def has_carry(self) -> bool:
        """Whether a segment was evaluated (the carry exists once the first one is)."""
        return self._empty is not None

    @property
    def carry_rows_written(self) -> list[int]:
        """Carried events checkpointed by each segment's carry step (the first entry: the
        start of the scan): a piece is written once, so each is at most its segment's
        events, whatever the carry holds."""
        return list(self._written)

    def checkpoint_carry(self, path: Path) -> None:
        """Write the carry as one Parquet file, in the DuckDB engine's column types.

        Fetched piece by piece in slices of ``FETCH_ROWS`` keys and written a row group at a
        time: the driver holds one slice, whatever the carry's size, and executors need no
        filesystem shared with the driver (the home is the driver's). Collecting the whole
        carry in one action failed at ~9.5M events (``TaskResultLost``, docs/scale-out.md).
        """
        import pyarrow.parquet as pq

        assert self._empty is not None
        writer: pq.ParquetWriter | None = None
        try:
            with _spark_errors(str(path)):
                for piece in self._pieces:
                    for table in self._slices(piece):
                        if writer is None:
                            writer = pq.ParquetWriter(path, table.schema)
                        writer.write_table(table.cast(writer.schema))
                if writer is None:
                    pq.write_table(_duck_types(self._empty.toArrow()), path)
        finally:
            if writer is not None:
                writer.close()

    def checkpoint_part(self, folder: Path) -> carry_parts.Manifest:
        """Write the pieces no part holds yet as one new part in ``folder`` (fetched in
        slices, as ``checkpoint_carry``), and return the manifest with it, which the caller
        commits (``policy.carry_parts``): the same parts the DuckDB engine writes and reads."""
        import pyarrow.parquet as pq

        assert self._empty is not None
        path = carry_parts.new_part_path(folder)
        writer: pq.ParquetWriter | None = None
        rows, low, high, oldest, newest = 0, 0, 0, 0, 0
        whole = self._compacting()
        fresh = [p for p in self._pieces if whole or not p.persisted]
        try:
            with _spark_errors(str(path)):
                for piece in fresh:
                    for table in self._slices(piece):
                        if writer is None:
                            writer = pq.ParquetWriter(path, table.schema)
                        writer.write_table(table.cast(writer.schema))
                        ks, ts = table.column("k"), table.column("event__timestamp")
                        bounds = (_pc_min(ks), _pc_max(ks), _pc_min(ts), _pc_max(ts))
                        if rows == 0:
                            low, high, oldest, newest = bounds
                        else:
                            low, high = min(low, bounds[0]), max(high, bounds[1])
                            oldest, newest = min(oldest, bounds[2]), max(newest, bounds[3])
                        rows += table.num_rows
        finally:
            if writer is not None:
                writer.close()
        for piece in fresh:
            piece.persisted = True
        part = None
        if rows:
            part = carry_parts.Part(path.name, rows, low, high, oldest, newest)
        return self._added(part, self._newest, folder, whole)

    def _slices(self, piece: _Piece) -> Iterator[pa.Table]:
        live = piece.frame.where(self._cutoff())
        slices = -(-piece.rows // FETCH_ROWS)
        for i in range(slices):
            if piece.high - piece.low + 1 == piece.rows:  # a segment's piece: keys in a row
                start = piece.low + i * FETCH_ROWS
                part = live.where(f"k >= {start} AND k < {start + FETCH_ROWS}")
            else:  # read back from a persisted carry: keys with gaps
                part = live.where(f"pmod(xxhash64(k), {slices}) = {i}")
            table = part.toArrow()
            if table.num_rows:
                yield _duck_types(table)


@dataclass
class _Piece:
    """Carried events one segment added (or a slice of a persisted carry): checkpointed once."""

    frame: DataFrame
    rows: int
    low: int  # its keys, a contiguous range
    high: int
    oldest: int  # microseconds since the epoch
    newest: int
    hashes: np.ndarray[Any, Any]  # sorted ``hash()`` of its event keys (this process's)
    persisted: bool = False  # in a part of the persisted carry (``checkpoint_part``)


def _checkpoint(frame: DataFrame, *, disk: bool = False) -> DataFrame:
    """``frame`` computed once and kept without its lineage, serialized (``disk``: on the
    executors' local disks only).

    The carry's pieces go to disk: kept in memory (as row objects, then as bytes) a carry of
    millions of events filled the 4 GB heap of a local driver JVM (old generation 95% full,
    36 full collections by segment 11 of 10M events) and every segment paid more garbage
    collection than the one before. A piece is read only where hot buckets need it and
    when the carry is persisted. The bucket counts are small and stay in memory."""
    from pyspark import StorageLevel

    level = StorageLevel.DISK_ONLY if disk else StorageLevel.MEMORY_AND_DISK
    return frame.localCheckpoint(eager=True, storageLevel=level)


def _first(frame: DataFrame, *exprs: str) -> list[Any]:
    """One aggregate row's values (aggregates without GROUP BY always give one row)."""
    row = frame.selectExpr(*exprs).first()
    assert row is not None
    return list(row)


def _duck_types(table: pa.Table) -> pa.Table:
    """Spark's Arrow rows in the DuckDB engine's column types: ``local_ts`` is a wall-clock
    time (no zone), as DuckDB keeps it; the key ``k`` a 64-bit integer (Spark numbers a
    segment's keys as 32-bit ones)."""
    import pyarrow as pa

    if "k" in table.column_names:
        i = table.column_names.index("k")
        table = table.set_column(i, "k", table.column(i).cast(pa.int64()))
    if "local_ts" in table.column_names:
        i = table.column_names.index("local_ts")
        table = table.set_column(i, "local_ts", table.column(i).cast(pa.timestamp("us")))
    return table


@contextmanager
def _spark_errors(where: str) -> Iterator[None]:
    """A Spark or JVM failure as a ScanError naming the segment and the exception class only
    (Spark's messages may quote values)."""
    try:
        yield
    except AuditorError:
        raise
    except Exception as exc:
        module = type(exc).__module__
        if module.startswith(("pyspark", "py4j")):
            raise ScanError(f"Spark failed on {where} ({type(exc).__name__})") from exc
        raise


def _drop(spark: SparkSession, views: list[str], *frames: list[DataFrame]) -> None:
    """Unpersist frames and drop temp views (a stopped session has nothing left to drop)."""
    try:
        for group in frames:
            for frame in group:
                _unpersist(frame)
            group.clear()
        for name in views:
            spark.catalog.dropTempView(name)
    except Exception:  # the session or its JVM is already gone: nothing is cached any more
        return


def _unpersist(frame: DataFrame) -> None:
    """Release a frame's cached or checkpointed rows now.

    ``DataFrame.unpersist()`` leaves a ``localCheckpoint``'s blocks in place (they go only
    when the JVM collects the RDD), so every segment's carry stayed in the block manager:
    the carry grows with the scan, and at 10M events they filled memory and spilled to disk
    (issue #17, docs/scale-out.md). The checkpointed plan is a ``LogicalRDD`` over that RDD.
    """
    frame.unpersist()
    plan = frame._jdf.queryExecution().analyzed()
    if plan.getClass().getSimpleName() == "LogicalRDD":
        plan.rdd().unpersist(False)


def _pc_min(column: Any) -> int:
    """The least value of an integer or timestamp Arrow column, as an integer (microseconds
    for a timestamp)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if pa.types.is_timestamp(column.type):
        column = column.cast(pa.timestamp("us", tz=column.type.tz)).cast(pa.int64())
    return int(pc.min(column).as_py())


def _pc_max(column: Any) -> int:
    import pyarrow as pa
    import pyarrow.compute as pc

    if pa.types.is_timestamp(column.type):
        column = column.cast(pa.timestamp("us", tz=column.type.tz)).cast(pa.int64())
    return int(pc.max(column).as_py())


def _micros(value: Any) -> int:
    """Microseconds since the epoch of a datetime Spark returned (UTC session)."""
    from datetime import UTC

    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return int(value.timestamp()) * 1_000_000 + value.microsecond
