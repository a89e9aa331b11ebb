"""``policies validate`` runs every rule as a scan would, on an empty view and one full row."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from auditor.config import default_policies_dir
from auditor.policy.smoke import run_pack

RULE = """- id: ACC-PROBE-001
  category: vip_access
  severity: low
  title: probe
  cites: ["45 CFR 164.502(b)"]
  explain: "{user_id} probe {patient_id}"
"""
WINDOW = """  window: {per: user, count_distinct: patient_id, over: 60m, threshold: 5}
"""


def _validate(tmp_path: Path, text: str) -> list[tuple[str, str, str]]:
    pack = tmp_path / "pack"
    shutil.copytree(
        default_policies_dir(), pack, ignore=shutil.ignore_patterns("__*"), dirs_exist_ok=True
    )
    (pack / "probe.yaml").write_text(text, encoding="utf-8")
    got, problems = run_pack(pack)
    assert (got is None) == bool(problems)
    return [(p.rule_id, p.field, p.message) for p in problems]


@pytest.mark.parametrize(
    "when",
    [
        # Context columns hold values in the synthetic row, so data-dependent casts fail.
        "CAST(user.role AS INTEGER) > 0",
        "CAST(patient.last_name AS DATE) > local_date",
        "CAST(user.shift_start AS INTEGER) > 3",
    ],
)
def test_rules_failing_on_a_full_row_are_refused(tmp_path: Path, when: str) -> None:
    problems = _validate(tmp_path, RULE + f"  when: {json.dumps(when)}\n")
    assert len(problems) == 1
    rule_id, field, message = problems[0]
    assert (rule_id, field) == ("ACC-PROBE-001", "when")
    assert message.startswith("fails on one synthetic event: ")


def test_a_non_boolean_rule_is_refused(tmp_path: Path) -> None:
    problems = _validate(tmp_path, RULE + '  when: "event.user_id"\n')
    assert [p[:2] for p in problems] == [("ACC-PROBE-001", "when")]
    assert problems[0][2].startswith("fails on an empty view: ")


def test_a_window_rule_runs_its_window_query(tmp_path: Path) -> None:
    bad = RULE + WINDOW + '  when: "CAST(event.workstation AS INTEGER) > 0"\n'
    problems = _validate(tmp_path, bad)
    assert [(p[0], p[1]) for p in problems] == [("ACC-PROBE-001", "when")]
    good = RULE + WINDOW + "  when: \"event.action = 'view'\"\n"
    assert _validate(tmp_path, good) == []


@pytest.mark.parametrize(
    "when",
    [
        "TRY_CAST(event.attributes['age'] AS INTEGER) > 90",
        "CAST(event.attributes['age'] AS INTEGER) > 90",  # a site's numeric column: NULL here
        "user.role = 'nurse' AND patient.vip AND NOT explained",
        "regexp_matches(patient.last_name, '^l')",
    ],
)
def test_sound_rules_pass(tmp_path: Path, when: str) -> None:
    assert _validate(tmp_path, RULE + f"  when: {json.dumps(when)}\n") == []


def test_every_problem_is_reported_by_id(tmp_path: Path) -> None:
    two = RULE + '  when: "CAST(user.role AS INTEGER) > 0"\n'
    two += (
        RULE.replace("ACC-PROBE-001", "ACC-PROBE-002")
        + "  when: \"date_part('x', event.timestamp) = 1\"\n"
    )
    problems = _validate(tmp_path, two)
    assert sorted(p[0] for p in problems) == ["ACC-PROBE-001", "ACC-PROBE-002"]
    assert any(p[2].startswith("fails on an empty view") for p in problems)
