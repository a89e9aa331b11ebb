"""``auditor scan access-logs``: who opened which chart, checked against the policy pack.

Findings go to stdout (a table, or one JSON object per line with ``--output-format jsonl``);
the run summary goes to stderr and, with ``--summary-json``, to a file.
"""

from __future__ import annotations

import sys
from contextlib import nullcontext
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from auditor.cli.common import (
    OutputFormat,
    app_context,
    err_console,
    out_console,
    show_progress,
    write_summary_json,
)
from auditor.errors import InputError
from auditor.timefmt import iso_z

if TYPE_CHECKING:
    from rich.table import Table

    from auditor.findings import AccessFinding
    from auditor.services.access_findings import AccessBatch
    from auditor.services.access_result import AccessScanResult

TABLE_ROWS = 200


def _table(findings: list[AccessFinding], total: int) -> Table:
    from rich.table import Table

    table = Table(title=f"Access findings ({total})", show_lines=False)
    for name in ("severity", "rule", "category", "event", "user", "patient", "time", "why"):
        table.add_column(name, overflow="fold")
    for f in findings:
        table.add_row(
            f.severity,
            f.rule_id,
            f.category,
            f.event_id,
            f.user_id,
            f.patient_id,
            iso_z(f.timestamp),
            f.explanation,
        )
    return table


def print_summary(result: AccessScanResult) -> None:
    """The run totals, for a person, on stderr."""
    t = result.totals
    err_console.print(
        f"access-logs: read {t.records_read}, processed {t.records_processed},"
        f" quarantined {t.records_quarantined};"
        f" explained {result.explained_pct}% ({result.accesses_explained});"
        f" findings {t.findings_count} ({result.findings_new} new)",
        markup=False,
        soft_wrap=True,
    )
    for category, count in sorted(result.findings_by_category.items()):
        err_console.print(f"  {category}: {count}", markup=False, soft_wrap=True)
    for rule_id, why in sorted(result.disabled_rules.items()):
        err_console.print(f"  rule {rule_id} disabled: {why}", markup=False, soft_wrap=True)
    if result.quarantine_file:
        err_console.print(
            f"  quarantined records: {result.quarantine_file}", markup=False, soft_wrap=True
        )


def register(app: typer.Typer) -> None:
    @app.command("access-logs")
    def access_logs(
        ctx: typer.Context,
        paths: list[Path] = typer.Argument(..., help="Access-log files or folders."),
        fmt: str = typer.Option(
            "auto", "--format", help="auto | csv | epic | fhir | atna | mapping:FILE"
        ),
        context: Path | None = typer.Option(
            None, "--context", help="Folder with workforce.csv, ... (docs/context-files.md)."
        ),
        policies: Path | None = typer.Option(
            None, "--policies", help="Policy pack folder (default: the configured pack)."
        ),
        timezone: str | None = typer.Option(
            None, "--timezone", help="Site timezone for shifts and context times."
        ),
        output_format: OutputFormat = typer.Option(
            OutputFormat.TABLE, "--output-format", help="table | jsonl"
        ),
        summary_json: Path | None = typer.Option(
            None, "--summary-json", help="Write the run summary as JSON to this file."
        ),
        incremental: bool = typer.Option(
            False, "--incremental", help="Resume each file from its checkpoint (appended lines)."
        ),
        fail_on_findings: bool = typer.Option(
            False, "--fail-on-findings", help="Exit 1 when the scan produced any finding."
        ),
    ) -> None:
        """Scan access logs against the policy pack; findings to stdout, summary to stderr."""
        from auditor.services.access_scan import AccessScanRequest, scan_access_logs

        for path in paths:
            if not path.exists():
                raise InputError("path not found", file=str(path))
        if context is not None and not context.is_dir():
            raise InputError("context folder not found", file=str(context))
        shown: list[AccessFinding] = []
        write = sys.stdout.write

        def on_batch(batch: AccessBatch) -> None:
            if output_format is OutputFormat.JSONL:
                write("\n".join(batch.jsonl) + "\n")  # lines made by DuckDB (policy.hits)
            elif len(shown) < TABLE_ROWS:
                shown.extend(row.finding() for row in batch.rows[: TABLE_ROWS - len(shown)])

        status = err_console.status("scanning access logs...") if show_progress() else nullcontext()
        with app_context(ctx) as actx, status:
            request = AccessScanRequest(
                paths,
                fmt=fmt,
                context_dir=context,
                policies_dir=policies,
                timezone=timezone,
                incremental=incremental,
                on_batch=on_batch,
            )
            result = scan_access_logs(actx, request)
        total = result.totals.findings_count
        if output_format is OutputFormat.TABLE:
            if shown:
                out_console.print(_table(shown, total))
            if total > len(shown):
                out_console.print(
                    f"... {total - len(shown)} more findings (use --output-format jsonl)",
                    markup=False,
                )
        print_summary(result)
        if summary_json is not None:
            write_summary_json(summary_json, result.totals.summary())
        if fail_on_findings and total:
            raise typer.Exit(1)
