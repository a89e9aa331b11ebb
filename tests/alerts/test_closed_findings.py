"""An alert whose finding is closed before it goes out: marked ``skipped`` with the reason,
never sent and never left ``pending`` (it used to wait forever)."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import select

from auditor.alerts import send_alerts
from auditor.context import AppContext, open_context
from auditor.findings import AccessFinding
from auditor.store import repo
from auditor.store.case_models import Alert
from auditor.store.models import Finding, FindingStatus

WHEN = datetime(2026, 3, 2, 9, tzinfo=UTC)


def _configure(home: Path, port: int, extra: str = "") -> None:
    home.mkdir(parents=True, exist_ok=True)
    (home / "auditor.toml").write_text(
        f'[alerts]\nsyslog_host = "127.0.0.1"\nsyslog_port = {port}\n'
        "backoff_seconds = 0\nmax_attempts = 50\ntimeout_seconds = 1\n" + extra
    )


def _finding(
    i: int, category: str = "terminated_user", severity: str = "critical"
) -> AccessFinding:
    return AccessFinding(
        rule_id="ACC-TERMINATED-001",
        category=category,
        severity=severity,
        event_id=f"E{i}",
        user_id=f"u{i}",
        patient_id=f"P{i}",
        timestamp=WHEN + timedelta(minutes=i),
        explanation="synthetic",
    )


def _alerts(actx: AppContext) -> dict[str, tuple[str, str]]:
    """event id -> (alert status, last error)."""
    with actx.transaction() as s:
        rows = s.execute(select(Alert, Finding).join(Finding, Finding.id == Alert.finding_id))
        return {f.event_id: (a.status, a.last_error) for a, f in rows}


def _ids(actx: AppContext) -> dict[str, int]:
    with actx.transaction() as s:
        return {f.event_id: f.id for f in s.scalars(select(Finding))}


def test_closed_before_sending_is_skipped_with_the_reason(
    home: Path, syslog: tuple[list[bytes], int]
) -> None:
    frames, port = syslog
    _configure(home, 9)  # the collector is down: the outbox rows are written, none sent
    with open_context(home) as actx:
        with actx.transaction() as s:
            run = repo.create_run(s, "access-logs", "synthetic")
            repo.upsert_findings(
                s,
                [_finding(1), _finding(2), _finding(3), _finding(4, "vip_access", "high")],
                run.id,
            )
        send_alerts(actx)
        assert {st for st, _ in _alerts(actx).values()} == {"pending"}
        ids = _ids(actx)
        with actx.transaction() as s:
            repo.set_finding_status(s, ids["E2"], FindingStatus.DISMISSED, "po", "covering shift")
            repo.set_finding_status(s, ids["E3"], FindingStatus.CONFIRMED, "po")
    # The collector is back; VIP access is no longer a critical category at this site.
    _configure(home, port, 'categories = ["terminated_user"]\n')
    with open_context(home) as actx:
        totals = send_alerts(actx)
        states = _alerts(actx)
        assert (totals.sent, totals.skipped) == (1, 3)
        assert states["E1"] == ("sent", "")
        assert states["E2"] == (
            "skipped",
            "not sent: the finding was dismissed before the alert went out",
        )
        assert states["E3"][0] == "skipped" and "was confirmed" in states["E3"][1]
        assert states["E4"][0] == "skipped" and "no longer critical" in states["E4"][1]
        again = send_alerts(actx)  # settled: nothing is tried or counted again
        assert (again.sent, again.skipped, again.failed) == (0, 0, 0)
        assert _alerts(actx) == states
    deadline = time.monotonic() + 5
    while len(frames) < 1 and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.2)
    assert len(frames) == 1 and b"suser=u1 " in frames[0]  # only the open finding's alert


def test_a_try_in_flight_is_left_to_its_sender_a_dead_one_is_skipped(
    home: Path, syslog: tuple[list[bytes], int]
) -> None:
    frames, port = syslog
    _configure(home, port)
    with open_context(home) as actx:
        with actx.transaction() as s:
            run = repo.create_run(s, "access-logs", "synthetic")
            repo.upsert_findings(s, [_finding(1), _finding(2)], run.id)
        ids = _ids(actx)
        now = actx.clock()
        with actx.transaction() as s:
            for event_id, began in (("E1", now), ("E2", now - timedelta(hours=1))):
                s.add(
                    Alert(
                        finding_id=ids[event_id],
                        channel="syslog",
                        dedupe_key=f"k{event_id}",
                        status="sending",  # a try began; E2's process died an hour ago
                        attempts=1,
                        last_attempt_at=began,
                        created_at=began,
                    )
                )
            for event_id in ("E1", "E2"):
                repo.set_finding_status(s, ids[event_id], FindingStatus.DISMISSED, "po")
        totals = send_alerts(actx)
        states = _alerts(actx)
    assert (totals.sent, totals.skipped) == (0, 1)
    assert states["E1"] == ("sending", "")  # its sender records it (lease still running)
    assert states["E2"][0] == "skipped" and "an earlier try may have arrived" in states["E2"][1]
    time.sleep(0.2)
    assert frames == []
