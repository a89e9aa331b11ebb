"""One local Spark session for every Spark test, and a harness that runs either engine.

The harness drives the same steps as the access-log service (parse a file into segments in
the scan's DuckDB connection, evaluate each, read every hit, carry the window on) so a test
compares the two evaluators' hit rows, segment by segment.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from auditor.policy import carry_parts, engine
from auditor.policy.evaluate import SegmentEvaluator
from auditor.policy.model import PolicyPack
from auditor.scanners.access_logs import resolve_format
from auditor.scanners.access_logs.segments import csv_segments, record_segments
from auditor.store.audited import readable

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

pytestmark = pytest.mark.spark


@pytest.fixture(scope="session")
def spark() -> Iterator[SparkSession]:
    from auditor.spark.session import spark_session

    session = spark_session(
        "local[2]",
        {"spark.sql.shuffle.partitions": "2", "spark.default.parallelism": "2"},
    )
    yield session
    session.stop()


def _event_keys(events: str | Sequence[tuple[str, str, bool]]) -> set[tuple[str, str, bool]]:
    """(key, day, explained) from either engine: DuckDB hands ``store.audited`` its JSON text,
    Spark readable tuples; ``audited.readable`` reads both."""
    return set(readable(events))


class Rejects:
    def __init__(self) -> None:
        self.rows: list[tuple[str, int, str]] = []

    def add(self, file: str, line: int, reason: str, raw: str = "", field: str = "") -> None:
        self.rows.append((file, line, reason))


@dataclass
class EngineRun:
    """Everything an evaluator reported over a scan: hit rows, days, event keys, counts."""

    hits: list[tuple[Any, ...]] = field(default_factory=list)
    days: dict[str, list[int]] = field(default_factory=dict)
    events: set[tuple[str, str, bool]] = field(default_factory=set)
    processed: int = 0
    explained: int = 0
    disabled: dict[str, str] = field(default_factory=dict)
    carry: carry_parts.Manifest | None = None  # the persisted carry with ``carry_to``'s part

    def findings(self) -> set[tuple[Any, ...]]:
        """(rule index, source, event, user, patient, time, explained, explanation, json)."""
        return set(self.hits)


def run_engine(
    kind: str,
    files: Sequence[Path],
    context_dir: Path | None,
    pack: PolicyPack,
    work: Path,
    *,
    spark: SparkSession | None = None,
    cfg: engine.EngineConfig | None = None,
    segment_bytes: int = 1 << 26,
    events_per_segment: int = 500_000,
    carry_from: carry_parts.Manifest | None = None,
    carry_to: Path | None = None,
    observe: Callable[[SegmentEvaluator, int], None] | None = None,
) -> EngineRun:
    """Scan ``files`` with the ``duckdb`` or ``spark`` evaluator, as the service does.

    ``carry_from``: the persisted carry to continue (parts, or an older single file);
    ``carry_to``: a folder where the scan's end checkpoints the carry as a part
    (``EngineRun.carry``: the manifest with it). ``observe(evaluator, processed)`` runs
    after each segment's hits are all read (the carry moved on), with the segment's
    processed events."""
    work.mkdir(parents=True, exist_ok=True)
    cfg = cfg or engine.EngineConfig(temp_dir=work)
    con = engine.connect(
        cfg,
        allowed_dirs=[work, *([carry_to] if carry_to else [])],
        allowed_paths=[*files, *(context_dir.glob("*.csv") if context_dir else [])]
        + (carry_from.files() if carry_from else []),
    )
    evaluator: SegmentEvaluator
    if kind == "spark":
        from auditor.spark.evaluate import SparkSegmentEvaluator

        evaluator = SparkSegmentEvaluator(
            con, pack, cfg, with_json=True, carry_from=carry_from, spark=spark
        )
    else:
        evaluator = SegmentEvaluator(con, pack, cfg, with_json=True, carry_from=carry_from)
    out = EngineRun()
    evaluator.prepare(context_dir, Rejects())
    out.disabled = dict(evaluator.disabled)
    for path in files:
        spec = resolve_format("auto", path)
        if spec.vectorised:
            segs = csv_segments(path, spec, work, site_tz=cfg.timezone, segment_bytes=segment_bytes)
        else:
            segs = record_segments(
                path, spec, work, events_per_segment=events_per_segment, site_tz=cfg.timezone
            )
        for seg in segs:
            loaded = seg.load(con)
            evaluation = evaluator.evaluate(seg.label, loaded.line_sql)
            out.processed += evaluation.processed
            out.explained += evaluation.explained
            for day, n, x in evaluation.days:
                slot = out.days.setdefault(day, [0, 0])
                slot[0] += n
                slot[1] += x
            out.events.update(_event_keys(evaluation.events))
            for chunk in evaluation.chunks:
                out.hits.extend(tuple(row) for row in chunk)
            if observe is not None:
                observe(evaluator, evaluation.processed)
    if carry_to is not None:
        out.carry = evaluator.checkpoint_part(carry_to)
    con.close()
    return out
