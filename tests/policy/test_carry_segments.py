"""The window carry does not depend on where segments are cut or how often events come.

A log in time order cut into segments of any size, then delivered again: the window rules
find exactly the bursts of one clean pass. However the events arrive (again, or in random
order, which lets a burst be reported early by the first event known then, as a finding is
never withdrawn), the carry holds every event once.
"""

from __future__ import annotations

import random
from pathlib import Path

import duckdb
import pytest

from auditor.context import AppContext
from auditor.findings import AccessFinding
from auditor.services.access_scan import AccessScanRequest, scan_access_logs
from auditor.services.access_segments import load_manifest
from tests.collect import into
from tests.policy.test_window_reference import THRESHOLD, WINDOW, Event, _reference, _traffic


def _csv(events: list[Event], path: Path) -> Path:
    path.write_text(
        "event_id,timestamp,user_id,patient_id\n"
        + "".join(f"{i},{t.isoformat()},{u},{p}\n" for i, t, u, p in events)
    )
    return path


def _bursts(actx: AppContext, logs: list[Path], segment_mb: float) -> set[str]:
    actx.settings.access.high_volume_threshold = THRESHOLD
    actx.settings.access.high_volume_window_minutes = WINDOW
    actx.settings.access.segment_mb = segment_mb
    found: list[AccessFinding] = []
    scan_access_logs(actx, AccessScanRequest(logs, on_batch=into(found)))
    return {f.event_id for f in found if f.category == "high_volume"}


def _carried(actx: AppContext) -> tuple[int, int, int]:
    """(rows, distinct event keys, distinct event ids) of the persisted carry (its parts)."""
    manifest = load_manifest(actx)
    con = duckdb.connect()
    try:
        row = con.execute(
            "SELECT count(*), count(DISTINCT ekey), count(DISTINCT event__event_id) "
            "FROM read_parquet(?) WHERE epoch_us(event__timestamp) >= ?",
            [[str(p) for p in manifest.files()], manifest.cutoff or -(2**62)],
        ).fetchone()
    finally:
        con.close()
    assert row is not None
    return int(row[0]), int(row[1]), int(row[2])


@pytest.mark.parametrize("seed", [3, 11, 29])
@pytest.mark.parametrize("segment_mb", [0.0007, 0.0023, 0.011, 64.0])
def test_bursts_and_carry_do_not_depend_on_cuts_or_deliveries(
    actx: AppContext, tmp_path: Path, seed: int, segment_mb: float
) -> None:
    events = _traffic(seed)
    log = _csv(sorted(events, key=lambda e: (e[1], e[0])), tmp_path / "log.csv")
    expected = set(_reference(events))
    assert expected, "the traffic should contain bursts"
    assert _bursts(actx, [log, log], segment_mb) == expected
    rows, keys, ids = _carried(actx)
    assert rows == keys == ids == len(events)  # each event once, however often delivered


@pytest.mark.parametrize("seed", [5, 17])
@pytest.mark.parametrize("segment_mb", [0.0007, 0.0031])
def test_carry_holds_each_event_once_in_any_order(
    actx: AppContext, tmp_path: Path, seed: int, segment_mb: float
) -> None:
    events = _traffic(seed)  # shuffled: file order is not time order
    copy = _csv(events, tmp_path / "copy.csv")
    again = list(events)
    random.Random(seed).shuffle(again)
    other = _csv(again, tmp_path / "other.csv")
    assert _bursts(actx, [copy, other, copy], segment_mb)
    rows, keys, ids = _carried(actx)
    assert rows == keys == ids == len(events)
    assert _bursts(actx, [other], segment_mb) is not None  # a later scan reads it back
    assert _carried(actx) == (rows, keys, ids)
