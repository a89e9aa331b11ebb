"""Initials beside a found name: "R. Mbappé", "N. G. Sithole", "Teagan M.", "Mwakyusa, G.",
"kimberly t. (billing)".

A signature, a worklist or a sign-off writes a name with its initials, and the name rules
find the written-out part; an initial left beside a replaced name keeps a piece of it (and
tells a reader which letter the name began with). Found after the engine, from the PERSON
spans: the initials right before a span, or right after it (after a comma too), join it.
Not an initial followed by a lower-case word ("Smith E. coli" is an organism), a degree
("Ostrowski, M.D.") nor more than three.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Protocol, TypeVar

# (\Z, not $: "Section B.\nCarmelita" has no initial before the name; nor has "took vit. d.
# pettigrew" after an abbreviation's dot)
_BEFORE = re.compile(
    r"(?<![^\s(\"'|,;:])(?<![^\W\d_]{2}\.[ \t])((?:[^\W\d_]\.[ \t]?){1,3})[ \t]?\Z"
)
_AFTER = re.compile(r",?[ \t]{1,2}((?:[^\W\d_]\.[ \t]?){0,2}[^\W\d_]\.)(?![ \t]*[a-z])(?!\w)")
# A degree or a licence after a name is no initial: "Samuel Ostrowski, M.D.".
_CREDENTIALS = frozenset(
    {"md", "do", "rn", "np", "pa", "od", "dds", "dmd", "dpm", "lpn", "jd", "mb", "bs", "ms", "ma",
     "ba", "pt", "ot", "cna", "rd", "mph", "mba", "msc", "bsc", "dc", "lcsw"}
)  # fmt: skip


class _Span(Protocol):
    @property
    def entity_type(self) -> str: ...

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


S = TypeVar("S", bound=_Span)


def initial_bounds(
    text: str, spans: Iterable[S], kind: str = "PERSON"
) -> Iterator[tuple[S, int, int]]:
    """Each ``kind`` span with initials beside it, and its bounds with them."""
    for span in spans:
        if span.entity_type != kind:
            continue
        start, end = span.start, span.end
        before = _BEFORE.search(text, max(0, start - 12), start)
        if before is not None:
            start = before.start(1)
        after = _AFTER.match(text, end)
        letters = "".join(c for c in after.group(1) if c.isalpha()).lower() if after else ""
        if after is not None and letters not in _CREDENTIALS:
            end = after.end(1)
        if (start, end) != (span.start, span.end):
            yield span, start, end
