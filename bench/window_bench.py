"""What the 8-day window carry costs: ``scan access-logs`` with the carry at 192 h (now) vs 2 h.

Issue #15 made the window rules keep every event of the last 192 hours (``EngineConfig.
carry_hours``), so a burst split across files, feeds or midnight is found; before, only the
last two windows (2 h with the shipped 60-minute rule) were carried from one segment to the
next. Both settings run here on the same input, alternating, in one invocation: the
baseline is the same code with ``carry_hours=2`` (set in the child process by wrapping
``access_scan._engine_config``; nothing else differs). The synthetic events span nine days
in random order, so with 192 h the carry holds nearly every event read so far: the worst case
for a single scan, and the steady state of a daemon that re-reads a week of carry each run.

Prints per size and setting: median wall seconds, median seconds in the rules phase (where
the window rules and the carry work run), peak RSS, the persisted carry's size, and the
ratios 192 h / 2 h, plus how the 192 h cost grows from the smallest to the largest size
against the 2 h cost (linear growth gives the same factor for both).

    .venv/bin/python bench/window_bench.py [--events 1000000 5000000] [--repeats 2]
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
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT))

from access_bench import prepare  # noqa: E402  (bench/ is not a package)

SETTINGS = {"2 h (before #15)": 2, "192 h (now)": 192}


def child(log: Path, hours: int, segment_mb: float) -> dict[str, Any]:
    """The policy engine alone over ``log`` (its window rules, carry at ``hours``): what the
    carry adds, without the store, the row rules or the context joins around it."""
    import dataclasses

    from auditor.config import default_policies_dir
    from auditor.policy import engine
    from auditor.policy.evaluate import SegmentEvaluator
    from auditor.policy.loader import load_pack
    from auditor.scanners.access_logs import PARSERS
    from auditor.scanners.access_logs.segments import csv_segments

    class Sink:
        def add(self, *_args: object, **_kw: object) -> None:
            """No context files."""

    shipped = load_pack(default_policies_dir())
    pack = dataclasses.replace(shipped, rules=tuple(r for r in shipped.rules if r.window))
    with tempfile.TemporaryDirectory(prefix="bench-window-") as tmp:
        work = Path(tmp)
        cfg = dataclasses.replace(engine.EngineConfig(), carry_hours=hours, temp_dir=work)
        con = engine.connect(cfg, allowed_dirs=[work], allowed_paths=[log])
        evaluator = SegmentEvaluator(con, pack, cfg)
        evaluator.prepare(None, Sink())
        segments: list[float] = []
        hits = 0
        t0 = time.perf_counter()
        for seg in csv_segments(
            log, PARSERS["csv"], work, site_tz="UTC", segment_bytes=int(segment_mb * 2**20)
        ):
            loaded = seg.load(con)
            s0 = time.perf_counter()
            evaluation = evaluator.evaluate(seg.label, loaded.line_sql)
            hits += sum(len(chunk) for chunk in evaluation.chunks)
            segments.append(time.perf_counter() - s0)
        total = time.perf_counter() - t0
        carry_rows = con.execute("SELECT count(*) FROM carry").fetchone()
        con.close()
    return {
        "total": total,
        "window": sum(segments),
        "segments": segments,
        "hits": hits,
        "carry_rows": carry_rows[0] if carry_rows else 0,
    }


def run(log: Path, hours: int, segment_mb: float) -> dict[str, Any]:
    """``child`` in its own process: its result, wall seconds and peak RSS."""
    argv = [sys.executable, __file__, "--child", str(log), str(hours), str(segment_mb)]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    t0 = time.perf_counter()
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.PIPE)
    assert proc.stdout is not None
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"engine run failed (carry {hours} h)")
    result: dict[str, Any] = json.loads(out)
    result["wall"] = time.perf_counter() - t0
    result["rss"] = usage.ru_maxrss * 1024
    return result


def main() -> None:
    if len(sys.argv) == 5 and sys.argv[1] == "--child":
        log, hours, segment_mb = Path(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
        print(json.dumps(child(log, hours, segment_mb)))
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, nargs="+", default=[1_000_000, 5_000_000])
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--segment-mb", type=float, default=64.0)
    args = parser.parse_args()
    medians: dict[tuple[int, str], dict[str, float]] = {}
    for n in args.events:
        spec = argparse.Namespace(
            events=n, users=5_000, patients=200_000, relationships=400_000, seed=7
        )
        log, _ = prepare(spec)
        runs: dict[str, list[dict[str, Any]]] = {name: [] for name in SETTINGS}
        for i in range(args.repeats):
            for name, hours in SETTINGS.items():
                r = run(log, hours, args.segment_mb)
                runs[name].append(r)
                per_segment = " ".join(f"{x:.1f}" for x in r["segments"])
                print(
                    f"{n:,} events, carry {name}, run {i + 1}: {r['wall']:.1f} s "
                    f"(window rules {r['window']:.1f} s; per segment {per_segment}), "
                    f"peak RSS {r['rss'] / 2**20:.0f} MiB, carry {r['carry_rows']:,} events, "
                    f"{r['hits']} bursts",
                    file=sys.stderr,
                )
        size = log.stat().st_size / 2**20
        segments = len(runs[next(iter(SETTINGS))][0]["segments"])
        print(f"\n{n:,} events ({size:.0f} MiB CSV, {segments} segments of {args.segment_mb} MiB)")
        print(
            f"{'carry':20}{'wall s':>9}{'window s':>10}{'peak MiB':>10}{'carried':>11}{'bursts':>8}"
        )
        for name, rs in runs.items():
            m = {
                key: statistics.median(r[key] for r in rs)
                for key in ("wall", "window", "rss", "carry_rows", "hits")
            }
            medians[(n, name)] = m
            print(
                f"{name:20}{m['wall']:>9.1f}{m['window']:>10.1f}{m['rss'] / 2**20:>10.0f}"
                f"{m['carry_rows']:>11,.0f}{m['hits']:>8.0f}"
            )
        base, now = (medians[(n, name)] for name in SETTINGS)
        print(
            f"ratio 192 h / 2 h: wall {now['wall'] / base['wall']:.2f}x, "
            f"window rules {now['window'] / base['window']:.2f}x, "
            f"peak RSS {now['rss'] / base['rss']:.2f}x"
        )
    if len(args.events) > 1:
        small, large = min(args.events), max(args.events)
        print(f"\ngrowth from {small:,} to {large:,} events ({large / small:.0f}x the input):")
        for name in SETTINGS:
            a, b = medians[(small, name)], medians[(large, name)]
            print(
                f"  carry {name:18} wall {b['wall'] / a['wall']:.2f}x, "
                f"window rules {b['window'] / a['window']:.2f}x, "
                f"peak RSS {b['rss'] / a['rss']:.2f}x"
            )


if __name__ == "__main__":
    main()
