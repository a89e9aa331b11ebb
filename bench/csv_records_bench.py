"""CSV record splitting speed: the access-log read path and the document reader, old vs new.

Times, in child processes, (a) ``csv_segments`` + ``load_csv`` over a canonical CSV of
``--rows`` one-line records (the vectorised path every scan takes), (b) the same file with a
few quoted line breaks and a blank line near the end (the records path), and (c)
``formats.delimited.read_records`` over the clean file (document scans, de-identification).
With ``--baseline-tree DIR`` (an extracted older checkout: ``git archive REV | tar -x -C DIR``)
each case also runs against that tree, alternating, so machine load hits both alike; prints
medians and the ratio new/baseline.

    .venv/bin/python bench/csv_records_bench.py --rows 1000000 --repeats 3 --baseline-tree /tmp/old
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SCAN = """
import sys, duckdb, tempfile
from pathlib import Path
from auditor.scanners.access_logs import PARSERS
from auditor.scanners.access_logs.segments import csv_segments
con = duckdb.connect()
read = 0
with tempfile.TemporaryDirectory() as work:
    for seg in csv_segments(Path(sys.argv[1]), PARSERS["csv"], Path(work), site_tz="UTC",
                            segment_bytes=64 << 20):
        read += seg.load(con).read
print(read)
"""
DOCS = """
import sys
from pathlib import Path
from auditor.scanners.formats.delimited import read_records
print(sum(1 for _ in read_records(Path(sys.argv[1]), "utf-8", ",")))
"""


def make_inputs(rows: int, out: Path) -> tuple[Path, Path]:
    import duckdb

    out.mkdir(parents=True, exist_ok=True)
    clean, spanning = out / f"clean-{rows}.csv", out / f"spanning-{rows}.csv"
    if not clean.exists():
        duckdb.connect().execute(
            "COPY (SELECT 'e' || i AS event_id, '2026-03-02T10:00:00Z' AS timestamp, "
            "'u' || (i % 97) AS user_id, 'p' || (i % 101) AS patient_id, 'view' AS action, "
            "'note' AS record_type, 'ED' AS department, 'ws' AS workstation, "
            "'false' AS break_glass, CASE WHEN i % 3 = 0 THEN 'code, blue' ELSE '' END AS reason "
            f"FROM range({rows}) t(i)) TO '{clean}' (HEADER)"
        )
    if not spanning.exists():
        data = clean.read_bytes()
        tail = b'x1,2026-03-02T10:00:00Z,u,p,view,note,ED,ws,false,"two\nlines"\n\n'
        spanning.write_bytes(data + tail + b"x2,2026-03-02T10:00:00Z,u,p,view,note,ED,ws,false,\n")
    return clean, spanning


def run(code: str, path: Path, tree: Path) -> float:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    t0 = time.perf_counter()
    subprocess.run(
        [sys.executable, "-c", code, str(path)], env=env, check=True, stdout=subprocess.DEVNULL
    )
    return time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--baseline-tree", type=Path)
    parser.add_argument("--tree", type=Path, default=ROOT, help="the tree under test")
    parser.add_argument("--cases", default="scan,spanning,documents")
    args = parser.parse_args()
    clean, spanning = make_inputs(args.rows, ROOT / "bench" / "out" / "csv-records")
    cases = {"scan": (SCAN, clean), "spanning": (SCAN, spanning), "documents": (DOCS, clean)}
    trees = {"new": args.tree}
    if args.baseline_tree:
        trees["baseline"] = args.baseline_tree
    for name in args.cases.split(","):
        code, path = cases[name]
        times: dict[str, list[float]] = {t: [] for t in trees}
        for _ in range(args.repeats):
            for tree_name, tree in trees.items():
                times[tree_name].append(run(code, path, tree))
        medians = {t: statistics.median(v) for t, v in times.items()}
        line = f"{name:10s} rows={args.rows} " + " ".join(
            f"{t}={m:.2f}s" for t, m in medians.items()
        )
        if "baseline" in medians:
            line += f" ratio new/baseline={medians['new'] / medians['baseline']:.2f}"
        print(line, flush=True)


if __name__ == "__main__":
    main()
