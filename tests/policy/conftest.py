"""A tiny hospital written table by table, and a scan that returns findings by event id."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from auditor.context import AppContext
from auditor.findings import AccessFinding
from tests.collect import into

EVENT_HEADER = [
    "event_id",
    "timestamp",
    "user_id",
    "patient_id",
    "action",
    "record_type",
    "department",
    "workstation",
    "break_glass",
    "reason",
]
WORKFORCE = [
    "user_id",
    "first_name",
    "last_name",
    "role",
    "department",
    "address",
    "zip",
    "status",
    "termination_date",
    "shift_start",
    "shift_end",
    "effective_from",
    "effective_to",
]
PATIENTS = [
    "patient_id",
    "first_name",
    "last_name",
    "birth_date",
    "address",
    "zip",
    "vip",
    "deceased_date",
    "sensitive",
    "employee_user_id",
]
RELATIONSHIPS = ["patient_id", "user_id", "department", "kind", "start", "end"]
CONTACTS = ["patient_id", "first_name", "last_name", "relationship", "address"]


def write_csv(path: Path, header: list[str], rows: list[dict[str, str]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: row.get(k, "") for k in header})
    return path


@dataclass
class World:
    root: Path
    workforce: list[dict[str, str]] = field(default_factory=list)
    patients: list[dict[str, str]] = field(default_factory=list)
    relationships: list[dict[str, str]] = field(default_factory=list)
    contacts: list[dict[str, str]] | None = field(default_factory=list)
    events: list[dict[str, str]] = field(default_factory=list)

    def event(self, event_id: str, ts: str, user: str, patient: str, **kw: str) -> None:
        row = {
            "event_id": event_id,
            "timestamp": ts,
            "user_id": user,
            "patient_id": patient,
            "action": "view",
            "record_type": "note",
            "department": "",
            "workstation": "ws1",
            "break_glass": "false",
            "reason": "",
        }
        row.update(kw)
        self.events.append(row)

    def write(self, skip: tuple[str, ...] = ()) -> tuple[Path, Path]:
        ctx = self.root / "context"
        tables = {
            "workforce.csv": (WORKFORCE, self.workforce),
            "patients.csv": (PATIENTS, self.patients),
            "relationships.csv": (RELATIONSHIPS, self.relationships),
            "contacts.csv": (CONTACTS, self.contacts),
        }
        ctx.mkdir(parents=True, exist_ok=True)
        for name, (header, rows) in tables.items():
            if name not in skip and rows is not None:
                write_csv(ctx / name, header, rows)
        log = write_csv(self.root / "logs" / "access.csv", EVENT_HEADER, self.events)
        return ctx, log


@dataclass
class Scan:
    findings: list[AccessFinding]
    summary: dict[str, Any]

    def categories(self, event_id: str) -> set[str]:
        return {f.category for f in self.findings if f.event_id == event_id}

    def rules(self, event_id: str) -> set[str]:
        return {f.rule_id for f in self.findings if f.event_id == event_id}

    def by_event(self, event_id: str) -> list[AccessFinding]:
        return [f for f in self.findings if f.event_id == event_id]


@pytest.fixture()
def world(tmp_path: Path) -> World:
    return World(tmp_path / "world")


@pytest.fixture()
def run_scan(actx: AppContext) -> Iterator[Callable[..., Scan]]:
    from auditor.services.access_scan import AccessScanRequest, scan_access_logs

    def run(world: World, skip: tuple[str, ...] = (), **kw: Any) -> Scan:
        ctx, log = world.write(skip)
        found: list[AccessFinding] = []
        result = scan_access_logs(
            actx, AccessScanRequest([log], context_dir=ctx, on_batch=into(found), **kw)
        )
        return Scan(found, result.summary())

    yield run
