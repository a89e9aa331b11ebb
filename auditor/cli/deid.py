"""``auditor deid``: a de-identified copy of exports for data teams, with a signed certificate.

The summary (counts by entity type and operator, refused files with their reasons, residual
detections with file and location, the method the certificate cites, the certificate path)
goes to stderr; nothing here prints a value from the input. A refused file leaves the
export incomplete, so the run exits 2 once everything else is written and certified (a
pipeline must not ship a partial folder as if whole); ``--fail-on-residual`` exits 1 when the
residual scan found anything it cannot explain.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from auditor.cli.common import app_context, engine_option, err_console, master_option, show_progress
from auditor.cli.safe_text import visible
from auditor.errors import InputError


def _check(dictionaries: list[Path], context: Path | None, key_file: Path | None) -> None:
    for dictionary in dictionaries:
        if not dictionary.is_file():
            raise InputError("dictionary file not found", file=str(dictionary))
    if context is not None and not context.is_dir():
        raise InputError("context folder not found", file=str(context))
    if key_file is not None and not key_file.is_file():
        raise InputError("key file not found", file=str(key_file))


def check_complete(result: Any) -> None:
    """Exit 2 when an input file was refused: the rest is written and certified, but the
    output is not the whole export (``--copy-unsupported`` / ``--redact-unparsable`` are the
    ways to accept such files)."""
    refused = len(result.files_skipped)
    if refused:
        files = "file was" if refused == 1 else "files were"
        raise InputError(
            f"{refused:,} input {files} refused (listed above and in the certificate):"
            " the output is not the whole export"
        )


def print_summary(result: Any) -> None:
    s = result.summary()
    what = "dry run: nothing written; " if result.dry_run else ""
    extra = "".join(
        f", {n:,} {label}"
        for n, label in (
            (s["files_redacted_whole"], "redacted whole"),
            (s["files_copied_unchanged"], "copied unchanged, not de-identified"),
        )
        if n
    )
    err_console.print(
        f"{what}de-identified {s['files_processed']:,} files"
        f" ({s['files_skipped']:,} refused{extra}), {s['transformed']:,} values transformed",
        markup=False,
        soft_wrap=True,
    )
    if s["regulation"]:
        err_console.print(f"method: {s['regulation']}", markup=False, soft_wrap=True)
    for entity, ops in sorted(result.counts.items()):
        detail = ", ".join(f"{op} {n:,}" for op, n in sorted(ops.items()))
        err_console.print(f"  {entity:<24} {detail}", markup=False, soft_wrap=True)
    for path, reason in result.files_skipped:
        err_console.print(
            f"refused (not written, not certified) {visible(path)}: {visible(reason)}",
            markup=False,
            soft_wrap=True,
        )
    for path, reason in result.redacted:
        err_console.print(
            f"redacted whole {visible(path)}: {visible(reason)}", markup=False, soft_wrap=True
        )
    for path in result.copied:
        err_console.print(f"copied unchanged {visible(path)}", markup=False, soft_wrap=True)
    residual = result.residual
    err_console.print(
        f"residual scan of the output: {sum(residual.get('found', {}).values()):,} detections, "
        f"{residual.get('unexplained_total', 0):,} not explained by our own surrogates"
        + (" (review them)" if residual.get("unexplained_total") else ""),
        markup=False,
        soft_wrap=True,
    )
    for hit in residual.get("unexplained_at", []):
        err_console.print(
            f"  residual {visible(hit['file'])}:{visible(hit['location'])}: {visible(hit['type'])}",
            markup=False,
            soft_wrap=True,
        )
    if result.reid_map is not None:
        err_console.print(
            f"re-identification map (keep it apart): {result.reid_map}",
            markup=False,
            soft_wrap=True,
        )
    if result.out is not None:
        err_console.print(f"output: {result.out}", markup=False, soft_wrap=True)
    if result.certificate_path is not None:
        err_console.print(f"certificate: {result.certificate_path}", markup=False, soft_wrap=True)


def register(app: typer.Typer) -> None:
    @app.command("deid")
    def deid(
        ctx: typer.Context,
        inputs: list[Path] = typer.Argument(..., help="Files and folders to de-identify."),
        out: Path = typer.Option(..., "--out", help="Output folder (mirrors the input tree)."),
        profile: str = typer.Option(
            "",
            "--profile",
            help="safe-harbor (default: HIPAA Safe Harbor, dates cut to the year), "
            "shifted-dates (dates shifted per patient; not Safe Harbor), or a PROFILE.yaml.",
        ),
        dry_run: bool = typer.Option(
            False, "--dry-run", help="Process and count, write nothing (no output, no certificate)."
        ),
        key_file: Path | None = typer.Option(
            None, "--key-file", help="De-identification key (default: HOME/keys/deid.key)."
        ),
        dictionary: list[Path] = typer.Option(
            [], "--dictionary", help="Site dictionary TSV (TYPE<TAB>term); repeatable."
        ),
        context: Path | None = typer.Option(
            None, "--context", help="Context folder (workforce/patients/contacts/places CSVs)."
        ),
        reid_map: Path | None = typer.Option(
            None, "--reid-map", help="Also write an encrypted re-identification map (0600)."
        ),
        force: bool = typer.Option(
            False, "--force", help="Write into a non-empty --out folder (files may be replaced)."
        ),
        redact_unparsable: bool = typer.Option(
            False,
            "--redact-unparsable",
            help="Write a file that cannot be fully parsed redacted whole instead of refusing it.",
        ),
        copy_unsupported: bool = typer.Option(
            False,
            "--copy-unsupported",
            help="Copy files of unsupported types unchanged (NOT de-identified) instead of "
            "refusing them.",
        ),
        fail_on_residual: bool = typer.Option(
            False,
            "--fail-on-residual",
            help="Exit 1 when the residual scan of the output finds unexplained PHI.",
        ),
        max_unpacked_mb: int = typer.Option(
            256, "--max-unpacked-mb", min=1, help="DOCX: refuse above this uncompressed size."
        ),
        max_zip_ratio: int = typer.Option(
            200, "--max-zip-ratio", min=1, help="DOCX: refuse above this compression ratio."
        ),
        engine: str | None = engine_option("deid", "local | spark"),
        master: str | None = master_option("deid"),
    ) -> None:
        """De-identify exports (HIPAA Safe Harbor by default) and write a signed certificate.

        Exits 2 when an input file was refused (the others are still written and certified).
        """
        from auditor.scanners.documents.docx import ZipLimits
        from auditor.services.deid import DeidRequest, run_deid

        if engine not in (None, "local", "spark"):
            raise InputError(f"unknown value {engine!r} (local | spark)", field="--engine")
        _check(dictionary, context, key_file)
        actx = app_context(ctx)
        request = DeidRequest(
            inputs,
            out,
            profile=profile,
            dry_run=dry_run,
            key_file=key_file,
            dictionaries=dictionary,
            context_dir=context,
            reid_map=reid_map,
            force=force,
            redact_unparsable=redact_unparsable,
            copy_unsupported=copy_unsupported,
            zip_limits=ZipLimits(max_unpacked_mb << 20, float(max_zip_ratio)),
            engine=engine,
            master=master,
        )
        run = functools.partial(run_deid, actx, request)
        try:
            if show_progress():
                with Progress(
                    TextColumn("de-identifying"),
                    BarColumn(),
                    MofNCompleteColumn(),
                    TimeElapsedColumn(),
                    console=err_console,
                    transient=True,
                ) as bar:
                    task = bar.add_task("deid", total=None)

                    def progress(done: int, total: int, _name: str) -> None:
                        bar.update(task, completed=done, total=total)

                    result = run(on_progress=progress)
            else:
                result = run()
        finally:
            actx.close()
        print_summary(result)
        check_complete(result)
        if fail_on_residual and result.residual.get("unexplained_total"):
            raise typer.Exit(1)
