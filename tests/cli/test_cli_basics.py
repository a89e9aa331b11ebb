from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from auditor.cli.main import main


def test_init_creates_home(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["init"]) == 0
    assert (home / "auditor.toml").read_text().startswith("# hipaa-auditor configuration")
    key = home / "keys" / "signing.key"
    assert stat.S_IMODE(os.stat(key).st_mode) == 0o600
    assert "key id" in capsys.readouterr().err


def test_keys_export_prints_pem(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["keys", "export", "--public"]) == 0
    assert capsys.readouterr().out.startswith("-----BEGIN PUBLIC KEY-----")


def test_bad_config_is_one_line_exit_2(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    home.mkdir(parents=True)
    (home / "auditor.toml").write_text('timezone = "Nowhere/Else"\n')
    assert main(["init"]) == 2
    err = capsys.readouterr().err
    assert "auditor.toml" in err and "timezone" in err
    assert "Traceback" not in err


def test_unknown_option_exit_2(home: Path) -> None:
    assert main(["init", "--bogus"]) == 2


@pytest.mark.parametrize("argv", [["--help"], ["init", "--help"], ["keys", "--help"]])
def test_help_everywhere(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 0
    assert "Usage" in capsys.readouterr().out


def test_home_that_is_a_file_exits_2_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    afile = tmp_path / "afile"
    afile.write_text("x")
    assert main(["--home", str(afile), "init"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "not a folder" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_home_that_cannot_be_created_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    afile = tmp_path / "afile"
    afile.write_text("x")
    assert main(["--home", str(afile / "home"), "init"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "cannot use this folder as the home" in err
    assert len(err.strip().splitlines()) == 1


def test_init_prints_next_steps(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["init"]) == 0
    err = capsys.readouterr().err
    assert "next:" in err and "context_dir" in err and "scan access-logs" in err


def test_verify_of_a_missing_path_is_an_input_error(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["verify", "nope"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: nope:") and len(err.strip().splitlines()) == 1


def test_bad_choice_errors_look_like_input_errors(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = tmp_path / "access.csv"
    log.write_text("event_id\n", encoding="utf-8")
    assert main(["scan", "access-logs", str(log), "--format", "xml"]) == 2
    fmt = capsys.readouterr().err.strip()
    assert main(["scan", "access-logs", str(log), "--output-format", "xml"]) == 2
    out_fmt = capsys.readouterr().err.strip()
    assert fmt.startswith("error: field '--format': unknown value 'xml' (expected one of ")
    assert (
        out_fmt
        == "error: field '--output-format': unknown value 'xml' (expected one of table, jsonl)"
    )
    assert main(["init", "--bogus"]) == 2
    bogus = capsys.readouterr().err.strip()
    assert bogus == "error: No such option: --bogus (see 'auditor init --help')"


def test_no_args_group_still_shows_its_help(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["findings"]) == 2
    captured = capsys.readouterr()
    assert "Usage" in captured.out + captured.err


@pytest.mark.parametrize("argv", [["status"], ["findings", "list"], ["scan", "access-logs"], []])
def test_help_shows_no_bool_metavar_and_exit_codes(
    argv: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    assert main([*argv, "--help"]) == 0
    out = capsys.readouterr().out
    assert "<bool>" not in out
    assert "Exit codes: 0 success" in out and "130 interrupted" in out


def test_ctrl_c_anywhere_exits_130(
    home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import auditor.cli.common as common

    def interrupted(*_: object, **__: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(common, "app_context", interrupted)
    monkeypatch.setattr("auditor.cli.init.app_context", interrupted)
    assert main(["init"]) == 130
    assert "interrupted (exit 130)" in capsys.readouterr().err


def test_apscheduler_skipped_run_warning_is_info() -> None:
    import logging

    from auditor.cli.daemon import SkippedRunIsInfo

    record = logging.LogRecord(
        "apscheduler.scheduler",
        logging.WARNING,
        __file__,
        1,
        'Execution of job "%s" skipped: maximum number of running instances reached (%d)',
        ("queue-worker", 1),
        None,
    )
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    assert SkippedRunIsInfo().filter(record) is False
    assert record.levelname == "INFO"


def test_serve_says_config_is_read_at_start(
    home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from auditor.cli import serve

    monkeypatch.setattr(serve._Server, "run", lambda self: None)
    assert main(["serve", "--port", "0"]) == 0
    err = capsys.readouterr().err
    assert "config read at start-up" in err and "restart `auditor serve`" in err


def test_status_daemon_line_first_and_80_columns(
    home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    assert main(["status"]) == 0
    captured = capsys.readouterr()
    assert captured.err.startswith("daemon: ")
    assert all(len(line) <= 80 for line in captured.out.splitlines())
    assert "…" not in captured.out  # no truncated column headers


def test_init_sets_timezone_site_name_and_context(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """F10: no hand edit of auditor.toml for the three things every site sets first."""
    from auditor.config import load_settings

    context = tmp_path / "context"
    context.mkdir()
    (context / "workforce.csv").write_text("user_id,role\n", encoding="utf-8")
    argv = ["init", "--timezone", "America/Chicago", "--site-name", 'Mercy "General"']
    assert main([*argv, "--context", str(context)]) == 0
    text = (home / "auditor.toml").read_text(encoding="utf-8")
    assert "# Site timezone: shifts" in text  # the commented template is kept
    settings = load_settings(home, environ={})
    assert settings.timezone == "America/Chicago"
    assert settings.report.site_name == 'Mercy "General"'
    assert settings.context_dir == str(context.resolve())
    err = capsys.readouterr().err
    assert "set       timezone = America/Chicago" in err and "--context CONTEXT" not in err
    assert main(["init"]) == 0  # run again: the values stay
    assert load_settings(home, environ={}).timezone == "America/Chicago"


@pytest.mark.parametrize(
    ("option", "value", "expected"),
    [
        ("--timezone", "America/NewYork", "unknown timezone 'America/NewYork'"),
        ("--site-name", "  ", "the site name is empty"),
        ("--context", "/", "not a context folder"),
    ],
)
def test_init_refuses_a_bad_value_before_writing(
    home: Path, option: str, value: str, expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["init"]) == 0
    before = (home / "auditor.toml").read_bytes()
    capsys.readouterr()
    assert main(["init", option, value]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and expected in err
    assert (home / "auditor.toml").read_bytes() == before


def test_arguments_are_named_one_way_in_every_usage_line() -> None:
    """F34: ``{PATH}...``, ``[PATH]``, ``{FINDING_ID}``: upper case, never ``{inputs}``."""
    import re

    cli_md = (Path(__file__).resolve().parents[2] / "docs" / "cli.md").read_text()
    usages = re.findall(r"Usage: auditor [a-z -]+\[OPTIONS\](.*)", cli_md)
    names = [n for u in usages for n in re.findall(r"[{\[]([^}\]]+)[}\]]", u)]
    assert "PATH" in names and "FINDING_ID" in names
    assert all(n == n.upper() and not n.endswith(".") for n in names), names
