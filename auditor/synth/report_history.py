"""A store seeded with nine weeks of scan runs and findings: the weekly report's input.

The report tests and the report benchmark build from it. Everything is derived from a seeded
RNG and explicit timestamps, so two seeds of the same shape give identical stores (and an
identical report JSON). Writes go through auditor.store.repo like the scanners' do; run and
first-seen times are then pinned to the simulated week. ``PACK_DIR`` is the small policy pack
whose rules the findings name (one rule deliberately missing from it).
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any, Protocol, Self

from sqlalchemy import update

from auditor.context import AppContext
from auditor.findings import AccessFinding, PhiFinding
from auditor.store import repo
from auditor.store.models import Finding, FindingKind, FindingStatus, RunStatus, ScanRun

PACK_DIR = Path(__file__).resolve().parent / "pack"
HOSTILE = '<script>alert("x")</script> & <img src=x onerror=alert(1)>'
RULES = [
    ("ACC-SELF-001", "self_access", "high"),
    ("ACC-FAMILY-001", "family_access", "high"),
    ("ACC-VIP-001", "vip_access", "critical"),
    ("ACC-AFTER-001", "after_hours", "low"),
    ("ACC-SENS-001", "sensitive_record", "high"),
    ("ACC-NOREL-009", "no_treatment_relationship", "medium"),  # not in the fixture pack
]
PHI_TYPES = ["PERSON", "US_SSN", "MEDICAL_RECORD_NUMBER", "DATE_TIME", "PHONE_NUMBER"]
FOLDERS = ["billing", "research", "outbound-fax"]
EXPORT_ROOT = "/srv/exports"


class WeekLike(Protocol):
    """What seeding needs of ``auditor.reports.periods.Week`` (synth sits beside reports)."""

    @property
    def label(self) -> str: ...
    @property
    def number(self) -> int: ...
    @property
    def start(self) -> datetime: ...
    @property
    def end(self) -> datetime: ...
    def days(self) -> list[date]: ...
    def shifted(self, weeks: int) -> Self: ...


def _pin_run(actx: AppContext, run_id: str, at: datetime) -> None:
    with actx.transaction() as s:
        s.execute(
            update(ScanRun)
            .where(ScanRun.id == run_id)
            .values(
                requested_at=at - timedelta(minutes=2),
                started_at=at - timedelta(minutes=1),
                finished_at=at,
            )
        )


def _access_run(actx: AppContext, week: WeekLike, rng: random.Random, *, days: int = 7) -> str:
    by_day: dict[str, dict[str, int]] = {}
    for d in week.days()[:days]:
        audited = rng.randint(900, 1100)
        by_day[d.isoformat()] = {"audited": audited, "explained": audited - rng.randint(20, 90)}
    total = sum(v["audited"] for v in by_day.values())
    explained = sum(v["explained"] for v in by_day.values())
    summary: dict[str, Any] = {
        "records_read": total + 3,
        "records_processed": total,
        "records_quarantined": 3,
        "accesses_explained": explained,
        "accesses_by_day": by_day,
        "disabled_rules": {"ACC-COWORKER-001": "missing workforce.csv"},
        "findings_by_category": {},
        "files": [  # the access scanner's per-file stats
            {
                "file": "/var/log/ehr/access.csv",
                "format": "csv",
                "read": total + 3,
                "processed": total,
                "quarantined": 3,
                "findings": 0,
            }
        ],
    }
    with actx.transaction() as s:
        run = repo.create_run(s, "access-logs", "/var/log/ehr/access.csv")
        repo.finish_run(
            s,
            run.id,
            status=RunStatus.DONE,
            records_read=total + 3,
            records_processed=total,
            records_quarantined=3,
            summary=summary,
        )
    _pin_run(actx, run.id, week.end - timedelta(hours=1))
    return run.id


def _access_findings(
    actx: AppContext, week: WeekLike, rng: random.Random, n: int, run_id: str, hostile: bool
) -> None:
    users = [f"u{i:04d}" for i in range(max(8, n // 6))]
    findings = []
    for i in range(n):
        rule_id, category, severity = RULES[rng.randrange(len(RULES))]
        # a few repeat offenders: u0000 and u0001 get a third of the findings
        user = users[rng.randrange(2)] if rng.random() < 0.33 else rng.choice(users)
        patient = f"P{rng.randrange(100000):06d}"
        at = week.start + timedelta(seconds=rng.randrange(7 * 24 * 3600))
        text = f"{user} opened {patient} ({category})"
        if hostile and i == 0:
            text = f"{user} opened {patient}: reason {HOSTILE}"
        findings.append(
            AccessFinding(
                rule_id=rule_id,
                category=category,
                severity=severity,
                event_id=f"{week.label}-e{i:06d}",
                user_id=user,
                patient_id=patient,
                timestamp=at,
                explanation=text,
                source="access.csv",
                fingerprint=f"{week.number:08x}{i:056x}",
            )
        )
    with actx.transaction() as s:
        repo.upsert_findings(s, findings, run_id)
        s.execute(
            update(Finding)
            .where(Finding.last_run_id == run_id)
            .values(
                first_seen=week.end - timedelta(hours=1), last_seen=week.end - timedelta(hours=1)
            )
        )


def _documents_run(actx: AppContext, week: WeekLike, rng: random.Random, files: int) -> None:
    phi: list[PhiFinding] = []
    for i in range(files):
        folder = FOLDERS[i % len(FOLDERS)]
        path = f"{EXPORT_ROOT}/{folder}/{week.label}-export-{i:03d}.txt"
        types = sorted(rng.sample(PHI_TYPES, rng.randint(1, 3)))
        for j, t in enumerate(types):
            phi.append(
                PhiFinding(
                    source=path,
                    entity_type=t,
                    start=10 * j,
                    end=10 * j + 8,
                    score=0.85,
                    fingerprint=f"{week.number:08x}{i:024x}{j:032x}",
                )
            )
    summary = {
        "files_scanned": files * 4,
        "findings_by_type": {t: sum(1 for f in phi if f.entity_type == t) for t in PHI_TYPES},
    }
    with actx.transaction() as s:
        run = repo.create_run(s, "documents", EXPORT_ROOT, params={"paths": [EXPORT_ROOT]})
        repo.upsert_findings(s, phi, run.id)
        repo.finish_run(
            s,
            run.id,
            status=RunStatus.DONE,
            records_read=files * 4,
            records_processed=files * 4,
            findings_count=len(phi),
            summary=summary,
        )
        s.execute(
            update(Finding)
            .where(Finding.last_run_id == run.id)
            .values(
                first_seen=week.start + timedelta(days=2),
                last_seen=week.start + timedelta(days=2),
                event_time=week.start + timedelta(days=2),
            )
        )
    _pin_run(actx, run.id, week.start + timedelta(days=2))


def _failed_run(actx: AppContext, week: WeekLike) -> None:
    with actx.transaction() as s:
        run = repo.create_run(s, "access-logs", "/var/log/ehr/fhir.ndjson")
        repo.finish_run(
            s, run.id, status=RunStatus.FAILED, error="source unreadable: /var/log/ehr/fhir.ndjson"
        )
    _pin_run(actx, run.id, week.start + timedelta(days=3, hours=4))


def _triage(actx: AppContext, rng: random.Random, fraction: float) -> None:
    with actx.sessions() as s:
        ids = list(
            s.scalars(
                Finding.__table__.select()
                .with_only_columns(Finding.id)
                .where(Finding.kind == FindingKind.ACCESS)
                .order_by(Finding.id)
            )
        )
    chosen = [i for i in ids if rng.random() < fraction]
    statuses = [FindingStatus.CONFIRMED, FindingStatus.DISMISSED, FindingStatus.ESCALATED]
    with actx.transaction() as s:
        for k, fid in enumerate(chosen):
            repo.set_finding_status(s, fid, statuses[k % 3], "privacy.officer", note="reviewed")


def seed_report_history(
    actx: AppContext,
    week: WeekLike,
    *,
    findings: int = 40,
    trend_findings: int = 12,
    phi_files: int = 6,
    seed_value: int = 7,
    hostile: bool = True,
) -> None:
    """The report week plus eight weeks of history; week -3 has no access scan (a gap)."""
    rng = random.Random(seed_value)
    for back in range(8, 0, -1):
        w = week.shifted(-back)
        if back == 3:
            continue
        run_id = _access_run(actx, w, rng)
        _access_findings(actx, w, rng, trend_findings + back, run_id, hostile=False)
        if back % 2 == 0:
            _documents_run(actx, w, rng, max(1, phi_files // 2))
    run_id = _access_run(actx, week, rng, days=6)
    _access_findings(actx, week, rng, findings, run_id, hostile=hostile)
    _documents_run(actx, week, rng, phi_files)
    _failed_run(actx, week)
    _triage(actx, rng, 0.3)


def fixed_clock(week: WeekLike) -> datetime:
    """Tuesday after the report week, 06:00 UTC: when a weekly job would run."""
    return (week.end + timedelta(days=1, hours=6)).astimezone(UTC)
