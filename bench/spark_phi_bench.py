"""PHI scanning on Spark: the engine in ``local[1]`` / ``local[2]`` against one process, same notes.

The notes are the synthetic hospital's clinical notes (``auditor.synth.documents.note_texts``:
discharge summaries, nursing and progress notes with planted PHI). The single-node figure is
the project's engine over the notes in this process (``PhiEngine.analyze_many``, what
``scan documents`` runs per batch); the Spark figure is the same texts analysed on executors
(``auditor.spark.phi.analyse_texts``: ``mapInPandas``, one engine per Python worker, spans
collected to the driver), what ``scan documents --engine spark`` and ``deid --engine spark``
run. Each Spark master gets its own session; its start-up and the first job (each worker
loading the engine) are printed apart, not timed. Timed runs alternate single node and Spark
so machine load hits both alike; every run's spans must equal the single node's or the
benchmark aborts. Prints medians, notes/s, notes/s per core and the ratio to single node, for
each master and partition count.

    .venv/bin/python bench/spark_phi_bench.py [--notes 2000] [--repeats 3] [--cores 1,2]
        [--partitions 1,2,4,8] [--driver-memory 2g]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _spans(found: Any) -> list[list[tuple[str, int, int]]]:
    return [[(s.entity_type, s.start, s.end) for s in spans] for spans in found]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--notes", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--cores", default="1,2", help="local[N] masters to measure")
    ap.add_argument("--partitions", default="1,2,4,8", help="partitions of the notes per job")
    ap.add_argument("--driver-memory", default="2g")
    args = ap.parse_args()

    from auditor.config import load_settings
    from auditor.phi.engine import PhiEngine
    from auditor.spark.phi import EngineSpec, analyse_texts
    from auditor.spark.session import spark_session
    from auditor.synth.documents import note_texts

    texts = list(note_texts(args.notes, seed=args.seed))
    chars = sum(map(len, texts))
    import tempfile

    with tempfile.TemporaryDirectory(prefix="spark-phi-bench-") as tmp:
        settings = load_settings(Path(tmp), environ={})
        spec = EngineSpec.from_settings(settings)
    engine = PhiEngine.from_settings(settings)
    engine.warmup()
    print(f"{args.notes:,} notes, {chars / args.notes:,.0f} characters on average")

    def single() -> tuple[float, Any]:
        t0 = time.perf_counter()
        found = list(engine.analyze_many(texts))
        return time.perf_counter() - t0, found

    _, ref = single()
    reference = _spans(ref)
    parts = [int(p) for p in args.partitions.split(",")]
    times: dict[str, list[float]] = {"single node": []}
    cores_of: dict[str, int] = {"single node": 1}
    for cores in (int(c) for c in args.cores.split(",")):
        t0 = time.perf_counter()
        spark = spark_session(f"local[{cores}]", {"spark.driver.memory": args.driver_memory})
        print(f"local[{cores}] session start-up: {time.perf_counter() - t0:.1f}s (not timed)")
        t0 = time.perf_counter()
        analyse_texts(spark, spec, texts[: 8 * cores], partitions=cores)
        warm = time.perf_counter() - t0
        print(f"local[{cores}] first job (workers load the engine): {warm:.1f}s")
        for p in parts:
            times[f"local[{cores}] p={p}"] = []
            cores_of[f"local[{cores}] p={p}"] = cores
        for rep in range(args.repeats):
            elapsed, found = single()
            times["single node"].append(elapsed)
            print(f"  run {rep + 1} single node: {elapsed:.1f}s", flush=True)
            for p in parts:
                label = f"local[{cores}] p={p}"
                t0 = time.perf_counter()
                found = analyse_texts(spark, spec, texts, partitions=p)
                elapsed = time.perf_counter() - t0
                if _spans(found) != reference:
                    sys.exit(f"{label}: spans differ from the single node's")
                times[label].append(elapsed)
                print(f"  run {rep + 1} {label}: {elapsed:.1f}s", flush=True)
        spark.stop()
    base = statistics.median(times["single node"])
    spans = sum(map(len, reference))
    print(f"\n{args.notes:,} notes ({spans:,} spans), median of {len(times['single node'])}:")
    print("engine              median s    notes/s   notes/s/core   x single")
    for label, values in times.items():
        med = statistics.median(values)
        rate = args.notes / med
        per_core = rate / cores_of[label]
        print(f"{label:<18} {med:9.1f} {rate:10,.1f} {per_core:14,.1f} {base / med:9.2f}")
    print("spans identical in every run")


if __name__ == "__main__":
    main()
