"""Every default-pack category fires on its positive case and not on its negative case."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from auditor.context import open_context
from auditor.findings import AccessFinding
from tests.collect import into
from tests.policy.conftest import Scan, World

DAY = "2024-03-05"


def _staff(
    user_id: str, name: str, role: str, department: str, address: str, zip_: str, **extra: str
) -> dict[str, str]:
    """A workforce row; ``name`` is "First Last"; on shift all day unless ``extra`` says."""
    first, last = name.split(" ")
    row = dict(user_id=user_id, first_name=first, last_name=last, role=role)
    row.update(department=department, address=address, zip=zip_)
    return {"shift_start": "00:00", "shift_end": "23:59", **row, **extra}


def _patient(patient_id: str, name: str, address: str, zip_: str, **extra: str) -> dict[str, str]:
    first, last = name.split(" ")
    row = dict(patient_id=patient_id, first_name=first, last_name=last, address=address, zip=zip_)
    return {**row, **extra}


def _hospital(world: World) -> None:
    world.workforce = [
        _staff("U1", "Ada Stone", "nurse", "Cardiology", "12 Elm Street", "02110",
               status="active", shift_start="07:00", shift_end="19:00"),
        _staff("U2", "Bo Reed", "physician", "Cardiology", "40 Oak Road", "02111",
               status="active", shift_start="19:00", shift_end="07:00"),
        _staff("U3", "Cy Hale", "registration", "Registration", "9 Pine Way", "02112"),
        _staff("U4", "Di Moss", "physician", "ED", "3 Ash Lane", "02113",
               status="terminated", termination_date="2024-03-06"),
    ]  # fmt: skip
    for uid in ("U6", "U7", "U8"):
        world.workforce.append(
            _staff(uid, f"X Clerk{uid}", "physician", "ED", f"1{uid[1]} Far Road", "09999")
        )
    p = world.patients
    p.append(_patient("P_SELF", "Ada Stone", "12 Elm Street", "02110", employee_user_id="U1"))
    p.append(_patient("P_KIN", "Max STONE", "12  elm street.", "02110"))
    p.append(_patient("P_CHILD", "Kit Vale", "77 Lake View", "02199"))
    p.append(_patient("P_COWORKER", "Bo Reed", "40 Oak Road", "02111", employee_user_id="U2"))
    p.append(_patient("P_NEIGHBOR", "Jo Frost", "14 Elm Street", "02110"))
    p.append(dict(patient_id="P_VIP", first_name="Star", last_name="Lee", vip="true"))
    p.append(dict(patient_id="P_DEAD", last_name="Gone", deceased_date="2024-03-01"))
    p.append(dict(patient_id="P_BH", last_name="Mind", sensitive="behavioral_health"))
    p.append(dict(patient_id="P_SUD", last_name="Part", sensitive="substance_use; hiv"))
    p.append(dict(patient_id="P_PLAIN", last_name="Plain"))
    p.append(dict(patient_id="P_OTHER", last_name="Other"))
    world.contacts = [
        dict(patient_id="P_CHILD", first_name="ada", last_name="stone", relationship="parent")
    ]
    r = world.relationships
    r.append(dict(patient_id="P_PLAIN", user_id="U1", kind="encounter", start="2024-03-04 08:00"))
    r.append(dict(patient_id="P_PLAIN", user_id="U3", kind="appointment", start="2024-03-04 08:00"))
    r.append(dict(patient_id="P_PLAIN", user_id="U4", kind="care_team", start="2024-03-01 08:00"))
    r.append(dict(patient_id="P_VIP", user_id="U2", kind="encounter", start="2024-03-05 01:00"))
    r.append(dict(patient_id="P_BH", user_id="U2", kind="order", start="2024-03-04 20:00"))
    r.append(
        dict(
            patient_id="P_DEAD",
            department="Cardiology",
            kind="result",
            start="2024-02-20 08:00",
            end="2024-02-25 08:00",
        )
    )


def _events(world: World) -> None:
    e = world.event
    at = f"{DAY}T10:00:00Z"
    night = f"{DAY}T02:00:00Z"
    e("pos-self", at, "U1", "P_SELF")
    e("neg-self", at, "U1", "P_PLAIN")
    e("pos-family", at, "U1", "P_KIN")
    e("pos-family-contact", at, "U1", "P_CHILD")
    e("neg-family", night, "U2", "P_KIN")
    e("pos-coworker", at, "U1", "P_COWORKER")
    e("neg-coworker", at, "U3", "P_COWORKER")
    e("pos-neighbor", at, "U1", "P_NEIGHBOR")
    e("neg-neighbor", night, "U2", "P_NEIGHBOR")
    e("pos-vip", at, "U1", "P_VIP")
    e("neg-vip", night, "U2", "P_VIP")
    e("pos-terminated", "2024-03-06T10:00:00Z", "U4", "P_PLAIN")
    e("neg-terminated", "2024-03-05T23:59:00Z", "U4", "P_PLAIN")
    e("pos-after_hours", f"{DAY}T22:00:00Z", "U1", "P_OTHER")
    e("neg-after_hours", f"{DAY}T22:00:00Z", "U1", "P_PLAIN")
    e("neg-after_hours-wrap", night, "U2", "P_OTHER")
    e("pos-deceased", at, "U3", "P_DEAD")
    e("neg-deceased", at, "U1", "P_DEAD")
    e("pos-btg", at, "U1", "P_PLAIN", break_glass="true", reason=" N/A ")
    e("pos-btg-empty", at, "U1", "P_PLAIN", break_glass="yes")
    e("neg-btg", at, "U1", "P_PLAIN", break_glass="true", reason="arrest in cath lab")
    e("pos-sensitive", at, "U1", "P_BH")
    e("pos-sensitive-sud", at, "U1", "P_SUD")
    e("neg-sensitive", night, "U2", "P_BH")
    e("pos-role", at, "U3", "P_PLAIN", record_type="note")
    e("neg-role", at, "U3", "P_PLAIN", record_type="demographics")
    e("neg-role-nurse", at, "U1", "P_PLAIN", record_type="medication")
    e("pos-norel", at, "U1", "P_OTHER")
    e("neg-norel", at, "U1", "P_PLAIN")
    e("neg-norel-login", at, "U1", "P_OTHER", action="login")
    # Volume: U6 opens 31 distinct patients in 50 minutes; U7 only 30; U8 31 over 3 hours.
    for i in range(31):
        e(f"vol6-{i:02d}", f"{DAY}T12:{i + 10:02d}:00Z", "U6", f"PV{i}")
    for i in range(30):
        e(f"vol7-{i:02d}", f"{DAY}T12:{i + 10:02d}:00Z", "U7", f"PV{i}")
    for i in range(31):
        e(f"vol8-{i:02d}", f"2024-03-05T{10 + i // 10:02d}:{(i % 10) * 6:02d}:00Z", "U8", f"PV{i}")


@pytest.fixture(scope="module")
def scan(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Scan]:
    """One scan of the whole scenario, shared by the table below (it takes a second)."""
    from auditor.services.access_scan import AccessScanRequest, scan_access_logs

    root = tmp_path_factory.mktemp("rules")
    world = World(root / "world")
    _hospital(world)
    _events(world)
    ctx, log = world.write()
    found: list[AccessFinding] = []
    with open_context(root / "home") as actx:
        result = scan_access_logs(
            actx, AccessScanRequest([log], context_dir=ctx, on_batch=into(found))
        )
    yield Scan(found, result.summary())


CASES = [
    ("self_access", ["pos-self"], ["neg-self"]),
    ("family_access", ["pos-family", "pos-family-contact"], ["neg-family", "pos-self"]),
    ("coworker_access", ["pos-coworker"], ["neg-coworker", "pos-self"]),
    ("neighbor_access", ["pos-neighbor"], ["neg-neighbor", "pos-family"]),
    ("vip_access", ["pos-vip"], ["neg-vip"]),
    ("terminated_user", ["pos-terminated"], ["neg-terminated"]),
    ("after_hours", ["pos-after_hours"], ["neg-after_hours", "neg-after_hours-wrap"]),
    ("deceased_patient", ["pos-deceased"], ["neg-deceased"]),
    ("break_glass_unjustified", ["pos-btg", "pos-btg-empty"], ["neg-btg"]),
    ("sensitive_record", ["pos-sensitive", "pos-sensitive-sud"], ["neg-sensitive"]),
    ("role_not_permitted", ["pos-role"], ["neg-role", "neg-role-nurse"]),
    ("no_treatment_relationship", ["pos-norel"], ["neg-norel", "neg-norel-login"]),
]


@pytest.mark.parametrize(("category", "positives", "negatives"), CASES, ids=[c[0] for c in CASES])
def test_category(scan: Scan, category: str, positives: list[str], negatives: list[str]) -> None:
    for event_id in positives:
        assert category in scan.categories(event_id), event_id
    for event_id in negatives:
        assert category not in scan.categories(event_id), event_id


def test_high_volume_one_finding_per_burst(scan: Scan) -> None:
    hits = [f for f in scan.findings if f.category == "high_volume"]
    assert [(f.user_id, f.event_id) for f in hits] == [("U6", "vol6-30")]
    assert "31 distinct patients within 60 min (threshold 30)" in hits[0].explanation


def test_sud_and_other_sensitive_tags_use_different_rules(scan: Scan) -> None:
    assert scan.rules("pos-sensitive") >= {"ACC-SENSITIVE-001"}
    assert "ACC-SENSITIVE-002" not in scan.rules("pos-sensitive")
    assert scan.rules("pos-sensitive-sud") >= {"ACC-SENSITIVE-002"}
    assert "ACC-SENSITIVE-001" not in scan.rules("pos-sensitive-sud")


def test_findings_carry_explanations_without_phi(scan: Scan) -> None:
    (finding,) = [f for f in scan.by_event("pos-vip") if f.category == "vip_access"]
    assert finding.explanation == (
        "U1 (nurse) opened VIP record P_VIP (note) without a treatment relationship"
    )
    assert not finding.explained
    texts = " ".join(f.explanation for f in scan.findings).lower()
    for name in ("stone", "elm street", "frost", "reed"):
        assert name not in texts
    assert all(len(f.fingerprint) == 64 for f in scan.findings)


def test_explained_accesses_are_counted(scan: Scan) -> None:
    # P_PLAIN by U1/U3/U4 (11 events), P_VIP and P_BH by U2, P_DEAD by Cardiology (dept level).
    assert scan.summary["accesses_explained"] == 14
    assert scan.summary["records_processed"] == scan.summary["records_read"] == 30 + 31 + 30 + 31
    assert scan.summary["disabled_rules"] == {}
