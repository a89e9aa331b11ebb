"""H3: one oversize field or an unterminated quote costs one record, never the file or run."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from auditor.context import AppContext, open_context
from auditor.services.access_scan import AccessScanRequest, scan_access_logs
from auditor.synth.hospital import HospitalPaths
from tests.hostile.conftest import bounded, log_lines


def _plant(src: Path, dest: Path, at: int, change: str) -> Path:
    lines = log_lines(src)
    if change == "oversize":
        lines[at] = lines[at] + "x" * 3_000_000
    elif change == "huge":
        lines[at] = lines[at] + "x" * 9_000_000
    else:
        lines[at] = lines[at] + ',"unterminated'
    dest.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return dest


@pytest.fixture(scope="module")
def good_findings(hospital: HospitalPaths, tmp_path_factory: pytest.TempPathFactory) -> int:
    """Findings of the untouched log in a home of its own (the yardstick)."""
    with open_context(tmp_path_factory.mktemp("ref") / "home") as ref:
        result = scan_access_logs(
            ref, AccessScanRequest([hospital.csv_log], context_dir=hospital.context_dir)
        )
        return int(result.files[0]["findings"])


@pytest.mark.parametrize(
    "change", ["oversize", pytest.param("huge", marks=pytest.mark.slow), "unterminated"]
)
@pytest.mark.parametrize("segment_mb", [64.0, 0.05])
def test_bad_record_is_quarantined_and_the_rest_audited(
    actx: AppContext,
    hospital: HospitalPaths,
    tmp_path: Path,
    change: str,
    segment_mb: float,
    good_findings: int,
) -> None:
    actx.settings.access.segment_mb = segment_mb
    at = 40
    bad = _plant(hospital.csv_log, tmp_path / "bad.csv", at, change)
    with bounded():
        result = scan_access_logs(
            actx, AccessScanRequest([bad, hospital.csv_log], context_dir=hospital.context_dir)
        )
    hostile, good = result.files  # the hostile file first: its findings are all new
    assert result.records_read == result.records_processed + result.records_quarantined
    assert hostile["read"] == good["read"]  # every record of the hostile file was read
    assert hostile["processed"] == good["processed"] - 1  # all but the planted one audited
    assert hostile["quarantined"] == good["quarantined"] + 1
    assert hostile["findings"] >= good_findings - 1
    rows = [json.loads(r) for r in Path(result.quarantine_file).read_text().splitlines()]
    planted = [r for r in rows if r["file"] == str(bad) and r["line"] == at + 1]
    assert len(planted) == 1
    assert planted[0]["reason"].startswith(("record over", "malformed row"))
    assert len(planted[0]["record"]) <= 4096


@pytest.mark.slow
def test_h3_cli_scan_is_bounded_in_memory(
    hospital: HospitalPaths, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The probe's command in a child process: exit 0, and under 1 GB RSS."""
    bad = _plant(hospital.csv_log, tmp_path / "bad.csv", 40, "oversize")
    env = {**os.environ, "AUDITOR_HOME": str(tmp_path / "home")}
    cmd = [sys.executable, "-m", "auditor.cli.main", "scan", "access-logs", str(bad)]
    cmd += [str(hospital.csv_log), "--context", str(hospital.context_dir)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    with bounded(60):
        done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-500:]
    assert "quarantined" in done.stdout + done.stderr
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    assert max(peak_kb, before) < 1 << 20  # KB: under 1 GB
