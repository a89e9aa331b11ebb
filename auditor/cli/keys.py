"""``auditor keys generate|export|list``: the Ed25519 key that signs reports and certificates.

Rotation keeps every public key (``keys/public/`` and the store's SigningKey table, with the
retirement time), so reports signed before a rotation still verify.
"""

from __future__ import annotations

import typer
from rich.table import Table

from auditor.cli.common import app_context, err_console, out_console
from auditor.errors import NotFoundError

keys_app = typer.Typer(help="Manage the Ed25519 key that signs reports and certificates.")


@keys_app.command("generate")
def generate(ctx: typer.Context) -> None:
    """Create a new signing key (rotation: the old public key is kept so old reports verify)."""
    from auditor.signing.keys import generate_key, load_key, public_pem
    from auditor.store.models import SigningKey as SigningKeyRow
    from auditor.store.repo import audit

    with app_context(ctx) as actx:
        old = load_key(actx.settings.keys_dir)
        key = generate_key(actx.settings.keys_dir)
        now = actx.clock()
        with actx.transaction() as session:
            old_row = session.get(SigningKeyRow, old.key_id)
            if old_row is None:
                old_row = SigningKeyRow(
                    key_id=old.key_id, public_pem=public_pem(old.public), created_at=now
                )
                session.add(old_row)
            old_row.retired_at = now
            session.add(
                SigningKeyRow(key_id=key.key_id, public_pem=public_pem(key.public), created_at=now)
            )
            audit(session, actx.actor, "keys.generate", key.key_id, retired=old.key_id)
        err_console.print(f"new signing key {key.key_id}")
        err_console.print(f"retired key     {old.key_id} (public key kept)")


@keys_app.command("export")
def export(
    ctx: typer.Context,
    public: bool = typer.Option(True, "--public/--no-public", help="Print the public key PEM."),
    key_id: str | None = typer.Option(
        None, "--key-id", help="Export an older public key (id or unique prefix)."
    ),
) -> None:
    """Print the public key as PEM, for offline verification with openssl."""
    from auditor.signing.attest import known_public_keys
    from auditor.signing.keys import public_pem

    if not public:
        raise typer.BadParameter("only the public key can be exported", param_hint="--public")
    with app_context(ctx) as actx:
        if not key_id:
            typer.echo(public_pem(actx.signing_key().public), nl=False)
            return
        with actx.sessions() as session:
            keys = known_public_keys(actx.settings, session)
        matches = [k for k in keys if k.startswith(key_id)]
        if len(matches) != 1:
            raise NotFoundError(f"no single public key with id {key_id}", field="--key-id")
        typer.echo(public_pem(keys[matches[0]]), nl=False)


@keys_app.command("list")
def list_(ctx: typer.Context) -> None:
    """Every public key this home has signed with; the active one is marked."""
    from auditor.signing.attest import known_public_keys
    from auditor.store.models import SigningKey as SigningKeyRow

    with app_context(ctx) as actx:
        active = actx.signing_key().key_id
        with actx.sessions() as session:
            keys = known_public_keys(actx.settings, session)
            rows = {r.key_id: r for r in session.query(SigningKeyRow).all()}
    table = Table("key id", "status", "created", "retired")
    for kid in sorted(keys, key=lambda k: (k != active, k)):
        row = rows.get(kid)
        table.add_row(
            kid,
            "active" if kid == active else "retired",
            row.created_at.isoformat()[:16] if row else "",
            row.retired_at.isoformat()[:16] if row and row.retired_at else "",
        )
    out_console.print(table)


def register(app: typer.Typer) -> None:
    app.add_typer(keys_app, name="keys")
