"""The text the residual scan reads: ALL of an output file, not the fields a model chose.

A format model that misreads a file (HL7 segments run together, an unknown layout) also
misses its PHI; scanning only what the model treats as PHI would then certify it clean. So
every written text file is read whole, in line-aligned blocks, with structural punctuation
(field, component and cell separators, JSON quotes and brackets) turned into spaces or line
breaks of the same length, so values are not glued together and each detection keeps its
line. Binary formats (DOCX, PDF) extract their text and say where it came from.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from auditor.scanners.documents.encoding import detect_encoding, iter_decoded

BLOCK_CHARS = 16_384
# Field-like separators become line breaks (a detection never joins two values); component
# separators and JSON punctuation become spaces.
_TABLE = str.maketrans({"|": "\n", "\t": "\n", ",": " ", "^": " ", "~": " ", "&": " ",
                        "\\": " ", '"': " ", "{": " ", "}": " ", "[": " ", "]": " ",
                        "\x0b": " ", "\x1c": " "})  # fmt: skip


@dataclass(frozen=True)
class Unit:
    """A piece of output text and where it starts (``line`` 1-based, or a label)."""

    text: str
    where: str
    first_line: int = 0
    breaks: str = ""  # the block with only its line breaks marked (same length as ``text``)

    def location(self, offset: int) -> str:
        """Where ``offset`` in this unit is, for people: ``line 12`` or ``page 2``."""
        if self.first_line:
            return f"line {self.first_line + self.breaks.count(chr(10), 0, offset)}"
        return self.where


def text_units(path: Path, limit: int = BLOCK_CHARS) -> Iterator[Unit]:
    """The whole decoded file in blocks cut at line ends, separators neutralised."""
    line = 1
    buffer = carry = ""
    for piece in iter_decoded(path, detect_encoding(path)):
        raw = carry + piece
        carry = "\r" if raw.endswith("\r") else ""
        raw = raw[:-1] if carry else raw
        buffer += raw.replace("\r\n", " \n").replace("\r", "\n")  # CR alone ends an HL7 segment
        while len(buffer) >= limit:
            cut = buffer.rfind("\n", 0, limit)
            cut = cut + 1 if cut > limit // 4 else limit
            block, buffer = buffer[:cut], buffer[cut:]
            yield Unit(block.translate(_TABLE), "", line, block)
            line += block.count("\n")
    buffer += carry.replace("\r", "\n")
    if buffer:
        yield Unit(buffer.translate(_TABLE), "", line, buffer)
