"""XHTML narrative (FHIR ``text.div``) to plain text, keeping a map back to raw offsets.

Tags become a space (a line break for block elements) and entities their character, so the
PHI engine reads natural text; ``starts[i]``/``ends[i]`` are where ``text[i]`` came from in the
raw markup, so findings index the stored ``div`` string.
"""

from __future__ import annotations

import html
import re

_TOKEN = re.compile(
    r"<!--.*?-->|<[^>]*>|&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);", re.S
)
_BLOCK = re.compile(
    r"</?(?:p|div|br|tr|li|ul|ol|table|h[1-6]|pre|blockquote|dt|dd|hr)\b", re.IGNORECASE
)


def strip_markup(raw: str) -> tuple[str, tuple[int, ...], tuple[int, ...]]:
    """(plain text, raw start and raw end of each plain character)."""
    out: list[str] = []
    offsets: list[int] = []
    ends: list[int] = []
    pos = 0
    for match in _TOKEN.finditer(raw):
        start, end = match.span()
        out.append(raw[pos:start])
        offsets.extend(range(pos, start))
        ends.extend(range(pos + 1, start + 1))
        token = match.group(0)
        if token.startswith("&"):
            repl = html.unescape(token)
        elif token.startswith("<!--"):
            repl = " "
        else:
            repl = "\n" if _BLOCK.match(token) else " "
        out.append(repl)
        offsets.extend([start] * len(repl))
        ends.extend([end] * len(repl))
        pos = end
    out.append(raw[pos:])
    offsets.extend(range(pos, len(raw)))
    ends.extend(range(pos + 1, len(raw) + 1))
    return "".join(out), tuple(offsets), tuple(ends)
