"""Entry point. Every command group is a module; errors become one line and an exit code here.

Exit codes (docs/formats.md): 0 success, 1 findings/verification failure where a command says so,
2 usage or input error, 3 another daemon holds the lock.
"""

from __future__ import annotations

import logging
import sys
import traceback
from pathlib import Path

import click
import typer

from auditor import __version__
from auditor.cli import (
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
from auditor.cli.common import err_console, state
from auditor.errors import AuditorError

app = typer.Typer(
    name="auditor",
    help="Privacy and HIPAA compliance auditing: access logs, PHI in exports, signed reports.",
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


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; map our errors to one line on stderr and an exit code, never a traceback."""
    command = typer.main.get_command(app)
    debug = "--debug" in (argv if argv is not None else sys.argv[1:])
    try:
        rv = command.main(args=argv, prog_name="auditor", standalone_mode=False)
        return int(rv) if isinstance(rv, int) else 0
    except AuditorError as exc:
        if debug:
            traceback.print_exc()
        err_console.print(f"error: {exc}", markup=False, soft_wrap=True)
        return exc.exit_code
    except (click.exceptions.Exit, typer.Exit) as exc:
        return int(exc.exit_code)
    except (click.ClickException, typer.TyperException) as exc:
        show = getattr(exc, "show", None)
        if callable(show):
            show()
        else:
            err_console.print(f"error: {exc}", markup=False, soft_wrap=True)
        return 2
    except (click.exceptions.Abort, typer.Abort):
        err_console.print("aborted")
        return 130
    except KeyboardInterrupt:
        err_console.print("interrupted")
        return 130


def run() -> None:
    sys.exit(main())


if __name__ == "__main__":
    run()
