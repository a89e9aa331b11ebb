"""``auditor demo``: build a synthetic hospital, scan it, report, sign, verify, print paths."""

from __future__ import annotations

import time
from pathlib import Path

import typer

from auditor.cli.common import app_context, auditor_command, err_console, out_console
from auditor.numfmt import count


def register(app: typer.Typer) -> None:
    @app.command("demo")
    def demo_cmd(ctx: typer.Context) -> None:
        """Run the whole job on a synthetic hospital's week under HOME/demo (offline, ~1 min)."""
        from auditor.services.demo import run_demo

        started = time.perf_counter()
        with app_context(ctx, actor="demo") as actx:
            err_console.print(f"[bold]hipaa-auditor demo[/] in {actx.settings.home}")
            result = run_demo(actx)
        a, d = result.access, result.documents
        out = out_console
        out.print("\n[bold]Access logs[/]")
        out.print(
            f"  events read {count(a.get('records_read', 0))},"
            f" processed {count(a.get('records_processed', 0))},"
            f" quarantined {count(a.get('records_quarantined', 0))};"
            f" explained {a.get('explained_pct', '?')}%"
        )
        for category, n in sorted(a.get("findings_by_category", {}).items()):
            out.print(f"  {category:<26} {count(n)}")
        out.print("[bold]Exported documents[/]")
        skipped = len(d.get("files_skipped", []))
        phi_total = sum(d.get("findings_by_type", {}).values())
        out.print(
            f"  files scanned {count(d.get('files_scanned', 0))}, skipped {skipped:,},"
            f" PHI findings {phi_total:,}"
        )
        out.print("[bold]Paths[/]")
        out.print(f"  context       {result.context_dir}")
        for log in result.access_logs:
            out.print(f"  access log    {log}")
        out.print(f"  exports       {result.exports_dir}")
        for folder in result.reports:
            out.print(f"  report        {folder}")
        out.print(f"  de-identified {result.deid_out}")
        out.print(f"  certificate   {result.certificate}")
        out.print(f"  quarantine    {actx.settings.quarantine_dir}")
        out.print(
            "[bold]Verified[/]: reports, certificate and chain"
            if result.verified
            else "[red]NOT verified[/]"
        )
        cmd = f"{auditor_command()} --home {actx.settings.home}"
        if result.context_configured:
            out.print(f"  context_dir   set in {actx.settings.home / 'auditor.toml'}")
        out.print("[bold]Next[/] (weeks are relative to today; the demo hospital is on UTC)")
        out.print(f"  check again with: {cmd} verify --all", markup=False)
        if result.access_logs:  # the last week: the one context_dir names
            out.print(
                f"  scan a log:       {cmd} scan access-logs {result.access_logs[-1]}", markup=False
            )
        out.print(f"  triage:           {cmd} findings list --min-severity high", markup=False)
        if auditor_command() != "auditor":
            activate = Path(auditor_command()).with_name("activate")
            out.print(f"  (or run `. {activate}` once, then type `auditor ...`)", markup=False)
        out.print(
            "Run as a service: `auditor daemon` (scheduled scans, weekly report) and"
            " `auditor serve` (HTTP API on 127.0.0.1); see docs/service.md."
        )
        out.print(f"done in {time.perf_counter() - started:.1f}s")
