"""The window query's narrowing to pairs hot by distinct values changes no burst.

``engine.refine_sql`` drops the islands of bucket pairs that hold more events than the
threshold but not more distinct values before the window operators run. These tests run
the same scans with it on and off (``engine.REFINE_PAIRS``) and compare what every
segment's window query reported, row by row (a burst's first event, its source and its
explanation with the count), not only the run's findings, on traffic read out of time
order: bursts that a later segment or scan merges (moving a burst's first event), copies
of every event delivered again, a second scan over the first's carry, slices of groups.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from auditor.policy import engine, hits
from tests.policy.test_window_reference import (
    START,
    Event,
    _reference,
    _traffic,
)
from tests.policy.window_scans import Finding, carried_plan, scan_findings, write_csv

Reported = list[list[tuple[Any, ...]]]  # per segment: the window rule's hit rows, sorted


def _scan(
    home: Path,
    plan: list[list[Path]],
    monkeypatch: pytest.MonkeyPatch,
    *,
    refine: bool,
    slices: int | None = None,
) -> tuple[set[Finding], Reported]:
    """Findings of one scan per entry of ``plan`` in a fresh home, and what each segment's
    window rule reported (``hits.iter_hits`` rows with a count)."""
    reported: Reported = []
    iter_hits = hits.iter_hits

    def recorded(*args: Any, **kwargs: Any) -> Iterator[list[tuple[Any, ...]]]:
        mine: list[tuple[Any, ...]] = []
        for chunk in iter_hits(*args, **kwargs):
            mine += [row for row in chunk if "distinct patients" in str(row[7])]
            yield chunk
        reported.append(sorted(mine, key=repr))

    with monkeypatch.context() as patch:
        patch.setattr(engine, "REFINE_PAIRS", refine)
        patch.setattr(hits, "iter_hits", recorded)
        if slices is not None:
            patch.setattr(engine, "slice_count", lambda _rows, _memory: slices)
        patch.setenv("AUDITOR_HOME", str(home))
        findings = scan_findings(home, plan)
    return findings, reported


def _repeats(seed: int) -> list[Event]:
    """``_traffic`` plus users who open the same few patients again and again: pairs of
    buckets over the threshold by events, not by distinct patients, next to real bursts."""
    rng = random.Random(seed)
    events = _traffic(seed)
    for u in range(6):
        t = START + timedelta(minutes=rng.randint(0, 60))
        for _ in range(rng.randint(30, 90)):
            t += timedelta(seconds=rng.choice([0, 10, 30, 60]))
            # U0-U5 are _traffic's users too: their repeats lie across their bursts.
            events.append((f"r{len(events):05d}", t, f"U{u}", f"P{rng.randint(0, 2)}"))
    rng.shuffle(events)
    return events


def _merging() -> tuple[list[Event], list[Event]]:
    """Two bursts of U9 sixteen minutes apart (separate: more than the 10-minute window),
    and events between them, delivered later, that are over the threshold themselves and
    chain the two into one burst: the second burst's first event moves to the first's.
    Repeats of one patient around them make their bucket pairs hot by events throughout."""
    at = START + timedelta(hours=3)
    first = [(f"a{i}", at + timedelta(seconds=30 * i), "U9", f"PA{i}") for i in range(8)]
    second = [
        (f"b{i}", at + timedelta(minutes=20, seconds=30 * i), "U9", f"PB{i}") for i in range(8)
    ]
    bridge = [
        (f"g{i}", at + timedelta(minutes=m), "U9", f"PG{i}")
        for i, m in enumerate([9, 9, 12, 12, 15, 15, 18, 18])
    ]
    noise = [  # one patient, every two minutes from 40 minutes before to 80 after
        (f"n{i}", at + timedelta(minutes=-40 + 2 * i, seconds=1), "U9", "PN") for i in range(60)
    ]
    return first + second + noise, bridge


@pytest.mark.parametrize(
    "seed", [3, *(pytest.param(s, marks=pytest.mark.exhaustive) for s in (11, 23))]
)
@pytest.mark.parametrize("slices", [None, 3])
def test_narrowing_reports_what_the_whole_islands_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seed: int, slices: int | None
) -> None:
    events = _repeats(seed)
    plan = carried_plan(events, seed, tmp_path)

    whole, seen_whole = _scan(tmp_path / "whole", plan, monkeypatch, refine=False, slices=slices)
    narrow, seen_narrow = _scan(tmp_path / "narrow", plan, monkeypatch, refine=True, slices=slices)

    assert any(seen_whole), "some segment should report a burst"
    assert seen_narrow == seen_whole  # segment by segment, row by row
    assert narrow == whole


def test_a_later_segment_merges_two_bursts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    early, bridge = _merging()
    random.Random(5).shuffle(early)
    first = write_csv(early, tmp_path / "a.csv")
    second = write_csv(bridge, tmp_path / "b.csv")
    plan = [[first], [second]]

    whole, seen_whole = _scan(tmp_path / "whole", plan, monkeypatch, refine=False)
    narrow, seen_narrow = _scan(tmp_path / "narrow", plan, monkeypatch, refine=True)

    assert seen_narrow == seen_whole
    assert narrow == whole
    apart, merged = _reference(early), _reference(early + bridge)
    assert len(apart) == 2 and len(merged) == 1 and set(merged) <= set(apart)
    bursts = {event for rule, event, _ in narrow if rule == "ACC-VOLUME-001"}
    assert set(apart) <= bursts  # each reported by the first scan
    # The bridge (the second scan, one segment) makes them one, which that segment reports
    # by the first burst's first event, with the merged burst's peak.
    (first_event, peak), last = next(iter(merged.items())), seen_narrow[-1]
    assert [(row[2], f"opened {peak} distinct" in row[7]) for row in last] == [(first_event, True)]
