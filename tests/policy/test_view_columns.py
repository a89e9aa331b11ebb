"""Every column a rule may name exists in the DuckDB view and evaluates."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from auditor.context import AppContext
from auditor.findings import AccessFinding
from auditor.policy import columns
from auditor.policy.view import VIEW_COLUMNS
from auditor.services.access_scan import AccessScanRequest, scan_access_logs
from tests.collect import into
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


def test_extra_csv_columns_are_attributes(actx: AppContext, tmp_path: Path) -> None:
    """docs/formats.md: a CSV's extra columns are kept, and rules can read them by name."""
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "rules.yaml").write_text(
        "- id: ACC-KIOSK-001\n"
        "  category: no_treatment_relationship\n"
        "  title: access from the lobby kiosk network\n"
        "  severity: medium\n"
        "  cites: ['45 CFR 164.312(b)']\n"
        "  when: \"event.attributes['Client IP'] LIKE '10.9.%'\n"
        "    AND event.attributes['badge'] IS NULL\"\n"
        "  explain: '{user_id} opened {patient_id} from a kiosk'\n"
    )
    log = tmp_path / "log.csv"
    log.write_text(
        "event_id,timestamp,user_id,patient_id,Client IP,Badge\n"
        "e1,2024-03-05T10:00:00Z,U1,P1,10.9.0.7,\n"
        "e2,2024-03-05T10:01:00Z,U1,P2,10.1.0.7,\n"
        "e3,2024-03-05T10:02:00Z,U1,P3,10.9.0.8,B-17\n"
    )
    found: list[AccessFinding] = []
    result = scan_access_logs(
        actx, AccessScanRequest([log], policies_dir=pack, on_batch=into(found))
    )
    assert [f.event_id for f in found] == ["e1"]
    assert result.records_processed == 3
    # Without the column (or in a format without extra columns) the rule simply does not fire.
    bare = tmp_path / "bare.csv"
    bare.write_text("event_id,timestamp,user_id,patient_id\ne4,2024-03-05T10:00:00Z,U1,P1\n")
    assert scan_access_logs(actx, AccessScanRequest([bare], policies_dir=pack)).findings_total == 0
