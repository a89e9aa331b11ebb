"""``auditor scan access-logs`` as a newcomer meets it: wrong inputs exit 2, Ctrl-C, the table."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from auditor.cli import common
from auditor.cli.main import main
from auditor.context import open_context
from auditor.services.access_scan import AccessScanRequest, scan_access_logs
from auditor.synth.hospital import HospitalPaths, build_hospital

WEEK = date(2024, 3, 4)


@pytest.fixture(scope="module")
def hospital(tmp_path_factory: pytest.TempPathFactory) -> HospitalPaths:
    return build_hospital(tmp_path_factory.mktemp("hospital"), week_start=WEEK)


def _one_error_line(err: str) -> str:
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: "), err
    return lines[0]


def test_context_folder_without_known_files_exits_2(
    home: Path, hospital: HospitalPaths, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    wrong = tmp_path / "exports"
    wrong.mkdir()
    (wrong / "note.txt").write_text("not context\n", encoding="utf-8")
    assert main(["scan", "access-logs", str(hospital.csv_log), "--context", str(wrong)]) == 2
    line = _one_error_line(capsys.readouterr().err)
    assert "not a context folder" in line and "workforce.csv" in line


def test_configured_context_dir_is_checked_too(
    home: Path, hospital: HospitalPaths, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    wrong = tmp_path / "empty"
    wrong.mkdir()
    monkeypatch.setenv("AUDITOR_CONTEXT_DIR", str(wrong))
    assert main(["scan", "access-logs", str(hospital.csv_log)]) == 2


def test_format_that_parses_nothing_exits_2(
    home: Path, hospital: HospitalPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["scan", "access-logs", str(hospital.csv_log), "--format", "fhir"]
    argv += ["--context", str(hospital.context_dir)]
    assert main(argv) == 2
    err = capsys.readouterr().err
    last = err.strip().splitlines()[-1]
    assert last.startswith("error: nothing parsed") and "--format auto" in last


def test_table_is_one_line_per_finding_most_severe_first(
    home: Path, hospital: HospitalPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["scan", "access-logs", str(hospital.csv_log), "--context", str(hospital.context_dir)]
    assert main(argv) == 0
    out = capsys.readouterr().out
    rank = common_rank()
    lines = out.splitlines()
    assert lines[0].startswith("Access findings (") and lines[1].startswith("severity")
    rows = [line for line in lines[2:] if not line.startswith("...")]
    severities = [row.split()[0] for row in rows]
    assert severities and all(s in rank for s in severities)
    assert [rank[s] for s in severities] == sorted(rank[s] for s in severities)
    assert all(len(row.split("  ")) >= 6 for row in rows)  # every cell on the finding's line


def common_rank() -> dict[str, int]:
    from auditor.cli.scan_access import SEVERITY_RANK

    return SEVERITY_RANK


def test_ctrl_c_says_what_was_stored_and_exits_130(
    home: Path,
    hospital: HospitalPaths,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    import auditor.services.access_scan as service

    def interrupted(*_: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(service, "scan_access_logs", interrupted)
    argv = ["scan", "access-logs", str(hospital.csv_log), "--context", str(hospital.context_dir)]
    assert main(argv) == 130
    err = capsys.readouterr().err
    assert "interrupted: 0 new findings stored; run again to finish" in err


def test_progress_reports_bytes_and_events(home: Path, hospital: HospitalPaths) -> None:
    seen: list[tuple[str, int, int]] = []
    with open_context(home) as actx:
        request = AccessScanRequest(
            [hospital.csv_log],
            context_dir=hospital.context_dir,
            on_progress=lambda label, offset, records: seen.append((label, offset, records)),
        )
        result = scan_access_logs(actx, request)
    assert seen and seen[-1][1] == hospital.csv_log.stat().st_size
    assert seen[-1][2] == result.records_read


def test_progress_bar_runs_when_watched(
    home: Path, hospital: HospitalPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(common, "show_progress", lambda: True)
    argv = ["scan", "access-logs", str(hospital.csv_log), "--context", str(hospital.context_dir)]
    assert main(argv) == 0
