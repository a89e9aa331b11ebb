"""The daemon as a real process: one per database, clean stop on SIGTERM, catch-up on start."""

from __future__ import annotations

import signal
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from auditor.context import open_context
from auditor.daemon import lock as daemon_lock
from auditor.daemon.scheduler import JOBS_TABLE, PERSISTENT, job_specs
from auditor.errors import LockHeldError
from auditor.store.models import AuditTrail, RunStatus, ScanRun
from tests.service.conftest import Proc, run_cli, utc, write_config


def _ok(result) -> None:  # type: ignore[no-untyped-def]
    assert result.returncode == 0, result.stderr


def _holder_pid(home: Path) -> int | None:
    with open_context(home) as actx:
        holder = daemon_lock.read_holder(actx.engine)
        return holder.pid if holder and holder.stopped_at is None else None


def test_second_daemon_exits_3_and_sigterm_exits_0(
    service_home: Path, spawn: Callable[..., Proc]
) -> None:
    first = spawn(service_home, "daemon")
    first.wait_log("daemon started")
    second = run_cli(service_home, "daemon", timeout=60)
    assert second.returncode == 3, second.stderr
    assert "another auditor daemon already runs against this database" in second.stderr
    assert f"pid {first.popen.pid}" in second.stderr
    assert "Traceback" not in second.stderr
    status = run_cli(service_home, "status", "--json")
    assert status.returncode == 0, status.stderr
    assert f'"pid": {first.popen.pid}' in status.stdout and '"running": true' in status.stdout
    assert first.stop(signal.SIGTERM) == 0
    assert "daemon stopped" in first.log()
    status = run_cli(service_home, "status", "--json")
    assert '"running": false' in status.stdout
    # The lock is free again: a new daemon starts.
    third = run_cli(service_home, "daemon", "--once", timeout=60)
    assert third.returncode == 0, third.stderr


def test_sigint_exits_0_and_json_logs(service_home: Path, spawn: Callable[..., Proc]) -> None:
    proc = spawn(service_home, "daemon", "--json-logs")
    proc.wait_log('"msg": "daemon started"')
    assert proc.stop(signal.SIGINT) == 0
    lines = [ln for ln in proc.log().splitlines() if ln.startswith("{")]
    import json

    events = [json.loads(ln)["msg"] for ln in lines]
    assert events[0] == "daemon started" and events[-1] == "daemon stopped"


def test_lock_in_process_is_exclusive(service_home: Path) -> None:
    with open_context(service_home) as a, open_context(service_home) as b:
        held = daemon_lock.acquire(a.engine, a.clock())
        try:
            with pytest.raises(LockHeldError) as err:
                daemon_lock.acquire(b.engine, b.clock())
            assert err.value.exit_code == 3
            assert daemon_lock.is_held(b.engine)
        finally:
            daemon_lock.release(a.engine, held, a.clock())
        assert not daemon_lock.is_held(b.engine)


def test_kill_9_releases_the_lock(service_home: Path, spawn: Callable[..., Proc]) -> None:
    proc = spawn(service_home, "daemon")
    proc.wait_log("daemon started")
    proc.popen.send_signal(signal.SIGKILL)
    proc.popen.wait(timeout=30)
    again = run_cli(service_home, "daemon", "--once", timeout=60)
    assert again.returncode == 0, again.stderr


def test_scheduler_options_are_explicit(service_home: Path, tmp_path: Path, db_url: str) -> None:
    logs = tmp_path / "logs"
    logs.mkdir()
    write_config(
        service_home,
        db_url,
        daemon={"access_log_sources": [str(logs)], "misfire_grace_hours": 5},
    )
    _ok(run_cli(service_home, "daemon", "--once"))
    with open_context(service_home) as actx:
        store = _jobstore(actx)
        store.start(None, PERSISTENT)
        jobs = {j.id: j for j in store.get_all_jobs()}
    assert set(jobs) == {"access-logs", "weekly-report"}
    for job in jobs.values():
        assert job.coalesce is True
        assert job.max_instances == 1
        assert job.misfire_grace_time == 5 * 3600
    assert str(jobs["weekly-report"].trigger).startswith("cron[day_of_week='mon', hour='6'")
    assert jobs["weekly-report"].next_run_time.weekday() == 0


def _jobstore(actx):  # type: ignore[no-untyped-def]
    from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore

    return SQLAlchemyJobStore(engine=actx.engine, tablename=JOBS_TABLE)


def test_missed_run_runs_once_on_start_and_is_recorded(
    service_home: Path, tmp_path: Path, db_url: str
) -> None:
    logs = tmp_path / "logs"
    logs.mkdir()
    (logs / "empty.csv").write_text(
        "event_id,timestamp,user_id,patient_id,action,record_type,department,"
        "workstation,break_glass,reason\n"
    )
    write_config(
        service_home,
        db_url,
        daemon={"access_log_sources": [str(logs)], "access_scan_minutes": 24 * 60},
    )
    _ok(run_cli(service_home, "daemon", "--once"))  # first start: runs once
    missed_at = utc() - timedelta(hours=3)
    with open_context(service_home) as actx:
        store = _jobstore(actx)
        store.start(None, PERSISTENT)
        job = store.lookup_job("access-logs")
        job.next_run_time = missed_at
        store.update_job(job)
    result = run_cli(service_home, "daemon", "--once")
    assert result.returncode == 0, result.stderr
    assert "missed run detected" in result.stderr
    with open_context(service_home) as actx, actx.transaction() as s:
        runs = s.scalars(select(ScanRun).where(ScanRun.kind == "access-logs")).all()
        triggers = sorted(r.trigger for r in runs)
        gaps = s.scalars(select(ScanRun).where(ScanRun.kind == "gap")).all()
        audit = s.scalars(select(AuditTrail.action)).all()
    assert triggers == ["catch-up", "schedule"]  # first start + exactly one catch-up
    assert len(gaps) == 1 and gaps[0].summary["job"] == "access-logs"
    assert gaps[0].summary["missed_since"].startswith(missed_at.isoformat()[:16])
    assert gaps[0].status is RunStatus.DONE
    assert "job.gap" in audit and audit.count("job.finished") == 2
    # A third start with nothing due runs nothing new.
    _ok(run_cli(service_home, "daemon", "--once"))
    with open_context(service_home) as actx, actx.transaction() as s:
        assert len(s.scalars(select(ScanRun).where(ScanRun.kind == "access-logs")).all()) == 2


def test_job_specs_follow_config(service_home: Path) -> None:
    with open_context(service_home) as actx:
        ids = [s.id for s in job_specs(actx.settings)]
    assert ids == ["weekly-report", "queue-worker"]  # no sources configured: no scan jobs


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"daemon": {"weekly_report_time": "6 am"}}, "weekly_report_time"),
        ({"daemon": {"weekly_report_day": "someday"}}, "weekly_report_time"),
        ({"daemon": {"misfire_grace_hours": 0}}, "misfire_grace_hours"),
        ({"policies_dir": "EMPTY", "daemon": {"access_log_sources": ["/nonexistent"]}}, "polic"),
    ],
)
def test_daemon_refuses_bad_config(
    home: Path,
    tmp_path: Path,
    settings: dict,
    message: str,  # type: ignore[type-arg]
) -> None:
    empty = tmp_path / "empty-pack"
    empty.mkdir()
    top = {k: v for k, v in settings.items() if not isinstance(v, dict)}
    sections = {k: v for k, v in settings.items() if isinstance(v, dict)}
    write_config(home, f"sqlite:///{home / 'auditor.db'}", **sections)
    if top:
        text = (home / "auditor.toml").read_text()
        extra = "".join(f'{k} = "{str(v).replace("EMPTY", str(empty))}"\n' for k, v in top.items())
        (home / "auditor.toml").write_text(extra + text)
    result = run_cli(home, "daemon", "--once")
    assert result.returncode == 2, result.stderr
    assert message in result.stderr.lower() and "Traceback" not in result.stderr


@pytest.mark.slow
def test_scheduled_jobs_run_the_real_services(home: Path, tmp_path: Path) -> None:
    """Access-log and export scans on first start; a missed weekly report is built on start."""
    logs, exports = tmp_path / "logs", tmp_path / "exports"
    logs.mkdir()
    exports.mkdir()
    from auditor.synth.access_csv import write_access_log

    write_access_log(logs / "a.csv", 3000)
    (exports / "letter.txt").write_text("Dear Mr. Robert Hale, MRN 77120045, DOB 04/12/1961.\n")
    write_config(
        home,
        f"sqlite:///{home / 'auditor.db'}",
        daemon={"access_log_sources": [str(logs / "*.csv")], "export_dirs": [str(exports)]},
    )
    _ok(run_cli(home, "daemon", "--once", timeout=300))
    with open_context(home) as actx:
        with actx.transaction() as s:
            runs = {r.kind: r for r in s.scalars(select(ScanRun)).all()}
        assert runs["access-logs"].status is RunStatus.DONE
        assert runs["access-logs"].records_read == 3000
        assert runs["documents"].status is RunStatus.DONE, runs["documents"].error
        assert runs["documents"].findings_count > 0
        store = _jobstore(actx)
        store.start(None, PERSISTENT)
        job = store.lookup_job("weekly-report")
        job.next_run_time = utc() - timedelta(hours=1)
        store.update_job(job)
    _ok(run_cli(home, "daemon", "--once", timeout=300))
    with open_context(home) as actx, actx.transaction() as s:
        report_runs = s.scalars(select(ScanRun).where(ScanRun.kind == "report")).all()
        assert [r.trigger for r in report_runs] == ["catch-up"]  # one build, one run
        assert report_runs[0].status is RunStatus.DONE, report_runs[0].error
        assert report_runs[0].summary["report_id"]
        assert s.scalars(select(ScanRun).where(ScanRun.kind == "gap")).one().summary["job"] == (
            "weekly-report"
        )
        # Nothing new to scan: the scan jobs were not due again, so still one run each.
        assert len(s.scalars(select(ScanRun).where(ScanRun.kind == "access-logs")).all()) == 1
