"""Policy packs are validated in stages; every problem names file, rule id and field."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from auditor.cli.main import app
from auditor.config import default_policies_dir
from auditor.errors import PolicyError
from auditor.policy.loader import load_pack, validate_pack

BROKEN = Path(__file__).parent / "broken_packs"

# case -> (file name, rule id, field, message fragment)
CASES = {
    "unknown_key": ("rules.yaml", "ACC-T-001", "colour", "unknown key"),
    "bad_sql": ("rules.yaml", "ACC-T-001", "when", "bad SQL"),
    "unknown_column": ("rules.yaml", "ACC-T-001", "when", "unknown column patient.shoe_size"),
    "subquery": ("rules.yaml", "ACC-T-001", "when", "subqueries are not allowed"),
    "read_csv": ("rules.yaml", "ACC-T-001", "when", "not allowed"),
    "file_function": ("rules.yaml", "ACC-T-001", "when", "function getenv() is not allowed"),
    "two_statements": ("rules.yaml", "ACC-T-001", "when", "only one expression"),
    "duplicate_id": ("b.yaml", "ACC-T-001", "id", "duplicate id"),
    "empty_pack": ("", "", "", "no rules"),
    "bad_category": ("rules.yaml", "ACC-T-001", "category", "unknown category"),
    "bad_severity": ("rules.yaml", "ACC-T-001", "severity", "low, medium, high or critical"),
    "phi_placeholder": ("rules.yaml", "ACC-T-001", "explain", "unknown placeholder"),
    "bad_window": ("rules.yaml", "ACC-T-001", "window.per", "must be one of"),
    "missing_field": ("rules.yaml", "ACC-T-001", "title", "required"),
    "bad_id": ("rules.yaml", "vip rule", "id", "must look like"),
    "unknown_citation": ("rules.yaml", "ACC-T-001", "cites", "citation not in"),
    "invalid_yaml": ("rules.yaml", "", "", "invalid YAML"),
    "not_a_list": ("rules.yaml", "", "", "list of rules"),
}


def test_every_fixture_has_a_case() -> None:
    assert sorted(p.name for p in BROKEN.iterdir() if p.is_dir()) == sorted(CASES)


@pytest.mark.parametrize("case", sorted(CASES))
def test_broken_pack_problems(case: str) -> None:
    file_name, rule_id, field, fragment = CASES[case]
    pack, problems = validate_pack(BROKEN / case)
    assert pack is None and problems
    match = [
        p
        for p in problems
        if (not file_name or Path(p.file).name == file_name)
        and p.rule_id == rule_id
        and p.field == field
        and fragment in p.message
    ]
    assert match, [str(p) for p in problems]
    with pytest.raises(PolicyError):
        load_pack(BROKEN / case)


def test_bad_window_reports_every_field() -> None:
    _, problems = validate_pack(BROKEN / "bad_window")
    assert {p.field for p in problems} == {"window.per", "window.over"}


def test_missing_folder() -> None:
    pack, problems = validate_pack(BROKEN / "does-not-exist")
    assert pack is None and "not found" in problems[0].message


def test_default_pack_is_valid() -> None:
    pack, problems = validate_pack(default_policies_dir())
    assert problems == [] and pack is not None


def test_cli_validate_exit_codes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AUDITOR_HOME", str(tmp_path / "home"))
    runner = CliRunner()
    ok = runner.invoke(app, ["policies", "validate", str(default_policies_dir())])
    assert ok.exit_code == 0 and ok.stdout.startswith("OK: ")
    assert len(ok.stdout.strip().splitlines()) == 1
    bad = runner.invoke(app, ["policies", "validate", str(BROKEN / "unknown_key")])
    assert bad.exit_code == 2
    assert "rules.yaml rule ACC-T-001 field 'colour': unknown key" in bad.output
    empty = runner.invoke(app, ["policies", "validate", str(BROKEN / "empty_pack")])
    assert empty.exit_code == 2 and "no rules" in empty.output
