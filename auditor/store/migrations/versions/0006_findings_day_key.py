"""findings keyed by (event day, identity): a unique key whose order follows a log's time

The findings' only unique key was the identity, a SHA-256: every insert landed at a random
place in its B-tree, which past SQLite's page cache (a few million findings) cost a page
read and write a finding. The key becomes (``event_day``, identity): an access finding's
event's UTC day in days since 1970-01-01 (which its identity fixes: the fingerprint in it
covers the instant), a PHI finding's 0. Every row is kept; each access row's day is
computed from its stored ``event_time`` as ``finding_rows.event_day`` computes it for new
ones, so a later sighting of a stored finding meets its row. SQLite rebuilds the table
(its unique constraint cannot be dropped in place; ``db.upgrade`` turns its foreign keys
off meanwhile, so the tables that reference findings keep their rows); PostgreSQL adds
the column, fills it, builds the new unique index and drops the old one.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def _day_sql(dialect: str) -> str:
    """``finding_rows.event_day`` of the stored ``event_time`` (UTC): SQLite stores it as
    text ('2024-03-04 01:43:24.000000'), whose date's Julian day is a whole day and a half."""
    if dialect == "postgresql":
        return "CAST(event_time AT TIME ZONE 'UTC' AS date) - DATE '1970-01-01'"
    return "CAST(julianday(date(event_time)) - 2440587.5 AS INTEGER)"


def upgrade() -> None:
    conn = op.get_bind()
    with op.batch_alter_table("findings", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("event_day", sa.Integer(), server_default="0", nullable=False)
        )
    conn.execute(
        sa.text(
            f"UPDATE findings SET event_day = {_day_sql(conn.dialect.name)} "
            "WHERE kind = 'access' AND event_time IS NOT NULL"
        )
    )
    with op.batch_alter_table("findings", schema=None) as batch_op:
        batch_op.drop_constraint("uq_findings_identity", type_="unique")
        batch_op.create_unique_constraint(
            batch_op.f("uq_findings_event_day"), ["event_day", "identity"]
        )


def downgrade() -> None:
    with op.batch_alter_table("findings", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_findings_event_day"), type_="unique")
        batch_op.create_unique_constraint(batch_op.f("uq_findings_identity"), ["identity"])
        batch_op.drop_column("event_day")
