"""P1: values from input files never reach the terminal as control characters."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from auditor.cli.common import one_line_rows
from auditor.cli.main import main
from auditor.cli.safe_text import visible
from auditor.context import AppContext
from auditor.findings import AccessFinding
from auditor.store import repo

TITLE = "\x1b]0;pwned\x07"  # retitles the terminal
CLEAR = "\x1b[2J"  # clears the screen
RLO = "\u202e"  # right-to-left override
RAW = ("\x1b", "\x07", "\x9b", "\u202e", "\u2066", "\x00")


def _seed(actx: AppContext) -> None:
    finding = AccessFinding(
        rule_id="ACC-TERMINATED-001",
        category="terminated_user",
        severity="critical",
        event_id="E1",
        user_id=f"u{TITLE}",
        patient_id=f"p{CLEAR}",
        timestamp=datetime(2026, 3, 2, 9, tzinfo=UTC),
        explanation=f"why {RLO}gnp.exe\x9b1m\u2066",
    )
    with actx.transaction() as s:
        run = repo.create_run(s, "access-logs", "synthetic")
        repo.upsert_findings(s, [finding], run.id)


def _clean(text: str) -> None:
    assert not any(ch in text for ch in RAW), repr(text)


@pytest.mark.parametrize("char", [*(chr(c) for c in range(0x20)), "\x7f", "\x85", "\x9f"])
def test_visible_escapes_c0_del_c1(char: str) -> None:
    shown = visible(f"a{char}b")
    assert shown == f"a\\x{ord(char):02x}b"


@pytest.mark.parametrize("char", [chr(c) for c in [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]])
def test_visible_escapes_bidi_controls(char: str) -> None:
    assert visible(char) == f"\\u{ord(char):04x}"


def test_visible_keeps_ordinary_text() -> None:
    assert visible("Müller-Łódź 李 O'Brien #12") == "Müller-Łódź 李 O'Brien #12"


def test_table_columns_align_on_the_escaped_text() -> None:
    lines = one_line_rows(("user", "why"), [(f"u{CLEAR}", "x"), ("v", "y")], 200)
    _clean("".join(lines))
    assert lines[1].rindex("x") == lines[2].rindex("y")


def test_findings_list_and_show_escape_stored_values(
    actx: AppContext, capsys: pytest.CaptureFixture[str]
) -> None:
    _seed(actx)
    assert main(["findings", "list"]) == 0
    out, err = capsys.readouterr()
    _clean(out + err)
    assert "u\\x1b]0;pwned\\x07" in out and "p\\x1b[2J" in out and "\\u202e" in out
    fid = out.splitlines()[1].split()[0]
    assert main(["findings", "show", fid]) == 0
    out, err = capsys.readouterr()
    _clean(out + err)
    assert "u\\x1b]0;pwned\\x07" in out


def test_error_line_escapes_a_file_name(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / f"log{CLEAR}{RLO}.csv"
    assert main(["scan", "access-logs", str(missing)]) == 2
    err = capsys.readouterr().err
    _clean(err)
    assert "log\\x1b[2J\\u202e.csv" in err
