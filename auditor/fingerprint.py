"""Keyed HMAC-SHA256 fingerprints: findings can be matched across scans without storing PHI.

A bare hash of a name or SSN is reversible by brute force over a small space; a keyed HMAC
with the home's secret is not, unless the secret leaks.
"""

from __future__ import annotations

import hmac
import os
import secrets
from pathlib import Path

SECRET_FILE = "fingerprint.key"


def normalise(value: str) -> str:
    """Case- and whitespace-insensitive, so 'SMITH' and 'Smith ' fingerprint alike."""
    return " ".join(value.split()).casefold()


class Fingerprinter:
    def __init__(self, secret: bytes) -> None:
        if len(secret) < 16:
            raise ValueError("fingerprint secret must be at least 16 bytes")
        self._secret = secret

    def of(self, value: str) -> str:
        # hmac.digest is the one-shot C path: same bytes as hmac.new(...).hexdigest(), faster.
        return hmac.digest(self._secret, normalise(value).encode("utf-8"), "sha256").hex()

    def __repr__(self) -> str:
        return "Fingerprinter(<secret>)"


def load_or_create_secret(keys_dir: Path) -> bytes:
    """The home's fingerprint secret (32 random bytes, file mode 0600), created on first use."""
    path = keys_dir / SECRET_FILE
    if path.exists():
        return bytes.fromhex(path.read_text().strip())
    keys_dir.mkdir(parents=True, exist_ok=True)
    secret = secrets.token_bytes(32)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(secret.hex() + "\n")
    return secret
