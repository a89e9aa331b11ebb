"""compact audited events: keyed by (day, key) without a rowid, run numbers, per-run counts

``audited_events`` held one row per event under a random text key with two 36-character run
ids and two more indexes (day, last run): ~236 bytes and four B-trees per access, written
at random. It becomes one B-tree keyed by (site-local day as a day number, key), with run
numbers from the new ``audited_runs``, which also keeps each run's counts (distinct events
read, new to the store) and timezone. Every row is kept: the day text becomes its number,
each run id its number; the counts of the runs already recorded are those the old table
gives (events whose last run, and first run, it was), their timezone the one each run
recorded in its parameters.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03
"""

from __future__ import annotations

import json
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def _rename_pk(conn: Any, table: str) -> None:
    """PostgreSQL names the primary key's index after the constraint: the renamed table's
    must make way for the new table's ``pk_audited_events``."""
    if conn.dialect.name == "postgresql":
        op.execute(f"ALTER TABLE {table} RENAME CONSTRAINT pk_audited_events TO pk_{table}")


def _run_timezone(conn: Any, run_id: str) -> str:
    """The timezone the run recorded in its parameters ('' if none): the days of its events
    are in it, so a later run in the same timezone needs no look-up one day off."""
    raw = conn.execute(
        sa.text("SELECT params FROM scan_runs WHERE id = :i"), {"i": run_id}
    ).scalar()
    try:
        params = json.loads(raw) if isinstance(raw, str) else raw
        timezone = params.get("timezone", "") if isinstance(params, dict) else ""
    except ValueError:
        timezone = ""
    return str(timezone or "")[:64]


def upgrade() -> None:
    conn = op.get_bind()
    op.create_table(
        "audited_runs",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("run_id", sa.String(length=36), nullable=False),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("events_read", sa.BigInteger(), nullable=False),
        sa.Column("events_new", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_audited_runs")),
    )
    op.create_index("ix_audited_runs_run_id", "audited_runs", ["run_id"], unique=True)
    # The runs the old rows name, with the counts the old table gives them.
    first: dict[str, int] = dict(
        conn.execute(
            sa.text("SELECT first_run_id, count(*) FROM audited_events GROUP BY first_run_id")
        ).all()
    )
    last: dict[str, int] = dict(
        conn.execute(
            sa.text("SELECT last_run_id, count(*) FROM audited_events GROUP BY last_run_id")
        ).all()
    )
    for run_id in sorted(set(first) | set(last)):
        conn.execute(
            sa.text(
                "INSERT INTO audited_runs (run_id, timezone, events_read, events_new) "
                "VALUES (:r, :tz, :a, :n)"
            ),
            {
                "r": run_id,
                "tz": _run_timezone(conn, run_id),
                "a": last.get(run_id, 0),
                "n": first.get(run_id, 0),
            },
        )
    op.drop_index(op.f("ix_audited_events_last_run_id"), table_name="audited_events")
    op.drop_index(op.f("ix_audited_events_day"), table_name="audited_events")
    op.rename_table("audited_events", "audited_events_old")
    _rename_pk(conn, "audited_events_old")
    op.create_table(
        "audited_events",
        sa.Column("day", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=32), nullable=False),
        sa.Column("explained", sa.Boolean(), nullable=False),
        sa.Column("first_run", sa.Integer(), nullable=False),
        sa.Column("last_run", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("day", "key", name=op.f("pk_audited_events")),
        sqlite_with_rowid=False,
    )
    if conn.dialect.name == "postgresql":
        day = "o.day::date - DATE '1970-01-01'"
    else:
        day = "CAST(strftime('%s', o.day) AS INTEGER) / 86400"
    conn.execute(
        sa.text(
            "INSERT INTO audited_events (day, key, explained, first_run, last_run) "
            f"SELECT {day}, o.key, o.explained, f.seq, l.seq FROM audited_events_old o "
            "JOIN audited_runs f ON f.run_id = o.first_run_id "
            "JOIN audited_runs l ON l.run_id = o.last_run_id ORDER BY 1, 2"
        )
    )
    op.drop_table("audited_events_old")


def downgrade() -> None:
    conn = op.get_bind()
    op.rename_table("audited_events", "audited_events_new")
    _rename_pk(conn, "audited_events_new")
    op.create_table(
        "audited_events",
        sa.Column("key", sa.String(length=32), nullable=False),
        sa.Column("day", sa.String(length=10), nullable=False),
        sa.Column("explained", sa.Boolean(), nullable=False),
        sa.Column("first_run_id", sa.String(length=36), nullable=False),
        sa.Column("last_run_id", sa.String(length=36), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_audited_events")),
    )
    if conn.dialect.name == "postgresql":
        day = "to_char(DATE '1970-01-01' + n.day, 'YYYY-MM-DD')"
    else:
        day = "date(n.day * 86400, 'unixepoch')"
    conn.execute(
        sa.text(
            "INSERT INTO audited_events (key, day, explained, first_run_id, last_run_id) "
            f"SELECT n.key, {day}, n.explained, f.run_id, l.run_id FROM audited_events_new n "
            "JOIN audited_runs f ON f.seq = n.first_run JOIN audited_runs l ON l.seq = n.last_run"
        )
    )
    op.drop_table("audited_events_new")
    op.create_index(op.f("ix_audited_events_day"), "audited_events", ["day"], unique=False)
    op.create_index(
        op.f("ix_audited_events_last_run_id"), "audited_events", ["last_run_id"], unique=False
    )
    op.drop_index("ix_audited_runs_run_id", table_name="audited_runs")
    op.drop_table("audited_runs")
