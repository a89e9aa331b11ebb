"""The writer's staged findings (SQLite): merged in few large transactions, they leave the
store exactly as upserting each batch on its own did (the same rows, ids in the same order,
the same new counts), a checkpoint never commits without the findings put before it, and a
scan killed with findings staged resumes from its checkpoint with none lost or doubled."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from auditor.context import AppContext, open_context
from auditor.findings import AccessRow
from auditor.services import access_writer
from auditor.services.access_writer import StoreWriter
from auditor.store import finding_rows as fr
from auditor.store import repo
from auditor.store.models import Checkpoint, Finding

Batch = list[AccessRow]
T0 = datetime(2026, 11, 20, 8, tzinfo=UTC)


def _row(n: int, explained: bool = False) -> AccessRow:
    return AccessRow(
        f"{n:064x}",
        "ACC-NOREL-001" if n % 3 else "ACC-ROLE-001",
        "no_treatment_relationship" if n % 3 else "role_not_permitted",
        "low" if n % 3 else "medium",
        f"log.csv:{n + 2}",
        f"E{n}",
        f"U{n % 7}",
        f"P{n % 11}",
        datetime(2024, 3, 5, 12, tzinfo=UTC) + timedelta(seconds=97 * n % 5000),
        f"{n:x}".rjust(64, "f"),
        f"U{n % 7} opened P{n % 11} without a relationship",
        explained,
    )


def _scans() -> list[list[Batch]]:
    """Two scans: the first's batches overlap (a finding again in a later batch, and twice
    within one), the second finds some of the first's findings again and new ones."""
    first = [[_row(n) for n in range(b * 6, b * 6 + 8)] for b in range(7)]
    first[3].append(_row(19))
    second = [[_row(n, explained=True) for n in range(b * 9 + 20, b * 9 + 33)] for b in range(4)]
    return [first, second]


class _Clock:
    """The context's clock, moved on by the test a minute before each batch (``put`` reads
    it on the caller's thread), so both sides give each batch the same instant."""

    def __init__(self, actx: AppContext) -> None:
        self.now = T0
        actx.clock = lambda: self.now

    def step(self) -> None:
        self.now += timedelta(minutes=1)


def _stored(actx: AppContext) -> list[tuple[Any, ...]]:
    """Every row as stored, in id order, run ids read as their order of creation."""
    with actx.transaction() as s:
        rows = s.scalars(select(Finding).order_by(Finding.id)).all()
        columns = [c for c in fr.INSERT_COLUMNS if not c.endswith("run_id")]
        return [
            (f.id, *(getattr(f, c) for c in columns), f.first_run_id, f.last_run_id) for f in rows
        ]


def _runs(actx: AppContext, n: int) -> list[str]:
    with actx.transaction() as s:
        return [repo.create_run(s, "access-logs", f"scan {i}").id for i in range(n)]


def _per_batch(actx: AppContext, scans: list[list[Batch]]) -> tuple[Any, ...]:
    """The yardstick: each batch upserted in a transaction of its own."""
    clock = _Clock(actx)
    news = []
    for run, batches in zip(_runs(actx, len(scans)), scans, strict=True):
        new = 0
        for batch in batches:
            clock.step()
            prepared = repo.prepare_access_rows(actx.engine, batch, run, actx.clock())
            with actx.transaction() as s:
                new += repo.upsert_prepared(s, prepared, run)[0]
        news.append(new)
    return _renamed(_stored(actx)), news


def _through_writer(actx: AppContext, scans: list[list[Batch]], group: int = 1) -> tuple[Any, ...]:
    clock = _Clock(actx)
    news = []
    for run, batches in zip(_runs(actx, len(scans)), scans, strict=True):
        writer = StoreWriter(actx, run, group=group)
        for batch in batches:
            clock.step()
            writer.put(batch)
        writer.close()
        news.append(writer.new)
    return _renamed(_stored(actx)), news


def _renamed(rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """Run ids as their order of first appearance (each home makes its own)."""
    names: dict[str | None, int] = {None: -1}
    out = []
    for row in rows:
        *head, first, last = row
        out.append((*head, names.setdefault(first, len(names)), names.setdefault(last, len(names))))
    return out


@pytest.mark.parametrize("bound", [5, 20, 10**9])
def test_staged_findings_leave_what_batch_upserts_left(
    actx: AppContext,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    bound: int,
) -> None:
    """Merges of several staged batches (bound 5 and 20: merges mid-scan and at the end;
    10**9: one merge at the end), findings again within and across batches and scans:
    every column of every row, the ids' order and the new counts equal the yardstick's."""
    monkeypatch.setattr(access_writer, "FINDINGS_MIN", bound)
    merges: list[int] = []
    merge = repo.merge_staged_findings

    def counted(*args: Any) -> int:
        merges.append(1)
        return merge(*args)

    monkeypatch.setattr(repo, "merge_staged_findings", counted)
    scans = _scans()
    got = _through_writer(actx, scans)
    with open_context(tmp_path / "yardstick") as other:
        want = _per_batch(other, scans)
    assert got == want
    distinct = len({r.identity for batches in scans for b in batches for r in b})
    assert len(got[0]) == distinct
    assert sum(got[1]) == distinct
    # Bound 5: batches due with nothing staged go straight in (upserted), the others are
    # staged and merged; 20: more staged, more merges; 10**9: one merge per scan, at close.
    assert len(merges) == {5: 3, 20: 5, 10**9: 2}[bound]


def test_a_checkpoint_commits_with_the_findings_before_it(actx: AppContext) -> None:
    """Staged findings are in the store by the time a checkpoint (and its ``after``) is
    committed; findings put after it are not yet."""
    (run,) = _runs(actx, 1)
    first, second = [_row(n) for n in range(10)], [_row(n) for n in range(10, 20)]
    committed = threading.Semaphore(0)

    class Signalling(StoreWriter):
        def _commit(self, jobs: Any, last: bool = False) -> None:
            super()._commit(jobs, last)
            committed.release()

    def stored() -> set[str]:
        with actx.transaction() as s:
            return set(s.scalars(select(Finding.identity)))

    writer = Signalling(actx, run, group=1)
    seen: list[set[str]] = []
    writer.put(first)
    writer.put([], ("log.csv", 100, 10, {}), after=lambda: seen.append(stored()))
    writer.put(second)
    for _ in range(3):
        assert committed.acquire(timeout=10)
    assert seen == [{r.identity for r in first}]
    assert stored() == {r.identity for r in first}  # the second batch: staged, not stored
    writer.close()
    assert stored() == {r.identity for r in first + second}
    assert writer.new == 20


def _killed(actx: AppContext, run: str, puts: list[Callable[[StoreWriter], None]]) -> None:
    """A writer whose process dies after the given puts: nothing more is committed, and
    what it staged dies with its connection."""

    class Killed(StoreWriter):
        def _commit(self, jobs: Any, last: bool = False) -> None:
            if not last:
                super()._commit(jobs, last)

    writer = Killed(actx, run, group=1)
    for put in puts:
        put(writer)
    writer.close()


def test_a_killed_scan_resumes_without_gaps_or_doubles(actx: AppContext) -> None:
    """Killed with findings staged after its last checkpoint: the store holds exactly the
    findings before the checkpoint; the resumed scan, putting the rest again from the
    checkpoint on, leaves every finding once."""
    batches = [[_row(n) for n in range(b * 8, b * 8 + 8)] for b in range(5)]
    first, resumed = _runs(actx, 2)
    _killed(
        actx,
        first,
        [
            lambda w: w.put(batches[0]),
            lambda w: w.put(batches[1], ("log.csv", 200, 20, {})),
            lambda w: w.put(batches[2]),
            lambda w: w.put(batches[3]),
        ],
    )
    with actx.transaction() as s:
        ids = list(s.scalars(select(Finding.identity)))
        checkpoint = s.get(Checkpoint, "log.csv")
        assert checkpoint is not None and checkpoint.position == 200
    assert sorted(ids) == sorted(r.identity for b in batches[:2] for r in b)
    writer = StoreWriter(actx, resumed, group=1)
    for batch in batches[2:]:
        writer.put(batch)
    writer.close()
    with actx.transaction() as s:
        ids = list(s.scalars(select(Finding.identity)))
    assert sorted(ids) == sorted(r.identity for b in batches for r in b)
    assert writer.new == 24
