"""Scans for the window rule's tests: small events files, and the findings of one scan per
entry of a plan in small segments (37 events), so bursts cross segments and files."""

from __future__ import annotations

import random
from pathlib import Path

from auditor.context import open_context
from auditor.findings import AccessFinding
from auditor.services.access_scan import AccessScanRequest, scan_access_logs
from tests.collect import into
from tests.policy.test_window_reference import THRESHOLD, WINDOW, Event

Finding = tuple[str, str, str]  # rule, event, explanation


def write_csv(events: list[Event], path: Path) -> Path:
    path.write_text(
        "event_id,timestamp,user_id,patient_id\n"
        + "".join(f"{i},{t.isoformat()},{u},{p}\n" for i, t, u, p in events)
    )
    return path


def scan_findings(home: Path, plan: list[list[Path]]) -> set[Finding]:
    """(rule, event, explanation) of one scan per entry of ``plan`` in ``home``."""
    found: list[AccessFinding] = []
    actx = open_context(home)
    try:
        actx.settings.access.high_volume_threshold = THRESHOLD
        actx.settings.access.high_volume_window_minutes = WINDOW
        actx.settings.access.segment_mb = 0.002
        actx.settings.access.events_per_segment = 37
        for logs in plan:
            scan_access_logs(actx, AccessScanRequest(logs, on_batch=into(found)))
    finally:
        actx.close()
    return {(f.rule_id, f.event_id, f.explanation) for f in found}


def carried_plan(events: list[Event], seed: int, folder: Path) -> list[list[Path]]:
    """Half the events in one file, half in another, then every event again shuffled: the
    second scan reads the first's carry, and islands cross segments (37 events), files and
    copies in the carry and the segment."""
    cut = len(events) // 2
    first = write_csv(events[:cut], folder / "a.csv")
    second = write_csv(events[cut:], folder / "b.csv")
    again = list(events)
    random.Random(seed).shuffle(again)
    third = write_csv(again, folder / "c.csv")
    return [[first], [second, third]]
