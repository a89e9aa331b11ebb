"""A window rule run per slice of its groups finds what it finds in one statement.

The window query is partitioned by the group, so ``engine.window_steps`` may run it per
slice of the groups (``hash(grp) % N``) when the hot islands are too large for one
statement. These tests force N slices on traffic whose bursts cross segment boundaries,
files and scans (the carry) and compare every finding, (rule, event, explanation), with N=1.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from auditor.policy import engine
from tests.policy.test_window_reference import _reference, _traffic
from tests.policy.window_scans import Finding, carried_plan, scan_findings


def _scan(
    home: Path, files: list[list[Path]], slices: int, monkeypatch: pytest.MonkeyPatch
) -> tuple[set[Finding], list[int]]:
    """Findings of one scan per entry of ``files`` in a fresh home, every window query run
    in ``slices`` slices; and the slice counts ``window_steps`` was given (one per segment
    that touched a hot island)."""
    asked: list[int] = []
    chosen = engine.slice_count

    def forced(rows: int, memory_bytes: int | None) -> int:
        asked.append(chosen(rows, memory_bytes))
        return slices

    with monkeypatch.context() as patch:
        patch.setattr(engine, "slice_count", forced)
        patch.setenv("AUDITOR_HOME", str(home))
        return scan_findings(home, files), asked


@pytest.mark.parametrize("seed", [2, 7, 19])
@pytest.mark.parametrize("slices", [2, 3, pytest.param(64, marks=pytest.mark.exhaustive)])
def test_sliced_window_finds_what_one_statement_finds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seed: int, slices: int
) -> None:
    events = _traffic(seed)
    plan = carried_plan(events, seed, tmp_path)

    whole, asked = _scan(tmp_path / "one", plan, 1, monkeypatch)
    sliced, _ = _scan(tmp_path / "many", plan, slices, monkeypatch)

    assert asked, "some segment should touch a hot island"
    # Read out of time order, a segment reports a burst by its first event known so far, so
    # bursts are a superset of the definition's; the sliced scan must report the same ones.
    bursts = {e for rule, e, _ in whole if rule == "ACC-VOLUME-001"}
    assert bursts >= set(_reference(events)) and _reference(events)
    assert sliced == whole


def test_slice_count_follows_the_memory_limit() -> None:
    gib = 1024**3
    per_slice = gib // engine.SLICE_ROW_BYTES
    assert engine.slice_count(0, gib) == 1
    assert engine.slice_count(per_slice, gib) == 1
    assert engine.slice_count(per_slice + 1, gib) == 2
    assert engine.slice_count(10 * per_slice, gib) == 10
    assert engine.slice_count(10 * per_slice, 2 * gib) == 5
    assert engine.slice_count(10**12, gib) == engine.MAX_SLICES
    assert engine.slice_count(10**9, None) == 1


@pytest.mark.parametrize(
    ("limit", "expected"), [("1GB", 953.6 * 1024**2), ("300MB", 286.1 * 1024**2)]
)
def test_memory_limit_is_read_from_the_connection(limit: str, expected: float) -> None:
    con = duckdb.connect(config={"memory_limit": limit})
    try:
        got = engine.memory_limit_bytes(con)
    finally:
        con.close()
    assert got is not None
    assert abs(got - expected) < 1024**2
