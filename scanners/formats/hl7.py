"""HL7 v2 tokens with their offsets: separators from each header, escapes, segments and spans.

Segments end with CR (the standard), LF or CRLF; each MSH (or FHS/BHS batch header) sets the
field separator (MSH-1) and the encoding characters (MSH-2: component, repetition, escape,
subcomponent) for what follows, so a feed that uses ``#`` or ``!`` works too. The document
scanner reads through this module and the de-identification writer rewrites what it reads.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

__all__ = [
    "HEADERS",
    "SEGMENT_ID",
    "Field",
    "Line",
    "Separators",
    "Span",
    "iter_lines",
    "iter_segments",
    "split_fields",
    "split_spans",
]

HEADERS = ("MSH", "FHS", "BHS")
SEGMENT_ID = re.compile(r"[A-Z][A-Z0-9]{2}")
_LINE_END = re.compile(r"\r\n|\r|\n")
_DEFAULT_ENCODING = "^~\\&"


@dataclass(frozen=True, slots=True)
class Separators:
    field: str = "|"
    component: str = "^"
    repetition: str = "~"
    escape: str = "\\"
    subcomponent: str = "&"

    @classmethod
    def from_header(cls, segment: str) -> Separators | None:
        """MSH-1 is the character after the segment id; MSH-2 holds the encoding characters.

        None when ``segment`` is not a header or is too short to hold them.
        """
        if len(segment) < 8 or segment[:3] not in HEADERS:
            return None
        field = segment[3]
        enc = segment[4:].split(field, 1)[0]
        enc = (enc + _DEFAULT_ENCODING)[:4] if len(enc) < 4 else enc[:4]
        return cls(field, enc[0], enc[1], enc[2], enc[3])

    def _codes(self) -> tuple[tuple[str, str], ...]:
        return (
            (self.field, "F"),
            (self.component, "S"),
            (self.subcomponent, "T"),
            (self.repetition, "R"),
        )

    def unescape(self, value: str) -> str:
        """Escape sequences (``\\F\\`` for the field separator, ...) back to their characters."""
        e = self.escape
        if e not in value:
            return value
        table = {code: ch for ch, code in self._codes()} | {"E": e}
        return re.sub(
            re.escape(e) + r"([FSTRE])" + re.escape(e), lambda m: table[m.group(1)], value
        )

    def escape_text(self, value: str) -> str:
        """The inverse of ``unescape``: separators in a value written as escape sequences."""
        e = self.escape
        out = value.replace(e, f"{e}E{e}")
        for ch, code in self._codes():
            out = out.replace(ch, f"{e}{code}{e}")
        return out


@dataclass(frozen=True, slots=True)
class Line:
    offset: int  # in the decoded text
    text: str
    end: str  # the line ending after it: "\r", "\n", "\r\n", or "" at the end of the text


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    text: str


@dataclass(frozen=True, slots=True)
class Field:
    number: int  # as the standard numbers it (MSH-1 is the separator, so MSH's first is 2)
    start: int  # offset in the segment
    text: str


def iter_lines(pieces: Iterable[str]) -> Iterator[Line]:
    """Every line of the decoded text (empty ones too), with its ending; text is streamed.

    A CR at the end of one piece waits for the next, so a CRLF split across reads stays one.
    """
    buf = ""
    pos = 0
    for piece in pieces:
        buf += piece
        start = 0
        for match in _LINE_END.finditer(buf):
            if match.end() == len(buf) and buf.endswith("\r"):
                break  # maybe the first half of CRLF: wait for the next piece
            yield Line(pos + start, buf[start : match.start()], match.group())
            start = match.end()
        pos += start
        buf = buf[start:]
    if buf.endswith("\r"):
        yield Line(pos, buf[:-1], "\r")
    elif buf:
        yield Line(pos, buf, "")


def iter_segments(pieces: Iterable[str]) -> Iterator[tuple[int, str]]:
    """(offset in the decoded text, segment text) for every non-empty segment."""
    for line in iter_lines(pieces):
        if line.text:
            yield line.offset, line.text


def split_spans(text: str, sep: str, start: int = 0) -> list[Span]:
    """``text.split(sep)`` with each piece's offset (``start`` is the offset of ``text``)."""
    out = []
    pos = start
    for piece in text.split(sep):
        out.append(Span(pos, piece))
        pos += len(piece) + len(sep)
    return out


def split_fields(segment: str, seps: Separators) -> list[Field]:
    """The fields after the segment id, numbered as the standard numbers them."""
    parts = split_spans(segment, seps.field)
    shift = 1 if parts[0].text in HEADERS else 0
    return [Field(n + shift, p.start, p.text) for n, p in enumerate(parts[1:], start=1)]
