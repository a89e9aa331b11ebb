"""HL7 v2 messages (.hl7): one unit per field repetition, located as ``PID-5.1``.

Segments end with CR (the standard), LF or CRLF; each MSH (or FHS/BHS batch header) sets the
field separator and encoding characters for what follows. A unit's offsets index the decoded
file text, and its text is the raw field with component and subcomponent separators turned
into spaces (same length), so the PHI engine reads "DUCK DONALD D" while ``start``/``end``
still point into the file. The location names the component where a span starts.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from auditor.errors import InputError
from auditor.scanners.documents.encoding import detect_encoding, iter_decoded
from auditor.scanners.documents.units import Extracted, ExtractOptions, TextUnit, UnitIssue

_HEADERS = ("MSH", "FHS", "BHS")
_SEGMENT_ID = re.compile(r"[A-Z][A-Z0-9]{2}")
_LINE_END = re.compile(r"\r\n|\r|\n")

# Field names shown to the PHI engine as context (HL7 v2.5 names, shortened).
FIELD_NAMES: dict[tuple[str, int], str] = {
    ("PID", 2): "patient id",
    ("PID", 3): "patient identifier",
    ("PID", 4): "alternate patient id",
    ("PID", 5): "patient name",
    ("PID", 6): "mother's maiden name",
    ("PID", 7): "date of birth",
    ("PID", 9): "patient alias",
    ("PID", 11): "patient address",
    ("PID", 13): "home phone",
    ("PID", 14): "business phone",
    ("PID", 18): "account number",
    ("PID", 19): "SSN",
    ("PID", 20): "driver's license",
    ("PID", 21): "mother's identifier",
    ("PID", 29): "death date",
    ("NK1", 2): "next of kin name",
    ("NK1", 4): "address",
    ("NK1", 5): "phone",
    ("NK1", 6): "business phone",
    ("PV1", 7): "attending doctor",
    ("PV1", 8): "referring doctor",
    ("PV1", 9): "consulting doctor",
    ("PV1", 17): "admitting doctor",
    ("PV1", 19): "visit number",
    ("PV1", 44): "admit date",
    ("PV1", 45): "discharge date",
    ("GT1", 3): "guarantor name",
    ("GT1", 5): "guarantor address",
    ("GT1", 6): "guarantor phone",
    ("GT1", 12): "guarantor SSN",
    ("IN1", 16): "insured name",
    ("IN1", 18): "insured date of birth",
    ("IN1", 19): "insured address",
    ("IN1", 36): "policy number",
}


@dataclass(frozen=True, slots=True)
class Separators:
    field: str = "|"
    component: str = "^"
    repetition: str = "~"
    escape: str = "\\"
    subcomponent: str = "&"

    @classmethod
    def from_header(cls, segment: str, line: int, source: str) -> Separators:
        """MSH-1 is the character after 'MSH'; MSH-2 holds the encoding characters."""
        if len(segment) < 8:
            raise InputError(
                "MSH segment too short for its encoding characters",
                file=source,
                line=line,
                field=f"{segment[:3]}-2",
            )
        field = segment[3]
        enc = segment[4:].split(field, 1)[0]
        enc = (enc + "^~\\&")[:4] if len(enc) < 4 else enc[:4]
        return cls(field, enc[0], enc[1], enc[2], enc[3])


def iter_segments(pieces: Iterator[str]) -> Iterator[tuple[int, str]]:
    """(offset in the decoded text, segment text) for every non-empty segment."""
    buf = ""
    pos = 0
    for piece in pieces:
        buf += piece
        segments: list[tuple[int, str]] = []
        start = _split(buf, pos, final=False, out=segments)
        yield from segments
        pos += start
        buf = buf[start:]
    segments = []
    _split(buf, pos, final=True, out=segments)
    yield from segments


def _split(buf: str, pos: int, *, final: bool, out: list[tuple[int, str]]) -> int:
    """Append complete segments of ``buf`` to ``out``; return where the unfinished one starts."""
    start = 0
    for match in _LINE_END.finditer(buf):
        # A CR at the very end may be the first half of CRLF: wait for the next piece.
        if not final and match.end() == len(buf) and buf.endswith("\r"):
            break
        if match.start() > start:
            out.append((pos + start, buf[start : match.start()]))
        start = match.end()
    if final and start < len(buf):
        out.append((pos + start, buf[start:]))
        start = len(buf)
    return start


def field_units(
    source: str, seg: str, offset: int, seps: Separators, location: dict[str, Any]
) -> Iterator[TextUnit]:
    """Units for every field repetition of one segment."""
    seg_id = seg[:3]
    is_header = seg_id in _HEADERS
    fields = seg.split(seps.field)
    pos = offset + len(fields[0]) + 1
    for idx, value in enumerate(fields[1:], start=1):
        number = idx + 1 if is_header else idx
        field_start = pos
        pos += len(value) + 1
        if is_header and number <= 2:
            continue
        reps = value.split(seps.repetition)
        rep_start = field_start
        for rep_no, rep in enumerate(reps, start=1):
            this_start = rep_start
            rep_start += len(rep) + 1
            if not rep.strip():
                continue
            label = f"{seg_id}-{number}" + (f"[{rep_no}]" if rep_no > 1 else "")
            yield _rep_unit(source, rep, this_start, label, seps, location, (seg_id, number))


def _rep_unit(
    source: str,
    rep: str,
    offset: int,
    label: str,
    seps: Separators,
    location: dict[str, Any],
    key: tuple[str, int],
) -> TextUnit:
    parts: list[tuple[int, dict[str, Any]]] = []
    if seps.component in rep or seps.subcomponent in rep:
        cpos = 0
        for c_no, comp in enumerate(rep.split(seps.component), start=1):
            subs = comp.split(seps.subcomponent)
            if len(subs) == 1:
                parts.append((cpos, {"field": f"{label}.{c_no}"}))
            else:
                spos = cpos
                for s_no, sub in enumerate(subs, start=1):
                    parts.append((spos, {"field": f"{label}.{c_no}.{s_no}"}))
                    spos += len(sub) + 1
            cpos += len(comp) + 1
    text = rep.replace(seps.component, " ").replace(seps.subcomponent, " ")
    name = FIELD_NAMES.get(key)
    return TextUnit(
        source=source,
        text=text,
        location={**location, "field": label},
        offset=offset,
        context=f"{name}: " if name else "",
        parts=tuple(parts),
    )


class Hl7Scanner:
    name = "hl7"

    def scan(self, source: Path, ctx: ExtractOptions) -> Iterator[Extracted]:
        src = str(source)
        encoding = detect_encoding(source, ctx.read_bytes)
        seps: Separators | None = None
        message = 0
        for number, (offset, seg) in enumerate(
            iter_segments(iter_decoded(source, encoding, ctx.read_bytes)), start=1
        ):
            if not seg.strip():
                continue
            seg_id = seg[:3]
            if seg_id in _HEADERS:
                seps = Separators.from_header(seg, number, src)
                if seg_id == "MSH":
                    message += 1
            elif seps is None:
                raise InputError(
                    "not an HL7 v2 message (no MSH segment first)", file=src, line=number
                )
            assert seps is not None
            location = {"message": max(message, 1), "segment": number}
            if not _SEGMENT_ID.fullmatch(seg_id) or (len(seg) > 3 and seg[3] != seps.field):
                # A wrapped line of free text, or junk: keep it, as plain text.
                yield UnitIssue(
                    source=src,
                    reason=f"line {number}: not an HL7 v2 segment; scanned as plain text",
                    location={"segment": number},
                )
                yield TextUnit(source=src, text=seg, location=location, offset=offset)
                continue
            yield from field_units(src, seg, offset, seps, location)
