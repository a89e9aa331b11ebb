"""API load: 200 concurrent mixed requests against real `auditor serve` + `auditor daemon`.

Starts both on a temporary home (SQLite, or PostgreSQL with --database-url), creates tokens,
then fires the same request list twice over loopback with httpx/asyncio: one at a time (the
baseline) and all at once (the burst). Reports: no 5xx, no lost scan request (every 202 id is
one API run in the store and reaches ``done``; no run the API did not acknowledge), and
p50/p95 latency of both runs side by side with their ratio.

    .venv/bin/python bench/api_load.py [--requests 200] [--concurrency 200] [--database-url URL]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from auditor.synth.access_csv import write_access_log  # noqa: E402

AUDITOR = [sys.executable, "-m", "auditor.cli.main"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] * 1000


class Plan:
    """A deterministic request mix: 80% reads (findings, filters, pages, status), 20% scans."""

    def __init__(self, allowed: Path, seed: int) -> None:
        self.allowed = allowed
        self.rng = random.Random(seed)

    def request(self, i: int) -> tuple[str, str, str, dict[str, object] | None]:
        """(role, method, path, json) for request ``i``."""
        if i % 5 == 4:
            return (
                "security",
                "POST",
                "/scans",
                {
                    "kind": "access-logs",
                    "paths": [str(self.allowed / "access.csv")],
                },
            )
        choice = self.rng.choice(["list", "filter", "page", "status", "health", "reports"])
        if choice == "list":
            return "privacy_officer", "GET", "/findings?limit=50", None
        if choice == "filter":
            return (
                "privacy_officer",
                "GET",
                "/findings?category=break_glass_unjustified&limit=20",
                None,
            )
        if choice == "page":
            return "security", "GET", f"/findings?limit=10&offset={self.rng.randint(0, 100)}", None
        if choice == "status":
            return "admin", "GET", "/status", None
        if choice == "reports":
            return "privacy_officer", "GET", "/reports", None
        return "admin", "GET", "/healthz", None


Request = tuple[str, str, str, dict[str, object] | None]


async def fire(
    client: httpx.AsyncClient,
    requests: list[Request],
    tokens: dict[str, str],
    concurrency: int,
    deadline: float,
) -> tuple[list[float], Counter[int], list[str]]:
    sem = asyncio.Semaphore(concurrency)
    latencies: list[float] = []
    codes: Counter[int] = Counter()
    scan_ids: list[str] = []

    async def one(role: str, method: str, path: str, body: dict[str, object] | None) -> None:
        async with sem:
            if time.monotonic() > deadline:
                codes[-1] += 1
                return
            t0 = time.perf_counter()
            resp = await client.request(
                method, path, json=body, headers={"Authorization": f"Bearer {tokens[role]}"}
            )
            latencies.append(time.perf_counter() - t0)
            codes[resp.status_code] += 1
            if resp.status_code == 202:
                scan_ids.append(resp.json()["id"])

    await asyncio.gather(*(one(*r) for r in requests))
    return latencies, codes, scan_ids


def api_runs(home: Path, database_url: str) -> dict[str, str]:
    """Every run the API queued, as the store has it: {id: status}."""
    from sqlalchemy import create_engine, text

    engine = create_engine(database_url or f"sqlite:///{home / 'auditor.db'}")
    try:
        with engine.connect() as conn:
            rows = conn.execute(text("SELECT id, status FROM scan_runs WHERE trigger = 'api'"))
            return {str(r[0]): str(r[1]).lower() for r in rows}
    finally:
        engine.dispose()


def cli(env: dict[str, str], *args: str) -> str:
    proc = subprocess.run([*AUDITOR, *args], env=env, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"auditor {' '.join(args)} failed: {proc.stderr}")
    return proc.stdout.strip()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=200)
    parser.add_argument("--events", type=int, default=2000, help="lines in the scanned log")
    parser.add_argument("--database-url", default="", help="PostgreSQL URL (default SQLite)")
    parser.add_argument("--time-limit", type=float, default=240.0)
    args = parser.parse_args()

    started = time.monotonic()
    deadline = started + args.time_limit
    with tempfile.TemporaryDirectory(prefix="auditor-load-") as tmp:
        home, allowed = Path(tmp) / "home", Path(tmp) / "allowed"
        home.mkdir()
        allowed.mkdir()
        write_access_log(allowed / "access.csv", args.events)
        port = free_port()
        db = f'database_url = "{args.database_url}"\n' if args.database_url else ""
        (home / "auditor.toml").write_text(
            f'{db}[api]\nport = {port}\nallowed_roots = ["{allowed}"]\n'
            "rate_limit_per_minute = 100000\n[daemon]\nqueue_poll_seconds = 0.2\n"
        )
        env = {k: v for k, v in os.environ.items() if not k.startswith("AUDITOR_")}
        env["AUDITOR_HOME"] = str(home)
        tokens = {
            role: cli(env, "tokens", "create", "--role", role, "--name", f"load-{role}")
            for role in ("privacy_officer", "security", "admin")
        }
        cli(env, "scan", "access-logs", str(allowed / "access.csv"))  # findings to read
        log = open(Path(tmp) / "procs.log", "w")  # noqa: SIM115
        server = subprocess.Popen([*AUDITOR, "serve"], env=env, stderr=log)
        daemon = subprocess.Popen([*AUDITOR, "daemon"], env=env, stderr=log)
        base = f"http://127.0.0.1:{port}/api/v1"
        try:
            for _ in range(200):
                try:
                    if httpx.get(f"{base}/healthz", timeout=2).status_code == 200:
                        break
                except httpx.TransportError:
                    time.sleep(0.1)
            limits = httpx.Limits(max_connections=args.concurrency)
            plan = Plan(allowed, seed=1)
            requests = [plan.request(i) for i in range(args.requests)]

            async def run() -> tuple:  # type: ignore[type-arg]
                async with httpx.AsyncClient(base_url=base, timeout=120, limits=limits) as client:
                    t0 = time.perf_counter()
                    seq = await fire(client, requests, tokens, 1, deadline)
                    t1 = time.perf_counter()
                    burst = await fire(client, requests, tokens, args.concurrency, deadline)
                    return seq, burst, t1 - t0, time.perf_counter() - t1

            (seq_lat, seq_codes, seq_ids), (lat, codes, ids), seq_wall, wall = asyncio.run(run())
            all_ids = seq_ids + ids
            # Every accepted scan request must be executed by the daemon.
            client = httpx.Client(
                base_url=base, headers={"Authorization": f"Bearer {tokens['security']}"}
            )
            pending = set(all_ids)
            states: Counter[str] = Counter()
            while pending and time.monotonic() < deadline:
                for scan_id in list(pending):
                    state = client.get(f"/scans/{scan_id}").json()["status"]
                    if state in {"done", "failed"}:
                        states[state] += 1
                        pending.discard(scan_id)
                time.sleep(0.5)
            drain = time.monotonic() - started
            stored = api_runs(home, args.database_url)
        finally:
            for proc in (daemon, server):
                proc.send_signal(signal.SIGTERM)
            codes_exit = [p.wait(timeout=60) for p in (daemon, server)]
            log.close()

    five_xx = sum(v for k, v in (seq_codes + codes).items() if k >= 500)
    print(
        f"api_load: {args.requests} concurrent requests (concurrency {args.concurrency}), "
        f"baseline: the same {args.requests} one at a time; backend "
        f"{'postgresql' if args.database_url else 'sqlite'}"
    )
    print(f"{'run':<12}{'n':>6}{'p50 ms':>10}{'p95 ms':>10}{'max ms':>10}")
    for name, values in (("sequential", seq_lat), ("concurrent", lat)):
        print(
            f"{name:<12}{len(values):>6}{pct(values, 0.5):>10.1f}{pct(values, 0.95):>10.1f}"
            f"{max(values) * 1000:>10.1f}"
        )
    print(
        f"ratio concurrent/sequential: p50 x{pct(lat, 0.5) / pct(seq_lat, 0.5):.1f}, "
        f"p95 x{pct(lat, 0.95) / pct(seq_lat, 0.95):.1f}; throughput: sequential "
        f"{len(seq_lat) / seq_wall:.1f} req/s ({seq_wall:.1f} s), burst {len(lat) / wall:.1f} "
        f"req/s ({wall:.1f} s); median {statistics.median(lat) * 1000:.1f} ms"
    )
    print(f"status codes: {dict(sorted((seq_codes + codes).items()))}; 5xx: {five_xx}")
    print(
        f"scan requests accepted: {len(all_ids)}; executed: {dict(states)}; "
        f"lost: {len(pending)}; all drained after {drain:.1f}s; exit codes {codes_exit}"
    )
    unacknowledged = sorted(set(stored) - set(all_ids))
    duplicated = len(all_ids) - len(set(all_ids))
    print(
        f"API runs in the store: {len(stored)} ({dict(Counter(stored.values()))}); "
        f"not acknowledged by a 202: {len(unacknowledged)}; duplicate ids: {duplicated}"
    )
    ok = (
        five_xx == 0
        and not pending
        and states.get("failed", 0) == 0
        and codes.get(-1, 0) == 0
        and set(stored) == set(all_ids)
        and not duplicated
        and all(state == "done" for state in stored.values())
    )
    print("OK" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
