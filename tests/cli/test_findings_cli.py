"""``auditor findings``: filters are validated, comma lists and --min-severity, ``show``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from auditor.cli.main import main
from auditor.context import open_context
from tests.service.api_fixtures import seed_findings


@pytest.fixture()
def seeded(home: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    with open_context(home) as actx:
        seed_findings(actx, n=12)
    capsys.readouterr()
    return home


def _jsonl(capsys: pytest.CaptureFixture[str]) -> list[dict[str, object]]:
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


@pytest.mark.parametrize(
    ("flag", "value", "listed"),
    [
        ("--severity", "urgent", "low, medium, high, critical"),
        ("--min-severity", "urgent", "low, medium, high, critical"),
        ("--category", "vip", "vip_access"),
        ("--status", "closed", "open, confirmed, dismissed, escalated"),
        ("--kind", "audit", "access, phi"),
    ],
)
def test_unknown_filter_values_exit_2_listing_the_valid_ones(
    seeded: Path, flag: str, value: str, listed: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["findings", "list", flag, value]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and err.startswith("error: ")
    assert flag in err and listed in err


def test_comma_lists_case_and_min_severity(
    seeded: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["findings", "list", "--output-format", "jsonl", "--limit", "100"]) == 0
    everything = _jsonl(capsys)
    severities = {str(r["severity"]) for r in everything}
    assert len(severities) >= 2
    assert (
        main(["findings", "list", "--severity", "High,CRITICAL", "--output-format", "jsonl"]) == 0
    )
    picked = _jsonl(capsys)
    assert picked and {r["severity"] for r in picked} <= {"high", "critical"}
    assert len(picked) == sum(1 for r in everything if r["severity"] in ("high", "critical"))
    assert main(["findings", "list", "--min-severity", "high", "--output-format", "jsonl"]) == 0
    assert {r["id"] for r in _jsonl(capsys)} == {r["id"] for r in picked}
    cats = sorted({str(r["category"]) for r in everything})[:2]
    assert main(["findings", "list", "--category", ",".join(cats), "--output-format", "jsonl"]) == 0
    assert {r["category"] for r in _jsonl(capsys)} == set(cats)


def test_table_has_category_and_why_one_line_each(
    seeded: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["findings", "list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == [
        "id",
        "severity",
        "category",
        "status",
        "user",
        "patient",
        "when",
        "(UTC)",
        "why",
    ]
    assert len(lines) == 13 and all("synthetic finding" in line for line in lines[1:])


def test_show_prints_the_finding_its_why_and_history(
    seeded: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["findings", "list", "--limit", "1", "--output-format", "jsonl"]) == 0
    fid = str(_jsonl(capsys)[0]["id"])
    update = ["findings", "update", fid, "--status", "confirmed", "--note", "reviewed"]
    assert main([*update, "--reviewer", "po1"]) == 0
    capsys.readouterr()
    assert main(["findings", "show", fid]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"finding {fid}\n")
    assert "synthetic finding" in out and "confirmed" in out
    assert "history (1 change(s))" in out and "open -> confirmed by po1: reviewed" in out
    assert main(["findings", "show", fid, "--output-format", "jsonl"]) == 0
    item = json.loads(capsys.readouterr().out)
    assert item["history"][0]["note"] == "reviewed"
    assert main(["findings", "show", "99999"]) == 2
