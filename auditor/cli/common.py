"""Helpers shared by command modules: the per-invocation options and output conventions."""

from __future__ import annotations

import json
import logging
import os
import shutil
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, TypeVar

import typer
from rich.console import Console

from auditor.cli.safe_text import visible
from auditor.errors import InputError

if TYPE_CHECKING:  # the store (SQLAlchemy, pydantic settings) loads when a command opens it
    from rich.progress import Progress

    from auditor.context import AppContext

T = TypeVar("T")
interrupt_reported = False  # set when a command already said what Ctrl-C left behind

# One text for every command's --help epilogue and the README's list.
EXIT_CODES = (
    "Exit codes: 0 success; 1 findings or verification failure (where the command says so);"
    " 2 usage or input error; 3 another daemon holds the lock; 130 interrupted (Ctrl-C)."
)

# Human output to stderr keeps stdout clean for --output-format jsonl pipelines.
err_console = Console(stderr=True, highlight=False, soft_wrap=True)
out_console = Console(highlight=False, soft_wrap=True)


@dataclass
class CliState:
    home: Path | None = None
    debug: bool = False


def command_group(app: typer.Typer, name: str, help_text: str) -> typer.Typer:
    """A sub-command group (``auditor NAME ...``) of ``app``; without a command it shows help."""
    group = typer.Typer(help=help_text, no_args_is_help=True)
    app.add_typer(group, name=name)
    return group


def state(ctx: typer.Context) -> CliState:
    root = ctx.find_root()
    if not isinstance(root.obj, CliState):
        root.obj = CliState()
    return root.obj


def app_context(ctx: typer.Context, actor: str = "cli") -> AppContext:
    """Open the home (creating it on first use) for this invocation."""
    from auditor.context import open_context

    home = state(ctx).home
    if home is not None and home.exists() and not home.is_dir():
        raise InputError("the home is not a folder (--home / AUDITOR_HOME)", file=str(home))
    try:
        return open_context(home, actor=actor)
    except OSError as exc:  # unwritable or missing parent: one line, never a traceback
        where = exc.filename or home or "auditor-home"
        reason = exc.strerror or type(exc).__name__
        raise InputError(
            f"cannot use this folder as the home ({reason}); choose another with --home",
            file=str(where),
        ) from None


class OutputFormat(StrEnum):
    """``--output-format`` of the commands that emit findings."""

    TABLE = "table"
    JSONL = "jsonl"


#: ``--output-format table | jsonl`` (give it the default ``OutputFormat.TABLE``).
OutputFormatOption = Annotated[OutputFormat, typer.Option("--output-format", help="table | jsonl")]


def engine_option(section: str, choices: str) -> Any:
    """``--engine``, overriding the ``[section] engine`` key of ``auditor.toml``."""
    return typer.Option(
        None,
        "--engine",
        help=f"{choices} (default: {section}.engine in auditor.toml; docs/scale-out.md).",
    )


def master_option(section: str) -> Any:
    """``--master``, overriding the ``[section] spark_master`` key."""
    return typer.Option(
        None,
        "--master",
        help=f"Spark master URL, e.g. local[4] (default: {section}.spark_master).",
    )


def write_summary_json(path: Path, summary: dict[str, Any]) -> None:
    """``--summary-json``: sorted, indented JSON; an unwritable path is an input error."""
    try:
        path.write_text(json.dumps(summary, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot write the summary ({exc.strerror})", file=str(path)) from None


def print_jsonl(obj: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(obj, sort_keys=True, ensure_ascii=False) + "\n")


def show_progress() -> bool:
    """Progress bars only when a person is watching."""
    return sys.stderr.isatty()


@contextmanager
def progress(
    label: str, *, total: int | None = None, in_bytes: bool = False
) -> Iterator[Progress | None]:
    """The one progress display (access scans, document scans, de-id): bar, count, detail.

    Yields ``None`` when nobody watches (a pipe, a test), so callers write
    ``if bar: bar.update(0, ...)``: task 0 is the one to advance, and its ``detail`` field
    (e.g. "12,000 events") shows after the count. ``in_bytes`` counts bytes (1.2/8.0 MB).
    """
    if not show_progress():
        yield None
        return
    from rich.progress import (
        BarColumn,
        DownloadColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
    )

    columns = [
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        DownloadColumn() if in_bytes else MofNCompleteColumn(),
        TextColumn("{task.fields[detail]}"),
        TimeElapsedColumn(),
    ]
    with Progress(*columns, console=err_console, transient=True) as bar:
        bar.add_task(label, total=total, detail="")
        yield bar


def require_context_files(folder: Path | None) -> None:
    """A context folder must hold at least one known file (else every rule quietly disables)."""
    if folder is None:
        return
    from auditor.policy.columns import CONTEXT_COLUMNS

    if not folder.is_dir():
        raise InputError("context folder not found", file=str(folder))
    if any((folder / name).is_file() for name in CONTEXT_COLUMNS):
        return
    # Only now the PHI dictionaries' module (a tenth of a second of imports an access scan
    # never needs otherwise), for the name of the places file it reads.
    from auditor.phi.dictionaries import PLACES_FILE

    known = [*CONTEXT_COLUMNS, PLACES_FILE]
    if not any((folder / name).is_file() for name in known):
        raise InputError(
            f"not a context folder: it holds none of {', '.join(known)} (docs/context-files.md)",
            file=str(folder),
        )


@contextmanager
def sighup_says_restart(command: str, config: Path, log: logging.Logger) -> Iterator[None]:
    """SIGHUP does not reload ``auditor.toml`` (settings are read once, at start-up): say so
    and keep running on the old settings, instead of dying silently (SIGHUP's default)."""
    hup = getattr(signal, "SIGHUP", None)
    if hup is None or threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(_signum: int, _frame: object) -> None:
        log.warning(
            "SIGHUP: the configuration is not reloaded; %s is read only at start-up, so"
            " restart `auditor %s` to apply changes (still running on the settings it"
            " started with)",
            config,
            command,
        )

    previous = signal.signal(hup, handler)
    try:
        yield
    finally:
        signal.signal(hup, previous)


def stored_findings(actx: AppContext) -> int:
    from sqlalchemy import func, select

    from auditor.store.models import Finding

    with actx.sessions() as session:
        return int(session.scalar(select(func.count(Finding.id))) or 0)


def interruptible(work: Callable[[], T], actx: AppContext) -> T:
    """Run a scan; on Ctrl-C say what the store kept and exit 130 (docs: exit codes).

    Ctrl-C inside a DuckDB query does not arrive as ``KeyboardInterrupt``: DuckDB cancels the
    query and raises its own error ("Query interrupted"), which the run then reports as a
    failure. So the SIGINT handler notes the key press, and any error after it is the
    interruption it caused. While it runs, Ctrl-C also interrupts the scan's DuckDB statement
    at once (``ctrl_c``), which on a busy machine would otherwise read the key only when the
    statement ends.
    """
    from auditor import ctrl_c

    before = stored_findings(actx)
    pressed = threading.Event()

    def on_sigint(_signum: int, _frame: object) -> None:
        pressed.set()
        raise KeyboardInterrupt

    main = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGINT, on_sigint) if main else None
    try:
        with ctrl_c.watching():
            return work()
    except Exception:
        if not pressed.is_set():
            raise
        _report_interrupt(actx, before)
    except KeyboardInterrupt:
        _report_interrupt(actx, before)
    finally:
        if previous is not None:
            signal.signal(signal.SIGINT, previous)
    raise AssertionError("unreachable")  # _report_interrupt always raises


def _report_interrupt(actx: AppContext, before: int) -> NoReturn:
    global interrupt_reported
    interrupt_reported = True
    stored = stored_findings(actx) - before
    err_console.print(
        f"interrupted: {stored:,} new findings stored; run again to finish"
        " (stored findings are not duplicated)",
        markup=False,
    )
    raise typer.Exit(130) from None


def auditor_command() -> str:
    """How to type ``auditor`` here: the bare name when it is on PATH, else the venv's script.

    Right after ``make demo`` the venv is not activated, so the hints must say
    ``.venv/bin/auditor`` (or the user runs ``. .venv/bin/activate`` first).
    """
    script = Path(sys.executable).parent / "auditor"
    on_path = shutil.which("auditor")
    if on_path and (not script.exists() or Path(on_path).resolve() == script.resolve()):
        return "auditor"
    if not script.exists():
        return "auditor"
    relative = os.path.relpath(script)
    return relative if not relative.startswith("..") else str(script)


def line_width() -> int:
    """Cut lines to a terminal's width; a pipe gets whole lines (grep-able, never wrapped)."""
    return out_console.width if sys.stdout.isatty() else 10**6


def one_line_rows(head: tuple[str, ...], rows: Sequence[tuple[str, ...]], width: int) -> list[str]:
    """Aligned columns, one line per row; only the last column ("why") is cut to ``width``.

    Cells come from input files (ids, explanations): control characters are shown escaped.
    """
    rows = [tuple(visible(c) for c in r) for r in rows]
    fixed = len(head) - 1
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(fixed)]
    room = max(20, width - sum(widths) - 2 * fixed)

    def line(cells: tuple[str, ...]) -> str:
        last = cells[fixed] if len(cells[fixed]) <= room else cells[fixed][: room - 1] + "…"
        return "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=False)) + "  " + last

    return [line(head), *(line(r) for r in rows)]


def print_lines(lines: list[str]) -> None:
    """Lines to stdout, never wrapped, terminal control characters shown escaped."""
    for text in lines:
        out_console.print(visible(text), markup=False, no_wrap=True, overflow="ignore", crop=False)
