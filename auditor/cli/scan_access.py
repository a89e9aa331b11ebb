"""``auditor scan access-logs``: who opened which chart, checked against the policy pack.

Findings go to stdout (a table, or one JSON object per line with ``--output-format jsonl``);
the run summary goes to stderr and, with ``--summary-json``, to a file.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from auditor.cli.common import (
    OutputFormat,
    OutputFormatOption,
    app_context,
    engine_option,
    err_console,
    interruptible,
    line_width,
    master_option,
    one_line_rows,
    out_console,
    print_lines,
    progress,
    require_context_files,
    write_summary_json,
)
from auditor.cli.safe_text import visible
from auditor.errors import InputError, PolicyError

if TYPE_CHECKING:
    from auditor.findings import AccessFinding
    from auditor.services.access_findings import AccessBatch
    from auditor.services.access_result import AccessScanResult

TABLE_ROWS = 200
SEVERITY_RANK = {"critical": 0, "high": 1, "medium": 2, "low": 3}


def most_severe(rows: list[AccessFinding], limit: int) -> list[AccessFinding]:
    """The ``limit`` most severe findings, earliest first within a severity."""
    rows.sort(key=lambda f: (SEVERITY_RANK.get(f.severity, 9), f.timestamp, f.event_id))
    return rows[:limit]


def finding_lines(findings: list[AccessFinding], total: int, tz: str, width: int) -> list[str]:
    """One line per finding (never wrapped: "why" is cut to ``width``), times in ``tz``."""
    from zoneinfo import ZoneInfo

    zone = ZoneInfo(tz)
    rows = [
        (
            f.severity,
            f.rule_id,
            f.user_id,
            f.patient_id,
            f.timestamp.astimezone(zone).strftime("%Y-%m-%d %H:%M"),
            f.explanation,
        )
        for f in findings
    ]
    head = ("severity", "rule", "user", "patient", f"time ({tz})", "why")
    return [f"Access findings ({total:,}), most severe first", *one_line_rows(head, rows, width)]


def print_summary(result: AccessScanResult) -> None:
    """The run totals, for a person, on stderr."""
    t = result.totals
    err_console.print(
        f"access-logs: read {t.records_read:,}, processed {t.records_processed:,},"
        f" quarantined {t.records_quarantined:,};"
        f" explained {result.explained_pct}% ({result.accesses_explained:,});"
        f" findings {t.findings_count:,} ({result.findings_new:,} new)",
        markup=False,
        soft_wrap=True,
    )
    # Records are deliveries; events are what the weekly report counts (re-scans and the
    # same events in another format are one event).
    err_console.print(
        f"  distinct events {result.events_distinct:,} ({result.events_new:,} new to the store)",
        markup=False,
        soft_wrap=True,
    )
    for category, count in sorted(result.findings_by_category.items()):
        err_console.print(f"  {category}: {count:,}", markup=False, soft_wrap=True)
    for rule_id, why in sorted(result.disabled_rules.items()):
        err_console.print(f"  rule {rule_id} disabled: {why}", markup=False, soft_wrap=True)
    for rule_id, why in sorted(result.failed_rules.items()):
        err_console.print(f"  rule {rule_id} {why}", markup=False, soft_wrap=True)
    if result.quarantine_file:
        err_console.print(
            f"  quarantined records: {result.quarantine_file}", markup=False, soft_wrap=True
        )
    for entry in unread_files(result):
        err_console.print(f"  not read: {visible(entry['error'])}", markup=False, soft_wrap=True)


def unread_files(result: AccessScanResult) -> list[dict[str, Any]]:
    """The files the scan could not read at all (each with its PHI-free reason)."""
    return [entry for entry in result.files if "error" in entry]


def check_files_read(result: AccessScanResult) -> None:
    """A log file that could not be read leaves the audit incomplete: exit 2 once the others
    are scanned and stored (a clean exit would read as a clean week)."""
    unread = len(unread_files(result))
    if unread:
        files = "file" if len(result.files) == 1 else "files"
        raise InputError(
            f"{unread:,} of {len(result.files):,} log {files} could not be read (listed above);"
            " the findings cover only the others"
        )


def register(app: typer.Typer) -> None:
    @app.command("access-logs")
    def access_logs(
        ctx: typer.Context,
        paths: list[Path] = typer.Argument(
            ..., help="Access-log files or folders.", metavar="PATH"
        ),
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
        output_format: OutputFormatOption = OutputFormat.TABLE,
        summary_json: Path | None = typer.Option(
            None, "--summary-json", help="Write the run summary as JSON to this file."
        ),
        incremental: bool = typer.Option(
            False, "--incremental", help="Resume each file from its checkpoint (appended lines)."
        ),
        fail_on_findings: bool = typer.Option(
            False, "--fail-on-findings", help="Exit 1 when the scan produced any finding."
        ),
        engine: str | None = engine_option("access", "duckdb | spark"),
        master: str | None = master_option("access"),
    ) -> None:
        """Scan access logs against the policy pack; findings to stdout, summary to stderr.

        Example: auditor scan access-logs logs/access-20261116.csv --context site/context

        Exits 2 when a log file could not be read or a rule failed (the rest is stored).
        """
        from auditor.scanners.access_logs import resolve_format
        from auditor.services.access_scan import (
            AccessScanRequest,
            expand_paths,
            scan_access_logs,
        )

        if engine not in (None, "duckdb", "spark"):
            raise InputError(f"unknown value {engine!r} (duckdb | spark)", field="--engine")
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
            else:
                shown.extend(row.finding() for row in batch.rows)
                if len(shown) > 4 * TABLE_ROWS:  # bounded: keep only the most severe
                    shown[:] = most_severe(shown, TABLE_ROWS)

        files = expand_paths(paths)
        for file in files:  # a bad --format: the same one-line style as --output-format
            try:
                resolve_format(fmt, file)
            except InputError as exc:
                message = exc.message.replace("unknown format", "unknown value", 1)
                raise InputError(message, file=exc.file, field="--format") from None
        total_bytes = sum(f.stat().st_size for f in files)
        done: dict[str, int] = {}

        with app_context(ctx) as actx:
            require_context_files(context or actx.settings.resolved_context_dir)

            def run() -> AccessScanResult:
                with progress("access logs", total=total_bytes, in_bytes=True) as bar:

                    def on_progress(label: str, offset: int, records: int) -> None:
                        done[label] = offset
                        if bar is not None:
                            detail = f"{records:,} events"
                            completed = sum(done.values())
                            bar.update(bar.task_ids[0], completed=completed, detail=detail)

                    request = AccessScanRequest(
                        paths,
                        fmt=fmt,
                        context_dir=context,
                        policies_dir=policies,
                        timezone=timezone,
                        incremental=incremental,
                        on_batch=on_batch,
                        on_progress=on_progress,
                        engine=engine,
                        master=master,
                    )
                    return scan_access_logs(actx, request)

            # Outside the bar: on Ctrl-C the bar is gone before the "interrupted" line prints.
            with few_collections():
                result = interruptible(run, actx)
        total = result.totals.findings_count
        if output_format is OutputFormat.TABLE:
            shown = most_severe(shown, TABLE_ROWS)
            if shown:
                print_lines(finding_lines(shown, total, result.timezone, line_width()))
            if total > len(shown):
                out_console.print(
                    f"... {total - len(shown):,} less severe findings not shown"
                    " (`auditor findings list`, or --output-format jsonl)",
                    markup=False,
                )
        print_summary(result)
        if summary_json is not None:
            write_summary_json(summary_json, result.totals.summary())
        check_parsed(result, fmt)
        check_files_read(result)
        check_rules_ran(result)
        if fail_on_findings and total:
            raise typer.Exit(1)


@contextmanager
def few_collections() -> Iterator[None]:
    """Python's cyclic garbage collector mostly idle while the scan runs (this process only).

    The scan allocates tuples by the hundred thousand (hit rows, store rows), which hold no
    reference cycles and die within a batch; with the default threshold (a collection per
    700 new objects) ~300 collections visited each of them, and what the start-up imported
    on every full one: ~0.3 s of CPU per 1M bench events. The imports are frozen (never
    garbage) and a collection runs per 100,000 new objects; reference counting frees the
    scan's rows as before, and the settings are restored afterwards.
    """
    threshold = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(100_000, *threshold[1:])
    try:
        yield
    finally:
        gc.set_threshold(*threshold)
        gc.unfreeze()


def check_rules_ran(result: AccessScanResult) -> None:
    """A rule that failed at scan time leaves the audit incomplete: exit 2, naming it (the
    findings of every other rule are stored and printed above)."""
    if result.failed_rules:
        ids = ", ".join(sorted(result.failed_rules))
        rules = "rule" if len(result.failed_rules) == 1 else "rules"
        raise PolicyError(
            f"{rules} {ids} failed at scan time; the findings are incomplete"
            " (see above; fix the rule and check it with `auditor policies validate`)"
        )


def check_parsed(result: AccessScanResult, fmt: str) -> None:
    """A format that parses nothing is a wrong input, not a clean week (exit 2)."""
    t = result.totals
    if t.records_read and not t.records_processed:
        hint = "try --format auto" if fmt != "auto" else "see the quarantine file"
        records = "the only record" if t.records_read == 1 else f"all {t.records_read:,} records"
        raise InputError(
            f"nothing parsed: {records} quarantined with --format {fmt} (is this {fmt}? {hint})"
        )
