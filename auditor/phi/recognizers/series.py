"""The series letter before a number that identifies: "Шиноснома: А 4412877", "lapa A 0441827".

Passports, sick notes and certificates across the former Soviet Union, the Baltics and
Central Asia print a series letter, a blank, then the number; the identifier rules read the
number alone and the letter stayed beside its replacement. Found after the engine, from the
identifier spans: one capital letter of any script, alone, right before a number of five
digits or more, joins it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import TypeVar

from auditor.phi.entities import IDENTIFIER_TYPES, TypedSpan

# one capital alone after a blank, a colon or a bracket, one blank before the number
_SERIES = re.compile(r"(?:^|(?<=[\s:(]))([^\W\d_])[ \t]\Z")
_NUMBER = re.compile(r"\d{5,}")

S = TypeVar("S", bound=TypedSpan)


def series_starts(text: str, spans: Iterable[S]) -> Iterator[tuple[S, int]]:
    """Each identifier span of digits with a series letter before it, and the letter's start."""
    for span in spans:
        if span.entity_type not in IDENTIFIER_TYPES or not _NUMBER.fullmatch(
            text, span.start, span.end
        ):
            continue
        m = _SERIES.search(text, max(0, span.start - 3), span.start)
        if m is not None and m.group(1).isupper():
            yield span, m.start(1)
