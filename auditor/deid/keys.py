"""The de-identification key: seeds surrogates, identifier tokens and date shifts.

The same key gives the same surrogates across files and runs (a research extract refreshed
monthly stays linkable); a different key gives unrelated ones. It lives apart from the
fingerprint secret and the signing key so that sharing it with a trusted data team (to
produce linkable extracts at two sites) shares nothing else. Mode 0600.
"""

from __future__ import annotations

import os
import secrets
import stat
from pathlib import Path

from auditor.config import Settings
from auditor.errors import InputError

DEID_KEY_FILE = "deid.key"
MIN_KEY_BYTES = 16


def default_key_path(settings: Settings) -> Path:
    return settings.keys_dir / DEID_KEY_FILE


def create_key_file(path: Path) -> bytes:
    """Write 32 random bytes (hex) to a new file with mode 0600; refuse to overwrite."""
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_bytes(32)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(key.hex() + "\n")
    return key


def read_key_file(path: Path) -> bytes:
    """Hex text (the format we write) or at least 16 raw bytes; errors name the file only."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError as exc:
        raise InputError("de-identification key file does not exist", file=str(path)) from exc
    except OSError as exc:
        raise InputError(f"cannot read key file: {exc.strerror}", file=str(path)) from exc
    text = raw.strip()
    try:
        key = bytes.fromhex(text.decode("ascii"))
    except (UnicodeDecodeError, ValueError):
        key = raw
    if len(key) < MIN_KEY_BYTES:
        raise InputError(f"key is shorter than {MIN_KEY_BYTES} bytes", file=str(path))
    return key


def load_deid_key(settings: Settings, key_file: Path | None = None) -> tuple[bytes, Path]:
    """The key from ``--key-file`` (must exist) or the home default (created on first use)."""
    if key_file is not None:
        path = Path(key_file).expanduser()
        return read_key_file(path), path
    path = default_key_path(settings)
    if not path.exists():
        return create_key_file(path), path
    return read_key_file(path), path


def is_private(path: Path) -> bool:
    """True when neither group nor others may read the file."""
    return not (path.stat().st_mode & (stat.S_IRWXG | stat.S_IRWXO))
