from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from auditor.context import AppContext
from auditor.errors import NotFoundError
from auditor.findings import AccessFinding, PhiFinding
from auditor.store import repo
from auditor.store.models import (
    AuditTrail,
    Checkpoint,
    Finding,
    FindingHistory,
    FindingStatus,
    RunKind,
    RunStatus,
    ScanRun,
)


def _access(event_id: str) -> AccessFinding:
    return AccessFinding(
        rule_id="ACC-SELF-001",
        category="self_access",
        severity="high",
        event_id=event_id,
        user_id="u1",
        patient_id="p1",
        timestamp=datetime(2026, 11, 16, 9, tzinfo=UTC),
        explanation="u1 opened their own chart",
    )


def test_upsert_is_idempotent(actx: AppContext) -> None:
    phi = PhiFinding("a.txt", "PERSON", 3, 8, 0.9, actx.fingerprinter.of("Smith"))
    with actx.transaction() as s:
        run = repo.create_run(s, "access-logs", "x")
        assert repo.upsert_findings(s, [_access("e1"), _access("e2"), phi], run.id) == (3, 0)
        assert repo.upsert_findings(s, [_access("e1"), phi], run.id) == (0, 2)
        repo.finish_run(s, run.id, status=RunStatus.DONE, records_read=2, records_processed=2)
    with actx.transaction() as s:
        assert repo.count_findings(s) == 3


def test_triage_keeps_history(actx: AppContext) -> None:
    with actx.transaction() as s:
        repo.upsert_findings(s, [_access("e1")], None)
        fid = s.scalars(select(Finding.id)).one()
        repo.set_finding_status(s, fid, FindingStatus.CONFIRMED, "alice", "spoke to manager")
        repo.set_finding_status(s, fid, FindingStatus.ESCALATED, "bob")
    with actx.transaction() as s:
        hist = s.scalars(select(FindingHistory).order_by(FindingHistory.id)).all()
        assert [(h.old_status, h.new_status, h.actor) for h in hist] == [
            ("open", "confirmed", "alice"),
            ("confirmed", "escalated", "bob"),
        ]
        with pytest.raises(NotFoundError):
            repo.set_finding_status(s, 999, FindingStatus.DISMISSED, "x")


def test_fingerprints_are_keyed_and_normalised(actx: AppContext) -> None:
    fp = actx.fingerprinter
    assert fp.of("SMITH ") == fp.of("smith")
    assert len(fp.of("smith")) == 64
    import hashlib

    assert fp.of("smith") != hashlib.sha256(b"smith").hexdigest()
    # Stored fingerprints are HMAC-SHA256 of the normalised value under the home's secret:
    # any faster way of computing them must give these same bytes.
    import hmac

    from auditor.fingerprint import load_or_create_secret

    secret = load_or_create_secret(actx.settings.keys_dir)
    assert fp.of(" Smith\tJr ") == hmac.new(secret, b"smith jr", hashlib.sha256).hexdigest()
    assert "secret" not in repr(fp) or "<secret>" in repr(fp)


def test_timestamps_come_back_aware(actx: AppContext) -> None:
    with actx.transaction() as s:
        repo.upsert_findings(s, [_access("e1")], None)
    with actx.transaction() as s:
        f = s.scalars(select(Finding)).one()
        assert f.event_time is not None and f.event_time.tzinfo is not None
        assert f.event_time == datetime(2026, 11, 16, 9, tzinfo=UTC)


def test_stamps_come_from_the_context_clock(actx: AppContext) -> None:
    fixed = datetime(2026, 11, 16, 12, tzinfo=UTC)
    actx.clock = lambda: fixed
    with actx.transaction() as s:
        run = repo.create_run(s, "documents", "x")
        repo.finish_run(s, run.id, status=RunStatus.DONE)
        repo.audit(s, "cli", "test.stamp", run.id)
        repo.put_checkpoints(
            s, [repo.CheckpointRow("documents:/a", RunKind.DOCUMENTS, 1, 0, {"size": 1})]
        )
    with actx.sessions() as s:
        stored = s.get(ScanRun, run.id)
        assert stored is not None
        assert stored.requested_at == stored.started_at == stored.finished_at == fixed
        assert s.scalars(select(AuditTrail.at)).one() == fixed
        cp = s.get(Checkpoint, "documents:/a")
        assert cp is not None and cp.updated_at == fixed


def test_bulk_checkpoints(actx: AppContext) -> None:
    keys = [repo.checkpoint_key(RunKind.DOCUMENTS, Path(f"/data/{i}.txt")) for i in range(1200)]
    assert keys[0] == "documents:/data/0.txt"
    rows = [repo.CheckpointRow(k, RunKind.DOCUMENTS, i, 0, {"n": i}) for i, k in enumerate(keys)]
    with actx.transaction() as s:
        repo.put_checkpoints(s, rows[:700])
    with actx.transaction() as s:
        repo.put_checkpoints(s, rows)  # 700 moved, 500 new; chunked lookups
        repo.update_checkpoint_metas(s, {keys[3]: {"extra": True}, "documents:/none": {"x": 1}})
    with actx.transaction() as s:
        metas = repo.checkpoint_metas(s, [*keys, "documents:/none"])
    assert len(metas) == 1200 and "documents:/none" not in metas
    assert metas[keys[3]] == {"n": 3, "extra": True}
    assert metas[keys[1199]] == {"n": 1199}


def test_long_checkpoint_keys_are_digested() -> None:
    key = repo.checkpoint_key(RunKind.ACCESS_LOGS, Path("/" + "d" * 600))
    assert key.startswith("access-logs:sha256:") and len(key) < 512
