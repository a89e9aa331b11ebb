"""The API's contract checked from outside: `st run --checks all` against a real `auditor serve`.

Builds a temporary home (SQLite) with one token per role, access and PHI findings to read,
starts `auditor serve` on a free loopback port, runs schemathesis' CLI once per role with
every check, and prints the generated cases and the failures per check for each role.
Exit 0 when every role passes clean.

    .venv/bin/python scripts/api_contract.py [--max-examples N] [--roles admin,security]
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from auditor.synth.access_csv import write_access_log  # noqa: E402

BIN = Path(sys.executable).parent
AUDITOR = [sys.executable, "-m", "auditor.cli.main"]
ROLES = ["privacy_officer", "security", "data_team", "admin"]
#: schemathesis' defaults plus 413: a body over [api] max_body_bytes is refused (documented)
#: before it is parsed, which is a rejection of a schema-violating request like any 4xx.
CONFIG = """[checks.negative_data_rejection]
expected-statuses = [400, 401, 403, 404, 405, 406, 409, 413, 415, 422, 428, 429]
"""
# Which check each failure code of the JSON report belongs to.
CHECK_OF = {
    "ST101": "not_a_server_error",
    "ST102": "response_schema_conformance",
    "ST103": "status_code_conformance",
    "ST104": "content_type_conformance",
    "ST105": "response_headers_conformance",
    "ST201": "negative_data_rejection",
    "ST202": "positive_data_acceptance",
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def cli(env: dict[str, str], *args: str) -> str:
    proc = subprocess.run([*AUDITOR, *args], env=env, capture_output=True, text=True, check=False)
    if proc.returncode not in (0, 1):  # 1: a scan that found something
        raise SystemExit(f"auditor {' '.join(args)} failed: {proc.stderr[-500:]}")
    return proc.stdout.strip()


def prepare(tmp: Path, port: int) -> tuple[dict[str, str], dict[str, str]]:
    """A home with findings of both kinds and one token per role: (env, tokens)."""
    home, root = tmp / "home", tmp / "root"
    home.mkdir()
    (root / "exports").mkdir(parents=True)
    write_access_log(root / "access.csv", 500)
    (root / "exports" / "Smith_John_note.txt").write_text(
        "Patient John Smith, MRN 7734219, seen 03/04/2024; SSN 078-05-1120.\n"
    )
    (home / "auditor.toml").write_text(
        f'[api]\nport = {port}\nallowed_roots = ["{root}"]\nrate_limit_per_minute = 1000000\n'
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("AUDITOR_")}
    env["AUDITOR_HOME"] = str(home)
    tokens = {r: cli(env, "tokens", "create", "--role", r, "--name", f"st-{r}") for r in ROLES}
    cli(env, "scan", "access-logs", str(root / "access.csv"))
    cli(env, "scan", "documents", str(root / "exports"))
    return env, tokens


def run_role(base: str, token: str, tmp: Path, role: str, max_examples: int) -> dict:  # type: ignore[type-arg]
    report_dir = tmp / f"st-{role}"
    config = tmp / "schemathesis.toml"
    config.write_text(CONFIG)
    cmd = [
        str(BIN / "st"),
        "--config-file",
        str(config),
        "run",
        f"{base}/openapi.json",
        "--checks",
        "all",
        "-H",
        f"Authorization: Bearer {token}",
        "--seed",
        "1",
        "--workers",
        "1",
        "--max-examples",
        str(max_examples),
        "--report",
        "json",
        "--report-dir",
        str(report_dir),
    ]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    reports = sorted(report_dir.glob("*.json"))
    if not reports:
        raise SystemExit(f"st run gave no report ({proc.returncode}): {proc.stdout[-2000:]}")
    report: dict = json.loads(reports[-1].read_text())  # type: ignore[type-arg]
    report["output"] = proc.stdout
    return report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-examples", type=int, default=20)
    parser.add_argument("--roles", default=",".join(ROLES))
    args = parser.parse_args()
    clean = True
    with tempfile.TemporaryDirectory(prefix="auditor-contract-") as name:
        tmp = Path(name)
        port = free_port()
        env, tokens = prepare(tmp, port)
        log = (tmp / "serve.log").open("w")
        server = subprocess.Popen([*AUDITOR, "serve"], env=env, stderr=log)
        base = f"http://127.0.0.1:{port}/api/v1"
        try:
            for _ in range(300):
                try:
                    if httpx.get(f"{base}/healthz", timeout=2).status_code == 200:
                        break
                except httpx.TransportError:
                    time.sleep(0.1)
            print(f"st run --checks all, seed 1, max-examples {args.max_examples}, {base}")
            print(f"{'role':<17}{'cases':>7}{'failures':>10}  by check")
            for role in args.roles.split(","):
                started = time.monotonic()
                report = run_role(base, tokens[role], tmp, role, args.max_examples)
                by_check = {
                    CHECK_OF.get(f["code"], f["code"]): f["count"] for f in report["failures"]
                }
                failures = sum(by_check.values()) + len(report["errors"])
                clean &= failures == 0 and report["exit_code"] == 0
                print(
                    f"{role:<17}{report['test_cases']['generated']:>7}{failures:>10}  "
                    f"{by_check or '-'}  ({time.monotonic() - started:.0f} s)"
                )
                if failures:
                    print(report["output"][-6000:])
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=60)
            log.close()
    print("OK" if clean else "FAILED")
    return 0 if clean else 1


if __name__ == "__main__":
    sys.exit(main())
