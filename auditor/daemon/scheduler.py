"""A thin wrapper over APScheduler 3.11: explicit policies, a persistent store, catch-up.

- Schedules live in the SQLAlchemy job store of the auditor's own database, so a restart
  knows when each job was next due; the queue poller lives in memory (it needs no memory).
- ``coalesce=True``, ``max_instances=1`` and a misfire grace in hours are set on every job,
  never left to APScheduler's defaults (1 second of grace would skip any run delayed by load).
- Jobs are stored by textual reference (``auditor.daemon.jobs:access_log_job``); the
  executor binds this process's DaemonRuntime when it runs them, so nothing is global.
- A run whose time passed while the daemon was down is recorded as a gap (ScanRun of kind
  ``gap`` + audit trail) and runs once on start (coalesced) when within the grace.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from apscheduler.events import EVENT_JOB_MISSED, JobExecutionEvent
from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.job import Job
from apscheduler.jobstores.memory import MemoryJobStore
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.base import STATE_STOPPED
from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from auditor.config import Settings
from auditor.daemon import jobs
from auditor.daemon.logs import event
from auditor.daemon.runtime import DaemonRuntime
from auditor.errors import ConfigError
from auditor.store import repo
from auditor.store.models import RunKind, RunStatus, Trigger

PERSISTENT = "default"
VOLATILE = "memory"
JOBS_TABLE = "apscheduler_jobs"


@dataclass(frozen=True)
class JobSpec:
    id: str
    func: Callable[[DaemonRuntime], None]
    trigger: BaseTrigger
    persistent: bool = True
    #: Interval jobs run at once the first time a daemon sees them; cron jobs wait their turn.
    run_on_first_start: bool = True
    label: str = ""

    def describe(self) -> str:
        return self.label or str(self.trigger)


def _report_trigger(settings: Settings) -> CronTrigger:
    cfg = settings.daemon
    try:
        hour, minute = (int(x) for x in cfg.weekly_report_time.split(":"))
        return CronTrigger(
            day_of_week=cfg.weekly_report_day, hour=hour, minute=minute, timezone=settings.tz
        )
    except ValueError as exc:
        raise ConfigError(
            "weekly report day/time must be like 'mon' and '06:00'",
            field="daemon.weekly_report_time",
        ) from exc


def _every_minutes(job_id: str, func: Callable[[DaemonRuntime], None], minutes: int) -> JobSpec:
    return JobSpec(job_id, func, IntervalTrigger(minutes=minutes), label=f"every {minutes} min")


def job_specs(settings: Settings) -> list[JobSpec]:
    """The schedule, from config: what runs and when."""
    cfg = settings.daemon
    specs = []
    if cfg.access_log_sources:
        specs.append(_every_minutes(jobs.JOB_ACCESS, jobs.access_log_job, cfg.access_scan_minutes))
    if cfg.export_dirs:
        specs.append(
            _every_minutes(jobs.JOB_EXPORTS, jobs.export_scan_job, cfg.export_scan_minutes)
        )
    if cfg.weekly_report:
        specs.append(
            JobSpec(
                jobs.JOB_REPORT,
                jobs.weekly_report_job,
                _report_trigger(settings),
                run_on_first_start=False,
                label=f"{cfg.weekly_report_day} {cfg.weekly_report_time} {settings.timezone}",
            )
        )
    specs.append(
        JobSpec(
            jobs.JOB_QUEUE,
            jobs.queue_worker_job,
            IntervalTrigger(seconds=cfg.queue_poll_seconds),
            persistent=False,
        )
    )
    return specs


class AuditorScheduler(BackgroundScheduler):
    """APScheduler 3.11 runs one more round of due jobs after ``shutdown()`` (the loop wakes
    up in STOPPED state); that round cannot submit them but still advances their next run
    time, silently consuming a due run. Stopped means stopped here."""

    def _process_jobs(self) -> float | None:
        if self.state == STATE_STOPPED:
            return None
        result: float | None = super()._process_jobs()
        return result

    def stop(self) -> None:
        """Pause first (no new submissions), then shut down waiting for the running job."""
        if self.state == STATE_STOPPED:
            return
        self.pause()
        self.shutdown(wait=True)


class _BoundJob:
    """What ``apscheduler.executors.base.run_job`` reads from a Job, with the runtime bound."""

    def __init__(self, job: Job, runtime: DaemonRuntime) -> None:
        self.id = job.id
        self._jobstore_alias = job._jobstore_alias
        self.misfire_grace_time = job.misfire_grace_time
        self.func = job.func
        self.args = job.args
        self.kwargs = {**job.kwargs, "rt": runtime}
        self._name = job.name

    def __str__(self) -> str:
        return self._name


class RuntimeExecutor(ThreadPoolExecutor):
    """A thread pool that hands each job this daemon's runtime (``rt=``)."""

    def __init__(self, runtime: DaemonRuntime, max_workers: int = 4) -> None:
        super().__init__(max_workers=max_workers)
        self._runtime = runtime

    def _do_submit_job(self, job: Job, run_times: list[datetime]) -> None:
        super()._do_submit_job(_BoundJob(job, self._runtime), run_times)


def build_scheduler(rt: DaemonRuntime) -> AuditorScheduler:
    settings = rt.actx.settings
    grace = int(timedelta(hours=settings.daemon.misfire_grace_hours).total_seconds())
    scheduler = AuditorScheduler(
        jobstores={
            PERSISTENT: SQLAlchemyJobStore(engine=rt.actx.engine, tablename=JOBS_TABLE),
            VOLATILE: MemoryJobStore(),
        },
        executors={"default": RuntimeExecutor(rt)},
        job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": grace},
        timezone=settings.tz,
    )

    def on_missed(ev: JobExecutionEvent) -> None:
        _record_missed(rt, ev.job_id, ev.scheduled_run_time, grace)

    scheduler.add_listener(on_missed, EVENT_JOB_MISSED)
    return scheduler


def _record_missed(rt: DaemonRuntime, job_id: str, scheduled: datetime, grace: int) -> None:
    kind = jobs.JOB_KINDS.get(job_id, job_id)
    with rt.actx.transaction() as session:
        run = repo.create_run(
            session, kind, "missed", trigger=Trigger.CATCH_UP, requested_by="daemon"
        )
        repo.finish_run(
            session,
            run.id,
            status=RunStatus.FAILED,
            error=f"missed: the run due {scheduled.isoformat()} was beyond the misfire grace "
            f"of {grace // 3600} h; the next scheduled run covers it",
            summary={"job": job_id, "scheduled_for": scheduled.isoformat()},
        )
        repo.audit(session, "daemon", "job.missed", job_id, scheduled_for=scheduled.isoformat())
    rt.catch_up.discard(job_id)
    event(rt.log, "run missed beyond grace", job=job_id, scheduled_for=scheduled.isoformat())


def record_gap(
    rt: DaemonRuntime, job_id: str, missed_since: datetime, last_alive: datetime | None
) -> None:
    """A scheduled time passed while no daemon ran: a ScanRun row the report can show."""
    now = rt.actx.clock()
    summary: dict[str, Any] = {
        "job": job_id,
        "missed_since": missed_since.isoformat(),
        "detected_at": now.isoformat(),
        "daemon_last_alive": last_alive.isoformat() if last_alive else None,
    }
    with rt.actx.transaction() as session:
        run = repo.create_run(
            session, RunKind.GAP, job_id, trigger=Trigger.DAEMON, requested_by="daemon"
        )
        repo.finish_run(session, run.id, status=RunStatus.DONE, summary=summary)
        repo.audit(session, "daemon", "job.gap", job_id, **summary)
    event(
        rt.log, "missed run detected; catching up", job=job_id, missed_since=summary["missed_since"]
    )


def sync_jobs(
    scheduler: BackgroundScheduler,
    rt: DaemonRuntime,
    *,
    interrupted_kinds: set[str],
    last_alive: datetime | None,
) -> None:
    """Apply the configured schedule to a started-but-paused scheduler, keeping due times.

    Persisted next-run times survive restarts: a past one means a missed run (recorded,
    then run once on resume); a job interrupted by a crash is due again at once.
    """
    now = rt.actx.clock()
    specs = job_specs(rt.actx.settings)
    wanted = {s.id for s in specs if s.persistent}
    for stale in scheduler.get_jobs(jobstore=PERSISTENT):
        if stale.id not in wanted:  # removed from config
            scheduler.remove_job(stale.id, jobstore=PERSISTENT)
    for spec in specs:
        store = PERSISTENT if spec.persistent else VOLATILE
        existing = scheduler.get_job(spec.id, jobstore=store) if spec.persistent else None
        next_time: datetime | None = None
        if existing is not None and existing.next_run_time is not None:
            if existing.next_run_time <= now:
                record_gap(rt, spec.id, existing.next_run_time, last_alive)
                rt.catch_up.add(spec.id)
                next_time = existing.next_run_time
            elif str(existing.trigger) == str(spec.trigger):
                next_time = existing.next_run_time
        if jobs.JOB_KINDS.get(spec.id) in interrupted_kinds:
            next_time = now
        if next_time is None and (existing is None or not spec.persistent):
            next_time = now if spec.run_on_first_start else None
        options: dict[str, Any] = {}
        if next_time is not None:
            options["next_run_time"] = next_time
        scheduler.add_job(
            "auditor.daemon.jobs:run_scheduled",
            spec.trigger,
            args=[spec.id],
            id=spec.id,
            name=spec.id,
            jobstore=store,
            replace_existing=True,
            **options,
        )


def due_or_running(scheduler: BackgroundScheduler, rt: DaemonRuntime) -> bool:
    """True while any job is due now or executing (``--once`` waits for this to clear)."""
    now = rt.actx.clock()
    executor = scheduler._lookup_executor("default")
    # Counts, not keys: when a job finishes before APScheduler has attached its done-callback,
    # the callback runs inside submit_job (re-entrant lock) and leaves a key behind at 0.
    instances = getattr(executor, "_instances", {})
    if rt.busy() or any(count > 0 for count in instances.values()):
        return True
    return any(
        j.next_run_time is not None and j.next_run_time <= now
        for j in scheduler.get_jobs(jobstore=PERSISTENT)
    )
