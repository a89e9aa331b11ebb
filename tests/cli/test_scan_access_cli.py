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


def test_unreadable_log_files_are_named_and_exit_2_after_the_others_are_stored(
    home: Path, hospital: HospitalPaths, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """One bad file never hides the others, and is never hidden itself: a clean exit would
    read as a clean week for the files nobody could read."""
    import gzip
    import shutil

    logs = tmp_path / "logs"
    logs.mkdir()
    shutil.copy(hospital.csv_log, logs / "a-good.csv")
    (logs / "b-wrong-header.csv").write_text("not,a,log\n1,2,3\n", encoding="utf-8")
    whole = gzip.compress(hospital.csv_log.read_bytes())
    (logs / "c-truncated.csv.gz").write_bytes(whole[: len(whole) // 2])
    argv = ["scan", "access-logs", str(logs), "--format", "csv"]
    assert main([*argv, "--context", str(hospital.context_dir)]) == 2
    err = capsys.readouterr().err
    unread = [line.strip() for line in err.splitlines() if line.strip().startswith("not read:")]
    assert len(unread) == 2
    assert "b-wrong-header.csv:1 field 'timestamp'" in unread[0]
    assert "c-truncated.csv.gz" in unread[1]
    assert err.strip().splitlines()[-1] == (
        "error: 2 of 3 log files could not be read (listed above);"
        " the findings cover only the others"
    )
    with open_context(home) as actx:
        assert common.stored_findings(actx) > 0  # the good file was scanned and stored


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


def test_summary_counts_have_thousands_separators(
    home: Path, hospital: HospitalPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    """Counts read one way in the terminal and in the signed report: ``2,504``, not ``2504``."""
    import re

    argv = ["scan", "access-logs", str(hospital.csv_log), "--context", str(hospital.context_dir)]
    assert main(argv) == 0
    err = capsys.readouterr().err
    head = err.splitlines()[0]
    read = re.search(r"read (\S+),", head)
    assert read and int(read[1].replace(",", "")) >= 1000  # the fixture is big enough to tell
    assert re.search(r"read \d{1,3}(,\d{3})+, processed \d{1,3}(,\d{3})+,", head), head
    assert not re.search(r"\b\d{4,}\b", head.split("%")[1]), head  # no raw count after it
    assert re.search(r"distinct events \d{1,3}(,\d{3})+ ", err)


def test_ctrl_c_mid_scan_reports_what_the_store_kept_and_a_rerun_finishes(
    home: Path,
    hospital: HospitalPaths,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A real scan stopped after its third batch of findings: the message gives the number
    the store holds, after the progress bar has gone, and a second run completes the job."""
    import dataclasses
    import io
    import re

    from rich.console import Console

    import auditor.services.access_scan as service
    from auditor.cli.common import stored_findings

    real = service.scan_access_logs
    batches = 0

    def interrupted_mid_scan(actx: object, request: AccessScanRequest) -> object:
        inner = request.on_batch

        def on_batch(batch: object) -> None:
            nonlocal batches
            if inner is not None:
                inner(batch)  # type: ignore[arg-type]
            batches += 1
            if batches == 3:
                raise KeyboardInterrupt

        return real(actx, dataclasses.replace(request, on_batch=on_batch))  # type: ignore[arg-type]

    monkeypatch.setenv("AUDITOR_ACCESS__FINDING_BATCH", "5")
    monkeypatch.setattr(service, "scan_access_logs", interrupted_mid_scan)
    terminal = Console(file=io.StringIO(), force_terminal=True, width=100, highlight=False)
    monkeypatch.setattr(common, "err_console", terminal)  # the bar, as on a terminal
    monkeypatch.setattr(common, "show_progress", lambda: True)
    argv = ["scan", "access-logs", str(hospital.csv_log), "--context", str(hospital.context_dir)]
    assert main(argv) == 130
    shown = terminal.file.getvalue()  # type: ignore[attr-defined]
    assert "access logs" in shown  # the bar was drawn
    said = re.search(r"interrupted: (\d+) new findings stored; run again to finish", shown)
    assert said, shown
    assert "access logs" not in shown[said.end() :]  # and gone before the message, not redrawn
    with open_context(home) as actx:
        kept = stored_findings(actx)
    assert int(said[1]) == kept > 0

    monkeypatch.setattr(service, "scan_access_logs", real)
    assert main(argv) == 0
    capsys.readouterr()
    with open_context(home) as actx:
        after = stored_findings(actx)
    fresh = home.parent / "fresh-home"
    monkeypatch.setenv("AUDITOR_HOME", str(fresh))
    assert main(argv) == 0
    with open_context(fresh) as actx:
        assert stored_findings(actx) == after  # finished, nothing stored twice


def test_ctrl_c_inside_a_duckdb_query_is_still_an_interrupt(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """DuckDB turns a key press during a query into its own "Query interrupted" error, which
    the run reports as a failure (seen on a 300k-row scan in 2 MB segments: "run failed
    (RuntimeError)", exit 1). After a key press that is the interruption: exit 130."""
    import os
    import signal
    import time

    import typer

    from auditor.errors import ScanError

    def scan_in_duckdb() -> None:
        try:
            os.kill(os.getpid(), signal.SIGINT)  # the key press, during the "query"
            time.sleep(1)
        except KeyboardInterrupt:  # what DuckDB's client and recorded_run make of it
            query = RuntimeError("Query interrupted")
            raise ScanError("access-logs run failed (RuntimeError)") from query

    with open_context(home) as actx, pytest.raises(typer.Exit) as stopped:
        common.interruptible(scan_in_duckdb, actx)
    assert stopped.value.exit_code == 130
    assert "interrupted: 0 new findings stored" in capsys.readouterr().err

    def plain_failure() -> None:
        raise ScanError("access-logs run failed (RuntimeError)")

    with open_context(home) as actx, pytest.raises(ScanError):
        common.interruptible(plain_failure, actx)  # no key press: a failure stays a failure
