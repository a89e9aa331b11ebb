"""The Spark evaluator finds what the DuckDB evaluator finds: finding for finding.

Compared row by row: rule, source line, event, user, patient, instant, explained, the
explanation text and the JSON line the CLI prints; also the days, the distinct events and
the window carry each engine leaves for the next scan. Spark runs in ``local[2]``.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import pyarrow.parquet as pq
import pytest

from auditor.config import default_policies_dir
from auditor.policy import carry_parts
from auditor.policy.loader import load_pack
from auditor.synth.hospital import HospitalPaths, build_hospital
from tests.spark.conftest import EngineRun, run_engine

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

pytestmark = pytest.mark.spark

DEMO_WEEK = date(2024, 3, 4)


def _assert_same(duck: EngineRun, spark: EngineRun) -> None:
    assert duck.hits, "the reference found nothing: the comparison would prove nothing"
    assert sorted(spark.hits, key=repr) == sorted(duck.hits, key=repr)
    assert spark.days == duck.days
    assert spark.events == duck.events
    assert (spark.processed, spark.explained) == (duck.processed, duck.explained)
    assert spark.disabled == duck.disabled


def _carry_rows(manifest: carry_parts.Manifest | None) -> set[tuple[object, ...]]:
    """The persisted window (its parts' rows within the manifest's cutoff) without their keys
    (engines number them differently, same order)."""
    assert manifest is not None and manifest.parts
    rows: set[tuple[object, ...]] = set()
    for path in manifest.files():
        table = pq.read_table(path)
        names = sorted(c for c in table.column_names if c != "k")
        for row in table.to_pylist():
            ts = row["event__timestamp"]
            if manifest.cutoff is None or ts.timestamp() * 1_000_000 >= manifest.cutoff:
                rows.add(tuple(row[c] for c in names))
    return rows


def test_demo_weeks_with_the_window_carried_between_scans(
    spark: SparkSession, tmp_path: Path
) -> None:
    """The demo's two weeks, scanned one after the other: the second scan continues the
    first one's window from the persisted carry, written by the same engine."""
    pack = load_pack(default_policies_dir())
    weeks = [DEMO_WEEK, DEMO_WEEK + timedelta(7)]
    hospitals = [build_hospital(tmp_path / f"h{i}", week_start=w) for i, w in enumerate(weeks)]
    runs: dict[str, list[EngineRun]] = {}
    for kind in ("duckdb", "spark"):
        work = tmp_path / kind
        runs[kind] = []
        for i, h in enumerate(hospitals):
            runs[kind].append(
                run_engine(
                    kind,
                    [h.csv_log],
                    h.context_dir,
                    pack,
                    work / f"w{i}",
                    spark=spark,
                    carry_from=runs[kind][-1].carry if i else None,
                    carry_to=work / "parts",
                )
            )
        assert len(runs[kind][-1].carry.parts) == 2  # type: ignore[union-attr]
    for duck, sp in zip(runs["duckdb"], runs["spark"], strict=True):
        _assert_same(duck, sp)
    assert _carry_rows(runs["spark"][-1].carry) == _carry_rows(runs["duckdb"][-1].carry)


@pytest.fixture(scope="module")
def planted(tmp_path_factory: pytest.TempPathFactory) -> HospitalPaths:
    """Another generated week (other seed, other dates) with every category planted."""
    return build_hospital(
        tmp_path_factory.mktemp("planted"), seed=23, week_start=date(2025, 6, 2), n_patients=250
    )


def test_planted_week_in_segments_every_category(
    spark: SparkSession, planted: HospitalPaths, tmp_path: Path
) -> None:
    """Cut into segments, so bursts and explanations cross segment boundaries: every
    planted category is found, and Spark's rows are DuckDB's."""
    pack = load_pack(default_policies_dir())
    size = planted.csv_log.stat().st_size
    runs = {
        kind: run_engine(
            kind,
            [planted.csv_log],
            planted.context_dir,
            pack,
            tmp_path / kind,
            spark=spark,
            segment_bytes=size // 2 + 1,
        )
        for kind in ("duckdb", "spark")
    }
    _assert_same(runs["duckdb"], runs["spark"])
    categories = {pack.rules[row[0]].category for row in runs["spark"].hits}
    assert set(planted.planted) <= categories
    by_category: dict[str, set[str]] = {}
    for row in runs["spark"].hits:
        by_category.setdefault(pack.rules[row[0]].category, set()).add(row[2])
    for category, event_ids in planted.planted.items():
        # Found by one of its planted events (a burst is reported by its first event; a
        # random relationship may happen to explain one planted stranger).
        assert by_category[category] & set(event_ids), category


def test_a_scan_leaves_no_carry_cached_in_the_jvm(
    spark: SparkSession, planted: HospitalPaths, tmp_path: Path
) -> None:
    """Each segment checkpoints a new carry; the old ones, and everything the scan cached,
    are released (``DataFrame.unpersist`` alone leaves a local checkpoint's blocks in the
    block manager, so a long scan kept every carry it ever made)."""
    import gc

    def persisted() -> int:
        return int(spark.sparkContext._jsc.getPersistentRDDs().size())

    gc.collect()
    before = persisted()
    pack = load_pack(default_policies_dir())
    size = planted.csv_log.stat().st_size
    run = run_engine(
        "spark",
        [planted.csv_log],
        planted.context_dir,
        pack,
        tmp_path,
        spark=spark,
        segment_bytes=size // 4 + 1,
    )
    assert run.processed > 0
    gc.collect()  # the evaluator's finalizer drops what the scan held
    assert persisted() == before
