"""A window rule's stages read the carry's counts from a bound before the segment, and all
of them again when a burst found starts near that bound (``engine.window_steps``).

A burst that runs for hours (a user opening a new patient every 90 seconds) reaches back far
beyond ``engine.KEEP_REACH`` buckets before each later segment: read from the bound alone,
it and so its first event would be cut there.
Each segment's window hits are held, row by row, to the rule's query in one statement over
the carry (``test_window_staged._compare``), and the second read must have happened.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from auditor.policy import engine
from tests.policy.test_window_reference import START, WINDOW, Event
from tests.policy.test_window_staged import _compare
from tests.policy.window_scans import write_csv


def _long_burst(seed: int) -> list[Event]:
    """U1: a new patient every 90 seconds for three hours (one burst, first over the
    threshold at ``L5``); U5: a short burst at the end; U2-U4: a few events an hour on few
    patients (no burst); in time order."""
    rng = random.Random(seed)
    events: list[Event] = [
        (f"L{i}", START + timedelta(seconds=90 * i), "U1", f"P{i}") for i in range(120)
    ]
    # U5: a short burst late in the log (8 new patients in 4 minutes), found by a read
    # from the bound alone while U1's is read again.
    at = START + timedelta(hours=2, minutes=40)
    events += [(f"S{i}", at + timedelta(seconds=30 * i), "U5", f"PS{i}") for i in range(8)]
    for u in range(2, 5):
        for i in range(rng.randint(8, 14)):
            at = START + timedelta(minutes=rng.randint(0, 180), seconds=i)
            events.append((f"q{u}-{i}", at, f"U{u}", f"P{rng.randint(0, 2)}"))
    return sorted(events, key=lambda e: (e[1], e[0]))


@pytest.mark.parametrize("seed", [1, 7])
def test_an_island_beyond_the_bound_is_read_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seed: int
) -> None:
    assert 180 / WINDOW > 2 * engine.KEEP_REACH  # the burst outreaches the bound
    plan = [[write_csv(_long_burst(seed), tmp_path / "a.csv")]]
    again = [0]
    steps = engine.window_steps

    def counted(con: Any, *args: Any, **kwargs: Any) -> Iterator[str]:
        made = 0
        for step in steps(con, *args, **kwargs):
            made += f"TABLE {engine.W_KEEP} AS" in step
            yield step
        again[0] += made > 1

    monkeypatch.setattr(engine, "window_steps", counted)
    seen = _compare(tmp_path, plan, monkeypatch)
    assert again[0] >= 2, "later segments should read all of the carry's counts again"
    firsts = sorted({row[2] for rows in seen for row in rows})
    assert firsts == ["L5", "S5"]  # each burst from its first event over the threshold
