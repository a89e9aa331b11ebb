"""``auditor daemon`` (the scheduler and queue worker) and ``auditor status``."""

from __future__ import annotations

import json
import logging

import typer
from rich.table import Table

from auditor.cli.common import app_context, err_console, out_console, sighup_says_restart
from auditor.cli.safe_text import visible
from auditor.numfmt import count


class SkippedRunIsInfo(logging.Filter):
    """APScheduler warns when a job's previous run is still going; nobody can act on it.

    The record becomes INFO, shown only when the ``apscheduler`` logger is set to INFO.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if "maximum number of running instances reached" not in record.getMessage():
            return True
        record.levelno, record.levelname = logging.INFO, "INFO"
        return logging.getLogger("apscheduler").isEnabledFor(logging.INFO)


def quiet_skipped_runs() -> None:
    scheduler_log = logging.getLogger("apscheduler.scheduler")
    if not any(isinstance(f, SkippedRunIsInfo) for f in scheduler_log.filters):
        scheduler_log.addFilter(SkippedRunIsInfo())


def register(app: typer.Typer) -> None:
    @app.command("daemon")
    def daemon(
        ctx: typer.Context,
        once: bool = typer.Option(
            False, "--once", help="Run what is due (missed runs, queued scans), then exit."
        ),
        json_logs: bool | None = typer.Option(
            None, "--json-logs/--text-logs", help="Log format (default: daemon.json_logs)."
        ),
    ) -> int:
        """Run scheduled scans, the weekly report and queued API requests (one per database).

        Exits 3 if another daemon already holds this database's lock; SIGTERM or Ctrl-C
        stops it at the next checkpoint with exit code 0. auditor.toml is read at start-up:
        restart after editing it (SIGHUP says so and goes on).
        """
        from auditor.config import CONFIG_FILE
        from auditor.daemon.logs import configure
        from auditor.daemon.service import run_daemon

        actx = app_context(ctx, actor="daemon")
        try:
            use_json = actx.settings.daemon.json_logs if json_logs is None else json_logs
            log = configure(use_json, logging.INFO)
            quiet_skipped_runs()
            with sighup_says_restart("daemon", actx.settings.home / CONFIG_FILE, log):
                return run_daemon(actx, log, once=once)
        finally:
            actx.close()

    @app.command("status")
    def status(
        ctx: typer.Context,
        as_json: bool = typer.Option(False, "--json", help="Print one JSON object to stdout."),
    ) -> None:
        """Show schedules, last and next runs, queue depth and the daemon lock holder."""
        from auditor.daemon.status import daemon_status

        actx = app_context(ctx)
        try:
            info = daemon_status(actx)
        finally:
            actx.close()
        if as_json:
            typer.echo(json.dumps(info, sort_keys=True))
            return
        d = info["daemon"]
        holder = d["holder"]
        if d["running"] and holder:
            err_console.print(
                f"daemon: running (pid {holder['pid']} on {holder['host']}, "
                f"since {holder['started_at']}, heartbeat {holder['heartbeat_at']}; "
                f"lock {d['lock']})"
            )
        else:
            last = f" (last: pid {holder['pid']} on {holder['host']})" if holder else ""
            err_console.print(f"daemon: not running{last}")

        def short(value: str | None) -> str:
            return value[:16].replace("T", " ") if value else "-"

        table = Table("job", "schedule", "last run (UTC)", "status", "next run (UTC)")
        for column in table.columns:
            column.no_wrap = True
        for s in info["schedules"]:
            table.add_row(
                visible(s["job"]),
                visible(s["schedule"]),
                short(s["last_run"]),
                visible(s["last_status"] or "-"),
                short(s["next_run"]),
            )
        out_console.print(table)
        for s in info["schedules"]:
            if s["last_status"] == "failed" and s["last_error"]:
                out_console.print(
                    visible(f"{s['job']}: last run failed: {s['last_error']}"), markup=False
                )
        q = info["queue"]
        out_console.print(f"queue: {count(q['queued'])} queued, {count(q['running'])} running")
        for gap in info["recent_gaps"]:
            out_console.print(f"gap: {gap.get('job')} missed since {gap.get('missed_since')}")
