"""A scan process killed (SIGKILL) in the middle of delivering its alerts, then run again.

The mail server holds the QUIT of one message it has already accepted, so the kill lands
exactly between a send and its record. The next process sends that one alert again with the
same Message-ID (at least once, by design: docs/console.md) and every other alert once;
counted by dedupe key, each critical finding reaches each channel exactly once. Run twice:
with ``auditor scan access-logs`` (the restart is the next scan) and with ``auditor daemon
--once`` (the restarted daemon reruns the interrupted scan, which sends the rest).
"""

from __future__ import annotations

import asyncio
import os
import re
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import select

from auditor.config import load_settings
from auditor.context import open_context
from auditor.store.case_models import Alert
from auditor.store.models import Finding
from auditor.synth.hospital import HospitalPaths
from tests.alerts.conftest import Inbox

pytestmark = pytest.mark.service

HOLD_AT = 3  # the message whose QUIT the server holds while the client is killed


class HoldingInbox(Inbox):
    """Accepts every message; after the ``HOLD_AT``-th, answers its QUIT only much later."""

    def __init__(self) -> None:
        super().__init__()
        self.holding = threading.Event()
        self.held_once = False

    async def handle_QUIT(self, server: object, session: object, envelope: object) -> str:
        if len(self.messages) == HOLD_AT and not self.held_once:
            self.held_once = True
            self.holding.set()
            await asyncio.sleep(20)
        return "221 Bye"


def _scan(home: Path, hospital: HospitalPaths, how: str) -> subprocess.Popen[bytes]:
    """The process that scans and alerts: a CLI scan, or the daemon running what is due."""
    argv = [sys.executable, "-m", "auditor.cli.main", "--home", str(home)]
    if how == "daemon":
        argv += ["daemon", "--once", "--text-logs"]
    else:
        argv += ["scan", "access-logs", str(hospital.csv_log)]
    env = {k: v for k, v in os.environ.items() if not k.startswith("AUDITOR_")}
    return subprocess.Popen(
        argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True
    )


def _header(message: str, name: str) -> str:
    found = re.search(rf"^{name}: (.+)$", message, re.MULTILINE | re.IGNORECASE)
    assert found, f"no {name} header"
    return found.group(1).strip()


@pytest.mark.parametrize("how", ["cli", "daemon"])
def test_killed_between_send_and_record_resends_with_the_same_key(
    how: str,
    home: Path,
    hospital: HospitalPaths,
    syslog: tuple[list[bytes], int],
) -> None:
    from aiosmtpd.controller import Controller

    frames, syslog_port = syslog
    inbox = HoldingInbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    try:
        home.mkdir(parents=True, exist_ok=True)
        (home / "auditor.toml").write_text(
            f'context_dir = "{hospital.context_dir}"\n'
            f'[daemon]\naccess_log_sources = ["{hospital.csv_log}"]\nweekly_report = false\n'
            f'[alerts]\nsmtp_host = "127.0.0.1"\nsmtp_port = {controller.port}\n'
            'privacy_office = ["privacy@example.org"]\nmail_from = "auditor@example.org"\n'
            f'syslog_host = "127.0.0.1"\nsyslog_port = {syslog_port}\n'
            "backoff_seconds = 0\ntimeout_seconds = 1\n"
        )
        first = _scan(home, hospital, how)
        assert inbox.holding.wait(60), first.stderr.read().decode() if first.stderr else ""
        os.killpg(first.pid, signal.SIGKILL)  # mid-delivery: accepted, not yet recorded
        first.wait(10)
        assert first.returncode == -signal.SIGKILL

        settings = load_settings(home, environ={})
        with open_context(settings=settings, actor="test") as actx:
            with actx.transaction() as s:
                states = Counter(a.status for a in s.scalars(select(Alert)))
            assert states["sending"] == 1  # the try in flight when the process died
            from auditor.alerts.dispatch import lease

            time.sleep(lease(settings.alerts).total_seconds())  # that try's lease runs out

        second = _scan(home, hospital, how)  # the restart: sends what is left
        _, err = second.communicate(timeout=120)
        assert b"Traceback" not in err, err.decode()

        with open_context(settings=settings, actor="test") as actx, actx.transaction() as s:
            alerts = list(s.scalars(select(Alert)))
            critical = {
                f.id
                for f in s.scalars(select(Finding))
                if f.severity == "critical" or f.category in settings.alerts.categories
            }
    finally:
        controller.stop()

    assert critical and {a.status for a in alerts} == {"sent"}
    keys = {(a.finding_id, a.channel): a.dedupe_key for a in alerts}
    assert sorted(f for f, c in keys if c == "email") == sorted(critical)
    assert sorted(f for f, c in keys if c == "syslog") == sorted(critical)

    # E-mail: every finding's key arrived; one message arrived twice, with the same key.
    ids = Counter(_header(m, "Message-ID") for _, m in inbox.messages)
    expected = {f"<alert-{keys[(f, 'email')]}@example.org>" for f in critical}
    assert set(ids) == expected
    assert sorted(ids.values()) == [1] * (len(expected) - 1) + [2]
    assert sum(a.attempts for a in alerts if a.channel == "email") == len(expected) + 1

    # Syslog: exactly one frame per critical finding, each carrying its key.
    deadline = time.monotonic() + 5
    while len(frames) < len(critical) and time.monotonic() < deadline:
        time.sleep(0.05)
    external = [re.search(rb"externalId=(\w+)", f) for f in frames]
    assert all(external)
    got = Counter(m.group(1).decode() for m in external if m)
    assert got == Counter(keys[(f, "syslog")] for f in critical)


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
