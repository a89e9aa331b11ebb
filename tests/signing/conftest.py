"""Helpers for signing tests: small synthetic artifact folders, signed through attest."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.orm import Session

from auditor.context import AppContext
from auditor.signing import ledger
from auditor.signing.attest import SignedEnvelope, sign_artifacts, verify_chain, verify_folder
from auditor.store.models import Report

PREDICATE_TYPE = "https://hipaa-auditor.dev/attestation/test/v1"
PERIOD = (datetime(2026, 11, 16, 5, tzinfo=UTC), datetime(2026, 11, 23, 5, tzinfo=UTC))


def _report_row(folder: Path, actx: AppContext) -> Any:
    """The caller's domain row, as ``services.reporting`` writes it, in the signing transaction."""

    def record(session: Session, signed: SignedEnvelope) -> None:
        session.add(
            Report(
                id=folder.name,
                kind="weekly",
                period_start=PERIOD[0],
                period_end=PERIOD[1],
                created_at=actx.clock(),
                path=ledger.store_path(actx.settings, folder),
                envelope_digest=signed.digest,
                key_id=signed.key_id,
                summary={"findings_total": 3},
            )
        )

    return record


def sign_folder(actx: AppContext, subject_id: str, kind: str = "report") -> Path:
    folder = actx.settings.reports_dir / subject_id
    folder.mkdir(parents=True)
    (folder / "report.json").write_text(json.dumps({"id": subject_id, "n": 1}) + "\n")
    (folder / "report.html").write_text(f"<p>{subject_id}</p>\n")
    (folder / "report.pdf").write_bytes(b"%PDF-1.7\n" + subject_id.encode() + b"\n%%EOF\n")
    sign_artifacts(
        actx.sessions,
        actx.signing_key(),
        actx.settings,
        folder,
        ["report.json", "report.html", "report.pdf"],
        subject_kind=kind,
        subject_id=subject_id,
        predicate_type=PREDICATE_TYPE,
        predicate={
            "period": {"start": "2026-11-16T05:00:00Z", "end": "2026-11-23T05:00:00Z"},
            "summary": {"findings_total": 3},
        },
        now=actx.clock(),
        actor=actx.actor,
        record=_report_row(folder, actx) if kind == "report" else None,
    )
    return folder


def verify(actx: AppContext, folder: Path, **kwargs: Any) -> None:
    """``verify_folder`` on the context's store."""
    with actx.sessions() as session:
        verify_folder(actx.settings, folder, session=session, **kwargs)


def verify_all(actx: AppContext) -> None:
    """``verify_chain`` on the context's store."""
    with actx.sessions() as session:
        verify_chain(actx.settings, session)


@pytest.fixture()
def chain(actx: AppContext) -> list[Path]:
    """Three signed folders: a chain with two links."""
    return [sign_folder(actx, f"weekly-2026-W{n}") for n in (45, 46, 47)]
