"""What ``auditor status`` shows: schedules, last/next runs, queue depth, lock holder."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import inspect, select, text

from auditor.context import AppContext
from auditor.daemon import jobs, lock
from auditor.daemon.scheduler import JOBS_TABLE, job_specs
from auditor.store import queue
from auditor.store.models import RunKind, ScanRun, Trigger


def _next_runs(actx: AppContext) -> dict[str, datetime | None]:
    """Next run times straight from the job store table (no scheduler needed to read them)."""
    if not inspect(actx.engine).has_table(JOBS_TABLE):
        return {}
    with actx.engine.connect() as conn:
        rows = conn.execute(text(f"SELECT id, next_run_time FROM {JOBS_TABLE}")).all()
    return {
        str(job_id): datetime.fromtimestamp(float(ts), UTC) if ts is not None else None
        for job_id, ts in rows
    }


def _iso(value: datetime | None) -> str | None:
    return value.isoformat(timespec="seconds") if value else None


def daemon_status(actx: AppContext) -> dict[str, Any]:
    next_runs = _next_runs(actx)
    schedules = []
    with actx.transaction() as session:
        for spec in job_specs(actx.settings):
            if not spec.persistent:
                continue
            kind = jobs.JOB_KINDS[spec.id]
            last = session.scalars(
                select(ScanRun)
                .where(
                    ScanRun.kind == kind,
                    ScanRun.trigger.in_([Trigger.SCHEDULE, Trigger.CATCH_UP]),
                )
                .order_by(ScanRun.requested_at.desc())
                .limit(1)
            ).first()
            schedules.append(
                {
                    "job": spec.id,
                    "schedule": spec.describe(),
                    "next_run": _iso(next_runs.get(spec.id)),
                    "last_run": _iso(last.finished_at or last.started_at) if last else None,
                    "last_status": str(last.status) if last else None,
                    "last_error": (last.error or None) if last else None,
                }
            )
        depth = queue.depth(session)
        gaps = session.scalars(
            select(ScanRun)
            .where(ScanRun.kind == RunKind.GAP)
            .order_by(ScanRun.requested_at.desc())
            .limit(5)
        ).all()
    holder = lock.read_holder(actx.engine)
    held = lock.is_held(actx.engine)
    return {
        "daemon": {
            "running": held,
            "lock": lock.lock_for(actx.engine).backend,
            "holder": (
                {
                    "pid": holder.pid,
                    "host": holder.host,
                    "started_at": _iso(holder.started_at),
                    "heartbeat_at": _iso(holder.heartbeat_at),
                    "stopped_at": _iso(holder.stopped_at),
                }
                if holder
                else None
            ),
        },
        "schedules": schedules,
        "queue": depth,
        "recent_gaps": [g.summary for g in gaps],
    }
