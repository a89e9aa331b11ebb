"""Cost of the console's event index: a whole ``auditor scan access-logs`` with it off vs on.

Both runs scan the same cached input of ``bench/access_bench.py`` (same generator, same
context) in a fresh AUDITOR_HOME each time, on SQLite. Those events are dated 2024, older
than the default 180-day retention, so the "on" runs set ``AUDITOR_ACCESS__EVENT_INDEX_DAYS``
to 36500 (every event indexed) and the "off" runs to 0 (no index): the only difference is the
index. Runs alternate so machine load hits both alike; prints the median CPU seconds
(user+sys of the scan process) and wall seconds of each, and the ratio on/off (target 1.3x).

    .venv/bin/python bench/event_index_bench.py [--events 200000] [--repeats 3]
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from access_bench import AUDITOR, _env, _timed, add_input_args, prepare  # noqa: E402


def run_scan(log: Path, ctx: Path, days: int) -> tuple[float, float, int]:
    """(wall s, CPU s, rows in access_events) of one whole scan with the given retention."""
    with tempfile.TemporaryDirectory(prefix="bench-index-") as tmp:
        home = Path(tmp) / "home"
        env = _env(home)
        env["AUDITOR_ACCESS__EVENT_INDEX_DAYS"] = str(days)
        argv = [*AUDITOR, "scan", "access-logs", str(log), "--context", str(ctx)]
        argv += ["--output-format", "jsonl"]
        with (Path(tmp) / "findings.jsonl").open("w") as out:
            wall, cpu, _ = _timed(argv, env, out)
        dbs = list(home.rglob("*.db")) + list(home.rglob("*.sqlite*"))
        rows = 0
        for db in dbs:
            con = sqlite3.connect(db)
            try:
                if con.execute(
                    "SELECT 1 FROM sqlite_master WHERE name = 'access_events'"
                ).fetchone():
                    rows = int(con.execute("SELECT count(*) FROM access_events").fetchone()[0])
            finally:
                con.close()
    return wall, cpu, rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    add_input_args(parser, events=200_000)
    args = parser.parse_args()
    log, ctx = prepare(args)
    got: dict[str, tuple[list[float], list[float]]] = {"off": ([], []), "on": ([], [])}
    indexed = 0
    for i in range(args.repeats):
        for label, days in (
            (("off", 0), ("on", 36500)) if i % 2 == 0 else (("on", 36500), ("off", 0))
        ):
            wall, cpu, rows = run_scan(log, ctx, days)
            got[label][0].append(wall)
            got[label][1].append(cpu)
            if label == "on":
                indexed = rows
            else:
                assert rows == 0, "index off, yet rows were written"
            print(f"run {i + 1} index {label}: {wall:.2f}s wall, {cpu:.2f}s cpu", file=sys.stderr)
    off_wall, off_cpu = (statistics.median(v) for v in got["off"])
    on_wall, on_cpu = (statistics.median(v) for v in got["on"])
    print(f"{args.events:,} events, {indexed:,} indexed rows, medians of {args.repeats}:")
    print(f"{'':12}{'CPU s':>10}{'wall s':>10}")
    print(f"{'index off':12}{off_cpu:>10.2f}{off_wall:>10.2f}")
    print(f"{'index on':12}{on_cpu:>10.2f}{on_wall:>10.2f}")
    print(f"{'on / off':12}{on_cpu / off_cpu:>9.2f}x{on_wall / off_wall:>9.2f}x")


if __name__ == "__main__":
    main()
