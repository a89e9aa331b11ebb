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
``bench/out/``. Targets (issue 17): 1M within 1.3x of the reference, 100M streaming under
2 GB, cost linear in events.

    .venv/bin/python bench/access_bench.py [--events 1000000] [--repeats 3] [--before DIR]
    .venv/bin/python bench/access_bench.py --events 10000000 --repeats 1
    .venv/bin/python bench/access_bench.py --events 100000000 --per-day 1500000 --repeats 1 \
        --no-reference          # a log in time order, 1.5M events a day, as one file
    .venv/bin/python bench/access_bench.py --events 10000000 --per-day 1500000 --incremental
                                # a file a day, one `scan --incremental` a day (the daemon)

To time a commit while the working tree changes, run this script from an archive of it
(``git archive <commit> | tar -x -C DIR``, with ``DIR/bench/out`` linked to this tree's
``bench/out`` so the cached inputs are reused): the scan runs from the script's own root.

Where the goals stand, the settings that matter and where a scan's time goes now:
docs/scale-out.md, "Single node (DuckDB)"; every session's figures, profiles and changes,
oldest first: docs/scale-out-journal.md (older tables still are in this file's history,
``git log -p bench/access_bench.py``, and describe code that has changed since).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
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


def prepare(args: argparse.Namespace) -> tuple[Path, Path, list[Path]]:
    """The cached inputs, generated on first use in a child process: (the log as one file,
    the context folder, the log as one file per day: only with ``--per-day --incremental``).

    Not in this process: Linux counts a forked child's pages inherited from its parent in the
    child's ``ru_maxrss``, so generating 10M events here (GBs of DuckDB memory) would show up
    as the peak RSS of every process this script starts afterwards.

    Without ``--per-day``: the bench's first input, nine days in random order
    (``generate_events_csv``). With it: a log in time order, ``--per-day`` events a day
    (``generate_ordered_events``), relationships at ``--relationships`` a week over its days.
    """
    if args.per_day is None:
        name = f"access-{args.events}-{args.users}-{args.patients}-{args.relationships}"
        out = ROOT / "bench" / "out" / f"{name}-{args.seed}"
        log, ctx = out / "events.csv", out / "context"
        if not (log.exists() and (ctx / "relationships.csv").exists()):
            code = (
                "import sys; from pathlib import Path; "
                "from auditor.synth.scale import generate_context, generate_events_csv; "
                "log, ctx = Path(sys.argv[1]), Path(sys.argv[2]); "
                "e, u, p, r, seed = (int(a) for a in sys.argv[3:8]); "
                "generate_context(ctx, n_users=u, n_patients=p, n_relationships=r, seed=seed); "
                "generate_events_csv(log, e, u, p, r, seed=seed)"
            )
            numbers = (args.events, args.users, args.patients, args.relationships, args.seed)
            _generate(code, out, log, ctx, numbers)
        return log, ctx, []
    from auditor.synth.scale import days_for

    days = days_for(args.events, args.per_day)
    rels = ordered_relationships(args)
    name = f"access-ordered-{args.events}-{args.per_day}-{args.users}-{args.patients}-{rels}"
    out = ROOT / "bench" / "out" / f"{name}-{args.seed}"
    log, ctx, folder = out / "events.csv", out / "context", out / "days"
    want_one = not args.incremental or not args.no_reference
    code = (
        "import sys; from pathlib import Path; "
        "from auditor.synth.scale import generate_context, generate_ordered_events; "
        "dest, ctx = Path(sys.argv[1]), Path(sys.argv[2]); "
        "e, u, p, r, seed, per_day, split = (int(a) for a in sys.argv[3:10]); "
        "days = -(-e // per_day); "
        "ctx.exists() or generate_context(ctx, n_users=u, n_patients=p, n_relationships=r, "
        "seed=seed, days=days); "
        "generate_ordered_events(dest, e, u, p, r, per_day=per_day, seed=seed, "
        "split_days=bool(split))"
    )
    ordered = (args.events, args.users, args.patients, rels, args.seed, args.per_day)
    if want_one and not (log.exists() and (ctx / "relationships.csv").exists()):
        _generate(code, out, log, ctx, (*ordered, 0))
    if args.incremental and len(list(folder.glob("day-*.csv"))) != days:
        _generate(code, out, folder, ctx, (*ordered, 1))
    return log, ctx, sorted(folder.glob("day-*.csv")) if args.incremental else []


def ordered_relationships(args: argparse.Namespace) -> int:
    """Relationships of the time-ordered input: ``--relationships`` a week (the first
    input's density: ~25 events a relationship at 10M) over its days and the two before."""
    from auditor.synth.scale import days_for

    return round(args.relationships * (days_for(args.events, args.per_day) + 2) / 7)


def _generate(code: str, out: Path, dest: Path, ctx: Path, numbers: tuple[int, ...]) -> None:
    t0 = time.perf_counter()
    subprocess.run(
        [sys.executable, "-c", code, str(dest), str(ctx), *map(str, numbers)],
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        check=True,
    )
    print(f"generated {dest.name} in {time.perf_counter() - t0:.1f}s: {out}", file=sys.stderr)


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


class DiskPeaks(threading.Thread):
    """The largest sizes seen under a scan's home, polled every 2 s (blocks on disk): the
    store (``auditor.db`` and its WAL), the persisted carry's parts, the scan's work folder
    (the carry's DuckDB file, DuckDB's spill, the segments) and that carry file alone.
    SQLite's own temp files (the writer's stages) are unlinked and not seen."""

    def __init__(self, home: Path) -> None:
        super().__init__(daemon=True)
        self.home, self.done = home, threading.Event()
        self.peaks: dict[str, int] = {}

    def sample(self) -> dict[str, int]:
        sizes = dict.fromkeys(("home", "store", "parts", "work", "carry_db"), 0)
        for folder, _, files in os.walk(self.home):
            rel = os.path.relpath(folder, self.home)
            for name in files:
                try:
                    n = os.lstat(os.path.join(folder, name)).st_blocks * 512
                except OSError:
                    continue
                sizes["home"] += n
                if rel == "." and name.startswith("auditor.db"):
                    sizes["store"] += n
                elif rel.startswith(os.path.join("checkpoints", "access-carry")):
                    sizes["parts"] += n
                elif rel.startswith(os.path.join("checkpoints", "work")):
                    sizes["work"] += n
                    sizes["carry_db"] += n if name.startswith("carry.duckdb") else 0
        return sizes

    def run(self) -> None:
        while not self.done.wait(2.0):
            self.take()

    def take(self) -> None:
        for key, n in self.sample().items():
            self.peaks[key] = max(self.peaks.get(key, 0), n)

    def stop(self) -> dict[str, int]:
        self.done.set()
        self.join()
        self.take()
        return self.peaks


def run_project(
    logs: list[Path],
    ctx: Path,
    root: Path = ROOT,
    *,
    incremental: bool = False,
    keep: Path | None = None,
) -> tuple[float, float, int, dict[str, Any]]:
    """``root``: the checkout whose code runs (PYTHONPATH and the working directory, which
    ``python -m`` puts first on the path: with this tree's, ``--before`` timed this tree
    twice; this venv's packages). (wall s, CPU s, peak RSS bytes, summary) of one whole
    ``auditor scan access-logs`` over ``logs``; with ``incremental``, as the daemon scans a
    feed of a file a day: one ``scan --incremental`` process a day over the files so far,
    in one home (wall and CPU summed, the peak RSS the largest, findings by rule summed).
    ``keep``: the findings' JSONL is copied there. The summary gains ``disk_peaks``."""
    with tempfile.TemporaryDirectory(prefix="bench-home-") as tmp:
        home = Path(tmp) / "home"
        home.mkdir()
        summary_file = Path(tmp) / "summary.json"
        findings = Path(tmp) / "findings.jsonl"
        steps = [logs[: i + 1] for i in range(len(logs))] if incremental else [logs]
        total: dict[str, Any] = {"findings_by_rule": {}, "findings_total": 0, "timings_s": {}}
        wall = cpu = 0.0
        rss = 0
        disk = DiskPeaks(home)
        disk.start()
        for paths in steps:
            argv = [*AUDITOR, "scan", "access-logs", *map(str, paths), "--context", str(ctx)]
            argv += ["--output-format", "jsonl", "--summary-json", str(summary_file)]
            argv += ["--incremental"] if incremental else []
            with findings.open("a") as out:
                w, c, r = _timed(argv, {**_env(home), "PYTHONPATH": str(root)}, out, root)
            wall, cpu, rss = wall + w, cpu + c, max(rss, r)
            summary = json.loads(summary_file.read_text())
            for rule, n in summary.get("findings_by_rule", {}).items():
                total["findings_by_rule"][rule] = total["findings_by_rule"].get(rule, 0) + n
            total["findings_total"] += summary.get("findings_total") or 0
            for phase, seconds in summary.get("timings_s", {}).items():
                total["timings_s"][phase] = total["timings_s"].get(phase, 0.0) + seconds
            total["explained_pct"] = summary.get("explained_pct")
        total["disk_peaks"] = disk.stop()
        total["processes"] = len(steps)
        if keep is not None:
            keep.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(findings, keep)
    return wall, cpu, rss, total


def add_input_args(parser: argparse.ArgumentParser, *, events: int) -> None:
    """The generated hospital's size and the repeats: what ``prepare`` and the loops read."""
    parser.add_argument("--events", type=int, default=events)
    parser.add_argument("--users", type=int, default=5_000)
    parser.add_argument("--patients", type=int, default=200_000)
    parser.add_argument("--relationships", type=int, default=400_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument(
        "--per-day",
        type=int,
        default=None,
        help="a log in time order at this many events a day (e.g. 1500000) instead of the "
        "default input's nine days in random order; --relationships is then per week",
    )
    parser.add_argument(
        "--incremental",
        action="store_true",
        help="with --per-day: the log as a file a day, scanned as the daemon does (one "
        "`scan --incremental` process a day over the files so far, one home)",
    )


def _median_row(
    label: str, rows: list[tuple[float, float, int]], ref: tuple[float, float], n: int
) -> str:
    wall = statistics.median(r[0] for r in rows)
    cpu = statistics.median(r[1] for r in rows)
    rss = max(r[2] for r in rows)
    return (
        f"{label:28}{wall:>9.2f}{n / wall:>12,.0f}{cpu:>9.2f}{cpu / n * 1e6:>8.2f}"
        f"{rss / 2**20:>10.0f}{wall / ref[0]:>8.2f}x{cpu / ref[1]:>8.2f}x"
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
    parser.add_argument(
        "--no-reference",
        action="store_true",
        help="leave the reference out (it holds the whole input in memory: 4.6 GB at 10M)",
    )
    parser.add_argument(
        "--keep", type=Path, help="copy each scan's findings JSONL into this folder"
    )
    args = parser.parse_args()
    if args.incremental and args.per_day is None:
        parser.error("--incremental needs --per-day")
    log, ctx, day_files = prepare(args)
    logs = day_files or [log]
    roots = {"auditor scan (this tree)": ROOT}
    if args.before is not None:
        roots = {"auditor scan (--before)": args.before.resolve(), **roots}
    ref_name = "reference (DuckDB direct)"
    runs: dict[str, list[tuple[float, float, int]]] = {}
    if not args.no_reference:
        runs[ref_name] = []
    if args.count:
        runs["duckdb count(*) read_csv"] = []
    phases: dict[str, dict[str, list[float]]] = {name: {} for name in roots}
    summaries: dict[str, dict[str, Any]] = {}
    disks: dict[str, list[dict[str, int]]] = {name: [] for name in roots}
    reference_hits: dict[str, int] = {}
    for i in range(args.repeats):
        if not args.no_reference:
            wall, cpu, rss, reference_hits = run_reference(log, ctx)
            runs[ref_name].append((wall, cpu, rss))
        if args.count:
            wall, cpu = run_baseline(log)
            runs["duckdb count(*) read_csv"].append((wall, cpu, 0))
        order = list(roots.items()) if i % 2 == 0 else list(reversed(roots.items()))
        for name, root in order:
            side = "before" if "--before" in name else "after"
            keep = args.keep / f"{side}-{i + 1}.jsonl" if args.keep is not None else None
            wall, cpu, rss, summary = run_project(
                logs, ctx, root, incremental=args.incremental, keep=keep
            )
            runs.setdefault(name, []).append((wall, cpu, rss))
            summaries[name] = summary
            disks[name].append(summary["disk_peaks"])
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
    mb = sum(p.stat().st_size for p in logs) / 2**20
    if args.per_day is None:
        shape = f"{args.relationships:,} relationships, nine days in random order"
    else:
        shape = (
            f"{ordered_relationships(args):,} relationships, in time order at "
            f"{args.per_day:,} a day"
            + (f", a file a day scanned incrementally ({len(logs)} processes)" if day_files else "")
        )
    print(
        f"input: {args.events:,} events ({mb:.0f} MiB CSV), {args.users:,} users, "
        f"{args.patients:,} patients, {shape}; medians of {args.repeats}"
    )
    first = runs[ref_name] if ref_name in runs else next(iter(runs.values()))
    ref = (statistics.median(r[0] for r in first), statistics.median(r[1] for r in first))
    print(
        f"{'':28}{'wall s':>9}{'events/s':>12}{'cpu s':>9}{'us/ev':>8}{'peak MiB':>10}"
        f"{'wall/1st':>9}{'cpu/1st':>9}"
    )
    for name, rows in runs.items():
        print(_median_row(name, rows, ref, args.events))
    for name, summary in summaries.items():
        got = summary.get("findings_by_rule", {})
        same = all(got.get(rule, 0) == n for rule, n in reference_hits.items())
        verdict = "the same" if same and len(got) == len(reference_hits) else "DIFFERENT"
        against = (
            f"reference {sum(reference_hits.values())}; per rule {verdict}"
            if reference_hits
            else "no reference"
        )
        print(
            f"{name}: {summary.get('findings_total')} findings ({against}), "
            f"explained {summary.get('explained_pct')}%; by rule {json.dumps(got, sort_keys=True)}"
        )
        peaks = {k: max(d.get(k, 0) for d in disks[name]) / 2**20 for k in disks[name][0]}
        print("  disk peaks MiB: " + ", ".join(f"{k} {v:,.0f}" for k, v in peaks.items()))
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
