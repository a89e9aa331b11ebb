"""The findings writer thread: order, checkpoint-after-commit, errors handed back."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from auditor.context import AppContext
from auditor.findings import AccessRow
from auditor.services.access_writer import StoreWriter
from auditor.store import bulk_indexes, repo
from auditor.store.models import Checkpoint, Finding


def _row(n: int, identity: str | None = None) -> AccessRow:
    return AccessRow(
        identity or f"{n:064x}",
        "ACC-NOREL-001",
        "no_treatment_relationship",
        "low",
        f"log.csv:{n + 2}",
        f"E{n}",
        "U1",
        f"P{n}",
        datetime(2024, 3, 5, 12, tzinfo=UTC),
        "f" * 64,
        "U1 opened P without a relationship",
        False,
    )


def _run(actx: AppContext) -> str:
    with actx.transaction() as s:
        return repo.create_run(s, "access-logs", "x").id


def _stored(actx: AppContext) -> tuple[int, int]:
    with actx.transaction() as s:
        findings = s.scalar(select(func.count(Finding.id))) or 0
        checkpoints = s.scalar(select(func.count()).select_from(Checkpoint)) or 0
    return findings, checkpoints


def test_batches_and_checkpoints_commit_in_order(actx: AppContext) -> None:
    writer = StoreWriter(actx, _run(actx), depth=2, group=2)
    seen_at_after: list[tuple[int, int]] = []
    for seg in range(5):
        rows = [_row(seg * 100 + i) for i in range(50)]
        writer.put(rows[:25])
        writer.put(rows[25:], checkpoint=(f"k{seg}", (seg + 1) * 10, seg + 1, {}))
        writer.put([], after=lambda: seen_at_after.append(_stored(actx)))
    writer.close()
    assert writer.new == 250
    assert _stored(actx) == (250, 5)
    # Each "after" ran once its segment (rows and checkpoint) was committed.
    assert [n for n, _ in seen_at_after] == sorted(n for n, _ in seen_at_after)
    assert all(n >= (i + 1) * 50 and cps >= i + 1 for i, (n, cps) in enumerate(seen_at_after))


def test_writer_error_surfaces_on_close(actx: AppContext) -> None:
    writer = StoreWriter(actx, "no-such-run")  # findings reference the run: FK violation
    writer.put([_row(1)])
    with pytest.raises(Exception, match=r"(?i)foreign key"):
        writer.close()


def test_abort_keeps_the_callers_error(actx: AppContext) -> None:
    writer = StoreWriter(actx, "no-such-run")
    writer.put([_row(1)])
    writer.abort()  # does not raise: the scan's own exception is the one to report
    writer.close()  # already stopped: nothing left to raise


def _indexes(actx: AppContext) -> set[str]:
    with actx.transaction() as s:
        return bulk_indexes.present(s.connection())


def test_a_bulk_load_drops_the_secondary_indexes_and_builds_them_again(
    actx: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past the floor (and the table's size when the scan began) the secondary indexes go;
    closing builds them again, the same as a new store's; the identity stays unique."""
    monkeypatch.setattr(bulk_indexes, "BULK_FLOOR", 100)
    fresh = _indexes(actx)
    assert {str(ix.name) for ix in bulk_indexes.secondary()} == fresh
    writer = StoreWriter(actx, _run(actx), depth=2, group=1)
    dropped_while_loading: list[set[str]] = []
    for seg in range(4):
        writer.put([_row(seg * 100 + i) for i in range(100)])
        writer.put([], after=lambda: dropped_while_loading.append(_indexes(actx)))
    writer.put([_row(i) for i in range(50)])  # known findings: no duplicate
    writer.close()
    assert writer.indexes_dropped and writer.new == 400
    assert bulk_indexes.secondary()[0].name not in dropped_while_loading[-1]
    assert _indexes(actx) == fresh
    assert _stored(actx) == (400, 0)


def test_a_scan_into_a_larger_store_keeps_the_indexes(
    actx: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bulk_indexes, "BULK_FLOOR", 10)
    first = StoreWriter(actx, _run(actx), group=1)
    for seg in range(6):
        first.put([_row(seg * 50 + i) for i in range(50)])
    first.close()
    second = StoreWriter(actx, _run(actx), group=1)
    for seg in range(3):
        second.put([_row(1000 + seg * 50 + i) for i in range(50)])
    second.close()
    assert first.indexes_dropped and not second.indexes_dropped  # 150 new < 300 stored
    assert _stored(actx) == (450, 0)


def test_indexes_a_crash_left_dropped_are_built_before_the_next_scan_writes(
    actx: AppContext,
) -> None:
    with actx.transaction() as s:
        bulk_indexes.drop(s.connection())  # what a process killed mid-load leaves
    assert not {str(ix.name) for ix in bulk_indexes.secondary()} & _indexes(actx)
    writer = StoreWriter(actx, _run(actx))
    assert {str(ix.name) for ix in bulk_indexes.secondary()} <= _indexes(actx)
    writer.close()


def test_abort_builds_the_indexes_again(actx: AppContext, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bulk_indexes, "BULK_FLOOR", 10)
    fresh = _indexes(actx)
    writer = StoreWriter(actx, _run(actx), group=1)
    for seg in range(3):
        writer.put([_row(seg * 50 + i) for i in range(50)])
    writer.abort()
    assert writer.indexes_dropped and _indexes(actx) == fresh


@pytest.mark.postgres
def test_a_bulk_load_on_postgresql(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from auditor.context import open_context
    from tests.store.pg import fresh_database

    monkeypatch.setattr(bulk_indexes, "BULK_FLOOR", 20)
    with fresh_database() as url:
        monkeypatch.setenv("AUDITOR_DATABASE_URL", url)
        with open_context(tmp_path / "home") as actx:
            assert actx.engine.dialect.name == "postgresql"
            fresh = _indexes(actx)
            writer = StoreWriter(actx, _run(actx), group=1)
            for seg in range(5):
                writer.put([_row(seg * 30 + i) for i in range(30)])
            writer.put([_row(i) for i in range(10)])
            writer.close()
            assert writer.indexes_dropped and writer.new == 150
            assert _indexes(actx) == fresh
            assert _stored(actx) == (150, 0)
