from __future__ import annotations

from auditor.context import AppContext
from auditor.store import audited


def test_events_count_once_however_often_delivered(actx: AppContext) -> None:
    with actx.transaction() as s:
        audited.put_events(s, [("a", "2026-11-16", False), ("b", "2026-11-16", True)], "r1")
    with actx.transaction() as s:  # a re-scan, and the same events in another format
        audited.put_events(s, [("a", "2026-11-16", True), ("b", "2026-11-16", True)], "r2")
        audited.put_events(s, [("c", "2026-11-17", False)], "r2")
    with actx.transaction() as s:
        assert audited.counts_by_day(s, ["2026-11-16", "2026-11-17", "2026-11-18"]) == {
            "2026-11-16": (2, 2),  # the latest verdict on "a" (explained by new context)
            "2026-11-17": (1, 0),
        }
        assert audited.run_distinct(s, "r1") == (0, 2)  # r2 re-read both: r1 read none last
        assert audited.run_distinct(s, "r2") == (3, 1)
        assert audited.counts_by_day(s, []) == {}
