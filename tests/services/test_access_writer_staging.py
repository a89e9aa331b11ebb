"""The writer's staged events (SQLite): merged in few large transactions, they leave the
store exactly as merging each segment on its own did, and a checkpoint never commits
without the events put before it."""

from __future__ import annotations

import hashlib
import threading
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from auditor.context import AppContext, open_context
from auditor.services import access_writer
from auditor.services.access_writer import StoreWriter
from auditor.store import audited, repo
from auditor.store.models import AuditedEvent, AuditedRun

Segment = list[audited.EventKey]


def _key(n: int) -> str:
    return hashlib.md5(str(n).encode()).hexdigest()


def _segments() -> list[Segment]:
    """Six segments over three days, out of order, with events delivered again in later
    segments (some with the other verdict) and twice within one segment."""
    days = ("2026-11-16", "2026-11-17", "2026-11-18")
    segments: list[Segment] = []
    for s in range(6):
        seg = [(_key(n), days[(n * 7) % 3], (n + s) % 3 == 0) for n in range(s * 5, s * 5 + 9)]
        seg.append(seg[0])
        segments.append(seg)
    return segments


def _run(actx: AppContext, name: str) -> str:
    with actx.transaction() as s:
        return repo.create_run(s, "access-logs", name).id


def _state(actx: AppContext, runs: list[str]) -> tuple[Any, ...]:
    """Everything stored about the events, with run numbers read as their order."""
    with actx.transaction() as s:
        seqs = {seq: i for i, seq in enumerate(s.scalars(select(AuditedRun.seq).order_by("seq")))}
        rows = sorted(
            (e.day, e.key, e.explained, seqs[e.first_run], seqs[e.last_run])
            for e in s.scalars(select(AuditedEvent))
        )
        counts = [audited.run_distinct(s, r) for r in runs]
    return rows, counts


def _per_segment(home: Path, scans: list[tuple[str, list[Segment]]]) -> tuple[Any, ...]:
    """The yardstick: each segment upserted in a transaction of its own (``put_events``)."""
    with open_context(home) as actx:
        runs = []
        for timezone, segments in scans:
            run = _run(actx, "reference")
            runs.append(run)
            for seg in segments:
                with actx.transaction() as s:
                    audited.put_events(s, audited.as_json(seg), run, timezone)
        return _state(actx, runs)


def _through_writer(actx: AppContext, scans: list[tuple[str, list[Segment]]]) -> tuple[Any, ...]:
    runs = []
    for timezone, segments in scans:
        run = _run(actx, "scan")
        runs.append(run)
        writer = StoreWriter(actx, run, timezone=timezone, group=1)  # a commit per put
        for seg in segments:
            writer.put([], events=audited.as_json(seg))
        writer.close()
    return _state(actx, runs)


@pytest.mark.parametrize(("bound", "merges"), [(12, 3 + 3 + 2), (10, 2 + 2 + 1)])
def test_merges_leave_what_per_segment_upserts_left(
    actx: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, bound: int, merges: int
) -> None:
    """Several merges per scan (the stage's bound made small: 12, a merge of staged texts
    at 20 events, 20 more, the rest at the end; 10, the first two segments straight in,
    then merges at 20 more and at the end), a second scan over the same events (nothing
    new, the later verdicts), a third in another timezone (days one off: the neighbour
    lookup): rows and run counts equal the per-segment yardstick's."""
    monkeypatch.setattr(access_writer, "STAGE_MIN", bound)
    merged: list[int] = []
    merge = audited.merge_staged

    def counted(*args: Any) -> None:
        merged.append(1)
        merge(*args)

    monkeypatch.setattr(audited, "merge_staged", counted)
    segments = _segments()
    shifted = [[(k, d[:-1] + str(int(d[-1]) + 1), x) for k, d, x in seg] for seg in segments]
    scans = [("UTC", segments), ("UTC", segments[::-1]), ("America/New_York", shifted[:3])]
    got = _through_writer(actx, scans)
    assert got == _per_segment(tmp_path / "reference", scans)
    assert len(merged) == merges
    assert got[1][0] == (len(got[0]), len(got[0]))  # the first scan: every event new
    assert got[1][1] == (len(got[0]), 0)  # the second: every event read again, none new


def test_a_checkpoint_commits_with_the_events_before_it(actx: AppContext) -> None:
    """Staged events are in the store by the time a checkpoint (or ``after``) is
    committed; events put since are not, so a crash loses none that a checkpoint promised,
    and the resumed scan, putting them again, counts each once."""
    run = _run(actx, "scan")
    first, second = _segments()[:2]
    committed = threading.Semaphore(0)

    class Signalling(StoreWriter):
        def _commit(self, jobs: Any, last: bool = False) -> None:
            super()._commit(jobs, last)
            committed.release()

    def stored() -> set[str]:
        with actx.transaction() as s:
            return set(audited.stored_keys(s))

    writer = Signalling(actx, run, timezone="UTC", group=1)  # a commit per put
    seen: list[set[str]] = []
    writer.put([], events=audited.as_json(first))
    writer.put([], ("log.csv", 100, 10, {}), after=lambda: seen.append(stored()))
    writer.put([], events=audited.as_json(second))
    for _ in range(3):
        assert committed.acquire(timeout=10)
    assert seen == [{k for k, _, _ in first}]
    assert stored() == {k for k, _, _ in first}  # the second segment: staged, not stored
    writer.close()
    assert stored() == {k for k, _, _ in first + second}
    with actx.transaction() as s:
        distinct = len({k for k, _, _ in first + second})
        assert audited.run_distinct(s, run) == (distinct, distinct)


def test_events_are_counted_without_parsing() -> None:
    """What decides a merge: the events in a text, however it is spaced."""
    texts = ["", "{}", "[]", '{"ab":2}', '{"ab":2,"cd":5}', '{"ab": 2, "cd": -3}']
    assert [audited.count(t) for t in texts] == [0, 0, 0, 1, 2, 2]
