"""ISO-8601 instants as the project writes and reads them: UTC written with a ``Z``.

One pair, so every stored, signed or printed instant has the same shape. Python 3.11's
``datetime.fromisoformat`` reads the ``Z`` suffix itself; only the writing side needs help.
"""

from __future__ import annotations

from datetime import datetime

__all__ = ["iso_z", "parse_iso"]


def iso_z(dt: datetime) -> str:
    """``dt.isoformat()`` with a UTC offset written as ``Z`` (other offsets kept as they are)."""
    text = dt.isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def parse_iso(text: str) -> datetime:
    """An ISO-8601 date-time, ``Z`` accepted; a bad one raises ``ValueError``."""
    return datetime.fromisoformat(text)
