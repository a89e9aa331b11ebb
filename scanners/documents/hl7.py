"""HL7 v2 messages (.hl7): one unit per field repetition, located as ``PID-5.1``.

Segments, separators and spans come from ``scanners.formats.hl7``, the tokenizer the
de-identification writer uses too. A unit's offsets index the decoded file text, and its
text is the raw field with component and subcomponent separators turned into spaces (same
length), so the PHI engine reads "DUCK DONALD D" while ``start``/``end`` still point into
the file. The location names the component where a span starts.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from auditor.errors import InputError
from auditor.scanners.documents.encoding import detect_encoding, iter_decoded
from auditor.scanners.documents.units import Extracted, ExtractOptions, TextUnit, UnitIssue
from auditor.scanners.formats.hl7 import (
    HEADERS,
    SEGMENT_ID,
    Separators,
    iter_segments,
    split_fields,
    split_spans,
)

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


# A real field has a handful of components and a segment a few dozen fields; past this,
# the text is scanned as one flat unit (separators read as spaces), not piece by piece,
# so a run of 20 million '^' costs its length, not a tuple per empty component.
MAX_PIECES = 1000


def _flat_unit(
    source: str, text: str, offset: int, seps: Separators, location: dict[str, Any], what: str
) -> TextUnit:
    for sep in (seps.field, seps.repetition, seps.component, seps.subcomponent):
        text = text.replace(sep, " ")
    return TextUnit(
        source=source,
        text=text,
        location={**location, "field": f"over {MAX_PIECES} {what}"},
        offset=offset,
    )


def field_units(
    source: str, seg: str, offset: int, seps: Separators, location: dict[str, Any]
) -> Iterator[TextUnit]:
    """Units for every field repetition of one segment."""
    seg_id = seg[:3]
    is_header = seg_id in HEADERS
    if seg.count(seps.field) > MAX_PIECES:
        yield _flat_unit(source, seg, offset, seps, location, "fields")
        return
    for field in split_fields(seg, seps):
        if is_header and field.number <= 2:
            continue
        if field.text.count(seps.repetition) > MAX_PIECES:
            start = offset + field.start
            yield _flat_unit(source, field.text, start, seps, location, "repetitions")
            continue
        reps = split_spans(field.text, seps.repetition, offset + field.start)
        for rep_no, rep in enumerate(reps, start=1):
            if not rep.text.strip():
                continue
            label = f"{seg_id}-{field.number}" + (f"[{rep_no}]" if rep_no > 1 else "")
            key = (seg_id, field.number)
            yield _rep_unit(source, rep.text, rep.start, label, seps, location, key)


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
    pieces = rep.count(seps.component) + rep.count(seps.subcomponent)
    if pieces <= MAX_PIECES and (seps.component in rep or seps.subcomponent in rep):
        for c_no, comp in enumerate(split_spans(rep, seps.component), start=1):
            subs = split_spans(comp.text, seps.subcomponent, comp.start)
            if len(subs) == 1:
                parts.append((comp.start, {"field": f"{label}.{c_no}"}))
                continue
            for s_no, sub in enumerate(subs, start=1):
                parts.append((sub.start, {"field": f"{label}.{c_no}.{s_no}"}))
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
            if seg_id in HEADERS:
                seps = Separators.from_header(seg)
                if seps is None:
                    raise InputError(
                        "MSH segment too short for its encoding characters",
                        file=src,
                        line=number,
                        field=f"{seg_id}-2",
                    )
                if seg_id == "MSH":
                    message += 1
            elif seps is None:
                raise InputError(
                    "not an HL7 v2 message (no MSH segment first)", file=src, line=number
                )
            assert seps is not None
            location = {"message": max(message, 1), "segment": number}
            if not SEGMENT_ID.fullmatch(seg_id) or (len(seg) > 3 and seg[3] != seps.field):
                # A wrapped line of free text, or junk: keep it, as plain text.
                yield UnitIssue(
                    source=src,
                    reason=f"line {number}: not an HL7 v2 segment; scanned as plain text",
                    location={"segment": number},
                )
                yield TextUnit(source=src, text=seg, location=location, offset=offset)
                continue
            yield from field_units(src, seg, offset, seps, location)
