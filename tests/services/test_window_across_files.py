"""A burst is found however its events are split across files and feeds (issue #15).

41 distinct patients in 60 minutes, over midnight, half in a CSV extract and half in a FHIR
feed: whichever file is scanned first, in one run or two, re-scanned or not, the store holds
exactly one high-volume finding.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from auditor.context import AppContext, open_context
from auditor.services.access_scan import AccessScanRequest, scan_access_logs
from auditor.store.models import Finding
from auditor.synth.hospital_data import Access
from auditor.synth.hospital_files import fhir_event

MIDNIGHT = datetime(2026, 11, 18, tzinfo=UTC)


def _files(folder: Path) -> tuple[Path, Path]:
    times = [MIDNIGHT - timedelta(minutes=30) + timedelta(seconds=85 * i) for i in range(41)]
    events = [(f"ev{i:03d}", t, "U1", f"P{i:03d}") for i, t in enumerate(times)]
    before = [e for e in events if e[1] < MIDNIGHT]
    after = [e for e in events if e[1] >= MIDNIGHT]
    assert before and after and len(before) < 40 and len(after) < 40  # neither alone bursts
    csv = folder / "ehr-2026-11-17.csv"
    csv.write_text(
        "event_id,timestamp,user_id,patient_id\n"
        + "".join(f"{i},{t.isoformat()},{u},{p}\n" for i, t, u, p in before)
    )
    fhir = folder / "dept-2026-11-18.ndjson"
    accesses = [Access(t, u, p, "note", "ED", event_id=i) for i, t, u, p in after]
    fhir.write_text("".join(json.dumps(fhir_event(a)) + "\n" for a in accesses))
    return csv, fhir


def _bursts(actx: AppContext) -> int:
    with actx.transaction() as s:
        stmt = select(func.count()).where(Finding.category == "high_volume")
        return int(s.scalar(stmt) or 0)


def _configure(actx: AppContext) -> None:
    actx.settings.access.high_volume_threshold = 40
    actx.settings.access.high_volume_window_minutes = 60


@pytest.mark.parametrize("order", ["csv-first", "fhir-first", "one-run"])
def test_burst_split_over_two_feeds_and_midnight_is_found_once(tmp_path: Path, order: str) -> None:
    csv, fhir = _files(tmp_path)
    plan = {"csv-first": [[csv], [fhir]], "fhir-first": [[fhir], [csv]], "one-run": [[fhir, csv]]}
    with open_context(tmp_path / "home") as actx:
        _configure(actx)
        totals = [
            scan_access_logs(actx, AccessScanRequest(paths)).findings_by_category.get(
                "high_volume", 0
            )
            for paths in plan[order]
        ]
        assert _bursts(actx) == 1
        assert totals[-1] == 1  # the scan that completed the burst reported it
        first = scan_access_logs(actx, AccessScanRequest([csv]))  # a re-scan adds nothing
        assert first.findings_new == 0 and _bursts(actx) == 1
        with actx.transaction() as s:
            event_id = s.scalar(select(Finding.event_id).where(Finding.category == "high_volume"))
        assert event_id == "ev040"  # the 41st patient: where the window first exceeds 40
