"""Window rules against a brute-force reference, on random traffic with bursts.

The engine narrows the sliding-window count to adjacent time buckets that could hold a
burst; these tests hold it to the plain definition (every event's window counted in
Python), across segment boundaries, equal timestamps and bucket edges.
"""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from auditor.context import AppContext
from auditor.findings import AccessFinding
from auditor.services.access_scan import AccessScanRequest, scan_access_logs
from auditor.synth.hospital_data import Access
from auditor.synth.hospital_files import fhir_event
from tests.collect import into

WINDOW = 10  # minutes
THRESHOLD = 5
START = datetime(2024, 3, 5, 8, 0, tzinfo=UTC)

Event = tuple[str, datetime, str, str]  # event id, time, user, patient


def _traffic(seed: int) -> list[Event]:
    rng = random.Random(seed)
    events: list[Event] = []
    for u in range(6):
        t = START + timedelta(minutes=rng.randint(0, 30))
        for _ in range(rng.randint(20, 120)):
            # Mostly sparse, sometimes a tight run (a burst candidate), sometimes a pile-up
            # on the same second or exactly on a bucket edge.
            step = rng.choice([0, 0, 5, 20, 45, 60, 90, 300, 600, 1800])
            t += timedelta(seconds=step)
            if rng.random() < 0.05:
                t = t.replace(second=0, microsecond=0) + timedelta(
                    minutes=WINDOW - t.minute % WINDOW
                )
            events.append((f"e{len(events):05d}", t, f"U{u}", f"P{rng.randint(0, 15)}"))
    rng.shuffle(events)
    return events


def _reference(events: list[Event]) -> dict[str, int]:
    """{first event id of each burst: max distinct patients} by the rule's definition."""
    out: dict[str, int] = {}
    window = timedelta(minutes=WINDOW)
    for user in sorted({e[2] for e in events}):
        mine = sorted((e for e in events if e[2] == user), key=lambda e: (e[1], e[0]))
        hot: list[tuple[Event, int]] = []
        for ev in mine:
            # RANGE ... CURRENT ROW: every event at the same instant counts too.
            inside = {p for _, t, _, p in mine if ev[1] - window <= t <= ev[1]}
            if len(inside) > THRESHOLD:
                hot.append((ev, len(inside)))
        prev: datetime | None = None
        first = ""
        for ev, n in hot:
            if prev is None or ev[1] - prev > window:
                first = ev[0]
                out[first] = n
            out[first] = max(out[first], n)
            prev = ev[1]
    return out


def _write(events: list[Event], folder: Path, fmt: str) -> Path:
    ordered = sorted(events, key=lambda e: (e[1], e[0]))  # logs arrive in time order
    if fmt == "csv":
        log = folder / "log.csv"
        log.write_text(
            "event_id,timestamp,user_id,patient_id\n"
            + "".join(f"{i},{t.isoformat()},{u},{p}\n" for i, t, u, p in ordered)
        )
        return log
    log = folder / "log.ndjson"
    accesses = [Access(t, u, p, "note", "ED", event_id=i) for i, t, u, p in ordered]
    log.write_text("".join(json.dumps(fhir_event(a)) + "\n" for a in accesses))
    return log


@pytest.mark.parametrize("seed", list(range(1, 31)))
@pytest.mark.parametrize(("fmt", "small"), [("csv", False), ("csv", True), ("fhir", True)])
def test_bursts_match_the_definition(
    actx: AppContext, tmp_path: Path, seed: int, fmt: str, small: bool
) -> None:
    actx.settings.access.high_volume_threshold = THRESHOLD
    actx.settings.access.high_volume_window_minutes = WINDOW
    if small:  # bursts span segments: the carry, and same-instant events kept together
        actx.settings.access.segment_mb = 0.002
        actx.settings.access.events_per_segment = 37
    events = _traffic(seed)
    log = _write(events, tmp_path, fmt)
    found: list[AccessFinding] = []
    scan_access_logs(actx, AccessScanRequest([log], on_batch=into(found)))
    bursts = {f.event_id: f for f in found if f.category == "high_volume"}
    expected = _reference(events)
    assert expected, "the traffic should contain bursts"
    assert set(bursts) == set(expected)
    for event_id, n in expected.items():
        text = bursts[event_id].explanation
        if not small:
            assert f"opened {n} distinct patients" in text
        else:
            # A burst is reported with the segment it starts in: its count is the peak seen
            # by then, a lower bound when the burst runs on into the next segment.
            shown = int(text.split("opened ")[1].split(" distinct")[0])
            assert THRESHOLD < shown <= n
