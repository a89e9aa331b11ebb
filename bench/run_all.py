"""`make bench`: every benchmark and quality scorer, each printing its baseline side by side.

Defaults are sized to finish in minutes on 2 cores; pass ``--full`` for the issue-sized runs
(1M access events, all corpora, 200 API requests). Each script can also be run on its own.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent

QUICK = [
    ["phi_quality.py", "--split", "test"],
    ["deid_quality.py", "--split", "test", "--baseline"],
    ["deid_sweep_speed.py", "--notes", "100", "--repeats", "3"],
    ["phi_speed.py", "--notes", "200", "--repeats", "3"],
    ["access_bench.py", "--events", "200000", "--repeats", "3"],
    ["report_bench.py", "--findings", "2000", "--baseline", "200", "--repeats", "2"],
    ["api_load.py", "--requests", "200"],
]
FULL = [
    ["phi_quality.py", "--split", "test"],
    ["deid_quality.py", "--split", "test", "--baseline"],
    ["deid_sweep_speed.py", "--repeats", "5"],
    ["phi_speed.py", "--repeats", "5"],
    ["access_bench.py", "--events", "1000000", "--repeats", "3"],
    ["report_bench.py", "--repeats", "3"],
    ["api_load.py"],
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--full", action="store_true", help="issue-sized runs (slow)")
    parser.add_argument("--only", nargs="*", default=[], help="script names to run")
    args = parser.parse_args()
    failures = 0
    for argv in FULL if args.full else QUICK:
        if args.only and argv[0] not in args.only:
            continue
        print(f"\n=== {' '.join(argv)}", flush=True)
        started = time.perf_counter()
        rc = subprocess.call([sys.executable, str(HERE / argv[0]), *argv[1:]])
        print(f"=== {argv[0]} exit {rc} in {time.perf_counter() - started:.0f}s", flush=True)
        failures += rc != 0
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
