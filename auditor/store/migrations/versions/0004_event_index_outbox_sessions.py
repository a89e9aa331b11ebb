"""event index, alert outbox fields, ended console sessions

The console's pseudonymised index of every audited access (``access_events``); the alert
outbox's dedupe key and attempt times; console sessions ended by logout, stored so a logout
survives a restart.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03
"""

from __future__ import annotations

import hashlib

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "access_events",
        sa.Column("user_fp", sa.String(length=32), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("key", sa.String(length=32), nullable=False),
        sa.Column("patient_fp", sa.String(length=32), nullable=False),
        sa.Column("action", sa.String(length=32), nullable=False),
        sa.Column("record_type", sa.String(length=32), nullable=False),
        sa.Column("source", sa.String(length=255), nullable=False),
        sa.Column("department", sa.String(length=64), nullable=False),
        sa.Column("role", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("user_fp", "at", "key", name=op.f("pk_access_events")),
    )
    with op.batch_alter_table("access_events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_access_events_at"), ["at"], unique=False)
        batch_op.create_index("ix_access_events_patient_at", ["patient_fp", "at"], unique=False)
    op.create_table(
        "console_sessions_ended",
        sa.Column("sid_hash", sa.String(length=64), nullable=False),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("sid_hash", name=op.f("pk_console_sessions_ended")),
    )
    with op.batch_alter_table("console_sessions_ended", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_console_sessions_ended_expires_at"), ["expires_at"], unique=False
        )
    with op.batch_alter_table("alerts", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("dedupe_key", sa.String(length=64), nullable=False, server_default="")
        )
        batch_op.add_column(sa.Column("last_attempt_at", sa.DateTime(timezone=True)))
        batch_op.add_column(sa.Column("next_attempt_at", sa.DateTime(timezone=True)))
    with op.batch_alter_table("alerts", schema=None) as batch_op:
        batch_op.alter_column("dedupe_key", server_default=None)
    # Alerts recorded before this revision get their key (the formula of
    # ``case_models.alert_dedupe_key``, spelled out: a migration never imports app code).
    conn = op.get_bind()
    rows = conn.execute(
        sa.text(
            "SELECT a.id, a.channel, f.identity FROM alerts a "
            "JOIN findings f ON f.id = a.finding_id"
        )
    ).all()
    for alert_id, channel, identity in rows:
        key = hashlib.sha256(f"{identity}\x1f{channel}".encode()).hexdigest()[:32]
        conn.execute(
            sa.text("UPDATE alerts SET dedupe_key = :k WHERE id = :i"), {"k": key, "i": alert_id}
        )


def downgrade() -> None:
    with op.batch_alter_table("alerts", schema=None) as batch_op:
        batch_op.drop_column("next_attempt_at")
        batch_op.drop_column("last_attempt_at")
        batch_op.drop_column("dedupe_key")
    with op.batch_alter_table("console_sessions_ended", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_console_sessions_ended_expires_at"))
    op.drop_table("console_sessions_ended")
    with op.batch_alter_table("access_events", schema=None) as batch_op:
        batch_op.drop_index("ix_access_events_patient_at")
        batch_op.drop_index(batch_op.f("ix_access_events_at"))
    op.drop_table("access_events")
