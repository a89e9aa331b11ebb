"""The store alone: how a scan's writes to SQLite grow with the events (issue 17).

An access scan hands the store, per 64 MB segment (~740k events), its distinct events as one
JSON text sorted by (day, key) and its findings in chunks of 20,000; ``StoreWriter`` commits
them on its thread. This bench feeds the real ``StoreWriter`` the same shapes without DuckDB:
events of nine days in random order (keys random, as MD5s are), 5.6% of them findings (the
default pack's rate on the generated hospital), users and patients of its sizes. It prints,
per size, the writer thread's CPU (the store's own work: SQLite, commits, page writes),
the scan thread's (preparing findings rows, generating the input: not the store's), peak
RSS, and per million events, so growth shows as a rising per-million figure.

``--before DIR`` runs another checkout's store code (``git archive <commit> | tar -x -C
DIR``) on the same input, alternating with this tree's, so load hits both alike:

    .venv/bin/python bench/store_bench.py --events 1000000 10000000 --repeats 2 --before DIR
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SEGMENT = 740_000  # events in a 64 MB CSV segment of the generated log
CHUNK = 20_000  # findings per chunk (``SegmentEvaluator``'s default)
RATE = 0.056  # findings per event, default pack on the generated hospital
DAY0 = 19786  # 2024-03-04, the generator's first day
RULES = (
    ("ACC-NOREL-001", "no_treatment_relationship", "low"),
    ("ACC-VIP-001", "vip_access", "high"),
    ("ACC-OFFHOURS-001", "off_hours", "low"),
    ("ACC-SELF-001", "self_access", "high"),
)


def child(events: int, seed: int) -> dict[str, Any]:
    """One store, ``events`` events through this interpreter's ``auditor`` (PYTHONPATH)."""
    from auditor.context import open_context
    from auditor.findings import AccessRow
    from auditor.services.access_writer import StoreWriter
    from auditor.store import audited, repo

    writer_cpu = [0.0]

    class Timed(StoreWriter):
        def _commit(self, *args: Any, **kwargs: Any) -> None:
            t0 = time.thread_time()
            try:
                super()._commit(*args, **kwargs)
            finally:
                writer_cpu[0] += time.thread_time() - t0

    rng = random.Random(seed)
    t_start = datetime(2024, 3, 4, tzinfo=UTC)
    with tempfile.TemporaryDirectory(prefix="store-bench-") as tmp:
        os.environ["AUDITOR_HOME"] = str(Path(tmp) / "home")
        actx = open_context(Path(tmp) / "home")
        with actx.transaction() as session:
            run_id = repo.create_run(session, "access-logs", "bench").id
        writer = Timed(actx, run_id, timezone="UTC")
        writer.index_since = None  # the generated week is older than the event index keeps
        done = 0
        line = 2
        while done < events:
            n = min(SEGMENT, events - done)
            keyed = []
            rows = []
            for _ in range(n):
                minute = rng.randrange(9 * 1440)
                key = f"{rng.getrandbits(128):032x}"
                keyed.append((DAY0 + minute // 1440, key))
                if rng.random() < RATE:
                    rule, category, severity = RULES[rng.randrange(len(RULES))]
                    user, patient = f"U{rng.randrange(5000):05d}", f"P{rng.randrange(200000):06d}"
                    rows.append(
                        AccessRow(
                            f"{rng.getrandbits(256):064x}",
                            rule,
                            category,
                            severity,
                            f"events.csv:{line}",
                            f"E{line:010d}",
                            user,
                            patient,
                            t_start + timedelta(minutes=minute, seconds=rng.randrange(60)),
                            f"{rng.getrandbits(256):064x}",
                            f"{user} opened {patient}'s chart with no treatment relationship",
                            False,
                        )
                    )
                line += 1
            keyed.sort()
            texts = [f"{day},{key[0] < '8':d},{key}" for day, key in keyed]
            payload = json.dumps(texts, separators=(",", ":"))  # the scan's form
            writer.put([], events=payload)
            for lo in range(0, len(rows), CHUNK):
                writer.put(rows[lo : lo + CHUNK])
            done += n
        writer.close()
        with actx.transaction() as session:
            read, new = audited.run_distinct(session, run_id)
        size = sum(p.stat().st_size for p in Path(tmp, "home").rglob("*.db*"))
        actx.close()
    return {"writer_cpu": writer_cpu[0], "distinct": read, "new": new, "db_bytes": size}


def _timed(root: Path, events: int, seed: int) -> dict[str, Any]:
    argv = [sys.executable, __file__, "--child", str(events), str(seed)]
    env = {k: v for k, v in os.environ.items() if not k.startswith("AUDITOR_")}
    env["PYTHONPATH"] = str(root)
    t0 = time.perf_counter()
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, cwd=root)
    out = proc.stdout.read() if proc.stdout else b""
    _, status, usage = os.wait4(proc.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {root} {events}")
    result = json.loads(out)
    result.update(
        wall=time.perf_counter() - t0,
        cpu=usage.ru_utime + usage.ru_stime,
        rss_mib=usage.ru_maxrss / 1024,
    )
    return result


def main() -> None:
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        print(json.dumps(child(int(sys.argv[2]), int(sys.argv[3]))))
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, nargs="+", default=[1_000_000])
    parser.add_argument("--repeats", type=int, default=1)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--before", type=Path, help="another checkout's root, run alternately")
    args = parser.parse_args()
    roots = {"this tree": ROOT}
    if args.before:
        roots = {"before": args.before.resolve(), **roots}
    results: dict[tuple[int, str], list[dict[str, Any]]] = {}
    for events in args.events:
        for _ in range(args.repeats):
            for name, root in roots.items():
                r = _timed(root, events, args.seed)
                results.setdefault((events, name), []).append(r)
                print(
                    f"  {events:>11,} {name:<10} writer {r['writer_cpu']:7.2f} s  "
                    f"process {r['cpu']:7.2f} s  {r['rss_mib']:6.0f} MiB  "
                    f"distinct {r['distinct']:,}  db {r['db_bytes'] / 2**20:.0f} MiB",
                    file=sys.stderr,
                    flush=True,
                )
    print(f"load average at the end: {os.getloadavg()[0]:.1f}")
    print("events       | code      | writer CPU s (median) | per 1M | process CPU s | MiB")
    for (events, name), runs in results.items():
        w = statistics.median(r["writer_cpu"] for r in runs)
        c = statistics.median(r["cpu"] for r in runs)
        m = max(r["rss_mib"] for r in runs)
        each = ", ".join(f"{r['writer_cpu']:.2f}" for r in runs)
        print(
            f"{events:>12,} | {name:<9} | {w:8.2f} ({each}) "
            f"| {w / events * 1e6:6.2f} | {c:7.2f} | {m:5.0f}"
        )


if __name__ == "__main__":
    main()
