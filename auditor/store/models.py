"""SQLAlchemy 2 typed models. Findings hold ids, offsets, types and keyed fingerprints only."""

from __future__ import annotations

import enum
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    Enum,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC on every backend (SQLite forgets the offset; we put it back)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the store; use timezone-aware UTC")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {dict[str, Any]: JSON, datetime: UTCDateTime()}


class RunStatus(enum.StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


class RunKind(enum.StrEnum):
    """What a ScanRun row records; the values are the stored ``scan_runs.kind`` strings."""

    ACCESS_LOGS = "access-logs"
    DOCUMENTS = "documents"
    DEID = "deid"
    REPORT = "report"
    GAP = "gap"

    @classmethod
    def read(cls, stored: str) -> RunKind | None:
        """The kind of a stored row, or None for a kind this version does not know.

        Rows are written with the member values only; ``read`` is the one place a stored
        string becomes a kind, so a report over an unknown or future kind skips the row.
        """
        try:
            return cls(stored)
        except ValueError:
            return None


class Trigger(enum.StrEnum):
    """Who started a run. The daemon's own triggers are ``DAEMON_TRIGGERS``."""

    CLI = "cli"
    API = "api"
    SCHEDULE = "schedule"
    CATCH_UP = "catch-up"
    DAEMON = "daemon"


#: Runs the daemon executes (an API request it picked up, or a job of its own); a ``running``
#: one of these after an unclean stop was interrupted. CLI runs belong to no daemon.
DAEMON_TRIGGERS = (Trigger.API, Trigger.SCHEDULE, Trigger.CATCH_UP, Trigger.DAEMON)


class FindingStatus(enum.StrEnum):
    OPEN = "open"
    CONFIRMED = "confirmed"
    DISMISSED = "dismissed"
    ESCALATED = "escalated"


class FindingKind(enum.StrEnum):
    ACCESS = "access"
    PHI = "phi"


def _enum(cls: type[enum.Enum]) -> Enum:
    return Enum(cls, values_callable=lambda e: [m.value for m in e], native_enum=False, length=20)


class ScanRun(Base):
    """One execution (or queued request) of a job: access-logs, documents, deid, report."""

    __tablename__ = "scan_runs"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    kind: Mapped[str] = mapped_column(String(32), index=True)
    source: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[RunStatus] = mapped_column(_enum(RunStatus), index=True)
    trigger: Mapped[str] = mapped_column(String(32), default="cli")
    requested_by: Mapped[str] = mapped_column(String(128), default="")
    params: Mapped[dict[str, Any]] = mapped_column(default=dict)
    requested_at: Mapped[datetime] = mapped_column(default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(nullable=True)
    finished_at: Mapped[datetime | None] = mapped_column(nullable=True)
    records_read: Mapped[int] = mapped_column(Integer, default=0)
    records_processed: Mapped[int] = mapped_column(Integer, default=0)
    records_quarantined: Mapped[int] = mapped_column(Integer, default=0)
    findings_count: Mapped[int] = mapped_column(Integer, default=0)
    summary: Mapped[dict[str, Any]] = mapped_column(default=dict)
    error: Mapped[str] = mapped_column(Text, default="")


class Finding(Base):
    """An access-rule hit or a PHI detection; identity is (kind, rule/entity, location, fp).

    A finding is unique by (``event_day``, ``identity``): an access finding's day is its
    event's UTC day (days since 1970-01-01), which its identity fixes (the fingerprint in
    it covers the event's instant), a PHI finding's 0; so (day, identity) is unique exactly
    when the identity is. The day leads the key so that a log's findings, which arrive
    roughly in time order, insert into the key's B-tree near one another: under a key of
    the random identity alone, each insert landed on a page of its own once the index
    outgrew SQLite's page cache (docs/scale-out-journal.md, the seventeenth session).
    """

    __tablename__ = "findings"
    __table_args__ = (
        UniqueConstraint("event_day", "identity"),
        Index("ix_findings_kind_category", "kind", "category"),
        Index("ix_findings_event_time", "event_time"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    identity: Mapped[str] = mapped_column(String(64))
    kind: Mapped[FindingKind] = mapped_column(_enum(FindingKind))
    rule_id: Mapped[str] = mapped_column(String(128), index=True)
    category: Mapped[str] = mapped_column(String(64), default="")
    severity: Mapped[str] = mapped_column(String(16), default="medium", index=True)
    location: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(Text, default="")
    event_id: Mapped[str] = mapped_column(String(256), default="")
    user_id: Mapped[str] = mapped_column(String(128), default="", index=True)
    patient_id: Mapped[str] = mapped_column(String(128), default="", index=True)
    event_time: Mapped[datetime | None] = mapped_column(nullable=True)
    start: Mapped[int | None] = mapped_column(Integer, nullable=True)
    end: Mapped[int | None] = mapped_column(Integer, nullable=True)
    score: Mapped[float | None] = mapped_column(Float, nullable=True)
    fingerprint: Mapped[str] = mapped_column(String(64), default="")
    explanation: Mapped[str] = mapped_column(Text, default="")
    explained: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[FindingStatus] = mapped_column(_enum(FindingStatus), default=FindingStatus.OPEN)
    reviewer: Mapped[str] = mapped_column(String(128), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    first_seen: Mapped[datetime] = mapped_column(default=utcnow)
    last_seen: Mapped[datetime] = mapped_column(default=utcnow)
    first_run_id: Mapped[str | None] = mapped_column(
        ForeignKey("scan_runs.id", ondelete="SET NULL"), nullable=True
    )
    last_run_id: Mapped[str | None] = mapped_column(
        ForeignKey("scan_runs.id", ondelete="SET NULL"), nullable=True
    )
    #: The leading part of the unique key (see above); ``finding_rows.event_day``.
    event_day: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    history: Mapped[list[FindingHistory]] = relationship(
        back_populates="finding", cascade="all, delete-orphan", order_by="FindingHistory.id"
    )

    def __repr__(self) -> str:  # never prints matched text: there is none to print
        return f"Finding(id={self.id}, kind={self.kind}, rule={self.rule_id}, at={self.location})"


class FindingHistory(Base):
    """Every triage change, kept: who moved a finding from what to what, and why."""

    __tablename__ = "finding_history"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    finding_id: Mapped[int] = mapped_column(ForeignKey("findings.id", ondelete="CASCADE"))
    at: Mapped[datetime] = mapped_column(default=utcnow)
    actor: Mapped[str] = mapped_column(String(128))
    old_status: Mapped[str] = mapped_column(String(20))
    new_status: Mapped[str] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(Text, default="")
    finding: Mapped[Finding] = relationship(back_populates="history")


class Checkpoint(Base):
    """Where an incremental scan of one source got to (byte offset, line, file identity)."""

    __tablename__ = "checkpoints"

    key: Mapped[str] = mapped_column(String(512), primary_key=True)
    scanner: Mapped[str] = mapped_column(String(64))
    position: Mapped[int] = mapped_column(Integer, default=0)
    line: Mapped[int] = mapped_column(Integer, default=0)
    meta: Mapped[dict[str, Any]] = mapped_column(default=dict)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class AuditedEvent(Base):
    """One access event the scans have read, once, however often it was delivered.

    The weekly report counts "accesses audited" from this table, so a re-scan, a re-sent file
    or the same week in two formats never multiplies the number. ``key`` is an MD5 of the
    event id, user, patient and instant (no PHI text is kept); ``day`` is the site-local day
    (days since 1970-01-01) the event was first counted on. Keyed by (day, key), without a
    rowid: one B-tree and no other index, so a segment's events, sorted, land in the pages of
    their own days (an append for a log read in time order), ~45 bytes each.
    ``first_run``/``last_run`` are ``audited_runs.seq`` numbers.
    """

    __tablename__ = "audited_events"
    __table_args__ = (PrimaryKeyConstraint("day", "key"), {"sqlite_with_rowid": False})

    day: Mapped[int] = mapped_column(Integer)
    key: Mapped[str] = mapped_column(String(32))
    explained: Mapped[bool] = mapped_column(Boolean, default=False)
    first_run: Mapped[int] = mapped_column(Integer)
    last_run: Mapped[int] = mapped_column(Integer)


class AuditedRun(Base):
    """Per scan run: its number in ``audited_events``, the site timezone its days are in
    ('' unknown), and how many distinct events it read (of which how many no earlier run
    had), counted as its events are stored, in the same transactions."""

    __tablename__ = "audited_runs"
    __table_args__ = (Index("ix_audited_runs_run_id", "run_id", unique=True),)

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    run_id: Mapped[str] = mapped_column(String(36))
    timezone: Mapped[str] = mapped_column(String(64), default="")
    events_read: Mapped[int] = mapped_column(BigInteger, default=0)
    events_new: Mapped[int] = mapped_column(BigInteger, default=0)


class Report(Base):
    __tablename__ = "reports"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    kind: Mapped[str] = mapped_column(String(32), default="weekly")
    period_start: Mapped[datetime]
    period_end: Mapped[datetime]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    path: Mapped[str] = mapped_column(Text)
    envelope_digest: Mapped[str] = mapped_column(String(64))
    key_id: Mapped[str] = mapped_column(String(64))
    summary: Mapped[dict[str, Any]] = mapped_column(default=dict)


class LedgerEntry(Base):
    """The hash chain of signed envelopes (reports and de-identification certificates)."""

    __tablename__ = "ledger"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    subject_kind: Mapped[str] = mapped_column(String(32))
    subject_id: Mapped[str] = mapped_column(String(64), unique=True)
    envelope_digest: Mapped[str] = mapped_column(String(64), unique=True)
    prev_digest: Mapped[str] = mapped_column(String(64), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Where the envelope lives on disk, so ``verify --all`` walks the files, not only the rows.
    path: Mapped[str] = mapped_column(Text, default="")


class SigningKey(Base):
    """Public halves of every signing key ever used, so rotated-out reports still verify."""

    __tablename__ = "signing_keys"

    key_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    public_pem: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    retired_at: Mapped[datetime | None] = mapped_column(nullable=True)


class ApiToken(Base):
    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(128), unique=True)
    role: Mapped[str] = mapped_column(String(32))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    prefix: Mapped[str] = mapped_column(String(16), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime | None] = mapped_column(nullable=True)
    revoked_at: Mapped[datetime | None] = mapped_column(nullable=True)
    last_used_at: Mapped[datetime | None] = mapped_column(nullable=True)


class AuditTrail(Base):
    """The auditor's own access log: it holds PHI identifiers, so it is audited too."""

    __tablename__ = "audit_trail"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    actor: Mapped[str] = mapped_column(String(128))
    action: Mapped[str] = mapped_column(String(64))
    target: Mapped[str] = mapped_column(Text, default="")
    detail: Mapped[dict[str, Any]] = mapped_column(default=dict)


class DaemonInstance(Base):
    """Who holds (or last held) the single-daemon lock of this database, for ``auditor status``.

    The lock itself is a file lock (SQLite) or an advisory lock (PostgreSQL); this row only
    says which process took it and when it last showed signs of life.
    """

    __tablename__ = "daemon_instances"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    pid: Mapped[int] = mapped_column(Integer)
    host: Mapped[str] = mapped_column(String(255))
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    heartbeat_at: Mapped[datetime] = mapped_column(default=utcnow)
    stopped_at: Mapped[datetime | None] = mapped_column(nullable=True)


# Case work and alerts live in their own module; importing it here registers their tables
# on ``Base.metadata`` wherever the models are loaded (migrations, create_all, tests).
from auditor.store import case_models as case_models  # noqa: E402
from auditor.store import index_models as index_models  # noqa: E402
