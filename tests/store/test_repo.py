from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from auditor.context import AppContext
from auditor.errors import NotFoundError
from auditor.findings import AccessFinding, PhiFinding
from auditor.store import repo
from auditor.store.models import Finding, FindingHistory, FindingStatus, RunStatus


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
