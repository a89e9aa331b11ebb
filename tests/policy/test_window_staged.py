"""The window rule's carried events, staged once a segment, change no burst.

``engine.keep_carried_sql`` stages the carried events of the islands a segment touches
(``W_SRC``), which the narrowing and the window query (each slice) then read instead of the
carry. These tests run the same scans with the stage on and off (``engine.STAGE_CARRIED``)
and compare what every segment's window rule reported, row by row (a burst's first event,
its source, its explanation with the count): bursts across 37-event segments and two
files, every event delivered again, a second scan continuing from the first's persisted
carry, a later scan bridging two bursts into one, slices of groups, and a log out of time
order over more hours than the carry keeps.
"""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from auditor.policy import engine, hits
from auditor.services import access_scan
from tests.policy.test_carry_marks import HOURS, _plan, _spread
from tests.policy.test_window_refine import _merging, _repeats
from tests.policy.window_scans import Finding, carried_plan, scan_findings, write_csv

Reported = list[list[tuple[Any, ...]]]  # per segment: the window rule's hit rows, sorted


def _scan(
    home: Path,
    plan: list[list[Path]],
    monkeypatch: pytest.MonkeyPatch,
    *,
    staged: bool,
    slices: int | None = None,
    hours: int | None = None,
) -> tuple[set[Finding], Reported, int]:
    """Findings of one scan per entry of ``plan`` in a fresh home, what each segment's
    window rule reported, and how many carried events were staged in all."""
    reported: Reported = []
    staged_rows = [0]
    iter_hits, steps, config = hits.iter_hits, engine.window_steps, access_scan._engine_config

    def recorded(*args: Any, **kwargs: Any) -> Iterator[list[tuple[Any, ...]]]:
        mine: list[tuple[Any, ...]] = []
        for chunk in iter_hits(*args, **kwargs):
            mine += [row for row in chunk if "distinct patients" in str(row[7])]
            yield chunk
        reported.append(sorted(mine, key=repr))

    def counted(con: Any, *args: Any, **kwargs: Any) -> Iterator[str]:
        for step in steps(con, *args, **kwargs):
            yield step
            if engine.W_SRC in step.split(" AS ")[0]:
                row = con.execute(f"SELECT count(*) FROM {engine.W_SRC}").fetchone()
                staged_rows[0] += int(row[0]) if row else 0

    with monkeypatch.context() as patch:
        patch.setattr(engine, "STAGE_CARRIED", staged)
        patch.setattr(hits, "iter_hits", recorded)
        patch.setattr(hits, "window_steps", counted)
        if slices is not None:
            patch.setattr(engine, "slice_count", lambda _rows, _memory: slices)
        if hours is not None:
            patch.setattr(
                access_scan,
                "_engine_config",
                lambda *a: dataclasses.replace(config(*a), carry_hours=hours),
            )
        patch.setenv("AUDITOR_HOME", str(home))
        findings = scan_findings(home, plan)
    return findings, reported, staged_rows[0]


def _compare(
    tmp_path: Path, plan: list[list[Path]], monkeypatch: pytest.MonkeyPatch, **kw: Any
) -> Reported:
    read, seen_read, none = _scan(tmp_path / "read", plan, monkeypatch, staged=False, **kw)
    staged, seen_staged, rows = _scan(tmp_path / "staged", plan, monkeypatch, staged=True, **kw)
    assert none == 0 and rows > 0, "carried events should have been staged"
    assert seen_staged == seen_read  # segment by segment, row by row
    assert staged == read
    return seen_staged


@pytest.mark.parametrize("seed", [3, 11, 23])
@pytest.mark.parametrize("slices", [None, 3])
def test_staged_carry_reports_what_the_carry_reports(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seed: int, slices: int | None
) -> None:
    plan = carried_plan(_repeats(seed), seed, tmp_path)  # two files, every event again
    seen = _compare(tmp_path, plan, monkeypatch, slices=slices)
    assert any(seen), "some segment should report a burst"


def test_staged_carry_when_a_later_scan_merges_two_bursts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    early, bridge = _merging()
    random.Random(5).shuffle(early)
    plan = [[write_csv(early, tmp_path / "a.csv")], [write_csv(bridge, tmp_path / "b.csv")]]
    seen = _compare(tmp_path, plan, monkeypatch)
    assert len(seen[-1]) == 1  # the bridge's segment reports the merged burst


@pytest.mark.parametrize("seed", [2, 13])
def test_staged_carry_while_the_carry_forgets(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seed: int
) -> None:
    plan = _plan(_spread(seed), seed, tmp_path)  # 30 hours, in time order, then shuffled
    seen = _compare(tmp_path, plan, monkeypatch, hours=HOURS)
    assert any(seen)
