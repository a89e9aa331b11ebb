"""The optional re-identification map: original -> replacement, encrypted, written apart.

Only when asked (``--reid-map FILE``): a de-identified extract with a map beside it is not
de-identified. The file is created with mode 0600, outside the output folder, and holds
AES-256-GCM frames under a key derived (HKDF-SHA256, random salt) from the de-id key, so
only a holder of that key can read it. Frames are written as entries arrive: memory stays
bounded by the frame size, not the extract.

Layout: ``MAGIC`` line, a JSON header line (version, salt, created), then frames of
``len (4 bytes, big endian) | nonce (12) | ciphertext``; each frame's associated data is the
magic plus its index, so frames cannot be reordered, dropped from the middle or spliced in.
A final empty frame marks a complete file (truncation is detected).
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import secrets
import struct
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from auditor.errors import InputError, SignatureError
from auditor.timefmt import iso_z

MAGIC = b"AUDITOR-REIDMAP-1\n"
_INFO = b"hipaa-auditor deid re-identification map v1"
FRAME_ENTRIES = 2_000
SEEN_LIMIT = 1_000_000


def _derive(key: bytes, salt: bytes) -> AESGCM:
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=_INFO)
    return AESGCM(hkdf.derive(key))


def _aad(index: int) -> bytes:
    return MAGIC + struct.pack(">Q", index)


class ReidMapWriter:
    """Streams (entity type, original, replacement) triples into the encrypted file."""

    def __init__(self, path: Path, key: bytes, *, clock: datetime | None = None) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.fchmod(fd, 0o600)  # an existing file keeps its old mode through O_CREAT
        self._fh: IO[bytes] = os.fdopen(fd, "wb")
        salt = secrets.token_bytes(16)
        self._aead = _derive(key, salt)
        created = iso_z(clock or datetime.now(UTC))
        header = {"version": 1, "salt": base64.b64encode(salt).decode(), "created": created}
        self._fh.write(MAGIC + json.dumps(header, sort_keys=True).encode() + b"\n")
        self._pending: list[list[str]] = []
        self._seen: set[bytes] = set()
        self._index = 0
        self.entries = 0

    def __repr__(self) -> str:
        return f"ReidMapWriter({self.path.name}, entries={self.entries})"

    def add(self, entity_type: str, original: str, replacement: str) -> None:
        digest = hashlib.sha256(f"{entity_type}\x1f{original}\x1f{replacement}".encode()).digest()
        if digest in self._seen:
            return
        if len(self._seen) >= SEEN_LIMIT:  # bounded memory: a repeat entry is harmless
            self._seen.clear()
        self._seen.add(digest)
        self._pending.append([entity_type, original, replacement])
        self.entries += 1
        if len(self._pending) >= FRAME_ENTRIES:
            self._frame(self._pending)
            self._pending = []

    def _frame(self, entries: list[list[str]]) -> None:
        nonce = secrets.token_bytes(12)
        body = json.dumps(entries, ensure_ascii=False).encode("utf-8")
        sealed = self._aead.encrypt(nonce, body, _aad(self._index))
        self._fh.write(struct.pack(">I", len(sealed)) + nonce + sealed)
        self._index += 1

    def close(self) -> None:
        if self._fh.closed:
            return
        if self._pending:
            self._frame(self._pending)
            self._pending = []
        self._frame([])  # end marker
        self._fh.close()

    def abort(self) -> None:
        """Drop a partial map (a failed run must not leave half a key to the data)."""
        if not self._fh.closed:
            self._fh.close()
        self.path.unlink(missing_ok=True)


def read_reid_map(path: Path, key: bytes) -> Iterator[dict[str, Any]]:
    """Decrypt and yield ``{"entity_type", "original", "replacement"}``; raise on tampering."""
    where = str(path)
    with path.open("rb") as fh:
        if fh.read(len(MAGIC)) != MAGIC:
            raise InputError("not a re-identification map", file=where)
        try:
            header = json.loads(fh.readline())
            salt = base64.b64decode(header["salt"])
        except (ValueError, KeyError) as exc:
            raise InputError("re-identification map header is damaged", file=where) from exc
        aead = _derive(key, salt)
        index = 0
        while True:
            size_raw = fh.read(4)
            if len(size_raw) < 4:
                raise SignatureError("re-identification map is truncated", file=where)
            (size,) = struct.unpack(">I", size_raw)
            nonce = fh.read(12)
            sealed = fh.read(size)
            if len(nonce) < 12 or len(sealed) < size:
                raise SignatureError("re-identification map is truncated", file=where)
            try:
                body = aead.decrypt(nonce, sealed, _aad(index))
            except InvalidTag as exc:
                raise SignatureError(
                    f"frame {index} does not decrypt (wrong key or tampered file)", file=where
                ) from exc
            entries = json.loads(body)
            if not entries:
                return
            for entity_type, original, replacement in entries:
                yield {"entity_type": entity_type, "original": original, "replacement": replacement}
            index += 1
