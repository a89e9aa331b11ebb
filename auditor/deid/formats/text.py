"""Plain text (.txt, notes, logs, anything decodable): streamed in paragraph-sized blocks.

Blocks are cut at a blank line where possible (then a line break, then a space), so a name
or a date is not split between two engine calls; memory stays bounded by the block size.
The whole file is one patient for date shifting: the first MRN it mentions, else the file.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from auditor.deid.formats.base import FileContext, atomic_output, output_encoding
from auditor.deid.operators import patient_from_spans, select_spans
from auditor.scanners.documents.encoding import detect_encoding, iter_decoded

BLOCK_CHARS = 16_384


def _cut(buffer: str, limit: int) -> int:
    """Where to end the next block: after a blank line, a newline or a space near the limit."""
    window = buffer[:limit]
    for sep in ("\n\n", "\r\n\r\n", "\n", " "):
        pos = window.rfind(sep)
        if pos > limit // 4:
            return pos + len(sep)
    return limit


def blocks(path: Path, encoding: str, limit: int = BLOCK_CHARS) -> Iterator[str]:
    buffer = ""
    for piece in iter_decoded(path, encoding):
        buffer += piece
        while len(buffer) >= 2 * limit:
            cut = _cut(buffer, limit)
            yield buffer[:cut]
            buffer = buffer[cut:]
    while len(buffer) > limit:
        cut = _cut(buffer, limit)
        yield buffer[:cut]
        buffer = buffer[cut:]
    if buffer:
        yield buffer


class TextFormat:
    name = "text"

    def __init__(self, block_chars: int = BLOCK_CHARS) -> None:
        self.block_chars = block_chars

    def deidentify(self, src: Path, dst: Path, fc: FileContext) -> None:
        encoding = detect_encoding(src)
        patient = ""
        pending: list[str] = []
        with atomic_output(dst, output_encoding(src, encoding)) as out:

            def flush() -> None:
                nonlocal patient
                results = fc.analyzer.analyze_many(pending)
                for text, spans in zip(pending, results, strict=True):
                    if not patient:
                        patient = patient_from_spans(text, select_spans(spans)) or fc.source
                    out.write(fc.deid.text(text, spans, patient=patient))
                    fc.units += 1
                pending.clear()

            for block in blocks(src, encoding, self.block_chars):
                pending.append(block)
                if len(pending) >= max(1, fc.batch_size // 8):
                    flush()
            if pending:
                flush()

    def residual_texts(self, path: Path) -> Iterator[str]:
        yield from blocks(path, detect_encoding(path), self.block_chars)
