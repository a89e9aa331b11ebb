"""``auditor findings list|show|update``: the same triage as the API, from the command line."""

from __future__ import annotations

import getpass
from datetime import datetime
from typing import Annotated, Any

import typer

from auditor.cli.common import (
    OutputFormat,
    OutputFormatOption,
    app_context,
    command_group,
    err_console,
    line_width,
    one_line_rows,
    print_jsonl,
    print_lines,
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


#: ``findings show|update``: the finding, by id.
FindingIdArg = Annotated[
    int, typer.Argument(min=1, max=2**63 - 1, help="Finding id (from `findings list`).")
]
KINDS = ("access", "phi")
STATUSES = ("open", "confirmed", "dismissed", "escalated")
SHOWN = (
    ("kind", "kind"),
    ("rule", "rule_id"),
    ("category", "category"),
    ("severity", "severity"),
    ("status", "status"),
    ("user", "user_id"),
    ("patient", "patient_id"),
    ("when", "event_time"),
    ("event", "event_id"),
    ("source", "source"),
    ("first seen", "first_seen"),
    ("last seen", "last_seen"),
    ("reviewer", "reviewer"),
)


def _why(item: dict[str, Any]) -> str:
    """The explanation for access findings; PHI findings say what and where, never the text."""
    if item["kind"] == "phi":
        return f"{item.get('rule_id') or 'PHI'} in {item['source'] or '-'}"
    return str(item["explanation"] or "-")


def show_lines(item: dict[str, Any]) -> list[str]:
    """``findings show``: the same fields ``findings list`` and the API return, one per line."""
    lines = [f"finding {item['id']}"]
    for label, key in SHOWN:
        if item.get(key) not in (None, ""):
            lines.append(f"  {label:<11} {item[key]}")
    if item["kind"] == "phi" and item.get("location"):
        lines.append(f"  {'location':<11} {item['location']}")
    lines.append(f"  {'why':<11} {_why(item)}")
    if item.get("note"):
        lines.append(f"  {'note':<11} {item['note']}")
    history = item.get("history") or []
    lines.append(f"history ({len(history):,} change(s))")
    for h in history:
        note = f": {h['note']}" if h["note"] else ""
        lines.append(f"  {h['at']}  {h['old_status']} -> {h['new_status']} by {h['actor']}{note}")
    return lines


def register(app: typer.Typer) -> None:
    findings_app = command_group(app, "findings", "List and triage findings.")

    @findings_app.command("list")
    def list_(
        ctx: typer.Context,
        category: str | None = typer.Option(
            None, "--category", help="e.g. vip_access,self_access or phi (comma list)."
        ),
        severity: str | None = typer.Option(
            None, "--severity", help="low | medium | high | critical (comma list)."
        ),
        min_severity: str | None = typer.Option(
            None, "--min-severity", help="This severity and above, e.g. high."
        ),
        status: str | None = typer.Option(
            None, "--status", help="open | confirmed | dismissed | escalated (comma list)."
        ),
        user: str | None = typer.Option(None, "--user", help="User id."),
        patient: str | None = typer.Option(None, "--patient", help="Patient id."),
        kind: str | None = typer.Option(None, "--kind", help="access | phi"),
        since: str | None = typer.Option(None, "--since", help="Event time from (ISO 8601)."),
        until: str | None = typer.Option(None, "--until", help="Event time before (ISO 8601)."),
        limit: int = typer.Option(50, "--limit", min=1),
        offset: int = typer.Option(0, "--offset", min=0),
        output_format: OutputFormatOption = OutputFormat.TABLE,
    ) -> None:
        """Findings matching the filters, newest first (the read is audited).

        Example: auditor findings list --status open --min-severity high
        """
        from auditor.services import triage

        severities = triage.choose(severity, triage.SEVERITIES, "--severity")
        floor = triage.at_least(min_severity)
        if floor:
            severities = tuple(s for s in (severities or floor) if s in floor)
            if not severities:
                raise InputError("no severity is both listed and at least --min-severity")
        flt = triage.FindingFilter(
            kinds=triage.choose(kind, KINDS, "--kind"),
            categories=triage.choose(category, triage.finding_categories(), "--category"),
            severities=severities,
            statuses=triage.choose(status, STATUSES, "--status"),
            user=user,
            patient=patient,
            since=_when(since, "--since"),
            until=_when(until, "--until"),
        )
        actx = app_context(ctx)
        try:
            page = triage.PageRequest(
                limit=limit, offset=offset, actor=f"cli:{getpass.getuser()}", channel="cli"
            )
            total, items = triage.list_findings_json(actx, flt, page)
        finally:
            actx.close()
        if output_format is OutputFormat.JSONL:
            for item in items:
                print_jsonl(item)
        else:
            head = ("id", "severity", "category", "status", "user", "patient", "when (UTC)", "why")
            cells = [
                (
                    str(f["id"]),
                    f["severity"],
                    f["category"],
                    f["status"],
                    f["user_id"] or "-",
                    f["patient_id"] or "-",
                    (f["event_time"] or "-")[:16].replace("T", " "),
                    _why(f),
                )
                for f in items
            ]
            if cells:
                print_lines(one_line_rows(head, cells, line_width()))
        err_console.print(f"{len(items):,} of {total:,} findings (offset {offset:,})")

    @findings_app.command("show")
    def show(
        ctx: typer.Context,
        finding_id: FindingIdArg,
        output_format: OutputFormatOption = OutputFormat.TABLE,
    ) -> None:
        """One finding: what, who, when, why, its status history and notes (the read is audited).

        Example: auditor findings show 124
        """
        from auditor.services import triage

        actx = app_context(ctx)
        try:
            with actx.transaction() as session:
                finding = triage.get_finding(
                    session, finding_id, actor=f"cli:{getpass.getuser()}", channel="cli"
                )
                item = triage.finding_json(finding, with_history=True)
        finally:
            actx.close()
        if output_format is OutputFormat.JSONL:
            print_jsonl(item)
            return
        print_lines(show_lines(item))

    @findings_app.command("update")
    def update(
        ctx: typer.Context,
        finding_id: FindingIdArg,
        status: str = typer.Option(
            ..., "--status", help="open | confirmed | dismissed | escalated"
        ),
        note: str = typer.Option("", "--note", help="Why (kept in the history)."),
        reviewer: str | None = typer.Option(
            None, "--reviewer", help="Who decides (default: login name)."
        ),
    ) -> None:
        """Change a finding's status; the previous status and the note are kept in its history.

        Example: auditor findings update 124 --status confirmed --note "reviewed with manager"
        """
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
