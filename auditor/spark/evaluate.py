"""``SparkSegmentEvaluator``: the policy sequence of ``policy.evaluate`` with Spark doing the work.

The scan's DuckDB connection still parses each segment and validates the context files
(quarantine with file, line and reason is one code path); their rows go to Spark as Arrow.
Spark builds the explanations, the access view and the contact matches, runs every rule,
finds bursts over the segment plus the carried events, and keeps the carry (each event
once, by event time) from segment to segment, in the same Parquet shape as the DuckDB
engine so either engine continues the other's window.
"""

from __future__ import annotations

import itertools
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb

from auditor.errors import AuditorError, PolicyError, ScanError
from auditor.policy import engine, view
from auditor.policy.context import ContextInfo, RejectSink, prepare_context
from auditor.policy.evaluate import Evaluation, HitChunk, SegmentEvaluator
from auditor.policy.model import PolicyPack
from auditor.spark import hits, windows
from auditor.spark import view as sview
from auditor.spark.dialect import pack_problems
from auditor.spark.session import spark_session

if TYPE_CHECKING:
    import pyarrow as pa
    from pyspark.sql import DataFrame, SparkSession

_COUNTER = itertools.count()
_CONTEXT = ("wf", "pt", "rel", "ct", "roles")
_EVENT_COLUMNS = (
    "event_id, ts, user_id, patient_id, action, record_type, department, workstation, "
    "break_glass, reason"
)


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
        carry_from: Path | None = None,
        spark: SparkSession | None = None,
        master: str | None = None,
        conf: dict[str, str] | None = None,
    ) -> None:
        super().__init__(con, pack, cfg, chunk=chunk, with_json=with_json, carry_from=carry_from)
        self.spark = spark if spark is not None else spark_session(master, conf)
        self._carry: DataFrame | None = None
        self._low = 0  # the carry's lowest key (carried events have negative keys)
        self._newest: int | None = None  # the newest carried instant, in microseconds
        self._cached: list[DataFrame] = []  # this segment's frames
        self._held: list[DataFrame] = []  # the scan's: context tables, the current carry
        # Temp views are per session: a prefix keeps two scans in one process apart.
        prefix = f"aud{next(_COUNTER)}_"
        self.names = {t: prefix + t for t in (*sview.TABLES, "av", "ev", "allv", "carry")}
        self.names["fresh"] = prefix + "fresh"
        # A daemon runs scan after scan in one session: what a scan cached goes with it.
        self._finalizer = weakref.finalize(
            self, _drop, self.spark, list(self.names.values()), self._cached, self._held
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
        if self._carry is None:
            self._init_carry()
        # One pass for the event keys and the day counts: one key is one instant, so one day.
        keys = self._sql(sview.KEYS_SQL.format(av=self.names["av"])).toArrow()
        columns = [keys.column(name).to_pylist() for name in ("key", "day", "x", "n", "nx")]
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
            self._all_events(label)
            source = names[engine.window_source(self.active)]
            queries += [
                windows.window_sql(a, source, names["carry"], names["allv"]) for a in windows_
            ]
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

    def _stored(self) -> list[str]:
        return engine.stored_columns(self.active)

    def _all_events(self, label: str) -> None:
        names = ", ".join(view.ALWAYS)
        self._sql(
            f"SELECT k, {hits.source_sql(label)} AS source, {names} FROM {self.names['av']} "
            f"UNION ALL SELECT k, source, {names} FROM {self.names['carry']}"
        ).createOrReplaceTempView(self.names["allv"])

    def _init_carry(self) -> None:
        """The persisted window of earlier scans, or an empty carry shaped like the view's."""
        wanted = ["k", "ekey", "source", *self._stored()]
        path = self.carry_from
        frame = None
        if path is not None and path.exists():
            import pyarrow.parquet as pq

            try:
                table = pq.read_table(path).select(wanted)
            except (KeyError, OSError, ValueError):  # a pack change altered the columns
                table = None
            if table is not None:
                frame = self._frame(table)
        if frame is None:
            cols = ", ".join(self._stored())
            frame = self._sql(
                f"SELECT k, {sview.EKEY} AS ekey, CAST('' AS STRING) AS source, {cols} "
                f"FROM {self.names['av']} LIMIT 0"
            )
        low, newest = frame.selectExpr("min(k)", "max(event__timestamp)").first() or (0, None)
        self._low = min(int(low or 0), 0)
        self._newest = _micros(newest) if newest is not None else None
        self._set_carry(frame)

    def _set_carry(self, frame: DataFrame) -> None:
        frame = frame.localCheckpoint(eager=True)  # cut the lineage segment after segment
        if self._carry is not None:
            _unpersist(self._carry)
            self._held[:] = [f for f in self._held if f is not self._carry]
        self._carry = frame
        self._held.append(frame)
        frame.createOrReplaceTempView(self.names["carry"])

    def _advance_carry(self, label: str) -> None:
        """Add the segment's events (negative keys, each event once), forget the old ones."""
        if not any(a.rule.window for a in self.active):
            return
        cols = ", ".join(self._stored())
        av, carry = self.names["av"], self.names["carry"]
        fresh = (
            self._sql(
                f"""
            SELECT c.* FROM (
                SELECT k, {sview.EKEY} AS ekey, {hits.source_sql(label)} AS source, {cols},
                    row_number() OVER (PARTITION BY {sview.EKEY} ORDER BY k) AS dup
                FROM {av}
            ) AS c LEFT ANTI JOIN {carry} x ON c.ekey = x.ekey
            WHERE c.dup = 1
            """
            )
            .drop("dup")
            .cache()
        )
        count, newest = fresh.selectExpr("count(*)", "max(event__timestamp)").first() or (0, None)
        fresh.createOrReplaceTempView(self.names["fresh"])
        low = self._low - int(count)  # keys below every key in use, rising in (time, k)
        added = self._sql(
            f"SELECT {low} + row_number() OVER (ORDER BY event__timestamp, k) - 1 "
            f"AS k, ekey, source, {cols} FROM {self.names['fresh']}"
        )
        self._low = low
        both = self._carry.unionByName(added) if self._carry is not None else added
        if newest is not None and (self._newest is None or _micros(newest) > self._newest):
            self._newest = _micros(newest)
        if self._newest is not None:
            both = both.where(
                f"event__timestamp >= timestamp_micros({self._newest}) - "
                f"INTERVAL {int(self.cfg.carry_hours)} HOURS"
            )
        self._set_carry(both)
        fresh.unpersist()

    @property
    def has_carry(self) -> bool:
        """Whether a segment was evaluated (the carry exists once the first one is)."""
        return self._carry is not None

    def checkpoint_carry(self, path: Path) -> None:
        """Write the carry as one Parquet file, in the DuckDB engine's column types."""
        import pyarrow as pa
        import pyarrow.parquet as pq

        assert self._carry is not None
        with _spark_errors(str(path)):
            table = self._carry.toArrow()
        if "local_ts" in table.column_names:  # a wall-clock time, as DuckDB keeps it
            i = table.column_names.index("local_ts")
            table = table.set_column(i, "local_ts", table.column(i).cast(pa.timestamp("us")))
        pq.write_table(table, path)


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


def _micros(value: Any) -> int:
    """Microseconds since the epoch of a datetime Spark returned (UTC session)."""
    from datetime import UTC

    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return int(value.timestamp()) * 1_000_000 + value.microsecond
