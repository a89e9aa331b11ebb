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

``--deid`` times ``auditor deid`` end to end instead (``run_deid``: plan, file names, the
files, residual scan, signed certificate) on the notes written as ``--files`` JSONL files
(``patient_id``, ``note``; ``--format parquet``: Parquet parts with those columns), one
process against ``--engine spark`` on each ``--cores`` master; the output folders must be
byte for byte the same.

    .venv/bin/python bench/spark_phi_bench.py --deid [--notes 2000] [--files 16] [--cores 2]
        [--format jsonl|parquet]
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


def _digests(root: Path) -> dict[str, str]:
    import hashlib

    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def deid_bench(args: argparse.Namespace) -> None:
    """``auditor deid`` of the notes, one process against Spark (see the module docstring)."""
    import json
    import tempfile

    from auditor.context import open_context
    from auditor.deid.keys import create_key_file
    from auditor.services.deid import DeidRequest, run_deid
    from auditor.spark.session import spark_session
    from auditor.synth.documents import note_texts

    texts = list(note_texts(args.notes, seed=args.seed))
    with tempfile.TemporaryDirectory(prefix="spark-deid-bench-") as tmp:
        root = Path(tmp)
        inputs = root / "in"
        inputs.mkdir()
        for f in range(args.files):
            rows = [
                {"patient_id": f"{7_000_000 + i:08d}", "note": texts[i]}
                for i in range(f, len(texts), args.files)
            ]
            name = "part-" + "".join(chr(97 + int(d)) for d in f"{f:03d}") + "." + args.format
            if args.format == "parquet":
                import pyarrow as pa
                import pyarrow.parquet as pq

                pq.write_table(pa.Table.from_pylist(rows), inputs / name)
            else:
                lines = [json.dumps(row) for row in rows]
                (inputs / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
        key = root / "deid.key"
        create_key_file(key)
        actx = open_context(root / "home")
        times: dict[str, list[float]] = {"single node": []}
        cores_of = {"single node": 1}
        reference: dict[str, str] | None = None
        try:
            for cores in (int(c) for c in args.cores.split(",")):
                label = f"local[{cores}]"
                times[label], cores_of[label] = [], cores
                spark = spark_session(label, {"spark.driver.memory": args.driver_memory})
                warm = DeidRequest([inputs], root / f"warm-{cores}", key_file=key, engine="spark")
                t0 = time.perf_counter()
                run_deid(actx, warm)
                print(
                    f"{label}: first run (start-up, workers load the engine): "
                    f"{time.perf_counter() - t0:.1f}s (not timed)"
                )
                for rep in range(args.repeats):
                    for name, engine in (("single node", "local"), (label, "spark")):
                        out = root / f"out-{cores}-{name.replace(' ', '-')}-{rep}"
                        request = DeidRequest([inputs], out, key_file=key, engine=engine)
                        t0 = time.perf_counter()
                        run_deid(actx, request)
                        elapsed = time.perf_counter() - t0
                        found = _digests(out)
                        if reference is None:
                            reference = found
                        elif found != reference:
                            sys.exit(f"{name}: output differs from the first run's")
                        times[name].append(elapsed)
                        print(f"  run {rep + 1} {name}: {elapsed:.1f}s", flush=True)
                spark.stop()
        finally:
            actx.close()
    print(f"\nauditor deid, {args.notes:,} notes in {args.files} {args.format} files:")
    _print_rates(times, args.notes, cores_of)
    print("output folders identical in every run")


def _print_rates(times: dict[str, list[float]], notes: int, cores_of: dict[str, int]) -> None:
    """One row per engine: median seconds, notes/s, notes/s per core, ratio to single node."""
    base = statistics.median(times["single node"])
    print("engine              median s    notes/s   notes/s/core   x single")
    for label, values in times.items():
        med = statistics.median(values)
        rate = notes / med
        per_core = rate / cores_of[label]
        print(f"{label:<18} {med:9.1f} {rate:10,.1f} {per_core:14,.1f} {base / med:9.2f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--notes", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--cores", default="1,2", help="local[N] masters to measure")
    ap.add_argument("--partitions", default="1,2,4,8", help="partitions of the notes per job")
    ap.add_argument("--driver-memory", default="2g")
    ap.add_argument("--deid", action="store_true", help="time auditor deid end to end")
    ap.add_argument("--files", type=int, default=16, help="--deid: files of notes")
    ap.add_argument("--format", choices=("jsonl", "parquet"), default="jsonl", help="--deid")
    args = ap.parse_args()
    if args.deid:
        deid_bench(args)
        return

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
    spans = sum(map(len, reference))
    print(f"\n{args.notes:,} notes ({spans:,} spans), median of {len(times['single node'])}:")
    _print_rates(times, args.notes, cores_of)
    print("spans identical in every run")


if __name__ == "__main__":
    main()
