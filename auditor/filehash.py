"""The SHA-256 of a file, streamed (certificates, report subjects and checkpoints all use it)."""

from __future__ import annotations

import hashlib
from pathlib import Path

__all__ = ["sha256_file"]


def sha256_file(path: Path) -> str:
    """Hex SHA-256 of the file's bytes, read in blocks by ``hashlib.file_digest``."""
    with Path(path).open("rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()
