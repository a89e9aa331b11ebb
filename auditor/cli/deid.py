"""Placeholder: the command group 'deid' is being built (see the open issues)."""

from __future__ import annotations

import typer

from auditor.errors import InputError


def register(app: typer.Typer) -> None:
    @app.command(
        "deid".replace("scan_access", "access-logs").replace("scan_documents", "documents")
    )
    def _placeholder() -> None:
        """Not available yet."""
        raise InputError("this command is not available yet in this build")
