"""Decoding exported files: UTF-8 first, then the legacy encodings exports really use.

Decoding is ours (binary read + incremental decoder), never the platform default, and line
endings are kept as they are, so offsets index exactly ``bytes.decode(encoding)``.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from pathlib import Path

# Tried in order; latin-1 decodes any byte sequence, so it is the last resort.
FALLBACKS = ("utf-8-sig", "cp1252", "latin-1")
_SNIFF_BYTES = 8192
# A few NUL bytes do not make a file binary (a padded export, or one planted to hide PHI
# from the scan): they are read as spaces, so offsets still index the decoded text. A file
# whose head is more than this share NULs is binary.
NUL_RATIO = 0.05


class BinaryContentError(ValueError):
    """The file is not text (many NUL bytes in a file that is not UTF-16)."""


def detect_encoding(path: Path, read_bytes: int = 1 << 20) -> str:
    """The first encoding in ``FALLBACKS`` that decodes the whole file (streamed, strict)."""
    with path.open("rb") as fh:
        head = fh.read(_SNIFF_BYTES)
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if head.count(b"\x00") > len(head) * NUL_RATIO:
        raise BinaryContentError("binary content (NUL bytes), not a text file")
    for encoding in FALLBACKS[:-1]:
        decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
        try:
            with path.open("rb") as fh:
                while block := fh.read(read_bytes):
                    decoder.decode(block)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            continue
        return encoding
    return FALLBACKS[-1]


def iter_decoded(path: Path, encoding: str, read_bytes: int = 1 << 20) -> Iterator[str]:
    """The decoded text of ``path`` in pieces, never holding the whole file."""
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    with path.open("rb") as fh:
        while block := fh.read(read_bytes):
            if piece := decoder.decode(block):
                yield piece.replace("\x00", " ")
    if tail := decoder.decode(b"", final=True):
        yield tail.replace("\x00", " ")


def read_text(path: Path, read_bytes: int = 1 << 20) -> tuple[str, str]:
    """The whole decoded text and its encoding (for formats parsed in one piece)."""
    encoding = detect_encoding(path, read_bytes)
    return path.read_bytes().decode(encoding).replace("\x00", " "), encoding
