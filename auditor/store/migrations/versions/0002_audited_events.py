"""audited events: distinct access events per site-local day

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "audited_events",
        sa.Column("key", sa.String(length=32), nullable=False),
        sa.Column("day", sa.String(length=10), nullable=False),
        sa.Column("explained", sa.Boolean(), nullable=False),
        sa.Column("first_run_id", sa.String(length=36), nullable=False),
        sa.Column("last_run_id", sa.String(length=36), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_audited_events")),
    )
    with op.batch_alter_table("audited_events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audited_events_day"), ["day"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_audited_events_last_run_id"), ["last_run_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("audited_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audited_events_last_run_id"))
        batch_op.drop_index(batch_op.f("ix_audited_events_day"))
    op.drop_table("audited_events")
