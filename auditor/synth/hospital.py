"""A small synthetic hospital: context files and a week of access logs with planted snooping.

Deterministic for a seed. Most accesses follow a treatment relationship (so they are
explained, as in real logs); a handful are planted for every rule category, and a few
malformed records are added so the quarantine shows up. The same events are written as
canonical CSV and as FHIR AuditEvent NDJSON, so both parsers can be checked for parity.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from auditor.synth.hospital_data import (
    DEPARTMENTS,
    FIRST,
    LAST,
    PATIENT_STREETS,
    ROLE_TYPES,
    SHIFTS,
    STAFF_STREETS,
    Access,
    Patient,
    User,
)
from auditor.synth.hospital_files import fhir_event, write_context, write_csv, write_fhir
from auditor.synth.scale import generate_context, generate_events_csv

__all__ = [
    "HospitalPaths",
    "build_hospital",
    "fhir_event",
    "generate_context",
    "generate_events_csv",
]


@dataclass
class HospitalPaths:
    root: Path
    context_dir: Path
    csv_log: Path
    fhir_log: Path
    n_events: int
    planted: dict[str, list[str]] = field(default_factory=dict)
    malformed_csv_lines: int = 0
    malformed_fhir_lines: int = 0

    @property
    def access_logs(self) -> list[Path]:
        """The week's log once (CSV); the FHIR copy holds the same events."""
        return [self.csv_log]


class _Builder:
    def __init__(self, seed: int, week_start: date, n_users: int, n_patients: int) -> None:
        self.rng = random.Random(seed)
        self.week = datetime(week_start.year, week_start.month, week_start.day, tzinfo=UTC)
        self.users: list[User] = []
        self.patients: list[Patient] = []
        self.rels: list[dict[str, str]] = []
        self.contacts: list[dict[str, str]] = []
        self.events: list[Access] = []
        self.planted: dict[str, list[Access]] = {}
        self._make_users(n_users)
        self._make_patients(n_patients)

    def _make_users(self, n: int) -> None:
        depts = list(DEPARTMENTS)
        for i in range(n):
            dept = depts[i % len(depts)]
            role = DEPARTMENTS[dept][(i // len(depts)) % len(DEPARTMENTS[dept])]
            shift = SHIFTS[2] if role in ("registration", "billing") else SHIFTS[i % 2]
            self.users.append(
                User(
                    f"U{i + 1:04d}",
                    self.rng.choice(FIRST),
                    LAST[i % len(LAST)],
                    role,
                    dept,
                    f"{10 + i} {self.rng.choice(STAFF_STREETS)}",
                    f"0{2100 + i % 7}",
                    shift,
                )
            )

    def _make_patients(self, n: int) -> None:
        for i in range(n):
            self.patients.append(
                Patient(
                    f"P{i + 1:06d}",
                    self.rng.choice(FIRST),
                    self.rng.choice(LAST),
                    f"{100 + i} {self.rng.choice(PATIENT_STREETS)}",
                    f"0{3100 + i % 9}",
                )
            )

    def local(self, day: int, hhmm: str, minute_jitter: int = 0) -> datetime:
        hour, minute = (int(x) for x in hhmm.split(":"))
        return self.week + timedelta(days=day, hours=hour, minutes=minute + minute_jitter)

    def on_shift_time(self, user: User, day: int) -> datetime:
        start = int(user.shift[0][:2])
        hours = (int(user.shift[1][:2]) - start) % 24
        offset = self.rng.randint(30, hours * 60 - 30)
        when = self.local(day, user.shift[0]) + timedelta(minutes=offset)
        # A night shift that starts on the last day ends in the next week: keep the week whole
        # (same time of day, one day earlier, still on shift) so each week's report owns it.
        if when >= self.week + timedelta(days=7):
            when -= timedelta(days=1)
        return when

    def normal_traffic(self, per_patient: int) -> None:
        """Accesses explained by a relationship, on shift, within the role's record types."""
        clinical = [u for u in self.users if u.role not in ("registration", "billing")]
        admin = [u for u in self.users if u.role in ("registration", "billing")]
        for patient in self.patients:
            if patient.employee or patient.vip or patient.sensitive or patient.deceased:
                continue
            team = self.rng.sample(clinical, 2)
            day = self.rng.randint(0, 5)
            start = self.local(day, "06:00")
            for user in team:
                self.rels.append(self._rel(patient, user.user_id, "", "encounter", start))
            clerk = self.rng.choice(admin)
            self.rels.append(self._rel(patient, "", clerk.dept, "appointment", start))
            for _ in range(per_patient):
                user = self.rng.choice([*team, clerk])
                d = min(6, day + self.rng.randint(0, 1))
                self.events.append(
                    Access(
                        self.on_shift_time(user, d),
                        user.user_id,
                        patient.patient_id,
                        self.rng.choice(ROLE_TYPES[user.role]),
                        user.dept,
                    )
                )

    def _rel(
        self,
        patient: Patient,
        user: str,
        dept: str,
        kind: str,
        start: datetime,
        end: datetime | None = None,
    ) -> dict[str, str]:
        return {
            "patient_id": patient.patient_id,
            "user_id": user,
            "department": dept,
            "kind": kind,
            "start": start.strftime("%Y-%m-%d %H:%M"),
            "end": end.strftime("%Y-%m-%d %H:%M") if end else "",
        }

    def plant(self, category: str, event: Access) -> None:
        self.planted.setdefault(category, []).append(event)
        self.events.append(event)

    def pick_user(
        self, role: str | None = None, dept: str | None = None, skip: set[str] | None = None
    ) -> User:
        pool = [
            u
            for u in self.users
            if (role is None or u.role == role)
            and (dept is None or u.dept == dept)
            and u.status == "active"
            and u.user_id not in (skip or set())
        ]
        return self.rng.choice(pool)

    def new_patient(self, **kw: Any) -> Patient:
        i = len(self.patients)
        p = Patient(
            f"P{i + 1:06d}",
            self.rng.choice(FIRST),
            self.rng.choice(LAST),
            f"{100 + i} {self.rng.choice(PATIENT_STREETS)}",
            f"0{3100 + i % 9}",
        )
        for key, value in kw.items():
            setattr(p, key, value)
        self.patients.append(p)
        return p

    def plant_all(self) -> None:
        used: set[str] = set()

        def doc(user: User, patient: Patient, day: int, rtype: str = "note") -> Access:
            return Access(
                self.on_shift_time(user, day), user.user_id, patient.patient_id, rtype, user.dept
            )

        u = self.pick_user("nurse")
        used.add(u.user_id)
        me = self.new_patient(
            first=u.first, last=u.last, address=u.address, zip=u.zip, employee=u.user_id
        )
        self.plant("self_access", doc(u, me, 1))
        u = self.pick_user("physician", skip=used)
        used.add(u.user_id)
        kin = self.new_patient(last=u.last, address=u.address, zip=u.zip)
        self.plant("family_access", doc(u, kin, 2))
        u = self.pick_user("nurse", skip=used)
        used.add(u.user_id)
        child = self.new_patient()
        self.contacts.append(
            {
                "patient_id": child.patient_id,
                "first_name": u.first,
                "last_name": u.last,
                "relationship": "parent",
                "address": u.address,
            }
        )
        self.plant("family_access", doc(u, child, 3))
        u = self.pick_user("physician", "Cardiology", skip=used)
        used.add(u.user_id)
        mate = self.pick_user("nurse", "Cardiology", skip=used)
        used.add(mate.user_id)
        colleague = self.new_patient(
            first=mate.first,
            last=mate.last,
            address=mate.address,
            zip=mate.zip,
            employee=mate.user_id,
        )
        self.plant("coworker_access", doc(u, colleague, 2))
        u = self.pick_user("nurse", skip=used)
        used.add(u.user_id)
        street = u.address.split(" ", 1)[1]
        other_last = next(x for x in LAST if x != u.last)
        neighbour = self.new_patient(
            last=other_last, address=f"{int(u.address.split()[0]) + 2} {street}", zip=u.zip
        )
        self.plant("neighbor_access", doc(u, neighbour, 4))
        star = self.new_patient(vip=True)
        self.plant("vip_access", doc(self.pick_user("nurse", skip=used), star, 3))
        leaver = self.pick_user("physician", skip=used)
        used.add(leaver.user_id)
        leaver.status, leaver.termination = (
            "terminated",
            (self.week + timedelta(days=3)).strftime("%Y-%m-%d"),
        )
        p = self.rng.choice(self.patients[:50])
        self.rels.append(self._rel(p, leaver.user_id, "", "care_team", self.local(0, "06:00")))
        self.plant("terminated_user", doc(leaver, p, 4, "lab"))
        u = self.pick_user("nurse", skip=used)
        used.add(u.user_id)
        late = self.new_patient()
        off = self.local(2, u.shift[1], 90)  # 90 minutes after the shift ends
        self.plant("after_hours", Access(off, u.user_id, late.patient_id, "note", u.dept))
        u = self.pick_user("physician", skip=used)
        used.add(u.user_id)
        t0 = self.on_shift_time(u, 5)
        for i, p in enumerate(self.rng.sample(self.patients[:300], 40)):
            ev = Access(
                t0 + timedelta(seconds=40 * i),
                u.user_id,
                p.patient_id,
                "demographics",
                u.dept,
                action="query",
            )
            self.events.append(ev)
            if i == 30:  # the 31st distinct patient within the hour crosses the threshold
                self.planted["high_volume"] = [ev]
        gone = self.new_patient(deceased=(self.week - timedelta(days=40)).strftime("%Y-%m-%d"))
        self.plant("deceased_patient", doc(self.pick_user("nurse", skip=used), gone, 2))
        u = self.pick_user("physician", "ED", skip=used)
        p = self.rng.choice(self.patients[:50])
        self.rels.append(self._rel(p, u.user_id, "", "encounter", self.local(1, "06:00")))

        def glass(reason: str) -> Access:
            """One break-glass read of ``p`` by ``u``; only the stated reason differs."""
            return Access(
                self.on_shift_time(u, 1),
                u.user_id,
                p.patient_id,
                "note",
                u.dept,
                break_glass=True,
                reason=reason,
            )

        self.plant("break_glass_unjustified", glass("n/a"))
        self.events.append(glass("unconscious, no ID, trauma bay"))
        bh = self.new_patient(sensitive="behavioral_health")
        self.plant("sensitive_record", doc(self.pick_user("nurse", skip=used), bh, 3))
        sud = self.new_patient(sensitive="substance_use;hiv")
        self.plant("sensitive_record", doc(self.pick_user("physician", skip=used), sud, 4))
        clerk = self.pick_user("registration")
        p = self.rng.choice(self.patients[:50])
        self.rels.append(self._rel(p, clerk.user_id, "", "appointment", self.local(0, "06:00")))
        self.plant("role_not_permitted", doc(clerk, p, 2, "note"))
        for _ in range(3):
            stranger = self.new_patient()
            self.plant(
                "no_treatment_relationship",
                doc(self.pick_user("nurse", skip=used), stranger, 5, "lab"),
            )
        # Justified look-alikes (negatives): explained VIP access, explained co-worker access.
        vip2 = self.new_patient(vip=True)
        u = self.pick_user("physician", "Oncology")
        self.rels.append(self._rel(vip2, u.user_id, "", "encounter", self.local(1, "06:00")))
        self.events.append(doc(u, vip2, 1))


def build_hospital(
    out_dir: Path,
    *,
    seed: int = 7,
    week_start: date,
    n_users: int = 60,
    n_patients: int = 400,
    events_per_patient: int = 6,
) -> HospitalPaths:
    """Write context CSVs and a week of access logs (CSV + FHIR NDJSON) under ``out_dir``."""
    b = _Builder(seed, week_start, n_users, n_patients)
    b.plant_all()
    b.normal_traffic(events_per_patient)
    b.events.sort(key=lambda e: (e.ts, e.user, e.patient))
    tag = week_start.strftime("%Y%m%d")
    for i, ev in enumerate(b.events):
        ev.event_id = f"EV{tag}-{i + 1:06d}"
    ctx = out_dir / "context"
    logs = out_dir / "logs"
    ctx.mkdir(parents=True, exist_ok=True)
    logs.mkdir(parents=True, exist_ok=True)
    write_context(ctx, b.users, b.patients, b.rels, b.contacts)
    csv_log = logs / f"access-{tag}.csv"
    fhir_log = logs / f"access-{tag}.ndjson"
    bad_csv = write_csv(b.events, csv_log)
    bad_fhir = write_fhir(b.events, fhir_log)
    return HospitalPaths(
        root=out_dir,
        context_dir=ctx,
        csv_log=csv_log,
        fhir_log=fhir_log,
        n_events=len(b.events),
        planted={k: [e.event_id for e in v] for k, v in b.planted.items()},
        malformed_csv_lines=bad_csv,
        malformed_fhir_lines=bad_fhir,
    )
