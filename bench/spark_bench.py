"""Access-log policy evaluation: Spark ``local[N]`` against DuckDB, on the same generated events.

Both engines run the real scan path (``scan_access_logs``: parse, context, view, rules,
windows, store) in one process, each into a fresh home, alternating so machine load hits
both alike; the Spark session is started once before the timings (its start-up is printed
apart). Every run's stored findings (rule, event, explanation) are compared with DuckDB's:
a difference aborts the benchmark. Prints medians, events/s and events/s per core, for
DuckDB and for Spark at each ``--partitions`` value (``spark.sql.shuffle.partitions``).

    .venv/bin/python bench/spark_bench.py [--events 1000000] [--repeats 3] [--cores 2]
        [--partitions 2,4,8] [--driver-memory 4g]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.access_bench import prepare  # noqa: E402 (the same cached inputs)


def _scan(home: Path, log: Path, ctx: Path, engine: str, master: str) -> tuple[float, set[Any]]:
    from sqlalchemy import select

    from auditor.context import open_context
    from auditor.services.access_scan import AccessScanRequest, scan_access_logs
    from auditor.store.models import Finding

    actx = open_context(home)
    try:
        t0 = time.perf_counter()
        scan_access_logs(
            actx, AccessScanRequest([log], context_dir=ctx, engine=engine, master=master)
        )
        elapsed = time.perf_counter() - t0
        with actx.transaction() as s:
            rows = s.execute(select(Finding.rule_id, Finding.event_id, Finding.explanation))
            return elapsed, {tuple(r) for r in rows}
    finally:
        actx.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--users", type=int, default=5000)
    ap.add_argument("--patients", type=int, default=200_000)
    ap.add_argument("--relationships", type=int, default=400_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--cores", type=int, default=2)
    ap.add_argument("--partitions", default="2,4,8")
    # Local mode runs the executors in the driver's JVM: Spark's 1g default runs out of heap
    # on segments of half a million events.
    ap.add_argument("--driver-memory", default="4g")
    args = ap.parse_args()
    log, ctx = prepare(args)
    import os

    os.environ["AUDITOR_ACCESS__DUCKDB_THREADS"] = str(args.cores)
    from auditor.spark.session import spark_session

    t0 = time.perf_counter()
    spark = spark_session(f"local[{args.cores}]", {"spark.driver.memory": args.driver_memory})
    print(f"spark session start-up: {time.perf_counter() - t0:.1f}s (not in the timings)")
    parts = [int(p) for p in args.partitions.split(",")]
    times: dict[str, list[float]] = {"duckdb": [], **{f"spark p={p}": [] for p in parts}}
    reference: set[Any] | None = None
    with tempfile.TemporaryDirectory(prefix="spark-bench-") as tmp:
        for rep in range(args.repeats):
            for label in times:
                engine = "duckdb" if label == "duckdb" else "spark"
                if engine == "spark":
                    spark.conf.set("spark.sql.shuffle.partitions", label.split("=")[1])
                home = Path(tmp) / f"{label.replace(' ', '-')}-{rep}"
                elapsed, found = _scan(home, log, ctx, engine, f"local[{args.cores}]")
                if reference is None:
                    reference = found
                elif found != reference:
                    sys.exit(f"{label}: findings differ from DuckDB's ({len(found ^ reference)})")
                times[label].append(elapsed)
                print(f"  run {rep + 1} {label}: {elapsed:.1f}s, {len(found)} findings", flush=True)
    base = statistics.median(times["duckdb"])
    print(f"\n{args.events:,} events, {args.cores} cores, median of {args.repeats}:")
    print("engine        median s   events/s   events/s/core   x DuckDB")
    for label, values in times.items():
        med = statistics.median(values)
        rate = args.events / med
        print(f"{label:<12} {med:9.1f} {rate:10,.0f} {rate / args.cores:15,.0f} {med / base:10.2f}")
    print(f"findings identical in every run: {len(reference or ())}")


if __name__ == "__main__":
    main()
