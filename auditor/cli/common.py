"""Helpers shared by command modules: the per-invocation options and output conventions."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer
from rich.console import Console

if TYPE_CHECKING:  # the store (SQLAlchemy, pydantic settings) loads when a command opens it
    from auditor.context import AppContext

# Human output to stderr keeps stdout clean for --output-format jsonl pipelines.
err_console = Console(stderr=True, highlight=False, soft_wrap=True)
out_console = Console(highlight=False, soft_wrap=True)


@dataclass
class CliState:
    home: Path | None = None
    debug: bool = False


def state(ctx: typer.Context) -> CliState:
    root = ctx.find_root()
    if not isinstance(root.obj, CliState):
        root.obj = CliState()
    return root.obj


def app_context(ctx: typer.Context, actor: str = "cli") -> AppContext:
    """Open the home (creating it on first use) for this invocation."""
    from auditor.context import open_context

    return open_context(state(ctx).home, actor=actor)


class OutputFormat(StrEnum):
    """``--output-format`` of the commands that emit findings."""

    TABLE = "table"
    JSONL = "jsonl"


def write_summary_json(path: Path, summary: dict[str, Any]) -> None:
    """``--summary-json``: sorted, indented JSON; an unwritable path is an input error."""
    from auditor.errors import InputError

    try:
        path.write_text(json.dumps(summary, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot write the summary ({exc.strerror})", file=str(path)) from None


def print_jsonl(obj: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(obj, sort_keys=True, ensure_ascii=False) + "\n")


def show_progress() -> bool:
    """Progress bars only when a person is watching."""
    return sys.stderr.isatty()
