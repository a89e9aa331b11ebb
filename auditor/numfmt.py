"""The one way a count is shown to a person: thousands separated by commas, a dash for none.

The weekly report (HTML, PDF), the CLI summaries and tables all format counts with
``count``, so "5,006 read" in a terminal and "5,006" in a signed report read the same. JSON
keeps plain integers (it is read by programs).
"""

from __future__ import annotations

from typing import Any

NONE = "—"


def count(value: Any) -> str:
    """``1234`` -> ``"1,234"``; ``None`` or ``""`` -> ``"—"``; anything else as it is."""
    if value is None or value == "":
        return NONE
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return str(value)
