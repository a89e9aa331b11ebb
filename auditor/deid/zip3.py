"""ZIP codes under Safe Harbor: keep the first three digits unless that area is too small.

The restricted prefixes are data (``data/restricted_zip3.txt``, with its HHS source), so a
site can check them against the guidance without reading code.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

RESTRICTED_FILE = "restricted_zip3.txt"
# (a suffix after the dash goes with it, four digits or Brazil's three: "30160-031" -> "301")
_ZIP = re.compile(r"(?<!\d)(\d{3})\d{2}(?:-\d{3,4}|[ ]?\d{4})?(?!\d)")


@lru_cache(maxsize=1)
def restricted_zip3() -> frozenset[str]:
    """The three-digit prefixes whose population is 20,000 or fewer (2000 and 2010 Census)."""
    text = resources.files("auditor.deid").joinpath("data", RESTRICTED_FILE).read_text("utf-8")
    out = set()
    for raw in text.splitlines():
        line = raw.strip()
        if line and not line.startswith("#"):
            if not re.fullmatch(r"\d{3}", line):
                raise ValueError(f"{RESTRICTED_FILE}: bad prefix line {line!r}")
            out.add(line)
    return frozenset(out)


def generalise_zip(value: str) -> str | None:
    """``02139-4307`` -> ``021``; a restricted prefix -> ``000``; None if no ZIP is present.

    Text around the ZIP (``MA 02139``) is kept, so the operator works on spans and cells alike.
    """
    match = _ZIP.search(value)
    if match is None:
        return None
    prefix = match.group(1)
    if prefix in restricted_zip3():
        prefix = "000"
    return value[: match.start()] + prefix + value[match.end() :]
