"""FHIR R4 AuditEvent: single resource, Bundle, NDJSON; IHE BALP mapping."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from auditor.scanners.access_logs import fhir
from auditor.scanners.access_logs.event import AccessEvent, Rejected


def audit_event(**over: Any) -> dict[str, Any]:
    res: dict[str, Any] = {
        "resourceType": "AuditEvent",
        "id": "ae-1",
        "type": {
            "system": "http://terminology.hl7.org/CodeSystem/audit-event-type",
            "code": "rest",
        },
        "subtype": [{"system": "http://hl7.org/fhir/restful-interaction", "code": "read"}],
        "action": "R",
        "recorded": "2024-03-04T10:15:00+01:00",
        "agent": [
            {"who": {"identifier": {"value": "app-server"}}, "requestor": False},
            {
                "who": {"identifier": {"value": "U0007"}},
                "requestor": True,
                "location": {"display": "Cardiology"},
                "network": {"address": "WS-12", "type": "1"},
            },
        ],
        "entity": [
            {"what": {"reference": "Patient/P42/_history/3"}},
            {"what": {"reference": "Observation/obs-9"}},
        ],
    }
    res.update(over)
    return res


def _records(path: Path) -> list[AccessEvent | Rejected]:
    return list(fhir.iter_records(path, 0))


def test_single_resource_is_mapped_per_balp(tmp_path: Path) -> None:
    path = tmp_path / "one.json"
    path.write_text(json.dumps(audit_event(), indent=2))
    (event,) = _records(path)
    assert isinstance(event, AccessEvent)
    assert (event.event_id, event.user_id, event.patient_id) == ("ae-1", "U0007", "P42")
    assert (event.action, event.record_type) == ("view", "lab")
    assert (event.department, event.workstation) == ("Cardiology", "WS-12")
    assert event.timestamp.isoformat() == "2024-03-04T09:15:00+00:00"
    assert not event.break_glass


def test_bundle_entries_each_become_a_record(tmp_path: Path) -> None:
    bundle = {
        "resourceType": "Bundle",
        "type": "collection",
        "entry": [
            {"resource": audit_event(id="a")},
            {"resource": {"resourceType": "Patient", "id": "x"}},
            {"resource": audit_event(id="c", subtype=[{"code": "search"}])},
        ],
    }
    path = tmp_path / "bundle.json"
    path.write_text(json.dumps(bundle))
    records = _records(path)
    assert [type(r).__name__ for r in records] == ["AccessEvent", "Rejected", "AccessEvent"]
    assert isinstance(records[1], Rejected) and records[1].reason == "not an AuditEvent"
    assert isinstance(records[2], AccessEvent) and records[2].action == "query"
    assert records[1].line == 2


def test_ndjson_with_bom_bad_lines_and_resume(tmp_path: Path) -> None:
    lines = [json.dumps(audit_event(id=f"n{i}")) for i in range(3)]
    lines.insert(1, '{"resourceType": "AuditEvent", "id": "broken"')
    path = tmp_path / "events.ndjson"
    path.write_bytes(("\ufeff" + "\n".join(lines) + "\n").encode("utf-8"))
    records = _records(path)
    assert [getattr(r, "event_id", None) for r in records] == ["n0", None, "n1", "n2"]
    assert isinstance(records[1], Rejected) and records[1].line == 2
    assert records[1].reason == "invalid JSON"
    resumed = list(fhir.iter_records(path, records[2].end_offset))
    assert [r.event_id for r in resumed if isinstance(r, AccessEvent)] == ["n2"]
    assert resumed[0].line == 4


@pytest.mark.parametrize(
    ("where", "concept", "btg", "reason"),
    [
        (
            "agent",
            {"coding": [{"code": "BTG"}], "text": "trauma bay, unconscious"},
            True,
            "trauma bay, unconscious",
        ),
        ("event", {"coding": [{"code": "BTG"}]}, True, ""),
        ("agent", {"text": "follow-up"}, False, "follow-up"),
    ],
)
def test_break_the_glass(
    tmp_path: Path, where: str, concept: dict[str, Any], btg: bool, reason: str
) -> None:
    res = audit_event()
    if where == "agent":
        res["agent"][1]["purposeOfUse"] = [concept]
    else:
        res["purposeOfEvent"] = [concept]
    path = tmp_path / "btg.json"
    path.write_text(json.dumps(res))
    (event,) = _records(path)
    assert isinstance(event, AccessEvent)
    assert (event.break_glass, event.reason) == (btg, reason)


@pytest.mark.parametrize(
    ("resource_type", "record_type"),
    [
        ("DocumentReference", "note"),
        ("MedicationRequest", "medication"),
        ("ImagingStudy", "imaging"),
        ("Claim", "billing"),
        ("Coverage", "insurance"),
        ("Appointment", "scheduling"),
        ("ServiceRequest", "orders"),
        ("CarePlan", "careplan"),
        ("SomethingNew", "somethingnew"),
    ],
)
def test_record_type_map(tmp_path: Path, resource_type: str, record_type: str) -> None:
    res = audit_event(
        entity=[
            {"what": {"reference": f"{resource_type}/1"}},
            {"what": {"identifier": {"value": "MRN77^^^&1.2.3&ISO"}}, "role": {"code": "1"}},
        ]
    )
    path = tmp_path / "rt.json"
    path.write_text(json.dumps(res))
    (event,) = _records(path)
    assert isinstance(event, AccessEvent)
    assert (event.patient_id, event.record_type) == ("MRN77", record_type)


def test_patient_only_entity_is_demographics_and_reference_user(tmp_path: Path) -> None:
    res = audit_event(
        entity=[{"what": {"reference": "Patient/P1"}}],
        agent=[{"who": {"reference": "Practitioner/U9"}, "requestor": True}],
    )
    path = tmp_path / "p.json"
    path.write_text(json.dumps(res))
    (event,) = _records(path)
    assert isinstance(event, AccessEvent)
    assert (event.user_id, event.record_type) == ("U9", "demographics")


@pytest.mark.parametrize(
    ("over", "reason"),
    [
        ({"entity": []}, "missing patient id"),
        (
            {"agent": [{"who": {"identifier": {"value": "x"}}, "requestor": False}]},
            "missing user id",
        ),
        ({"recorded": "2024-03-04T10:15:00"}, "bad timestamp"),
        ({"recorded": None}, "missing timestamp"),
    ],
)
def test_unusable_events_are_rejected(tmp_path: Path, over: dict[str, Any], reason: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(audit_event(**over)))
    (rec,) = _records(path)
    assert isinstance(rec, Rejected) and rec.reason.startswith(reason)


def test_invalid_json_document(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{\n  "resourceType": "AuditEvent",\n  oops\n}')
    (rec,) = _records(path)
    assert isinstance(rec, Rejected) and rec.reason == "invalid JSON"


@pytest.mark.parametrize(
    ("reference", "ident"),
    [
        ("Patient/P42/_history/3", "P42"),
        ("Patient/_history", "_history"),  # an id spelt like the version marker is the id
        ("Patient/P42", "P42"),
        ("urn:uuid:9b1d", "urn:uuid:9b1d"),
    ],
)
def test_a_references_id_and_its_version(reference: str, ident: str) -> None:
    assert fhir._ref_id(reference) == ident
