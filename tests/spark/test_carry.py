"""The Spark window carry: written once per segment, shared with the DuckDB engine.

The carry is append-only pieces (one per segment, checkpointed once): a segment's carry
step must write about its own events, never the whole carry again (rewriting it made each
segment's cost grow with the scan, issue #17). The persisted carry is Parquet parts that
either engine continues (or an older version's single file), fetched by the Spark driver
in bounded slices.
"""

from __future__ import annotations

import shutil
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb
import pyarrow.parquet as pq
import pytest

from auditor.config import default_policies_dir
from auditor.policy import carry_parts
from auditor.policy.evaluate import SegmentEvaluator
from auditor.policy.loader import load_pack
from auditor.sql import quote_str
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
            carry_to=tmp_path / kind / "parts",
        )
        for kind in ("duckdb", "spark")
    }
    _assert_same(runs["duckdb"], runs["spark"])
    assert _carry_rows(runs["spark"].carry) == _carry_rows(runs["duckdb"].carry)
    files = runs["spark"].carry.files()  # type: ignore[union-attr]
    keys = pq.read_table([str(f) for f in files]).column("ekey").to_pylist()
    assert len(keys) == len(set(keys))


def test_spark_continues_an_older_single_file_carry(
    spark: SparkSession, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A home whose earlier version kept the carry as one Parquet file (no engine writes one
    now; ``policy.carry_parts.LEGACY_FILE``): week 2 on Spark continues week 1's window from
    it, with the same findings as DuckDB, and its part then holds the whole carry, the same
    rows as DuckDB's. Small pieces and slices make Spark read the file back in several
    pieces and write them again in several fetches (keys with gaps), as a compaction or a
    carry of millions of events would; the parts test below never rewrites a read-back
    piece."""
    from auditor.spark import carry as spark_carry

    # Week 1 carries ~2,500 events: 7 pieces read back, 2 fetches each (each piece, each
    # fetch is a Spark job: 150 and 97 made 17 and 34, the most of this test's time).
    monkeypatch.setattr(spark_carry, "PIECE_ROWS", 400)
    monkeypatch.setattr(spark_carry, "FETCH_ROWS", 300)
    pack = load_pack(default_policies_dir())
    week = date(2024, 3, 4)
    hospitals = [
        build_hospital(tmp_path / f"h{i}", week_start=week + timedelta(7 * i)) for i in (0, 1)
    ]
    first = run_engine(
        "duckdb",
        [hospitals[0].csv_log],
        hospitals[0].context_dir,
        pack,
        tmp_path / "w0",
        carry_to=tmp_path / "w0" / "parts",
    ).carry
    assert first is not None
    legacy = tmp_path / carry_parts.LEGACY_FILE  # the rows an older version's file held
    con = duckdb.connect()
    con.execute(
        "COPY (SELECT * FROM read_parquet(?) WHERE epoch_us(event__timestamp) >= ?) "
        f"TO {quote_str(str(legacy))} (FORMAT parquet)",
        [[str(f) for f in first.files()], first.cutoff],
    )
    con.close()
    runs = {
        kind: run_engine(
            kind,
            [hospitals[1].csv_log],
            hospitals[1].context_dir,
            pack,
            tmp_path / kind,
            spark=spark,
            carry_from=carry_parts.Manifest(tmp_path / kind / "parts", legacy=legacy),
            carry_to=tmp_path / kind / "parts",
        )
        for kind in ("duckdb", "spark")
    }
    _assert_same(runs["duckdb"], runs["spark"])
    manifests = [runs[kind].carry for kind in ("duckdb", "spark")]
    for manifest in manifests:
        assert manifest is not None and manifest.legacy is None and len(manifest.parts) == 1
    assert _carry_rows(manifests[1]) == _carry_rows(manifests[0])
    schemas = [pq.read_schema(m.files()[0]) for m in manifests if m is not None]
    assert [(f.name, f.type) for f in schemas[1]] == [(f.name, f.type) for f in schemas[0]]


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
    from auditor.spark import carry as spark_carry

    # Week 1 carries ~2,500 events in 3 parts: 3 pieces each read back (each piece, each
    # fetch is a Spark job: 150 and 97 made twice as many, the most of this test's time).
    monkeypatch.setattr(spark_carry, "PIECE_ROWS", 400)
    monkeypatch.setattr(spark_carry, "FETCH_ROWS", 300)
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
    assert _carry_rows(mixed_parts) == _carry_rows(ref_parts)
    assert len(mixed_parts.parts) == len(ref_parts.parts) >= 4
    schemas = [pq.read_schema(p) for p in (*mixed_parts.files(), *ref_parts.files())]
    assert len({tuple((f.name, f.type) for f in schema) for schema in schemas}) == 1
