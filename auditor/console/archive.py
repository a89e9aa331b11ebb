"""The report archive and the de-identification certificates, each with its verification."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from auditor.config import Settings
from auditor.errors import AuditorError
from auditor.signing import ledger
from auditor.signing.verification import verify_folder
from auditor.store.models import LedgerEntry, Report


@dataclass(frozen=True)
class Signed:
    """One signed artifact as the archive page lists it."""

    kind: str
    subject_id: str
    created_at: datetime
    period: str
    path: str
    verified: bool
    detail: str


def _verify(settings: Settings, session: Session, stored: str) -> tuple[bool, str]:
    if not stored:
        return False, "no file recorded"
    try:
        verify_folder(settings, ledger.resolve_path(settings, stored), session=session)
    except AuditorError as exc:
        return False, str(exc)
    except OSError as exc:
        return False, f"unreadable: {type(exc).__name__}"
    return True, "signature, digests and ledger link verified"


def reports(settings: Settings, session: Session, limit: int = 100) -> list[Signed]:
    out = []
    rows = session.scalars(select(Report).order_by(Report.created_at.desc()).limit(limit))
    for r in rows:
        ok, detail = _verify(settings, session, r.path)
        period = f"{r.period_start.date().isoformat()} to {r.period_end.date().isoformat()}"
        out.append(Signed(r.kind, r.id, r.created_at, period, r.path, ok, detail))
    return out


def certificates(settings: Settings, session: Session, limit: int = 100) -> list[Signed]:
    out = []
    rows = session.scalars(
        select(LedgerEntry)
        .where(LedgerEntry.subject_kind != "report")
        .order_by(LedgerEntry.seq.desc())
        .limit(limit)
    )
    for e in rows:
        ok, detail = _verify(settings, session, e.path)
        out.append(Signed(e.subject_kind, e.subject_id, e.created_at, "", e.path, ok, detail))
    return out
