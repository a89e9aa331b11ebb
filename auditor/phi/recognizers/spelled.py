"""A word spelled out letter by letter right after it: "ruth ann bielski b i e l s k i",
"NGUYEN, N-G-U-Y-E-N", "Okafor (O. K. A. F. O. R.)".

Callers and dictations spell a name, a street or a town so that it is written right; the
letters identify exactly as the word does. Found after the engine, from the spans already
found: a found span is extended over the letters that spell its last word (three letters at
least, so "A B" after "Dr AB" is not read as spelling).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import TypeVar

from auditor.phi.entities import TypedSpan

# The letters: one at a time, apart by blanks, dashes or dots, after an optional comma,
# colon or bracket ("bielski b i e l s k i", "Nguyen, N-G-U-Y-E-N", "Ames (A.M.E.S.)").
_SPELLING = re.compile(
    r"[ \t]*+[,:(]?[ \t]*+"  # (possessive: a run of blanks is read once)
    r"(?P<letters>[^\W\d_](?:(?:[ \t]*+[.-][ \t]*+|[ \t]++)[^\W\d_](?![^\W\d_])){2,30}\.?)"
)
_LAST_WORD = re.compile(r"([^\W\d_]+(?:['’-][^\W\d_]+)*)\W*$")


S = TypeVar("S", bound=TypedSpan)


def spelled_ends(text: str, spans: Iterable[S]) -> Iterator[tuple[S, int]]:
    """Each span whose last word is spelled out right after it, with where the letters end."""
    for span in spans:
        # (the letters first: they fail at once after most spans, and the last word's search
        # tries every position of the span)
        m = _SPELLING.match(text, span.end)
        if m is None:
            continue
        word = _LAST_WORD.search(text, span.start, span.end)
        if word is None:
            continue
        letters = "".join(c for c in m.group("letters") if c.isalpha())
        plain = "".join(c for c in word.group(1) if c.isalpha())
        if len(letters) >= 3 and letters.casefold() == plain.casefold():
            yield span, m.end("letters")
