"""Context files: explanation windows, department relationships, timezones, bad rows, gaps."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from auditor.errors import InputError
from tests.policy.conftest import Scan, World


def _staff(world: World, tz_shift: tuple[str, str] = ("00:00", "23:59")) -> None:
    world.workforce += [
        dict(
            user_id="U1",
            last_name="One",
            role="nurse",
            department="Cardiology",
            shift_start=tz_shift[0],
            shift_end=tz_shift[1],
        ),
        dict(user_id="U2", last_name="Two", role="nurse", department="Cardiology"),
        dict(user_id="U3", last_name="Three", role="clerk", department="Registration"),
    ]
    world.patients += [dict(patient_id=p) for p in ("PW", "PO", "PD")]


def _encounter(
    world: World,
    user_id: str = "U1",
    start: str = "2024-03-10 10:00",
    end: str = "2024-03-12 10:00",
) -> None:
    """A closed encounter of ``user_id`` with patient PW."""
    world.relationships.append(
        dict(patient_id="PW", user_id=user_id, kind="encounter", start=start, end=end)
    )


def _open_relationship(world: World, patient_id: str, kind: str, **who: str) -> None:
    """A relationship with ``patient_id`` from 2024-03-10 10:00 and no end."""
    world.relationships.append(
        dict(patient_id=patient_id, kind=kind, start="2024-03-10 10:00", **who)
    )


def _explained(scan: Scan, event_id: str) -> bool:
    return "no_treatment_relationship" not in scan.categories(event_id)


@pytest.mark.parametrize(
    ("ts", "explained"),
    [
        ("2024-03-03T09:59:00Z", False),  # start - 7 days - 1 minute
        ("2024-03-03T10:01:00Z", True),  # start - 7 days + 1 minute
        ("2024-04-11T09:59:00Z", True),  # end + 30 days - 1 minute
        ("2024-04-11T10:01:00Z", False),  # end + 30 days + 1 minute
    ],
)
def test_relationship_window(
    world: World, run_scan: Callable[..., Scan], ts: str, explained: bool
) -> None:
    _staff(world)
    _encounter(world)
    world.event("e", ts, "U1", "PW")
    assert _explained(run_scan(world), "e") is explained


def test_open_relationship_uses_start_plus_after_days(
    world: World, run_scan: Callable[..., Scan]
) -> None:
    _staff(world)
    _open_relationship(world, "PO", "order", user_id="U1")
    world.event("in", "2024-04-09T09:00:00Z", "U1", "PO")
    world.event("out", "2024-04-09T11:00:00Z", "U1", "PO")
    scan = run_scan(world)
    assert _explained(scan, "in") and not _explained(scan, "out")


def test_windows_are_configurable(
    world: World, run_scan: Callable[..., Scan], monkeypatch: pytest.MonkeyPatch, actx
) -> None:  # type: ignore[no-untyped-def]
    actx.settings.explain.before_days = 1
    actx.settings.explain.after_days = 1
    _staff(world)
    _encounter(world)
    world.event("early", "2024-03-08T10:00:00Z", "U1", "PW")
    world.event("late", "2024-03-13T09:00:00Z", "U1", "PW")
    scan = run_scan(world)
    assert not _explained(scan, "early") and _explained(scan, "late")


def test_department_relationship_explains_that_department_only(
    world: World, run_scan: Callable[..., Scan]
) -> None:
    _staff(world)
    _open_relationship(world, "PD", "referral", department="Cardiology")
    world.event("same-dept", "2024-03-11T10:00:00Z", "U2", "PD")
    world.event("other-dept", "2024-03-11T10:00:00Z", "U3", "PD")
    world.event("unknown-user", "2024-03-11T10:00:00Z", "U404", "PD", department="Cardiology")
    scan = run_scan(world)
    assert _explained(scan, "same-dept")
    assert not _explained(scan, "other-dept")
    assert _explained(scan, "unknown-user")  # falls back to the event's department


def test_site_timezone_applies_to_shifts_and_context_times(
    world: World, run_scan: Callable[..., Scan]
) -> None:
    _staff(world, ("08:00", "17:00"))
    _encounter(world, "U2", "2024-03-20 09:00", "2024-03-20 09:30")
    world.event("noon-ny", "2024-03-05T17:00:00Z", "U1", "PO")  # 12:00 in New York
    world.event("late-ny", "2024-03-05T23:30:00Z", "U1", "PO")  # 18:30 in New York
    ny = run_scan(world, timezone="America/New_York")
    assert "after_hours" not in ny.categories("noon-ny")
    assert "after_hours" in ny.categories("late-ny")
    late = next(f for f in ny.by_event("late-ny") if f.category == "after_hours")
    assert "2024-03-05 18:30 America/New_York" in late.explanation
    assert ny.summary["timezone"] == "America/New_York"


def test_missing_optional_files_disable_rules(world: World, run_scan: Callable[..., Scan]) -> None:
    _staff(world)
    world.event("e", "2024-03-05T10:00:00Z", "U1", "PW", break_glass="true")
    scan = run_scan(world, skip=("relationships.csv", "contacts.csv", "patients.csv"))
    assert scan.summary["context_missing"] == ["contacts.csv", "patients.csv", "relationships.csv"]
    disabled = scan.summary["disabled_rules"]
    assert disabled["ACC-NOREL-001"] == "needs relationships.csv"
    assert disabled["ACC-FAMILY-002"] == "needs contacts.csv, patients.csv"
    assert "ACC-BTG-001" not in disabled and "ACC-ROLE-001" not in disabled
    assert scan.categories("e") == {"break_glass_unjustified"}


def test_no_context_at_all_runs_event_only_rules(actx, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from auditor.services.access_scan import AccessScanRequest, scan_access_logs
    from tests.policy.conftest import EVENT_HEADER, write_csv

    log = write_csv(
        tmp_path / "a.csv",
        EVENT_HEADER,
        [
            dict(
                event_id="e",
                timestamp="2024-03-05T10:00:00Z",
                user_id="U1",
                patient_id="P1",
                break_glass="true",
                reason="test",
            )
        ],
    )
    result = scan_access_logs(actx, AccessScanRequest([log]))
    assert result.findings_by_category == {"break_glass_unjustified": 1}
    assert len(result.context_missing) == 4


def test_bad_context_rows_are_quarantined(
    world: World, run_scan: Callable[..., Scan], actx
) -> None:  # type: ignore[no-untyped-def]
    _staff(world)
    world.workforce.append(dict(user_id="U9", status="retired"))
    world.workforce.append(dict(user_id="U10", shift_start="25:00"))
    world.workforce.append(dict(user_id="U1", last_name="Duplicate"))
    world.patients.append(dict(patient_id="P9", vip="sometimes"))
    world.patients.append(dict(patient_id="P10", sensitive="hiv;astrology"))
    world.relationships.append(dict(patient_id="PW", kind="encounter", start="2024-03-10"))
    world.relationships.append(
        dict(patient_id="PW", user_id="U1", kind="lunch", start="2024-03-10")
    )
    world.relationships.append(dict(patient_id="PW", user_id="U1", kind="order", start="soon"))
    world.event("e", "2024-03-10T10:00:00Z", "U1", "PW")
    scan = run_scan(world)
    assert scan.summary["context_rejected"] == {
        "workforce.csv": 3,
        "patients.csv": 2,
        "relationships.csv": 3,
        "contacts.csv": 0,
    }
    qfile = Path(scan.summary["quarantine_file"])
    rows = [json.loads(x) for x in qfile.read_text().splitlines()]
    reasons = {(Path(r["file"]).name, r["line"], r["field"]) for r in rows}
    assert ("workforce.csv", 5, "status") in reasons
    assert ("workforce.csv", 6, "shift_start") in reasons
    assert ("patients.csv", 5, "vip") in reasons
    assert ("patients.csv", 6, "sensitive") in reasons
    assert ("relationships.csv", 2, "user_id") in reasons
    assert ("relationships.csv", 3, "kind") in reasons
    assert ("relationships.csv", 4, "start") in reasons
    # Context rejects are reported but do not count as access-log records.
    assert scan.summary["records_quarantined"] == 0


def test_context_header_errors_name_file_and_field(
    world: World, run_scan: Callable[..., Scan], tmp_path: Path
) -> None:
    _staff(world)
    world.event("e", "2024-03-10T10:00:00Z", "U1", "PW")
    ctx, _ = world.write()
    (ctx / "patients.csv").write_text("id,name\n1,x\n")
    with pytest.raises(InputError) as err:
        run_scan(world, skip=("patients.csv",))
    assert err.value.field == "patient_id" and str(err.value.file).endswith("patients.csv")
