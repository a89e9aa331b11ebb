"""The daemon's scheduled access-log job across a restart: alerts pending when the mail server
was down are sent by the restarted daemon, each exactly once, and never again after that."""

from __future__ import annotations

import logging
from pathlib import Path

from sqlalchemy import select

from auditor.alerts import send_alerts
from auditor.context import open_context
from auditor.daemon.jobs import access_log_job
from auditor.daemon.runtime import DaemonRuntime
from auditor.store.case_models import Alert
from auditor.synth.hospital import HospitalPaths
from tests.alerts.conftest import Inbox


def _config(home: Path, hospital: HospitalPaths, smtp_port: int) -> None:
    home.mkdir(parents=True, exist_ok=True)
    (home / "auditor.toml").write_text(
        f'context_dir = "{hospital.context_dir}"\n'
        f'[daemon]\naccess_log_sources = ["{hospital.csv_log}"]\n'
        f'[alerts]\nsmtp_host = "127.0.0.1"\nsmtp_port = {smtp_port}\n'
        'privacy_office = ["privacy@example.org"]\nbackoff_seconds = 0\ntimeout_seconds = 2\n'
    )


def test_restarted_daemon_sends_each_pending_alert_once(
    home: Path,
    hospital: HospitalPaths,
    smtp: tuple[Inbox, int],
) -> None:
    inbox, port = smtp
    _config(home, hospital, 9)  # first life: the mail server is unreachable
    with open_context(home) as actx:
        access_log_job(DaemonRuntime(actx, logging.getLogger("test.alerts")))
        with actx.transaction() as s:
            pending = sorted(a.finding_id for a in s.scalars(select(Alert)))
            assert pending and {a.status for a in s.scalars(select(Alert))} == {"pending"}
    assert inbox.messages == []

    _config(home, hospital, port)  # restarted, the mail server back
    with open_context(home) as actx:
        rt = DaemonRuntime(actx, logging.getLogger("test.alerts"))
        access_log_job(rt)  # incremental: nothing new in the file, the pending alerts go out
        access_log_job(rt)
        assert send_alerts(actx).sent == 0
        with actx.transaction() as s:
            rows = list(s.scalars(select(Alert)))
    assert sorted(a.finding_id for a in rows) == pending
    assert {a.status for a in rows} == {"sent"}
    subjects = [m.split("Subject: ", 1)[1].split("\n", 1)[0] for _, m in inbox.messages]
    assert len(subjects) == len(pending) == len(set(subjects))
