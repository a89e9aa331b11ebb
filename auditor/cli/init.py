"""``auditor init``: create the home (config with comments, migrated database, keys)."""

from __future__ import annotations

import typer

from auditor.cli.common import app_context, err_console


def register(app: typer.Typer) -> None:
    @app.command("init")
    def init_cmd(ctx: typer.Context) -> None:
        """Create the home folder: auditor.toml, the migrated database and the signing key."""
        from auditor.config import CONFIG_FILE

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
