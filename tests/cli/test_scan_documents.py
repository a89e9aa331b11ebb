"""``auditor scan documents``: JSONL shape, exit codes, summary, --show-values stays on screen."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from auditor.cli import scan_documents as cli_module
from auditor.cli.main import main

NAME = "Philippa Wendleton"
PHONE = "(508) 555-0177"
NOTE = f"Seen 03/14/2024. Patient {NAME}, call {PHONE}.\n"
PHI_KEYS = {"kind", "source", "entity_type", "start", "end", "score", "fingerprint"}


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "to_vendor"
    root.mkdir()
    (root / "note.txt").write_text(NOTE, encoding="utf-8")
    (root / "rows.csv").write_text(f"name,phone\n{NAME},{PHONE}\n", encoding="utf-8")
    (root / "blob.xyz").write_text("?", encoding="utf-8")
    return root


def test_jsonl_shape_summary_and_exit_0(
    home: Path, folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    summary_file = tmp_path / "summary.json"
    argv = ["scan", "documents", str(folder), "--output-format", "jsonl"]
    assert main([*argv, "--summary-json", str(summary_file)]) == 0
    out, err = capsys.readouterr()
    lines = [json.loads(line) for line in out.splitlines()]
    assert lines, err
    for obj in lines:
        structured = obj["source"].endswith(".csv")
        assert set(obj) == PHI_KEYS | ({"location"} if structured else set())
        assert obj["kind"] == "phi" and isinstance(obj["start"], int)
        assert len(obj["fingerprint"]) == 64
    note = [o for o in lines if o["source"].endswith("note.txt")]
    assert any(NOTE[o["start"] : o["end"]] == PHONE for o in note)
    assert {o["location"]["column"] for o in lines if "location" in o} >= {"phone"}
    assert NAME not in out and PHONE not in out and NAME not in err
    assert "scanned 2 of 3 files" in err and "unsupported file type .xyz" in err
    summary = json.loads(summary_file.read_text())
    assert summary["files_scanned"] == 2 and summary["findings"] == len(lines)


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["/definitely/missing"], "path not found"),
        (["--dictionary", "/missing.tsv"], "dictionary file not found"),
        (["--context", "/missing-dir"], "context folder not found"),
        (["--show-values"], "terminal only"),
        (["--show-values", "--output-format", "jsonl"], "table output only"),
        (["--summary-json", "/no/such/dir/s.json"], "--summary-json"),
        ([], None),
    ],
)
def test_usage_errors_exit_2_one_line(
    home: Path,
    folder: Path,
    capsys: pytest.CaptureFixture[str],
    extra: list[str],
    message: str | None,
) -> None:
    argv = ["scan", "documents", *([] if extra[:1] == ["/definitely/missing"] else [str(folder)])]
    if message is None:
        argv = ["scan", "documents"]  # no PATH at all
    assert main([*argv, *extra]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert message is None or message in err


def test_show_values_table_on_terminal_only(
    home: Path, folder: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli_module, "stdout_is_terminal", lambda: True)
    assert main(["scan", "documents", str(folder / "note.txt"), "--show-values"]) == 0
    out, err = capsys.readouterr()
    assert PHONE.replace(" ", "") in "".join(out.split()) and "PHONE_NUMBER" in out
    assert PHONE not in err
    db = home / "auditor.db"
    assert PHONE.encode() not in db.read_bytes()


def test_progress_bar_and_wrong_context(
    home: Path,
    folder: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from auditor.cli import common

    monkeypatch.setattr(common, "show_progress", lambda: True)
    assert main(["scan", "documents", str(folder)]) == 0
    not_context = tmp_path / "not-context"
    not_context.mkdir()
    capsys.readouterr()
    assert main(["scan", "documents", str(folder), "--context", str(not_context)]) == 2
    assert "not a context folder" in capsys.readouterr().err


def test_summary_lists_files_with_phi_most_first(
    home: Path, folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["scan", "documents", str(folder), "--output-format", "jsonl"]) == 0
    captured = capsys.readouterr()
    per_file = captured.err.split("files with PHI: ", 1)[1].splitlines()
    assert per_file[0] == "2"
    counts = [int(line.split()[0]) for line in per_file[1:3]]
    assert counts == sorted(counts, reverse=True) and sum(counts) == len(captured.out.splitlines())
    assert NAME not in captured.err


def test_ctrl_c_message_comes_after_the_bar_is_gone(
    home: Path, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C mid-scan: exit 130 and the "interrupted" line, not a bar redrawn over it."""
    import io
    import re

    from rich.console import Console

    import auditor.services.document_scan as service
    from auditor.cli import common

    def interrupted(*_: object, progress: Any = None, **__: object) -> None:
        if progress is not None:
            progress(1, 3)
        raise KeyboardInterrupt

    terminal = Console(file=io.StringIO(), force_terminal=True, width=100, highlight=False)
    monkeypatch.setattr(common, "err_console", terminal)
    monkeypatch.setattr(common, "show_progress", lambda: True)
    monkeypatch.setattr(service, "scan_documents", interrupted)
    assert main(["scan", "documents", str(folder)]) == 130
    shown = terminal.file.getvalue()  # type: ignore[attr-defined]
    said = re.search(r"interrupted: 0 new findings stored; run again to finish", shown)
    assert "documents" in shown and said, shown
    assert "documents" not in shown[said.end() :]
