"""The Spark window carry: written once per segment, shared with the DuckDB engine.

The carry is append-only pieces (one per segment, checkpointed once): a segment's carry
step must write about its own events, never the whole carry again (rewriting it made each
segment's cost grow with the scan, issue #17). The persisted carry is one Parquet file that
either engine continues, fetched by the Spark driver in bounded slices.
"""

from __future__ import annotations

import shutil
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import pyarrow.parquet as pq
import pytest

from auditor.config import default_policies_dir
from auditor.policy.evaluate import SegmentEvaluator
from auditor.policy.loader import load_pack
from auditor.synth.hospital import HospitalPaths, build_hospital
from tests.spark.conftest import run_engine
from tests.spark.test_parity import _assert_same, _carry_rows

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

pytestmark = pytest.mark.spark


@pytest.fixture(scope="module")
def planted(tmp_path_factory: pytest.TempPathFactory) -> HospitalPaths:
    return build_hospital(
        tmp_path_factory.mktemp("planted"), seed=23, week_start=date(2025, 6, 2), n_patients=250
    )


def _rdd_id(frame: object) -> int:
    return int(frame._jdf.queryExecution().analyzed().rdd().id())  # type: ignore[attr-defined]


def test_each_segment_writes_only_its_own_events(
    spark: SparkSession, planted: HospitalPaths, tmp_path: Path
) -> None:
    """Four segments of one week (all within ``carry_hours``, so the carry keeps every event):
    each carry step checkpoints at most its segment's events, and the pieces of earlier
    segments are the same checkpointed RDDs at the end (never rewritten nor replaced). A
    carry rewritten per segment writes the whole carry: 2-4x the segment from the second
    segment on."""
    from auditor.spark.evaluate import SparkSegmentEvaluator

    pack = load_pack(default_policies_dir())
    size = planted.csv_log.stat().st_size
    steps: list[tuple[int, int]] = []
    pieces: list[int] = []

    def observe(evaluator: SegmentEvaluator, processed: int) -> None:
        assert isinstance(evaluator, SparkSegmentEvaluator)
        steps.append((evaluator.carry_rows_written[-1], processed))
        assert evaluator._carry is not None
        pieces[:] = [_rdd_id(p.frame) for p in evaluator._carry.pieces]
        persisted = set(spark.sparkContext._jsc.getPersistentRDDs().keySet())
        seen.append((list(pieces), persisted))

    seen: list[tuple[list[int], set[int]]] = []
    run = run_engine(
        "spark",
        [planted.csv_log],
        planted.context_dir,
        pack,
        tmp_path,
        spark=spark,
        segment_bytes=size // 4 + 1,
        observe=observe,
    )
    assert len(steps) >= 4
    for written, processed in steps:
        assert 0 < written <= processed
    assert sum(w for w, _ in steps) <= run.processed
    # Piece i is the same RDD, still persisted, in every later segment.
    for i, (ids, _) in enumerate(seen):
        assert len(ids) == i + 1
        for later_ids, persisted in seen[i:]:
            assert later_ids[: i + 1] == ids
            assert set(ids) <= persisted


def test_events_delivered_twice_are_carried_once(
    spark: SparkSession, planted: HospitalPaths, tmp_path: Path
) -> None:
    """The same log twice in one scan (a feed delivered again under another name): the
    second copy's events are the carry's already (the driver's key hashes find them, the
    carry confirms), bursts are not counted twice, and the carry holds each event once; the
    same as DuckDB, finding for finding."""
    pack = load_pack(default_policies_dir())
    again = tmp_path / "again.csv"
    shutil.copyfile(planted.csv_log, again)
    size = planted.csv_log.stat().st_size
    runs = {
        kind: run_engine(
            kind,
            [planted.csv_log, again],
            planted.context_dir,
            pack,
            tmp_path / kind,
            spark=spark,
            segment_bytes=size // 2 + 1,
            carry_to=tmp_path / kind / "carry.parquet",
        )
        for kind in ("duckdb", "spark")
    }
    _assert_same(runs["duckdb"], runs["spark"])
    spark_rows = _carry_rows(tmp_path / "spark" / "carry.parquet")
    assert spark_rows == _carry_rows(tmp_path / "duckdb" / "carry.parquet")
    keys = pq.read_table(tmp_path / "spark" / "carry.parquet").column("ekey").to_pylist()
    assert len(keys) == len(set(keys))


@pytest.mark.parametrize(("first", "second"), [("duckdb", "spark"), ("spark", "duckdb")])
def test_either_engine_continues_the_others_carry(
    spark: SparkSession,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    first: str,
    second: str,
) -> None:
    """Week 1 scanned by one engine, week 2 by the other from the persisted carry: the same
    findings and the same carry as DuckDB scanning both. Small pieces and slices make the
    Spark side read the carry back in several pieces and write it in several fetches (keys
    in a row and keys with gaps), as a carry of millions of events would be."""
    from auditor.spark import carry as spark_carry

    monkeypatch.setattr(spark_carry, "PIECE_ROWS", 150)
    monkeypatch.setattr(spark_carry, "FETCH_ROWS", 97)
    pack = load_pack(default_policies_dir())
    week = date(2024, 3, 4)
    hospitals = [
        build_hospital(tmp_path / f"h{i}", week_start=week + timedelta(7 * i)) for i in (0, 1)
    ]

    def two_scans(kinds: tuple[str, str], name: str) -> tuple[object, Path]:
        carry = tmp_path / f"{name}-w0" / "carry.parquet"
        run_engine(
            kinds[0],
            [hospitals[0].csv_log],
            hospitals[0].context_dir,
            pack,
            tmp_path / f"{name}-w0",
            spark=spark,
            carry_to=carry,
        )
        final = tmp_path / f"{name}-w1" / "carry.parquet"
        run = run_engine(
            kinds[1],
            [hospitals[1].csv_log],
            hospitals[1].context_dir,
            pack,
            tmp_path / f"{name}-w1",
            spark=spark,
            carry_from=carry,
            carry_to=final,
        )
        return run, final

    reference, ref_carry = two_scans(("duckdb", "duckdb"), "ref")
    mixed, mixed_carry = two_scans((first, second), "mixed")
    _assert_same(reference, mixed)  # type: ignore[arg-type]
    assert _carry_rows(mixed_carry) == _carry_rows(ref_carry)
    # The same column names and types (whether a column may hold NULL can differ).
    schemas = [pq.read_schema(path) for path in (mixed_carry, ref_carry)]
    assert [[(f.name, f.type) for f in schema] for schema in schemas[:1]] == [
        [(f.name, f.type) for f in schema] for schema in schemas[1:]
    ]


@pytest.mark.parametrize(("first", "second"), [("duckdb", "spark"), ("spark", "duckdb")])
def test_either_engine_continues_the_others_parts(
    spark: SparkSession,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    first: str,
    second: str,
) -> None:
    """The persisted carry as parts (``policy.carry_parts``), a part checkpointed after every
    segment as an incremental scan does: each part holds only what its segment added (every
    carried event in one part), and week 2 scanned by the other engine from week 1's
    manifest finds the same as DuckDB both times, leaving the same carry."""
    from auditor.policy import carry_parts
    from auditor.spark import carry as spark_carry

    monkeypatch.setattr(spark_carry, "PIECE_ROWS", 150)
    monkeypatch.setattr(spark_carry, "FETCH_ROWS", 97)
    pack = load_pack(default_policies_dir())
    week = date(2024, 3, 4)
    hospitals = [
        build_hospital(tmp_path / f"h{i}", week_start=week + timedelta(7 * i)) for i in (0, 1)
    ]

    manifests: list[carry_parts.Manifest] = []
    real_init = SegmentEvaluator.__init__

    def init(self: SegmentEvaluator, *args: object, **kw: object) -> None:
        kw["carry_from"] = manifests[-1] if manifests else None  # either engine's
        real_init(self, *args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(SegmentEvaluator, "__init__", init)

    def two_scans(kinds: tuple[str, str], name: str) -> tuple[object, carry_parts.Manifest]:
        work = tmp_path / name  # one work folder: the scans' DuckDB may read its parts
        folder = work / "parts"
        manifests.clear()

        def checkpoint(evaluator: SegmentEvaluator, processed: int) -> None:
            manifests.append(evaluator.checkpoint_part(folder))
            part = manifests[-1].parts[-1]
            assert 0 < part.rows <= processed  # only what the segment added

        run = None
        for i, kind in enumerate(kinds):
            h = hospitals[i]
            run = run_engine(
                kind,
                [h.csv_log],
                h.context_dir,
                pack,
                work,
                spark=spark,
                segment_bytes=h.csv_log.stat().st_size // 3 + 1,
                observe=checkpoint,
            )
        keys = pq.read_table([str(f) for f in manifests[-1].files()]).column("ekey")
        assert len(keys) == len(set(keys.to_pylist()))
        return run, manifests[-1]

    reference, ref_parts = two_scans(("duckdb", "duckdb"), "ref")
    mixed, mixed_parts = two_scans((first, second), "mixed")
    _assert_same(reference, mixed)  # type: ignore[arg-type]
    assert _live_rows(mixed_parts) == _live_rows(ref_parts)
    assert len(mixed_parts.parts) == len(ref_parts.parts) >= 4
    schemas = [pq.read_schema(p) for p in (*mixed_parts.files(), *ref_parts.files())]
    assert len({tuple((f.name, f.type) for f in schema) for schema in schemas}) == 1


def _live_rows(manifest: object) -> set[tuple[object, ...]]:
    """The parts' rows within the manifest's cutoff, without their keys."""
    from auditor.policy import carry_parts

    assert isinstance(manifest, carry_parts.Manifest)
    rows: set[tuple[object, ...]] = set()
    for path in manifest.files():
        table = pq.read_table(path)
        names = sorted(c for c in table.column_names if c != "k")
        for row in table.to_pylist():
            ts = row["event__timestamp"]
            if manifest.cutoff is None or ts.timestamp() * 1_000_000 >= manifest.cutoff:
                rows.add(tuple(row[c] for c in names))
    return rows
