"""``auditor init``: create the home (config with comments, migrated database, keys)."""

from __future__ import annotations

from pathlib import Path

import typer

from auditor.cli.common import app_context, auditor_command, err_console, require_context_files
from auditor.errors import ConfigError, InputError


def _site_values(
    timezone: str | None, site_name: str | None, context: Path | None
) -> dict[tuple[str, str], str]:
    """The ``init`` options as auditor.toml keys, each checked before anything is written."""
    values: dict[tuple[str, str], str] = {}
    if timezone is not None:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(timezone)
        except (ZoneInfoNotFoundError, ValueError):
            raise InputError(
                f"unknown timezone {timezone!r} (an IANA name, e.g. America/Chicago)",
                field="--timezone",
            ) from None
        values[("", "timezone")] = timezone
    if site_name is not None:
        if not site_name.strip():
            raise InputError("the site name is empty", field="--site-name")
        values[("report", "site_name")] = site_name.strip()
    if context is not None:
        require_context_files(context)
        values[("", "context_dir")] = str(context.resolve())
    return values


def _write_values(config: Path, values: dict[tuple[str, str], str]) -> None:
    from auditor.config_template import set_values

    text = config.read_text(encoding="utf-8")
    try:
        config.write_text(set_values(text, values), encoding="utf-8")
    except KeyError as exc:
        raise ConfigError(
            f"no `{exc.args[0]} = ...` line to set; edit the file by hand", file=str(config)
        ) from None


def register(app: typer.Typer) -> None:
    @app.command("init")
    def init_cmd(
        ctx: typer.Context,
        timezone: str | None = typer.Option(
            None, "--timezone", help="Site timezone (IANA name), written to auditor.toml."
        ),
        site_name: str | None = typer.Option(
            None, "--site-name", help="The site's name on reports, written to auditor.toml."
        ),
        context: Path | None = typer.Option(
            None, "--context", help="Context folder (docs/context-files.md), as context_dir."
        ),
    ) -> None:
        """Create the home folder: auditor.toml, the migrated database and the signing key.

        Run again on an existing home to set --timezone, --site-name or --context in its
        auditor.toml (every other line, and your comments, stay as they are).

        Example: auditor --home /srv/auditor init --timezone America/Chicago --site-name "Mercy"
        """
        from auditor.config import CONFIG_FILE, DEFAULT_HOME

        values = _site_values(timezone, site_name, context)
        with app_context(ctx) as actx:
            if values:
                _write_values(actx.settings.home / CONFIG_FILE, values)
            with actx.transaction() as session:
                from auditor.store.repo import audit

                audit(session, actx.actor, "init", str(actx.settings.home))
            s = actx.settings
            key = actx.signing_key()
            from auditor.signing.pades import ensure_pades_identity

            pades = ensure_pades_identity(s)
            err_console.print(f"home      {s.home}")
            err_console.print(f"config    {s.home / CONFIG_FILE}")
            err_console.print(f"database  {s.db_url}")
            err_console.print(f"key id    {key.key_id}")
            err_console.print(f"pdf cert  {pades.cert_path}")
            for (section, name), value in values.items():
                label = f"[{section}] {name}" if section else name
                err_console.print(f"set       {label} = {value}", markup=False)
            default = s.home == Path(DEFAULT_HOME).resolve()
            cmd = auditor_command() + ("" if default else f" --home {s.home}")
            from auditor.config import load_settings

            now = load_settings(s.home)  # as written, with any --timezone/--context applied
            err_console.print("next:", markup=False)
            steps = []
            if not now.context_dir:
                steps.append(
                    f"edit {s.home / CONFIG_FILE}: timezone (now {now.timezone}), context_dir"
                    " (docs/context-files.md)"
                )
            with_context = "" if now.context_dir else " --context CONTEXT"
            steps += [
                f"{cmd} scan access-logs LOGS...{with_context}",
                f"{cmd} findings list --min-severity high",
                f"{cmd} report weekly --week YYYY-Www",
            ]
            for n, step in enumerate(steps, 1):
                err_console.print(f"  {n}. {step}", markup=False)
