"""``auditor tokens create|list|revoke``: API bearer tokens (only a hash is stored)."""

from __future__ import annotations

import typer
from rich.table import Table

from auditor.cli.common import app_context, command_group, err_console, out_console


def register(app: typer.Typer) -> None:
    tokens_app = command_group(app, "tokens", "Create, list and revoke API tokens.")

    @tokens_app.command("create")
    def create(
        ctx: typer.Context,
        role: str = typer.Option(
            ..., "--role", help="privacy_officer | security | data_team | admin"
        ),
        name: str = typer.Option(..., "--name", help="Who or what uses it (unique)."),
        expires: int | None = typer.Option(
            None, "--expires", min=1, max=36500, help="Expire after DAYS days (1 to 36500)."
        ),
    ) -> None:
        """Create a token and print it once (store it now: it cannot be shown again)."""
        from auditor.api.auth import create_token, parse_role

        parsed = parse_role(role)
        actx = app_context(ctx)
        try:
            with actx.transaction() as session:
                token = create_token(session, name, parsed, now=actx.clock(), expires_days=expires)
        finally:
            actx.close()
        typer.echo(token)
        err_console.print(f"token {name!r} ({parsed}) created; it is shown only this once")

    @tokens_app.command("list")
    def list_(ctx: typer.Context) -> None:
        """Tokens with role and state (never their values)."""
        from auditor.api.auth import list_tokens, token_state

        actx = app_context(ctx)
        try:
            now = actx.clock()
            table = Table("name", "role", "prefix", "state", "created", "expires", "last used")
            with actx.transaction() as session:
                for t in list_tokens(session):
                    table.add_row(
                        t.name,
                        t.role,
                        t.prefix + "…",
                        token_state(t, now),
                        t.created_at.isoformat(timespec="seconds"),
                        t.expires_at.isoformat(timespec="seconds") if t.expires_at else "-",
                        t.last_used_at.isoformat(timespec="seconds") if t.last_used_at else "-",
                    )
        finally:
            actx.close()
        out_console.print(table)

    @tokens_app.command("revoke")
    def revoke(ctx: typer.Context, name: str = typer.Argument(..., help="Token name.")) -> None:
        """Revoke a token: requests with it get 401 from now on."""
        from auditor.api.auth import revoke_token

        actx = app_context(ctx)
        try:
            with actx.transaction() as session:
                revoke_token(session, name, now=actx.clock())
        finally:
            actx.close()
        err_console.print(f"token {name!r} revoked")
