"""P8, P9: context CSVs with mixed line endings are read; unreadable ones and repeated ids
are said plainly (file, line, reason), never as an exception class or with the row's values."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest

from auditor.errors import InputError
from auditor.policy.context import prepare_context
from auditor.policy.engine import EngineConfig, connect
from auditor.synth.hospital import HospitalPaths

HEADER = "user_id,first_name,last_name,role,department,status,termination_date\n"


class Sink:
    def __init__(self) -> None:
        self.rows: list[tuple[str, int, str]] = []

    def add(self, file: str, line: int, reason: str, raw: str = "", field: str = "") -> None:
        self.rows.append((Path(file).name, line, reason))


def _prepare(work: Path, ctx: Path, sink: Sink) -> dict[str, int]:
    con = connect(
        EngineConfig(temp_dir=work / "spill"),
        allowed_dirs=[work],
        allowed_paths=list(ctx.iterdir()),
    )
    try:
        return prepare_context(con, ctx, "UTC", sink).rows
    finally:
        con.close()


def test_p8_mixed_crlf_and_lf_lines_are_all_read(tmp_path: Path) -> None:
    ctx = tmp_path / "ctx"
    ctx.mkdir()
    rows = [f"U{i:03d},Ann,Lee,nurse,ED,active,\r\n" for i in range(50)]
    text = (
        HEADER.replace("\n", "\r\n") + "".join(rows) + "U999,Bo,Ng,nurse,ED,terminated,2026-01-02\n"
    )
    (ctx / "workforce.csv").write_bytes(text.encode())
    work = tmp_path / "work"
    work.mkdir()
    sink = Sink()
    assert _prepare(work, ctx, sink)["workforce.csv"] == 51
    assert sink.rows == []
    assert not list((work / "spill").glob("context-*"))  # the mended copy is removed


def test_p8_mixed_endings_keep_line_numbers_for_quarantine(tmp_path: Path) -> None:
    ctx = tmp_path / "ctx"
    ctx.mkdir()
    body = HEADER + "U1,A,B,nurse,ED,active,\r\nU2,A,B,nurse,ED,active,not-a-date\n"
    (ctx / "workforce.csv").write_bytes(body.encode())
    work = tmp_path / "work"
    work.mkdir()
    sink = Sink()
    assert _prepare(work, ctx, sink)["workforce.csv"] == 1
    assert [(f, line) for f, line, _ in sink.rows] == [("workforce.csv", 3)]


@pytest.mark.parametrize(
    "body",
    [
        b"\x00\x01\x02\xff\xfe" * 40,
        b'user_id,role\n"U1,nurse\nU2,"x"y"z,\n',
    ],
)
def test_p8_unreadable_context_csv_says_file_and_a_plain_reason(
    tmp_path: Path, body: bytes
) -> None:
    ctx = tmp_path / "ctx"
    ctx.mkdir()
    (ctx / "workforce.csv").write_bytes(body)
    work = tmp_path / "work"
    work.mkdir()
    with pytest.raises(InputError) as info:
        _prepare(work, ctx, Sink())
    text = str(info.value)
    assert "workforce.csv" in text
    reason = text.rsplit(": ", 1)[1]
    assert not reason.endswith(("Exception", "Error")) and " " in reason
    assert "U1" not in text and "nurse" not in text


def test_p9_repeated_ids_are_a_warning_with_lines_and_the_rule(
    tmp_path: Path, hospital: HospitalPaths, caplog: pytest.LogCaptureFixture
) -> None:
    ctx = tmp_path / "ctx"
    shutil.copytree(hospital.context_dir, ctx)
    wf = ctx / "workforce.csv"
    lines = wf.read_text().splitlines()
    header = lines[0].split(",")
    first = lines[3].split(",")
    user = first[0]
    status = header.index("status")
    again = list(first)
    again[status] = "terminated" if first[status] != "terminated" else "active"
    wf.write_text("\n".join([*lines, ",".join(again)]) + "\n")
    pt = ctx / "patients.csv"
    plines = pt.read_text().splitlines()
    pt.write_text("\n".join([*plines, plines[1]]) + "\n")
    work = tmp_path / "work"
    work.mkdir()
    sink = Sink()
    with caplog.at_level(logging.WARNING, logger="auditor.policy.context"):
        _prepare(work, ctx, sink)
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    wf_warn = next(w for w in warnings if w.startswith("workforce.csv:"))
    assert f"lines 4, {len(lines) + 1}" in wf_warn and "first row is used" in wf_warn
    pt_warn = next(w for w in warnings if w.startswith("patients.csv:"))
    assert f"lines 2, {len(plines) + 1}" in pt_warn
    assert user not in wf_warn and plines[1].split(",")[0] not in pt_warn
    assert ("workforce.csv", len(lines) + 1, "duplicate user_id") in sink.rows
