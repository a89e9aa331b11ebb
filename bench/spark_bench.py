"""Access-log policy evaluation: Spark ``local[N]`` against DuckDB, on the same generated events.

Both engines run the real scan path (``scan_access_logs``: parse, context, view, rules,
windows, store) in one process, each into a fresh home, alternating so machine load hits
both alike; the Spark session is started once before the timings (its start-up is printed
apart). Every run's stored findings (rule, event, explanation) are compared with DuckDB's:
a difference aborts the benchmark. Prints medians, events/s and events/s per core, for
DuckDB and for Spark at each ``--partitions`` value (``spark.sql.shuffle.partitions``), for
each ``--cores`` master (``local[N]``, run after DuckDB with N threads in the same loop, so
each ratio compares runs under the same load).

CPU seconds are measured beside wall time, so a rate per CPU-second survives other load on
the machine: for DuckDB this process's own CPU (its threads run here); for Spark this
process (DuckDB parses each segment for it, Arrow hand-over) plus the JVM's process tree
(found by its pid, read from ``/proc``: executors run in the driver JVM in local mode, and
any Python workers are its descendants). Each segment prints as it finishes (with Spark's
job and stage counts), so a long run shows its rate while it goes.

    .venv/bin/python bench/spark_bench.py [--events 1000000] [--repeats 3] [--cores 1,2]
        [--partitions 2,4,8] [--driver-memory 4g] [--no-duckdb] [--warmup-events 100000]
"""

from __future__ import annotations

import argparse
import os
import resource
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

_TICK = os.sysconf("SC_CLK_TCK")


def _proc_cpu(pid: int) -> float:
    """CPU seconds of a process and its reaped children (``/proc/PID/stat`` fields 14-17)."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:  # ended between listing and reading
        return 0.0
    fields = text[text.rindex(")") + 2 :].split()  # after the command name, which may hold spaces
    return sum(int(f) for f in fields[11:15]) / _TICK


def tree_cpu(root: int) -> float:
    """CPU seconds of ``root`` and every live descendant (each one's reaped children too)."""
    parent: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                text = (entry / "stat").read_text()
            except OSError:
                continue
            parent[int(entry.name)] = int(text[text.rindex(")") + 2 :].split()[1])
    tree, frontier = {root}, [root]
    while frontier:
        kids = [p for p, pp in parent.items() if pp in frontier and p not in tree]
        tree.update(kids)
        frontier = kids
    return sum(_proc_cpu(p) for p in tree)


def self_cpu() -> float:
    """This process's CPU seconds (every thread: DuckDB's run here)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


class Meter:
    """Wall and CPU since the start, per segment as each finishes (printed at once)."""

    def __init__(self, label: str, jvm: int | None, spark: Any = None) -> None:
        self.label, self.jvm, self.spark = label, jvm, spark
        self.group = f"bench-{label}-{time.monotonic_ns()}"
        if spark is not None:  # jobs started by this thread are counted per segment
            spark.sparkContext.setJobGroup(self.group, label)
        self.t0 = self.last_t = time.perf_counter()
        self.cpu0 = self.last_cpu = self.cpu()
        self.last_records = self.segments = 0
        self.seen: set[int] = set()

    def cpu(self) -> float:
        return self_cpu() + (tree_cpu(self.jvm) if self.jvm else 0.0)

    def jobs(self) -> tuple[int, int]:
        """Jobs and stages run in this meter's job group since the last call."""
        tracker = self.spark.sparkContext.statusTracker()
        new = set(tracker.getJobIdsForGroup(self.group)) - self.seen
        self.seen |= new
        stages = 0
        for job in new:
            info = tracker.getJobInfo(job)
            stages += len(info.stageIds) if info is not None else 0
        return len(new), stages

    def segment(self, _label: str, _offset: int, records: int) -> None:
        """``on_progress``: this segment's load and evaluation, the previous one's rules."""
        now, cpu = time.perf_counter(), self.cpu()
        wall, used = now - self.last_t, cpu - self.last_cpu
        n = records - self.last_records
        self.segments += 1
        extra = ""
        if self.spark is not None:
            jobs, stages = self.jobs()
            extra = f", {jobs} jobs / {stages} stages"
        print(
            f"    {self.label} segment {self.segments}: {n:,} records in {wall:.1f}s wall, "
            f"{used:.1f}s CPU ({n / max(used, 1e-9):,.0f} events/CPU-s){extra}; "
            f"total {records:,} at {now - self.t0:.1f}s",
            flush=True,
        )
        self.last_t, self.last_cpu, self.last_records = now, cpu, records

    def total(self) -> tuple[float, float]:
        return time.perf_counter() - self.t0, self.cpu() - self.cpu0

    def close(self) -> None:
        if self.spark is not None:
            self.spark.sparkContext.setLocalProperty("spark.jobGroup.id", None)


def _scan(
    home: Path, log: Path, ctx: Path, engine: str, master: str, meter: Meter
) -> tuple[float, float, set[Any]]:
    from sqlalchemy import select

    from auditor.context import open_context
    from auditor.services.access_scan import AccessScanRequest, scan_access_logs
    from auditor.store.models import Finding

    actx = open_context(home)
    try:
        request = AccessScanRequest(
            [log], context_dir=ctx, engine=engine, master=master, on_progress=meter.segment
        )
        scan_access_logs(actx, request)
        elapsed, cpu = meter.total()
        if meter.spark is not None:
            jobs, stages = meter.jobs()
            print(f"    {meter.label} last rules, end of scan: {jobs} jobs / {stages} stages")
        with actx.transaction() as s:
            rows = s.execute(select(Finding.rule_id, Finding.event_id, Finding.explanation))
            return elapsed, cpu, {tuple(r) for r in rows}
    finally:
        meter.close()
        actx.close()


def jvm_pid(spark: Any) -> int:
    """The driver JVM's pid (local mode: the executors' too), as the JVM itself reports it."""
    return int(spark.sparkContext._jvm.java.lang.ProcessHandle.current().pid())


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
    ap.add_argument("--no-duckdb", action="store_true", help="Spark runs only (no ratio)")
    # A fresh JVM spends a minute of CPU compiling Spark's own code (JIT) in its first scan;
    # without a warm-up that lands on whichever run comes first.
    ap.add_argument("--warmup-events", type=int, default=0, help="untimed Spark scan first")
    args = ap.parse_args()
    log, ctx = prepare(args)
    warm = None
    if args.warmup_events:
        warm = prepare(argparse.Namespace(**{**vars(args), "events": args.warmup_events}))
    from auditor.spark.session import spark_session

    parts = [int(p) for p in args.partitions.split(",")]
    times: dict[str, list[float]] = {}
    cpus: dict[str, list[float]] = {}
    cores_of: dict[str, int] = {}
    reference: set[Any] | None = None
    with tempfile.TemporaryDirectory(prefix="spark-bench-") as tmp:
        for cores in (int(c) for c in args.cores.split(",")):
            os.environ["AUDITOR_ACCESS__DUCKDB_THREADS"] = str(cores)
            t0 = time.perf_counter()
            spark = spark_session(f"local[{cores}]", {"spark.driver.memory": args.driver_memory})
            jvm = jvm_pid(spark)
            print(
                f"local[{cores}] session start-up: {time.perf_counter() - t0:.1f}s (not timed), "
                f"JVM pid {jvm}, load average {os.getloadavg()[0]:.1f}",
                flush=True,
            )
            if warm is not None:
                meter = Meter(f"warm-up local[{cores}]", jvm, spark)
                home = Path(tmp) / f"warmup-{cores}"
                elapsed, cpu, _ = _scan(home, *warm, "spark", f"local[{cores}]", meter)
                print(
                    f"  warm-up ({args.warmup_events:,} events, not timed): {elapsed:.1f}s wall, "
                    f"{cpu:.1f}s CPU",
                    flush=True,
                )
                shutil.rmtree(home, ignore_errors=True)
            duck = [] if args.no_duckdb else [f"duckdb {cores}t"]
            labels = [*duck, *(f"local[{cores}] p={p}" for p in parts)]
            for label in labels:
                times[label], cpus[label], cores_of[label] = [], [], cores
            for rep in range(args.repeats):
                for label in labels:
                    engine = "duckdb" if label.startswith("duckdb") else "spark"
                    if engine == "spark":
                        spark.conf.set("spark.sql.shuffle.partitions", label.split("=")[1])
                    home = Path(tmp) / f"{label.replace(' ', '-')}-{rep}"
                    meter = Meter(label, jvm, spark) if engine == "spark" else Meter(label, None)
                    load = os.getloadavg()[0]
                    elapsed, cpu, found = _scan(home, log, ctx, engine, f"local[{cores}]", meter)
                    if reference is None:
                        reference = found
                    elif found != reference:
                        sys.exit(f"{label}: findings differ ({len(found ^ reference)})")
                    times[label].append(elapsed)
                    cpus[label].append(cpu)
                    print(
                        f"  run {rep + 1} {label}: {elapsed:.1f}s wall, {cpu:.1f}s CPU, "
                        f"{args.events / cpu:,.0f} events/CPU-s, {len(found)} findings, load "
                        f"{load:.1f} -> {os.getloadavg()[0]:.1f}",
                        flush=True,
                    )
                    shutil.rmtree(home, ignore_errors=True)
            spark.stop()
    print(f"\n{args.events:,} events, median of {args.repeats}:")
    print(
        "engine           wall s    CPU s   events/s  events/s/core  events/CPU-s  "
        "x DuckDB wall  x DuckDB CPU"
    )
    for label, values in times.items():
        cores = cores_of[label]
        med, cpu = statistics.median(values), statistics.median(cpus[label])
        rate = args.events / med
        ratios = ""
        if f"duckdb {cores}t" in times:
            base = statistics.median(times[f"duckdb {cores}t"])
            base_cpu = statistics.median(cpus[f"duckdb {cores}t"])
            ratios = f" {med / base:14.2f} {cpu / base_cpu:13.2f}"
        print(
            f"{label:<16} {med:7.1f} {cpu:8.1f} {rate:10,.0f} {rate / cores:14,.0f} "
            f"{args.events / cpu:13,.0f}{ratios}"
        )
    print(f"findings identical in every run: {len(reference or ())}")


if __name__ == "__main__":
    main()
