"""Access-log scan speed: the whole `auditor scan access-logs` process vs its rules in DuckDB.

Reference (a): a process running the default pack's joins and rules straight in DuckDB over
the whole file in one piece (``reference_child``: the context tables, the access view, every
rule's predicate and the window rule; DuckDB's default memory limit; no segments, carry,
store, fingerprints or run records), hits per rule compared with the scan's findings.
Project (b): the whole ``auditor scan access-logs`` process with the default policy pack,
context (users, patients, relationships) and a fresh AUDITOR_HOME (database creation,
migrations and keys are inside the timing), findings as JSONL to a file. ``--before DIR``
adds another checkout's scan (e.g. ``git archive <commit> | tar -x -C DIR``) on the same
input. Runs alternate in one invocation so machine load hits all alike; prints medians of
wall, CPU (user+sys) and peak RSS (``wait4``), ratios to the reference, and where each
scan's wall time goes. ``--count`` also times DuckDB merely reading the CSV (the old
baseline). Inputs are generated once (deterministic, DuckDB SQL) and cached under
``bench/out/``. Targets (issue 17): 1M within 1.3x of the reference, 10M and up under 2 GB,
cost linear in events.

    .venv/bin/python bench/access_bench.py [--events 1000000] [--repeats 3] [--before DIR]
    .venv/bin/python bench/access_bench.py --events 10000000 --repeats 1

To time a commit while the working tree changes, run this script from an archive of it
(``git archive <commit> | tar -x -C DIR``, with ``DIR/bench/out`` linked to this tree's
``bench/out`` so the cached inputs are reused): the scan runs from the script's own root.

Figures, where a scan's CPU goes and what grows faster than the events: docs/scale-out.md,
"Single node (DuckDB)" (kept there, current; earlier sessions' tables are in this file's
history, ``git log -p bench/access_bench.py``, and describe code that has changed since).
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


def _timed(
    argv: list[str], env: dict[str, str] | None, stdout: Any, cwd: Path | None = None
) -> tuple[float, float, int]:
    """(wall seconds, CPU seconds user+sys, peak RSS bytes) of one child process."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(argv, env=env, stdout=stdout, stderr=subprocess.DEVNULL, cwd=cwd)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - t0
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(argv[:6])} ...")
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024


def run_baseline(log: Path) -> tuple[float, float]:
    wall, cpu, _ = _timed([sys.executable, "-c", BASELINE, str(log)], None, subprocess.DEVNULL)
    return wall, cpu


def reference_child(log: Path, ctx: Path) -> dict[str, int]:
    """The reference: the pack's joins and rules straight in DuckDB over the whole file.

    The same SQL the scan runs (context tables, the access view, every rule's predicate, the
    window rule), but as one DuckDB job: the file loaded in one piece, DuckDB's default memory
    limit, no segments, no window carry, no store, no fingerprints, no run records. What a
    site would write by hand in DuckDB; hits per rule id on stdout.
    """
    import dataclasses

    from auditor.config import default_policies_dir
    from auditor.policy import engine, hits, view
    from auditor.policy.context import context_files
    from auditor.policy.evaluate import SegmentEvaluator
    from auditor.policy.loader import load_pack
    from auditor.scanners.access_logs import PARSERS
    from auditor.scanners.access_logs.segments import csv_segments

    class Sink:
        def add(self, *_args: object, **_kw: object) -> None:
            """Context rejects are not the reference's concern."""

    pack = load_pack(default_policies_dir())
    with tempfile.TemporaryDirectory(prefix="bench-reference-") as tmp:
        work = Path(tmp)
        cfg = dataclasses.replace(engine.EngineConfig(), memory_limit="80%", temp_dir=work)
        con = engine.connect(cfg, allowed_dirs=[work], allowed_paths=[log, *context_files(ctx)])
        evaluator = SegmentEvaluator(con, pack, cfg)
        evaluator.prepare(ctx, Sink())
        by_rule: dict[str, int] = {}
        names = {a.index: a.rule.id for a in evaluator.active}
        size = log.stat().st_size + 1
        for seg in csv_segments(log, PARSERS["csv"], work, site_tz="UTC", segment_bytes=size):
            seg.load(con)
            view.create_view(
                con,
                timezone="UTC",
                before_days=cfg.before_days,
                after_days=cfg.after_days,
                placeholder_reasons=cfg.placeholder_reasons,
                columns=view.view_columns([a.rule for a in evaluator.active]),
            )
            engine.init_carry(con, evaluator.active)  # empty: one piece, nothing earlier
            # ... so none of its events is carried already (``engine.segment_copies``).
            copies = f"CREATE OR REPLACE TEMP TABLE {engine.SEG_COPIES} (k BIGINT, ekey VARCHAR)"
            con.execute(copies)
            for chunk in hits.iter_hits(
                con,
                evaluator.active,
                seg.label,
                timezone="UTC",
                guard=evaluator.guard,
                where=lambda: "",
                chunk=100_000,
            ):
                for row in chunk:
                    rule = names[row[0]]
                    by_rule[rule] = by_rule.get(rule, 0) + 1
        con.close()
    if evaluator.failed:  # a rule that failed would make the reference look cheap
        raise SystemExit(f"reference: rules failed: {evaluator.failed}")
    return by_rule


def run_reference(log: Path, ctx: Path) -> tuple[float, float, int, dict[str, int]]:
    """``reference_child`` in its own process: (wall s, CPU s, peak RSS bytes, hits by rule)."""
    with tempfile.TemporaryDirectory(prefix="bench-ref-") as tmp:
        out = Path(tmp) / "hits.json"
        with out.open("w") as fh:
            argv = [sys.executable, __file__, "--reference-child", str(log), str(ctx)]
            wall, cpu, rss = _timed(argv, {**os.environ, "PYTHONPATH": str(ROOT)}, fh)
        return wall, cpu, rss, json.loads(out.read_text())


def run_project(
    log: Path, ctx: Path, root: Path = ROOT
) -> tuple[float, float, int, dict[str, Any]]:
    """``root``: the checkout whose code runs (PYTHONPATH and the working directory, which
    ``python -m`` puts first on the path: with this tree's, ``--before`` timed this tree
    twice; this venv's packages). (wall s, CPU s, peak RSS bytes, summary) of one whole
    ``auditor scan access-logs``."""
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
            wall, cpu, rss = _timed(argv, {**_env(home), "PYTHONPATH": str(root)}, out, root)
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


def _median_row(label: str, rows: list[tuple[float, float, int]], ref: float, n: int) -> str:
    wall = statistics.median(r[0] for r in rows)
    cpu = statistics.median(r[1] for r in rows)
    rss = max(r[2] for r in rows)
    return (
        f"{label:28}{wall:>9.2f}{n / wall:>12,.0f}{cpu:>9.2f}{rss / 2**20:>10.0f}"
        f"{wall / ref:>8.2f}x"
    )


def main() -> None:
    if len(sys.argv) == 4 and sys.argv[1] == "--reference-child":
        print(json.dumps(reference_child(Path(sys.argv[2]), Path(sys.argv[3]))))
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    add_input_args(parser, events=1_000_000)
    parser.add_argument(
        "--before",
        type=Path,
        help="another checkout of the project (e.g. `git worktree`/`git archive` of an older "
        "commit) whose scan runs alternately with this one's, on the same input",
    )
    parser.add_argument(
        "--count", action="store_true", help="also time DuckDB merely reading the CSV"
    )
    args = parser.parse_args()
    log, ctx = prepare(args)
    roots = {"auditor scan (this tree)": ROOT}
    if args.before is not None:
        roots = {"auditor scan (--before)": args.before.resolve(), **roots}
    runs: dict[str, list[tuple[float, float, int]]] = {"reference (DuckDB direct)": []}
    if args.count:
        runs["duckdb count(*) read_csv"] = []
    phases: dict[str, dict[str, list[float]]] = {name: {} for name in roots}
    summaries: dict[str, dict[str, Any]] = {}
    reference_hits: dict[str, int] = {}
    for i in range(args.repeats):
        wall, cpu, rss, reference_hits = run_reference(log, ctx)
        runs["reference (DuckDB direct)"].append((wall, cpu, rss))
        if args.count:
            wall, cpu = run_baseline(log)
            runs["duckdb count(*) read_csv"].append((wall, cpu, 0))
        order = list(roots.items()) if i % 2 == 0 else list(reversed(roots.items()))
        for name, root in order:
            wall, cpu, rss, summary = run_project(log, ctx, root)
            runs.setdefault(name, []).append((wall, cpu, rss))
            summaries[name] = summary
            timings = dict(summary.get("timings_s", {}))
            # Whatever the scan service did not time: interpreter, imports, CLI, home, pack.
            timings["startup+exit"] = wall - timings.get("total", 0.0)
            for phase, seconds in timings.items():
                phases[name].setdefault(phase, []).append(seconds)
        print(
            f"run {i + 1}: "
            + ", ".join(f"{k} {v[-1][0]:.2f}s (cpu {v[-1][1]:.2f}s)" for k, v in runs.items()),
            file=sys.stderr,
        )
    mb = log.stat().st_size / 2**20
    print(
        f"input: {args.events:,} events ({mb:.0f} MiB CSV), {args.users:,} users, "
        f"{args.patients:,} patients, {args.relationships:,} relationships; "
        f"medians of {args.repeats}"
    )
    ref = statistics.median(r[0] for r in runs["reference (DuckDB direct)"])
    print(f"{'':28}{'wall s':>9}{'events/s':>12}{'cpu s':>9}{'peak MiB':>10}{'/ ref':>9}")
    for name, rows in runs.items():
        print(_median_row(name, rows, ref, args.events))
    for name, summary in summaries.items():
        got = summary.get("findings_by_rule", {})
        same = all(got.get(rule, 0) == n for rule, n in reference_hits.items())
        print(
            f"{name}: {summary.get('findings_total')} findings "
            f"(reference {sum(reference_hits.values())}; per rule "
            f"{'the same' if same and len(got) == len(reference_hits) else 'DIFFERENT'}), "
            f"explained {summary.get('explained_pct')}%"
        )
    print("where the scan's wall time goes (median s):")
    shown = ["startup+exit", "context", "load", "explain", "rules", "store_wait", "total"]
    names = list(phases)
    print(f"  {'phase':14}" + "".join(f"{n[14:][:22]:>24}" for n in names))
    every = sorted(
        {p for d in phases.values() for p in d},
        key=lambda k: (k not in shown, shown.index(k) if k in shown else 0, k),
    )
    for phase in every:
        cells = [
            statistics.median(phases[n][phase]) if phase in phases[n] else float("nan")
            for n in names
        ]
        print(f"  {phase:14}" + "".join(f"{c:>24.2f}" for c in cells))


if __name__ == "__main__":
    main()
