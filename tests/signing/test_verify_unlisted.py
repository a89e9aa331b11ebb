"""P6: `verify` names files beside a signed report that its statement does not list."""

from __future__ import annotations

import pytest

from auditor.cli.main import main
from auditor.context import AppContext
from auditor.signing.verification import unlisted_files
from tests.signing.conftest import sign_folder


def test_unlisted_files_warned_exit_0_and_strict_exit_1(
    actx: AppContext, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = sign_folder(actx, "weekly-2026-W47")
    assert unlisted_files(folder) == []
    assert main(["verify", str(folder), "--strict"]) == 0
    capsys.readouterr()
    (folder / "report-corrected.html").write_text("<p>changed</p>\n")
    (folder / "extra").mkdir()
    (folder / "extra" / "note\x1b[2J.txt").write_text("x\n")
    assert unlisted_files(folder) == ["extra/note\x1b[2J.txt", "report-corrected.html"]

    assert main(["verify", str(folder)]) == 0
    out, err = capsys.readouterr()
    assert out.strip() == "verified"
    warnings = [line for line in err.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 2
    assert any("report-corrected.html" in w and "not signed" in w for w in warnings)
    assert "\x1b" not in err and "note\\x1b[2J.txt" in err  # the name is shown escaped

    assert main(["verify", "--strict", str(folder)]) == 1
    out, err = capsys.readouterr()
    assert "verified" not in out
    assert "report-corrected.html" in err and "--strict" in err
