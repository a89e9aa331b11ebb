"""``auditor policies validate DIR``: check a pack before any scan or daemon uses it."""

from __future__ import annotations

from pathlib import Path

import typer

from auditor.cli.common import command_group, err_console, out_console


def register(app: typer.Typer) -> None:
    policies_app = command_group(app, "policies", "Policy packs: validate.")

    @policies_app.command("validate")
    def validate(
        directory: Path = typer.Argument(..., help="Policy pack folder."),
        engine: str = typer.Option(
            "duckdb",
            "--engine",
            help="duckdb | spark: also refuse rules whose SQL has no same-meaning Spark SQL.",
        ),
    ) -> None:
        """Print every problem (file, rule id, field); exit 2 if the pack is invalid or empty."""
        from auditor.errors import InputError
        from auditor.policy.smoke import run_pack

        if engine not in ("duckdb", "spark"):
            raise InputError(f"unknown value {engine!r} (duckdb | spark)", field="--engine")
        pack, problems = run_pack(directory)
        if pack is not None and engine == "spark":
            from auditor.spark.dialect import pack_problems

            problems = pack_problems(pack)
            pack = None if problems else pack
        if pack is None:
            for problem in problems:
                err_console.print(f"error: {problem}", markup=False, soft_wrap=True)
            err_console.print(
                f"{len(problems)} problem(s) in {directory}", markup=False, soft_wrap=True
            )
            raise typer.Exit(2)
        categories = sorted({r.category for r in pack.rules})
        out_console.print(
            f"OK: {len(pack.rules)} rules in {len(categories)} categories ({directory})",
            markup=False,
            soft_wrap=True,
        )
