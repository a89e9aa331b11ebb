"""Terminal-safe text: values read from input files, escaped before a terminal sees them.

A user id in a log such as ``ESC]0;title BEL`` or ``ESC[2J`` would retitle or clear the
officer's terminal, and a bidi override (U+202E) reorders what is shown. Every value the CLI
prints from an input file (ids, record types, explanations, file names) goes through
``visible``: C0 controls, DEL, C1 controls and the bidi embedding/override/isolate characters
are shown as escapes (``\\x1b``, ``\\u202e``); tab and newline too, since a table cell or one
summary line must stay one line. Everything else, other scripts included, is printed as is.
"""

from __future__ import annotations

import re

_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def visible(value: object) -> str:
    """``str(value)`` with every terminal control character shown as an escape."""
    text = str(value)
    return _UNSAFE.sub(_escape, text) if _UNSAFE.search(text) else text
