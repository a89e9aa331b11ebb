"""``SparkSegmentEvaluator``: the policy sequence of ``policy.evaluate`` with Spark doing the work.

The scan's DuckDB connection still parses each segment and validates the context files
(quarantine with file, line and reason is one code path); their rows go to Spark as Arrow.
Spark builds the explanations, the access view and the contact matches, runs every rule,
and finds bursts over the segment plus the carried events. The window carry (each event
once, by event time, from segment to segment; persisted in the DuckDB engine's shape so
either engine continues the other's window) is ``spark.carry.WindowCarry``: this module is
the segment sequence that calls it.
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
from auditor.policy import carry_parts, engine, view
from auditor.policy.context import ContextInfo, RejectSink, prepare_context
from auditor.policy.evaluate import Evaluation, HitChunk, SegmentEvaluator
from auditor.policy.model import PolicyPack
from auditor.spark import hits, windows
from auditor.spark import view as sview
from auditor.spark.carry import WindowCarry, first_values, unpersist
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
        carry_from: carry_parts.Manifest | None = None,
        spark: SparkSession | None = None,
        master: str | None = None,
        conf: dict[str, str] | None = None,
    ) -> None:
        super().__init__(con, pack, cfg, chunk=chunk, with_json=with_json, carry_from=carry_from)
        self.spark = spark if spark is not None else spark_session(master, conf)
        self._carry: WindowCarry | None = None  # made by the first segment (its view's shape)
        self._seg_keys: list[str] = []  # this segment's distinct event keys
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
        if self._carry is None:
            self._carry = self._make_carry()
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
        carry = self._carry
        assert carry is not None
        if windows_:
            with _spark_errors(label):
                dups = carry.find_dups(self._seg_keys)
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
            carry.advance(hits.source_sql(label), self._seg_keys)

    def _make_carry(self) -> WindowCarry:
        """The carry shaped like the view's carried columns, holding the persisted window of
        earlier scans (parts or one file); the manifest starts afresh when the parts do not
        hold it all (an old single file, or a carry this pack cannot continue)."""
        stored = engine.stored_columns(self.active)
        shape = self._sql(
            f"SELECT k, {sview.EKEY} AS ekey, CAST('' AS STRING) AS source, {', '.join(stored)} "
            f"FROM {self.names['av']} LIMIT 0"
        )
        carry = WindowCarry(
            self.spark,
            shape.schema,
            [a for a in self.active if a.rule.window is not None],
            stored=stored,
            carry_hours=self.cfg.carry_hours,
            names=self.names,
            to_frame=self._frame,
            keep=self._keep,
            held=self._held,
        )
        parts = self.carry_parts
        files = [f for f in parts.files() if f.exists()] if parts is not None else []
        # Pieces read from the parts are persisted already; from an old single file, the next
        # part holds them.
        persisted = parts is not None and parts.legacy is None
        if parts is not None and not persisted:
            self.carry_parts = carry_parts.Manifest(parts.folder)
        if not carry.load(files, persisted) and parts is not None:
            self.carry_parts = carry_parts.Manifest(parts.folder)
        return carry

    def _window_query(
        self, active: engine.ActiveRule, source: str, label: str, dups: str | None
    ) -> str | None:
        """The rule's burst query over the segment and the carried events its hot buckets
        need; None when no bucket pair the segment touches can reach the threshold."""
        assert self._carry is not None
        i, names = active.index, self.names
        cur, keep, cand, counts = (f"{names['w']}{x}{i}" for x in ("cur", "keep", "cand", "cnt"))
        self._views.extend(v for v in (cur, keep, cand, counts) if v not in self._views)
        _, _, _, ms = windows.parts(active)
        self._keep(self._sql(windows.cur_sql(active, source))).createOrReplaceTempView(cur)
        live = self._carry.live_counts(active)
        if live is not None:
            live.createOrReplaceTempView(counts)
        else:
            self._sql("SELECT '' AS grp, 0L AS b, 0L AS c LIMIT 0").createOrReplaceTempView(counts)
        kept = self._keep(self._sql(windows.keep_sql(active, cur, counts)))
        kept.createOrReplaceTempView(keep)
        n, lo, hi = first_values(kept, "count(*)", "min(b)", "max(b)")
        if not n:
            return None
        span = (int(lo) * ms, (int(hi) + 1) * ms)
        carry = names["carry"]
        self._carry.frame((span[0] * 1000, span[1] * 1000)).createOrReplaceTempView(carry)
        rows = self._sql(windows.cand_sql(active, carry, keep, span, cur, dups))
        self._keep(rows).createOrReplaceTempView(cand)
        return windows.window_sql(active, cur, cand, names["av"], hits.source_sql(label))

    # -- the persisted carry ---------------------------------------------------------------

    @property
    def has_carry(self) -> bool:
        """Whether a segment was evaluated (the carry exists once the first one is)."""
        return self._carry is not None

    @property
    def carry_rows_written(self) -> list[int]:
        """Carried events checkpointed by each segment's carry step (the first entry: the
        start of the scan): a piece is written once, so each is at most its segment's
        events, whatever the carry holds."""
        return self._carry.written if self._carry is not None else []

    def checkpoint_part(self, folder: Path) -> carry_parts.Manifest:
        """Write the pieces no part holds yet as one new part in ``folder``, in the DuckDB
        engine's column types and fetched in bounded slices (``WindowCarry.write_part``),
        and return the manifest with it, which the caller commits (``policy.carry_parts``):
        the same parts the DuckDB engine writes and reads."""
        assert self._carry is not None
        path = carry_parts.new_part_path(folder)
        whole = self._compacting()
        with _spark_errors(str(path)):
            part = self._carry.write_part(path, whole)
        return self._added(part, self._carry.newest, folder, whole)


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
                unpersist(frame)
            group.clear()
        for name in views:
            spark.catalog.dropTempView(name)
    except Exception:  # the session or its JVM is already gone: nothing is cached any more
        return
