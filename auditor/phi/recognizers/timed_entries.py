"""The clock times that open a narrative's lines: "1930 Received from Jocelyn RN", "0100 Red
River Police attended", "1130 Passing Duck Lake, stable".

Nursing, transport and flight notes write the hour first on each line. Four such digits look
like a year ("1930", "2000"), a house number before a capitalised word ("0100 Red River") or
the start of a phone number; where two lines or more of a text open so, each is the entry's
time, and the rules for those kinds leave it alone.
"""

from __future__ import annotations

import re
from functools import lru_cache

# An hour and its minutes opening a line, then the entry's words (a dash or colon may part
# them: "2000 - Telemetry box on", "0715: Family at bedside").
_ENTRY = re.compile(r"(?m)^[ \t]*((?:[01]\d|2[0-3])[0-5]\d)(?=[ \t]+(?:[-–:][ \t]*)?[A-Za-z(])")


@lru_cache(maxsize=16)
def entry_times(text: str) -> frozenset[int]:
    """Where each line-opening clock time starts, when two lines of ``text`` or more open
    with one (otherwise none: a single such line may be a year or an address)."""
    if "\n" not in text:
        return frozenset()
    starts = [m.start(1) for m in _ENTRY.finditer(text)]
    return frozenset(starts) if len(starts) >= 2 else frozenset()
