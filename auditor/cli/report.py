"""``auditor report weekly|list|show``: signed weekly reports (JSON + HTML + PDF + DSSE)."""

from __future__ import annotations

import typer
from rich import box
from rich.table import Table

from auditor.cli.common import app_context, command_group, err_console, out_console, print_jsonl
from auditor.errors import InputError
from auditor.numfmt import count


def _format(value: str) -> str:
    if value not in {"table", "jsonl"}:
        raise InputError("must be table or jsonl", field="--output-format")
    return value


def _warn(text: str) -> None:
    err_console.print(text, markup=False, soft_wrap=True)


def register(app: typer.Typer) -> None:
    report_app = command_group(app, "report", "Build, list and show signed weekly reports.")

    @report_app.command("weekly")
    def weekly(
        ctx: typer.Context,
        week: str | None = typer.Option(
            None, "--week", help="ISO week, e.g. 2026-W47 (default: last full week, site tz)."
        ),
    ) -> None:
        """Build the week's report, sign it and chain it; prints the report's file paths."""
        from auditor.reports.periods import parse_week
        from auditor.services.reporting import build_weekly_report

        with app_context(ctx) as actx:
            if week is not None:
                parse_week(week, actx.settings.tz)  # a bad --week fails before "building..."
            if actx.settings.report.pdf:
                err_console.print("building report (JSON, HTML, PDF) and signing it...")
            result = build_weekly_report(actx, week, on_warning=_warn)
        err_console.print(f"report {result.report_id} signed")
        for path in [*result.files, *([result.envelope] if result.envelope else [])]:
            typer.echo(str(path))

    @report_app.command("list")
    def list_(
        ctx: typer.Context,
        output_format: str = typer.Option("table", "--output-format", help="table | jsonl"),
    ) -> None:
        """Every signed report, oldest period first."""
        from auditor.services.reporting import list_reports

        fmt = _format(output_format)
        with app_context(ctx) as actx:
            rows = list_reports(actx)
        if fmt == "jsonl":
            for row in rows:
                print_jsonl(row)
            return
        table = Table(box=box.SIMPLE)
        table.add_column("id", no_wrap=True)
        for name in ("week", "findings", "explained", "gaps", "key"):
            table.add_column(name, no_wrap=True)
        for r in rows:
            pct = r["explained_pct"]
            table.add_row(
                r["id"],
                r["week"],
                count(r["findings"]),
                f"{pct}%" if pct is not None else "—",
                count(r["gaps"]),
                r["key_id"][:10],
            )
        out_console.print(table)
        if not rows:
            err_console.print("no reports yet; run `auditor report weekly`")

    @report_app.command("show")
    def show(
        ctx: typer.Context,
        report_id: str = typer.Argument(..., help="Report id, e.g. weekly-2026-W47."),
        output_format: str = typer.Option("table", "--output-format", help="table | jsonl"),
    ) -> None:
        """A report's period, files, ledger position, headline numbers and verification."""
        from auditor.services.reporting import show_report

        fmt = _format(output_format)
        with app_context(ctx) as actx:
            info = show_report(actx, report_id)
        if fmt == "jsonl":
            print_jsonl(info)
            return
        summary = info.get("summary") or {}
        lines = [
            ("report", info["id"]),
            ("period", f"{info['period_start']} .. {info['period_end']}"),
            ("created", info["created_at"]),
            ("folder", info["path"]),
            ("ledger", f"#{info['ledger_seq']}" if info["ledger_seq"] else "—"),
            ("envelope", f"sha256:{info['envelope_digest']}"),
            ("key id", info["key_id"]),
            ("accesses audited", count(summary.get("accesses_audited"))),
            ("explained", f"{pct}%" if (pct := summary.get("explained_pct")) else "—"),
            ("findings", count(summary.get("findings_total"))),
            ("gaps", count(summary.get("gaps"))),
            ("files", ", ".join(f"{f['name']} ({count(f['bytes'])} B)" for f in info["files"])),
            ("verification", info["verification"]),
        ]
        for label, value in lines:
            typer.echo(f"{label:<17} {value}")
