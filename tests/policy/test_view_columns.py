"""Every column a rule may name exists in the DuckDB view and evaluates."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from auditor.policy import columns
from auditor.policy.view import VIEW_COLUMNS
from tests.policy.conftest import Scan, World


def test_catalogue_matches_the_view() -> None:
    assert columns.all_flat_names() <= set(VIEW_COLUMNS)


def test_a_rule_naming_every_column_runs(
    world: World, run_scan: Callable[..., Scan], tmp_path: Path
) -> None:
    names = columns.display_names()
    when = " AND ".join(f"({n} IS NULL OR {n} IS NOT NULL)" for n in names)
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "rules.yaml").write_text(
        "- id: ACC-ALL-001\n"
        "  category: no_treatment_relationship\n"
        "  title: every column\n"
        "  severity: low\n"
        "  cites: ['45 CFR 164.312(b)']\n"
        f'  when: "{when}"\n'
        "  explain: '{user_id} {patient_id}'\n"
    )
    world.workforce.append(dict(user_id="U1", shift_start="08:00", shift_end="17:00"))
    world.patients.append(dict(patient_id="P1", sensitive="hiv"))
    world.contacts = [dict(patient_id="P1", first_name="a", last_name="b")]
    world.relationships.append(dict(patient_id="P1", user_id="U1", start="2024-03-01"))
    world.event("e1", "2024-03-05T10:00:00Z", "U1", "P1")
    scan = run_scan(world, policies_dir=pack)
    assert scan.rules("e1") == {"ACC-ALL-001"}
    assert scan.summary["disabled_rules"] == {}
