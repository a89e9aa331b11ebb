"""Workforce effective dates: each access is judged by the row in force on its local day."""

from __future__ import annotations

from collections.abc import Callable

from tests.policy.conftest import Scan, World


def _history(world: World) -> None:
    world.workforce += [
        # a nurse until Tuesday, a clerk from Wednesday (transfer), terminated on Friday
        dict(user_id="U1", last_name="One", role="nurse", department="Cardiology",
             effective_to="2024-03-05"),
        dict(user_id="U1", last_name="One", role="clerk", department="Registration",
             effective_from="2024-03-06"),
        dict(user_id="U1", last_name="One", role="clerk", department="Registration",
             status="terminated", termination_date="2024-03-08", effective_from="2024-03-08"),
    ]  # fmt: skip
    world.patients.append(dict(patient_id="P1"))


def test_transfer_and_termination_are_judged_by_the_role_held(
    world: World, run_scan: Callable[..., Scan]
) -> None:
    _history(world)
    world.event("tue", "2024-03-05T23:30:00Z", "U1", "P1")  # last minutes as a nurse (UTC)
    world.event("wed", "2024-03-06T10:00:00Z", "U1", "P1")
    world.event("fri", "2024-03-08T10:00:00Z", "U1", "P1")
    scan = run_scan(world)
    assert "terminated_user" not in scan.categories("tue") | scan.categories("wed")
    assert "terminated_user" in scan.categories("fri")
    roles = {
        e: {f.explanation.split("(")[1].split(")")[0] for f in scan.by_event(e)}
        for e in ("tue", "wed", "fri")
    }
    assert roles["tue"] == {"nurse, Cardiology"} and roles["wed"] == {"clerk, Registration"}
    # one row in force per access: a history never duplicates findings
    ids = [(f.rule_id, f.event_id) for f in scan.findings]
    assert len(ids) == len(set(ids))


def test_bad_effective_dates_are_quarantined(world: World, run_scan: Callable[..., Scan]) -> None:
    world.workforce += [
        dict(user_id="U1", role="nurse", effective_from="2024-03-06", effective_to="2024-03-01"),
        dict(user_id="U2", role="nurse", effective_from="someday"),
        dict(user_id="U3", role="nurse", effective_from="2024-03-01"),
        dict(user_id="U3", role="clerk", effective_from="2024-03-01"),  # same start: duplicate
    ]
    world.event("e", "2024-03-06T10:00:00Z", "U3", "P1")
    scan = run_scan(world)
    assert scan.summary["context_rejected"]["workforce.csv"] == 3


def test_shift_ends_are_inclusive_to_the_minute(
    world: World, run_scan: Callable[..., Scan]
) -> None:
    world.workforce.append(dict(user_id="U1", role="nurse", shift_start="07:00", shift_end="19:00"))
    world.workforce.append(dict(user_id="U2", role="nurse", shift_start="22:00", shift_end="06:00"))
    world.patients.append(dict(patient_id="P1"))
    world.event("end", "2024-03-05T19:00:59Z", "U1", "P1")
    world.event("after", "2024-03-05T19:01:00Z", "U1", "P1")
    world.event("before", "2024-03-05T06:59:59Z", "U1", "P1")
    world.event("wrap_end", "2024-03-05T06:00:59Z", "U2", "P1")
    world.event("wrap_after", "2024-03-05T06:01:00Z", "U2", "P1")
    scan = run_scan(world)
    off = {e for e in ("end", "after", "before", "wrap_end", "wrap_after")
           if "after_hours" in scan.categories(e)}  # fmt: skip
    assert off == {"after", "before", "wrap_after"}
