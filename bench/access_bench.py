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

Figures of the profiling session (2026-12-04; 2 cores; load 3.3-5.6 for the 1M runs, 3.7-5.8
for the 10M run, a Spark job of another helper beside part of it; before = 4c3a67b, after =
eaebe90; 1M alternating in one invocation, 10M after only, same invocation as its reference):

    1M, medians of 3     wall s   cpu s  peak MiB  wall/ref  cpu/ref
    reference              4.92    4.92       506     1.00x    1.00x
    before (4c3a67b)      11.68   12.79       968     2.37x    2.60x
    after  (eaebe90)      12.29   12.56       992     2.50x    2.55x
    10M, one run
    reference             78.78   47.69      4651     1.00x    1.00x
    after  (eaebe90)     218.68  193.86      1524     2.78x    4.07x

Per run CPU at 1M: before 13.48/12.66/12.79, after 12.56/12.27/12.75 (the gain, ~0.3 s, is
within the spread); findings per rule equal to the reference at both sizes (56,129; 561,507).
CPU per event 12.6 us at 1M, 19.4 us at 10M (1.54x; the reference's 4.9 -> 4.8 us).

Where the 1M CPU goes (one scan of 4c3a67b, ~14.5 s CPU at load 1-3: process CPU around each
DuckDB statement and phase, perf samples for the rest). The reference's own work (CSV load
2.3 s, row rules 1.4, explanations 0.5, context 0.8, window stages) is about a third; the rest
is what the scan adds: the final carry Parquet 1.2-1.7 s (the query under it 0.14 s: Parquet's
encoding of 1M rows x 15 columns; codecs, row-group size, bloom filters and dictionary limits
moved it by at most 0.2 s), ``seg`` 0.8 s (0.66 s of it the MD5 event key), ``seg_keys``
0.25, the audited events' JSON 0.6 (an ordered aggregate; a list_sort form costs the same)
and their SQLite upsert 1.0-1.15 s on the writer thread, the carry insert 0.5, findings in
Python 0.8 s (HMAC, identity, rows, JSON) and in SQLite 1.1 s (seven indexes), start-up
0.75 s of imports, and the kernel: ~2 s system CPU against the reference's 0.5 (545k page
faults against 166k: DuckDB's jemalloc returns ~1.8 GB of freed pages to the system with
MADV_DONTNEED over a scan and takes them back zeroed; DuckDB's allocator_flush_threshold,
allocator_bulk_deallocation_flush_threshold, block_allocator_memory and glibc's malloc
tunables did not change the count) and ~360 MB of SQLite writes (WAL 135 MB, checkpoints
134 MB, statement journals 94 MB in /var/tmp) for a 92 MB database. The 1.3x target is not
in reach without dropping what a user relies on (the audited events, the persisted window,
the stored findings and their indexes).

What changed: the window stage looks for hot bucket pairs only next to a bucket over half
the threshold (``w_keep`` per segment 0.50 -> 0.29 s and 0.44 -> 0.30 s); the CLI keeps
Python's cyclic GC mostly idle during the scan (312 collections, 0.30 s -> 33, 0.06 s); a
batch's store rows are built in one comprehension and transposed by one ``zip`` (no
measurable gain: the JSON and the instants' text are what is left).

Figures of the store-and-carry session (2 cores; other helpers' jobs at load 10-14 for
the 1M runs, 6-12 for the 10M run: read CPU and the ratios; before = 5cd72e8, after =
685c9f0; 1M alternating in one invocation, 10M after only, same invocation as its reference):

    1M, medians of 3     wall s   cpu s  peak MiB  wall/ref  cpu/ref
    reference             25.43   10.96       530     1.00x    1.00x
    before (5cd72e8)      71.29   28.70      1088     2.80x    2.62x
    after  (685c9f0)      64.25   25.77       988     2.53x    2.35x
    10M, one run
    reference            175.95   76.56      4645     1.00x    1.00x
    after  (685c9f0)     669.06  329.56      1503     3.80x    4.30x   (window-carry session:
                                                                  4.89x / 4.82x, load 3-4)

Per run CPU at 1M: before 29.03/28.70/26.98, after 25.77/25.89/24.03; findings per rule
equal to the reference at both sizes (56,129; 561,507). Where the 1M CPU goes (in-process
timers around each phase, one run each at load 3-5, thread CPU; the writer thread overlaps
the scan's): process CPU 23.7 -> 22.3 s; audited events (DuckDB's text + the writer's
upsert) 1.02 + 2.97 -> 0.61 + 2.23 s; carry moved on 2 -> 1 times per scan (0.63 -> 0.43
s on the scan's thread, the rest in DuckDB's workers); findings (HMAC, rows, batch, upsert)
0.88 + 0.92 + 2.13 -> 0.94 + 0.82 + 2.22 s, unchanged beyond noise at this size.

What changed: the audited events go to the store as one JSON string per event
('day,explained,key', cut with substr/split_part) instead of an array whose fields SQLite
re-parsed per field, built by DuckDB per day instead of one ordered aggregate; an instant's
SQLite text for the findings batch in one C call; the carry takes a segment's events when
the next segment is evaluated, so the last segment's are written to the Parquet with the
carry and never inserted, counted and deleted.

Figures of the window-carry session (2 cores; other helpers' PHI jobs at load 4-8 all
along, so wall times are the machine's, not the scan's: read CPU; before = 022d976):

    1M, medians of 3     wall s   cpu s  peak MiB  wall/ref  cpu/ref
    reference              7.93    7.36       512     1.00x    1.00x
    before (022d976)      31.31   22.15      1061     3.95x    3.01x
    after  (715d1f0)      32.25   22.64      1064     4.06x    3.08x
    10M, one run each, load 3-4
    reference             59.93   60.10      4614     1.00x    1.00x
    before (022d976)     298.42  288.30      1582     4.98x    4.80x
    after  (715d1f0)     293.28  289.64      1552     4.89x    4.82x   (rules phase 173 -> 164 s)

Neither size changed beyond noise (1M CPU per run 21.95/22.15/25.01 before, 20.92/22.64/
24.22 after; an earlier 10M pair at load ~7 read 325 -> 302 s CPU, the pair above 288 ->
290). This input is the window carry's worst case: nine days in random order, so at 10M
every segment touches most of the ~100k islands of hot bucket pairs (25% of all events lie
in one) and re-counting them per segment is inherent to finding bursts per segment; at 1M
no pair is hot and the window query was already cheap. The same 1M events in time order
with 4 MB segments (~22 segments, ``AUDITOR_ACCESS__SEGMENT_MB=4``; not this script), two
runs each: before 43.7/39.2 s wall, 42.5/44.3 s CPU, 730-803 MB; after 41.5/32.2 s wall,
43.1/38.0 s CPU, 556-558 MB; rules phase 24.0/20.6 -> 15.6/11.3 s, the explain phase
7.7/7.0 -> 13.8/11.5 s (not explained yet: nothing it runs changed).

The CPU per event grows from 1M to 10M (22.6 -> 29.0 us, 1.28x). Per-statement timings of
the engine alone (no store) at 10M, 14 segments, a19e26a, CPU s: the window query 32.6 (10
segments; 3.3 per segment over ~2.4M carried events in hot islands), event loading 25.7,
the keep stage 20.4, carry inserts 19.5, the audited-events JSON 16.6, row rules 14.2,
``seg`` 11.0; nearly every per-segment statement costs about twice its 1M figure: the carry
(~9.6M events, ~240 bytes each, ~175 since 715d1f0) is far over the 1 GB memory limit and
DuckDB spills (1.5 GB of temp files mid-run; 64 s of system CPU in a 10M scan of 022d976).

What changed: the window rule runs in three statements (``engine.window_stages``): the
segment's counted events, the islands of hot bucket pairs it touches (runs of adjacent
pairs over the threshold, which hold every burst whole), then the window query only if one
is touched, reading the carry within the islands' span of instants (a constant filter for
zone maps); bucket counts are merged once appends outgrow twice the last merge (they grew
to 3.4M rows at 10M, ~1M distinct); the carry keeps (label number, line) instead of the
``label:line`` text, spelt only for bursts' first events and in the persisted Parquet,
whose columns are unchanged.

Figures of the previous session (load 2-3 for 1M, ~2.5 falling to 0.2 for
10M; before = 38bbf48, after = c7aa9d1, same runs, alternating; both with findings per rule
equal to the reference: 56,129 at 1M, 561,507 at 10M):

    1M, medians of 5    wall s   cpu s  peak MiB  wall/ref  cpu/ref
    reference             5.59    7.16      616     1.00x    1.00x
    before (38bbf48)     15.15   21.96     1070     2.71x    3.07x
    after  (c7aa9d1)     15.15   17.45     1059     2.71x    2.44x   (rules phase 6.86 -> 5.17 s)
    10M, one run
    reference            25.55   46.01     3839     1.00x    1.00x
    before (38bbf48)    174.43  306.52     1568     6.83x    6.66x   (rules phase 108.6 s)
    after  (c7aa9d1)    156.90  274.64     1587     6.14x    5.97x   (rules phase 88.1 s)

The wall medians at 1M tie (the load moved during the run: the after scan was faster in
the last two of five rounds, 11.3 vs 14.1 s and 10.3 vs 12.5 s); CPU, which the load
disturbs less, fell by a fifth. The 1.3x target is not met: what is left beyond the
reference is the scan's own work per event, on 2 cores with one of them mostly busy with
the engine (one run of b00e63d, per thread: main 9.9 s, DuckDB worker 6.7, writer 4.2):
the store writes every distinct event to ``audited_events`` (~1.5 s CPU per 1M, sorted)
and every finding with its indexes; the carry keeps every event of the last 8 days (all
of this input, whose events span 9 days at any size) and is written as Parquet at the end
(~1.4 s CPU per 1M); the distinct events are sorted for the store (~1 s); findings get a
keyed HMAC in Python. At 10M the rules phase still grows faster than the events: the
window query reads the carry's bucket counts and carried events per segment, and the carry
holds ~9.6M events at the end (a log read in time order would let zone maps skip most).

Earlier figures here (3.30x/3.86x at 1M/10M, "before" 297371e and 403f86a), when the bench
ran from the repository's folder as the usage line shows, compared this tree with itself:
``python -m`` puts the working directory first on the path, ahead of PYTHONPATH, and the
``--before`` scan ran from this tree's folder (fixed: it runs from its own root). Their
before/after differences were noise; their ratios to the reference, at load 7-10, stand
for the code of that day.

What changed (after): findings go to the store in one set-based statement per batch
(``finding_rows.BulkUpsert``; was ``executemany``, one GIL hand-off per row: 56k findings
2.29 -> 0.79 s CPU alone); the segment's rows the carry keeps are read from a narrow view
once, with the event key, into ``seg`` (``engine.segment_rows``), which the day counts, the
store's distinct events, the window rules, bursts' first events and the carry read, instead
of each re-running the view's joins and the MD5 (up to three times per event); the carry
takes new events in one INSERT, checks duplicates with a hash table on the segment's keys,
and appends bucket counts instead of rewriting them.
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
            engine.init_carry(con, evaluator.active, None)  # empty: one piece, nothing earlier
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
