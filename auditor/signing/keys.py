"""Ed25519 signing keys under ``HOME/keys``: private key mode 0600, key id = SHA-256(public).

Rotation moves the old private key aside and keeps every public key (in ``keys/public/`` and
in the store), so reports signed before a rotation still verify.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from auditor.errors import SignatureError

PRIVATE_FILE = "signing.key"
PUBLIC_DIR = "public"


def key_id_of(public: Ed25519PublicKey) -> str:
    raw = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()


def public_pem(public: Ed25519PublicKey) -> str:
    return public.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    ).decode("ascii")


@dataclass(frozen=True)
class SigningKey:
    private: Ed25519PrivateKey

    @property
    def public(self) -> Ed25519PublicKey:
        return self.private.public_key()

    @property
    def key_id(self) -> str:
        return key_id_of(self.public)

    def sign(self, data: bytes) -> bytes:
        return self.private.sign(data)

    def __repr__(self) -> str:
        return f"SigningKey(key_id={self.key_id[:12]}…)"


def _write_private(path: Path, key: Ed25519PrivateKey) -> None:
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(pem)


def _publish(keys_dir: Path, key: SigningKey) -> None:
    pub_dir = keys_dir / PUBLIC_DIR
    pub_dir.mkdir(parents=True, exist_ok=True)
    (pub_dir / f"{key.key_id}.pem").write_text(public_pem(key.public), encoding="ascii")


def generate_key(keys_dir: Path) -> SigningKey:
    """Create the active key; an existing one is retired (kept as ``signing.<id>.key``)."""
    keys_dir.mkdir(parents=True, exist_ok=True)
    path = keys_dir / PRIVATE_FILE
    if path.exists():
        old = load_key(keys_dir)
        path.rename(keys_dir / f"signing.{old.key_id[:16]}.retired.key")
    key = SigningKey(Ed25519PrivateKey.generate())
    _write_private(path, key.private)
    _publish(keys_dir, key)
    return key


def load_key(keys_dir: Path) -> SigningKey:
    path = keys_dir / PRIVATE_FILE
    try:
        private = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except FileNotFoundError as exc:
        raise SignatureError("no signing key; run `auditor keys generate`", file=str(path)) from exc
    except ValueError as exc:
        raise SignatureError("signing key is not a valid PEM private key", file=str(path)) from exc
    if not isinstance(private, Ed25519PrivateKey):
        raise SignatureError("signing key is not Ed25519", file=str(path))
    return SigningKey(private)


def ensure_key(keys_dir: Path) -> SigningKey:
    if (keys_dir / PRIVATE_FILE).exists():
        return load_key(keys_dir)
    return generate_key(keys_dir)


def public_keys(keys_dir: Path) -> dict[str, Ed25519PublicKey]:
    """Every public key this home has ever signed with, by key id."""
    out: dict[str, Ed25519PublicKey] = {}
    for pem in sorted((keys_dir / PUBLIC_DIR).glob("*.pem")):
        pub = serialization.load_pem_public_key(pem.read_bytes())
        if isinstance(pub, Ed25519PublicKey):
            out[key_id_of(pub)] = pub
    return out
