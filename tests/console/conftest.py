"""A console on a real server (uvicorn in a thread) over a scanned synthetic hospital."""

from __future__ import annotations

import csv
import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
import uvicorn

from auditor.api.app import create_app
from auditor.api.auth import Role, create_token
from auditor.config import load_settings
from auditor.context import AppContext, open_context
from auditor.services.access_scan import AccessScanRequest, scan_access_logs
from auditor.services.reporting import build_weekly_report
from auditor.synth.hospital import build_hospital

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")


@dataclass
class Console:
    url: str
    actx: AppContext
    tokens: dict[str, str]
    patient_names: dict[str, str]
    user_names: dict[str, str]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _names(path: Path, key: str) -> dict[str, str]:
    with path.open(newline="") as fh:
        return {r[key]: f"{r['first_name']} {r['last_name']}" for r in csv.DictReader(fh)}


@pytest.fixture(scope="module")
def console(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Console]:
    root = tmp_path_factory.mktemp("console")
    hospital = build_hospital(
        root / "hospital", week_start=date(2024, 3, 4), n_patients=200, events_per_patient=3
    )
    home = root / "home"
    home.mkdir()
    (home / "auditor.toml").write_text(
        f'context_dir = "{hospital.context_dir}"\n[report]\npdf = false\n'
        # The synthetic week is in 2024: keep the event index long enough to hold it.
        "[access]\nevent_index_days = 36500\n"
    )
    settings = load_settings(home, environ={})
    actx = open_context(settings=settings, actor="test")
    scan_access_logs(actx, AccessScanRequest([hospital.csv_log]))
    build_weekly_report(actx, "2024-W10")  # a signed report for the archive page
    tokens: dict[str, str] = {}
    with actx.transaction() as session:
        for role in Role:
            tokens[str(role)] = create_token(session, f"t-{role}", role, now=actx.clock())
    app = create_app(settings, actx=actx)
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "uvicorn did not start"
    try:
        yield Console(
            f"http://127.0.0.1:{port}",
            actx,
            tokens,
            _names(hospital.context_dir / "patients.csv", "patient_id"),
            _names(hospital.context_dir / "workforce.csv", "user_id"),
        )
    finally:
        server.should_exit = True
        thread.join(10)
        actx.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not (CHROMIUM and CHROMEDRIVER):
        reason = (
            "no chromium/chromedriver on PATH: scripts/system-deps.sh installs the Debian "
            "packages chromium and chromium-driver (needs root and apt-get)"
        )
        if os.environ.get("CI") and os.geteuid() == 0 and shutil.which("apt-get"):
            pytest.fail(reason + "; CI runs as root with apt, so the install should have worked")
        pytest.skip(reason)
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--window-size=1280,900",
        "--disable-gpu",
    ):
        options.add_argument(arg)
    driver = webdriver.Chrome(options=options, service=Service(CHROMEDRIVER))
    driver.implicitly_wait(2)
    try:
        yield driver
    finally:
        driver.quit()
