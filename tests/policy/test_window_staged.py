"""The window rule's carried events, staged once a segment, change no burst.

``engine.keep_carried_sql`` stages the carried events of the islands a segment touches
(``W_SRC``), which the narrowing and the window query (each slice) then read instead of the
carry. These tests hold what every segment's window rule reported, row by row (a burst's
first event, its source, its explanation with the count), to the rule's query in one
statement over the carry as the segment sees it (``hits.rule_query``: no stage, no slices,
the carry read where the islands lie), run right after the segment's rules: bursts across
37-event segments and two files, every event delivered again, a second scan continuing
from the first's persisted carry, a later scan bridging two bursts into one, slices of
groups, and a log out of time order over more hours than the carry keeps.
"""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest

from auditor.policy import engine, hits
from auditor.services import access_scan
from tests.policy.test_carry_marks import HOURS, _plan, _spread
from tests.policy.test_window_refine import _merging, _repeats
from tests.policy.window_scans import carried_plan, write_csv

Reported = list[list[tuple[Any, ...]]]  # per segment: the window rule's hit rows, sorted


def _bursts(rows: Any) -> list[tuple[Any, ...]]:
    return sorted((row for row in rows if "distinct patients" in str(row[7])), key=repr)


def _compare(
    tmp_path: Path,
    plan: list[list[Path]],
    monkeypatch: pytest.MonkeyPatch,
    *,
    slices: int | None = None,
    hours: int | None = None,
) -> Reported:
    """One scan per entry of ``plan`` in a fresh home; each segment's window hits against
    the one-statement query's on the same connection; the hits, per segment."""
    from tests.policy.window_scans import scan_findings

    reported: Reported = []
    oracle: Reported = []
    staged_rows = [0]
    iter_hits, steps, config = hits.iter_hits, engine.window_steps, access_scan._engine_config

    def recorded(
        con: duckdb.DuckDBPyConnection, active: Any, label: str, **kwargs: Any
    ) -> Iterator[list[tuple[Any, ...]]]:
        mine: list[tuple[Any, ...]] = []
        for chunk in iter_hits(con, active, label, **kwargs):
            mine += chunk
            yield chunk
        reported.append(_bursts(mine))
        whole: list[tuple[Any, ...]] = []
        for a in active:
            if a.rule.window is not None:
                sql = hits.rule_query(
                    a,
                    label,
                    timezone=kwargs["timezone"],
                    source=kwargs["segment"],
                    with_json=kwargs["with_json"],
                )
                whole += con.execute(sql).fetchall()
        oracle.append(_bursts(whole))

    def counted(con: Any, *args: Any, **kwargs: Any) -> Iterator[str]:
        for step in steps(con, *args, **kwargs):
            yield step
            if engine.W_SRC in step.split(" AS ")[0]:
                row = con.execute(f"SELECT count(*) FROM {engine.W_SRC}").fetchone()
                staged_rows[0] += int(row[0]) if row else 0

    with monkeypatch.context() as patch:
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
        patch.setenv("AUDITOR_HOME", str(tmp_path / "home"))
        scan_findings(tmp_path / "home", plan)
    assert staged_rows[0] > 0, "carried events should have been staged"
    assert len(reported) == len(oracle) >= 3
    assert reported == oracle  # segment by segment, row by row
    return reported


@pytest.mark.parametrize(
    "seed", [3, *(pytest.param(s, marks=pytest.mark.exhaustive) for s in (11, 23))]
)
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
