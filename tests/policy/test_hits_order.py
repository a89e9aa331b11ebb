"""A segment's hits come out in one order, whatever order DuckDB's threads wrote them in.

The store numbers findings as the hits arrive, so two scans of the same log gave the same
findings different ids (three runs of a 1M-event log, three orders) until the hits were read
back sorted. DuckDB writes a small table in one thread, so the test reads the order the hits
leave in rather than racing threads: sorted by every column, NULLs last, as ORDER BY ALL
sorts (in the order the table was filled, row rules first, the events' order within them,
the hits of a scan this size are not).
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
from auditor.services.access_scan import AccessScanRequest, scan_access_logs
from auditor.synth.hospital import build_hospital


def _order_all(row: tuple[Any, ...]) -> tuple[tuple[bool, Any], ...]:
    """ORDER BY ALL's key: each column ascending, NULLs last."""
    return tuple((value is None, value) for value in row)


def test_each_segments_hits_leave_sorted_by_every_column(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    hospital = build_hospital(tmp_path / "hospital", week_start=date(2024, 3, 4))
    segments: list[list[tuple[Any, ...]]] = []
    iter_hits = hits.iter_hits

    def recorded(
        con: duckdb.DuckDBPyConnection, active: Any, label: str, **kwargs: Any
    ) -> Iterator[list[tuple[Any, ...]]]:
        rows: list[tuple[Any, ...]] = []
        for chunk in iter_hits(con, active, label, **kwargs):
            rows += chunk
            yield chunk
        segments.append(rows)

    monkeypatch.setattr(hits, "iter_hits", recorded)
    with open_context(tmp_path / "home") as actx:
        actx.settings.access.events_per_segment = 700
        scan_access_logs(
            actx, AccessScanRequest([hospital.csv_log], context_dir=hospital.context_dir)
        )
    assert sum(len(rows) for rows in segments) > 50  # the rows of several rules
    assert len({row[0] for rows in segments for row in rows}) >= 3
    for rows in segments:
        assert rows == sorted(rows, key=_order_all)
