"""``auditor keys generate|export``: the Ed25519 report-signing key."""

from __future__ import annotations

import typer

from auditor.cli.common import app_context, err_console
from auditor.signing.keys import generate_key, public_pem

keys_app = typer.Typer(help="Manage the Ed25519 key that signs reports and certificates.")


@keys_app.command("generate")
def generate(ctx: typer.Context) -> None:
    """Create a new signing key (rotation: the old public key is kept so old reports verify)."""
    with app_context(ctx) as actx:
        key = generate_key(actx.settings.keys_dir)
        from auditor.store.repo import audit

        with actx.transaction() as session:
            audit(session, actx.actor, "keys.generate", key.key_id)
        err_console.print(f"new signing key {key.key_id}")


@keys_app.command("export")
def export(
    ctx: typer.Context,
    public: bool = typer.Option(True, "--public/--no-public", help="Print the public key PEM."),
) -> None:
    """Print the public key as PEM, for offline verification with openssl."""
    if not public:
        raise typer.BadParameter("only the public key can be exported", param_hint="--public")
    with app_context(ctx) as actx:
        typer.echo(public_pem(actx.signing_key().public), nl=False)


def register(app: typer.Typer) -> None:
    app.add_typer(keys_app, name="keys")
