"""Service fixtures: a real PostgreSQL (fresh database per test), homes, real processes.

PostgreSQL: the server on 127.0.0.1:5432 when it answers (CI, dev machines), else the one
``scripts/pg-test-server.sh`` installs and starts on a free loopback port; tests marked
``postgres`` skip with the script's message only when neither is possible.
"""

from __future__ import annotations

import fcntl
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
AUDITOR = [sys.executable, "-m", "auditor.cli.main"]
BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


def _pg_answers(url: str) -> bool:
    import psycopg

    try:
        with psycopg.connect(url, connect_timeout=3) as conn:
            conn.execute("SELECT 1")
        return True
    except Exception:
        return False


@pytest.fixture(scope="session")
def pg_admin_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A libpq URL of a PostgreSQL server on which the tests may create databases (each test
    its own, so xdist workers share a server safely)."""
    env_url = os.environ.get("AUDITOR_TEST_PG_URL")
    if env_url and _pg_answers(env_url):
        yield env_url
        return
    default = "postgresql://postgres@127.0.0.1:5432/test"
    if _pg_answers(default):
        yield default
        return
    # Each xdist worker starts a private cluster of its own, one at a time: the script may
    # install the package, and two apt-get runs at once fail on dpkg's lock.
    with (tmp_path_factory.getbasetemp().parent / "pg-test-server.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        proc = subprocess.run(
            ["bash", str(ROOT / "scripts" / "pg-test-server.sh")],
            capture_output=True,
            text=True,
            timeout=600,
        )
    if proc.returncode != 0:
        pytest.skip(f"no PostgreSQL available: {proc.stderr.strip().splitlines()[-1:]}")
    url = proc.stdout.strip().splitlines()[-1]
    datadir = next(
        (ln.split("=", 1)[1] for ln in proc.stderr.splitlines() if ln.startswith("PGTEST_")), ""
    )
    try:
        yield url
    finally:
        if datadir:
            subprocess.run(["bash", str(ROOT / "scripts" / "pg-test-server.sh"), "stop", datadir])


@pytest.fixture()
def pg_database(pg_admin_url: str) -> Iterator[str]:
    """A fresh database (SQLAlchemy URL), dropped afterwards."""
    import psycopg

    name = f"auditor_test_{secrets.token_hex(6)}"
    with psycopg.connect(pg_admin_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    base = pg_admin_url.rsplit("/", 1)[0]
    try:
        yield f"{base.replace('postgresql://', 'postgresql+psycopg://', 1)}/{name}"
    finally:
        with psycopg.connect(pg_admin_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture()
def db_url(backend: str, home: Path, request: pytest.FixtureRequest) -> str:
    if backend == "postgresql":
        return str(request.getfixturevalue("pg_database"))
    return f"sqlite:///{home / 'auditor.db'}"


def toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_config(home: Path, db_url: str, **sections: dict[str, Any]) -> None:
    """auditor.toml for a test home (subprocesses read the same file)."""
    home.mkdir(parents=True, exist_ok=True)
    lines = [f"database_url = {toml_value(db_url)}"]
    for section, values in sections.items():
        lines.append(f"[{section}]")
        lines.extend(f"{key} = {toml_value(val)}" for key, val in values.items())
    (home / "auditor.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture()
def service_home(home: Path, db_url: str) -> Path:
    """A home on the parametrized backend with a quiet daemon (no scheduled sources)."""
    write_config(home, db_url, daemon={"queue_poll_seconds": 0.3, "heartbeat_seconds": 1})
    return home


def cli_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("AUDITOR_")}
    env["AUDITOR_HOME"] = str(home)
    env["PYTHONUNBUFFERED"] = "1"
    return env


def run_cli(home: Path, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*AUDITOR, *args], env=cli_env(home), capture_output=True, text=True, timeout=timeout
    )


class Proc:
    """A real background process (daemon or server) whose stderr goes to a file."""

    def __init__(self, home: Path, args: list[str], log: Path) -> None:
        self.log_path = log
        self._log = log.open("w")
        self.popen = subprocess.Popen(
            [*AUDITOR, *args],
            env=cli_env(home),
            stdout=subprocess.DEVNULL,
            stderr=self._log,
            cwd=str(home.parent),
        )

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def wait_log(self, needle: str, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if needle in self.log():
                return
            if self.popen.poll() is not None:
                raise AssertionError(f"process exited ({self.popen.returncode}): {self.log()}")
            time.sleep(0.1)
        raise AssertionError(f"timed out waiting for {needle!r}: {self.log()}")

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 60) -> int:
        if self.popen.poll() is None:
            self.popen.send_signal(sig)
        try:
            return self.popen.wait(timeout=timeout)
        finally:
            self._log.close()

    def kill(self) -> None:
        if self.popen.poll() is None:
            self.popen.kill()
            self.popen.wait(timeout=30)
        self._log.close()


@pytest.fixture()
def spawn(tmp_path: Path) -> Iterator[Callable[..., Proc]]:
    procs: list[Proc] = []

    def start(home: Path, *args: str) -> Proc:
        proc = Proc(home, list(args), tmp_path / f"proc{len(procs)}.log")
        procs.append(proc)
        return proc

    yield start
    for proc in procs:
        proc.kill()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_until(predicate: Callable[[], bool], timeout: float = 60, every: float = 0.2) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(every)
    raise AssertionError("condition not reached in time")


def utc(days_ago: float = 0) -> datetime:
    return datetime.now(UTC) - timedelta(days=days_ago)
