"""``auditor verify PATH | --all``: file digests, the DSSE signature and the hash chain.

Prints one line "verified" and exits 0, or exits 1 with the exact reason (which file, which
digest, which key, which link): the one-line error comes from the CLI's single error handler.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from auditor.cli.common import app_context, err_console
from auditor.cli.safe_text import visible
from auditor.errors import InputError, SignatureError

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey


def _load_keys(paths: list[Path]) -> dict[str, Ed25519PublicKey]:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    from auditor.signing.keys import key_id_of

    keys: dict[str, Ed25519PublicKey] = {}
    for p in paths:
        try:
            pub = serialization.load_pem_public_key(p.read_bytes())
        except (OSError, ValueError) as exc:
            raise InputError("not a readable PEM public key", file=str(p), field="--key") from exc
        if not isinstance(pub, Ed25519PublicKey):
            raise InputError("not an Ed25519 public key", file=str(p), field="--key")
        keys[key_id_of(pub)] = pub
    return keys


def register(app: typer.Typer) -> None:
    @app.command("verify")
    def verify(
        ctx: typer.Context,
        path: str | None = typer.Argument(
            None, help="A report or certificate folder, its *.dsse.json, or a report id."
        ),
        all_: bool = typer.Option(False, "--all", help="Verify the whole chain in the ledger."),
        key: list[Path] = typer.Option(
            [], "--key", help="Extra Ed25519 public key PEM to trust (repeatable)."
        ),
        no_chain: bool = typer.Option(
            False,
            "--no-chain",
            help="Check files and signature only, not the ledger link (a report from elsewhere).",
        ),
        strict: bool = typer.Option(
            False,
            "--strict",
            help="Fail (exit 1) when the folder holds files the signed statement does not list.",
        ),
    ) -> None:
        """Check a signed report (or de-id certificate) or, with --all, the whole chain.

        Examples: auditor verify weekly-2026-W47; auditor verify --all
        """
        from auditor.signing.attest import verify_chain, verify_folder
        from auditor.signing.verification import unlisted_files

        if not path and not all_:
            raise InputError("give a report folder or id, or --all", field="PATH")
        extra = _load_keys(key)
        with app_context(ctx) as actx, actx.sessions() as session:
            settings = actx.settings
            if path:
                target = Path(path)
                if not target.exists() and (settings.reports_dir / path).is_dir():
                    target = settings.reports_dir / path
                if not target.exists():  # a wrong argument, not a failed verification (exit 2)
                    raise InputError(
                        "no such report or certificate folder, *.dsse.json or report id",
                        file=path,
                    )
                verify_folder(
                    settings, target, session=session, extra_keys=extra, chain=not no_chain
                )
                _warn_unlisted(target, unlisted_files(target), strict)
            if all_:
                verify_chain(settings, session, extra_keys=extra)
        typer.echo("verified")


def _warn_unlisted(target: Path, names: list[str], strict: bool) -> None:
    """Files beside a signed report that nothing signs: a reader may take them as signed."""
    for name in names:
        err_console.print(
            f"warning: {visible(name)} is in the folder but not signed"
            " (the signed statement does not list it)",
            markup=False,
            soft_wrap=True,
        )
    if names and strict:
        raise SignatureError(
            f"{len(names)} file(s) in the folder are not signed (--strict)", file=str(target)
        )
