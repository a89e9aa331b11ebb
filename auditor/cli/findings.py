"""``auditor findings list|update``: the same triage as the API, from the command line."""

from __future__ import annotations

import getpass
from datetime import datetime

import typer
from rich.table import Table

from auditor.cli.common import (
    OutputFormat,
    app_context,
    err_console,
    out_console,
    print_jsonl,
)
from auditor.errors import InputError
from auditor.timefmt import parse_iso


def _when(value: str | None, field: str) -> datetime | None:
    if not value:
        return None
    try:
        return parse_iso(value)
    except ValueError:
        raise InputError("expected an ISO 8601 date or time", field=field) from None


def register(app: typer.Typer) -> None:
    findings_app = typer.Typer(help="List and triage findings.", no_args_is_help=True)
    app.add_typer(findings_app, name="findings")

    @findings_app.command("list")
    def list_(
        ctx: typer.Context,
        category: str | None = typer.Option(None, "--category"),
        severity: str | None = typer.Option(None, "--severity"),
        status: str | None = typer.Option(
            None, "--status", help="open | confirmed | dismissed | escalated"
        ),
        user: str | None = typer.Option(None, "--user", help="User id."),
        patient: str | None = typer.Option(None, "--patient", help="Patient id."),
        kind: str | None = typer.Option(None, "--kind", help="access | phi"),
        since: str | None = typer.Option(None, "--since", help="Event time from (ISO 8601)."),
        until: str | None = typer.Option(None, "--until", help="Event time before (ISO 8601)."),
        limit: int = typer.Option(50, "--limit", min=1),
        offset: int = typer.Option(0, "--offset", min=0),
        output_format: OutputFormat = typer.Option(
            OutputFormat.TABLE, "--output-format", help="table | jsonl"
        ),
    ) -> None:
        """Findings matching the filters, newest first (the read is audited)."""
        from auditor.services import triage
        from auditor.store.models import FindingKind, FindingStatus

        try:
            flt = triage.FindingFilter(
                kind=FindingKind(kind) if kind else None,
                category=category,
                severity=severity,
                status=FindingStatus(status) if status else None,
                user=user,
                patient=patient,
                since=_when(since, "--since"),
                until=_when(until, "--until"),
            )
        except ValueError as exc:
            raise InputError(str(exc), field="--status/--kind") from None
        actx = app_context(ctx)
        try:
            with actx.transaction() as session:
                total, rows = triage.list_findings(
                    session,
                    flt,
                    limit=limit,
                    offset=offset,
                    actor=f"cli:{getpass.getuser()}",
                    channel="cli",
                )
                items = [triage.finding_json(f) for f in rows]
        finally:
            actx.close()
        if output_format is OutputFormat.JSONL:
            for item in items:
                print_jsonl(item)
        else:
            table = Table("id", "kind", "rule", "severity", "status", "user", "patient", "when")
            for f in items:
                table.add_row(
                    str(f["id"]),
                    f["kind"],
                    f["rule_id"],
                    f["severity"],
                    f["status"],
                    f["user_id"] or "-",
                    f["patient_id"] or "-",
                    f["event_time"] or "-",
                )
            out_console.print(table)
        err_console.print(f"{len(items)} of {total} findings (offset {offset})")

    @findings_app.command("update")
    def update(
        ctx: typer.Context,
        finding_id: int = typer.Argument(..., help="Finding id (from `findings list`)."),
        status: str = typer.Option(
            ..., "--status", help="open | confirmed | dismissed | escalated"
        ),
        note: str = typer.Option("", "--note", help="Why (kept in the history)."),
        reviewer: str | None = typer.Option(
            None, "--reviewer", help="Who decides (default: login name)."
        ),
    ) -> None:
        """Change a finding's status; the previous status and the note are kept in its history."""
        from auditor.services import triage
        from auditor.store.models import FindingStatus

        try:
            new_status = FindingStatus(status)
        except ValueError:
            raise InputError(
                "must be open, confirmed, dismissed or escalated", field="--status"
            ) from None
        actor = reviewer or getpass.getuser()
        actx = app_context(ctx)
        try:
            with actx.transaction() as session:
                finding = triage.update_finding(
                    session, finding_id, new_status, actor=actor, note=note, channel="cli"
                )
                history = len(finding.history)
        finally:
            actx.close()
        err_console.print(
            f"finding {finding_id}: {new_status} by {actor} ({history} change(s) in history)"
        )
