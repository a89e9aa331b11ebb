"""Writers for the synthetic hospital: context CSVs, the CSV log and the same events as FHIR.

A few malformed records are written on purpose so the quarantine shows up in the demo.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from auditor.policy.columns import CONTACTS, CONTEXT_COLUMNS, PATIENTS, RELATIONSHIPS, WORKFORCE
from auditor.synth.hospital_data import (
    CSV_HEADER,
    FHIR_ACTIONS,
    FHIR_SUBTYPES,
    FHIR_TYPES,
    Access,
    Patient,
    User,
)


def write_rows(path: Path, header: Sequence[str], rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(rows)


def write_context(
    ctx: Path,
    users: Sequence[User],
    patients: Sequence[Patient],
    rels: Sequence[dict[str, str]],
    contacts: Sequence[dict[str, str]],
) -> None:
    """The five context CSVs (workforce, patients, relationships, contacts, places)."""
    tables: dict[str, list[list[str]]] = {
        WORKFORCE: [
            [
                u.user_id,
                u.first.title(),
                u.last.title(),
                u.role,
                u.dept,
                u.address.title(),
                u.zip,
                u.status,
                u.termination,
                u.shift[0],
                u.shift[1],
            ]
            for u in users
        ],
        PATIENTS: [
            [
                p.patient_id,
                p.first.title(),
                p.last.title(),
                f"{1940 + int(p.patient_id[1:]) % 70}-0{1 + int(p.patient_id[1:]) % 9}-15",
                p.address.title(),
                p.zip,
                "true" if p.vip else "false",
                p.deceased,
                p.sensitive,
                p.employee,
            ]
            for p in patients
        ],
        RELATIONSHIPS: [
            [r["patient_id"], r["user_id"], r["department"], r["kind"], r["start"], r["end"]]
            for r in rels
        ],
        CONTACTS: [
            [
                c["patient_id"],
                c["first_name"].title(),
                c["last_name"].title(),
                c["relationship"],
                c["address"].title(),
            ]
            for c in contacts
        ],
    }
    for name, rows in tables.items():
        write_rows(ctx / name, CONTEXT_COLUMNS[name], rows)
    write_rows(
        ctx / "places.csv",
        ["name"],
        [["Example Health Main Campus"], ["Riverside Clinic"], ["North Hill Imaging"]],
    )


def _csv_row(ev: Access) -> list[str]:
    return [
        ev.event_id,
        ev.ts.strftime("%Y-%m-%dT%H:%M:%SZ"),
        ev.user,
        ev.patient,
        ev.action,
        ev.record_type,
        ev.dept,
        f"WS-{ev.dept[:3].upper()}-{int(ev.user[1:]) % 9}",
        "true" if ev.break_glass else "false",
        ev.reason,
    ]


def _bad_row(n: int, ts: str, *, user: str = "U0001", break_glass: str = "false") -> list[str]:
    """A log row with one field broken on purpose (time, user or break-glass flag)."""
    return [f"BAD-{n}", ts, user, "P000001", "view", "note", "ED", "ws", break_glass, ""]


def write_csv(events: list[Access], path: Path) -> int:
    rows = [_csv_row(ev) for ev in events]
    ok_ts = events[0].ts.strftime("%Y-%m-%dT%H:%M:%SZ")
    bad = [
        _bad_row(1, "2024-13-45T99:00:00Z"),
        _bad_row(2, ok_ts, user=""),
        _bad_row(3, ok_ts, break_glass="perhaps"),
    ]
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(CSV_HEADER)
        for i, row in enumerate(rows):
            writer.writerow(row)
            if i in (10, 500, 1500) and bad:
                writer.writerow(bad.pop())
        fh.write("BAD-4,only,three\n")
    return 4


def fhir_event(ev: Access) -> dict[str, Any]:
    agent: dict[str, Any] = {
        "type": {
            "coding": [
                {
                    "system": "http://terminology.hl7.org/CodeSystem/extra-security-role-type",
                    "code": "humanuser",
                }
            ]
        },
        "who": {"identifier": {"value": ev.user}},
        "requestor": True,
        "location": {"display": ev.dept},
        "network": {"address": f"WS-{ev.dept[:3].upper()}-{int(ev.user[1:]) % 9}", "type": "1"},
    }
    if ev.break_glass:
        agent["purposeOfUse"] = [
            {
                "coding": [
                    {"system": "http://terminology.hl7.org/CodeSystem/v3-ActReason", "code": "BTG"}
                ],
                "text": ev.reason,
            }
        ]
    elif ev.reason:
        agent["purposeOfUse"] = [{"text": ev.reason}]
    entities: list[dict[str, Any]] = [
        {
            "what": {"reference": f"Patient/{ev.patient}"},
            "role": {"system": "http://terminology.hl7.org/CodeSystem/object-role", "code": "1"},
        }
    ]
    if ev.record_type in FHIR_TYPES:
        entities.append({"what": {"reference": f"{FHIR_TYPES[ev.record_type]}/{ev.event_id}-r"}})
    return {
        "resourceType": "AuditEvent",
        "id": ev.event_id,
        "type": {
            "system": "http://terminology.hl7.org/CodeSystem/audit-event-type",
            "code": "rest",
        },
        "subtype": [
            {"system": "http://hl7.org/fhir/restful-interaction", "code": FHIR_SUBTYPES[ev.action]}
        ],
        "action": FHIR_ACTIONS[ev.action],
        "recorded": ev.ts.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "outcome": "0",
        "agent": [agent],
        "source": {"observer": {"display": "Example EHR"}},
        "entity": entities,
    }


def write_fhir(events: list[Access], path: Path) -> int:
    with path.open("w", encoding="utf-8") as fh:
        for i, ev in enumerate(events):
            fh.write(json.dumps(fhir_event(ev), separators=(",", ":")) + "\n")
            if i == 20:
                fh.write('{"resourceType": "AuditEvent", "id": "broken"\n')
            if i == 700:
                no_patient = fhir_event(ev)
                no_patient["id"] = "no-patient"
                no_patient["entity"] = []
                fh.write(json.dumps(no_patient) + "\n")
    return 2
