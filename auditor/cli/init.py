"""``auditor init``: create the home (config with comments, migrated database, keys)."""

from __future__ import annotations

from pathlib import Path

import typer

from auditor.cli.common import app_context, auditor_command, err_console


def register(app: typer.Typer) -> None:
    @app.command("init")
    def init_cmd(ctx: typer.Context) -> None:
        """Create the home folder: auditor.toml, the migrated database and the signing key.

        Example: auditor --home /srv/auditor init
        """
        from auditor.config import CONFIG_FILE, DEFAULT_HOME

        with app_context(ctx) as actx:
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
            default = s.home == Path(DEFAULT_HOME).resolve()
            cmd = auditor_command() + ("" if default else f" --home {s.home}")
            err_console.print("next:", markup=False)
            err_console.print(
                f"  1. edit {s.home / CONFIG_FILE}: timezone, context_dir (docs/context-files.md)",
                markup=False,
            )
            err_console.print(
                f"  2. {cmd} scan access-logs LOGS... --context CONTEXT", markup=False
            )
            err_console.print(f"  3. {cmd} findings list --min-severity high", markup=False)
            err_console.print(f"  4. {cmd} report weekly --week YYYY-Www", markup=False)
