"""M4, L4: YAML bombs, wrongly typed fields and size-multiplying rules are refused by name."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from auditor.errors import InputError
from auditor.policy.loader import validate_pack
from auditor.policy.smoke import run_pack
from auditor.policy.sqlcheck import RuleSqlError, compile_when
from auditor.scanners.access_logs.mapping import load_mapping
from tests.hostile.conftest import bounded

PACK = Path(__file__).resolve().parents[2] / "policies"
RULE = """- id: ACC-PROBE-001
  category: vip_access
  severity: low
  title: probe
  cites: ["45 CFR 164.502(b)"]
  explain: "{user_id} probe {patient_id}"
"""


def _pack(tmp_path: Path, extra: str) -> list[str]:
    pack = tmp_path / "pack"
    shutil.copytree(PACK, pack)
    (pack / "probe.yaml").write_text(extra)
    with bounded(5):
        got, problems = validate_pack(pack)
    assert got is None
    return [f"{p.rule_id}.{p.field}: {p.message}" for p in problems]


def test_alias_bomb_is_refused_before_expansion(tmp_path: Path) -> None:
    lines = ["- &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"- &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 9)]
    problems = _pack(tmp_path, "\n".join(lines) + "\n")
    assert any("anchors and aliases are not allowed" in p for p in problems)


@pytest.mark.parametrize(
    ("field", "value"),
    [("when", "[1, 2]"), ("explain", "{a: b}"), ("title", "[x]"), ("severity", "[low]")],
)
def test_fields_must_be_strings(tmp_path: Path, field: str, value: str) -> None:
    text = RULE + '  when: "event.user_id IS NOT NULL"\n'
    lines = [ln for ln in text.splitlines() if not ln.strip().startswith(f"{field}:")]
    problems = _pack(tmp_path, "\n".join(lines) + f"\n  {field}: {value}\n")
    assert any(p.startswith(f"ACC-PROBE-001.{field}: must be a string") for p in problems)


def test_nested_replace_is_refused() -> None:
    expr = "event.user_id"
    for _ in range(8):
        expr = f"replace({expr}, 'U', 'UUUUUUUUUU')"
    with pytest.raises(RuleSqlError, match="nested replacements"):
        compile_when(f"length({expr}) > 0")


@pytest.mark.parametrize(
    ("when", "why"),
    [
        (
            "length(regexp_replace(event.reason, '', '" + "x" * 1000 + "', 'g')) > 0",
            "longer than 1",
        ),
        ("length(regexp_replace(event.reason, 'a', '" + "x" * 100 + "')) > 0", "longer than 64"),
        ("length(replace(event.reason, 'a', 'xx')) > 0", "may not lengthen"),
        ("length(replace(event.reason, '', 'x')) > 0", "may not lengthen"),
        ("length(regexp_replace(event.reason, 'a', event.reason, 'g')) > 0", "string literals"),
        ("length(replace(event.reason, event.user_id, 'x')) > 0", "string literals"),
    ],
)
def test_growing_replacements_are_refused(when: str, why: str) -> None:
    """M4: one replace that multiplies every character is a memory bomb DuckDB's limit
    does not see (it does not count strings a scalar function builds)."""
    with pytest.raises(RuleSqlError, match=why):
        compile_when(when)


@pytest.mark.parametrize(
    "when",
    [
        "regexp_replace(event.reason, '[^0-9]', '', 'g') = '1'",
        "regexp_replace(event.reason, '\\s+', ' ', 'g') = 'a b'",
        "replace(user.address, 'street', 'st') = '1 main st'",
        "regexp_replace(user.address, '^([0-9]+) ', '', '') = 'elm st'",
    ],
)
def test_shrinking_replacements_are_allowed(when: str) -> None:
    assert compile_when(when).sql


def test_huge_expression_is_refused() -> None:
    with bounded(5), pytest.raises(RuleSqlError, match="too large"):
        compile_when(" OR ".join(["event.user_id = 'a'"] * 10_000))


@pytest.mark.parametrize(
    ("line", "field"),
    [("delimiter: 12", "delimiter"), ("timestamp_format: 5", "timestamp_format")],
)
def test_mapping_values_name_the_field(tmp_path: Path, line: str, field: str) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(
        "columns: {timestamp: ts, user_id: u, patient_id: p}\n" + line + "\n", encoding="utf-8"
    )
    with pytest.raises(InputError) as err:
        load_mapping(path)
    assert err.value.field == field


def test_mapping_alias_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text("columns: &c {timestamp: ts, user_id: u, patient_id: p}\nx: *c\n")
    with pytest.raises(InputError, match="not valid YAML"):
        load_mapping(path)


@pytest.mark.parametrize(
    "when",
    [
        "CAST(event.user_id AS nosuchtype) IS NULL",
        "regexp_matches(event.user_id, '(')",
        "date_part('fortnight', event.timestamp) = 1",
        "CAST(event.user_id AS INTEGER) > 0",
    ],
)
def test_l1_validate_runs_every_rule(tmp_path: Path, when: str) -> None:
    pack = tmp_path / "pack"
    shutil.copytree(PACK, pack)
    (pack / "probe.yaml").write_text(RULE + f"  when: {json.dumps(when)}\n")
    with bounded(10):
        got, problems = run_pack(pack)
    assert got is None and len(problems) == 1
    assert problems[0].rule_id == "ACC-PROBE-001" and problems[0].field == "when"
    assert problems[0].message.startswith("fails on")
    assert run_pack(PACK)[1] == []  # the shipped pack runs clean


@pytest.mark.parametrize(
    "args",
    [
        ["tokens", "create", "--role", "security", "--name", "x", "--expires", "999999999"],
        ["findings", "update", "99999999999999999999", "--status", "open"],
    ],
)
def test_l4_out_of_range_numbers_are_clean_errors(home: Path, args: list[str]) -> None:
    from typer.testing import CliRunner

    from auditor.cli.main import app

    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2
    assert "Traceback" not in result.output and "less than or equal" in result.output
