"""The row rules' verdicts made with the segment's table give the hits the rules' own pass gave.

``engine.segment_rows`` computes every row rule's verdict in the pass that makes ``seg`` (over
``av``, the view's joins made once), and ``hits.iter_hits`` reads the hits back from it; the
rules' own pass over ``av`` is what runs when a rule has failed. Both must give every hit
row alike, on a hospital with planted violations of every category, segment by segment.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import pytest

from auditor.context import open_context
from auditor.policy import hits
from auditor.policy.evaluate import SegmentEvaluator
from auditor.services.access_scan import AccessScanRequest, scan_access_logs
from auditor.synth.hospital import build_hospital

ITER_HITS = hits.iter_hits


def _segments(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, hospital: Any, name: str
) -> tuple[list[list[tuple[Any, ...]]], int]:
    """Every segment's hit rows, and how many segments read them from ``seg``'s verdicts."""
    segments: list[list[tuple[Any, ...]]] = []
    flagged = 0

    def recorded(
        con: duckdb.DuckDBPyConnection, active: Any, label: str, **kwargs: Any
    ) -> Iterator[list[tuple[Any, ...]]]:
        nonlocal flagged
        flagged += kwargs.get("flagged") is not None
        rows: list[tuple[Any, ...]] = []
        for chunk in ITER_HITS(con, active, label, **kwargs):
            rows += chunk
            yield chunk
        segments.append(rows)

    monkeypatch.setattr(hits, "iter_hits", recorded)
    with open_context(tmp_path / name) as actx:
        actx.settings.access.segment_mb = 0.05  # several segments
        scan_access_logs(
            actx, AccessScanRequest([hospital.csv_log], context_dir=hospital.context_dir)
        )
    return segments, flagged


def test_verdicts_kept_with_the_segment_give_the_rules_own_hits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    hospital = build_hospital(tmp_path / "hospital", week_start=date(2024, 3, 4))
    with_flags, flagged = _segments(tmp_path, monkeypatch, hospital, "a")
    monkeypatch.setattr(SegmentEvaluator, "_flaggable", lambda self: [])
    without, unflagged = _segments(tmp_path, monkeypatch, hospital, "b")
    assert flagged == len(with_flags) > 1 and unflagged == 0
    assert len({row[0] for rows in with_flags for row in rows}) >= 5  # several rules' hits
    # The same rows, segment by segment (their sources name each home's own log: the same).
    assert with_flags == without
