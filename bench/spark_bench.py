"""Access-log policy evaluation: Spark ``local[N]`` against DuckDB, on the same generated events.

Both engines run the real scan path (``scan_access_logs``: parse, context, view, rules,
windows, store) in one process, each into a fresh home, alternating so machine load hits
both alike; the Spark session is started once before the timings (its start-up is printed
apart). Every run's stored findings (rule, event, explanation) are compared with DuckDB's:
a difference aborts the benchmark. Prints medians, events/s and events/s per core, for
DuckDB and for Spark at each ``--partitions`` value (``spark.sql.shuffle.partitions``), for
each ``--cores`` master (``local[N]``, run after DuckDB with N threads in the same loop, so
each ratio compares runs under the same load).

    .venv/bin/python bench/spark_bench.py [--events 1000000] [--repeats 3] [--cores 1,2]
        [--partitions 2,4,8] [--driver-memory 4g]
"""

from __future__ import annotations

import argparse
import shutil
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
    ap.add_argument("--cores", default="2", help="local[N] masters (DuckDB gets N threads)")
    ap.add_argument("--partitions", default="2,4,8")
    # Local mode runs the executors in the driver's JVM: Spark's 1g default runs out of heap
    # on segments of half a million events.
    ap.add_argument("--driver-memory", default="4g")
    args = ap.parse_args()
    log, ctx = prepare(args)
    import os

    from auditor.spark.session import spark_session

    parts = [int(p) for p in args.partitions.split(",")]
    times: dict[str, list[float]] = {}
    cores_of: dict[str, int] = {}
    reference: set[Any] | None = None
    with tempfile.TemporaryDirectory(prefix="spark-bench-") as tmp:
        for cores in (int(c) for c in args.cores.split(",")):
            os.environ["AUDITOR_ACCESS__DUCKDB_THREADS"] = str(cores)
            t0 = time.perf_counter()
            spark = spark_session(f"local[{cores}]", {"spark.driver.memory": args.driver_memory})
            print(f"local[{cores}] session start-up: {time.perf_counter() - t0:.1f}s (not timed)")
            labels = [f"duckdb {cores}t", *(f"local[{cores}] p={p}" for p in parts)]
            for label in labels:
                times[label], cores_of[label] = [], cores
            for rep in range(args.repeats):
                for label in labels:
                    engine = "duckdb" if label.startswith("duckdb") else "spark"
                    if engine == "spark":
                        spark.conf.set("spark.sql.shuffle.partitions", label.split("=")[1])
                    home = Path(tmp) / f"{label.replace(' ', '-')}-{rep}"
                    elapsed, found = _scan(home, log, ctx, engine, f"local[{cores}]")
                    if reference is None:
                        reference = found
                    elif found != reference:
                        sys.exit(f"{label}: findings differ ({len(found ^ reference)})")
                    times[label].append(elapsed)
                    print(
                        f"  run {rep + 1} {label}: {elapsed:.1f}s, {len(found)} findings",
                        flush=True,
                    )
                    shutil.rmtree(home, ignore_errors=True)
            spark.stop()
    print(f"\n{args.events:,} events, median of {args.repeats}:")
    print("engine            median s   events/s   events/s/core   x DuckDB (same cores)")
    for label, values in times.items():
        cores = cores_of[label]
        base = statistics.median(times[f"duckdb {cores}t"])
        med = statistics.median(values)
        rate = args.events / med
        print(f"{label:<16} {med:9.1f} {rate:10,.0f} {rate / cores:15,.0f} {med / base:10.2f}")
    print(f"findings identical in every run: {len(reference or ())}")


if __name__ == "__main__":
    main()
