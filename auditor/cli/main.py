"""Entry point. Every command group is a module; errors become one line and an exit code here.

Exit codes (README, every command's --help epilogue): 0 success, 1 findings/verification failure
where a command says so, 2 usage or input error, 3 another daemon holds the lock, 130 Ctrl-C.
"""

from __future__ import annotations

import logging
import re
import sys
import traceback
from pathlib import Path
from typing import Any

import click
import typer

from auditor import __version__
from auditor.cli import (
    common,
    daemon,
    deid,
    demo,
    findings,
    init,
    keys,
    policies,
    report,
    scan_access,
    scan_documents,
    serve,
    tokens,
    verify,
)
from auditor.cli.common import EXIT_CODES, err_console, state
from auditor.cli.safe_text import visible
from auditor.errors import AuditorError

app = typer.Typer(
    name="auditor",
    help="Privacy and HIPAA compliance auditing: access logs, PHI in exports, signed reports.",
    epilog=EXIT_CODES,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
scan_app = typer.Typer(help="Run a scan now (the daemon runs the same code on a schedule).")
app.add_typer(scan_app, name="scan")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"auditor {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    home: Path | None = typer.Option(
        None, "--home", envvar="AUDITOR_HOME", help="Home folder (default ./auditor-home)."
    ),
    debug: bool = typer.Option(False, "--debug", help="Show tracebacks and debug logs."),
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version."
    ),
) -> None:
    st = state(ctx)
    st.home, st.debug = home, debug
    logging.basicConfig(
        level=logging.DEBUG if debug else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )


for module in (init, demo, deid, verify, daemon, serve):
    module.register(app)
for module in (scan_access, scan_documents):
    module.register(scan_app)
for module in (report, policies, findings, keys, tokens):
    module.register(app)


NOT_ONE_OF = re.compile(r"^(?:Value error, )?'(?P<value>.*)' is not one of (?P<choices>.*?)\.?$")


def _with_epilogs(command: Any) -> Any:
    """Every command's --help ends with the exit codes; flags show no ``<bool>`` value;
    arguments are named one way (upper case; ``{}`` required, ``[]`` optional).

    Duck-typed: Typer ships its own copy of Click, so ``click.Group`` is not its base class.
    """
    help_option = command.get_help_option(command.context_class(command))
    for param in [*command.params, help_option]:
        if getattr(param, "is_flag", False) and param.metavar is None:
            param.metavar = ""
        if getattr(param, "param_type_name", "") == "argument":  # one style: {PATH}..., [PATH]
            param.metavar = (param.metavar or param.name or "").rstrip(".").upper()
    commands = getattr(command, "commands", None)
    if commands:
        for sub in commands.values():
            _with_epilogs(sub)
    elif not command.epilog:
        command.epilog = EXIT_CODES
    return command


def usage_line(exc: Exception) -> str:
    """A Click usage error as one line, in the style of our own input errors."""
    param = getattr(exc, "param", None)
    message = str(getattr(exc, "message", exc))
    if param is not None:
        names = [o for o in getattr(param, "opts", []) if o.startswith("--")]
        name = names[0] if names else (param.name or "?")
        match = NOT_ONE_OF.match(message)
        if match:
            choices = match.group("choices").replace("'", "")
            message = f"unknown value '{match.group('value')}' (expected one of {choices})"
        return f"error: field '{name}': {message}"
    ctx = getattr(exc, "ctx", None)
    where = f" (see '{ctx.command_path} --help')" if ctx is not None else ""
    return f"error: {message}{where}"


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; map our errors to one line on stderr and an exit code, never a traceback."""
    command = _with_epilogs(typer.main.get_command(app))
    debug = "--debug" in (argv if argv is not None else sys.argv[1:])
    try:
        common.interrupt_reported = False
        rv = command.main(args=argv, prog_name="auditor", standalone_mode=False)
        if rv == 130 and not common.interrupt_reported:  # Typer turns Ctrl-C into exit 130
            err_console.print("interrupted (exit 130)")
        return int(rv) if isinstance(rv, int) else 0
    except AuditorError as exc:
        if debug:
            traceback.print_exc()
        err_console.print(f"error: {visible(exc)}", markup=False, soft_wrap=True)
        return exc.exit_code
    except (click.exceptions.Exit, typer.Exit) as exc:
        return int(exc.exit_code)
    except (click.ClickException, typer.TyperException) as exc:
        show = getattr(exc, "show", None)
        if type(exc).__name__ == "NoArgsIsHelpError" and callable(show):
            show()  # `auditor findings` alone: the group's help, as before
        else:
            err_console.print(usage_line(exc), markup=False, soft_wrap=True)
        return 2
    except (click.exceptions.Abort, typer.Abort):
        err_console.print("aborted (exit 130)")
        return 130
    except KeyboardInterrupt:
        err_console.print("interrupted (exit 130)")
        return 130


def run() -> None:
    sys.exit(main())


if __name__ == "__main__":
    run()
