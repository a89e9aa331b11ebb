"""``auditor report weekly|list|show`` and ``auditor verify`` through the real CLI entry point."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from auditor.cli.main import main
from auditor.context import open_context
from auditor.reports.periods import parse_week
from auditor.synth.report_history import PACK_DIR, seed_report_history


@pytest.fixture()
def seeded_home(home: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("AUDITOR_POLICIES_DIR", str(PACK_DIR))
    monkeypatch.setenv("AUDITOR_TIMEZONE", "America/New_York")
    monkeypatch.setenv("AUDITOR_REPORT__PDF", "false")  # the PDF path is covered once per session
    with open_context(home) as actx:
        seed_report_history(
            actx, parse_week("2026-W47", actx.settings.tz), findings=10, trend_findings=2
        )
    return home


def test_weekly_list_show_verify(seeded_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", "weekly", "--week", "2026-W46"]) == 0
    assert main(["report", "weekly", "--week", "2026-W47"]) == 0
    out = capsys.readouterr().out.split()
    folder = seeded_home / "reports" / "weekly-2026-W47"
    assert str(folder / "report.json") in out and str(folder / "report.dsse.json") in out

    assert main(["report", "list", "--output-format", "jsonl"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["id"] for r in rows] == ["weekly-2026-W46", "weekly-2026-W47"]
    assert rows[1]["findings"] == 10

    assert main(["report", "show", "weekly-2026-W47"]) == 0
    shown = capsys.readouterr().out
    assert "verification      verified" in shown and "ledger            #2" in shown

    assert main(["verify", str(folder)]) == 0
    assert capsys.readouterr().out == "verified\n"
    assert main(["verify", "weekly-2026-W46"]) == 0  # a report id works too
    assert main(["verify", "--all"]) == 0
    assert capsys.readouterr().out == "verified\nverified\n"


def test_verify_failure_is_exit_1_with_reason(
    seeded_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["report", "weekly", "--week", "2026-W47"]) == 0
    folder = seeded_home / "reports" / "weekly-2026-W47"
    html = folder / "report.html"
    html.write_bytes(html.read_bytes() + b" ")
    capsys.readouterr()
    assert main(["verify", str(folder)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    err = captured.err.replace("\n", "")  # rich may wrap the one line at the console width
    assert "report.html: digest mismatch: expected sha256:" in err
    assert "Traceback" not in err and err.startswith("error: ")
    assert main(["verify", "--all"]) == 1


def test_verify_a_report_from_another_site(
    seeded_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import shutil

    assert main(["report", "weekly", "--week", "2026-W47"]) == 0
    assert main(["keys", "export", "--public"]) == 0
    capsys.readouterr()
    pem = tmp_path / "site.pem"
    shutil.copy(next((seeded_home / "keys" / "public").glob("*.pem")), pem)
    copy = tmp_path / "received" / "weekly-2026-W47"
    shutil.copytree(seeded_home / "reports" / "weekly-2026-W47", copy)
    other = ["--home", str(tmp_path / "auditor-home")]
    assert main([*other, "verify", str(copy), "--no-chain"]) == 1  # unknown key without --key
    assert "unknown key" in capsys.readouterr().err.replace("\n", "")
    assert main([*other, "verify", str(copy), "--no-chain", "--key", str(pem)]) == 0
    assert main([*other, "verify", str(copy), "--key", str(pem)]) == 1  # not in this ledger
    assert "not in the ledger" in capsys.readouterr().err.replace("\n", "")


def test_rebuilt_week_gets_a_suffix(seeded_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", "weekly", "--week", "2026-W47"]) == 0
    assert main(["report", "weekly", "--week", "2026-W47"]) == 0
    assert (seeded_home / "reports" / "weekly-2026-W47-r2" / "report.dsse.json").is_file()
    assert main(["verify", "--all"]) == 0
    from auditor.services.reporting import build_weekly_report

    with open_context(seeded_home) as actx:  # the daemon's idempotent form
        again = build_weekly_report(actx, "2026-W47", rebuild=False)
    assert again.report_id == "weekly-2026-W47"
    assert [p.name for p in again.files] == ["VERIFY.txt", "report.html", "report.json"]
    assert not (seeded_home / "reports" / "weekly-2026-W47-r3").exists()


@pytest.mark.parametrize(
    ("argv", "code", "needle"),
    [
        (["report", "weekly", "--week", "2026-47"], 2, "week must look like 2026-W47"),
        (["report", "weekly", "--week", "2026-W60"], 2, "not an ISO week"),
        (["report", "show", "weekly-1999-W01"], 2, "not found"),
        (["verify"], 2, "give a report folder or id, or --all"),
        (["verify", "/nonexistent/folder"], 2, "no such report"),  # an input error (F16)
    ],
)
def test_cli_errors(
    seeded_home: Path,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    code: int,
    needle: str,
) -> None:
    assert main(argv) == code
    assert needle in capsys.readouterr().err


@pytest.mark.parametrize(
    "argv",
    [
        ["report", "--help"],
        ["report", "weekly", "--help"],
        ["verify", "--help"],
        ["keys", "list", "--help"],
    ],
)
def test_help(argv: list[str]) -> None:
    assert main(argv) == 0


def test_default_week_is_last_full_week(seeded_home: Path) -> None:
    from datetime import UTC, datetime

    from auditor.services.reporting import build_weekly_report

    with open_context(seeded_home) as actx:
        actx.clock = lambda: datetime(2026, 11, 30, 3, 0, tzinfo=UTC)  # Sunday night in NY
        assert build_weekly_report(actx).report_id == "weekly-2026-W47"


def test_report_row_comes_from_the_week(seeded_home: Path) -> None:
    from auditor.services.reporting import build_weekly_report
    from auditor.store.models import Report

    with open_context(seeded_home) as actx:
        result = build_weekly_report(actx, "2026-W47")
        week = parse_week("2026-W47", actx.settings.tz)
        with actx.sessions() as s:
            row = s.get(Report, result.report_id)
            assert row is not None and row.kind == "weekly"
            assert (row.period_start, row.period_end) == (week.start, week.end)
            assert row.summary["findings_total"] == 10


def test_failed_build_records_no_foreign_text_and_leaves_nothing(
    seeded_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sqlalchemy import select

    from auditor.errors import ScanError
    from auditor.services import reporting
    from auditor.signing import ledger
    from auditor.store.models import Report, ScanRun

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("patient Jane Q. Public, MRN 12345678")

    monkeypatch.setattr(reporting, "sign_artifacts", boom)
    with open_context(seeded_home) as actx:
        with pytest.raises(ScanError) as info:
            reporting.build_weekly_report(actx, "2026-W47")
        assert "Jane" not in str(info.value)
        assert not (actx.settings.reports_dir / "weekly-2026-W47").exists()
        with actx.sessions() as s:
            run = s.scalars(select(ScanRun).where(ScanRun.kind == "report")).one()
            assert run.status.value == "failed" and run.error == "RuntimeError"
            assert s.get(Report, "weekly-2026-W47") is None
            assert ledger.entries(s) == []
