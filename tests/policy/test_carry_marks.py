"""The carry's upkeep from its kept marks leaves the carry the window's definition asks for.

``engine.CarryMarks`` (the carry's newest instant, a bound on its oldest) replace the scans
of the whole carry that each segment's upkeep made, and the segment's carried copies are
found once (``engine.segment_copies``) instead of again as the carry takes the segment.
These tests check the carry after every segment against what it should hold, computed apart
from the engine from the events delivered so far: each distinct event (by its key) no more
than ``HOURS`` older than the newest instant delivered, once; and the window rule's bucket
counts at least a recount of the carried events (the narrowing reads them as bounds), on
traffic over more hours than the carry keeps: events forgotten as the newest instant moves
on, events older than the cutoff delivered again, a second scan continuing from the first's
persisted carry. Each segment's window hits are held to a one-statement query over the
carry in ``test_window_staged``.
"""

from __future__ import annotations

import dataclasses
import itertools
import random
from datetime import timedelta
from pathlib import Path
from typing import Any

import duckdb
import pytest

from auditor.policy import engine
from auditor.policy.view import SEGMENT
from auditor.services import access_scan
from tests.policy.test_window_reference import START, THRESHOLD, Event
from tests.policy.window_scans import scan_findings, write_csv

HOURS = 5  # the carry keeps this many hours before the newest event (the traffic spans 30)

# (key, instant) of each carried event; bucket counts below a recount of the carry (none).
Snapshot = tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]


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
    home: Path, plan: list[list[Path]], monkeypatch: pytest.MonkeyPatch
) -> tuple[list[Snapshot], list[Snapshot]]:
    """One scan per entry of ``plan`` in a fresh home (the carry kept ``HOURS``): after
    every segment's advance, the carry as the engine left it and as it should be."""
    got: list[Snapshot] = []
    want: list[Snapshot] = []
    delivered: dict[str, int] = {}  # every event read so far: key -> instant (us)
    advance, save = engine.advance_carry, engine.save_carry_part
    config = access_scan._engine_config
    hours_us = HOURS * 3_600_000_000

    def read(con: duckdb.DuckDBPyConnection) -> None:
        sql = f"SELECT ekey, epoch_us(event__timestamp) FROM {SEGMENT}"
        for ekey, us in con.execute(sql).fetchall():
            delivered.setdefault(ekey, int(us))

    def advanced(con: duckdb.DuckDBPyConnection, active: Any, *args: Any) -> int:
        read(con)  # the segment the carry takes now
        floor = advance(con, active, *args)
        rows = con.execute("SELECT ekey, epoch_us(event__timestamp) FROM carry").fetchall()
        counts: list[tuple[Any, ...]] = []
        recount: list[tuple[Any, ...]] = []
        for a in active:
            if a.rule.window is None:
                continue
            grp, cond, ms = engine._bucket_parts(a)
            table = engine.bucket_table(a)
            counts += con.execute(f"SELECT grp, b, sum(c) FROM {table} GROUP BY ALL").fetchall()
            recount += con.execute(
                f"SELECT {grp}, {engine._bucket_of(ms)}, count(*) FROM carry WHERE {cond} "
                "GROUP BY ALL"
            ).fetchall()
        bound = {(g, b): n for g, b, n in counts}
        newest = max(delivered.values())
        kept = sorted((k, t) for k, t in delivered.items() if t >= newest - hours_us)
        got.append((sorted(rows), [row for row in recount if row[2] > bound.get(row[:2], 0)]))
        want.append((kept, []))
        return floor

    def saved(con: duckdb.DuckDBPyConnection, *args: Any, **kwargs: Any) -> Any:
        if kwargs.get("pending") is not None:  # the scan's last segment, written straight
            read(con)
        return save(con, *args, **kwargs)

    with monkeypatch.context() as patch:
        patch.setattr(engine, "advance_carry", advanced)
        patch.setattr(engine, "save_carry_part", saved)
        patch.setattr(
            access_scan,
            "_engine_config",
            lambda *a: dataclasses.replace(config(*a), carry_hours=HOURS),
        )
        patch.setenv("AUDITOR_HOME", str(home))
        scan_findings(home, plan)
    return got, want


@pytest.mark.parametrize("seed", [2, 13, 31])
def test_the_carry_holds_what_the_window_keeps(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seed: int
) -> None:
    plan = _plan(_spread(seed), seed, tmp_path)
    got, want = _scan(tmp_path / "home", plan, monkeypatch)
    assert len(want) > 10
    keys = [{k for k, _ in rows} for rows, _ in want]
    assert any(a - b for a, b in itertools.pairwise(keys)), "nothing was forgotten"
    assert got == want  # segment by segment: events (each once), buckets at least counted


def test_an_event_twice_in_one_segment_is_carried_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each event on two lines in a row (a line sent twice: the two rows share an instant,
    so no segment boundary falls between them): the carry takes each event once, as it does
    a segment of distinct events, which it takes whole without the joins that drop copies."""
    events = sorted(_spread(7), key=lambda e: (e[1], e[0]))
    doubled = [e for e in events for _ in range(2)]
    plan = [[write_csv(doubled, tmp_path / "twice.csv")], [write_csv(events, tmp_path / "b.csv")]]
    got, want = _scan(tmp_path / "home", plan, monkeypatch)
    assert len(want) > 10
    assert got == want
