"""The console's pseudonymised event index and the console sessions ended by a logout.

``access_events`` holds one row per audited access (the ``audited_events`` key), with the
user and the patient as keyed fingerprints only: no id, no name. The console answers "what
did this user do around then" and "who opened this chart that week" from it, including
accesses that produced no finding, and puts ids and names back only from the site's context
files, for the roles allowed to see them. Rows older than ``access.event_index_days`` go.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, PrimaryKeyConstraint, String
from sqlalchemy.orm import Mapped, mapped_column

from auditor.store.models import Base, utcnow


class AccessEvent(Base):
    """One audited access, pseudonymised: who (fingerprint), whose chart (fingerprint), when.

    The primary key (user, instant, event key) is the user question's index and, since an
    event key fixes its user and instant, also what makes an event indexed once: one B-tree
    fewer to update per access than a key of its own would need.
    """

    __tablename__ = "access_events"
    __table_args__ = (
        PrimaryKeyConstraint("user_fp", "at", "key"),
        Index("ix_access_events_patient_at", "patient_fp", "at"),
    )

    user_fp: Mapped[str] = mapped_column(String(32))
    at: Mapped[datetime] = mapped_column(index=True)
    key: Mapped[str] = mapped_column(String(32))  # = audited_events.key
    patient_fp: Mapped[str] = mapped_column(String(32))
    action: Mapped[str] = mapped_column(String(32), default="")
    record_type: Mapped[str] = mapped_column(String(32), default="")
    source: Mapped[str] = mapped_column(String(255), default="")  # the log file's name
    department: Mapped[str] = mapped_column(String(64), default="")
    role: Mapped[str] = mapped_column(String(64), default="")


class EndedSession(Base):
    """A console session ended by logout, kept until its cookie would have expired anyway.

    Stored, not held in memory, so a logout survives an API restart and holds for every
    worker process. ``sid_hash`` is a SHA-256 of the session id, never the id itself.
    """

    __tablename__ = "console_sessions_ended"

    sid_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    ended_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(index=True)
