"""Case work on findings (disposition, follow-ups, assignee) and the alerts sent for them.

Kept out of ``findings`` on purpose: that table is written tens of thousands of rows at a
time by one prepared insert, and triage fields would only widen every one of those rows.
A finding has at most one case row (created when someone first works on it) and at most one
alert per channel, which is what makes an alert "sent once".
"""

from __future__ import annotations

import hashlib
from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from auditor.store.models import Base, utcnow


class FindingCase(Base):
    """The privacy office's decision on one finding; every change is in the audit trail."""

    __tablename__ = "finding_cases"

    finding_id: Mapped[int] = mapped_column(
        ForeignKey("findings.id", ondelete="CASCADE"), primary_key=True
    )
    disposition: Mapped[str] = mapped_column(String(24), default="")
    education: Mapped[str] = mapped_column(String(24), default="")
    sanction: Mapped[str] = mapped_column(String(32), default="")
    breach_assessment: Mapped[str] = mapped_column(String(32), default="")
    assignee: Mapped[str] = mapped_column(String(128), default="", index=True)
    due_date: Mapped[str] = mapped_column(String(10), default="")
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_by: Mapped[str] = mapped_column(String(128), default="")


class Alert(Base):
    """One alert for one finding on one channel: the outbox row, written before any send.

    ``status``: ``pending`` (due at ``next_attempt_at``), ``sending`` (an attempt began and
    did not report back: delivered or not, it is sent again with the same ``dedupe_key``),
    ``sent``, ``failed`` (``max_attempts`` used, or a staff note to an unsafe user id) or
    ``skipped`` (the finding was closed or is no longer critical before it went out; the reason
    is kept). ``dedupe_key`` is what the receiver sees
    (e-mail Message-ID, CEF ``externalId``, webhook ``Idempotency-Key``), the same on every try.
    """

    __tablename__ = "alerts"
    __table_args__ = (UniqueConstraint("finding_id", "channel"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    finding_id: Mapped[int] = mapped_column(ForeignKey("findings.id", ondelete="CASCADE"))
    channel: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16), default="pending", index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(nullable=True)
    dedupe_key: Mapped[str] = mapped_column(String(64), default="")
    last_attempt_at: Mapped[datetime | None] = mapped_column(nullable=True)
    next_attempt_at: Mapped[datetime | None] = mapped_column(nullable=True)


def alert_dedupe_key(finding_identity: str, channel: str) -> str:
    """The key a receiver dedupes one finding's alert on one channel by: the same on every
    try, in every process, and after a rebuild of the store (finding identities are stable)."""
    return hashlib.sha256(f"{finding_identity}\x1f{channel}".encode()).hexdigest()[:32]
