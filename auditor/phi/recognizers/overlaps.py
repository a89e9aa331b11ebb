"""Cross-recognizer rules: what one recognizer's span says about another's.

Recognizers run independently, so a person-name guess can straddle an address that the
address grammar found ("Oak Street, Springfield" read as a surname pair). A place span is
the better reading there: a PERSON span that crosses the edge of a street address or place
keeps only what lies outside the places, and what runs on past a street's end becomes the
address's town (a LOCATION: "Street, Springfield" after "12 Oak"); one inside a street
address is dropped, and so is one made only of two or more places ("Allen Grove, Patricia
Ville" after a street: a suburb and its town). When one span lies wholly in the other
("Andrew Jackson" with "Jackson" a town, or the same word read both ways) the merge keeps the
better of the two.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TypeVar

from auditor.phi.entities import Entity, TypedSpan

STREET_TYPES = frozenset({Entity.STREET_ADDRESS, "ADDRESS"})
PLACE_TYPES = STREET_TYPES | {Entity.LOCATION}


S = TypeVar("S", bound=TypedSpan)


def _outside(start: int, end: int, places: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The parts of ``[start, end)`` not covered by any of ``places`` (sorted, may overlap)."""
    parts = []
    pos = start
    for p_start, p_end in places:
        if p_end <= pos or p_start >= end:
            continue
        if p_start > pos:
            parts.append((pos, p_start))
        pos = max(pos, p_end)
    if pos < end:
        parts.append((pos, end))
    return parts


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Shrink to the first..last letter or digit; None when there is none."""
    piece = text[start:end]
    alnum = [i for i, c in enumerate(piece) if c.isalnum()]
    if not alnum:
        return None
    return start + alnum[0], start + alnum[-1] + 1


def drop_persons_in_places(text: str, spans: Sequence[S]) -> list[S]:
    """PERSON spans overlapping a street address or place: dropped or trimmed (see module)."""
    places = sorted((s.start, s.end) for s in spans if s.entity_type in PLACE_TYPES)
    streets = {(s.start, s.end) for s in spans if s.entity_type in STREET_TYPES}
    if not places:
        return list(spans)
    out: list[S] = []
    for span in spans:
        if span.entity_type != Entity.PERSON:
            out.append(span)
            continue
        hit = [(a, b) for a, b in places if a < span.end and span.start < b]
        if any(a <= span.start and span.end <= b for a, b in streets if (a, b) in hit):
            continue  # a name guess inside a street address
        crossing = [
            (a, b)
            for a, b in hit
            if not (a <= span.start and span.end <= b) and not (span.start <= a and b <= span.end)
        ]
        inside = [(a, b) for a, b in hit if span.start <= a and b <= span.end]
        if len(inside) >= 2 and not any(
            _trim(text, a, b) for a, b in _outside(span.start, span.end, inside)
        ):
            continue  # "Allen Grove, Patricia Ville": a suburb and a town, not "Last, First"
        if not crossing:
            out.append(span)  # no overlap, or one span inside the other: the merge decides
            continue
        street_ends = [b for a, b in crossing if (a, b) in streets]
        for a, b in _outside(span.start, span.end, hit):
            trimmed = _trim(text, a, b)
            if trimmed is None:
                continue
            # What runs on past a street's end fills the address's town slot.
            kind = Entity.LOCATION if any(e <= a for e in street_ends) else span.entity_type
            out.append(replace(span, entity_type=kind, start=trimmed[0], end=trimmed[1]))  # type: ignore[type-var]
    return out
