"""The findings writer thread: order, checkpoint-after-commit, errors handed back."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from auditor.context import AppContext
from auditor.findings import AccessRow
from auditor.services.access_writer import StoreWriter
from auditor.store import repo
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
