"""Alerts against real local servers: SMTP (aiosmtpd) and a TCP syslog listener.

Exactly one alert per critical finding and channel, across two scans of the same file in two
separately opened contexts (what a daemon restart does), with nothing naming a patient.
"""

from __future__ import annotations

import http.server
import json
import re
import threading
from pathlib import Path

from sqlalchemy import select

from auditor.alerts import messages, send_alerts
from auditor.context import AppContext, open_context
from auditor.services.access_scan import AccessScanRequest, scan_access_logs
from auditor.store.case_models import Alert
from auditor.store.models import Finding
from auditor.synth.hospital import HospitalPaths
from tests.alerts.conftest import Inbox


def _config(home: Path, smtp_port: int, syslog_port: int) -> None:
    home.mkdir(parents=True, exist_ok=True)
    (home / "auditor.toml").write_text(
        "[alerts]\n"
        'smtp_host = "127.0.0.1"\n'
        f"smtp_port = {smtp_port}\n"
        'privacy_office = ["privacy@example.org"]\n'
        "staff_note = true\n"
        'staff_email_domain = "staff.example.org"\n'
        'console_url = "https://auditor.example.org"\n'
        'syslog_host = "127.0.0.1"\n'
        f"syslog_port = {syslog_port}\n"
        "backoff_seconds = 0.01\n"
    )


def _wait(predicate: object, timeout: float = 5.0) -> None:
    import time

    end = time.monotonic() + timeout
    while time.monotonic() < end and not predicate():  # type: ignore[operator]
        time.sleep(0.05)


def test_one_alert_per_critical_finding_across_restart(
    home: Path,
    hospital: HospitalPaths,
    smtp: tuple[Inbox, int],
    syslog: tuple[list[bytes], int],
) -> None:
    inbox, smtp_port = smtp
    frames, syslog_port = syslog
    _config(home, smtp_port, syslog_port)
    request = AccessScanRequest([hospital.csv_log], context_dir=hospital.context_dir)
    with open_context(home) as actx:
        scan_access_logs(actx, request)
        with actx.transaction() as s:
            critical = [
                (f.id, f.user_id, f.patient_id)
                for f in s.scalars(select(Finding).where(Finding.severity == "critical"))
            ]
            categories = set(s.scalars(select(Finding.category)))
    assert critical, "the synthetic hospital plants critical findings"
    assert {"terminated_user", "vip_access", "self_access"} <= categories
    with open_context(home) as actx:  # a restarted daemon scanning the same file again
        scan_access_logs(actx, request)
        assert send_alerts(actx).sent == 0
        with actx.transaction() as s:
            alerts = list(s.scalars(select(Alert)))
            alerted = {
                f.id
                for f in s.scalars(select(Finding))
                if f.severity == "critical" or f.category in actx.settings.alerts.categories
            }
    assert {a.status for a in alerts} == {"sent"}
    for channel in ("email", "staff", "syslog"):
        assert sorted(a.finding_id for a in alerts if a.channel == channel) == sorted(alerted)
    _wait(lambda: len(frames) == len(alerted))
    office = [m for to, m in inbox.messages if to == ["privacy@example.org"]]
    staff = [m for to, m in inbox.messages if to != ["privacy@example.org"]]
    assert len(office) == len(staff) == len(alerted)
    assert len(frames) == len(alerted)
    patients = {p for _, _, p in critical if p}
    for text in [*office, *staff]:
        assert not any(re.search(rf"\b{re.escape(p)}\b", text) for p in patients)
    fid, user, _ = critical[0]
    assert f"/console/findings/{fid}" in "".join(m for _, m in inbox.messages)
    note = next(m for to, m in inbox.messages if to == [f"{user}@staff.example.org"])
    assert "confirm the reason" in note
    assert "/console/findings/" in note
    frame = frames[0].decode()
    length, _, rest = frame.partition(" ")
    assert int(length) == len(rest.encode())
    assert re.match(r"<10[6-9]>1 \d{4}-\d\d-\d\dT\S+Z \S+ hipaa-auditor - finding - CEF:0\|", rest)


def test_failed_channel_is_retried_then_recorded(home: Path, hospital: HospitalPaths) -> None:
    """A collector that is down: one alert is tried (3 times) per call, the rest wait, and an
    alert that used up max_attempts stays failed."""
    home.mkdir(parents=True, exist_ok=True)
    (home / "auditor.toml").write_text(
        '[alerts]\nsyslog_host = "127.0.0.1"\nsyslog_port = 9\n'
        "backoff_seconds = 0\nmax_attempts = 4\ntimeout_seconds = 1\n"
    )

    def states(actx: AppContext) -> list[tuple[str, int]]:
        with actx.transaction() as s:
            return [(a.status, a.attempts) for a in s.scalars(select(Alert).order_by(Alert.id))]

    with open_context(home) as actx:
        scan_access_logs(
            actx, AccessScanRequest([hospital.csv_log], context_dir=hospital.context_dir)
        )
        first = states(actx)
        assert len(first) > 2
        assert first == [("pending", 3)] + [("pending", 0)] * (len(first) - 1)
        with actx.transaction() as s:
            error = s.scalars(select(Alert).order_by(Alert.id)).first().last_error  # type: ignore[union-attr]
        assert "ConnectionRefusedError" in error
        totals = send_alerts(actx)
        assert (totals.failed, totals.sent) == (1, 0)
        assert states(actx)[0] == ("failed", 4)  # max_attempts tries, no more
        send_alerts(actx)  # the next one is tried; the failed one is not tried again
        assert states(actx)[:2] == [("failed", 4), ("pending", 3)]


def test_cef_escapes_and_names_no_patient() -> None:
    facts = messages.AlertFacts(
        finding_id=7,
        rule_id="ACC|X",
        category="vip_access",
        severity="critical",
        user_id="u=1",
        event_time=None,
        link="https://h/console/findings/7",
    )
    line = messages.cef(facts)
    assert line.startswith("CEF:0|hipaa-auditor|hipaa-auditor|")
    assert "ACC\\|X" in line and "suser=u\\=1" in line and "|10|" in line


class _Hook(http.server.BaseHTTPRequestHandler):
    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.server.posts.append(json.loads(body))  # type: ignore[attr-defined]
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        return


def test_webhook_posts_once_per_finding(home: Path, hospital: HospitalPaths) -> None:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Hook)
    server.posts = []  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        home.mkdir(parents=True, exist_ok=True)
        url = f"http://127.0.0.1:{server.server_address[1]}/hook"
        (home / "auditor.toml").write_text(f'[alerts]\nwebhook_url = "{url}"\n')
        request = AccessScanRequest([hospital.csv_log], context_dir=hospital.context_dir)
        with open_context(home) as actx:
            scan_access_logs(actx, request)
            scan_access_logs(actx, request)
            with actx.transaction() as s:
                sent = sorted(a.finding_id for a in s.scalars(select(Alert)))
        posts = server.posts  # type: ignore[attr-defined]
        assert sent and sorted(p["finding_id"] for p in posts) == sent
        assert all("patient" not in key for p in posts for key in p)
        assert {p["link"] for p in posts} == {f"/console/findings/{i}" for i in sent}
    finally:
        server.shutdown()
        server.server_close()


def test_staff_note_only_to_a_safe_mailbox_local_part(home: Path, smtp: tuple[Inbox, int]) -> None:
    """P7: a user id like "x@evil.example," must never address another mailbox: that staff
    note is recorded failed with the reason, at once; the office and safe ids are mailed."""
    from datetime import UTC, datetime, timedelta

    from auditor.findings import AccessFinding
    from auditor.store import repo

    inbox, smtp_port = smtp
    home.mkdir(parents=True, exist_ok=True)
    (home / "auditor.toml").write_text(
        "[alerts]\n"
        'smtp_host = "127.0.0.1"\n'
        f"smtp_port = {smtp_port}\n"
        'privacy_office = ["privacy@example.org"]\n'
        "staff_note = true\n"
        'staff_email_domain = "staff.example.org"\n'
        "backoff_seconds = 0.01\n"
    )
    users = [
        "jdoe.2",
        "x@evil.example,bob",
        "bob@evil.example",
        "a b",
        "-rf",
        '"q"@x',
        "x\r\nBcc: e@evil.example",
        "",
    ]
    when = datetime(2026, 3, 2, 9, tzinfo=UTC)
    findings = [
        AccessFinding(
            rule_id="ACC-TERMINATED-001",
            category="terminated_user",
            severity="critical",
            event_id=f"E{i}",
            user_id=user,
            patient_id=f"P{i}",
            timestamp=when + timedelta(minutes=i),
            explanation="synthetic",
        )
        for i, user in enumerate(users)
    ]
    with open_context(home) as actx:
        with actx.transaction() as s:
            run = repo.create_run(s, "access-logs", "synthetic")
            repo.upsert_findings(s, findings, run.id)
        totals = send_alerts(actx)
        with actx.transaction() as s:
            staff = {
                (f.user_id, a.status, a.attempts, a.last_error)
                for a, f in s.execute(
                    select(Alert, Finding)
                    .join(Finding, Finding.id == Alert.finding_id)
                    .where(Alert.channel == "staff")
                )
            }
            office = set(s.scalars(select(Alert.status).where(Alert.channel == "email")))
    assert office == {"sent"}
    assert ("jdoe.2", "sent", 1, "") in staff
    unsafe = {(u, st, n) for u, st, n, _ in staff if u != "jdoe.2"}
    assert unsafe == {(u, "failed", 1) for u in users[1:]}
    assert all("not a safe e-mail local part" in err for u, _, _, err in staff if u != "jdoe.2")
    assert totals.sent == len(users) + 1 and totals.failed == len(users) - 1
    recipients = [r for to, _ in inbox.messages for r in to]
    assert sorted(recipients) == sorted(
        ["privacy@example.org"] * len(users) + ["jdoe.2@staff.example.org"]
    )
