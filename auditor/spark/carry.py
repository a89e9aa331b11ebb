"""The Spark engine's window carry: the events window rules look back on, segment to segment.

The carry is a list of pieces, each the events one segment added (or a slice of the
persisted carry), checkpointed once and never rewritten; a piece goes when all its events
are older than the cutoff (``carry_hours`` before the newest), and the cutoff is applied when
pieces are read. Per window rule, the pieces' event counts per (group, bucket) are kept beside
them, so a segment reads only the carried events in buckets whose counts can reach the rule's
threshold (``windows.keep_sql``). Whether a segment's events are carried already (a re-scan, a
feed delivered twice) is asked of hashes of the pieces' event keys held on the driver (8 bytes
an event), and only their matches are checked in the carry. Rewriting the carry each segment
(the earlier design) made a segment's cost grow with the carry: 46 -> 297 CPU s a segment
over 10M events (issue #17).

It is persisted in the DuckDB engine's Parquet shape (parts with a manifest,
``policy.carry_parts``; an older single file is read), so either engine continues the
other's window.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from auditor.policy import carry_parts, engine
from auditor.spark import view as sview
from auditor.spark import windows

if TYPE_CHECKING:
    import numpy as np
    import pyarrow as pa
    from pyspark.sql import DataFrame, SparkSession
    from pyspark.sql.types import StructType

#: Events per piece of a persisted carry read back (a segment's piece is its own size).
PIECE_ROWS = 500_000
#: Carried events the driver fetches per action when it writes the carry.
FETCH_ROWS = 262_144


@dataclass
class Piece:
    """Carried events one segment added (or a slice of a persisted carry): checkpointed once."""

    frame: DataFrame
    rows: int
    low: int  # its keys, a contiguous range
    high: int
    oldest: int  # microseconds since the epoch
    newest: int
    hashes: np.ndarray[Any, Any]  # sorted ``hash()`` of its event keys (this process's)
    persisted: bool = False  # in a part of the persisted carry (``write_part``)


class WindowCarry:
    """One scan's carry on Spark. Per segment the evaluator asks ``find_dups`` (which of the
    segment's events the carry holds), reads ``live_counts`` and ``frame`` for each window
    rule's burst query, then ``advance``s the carry by the segment; ``write_part`` persists
    it.

    Everything it checkpoints goes into ``held`` (the scan's frames, released when the scan
    is); per-segment frames go through ``keep`` (released when the next segment starts)."""

    def __init__(
        self,
        spark: SparkSession,
        schema: StructType,
        rules: list[engine.ActiveRule],
        *,
        stored: list[str],
        carry_hours: float,
        names: dict[str, str],
        to_frame: Callable[[pa.Table], DataFrame],
        keep: Callable[[DataFrame], DataFrame],
        held: list[DataFrame],
    ) -> None:
        """``schema``: a carried event's columns (key ``k``, ``ekey``, ``source``, then
        ``stored``); ``rules``: the window rules; ``names``: the scan's temp view names."""
        self.spark, self.rules, self.stored = spark, rules, stored
        self.carry_hours, self.names = carry_hours, names
        self._to_frame, self._keep, self._held = to_frame, keep, held
        self._empty = spark.createDataFrame([], schema)
        self._pieces: list[Piece] = []
        self._counts: dict[int, list[tuple[DataFrame, int]]] = {a.index: [] for a in rules}
        self._count_merged: dict[int, int] = {}  # per rule: rows at the last merge
        self._written: list[int] = [0]  # carried events checkpointed, per carry step
        self._dups: list[str] = []  # the segment's event keys the carry already holds
        self._low = 0  # the carry's lowest key (carried events have negative keys)
        self._newest: int | None = None  # the newest carried instant, in microseconds

    @property
    def pieces(self) -> list[Piece]:
        """The live pieces, oldest first (a copy)."""
        return list(self._pieces)

    @property
    def newest(self) -> int | None:
        """The newest carried instant in microseconds (None: the carry is empty)."""
        return self._newest

    @property
    def written(self) -> list[int]:
        """Carried events checkpointed by each carry step (the first: the start of the scan)."""
        return list(self._written)

    # -- reading ---------------------------------------------------------------------------

    def load(self, files: list[Path], persisted: bool) -> bool:
        """Read a persisted carry in pieces of ``PIECE_ROWS`` events (``persisted``: they are
        in parts already). False when it is not one this pack can continue (columns changed,
        unreadable): the carry is then empty, and the window starts afresh."""
        import pyarrow as pa
        import pyarrow.parquet as pq

        if not files:
            return True
        wanted = self._empty.columns
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
            return False
        self._written[-1] = 0  # read back, not written by this scan
        self._advance_cutoff()
        return True

    def _read_piece(self, table: pa.Table, persisted: bool) -> None:
        keys = table.column("ekey").to_pylist()
        self._add_piece(self._to_frame(table), [str(k) for k in keys], persisted)

    def frame(self, span_us: tuple[int, int] | None = None) -> DataFrame:
        """The live pieces (those overlapping ``span_us``, [from, to) in microseconds) as one
        frame, the cutoff applied."""
        frames = [
            p.frame
            for p in self._pieces
            if span_us is None or (p.newest >= span_us[0] and p.oldest < span_us[1])
        ]
        if not frames:
            return self._empty
        both = functools.reduce(lambda a, b: a.unionByName(b), frames)
        return both.where(self._cutoff())

    def live_counts(self, active: engine.ActiveRule) -> DataFrame | None:
        """The window rule's carried counts per (``grp``, bucket ``b``): ``c``, in buckets not
        wholly before the cutoff (a bucket may have several rows); None before any piece."""
        frames = [f for f, _ in self._counts[active.index]]
        if not frames:
            return None
        _, _, _, ms = windows.parts(active)
        union = functools.reduce(lambda a, b: a.unionByName(b), frames)
        return union.where(self._bucket_live(ms))

    def find_dups(self, keys: list[str]) -> str | None:
        """The view of the segment's event keys (``keys``) the carry holds (None when it holds
        none): the driver's hashes name the candidates, the carry confirms them. ``advance``
        leaves these out."""
        import numpy as np
        import pyarrow as pa

        self._dups = []
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
        self._keep(self._to_frame(pa.table({"ekey": maybe}))).createOrReplaceTempView(
            self.names["maybe"]
        )
        self.frame().createOrReplaceTempView(self.names["carry"])
        confirmed = self.spark.sql(
            f"SELECT DISTINCT c.ekey FROM {self.names['carry']} c LEFT SEMI JOIN "
            f"{self.names['maybe']} m ON c.ekey = m.ekey"
        ).toArrow()
        self._dups = [str(k) for k in confirmed.column("ekey").to_pylist()]
        if not self._dups:
            return None
        self._keep(self._to_frame(pa.table({"ekey": self._dups}))).createOrReplaceTempView(
            self.names["dups"]
        )
        return self.names["dups"]

    # -- moving on -------------------------------------------------------------------------

    def advance(self, source_sql: str, keys: list[str]) -> None:
        """Add the segment's events (the view ``av``; ``keys``, its distinct event keys) as a
        new piece, each event once and none the carry holds (``find_dups``), with keys below
        every key in use; forget pieces wholly out of the window. (No window rule: no step.)"""
        if not self.rules:
            return
        self._written.append(0)
        cols = ", ".join(self.stored)
        known = ""
        if self._dups:
            known = f"LEFT ANTI JOIN {self.names['dups']} x ON c.ekey = x.ekey"
        # Keys below every key in use, rising in (time, k): numbered from the newest down,
        # so the count need not be known first.
        fresh = self.spark.sql(
            f"""
            SELECT {self._low} - row_number() OVER (ORDER BY c.event__timestamp DESC, c.k DESC)
                AS k, c.ekey, c.source, {", ".join("c." + n for n in self.stored)}
            FROM (
                SELECT k, {sview.EKEY} AS ekey, {source_sql} AS source, {cols},
                    row_number() OVER (PARTITION BY {sview.EKEY} ORDER BY k) AS dup
                FROM {self.names["av"]}
            ) AS c {known}
            WHERE c.dup = 1
            """
        )
        dups = set(self._dups)
        self._add_piece(fresh, [k for k in keys if k not in dups])
        self._advance_cutoff()

    def _add_piece(self, frame: DataFrame, keys: list[str], persisted: bool = False) -> None:
        """Checkpoint ``frame`` (carry-shaped rows) as a piece, with its keys' hashes and,
        per window rule, its counts per (group, bucket)."""
        import numpy as np

        frame = _checkpoint(frame, disk=True)
        n, low, high, oldest, newest = first_values(
            frame, "count(*)", "min(k)", "max(k)", "min(event__timestamp)", "max(event__timestamp)"
        )
        if not n:
            unpersist(frame)
            return
        self._held.append(frame)
        hashes = np.sort(np.fromiter((hash(k) for k in keys), dtype=np.int64, count=len(keys)))
        piece = Piece(
            frame, int(n), int(low), int(high), _micros(oldest), _micros(newest), hashes, persisted
        )
        self._pieces.append(piece)
        self._written[-1] += piece.rows
        self._low = min(self._low, int(low))
        if self._newest is None or piece.newest > self._newest:
            self._newest = piece.newest
        view_name = self.names["piece"]
        frame.createOrReplaceTempView(view_name)
        for a in self.rules:
            counts = _checkpoint(self.spark.sql(windows.counts_sql(a, view_name)))
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

    def _cutoff(self) -> str:
        """Spark SQL keeping carried events no older than ``carry_hours`` before the newest."""
        if self._newest is None:
            return "true"
        return (
            f"event__timestamp >= timestamp_micros({self._newest}) - "
            f"INTERVAL {int(self.carry_hours)} HOURS"
        )

    def _bucket_live(self, ms: int) -> str:
        """Buckets not wholly before the cutoff."""
        if self._newest is None:
            return "true"
        cutoff_ms = self._newest // 1000 - int(self.carry_hours) * 3_600_000
        return f"(b + 1) * {ms} > {cutoff_ms}"

    def _advance_cutoff(self) -> None:
        """Forget pieces wholly older than the cutoff (the rest is cut when read)."""
        if self._newest is None:
            return
        cutoff = self._newest - int(self.carry_hours) * 3_600_000_000
        self._drop_pieces([p for p in self._pieces if p.newest < cutoff])

    def _forget(self, frame: DataFrame) -> None:
        unpersist(frame)
        self._held[:] = [f for f in self._held if f is not frame]

    def _drop_pieces(self, pieces: list[Piece]) -> None:
        for piece in pieces:
            self._forget(piece.frame)
        self._pieces[:] = [p for p in self._pieces if all(p is not q for q in pieces)]

    # -- persisting ------------------------------------------------------------------------

    def write_part(self, path: Path, whole: bool) -> carry_parts.Part | None:
        """Write the pieces no part holds yet (``whole``: every piece) to ``path`` as one
        Parquet file in the DuckDB engine's column types, and mark them persisted; the part
        (None when nothing was written), for the caller's manifest.

        Fetched piece by piece in slices of ``FETCH_ROWS`` keys and written a row group at a
        time: the driver holds one slice, whatever the carry's size, and executors need no
        filesystem shared with the driver (the home is the driver's). Collecting the whole
        carry in one action failed at ~9.5M events (``TaskResultLost``, docs/scale-out.md).
        """
        import pyarrow.parquet as pq

        writer: pq.ParquetWriter | None = None
        rows, low, high, oldest, newest = 0, 0, 0, 0, 0
        fresh = [p for p in self._pieces if whole or not p.persisted]
        try:
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
        return carry_parts.Part(path.name, rows, low, high, oldest, newest) if rows else None

    def _slices(self, piece: Piece) -> Iterator[pa.Table]:
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


def first_values(frame: DataFrame, *exprs: str) -> list[Any]:
    """One aggregate row's values (aggregates without GROUP BY always give one row)."""
    row = frame.selectExpr(*exprs).first()
    assert row is not None
    return list(row)


def unpersist(frame: DataFrame) -> None:
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
