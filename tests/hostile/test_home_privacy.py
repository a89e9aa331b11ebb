"""M8, L7, M7: the home is private whatever the umask; raw segments are cleaned; reports are
served whatever the server's working directory."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from auditor.context import WORK_DIR, open_context, work_dir
from auditor.services.reporting import build_weekly_report
from tests.service.api_fixtures import ApiEnv, seed_findings, sqlite_env


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture()
def open_umask() -> Iterator[None]:
    old = os.umask(0)
    try:
        yield
    finally:
        os.umask(old)


@pytest.mark.slow
def test_m8_home_store_and_reports_private_under_umask_000(home: Path, open_umask: None) -> None:
    with open_context(home) as actx:
        seed_findings(actx, 5)
        build_weekly_report(actx, week=None, rebuild=False)
    with open_context(home):  # the next start tightens what the last one wrote
        pass
    assert _mode(home) == 0o700
    assert _mode(home / "auditor.db") == 0o600
    files = [p for p in (home / "reports").rglob("*") if p.is_file()]
    assert files and all(_mode(p) == 0o600 for p in files)
    assert all(_mode(p) == 0o700 for p in (home / "reports").rglob("*") if p.is_dir())
    if (home / "ledger.jsonl").exists():
        assert _mode(home / "ledger.jsonl") == 0o600


def test_l7_raw_segments_live_under_the_home_and_are_cleaned(home: Path) -> None:
    with open_context(home) as actx:
        mine = work_dir(actx.settings, "access")
        assert mine.parent == actx.settings.checkpoints_dir / WORK_DIR
        dead = mine.parent / "access-999999999-stale"  # a pid that cannot be running
        dead.mkdir()
        (dead / "seg-0.csv").write_text("raw record\n")
    with open_context(home):
        assert not dead.exists()
        assert mine.exists()  # this process is alive: its folder is kept


@pytest.fixture()
def env(home: Path, tmp_path: Path) -> Iterator[ApiEnv]:
    yield from sqlite_env(home, tmp_path)


@pytest.mark.slow
def test_m7_reports_do_not_depend_on_the_working_directory(
    env: ApiEnv, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed_findings(env.actx, 5)
    result = build_weekly_report(env.actx, week=None, rebuild=False)
    monkeypatch.chdir(tmp_path)
    with TestClient(env.app) as client:
        h = env.headers("privacy_officer")
        reports = client.get("/api/v1/reports", headers=h).json()
        assert reports and "report.json" in reports[0]["files"]
        got = client.get(f"/api/v1/reports/{result.report_id}/report.json", headers=h)
        assert got.status_code == 200
