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
