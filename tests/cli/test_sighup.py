"""SIGHUP to `auditor serve` and `auditor daemon`: no silent death, no pretend reload.

Settings are read once at start-up. SIGHUP's default would kill the process without a
word; instead it logs that a restart is needed and keeps serving on the old settings.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = [
    pytest.mark.service,
    pytest.mark.skipif(not hasattr(signal, "SIGHUP"), reason="no SIGHUP on this platform"),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_for(log: Path, needle: str, proc: subprocess.Popen[bytes], timeout: float = 60) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        text = log.read_text(encoding="utf-8", errors="replace")
        if needle in text:
            return text
        if proc.poll() is not None:
            raise AssertionError(f"exited with {proc.returncode}: {text}")
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {needle!r}: {log.read_text()}")


@pytest.mark.parametrize(
    ("command", "ready"),
    [
        (["serve", "--port", "{port}"], "serving the auditor API"),
        (["daemon", "--text-logs"], "daemon started"),
    ],
)
def test_sighup_says_restart_and_keeps_running(
    tmp_path: Path, command: list[str], ready: str
) -> None:
    home = tmp_path / "home"
    env = {k: v for k, v in os.environ.items() if not k.startswith("AUDITOR_")}
    env |= {"AUDITOR_HOME": str(home), "PYTHONUNBUFFERED": "1"}
    argv = [a.replace("{port}", str(_free_port())) for a in command]
    log = tmp_path / "stderr.log"
    with log.open("w") as err:
        proc = subprocess.Popen(
            [sys.executable, "-m", "auditor.cli.main", *argv],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=err,
        )
    try:
        _wait_for(log, ready, proc)
        proc.send_signal(signal.SIGHUP)
        text = _wait_for(log, "SIGHUP", proc, timeout=30)
        assert f"restart `auditor {argv[0]}`" in text and "auditor.toml" in text
        time.sleep(0.5)
        assert proc.poll() is None, "SIGHUP stopped the process"
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=60) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=30)
