"""What a document extractor yields: text units with a location, and issues it recovered from.

A unit's ``offset`` is added to span offsets found in its text. Plain-text extractors set it
to the unit's position in the file's decoded text, so ``text[start:end]`` of the whole file is
the entity; structured extractors leave it at 0 (offsets are then within the cell or value)
and say where the value lives in ``location`` (row/column, JSON pointer, HL7 field).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class TextUnit:
    """One piece of text to analyse. ``__repr__`` never shows the text (it may be PHI)."""

    source: str
    text: str
    location: dict[str, Any] = field(default_factory=dict)
    offset: int = 0
    # A label shown to the PHI engine before the text (a column or field name) so that
    # context cues work on bare cell values; spans inside it are dropped.
    context: str = ""
    # (start offset in ``text``, location update) pairs, sorted by start: a span that starts
    # at or after ``start`` gets ``location | update`` (HL7 components within a field).
    parts: tuple[tuple[int, dict[str, Any]], ...] = ()
    # When the text was derived from markup: raw start/end of each character of ``text``.
    raw_starts: tuple[int, ...] = ()
    raw_ends: tuple[int, ...] = ()

    def location_at(self, start: int) -> dict[str, Any]:
        """The location of a span starting at ``start`` (in ``text``)."""
        loc = dict(self.location)
        for part_start, update in self.parts:
            if part_start > start:
                break
            loc = {**self.location, **update}
        return loc

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """A span of ``text`` as offsets in the source (file text, cell or raw value)."""
        if self.raw_starts and end > start:
            return self.offset + self.raw_starts[start], self.offset + self.raw_ends[end - 1]
        return self.offset + start, self.offset + end

    def __repr__(self) -> str:
        return f"TextUnit({self.source} {self.location or ''} @{self.offset} len={len(self.text)})"


@dataclass(frozen=True, slots=True)
class UnitIssue:
    """A recoverable problem in part of a file (a bad JSONL line scanned as plain text, ...).

    ``reason`` never quotes file content: it names the file, the place and what went wrong.
    """

    source: str
    reason: str
    location: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ExtractOptions:
    """Knobs every extractor receives (the ``ctx`` of ``scan(source, ctx)``)."""

    # Plain text is cut into units of about this many characters, at a line break or space.
    chunk_chars: int = 16_384
    # Read size for streaming decoders.
    read_bytes: int = 1 << 20
    # Files read whole (JSON documents, PDF, DOCX) larger than this are skipped with a reason.
    max_whole_file_bytes: int = 256 << 20


Extracted = TextUnit | UnitIssue
