"""The carry's upkeep from its kept marks leaves the carry it left when it read them.

``engine.CarryMarks`` (the carry's newest instant, a bound on its oldest) replace the scans
of the whole carry that each segment's upkeep made, and the segment's carried copies are
found once (``engine.segment_copies``) instead of again as the carry takes the segment.
These tests run the same scans with both and without them (``marks=None``, ``copies=None``:
read from the carry, as before) and compare,
after every segment, the carry's events with their keys and the window rule's bucket
counts, and what every segment's window rule reported, on traffic over more hours than
the carry keeps: events forgotten as the newest instant moves on, events older than the
cutoff delivered again, a second scan continuing from the first's persisted carry.
"""

from __future__ import annotations

import dataclasses
import itertools
import random
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import duckdb
import pytest

from auditor.policy import engine, hits
from auditor.services import access_scan
from tests.policy.test_window_reference import START, THRESHOLD, Event
from tests.policy.window_scans import Finding, scan_findings, write_csv

HOURS = 5  # the carry keeps this many hours before the newest event (the traffic spans 30)

Snapshot = tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]  # carry rows, bucket counts


def _spread(seed: int) -> list[Event]:
    """Clusters of accesses (some over the threshold) of four users over 30 hours,
    shuffled: a log read out of time order, so the cutoff moves while old events still
    come."""
    rng = random.Random(seed)
    events: list[Event] = []
    for u in range(4):
        for _ in range(10):
            t = START + timedelta(minutes=rng.randint(0, 30 * 60))
            for _ in range(rng.randint(4, 2 * THRESHOLD + 4)):
                t += timedelta(seconds=rng.choice([0, 20, 45, 60, 90]))
                events.append((f"s{len(events):05d}", t, f"U{u}", f"P{rng.randint(0, 12)}"))
    rng.shuffle(events)
    return events


def _plan(events: list[Event], seed: int, folder: Path) -> list[list[Path]]:
    """The earlier 60% of the events in time order (the newest instant moves on segment by
    segment, and the carry forgets), then the rest in time order and every event again
    shuffled, in a second scan that continues from the first's persisted carry."""
    ordered = sorted(events, key=lambda e: (e[1], e[0]))
    cut = len(ordered) * 3 // 5
    again = list(events)
    random.Random(seed).shuffle(again)
    first = write_csv(ordered[:cut], folder / "a.csv")
    second = write_csv(ordered[cut:], folder / "b.csv")
    return [[first], [second, write_csv(again, folder / "c.csv")]]


def _scan(
    home: Path, plan: list[list[Path]], monkeypatch: pytest.MonkeyPatch, *, marks: bool
) -> tuple[set[Finding], list[Snapshot], list[list[tuple[Any, ...]]]]:
    """Findings of one scan per entry of ``plan`` in a fresh home (the carry kept ``HOURS``),
    the carry after every segment's advance, and each segment's window hits."""
    snapshots: list[Snapshot] = []
    reported: list[list[tuple[Any, ...]]] = []
    advance, save, iter_hits = engine.advance_carry, engine.save_carry_part, hits.iter_hits
    config = access_scan._engine_config

    def advanced(con: duckdb.DuckDBPyConnection, active: Any, *args: Any) -> int:
        if not marks:  # label, hours, merged, floor; marks and copies read from the carry
            args = (*args[:4], None, None)
        floor = advance(con, active, *args)
        rows = con.execute(
            "SELECT k, ekey, epoch_us(event__timestamp) FROM carry ORDER BY k"
        ).fetchall()
        counts = [
            con.execute(
                f"SELECT grp, b, sum(c) FROM {engine.bucket_table(a)} GROUP BY ALL ORDER BY ALL"
            ).fetchall()
            for a in active
            if a.rule.window is not None
        ]
        snapshots.append((rows, [row for table in counts for row in table]))
        return floor

    def saved(*args: Any, **kwargs: Any) -> Any:
        if not marks:
            kwargs["marks"] = kwargs["copies"] = None
        return save(*args, **kwargs)

    def recorded(*args: Any, **kwargs: Any) -> Iterator[list[tuple[Any, ...]]]:
        mine: list[tuple[Any, ...]] = []
        for chunk in iter_hits(*args, **kwargs):
            mine += [row for row in chunk if "distinct patients" in str(row[7])]
            yield chunk
        reported.append(sorted(mine, key=repr))

    with monkeypatch.context() as patch:
        patch.setattr(engine, "advance_carry", advanced)
        patch.setattr(engine, "save_carry_part", saved)
        patch.setattr(hits, "iter_hits", recorded)
        patch.setattr(
            access_scan,
            "_engine_config",
            lambda *a: dataclasses.replace(config(*a), carry_hours=HOURS),
        )
        patch.setenv("AUDITOR_HOME", str(home))
        findings = scan_findings(home, plan)
    return findings, snapshots, reported


@pytest.mark.parametrize("seed", [2, 13, 31])
def test_marks_leave_the_carry_reading_it_left(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seed: int
) -> None:
    plan = _plan(_spread(seed), seed, tmp_path)

    read, read_carry, read_hits = _scan(tmp_path / "read", plan, monkeypatch, marks=False)
    kept, kept_carry, kept_hits = _scan(tmp_path / "kept", plan, monkeypatch, marks=True)

    assert len(read_carry) > 10
    keys = [{row[1] for row in rows} for rows, _ in read_carry]
    assert any(a - b for a, b in itertools.pairwise(keys)), "nothing was forgotten"
    assert any(read_hits), "some segment should report a burst"
    assert kept_carry == read_carry  # segment by segment: events, keys, bucket counts
    assert kept_hits == read_hits
    assert kept == read
