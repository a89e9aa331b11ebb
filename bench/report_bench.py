"""Weekly report build time: collect + JSON + HTML + PDF + PAdES + DSSE, on a seeded store.

Baseline and target run in the same invocation, alternating, each on its own seeded home:
the baseline store has ``--baseline`` findings in the report week, the target ``--findings``
(default 1,000 vs 10,000), both with eight weeks of history. Prints the median of each stage
and of the whole build, and the ratio target / baseline (how the build scales with findings).

    .venv/bin/python bench/report_bench.py [--findings 10000] [--baseline 1000] [--repeats 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pypdf import PdfReader  # noqa: E402

from auditor.config import load_settings  # noqa: E402
from auditor.context import AppContext, open_context  # noqa: E402
from auditor.reports.periods import parse_week  # noqa: E402
from auditor.services.reporting import build_weekly_report  # noqa: E402
from auditor.synth.report_history import (  # noqa: E402
    PACK_DIR,
    fixed_clock,
    seed_report_history,
)

WEEK = "2026-W47"
STAGES = ("collect", "json_html", "pdf", "pades", "sign")


def seeded(root: Path, findings: int) -> AppContext:
    settings = load_settings(
        root / f"home-{findings}",
        environ={"AUDITOR_POLICIES_DIR": str(PACK_DIR), "AUDITOR_TIMEZONE": "America/New_York"},
    )
    actx = open_context(settings=settings)
    week = parse_week(WEEK, settings.tz)
    actx.clock = lambda: fixed_clock(week)
    t = time.perf_counter()
    seed_report_history(
        actx, week, findings=findings, trend_findings=max(12, findings // 8), phi_files=60
    )
    print(f"seeded {findings:>6} findings (+ history) in {time.perf_counter() - t:.1f} s")
    return actx


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--findings", type=int, default=10_000)
    ap.add_argument("--baseline", type=int, default=1_000)
    ap.add_argument("--repeats", type=int, default=3)
    args = ap.parse_args()

    with tempfile.TemporaryDirectory(prefix="report-bench-") as tmp:
        ctxs = {n: seeded(Path(tmp), n) for n in (args.baseline, args.findings)}
        times: dict[int, dict[str, list[float]]] = {n: {} for n in ctxs}
        sizes: dict[int, dict[str, int]] = {}
        pages: dict[int, int] = {}
        for _ in range(args.repeats):
            for n, actx in ctxs.items():  # alternate so machine load hits both alike
                t, c = time.perf_counter(), time.process_time()
                result = build_weekly_report(replace(actx), WEEK)
                times[n].setdefault("total", []).append(time.perf_counter() - t)
                times[n].setdefault("total_cpu", []).append(time.process_time() - c)
                for stage in STAGES:
                    times[n].setdefault(stage, []).append(result.timings.get(stage, 0.0))
                sizes[n] = {p.name: p.stat().st_size for p in result.files}
                pdf = result.folder / "report.pdf"
                pages[n] = len(PdfReader(str(pdf)).pages) if pdf.exists() else 0
        for actx in ctxs.values():
            actx.close()

    base, target = args.baseline, args.findings
    print(f"\nmedian of {args.repeats} builds (seconds)")
    print(f"{'stage':<10} {base:>10,} {target:>10,}   ratio")
    for stage in (*STAGES, "total", "total_cpu"):
        b = statistics.median(times[base][stage])
        t = statistics.median(times[target][stage])
        ratio = f"{t / b:6.2f}x" if b > 0 else "     -"
        print(f"{stage:<10} {b:>10.2f} {t:>10.2f}  {ratio}")
    print("\nfile sizes (bytes)")
    for name in sizes[target]:
        print(f"{name:<12} {sizes[base][name]:>10,} {sizes[target][name]:>10,}")
    print(f"{'pdf pages':<12} {pages[base]:>10,} {pages[target]:>10,}")
    print(
        f"load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores "
        "(total_cpu is this process's CPU time: the figure least affected by other load)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
