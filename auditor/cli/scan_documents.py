"""``auditor scan documents``: PHI in exported files, as a table, or JSONL for pipelines.

Findings go to stdout (one JSON object per line with ``--output-format jsonl``), the run
summary to stderr. Matched text is shown only with ``--show-values`` and only to a terminal.
"""

from __future__ import annotations

import os
import sys
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer
from rich.table import Table
from rich.text import Text

from auditor.cli.common import (
    OutputFormat,
    app_context,
    engine_option,
    err_console,
    interruptible,
    master_option,
    out_console,
    print_jsonl,
    progress,
    require_context_files,
    write_summary_json,
)
from auditor.cli.safe_text import visible
from auditor.errors import InputError
from auditor.findings import PhiFinding

if TYPE_CHECKING:
    from auditor.services.document_scan import DocumentScanResult

# The table is for people: past this many rows, point at JSONL instead of holding them all.
TABLE_MAX_ROWS = 2_000


def stdout_is_terminal() -> bool:
    return sys.stdout.isatty()


def _check_inputs(
    paths: list[Path],
    dictionaries: list[Path],
    context: Path | None,
    *,
    show_values: bool,
    jsonl: bool,
    summary_json: Path | None,
) -> None:
    if not paths:
        raise InputError("give at least one file or folder to scan (PATH...)")
    for path in paths:
        if not path.exists() and not path.is_symlink():
            raise InputError("path not found", file=str(path))
    for dictionary in dictionaries:
        if not dictionary.is_file():
            raise InputError("dictionary file not found", file=str(dictionary))
    require_context_files(context)
    if show_values and jsonl:
        raise InputError("--show-values works with the table output only")
    if show_values and not stdout_is_terminal():
        raise InputError("--show-values prints matched text to a terminal only")
    if summary_json is not None and not summary_json.absolute().parent.is_dir():
        raise InputError("folder for --summary-json not found", file=str(summary_json))


def format_location(location: dict[str, Any]) -> str:
    return " ".join(f"{k}={v}" for k, v in location.items())


def _print_summary(result: DocumentScanResult) -> None:
    from auditor.services.document_pipeline import SUMMARY_LIST_MAX

    t = result.totals
    err_console.print(
        f"scanned {t.records_processed:,} of {t.records_read:,} files "
        f"({result.bytes:,} bytes, {result.units:,} text units) "
        f"in {result.elapsed_seconds:.1f}s: {t.findings_count:,} PHI findings "
        f"({result.new_findings:,} new)",
        markup=False,
        soft_wrap=True,
    )
    if result.files_unchanged:
        err_console.print(f"unchanged since last scan: {result.files_unchanged:,} files")
    if t.stopped:
        err_console.print(f"stopped early: {result.files_not_reached:,} files not reached")
    for entity, count in sorted(result.findings_by_type.items()):
        err_console.print(f"  {entity:<24} {count:>8,}", markup=False)
    for path, reason in result.files_skipped[:SUMMARY_LIST_MAX]:
        err_console.print(f"skipped {visible(path)}: {visible(reason)}", markup=False)
    for path, reason in result.issues:
        err_console.print(f"note {visible(path)}: {visible(reason)}", markup=False)
    hidden = result.issues_count - len(result.issues)
    if hidden:
        err_console.print(f"... and {hidden:,} more notes")


PER_FILE_MAX = 10


def _print_per_file(per_file: Counter[str]) -> None:
    """Files with the most findings first (paths and counts only, never matched text)."""
    if not per_file:
        return
    err_console.print(f"files with PHI: {len(per_file):,}", markup=False)
    for source, count in per_file.most_common(PER_FILE_MAX):
        err_console.print(
            f"  {count:>8,}  {visible(display_path(source))}", markup=False, soft_wrap=True
        )
    if len(per_file) > PER_FILE_MAX:
        err_console.print(f"  ... and {len(per_file) - PER_FILE_MAX:,} more files", markup=False)


def register(app: typer.Typer) -> None:
    @app.command("documents")
    def documents(
        ctx: typer.Context,
        paths: list[Path] = typer.Argument(
            None,
            help="Files or folders (walked recursively).",
            metavar="PATH...",
            show_default=False,
        ),
        dictionary: list[Path] = typer.Option(
            [], "--dictionary", help="Site dictionary, TSV TYPE<TAB>term (repeatable)."
        ),
        context: Path | None = typer.Option(
            None, "--context", help="Context folder (workforce, patients, contacts, places)."
        ),
        output_format: OutputFormat = typer.Option(
            OutputFormat.TABLE, "--output-format", help="table (readable) or jsonl."
        ),
        summary_json: Path | None = typer.Option(
            None, "--summary-json", help="Also write the run summary to this JSON file."
        ),
        show_values: bool = typer.Option(
            False, "--show-values", help="Show matched text (terminal only; never stored)."
        ),
        incremental: bool = typer.Option(
            False, "--incremental", help="Skip files unchanged since their last scan."
        ),
        engine: str | None = engine_option("documents", "local | spark"),
        master: str | None = master_option("documents"),
        findings_parquet: Path | None = typer.Option(
            None,
            "--findings-parquet",
            help="Write findings to Parquet files in DIR/RUN_ID/ instead of the store "
            "(very large runs; docs/scale-out.md).",
        ),
    ) -> None:
        """Find PHI in exported documents (txt, csv, json, FHIR, HL7 v2, PDF, DOCX, Parquet).

        Example: auditor scan documents exports/to_vendor --output-format jsonl > phi.jsonl
        """
        from auditor.services.document_scan import scan_documents

        if engine not in (None, "local", "spark"):
            raise InputError(f"unknown value {engine!r} (local | spark)", field="--engine")
        paths = list(paths or [])
        jsonl = output_format is OutputFormat.JSONL
        _check_inputs(
            paths,
            dictionary,
            context,
            show_values=show_values,
            jsonl=jsonl,
            summary_json=summary_json,
        )
        rows: list[tuple[PhiFinding, str]] = []
        more = 0

        per_file: Counter[str] = Counter()  # "which files leak?": the summary's per-file lines
        closed = False  # stdout closed by the reader (``| head``): stop after this file

        def on_finding(finding: PhiFinding) -> None:
            nonlocal closed
            per_file[finding.source] += 1
            if jsonl and not closed:
                try:
                    print_jsonl(finding.to_json())
                except BrokenPipeError:
                    closed = True
                    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            elif not jsonl and not show_values:
                _keep(finding, "")

        def on_value(finding: PhiFinding, value: str) -> None:
            _keep(finding, value)

        def _keep(finding: PhiFinding, value: str) -> None:
            nonlocal more
            if len(rows) < TABLE_MAX_ROWS:
                rows.append((finding, value))
            else:
                more += 1

        with app_context(ctx) as actx:

            def run() -> DocumentScanResult:
                with progress("documents") as bar:

                    def on_progress(done: int, total: int) -> None:
                        if bar is not None:
                            bar.update(bar.task_ids[0], completed=done, total=total, detail="files")

                    return scan_documents(
                        actx,
                        paths,
                        dictionaries=dictionary,
                        context_dir=context,
                        incremental=incremental,
                        on_finding=on_finding,
                        on_value=on_value if show_values else None,
                        progress=on_progress,
                        should_stop=lambda: closed,
                        engine_name=engine,
                        master=master,
                        findings_parquet=findings_parquet,
                    )

            # Outside the bar: on Ctrl-C the bar is gone before the "interrupted" line prints.
            result = interruptible(run, actx)
        if not jsonl:
            _print_table(rows, show_values)
            if more:
                out_console.print(f"... and {more:,} more findings (use --output-format jsonl)")
        _print_summary(result)
        _print_per_file(per_file)
        if summary_json is not None:
            write_summary_json(summary_json, {"run_id": result.run_id, **result.totals.summary()})


def display_path(source: str) -> str:
    """Relative to the working folder when under it (shorter tables), else as given."""
    rel = os.path.relpath(source)
    return source if rel.startswith("..") else rel


def _print_table(rows: list[tuple[PhiFinding, str]], show_values: bool) -> None:
    if not rows:
        out_console.print("no PHI found")
        return
    table = Table(header_style="bold", box=None, pad_edge=False)
    table.add_column("file", overflow="fold", ratio=3)
    table.add_column("location", overflow="fold", ratio=2)
    table.add_column("type", no_wrap=True)
    table.add_column("span", no_wrap=True, justify="right")
    table.add_column("score", no_wrap=True, justify="right")
    table.add_column("fingerprint", no_wrap=True)
    if show_values:
        table.add_column("value", overflow="fold", ratio=2)
    last = ""
    for finding, value in rows:
        source = display_path(finding.source)
        cells = [
            source if source != last else "",
            format_location(finding.location),
            finding.entity_type,
            f"{finding.start}-{finding.end}",
            f"{finding.score:.2f}",
            finding.fingerprint[:10],
        ]
        last = source
        if show_values:
            cells.append(value)
        table.add_row(*(Text(visible(cell)) for cell in cells))
    out_console.print(table)
