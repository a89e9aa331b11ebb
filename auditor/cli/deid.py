"""``auditor deid``: a de-identified copy of exports for data teams, with a signed certificate.

The summary (counts by entity type and operator, skipped files, residual detections, the
certificate path) goes to stderr; nothing here prints a value from the input.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from auditor.cli.common import app_context, err_console, show_progress
from auditor.errors import InputError


def _check(dictionaries: list[Path], context: Path | None, key_file: Path | None) -> None:
    for dictionary in dictionaries:
        if not dictionary.is_file():
            raise InputError("dictionary file not found", file=str(dictionary))
    if context is not None and not context.is_dir():
        raise InputError("context folder not found", file=str(context))
    if key_file is not None and not key_file.is_file():
        raise InputError("key file not found", file=str(key_file))


def print_summary(result: Any) -> None:
    s = result.summary()
    what = "dry run: nothing written; " if result.dry_run else ""
    err_console.print(
        f"{what}de-identified {s['files_processed']} files ({s['files_skipped']} skipped), "
        f"{s['transformed']:,} values transformed",
        markup=False,
        soft_wrap=True,
    )
    for entity, ops in sorted(result.counts.items()):
        detail = ", ".join(f"{op} {n:,}" for op, n in sorted(ops.items()))
        err_console.print(f"  {entity:<24} {detail}", markup=False, soft_wrap=True)
    for path, reason in result.files_skipped:
        err_console.print(f"skipped {path}: {reason}", markup=False, soft_wrap=True)
    residual = result.residual
    err_console.print(
        f"residual scan of the output: {sum(residual.get('found', {}).values()):,} detections, "
        f"{residual.get('unexplained_total', 0):,} not explained by our own surrogates"
        + (" (review them)" if residual.get("unexplained_total") else ""),
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
            "", "--profile", help="safe-harbor (default), safe-harbor-strict, or a PROFILE.yaml."
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
    ) -> None:
        """De-identify exports (HIPAA Safe Harbor) and write a signed certificate."""
        from auditor.services.deid import DeidRequest, run_deid

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
