"""Plain text (.txt, .md, .log): streamed in chunks whose offsets index the decoded file text."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from auditor.scanners.documents.encoding import detect_encoding, iter_decoded
from auditor.scanners.documents.units import Extracted, ExtractOptions, TextUnit

# Where to cut a chunk, best first: a blank line, a line break, a space.
_BREAKS = ("\n\n", "\n", " ")


def cut_point(buf: str, limit: int) -> int:
    """An index <= ``limit`` just after a natural break, so no entity is cut in two."""
    for brk in _BREAKS:
        idx = buf.rfind(brk, limit // 2, limit)
        if idx != -1:
            return idx + len(brk)
    return limit


def chunk_text(
    pieces: Iterator[str], source: str, chunk_chars: int, base: int = 0
) -> Iterator[TextUnit]:
    """Re-cut decoded pieces into units of about ``chunk_chars`` with their file offsets."""
    buf = ""
    pos = base
    for piece in pieces:
        buf += piece
        i = 0
        while len(buf) - i > chunk_chars:
            window = buf[i : i + chunk_chars]
            cut = cut_point(window, chunk_chars)
            yield TextUnit(source=source, text=window[:cut], offset=pos)
            pos += cut
            i += cut
        buf = buf[i:]
    if buf:
        yield TextUnit(source=source, text=buf, offset=pos)


class TextScanner:
    name = "text"

    def scan(self, source: Path, ctx: ExtractOptions) -> Iterator[Extracted]:
        encoding = detect_encoding(source, ctx.read_bytes)
        pieces = iter_decoded(source, encoding, ctx.read_bytes)
        yield from chunk_text(pieces, str(source), ctx.chunk_chars)
