"""Access-log scan speed: the whole ``auditor scan access-logs`` process vs DuckDB reading the CSV.

Baseline (a): a process running DuckDB ``SELECT count(*) FROM read_csv(file)``, i.e. merely
reading the same CSV. Project (b): the whole ``auditor scan access-logs`` process with the
default policy pack, context (users, patients, relationships) and a fresh AUDITOR_HOME
(database creation, migrations and keys are inside the timing), findings as JSONL to a file.
Runs alternate in one invocation so machine load hits both alike; prints medians, events/s
and the ratio project/baseline (target: within 4x).

``--events 10000000`` also reports the project's peak RSS (``wait4`` rusage of that process;
target under 2 GB). Inputs are generated once (deterministic, DuckDB SQL) and cached under
``bench/out/``.

    .venv/bin/python bench/access_bench.py [--events 1000000] [--repeats 3]
    .venv/bin/python bench/access_bench.py --events 10000000 --repeats 1
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

AUDITOR = [sys.executable, "-m", "auditor.cli.main"]
BASELINE = (
    "import sys, duckdb; con = duckdb.connect(); "
    "print(con.execute(f\"SELECT count(*) FROM read_csv('{sys.argv[1]}')\").fetchone()[0])"
)


def prepare(args: argparse.Namespace) -> tuple[Path, Path]:
    """The cached inputs, generated on first use in a child process.

    Not in this process: Linux counts a forked child's pages inherited from its parent in the
    child's ``ru_maxrss``, so generating 10M events here (GBs of DuckDB memory) would show up
    as the peak RSS of every process this script starts afterwards.
    """
    out = (
        ROOT
        / "bench"
        / "out"
        / (f"access-{args.events}-{args.users}-{args.patients}-{args.relationships}-{args.seed}")
    )
    log, ctx = out / "events.csv", out / "context"
    if not (log.exists() and (ctx / "relationships.csv").exists()):
        t0 = time.perf_counter()
        code = (
            "import sys; from pathlib import Path; "
            "from auditor.synth.scale import generate_context, generate_events_csv; "
            "log, ctx = Path(sys.argv[1]), Path(sys.argv[2]); "
            "e, u, p, r, seed = (int(a) for a in sys.argv[3:8]); "
            "generate_context(ctx, n_users=u, n_patients=p, n_relationships=r, seed=seed); "
            "generate_events_csv(log, e, u, p, r, seed=seed)"
        )
        numbers = (args.events, args.users, args.patients, args.relationships, args.seed)
        subprocess.run(
            [sys.executable, "-c", code, str(log), str(ctx), *map(str, numbers)],
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            check=True,
        )
        print(f"generated inputs in {time.perf_counter() - t0:.1f}s: {out}", file=sys.stderr)
    return log, ctx


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("AUDITOR_")}
    env["AUDITOR_HOME"] = str(home)
    env["PYTHONPATH"] = str(ROOT)
    return env


def _timed(argv: list[str], env: dict[str, str] | None, stdout: Any) -> tuple[float, float, int]:
    """(wall seconds, CPU seconds user+sys, peak RSS bytes) of one child process."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(argv, env=env, stdout=stdout, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - t0
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(argv[:6])} ...")
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024


def run_baseline(log: Path) -> tuple[float, float]:
    wall, cpu, _ = _timed([sys.executable, "-c", BASELINE, str(log)], None, subprocess.DEVNULL)
    return wall, cpu


def run_project(log: Path, ctx: Path) -> tuple[float, float, int, dict[str, Any]]:
    """(wall s, CPU s, peak RSS bytes, summary) of one whole ``auditor scan access-logs``."""
    with tempfile.TemporaryDirectory(prefix="bench-home-") as tmp:
        home = Path(tmp) / "home"
        summary_file = Path(tmp) / "summary.json"
        argv = [
            *AUDITOR,
            "scan",
            "access-logs",
            str(log),
            "--context",
            str(ctx),
            "--output-format",
            "jsonl",
            "--summary-json",
            str(summary_file),
        ]
        with (Path(tmp) / "findings.jsonl").open("w") as out:
            wall, cpu, rss = _timed(argv, _env(home), out)
        summary = json.loads(summary_file.read_text())
    return wall, cpu, rss, summary


def add_input_args(parser: argparse.ArgumentParser, *, events: int) -> None:
    """The generated hospital's size and the repeats: what ``prepare`` and the loops read."""
    parser.add_argument("--events", type=int, default=events)
    parser.add_argument("--users", type=int, default=5_000)
    parser.add_argument("--patients", type=int, default=200_000)
    parser.add_argument("--relationships", type=int, default=400_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeats", type=int, default=3)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    add_input_args(parser, events=1_000_000)
    args = parser.parse_args()
    log, ctx = prepare(args)
    base: list[float] = []
    base_cpu: list[float] = []
    proj: list[float] = []
    proj_cpu: list[float] = []
    peak = 0
    summary: dict[str, Any] = {}
    phases: dict[str, list[float]] = {}
    for i in range(args.repeats):
        wall, cpu = run_baseline(log)
        base.append(wall)
        base_cpu.append(cpu)
        wall, cpu, rss, summary = run_project(log, ctx)
        timings = dict(summary.get("timings_s", {}))
        # Whatever the scan service did not time: interpreter, imports, CLI, home, pack.
        timings["startup+exit"] = wall - timings.get("total", 0.0)
        for phase, seconds in timings.items():
            phases.setdefault(phase, []).append(seconds)
        proj.append(wall)
        proj_cpu.append(cpu)
        peak = max(peak, rss)
        print(
            f"run {i + 1}: duckdb count {base[-1]:.2f}s (cpu {base_cpu[-1]:.2f}s), "
            f"auditor scan {proj[-1]:.2f}s (cpu {proj_cpu[-1]:.2f}s), "
            f"peak RSS {rss / 2**20:.0f} MiB",
            file=sys.stderr,
        )
    b, p = statistics.median(base), statistics.median(proj)
    bc, pc = statistics.median(base_cpu), statistics.median(proj_cpu)
    mb = log.stat().st_size / 2**20
    print(
        f"input: {args.events:,} events ({mb:.0f} MiB CSV), {args.users:,} users, "
        f"{args.patients:,} patients, {args.relationships:,} relationships"
    )
    print(
        f"findings: {summary.get('findings_total')} "
        f"(explained {summary.get('explained_pct')}%), "
        f"read {summary.get('records_read')}, quarantined {summary.get('records_quarantined')}"
    )
    print(f"{'':28}{'median wall s':>14}{'events/s':>12}{'median cpu s':>14}")
    print(f"{'duckdb count(*) read_csv':28}{b:>14.2f}{args.events / b:>12,.0f}{bc:>14.2f}")
    print(f"{'auditor scan access-logs':28}{p:>14.2f}{args.events / p:>12,.0f}{pc:>14.2f}")
    print(f"ratio auditor/duckdb: wall {p / b:.2f}x, cpu {pc / bc:.2f}x (target <= 4x)")
    print(f"peak RSS of the auditor process: {peak / 2**20:.0f} MiB (target < 2048 MiB)")
    print("where the scan's wall time goes (median s, and as multiples of the baseline):")
    order = ["startup+exit", "context", "load", "explain", "rules", "store_wait", "total"]
    for phase in sorted(phases, key=lambda k: order.index(k) if k in order else len(order)):
        m = statistics.median(phases[phase])
        print(f"  {phase:14}{m:>8.2f}{m / b:>8.1f}x")


if __name__ == "__main__":
    main()
