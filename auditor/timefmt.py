"""ISO-8601 instants as the project writes and reads them: UTC written with a ``Z``.

One pair, so every stored, signed or printed instant has the same shape. Python 3.11's
``datetime.fromisoformat`` reads the ``Z`` suffix itself; only the writing side needs help.
"""

from __future__ import annotations

from datetime import datetime

__all__ = ["ANY_OFFSET", "VALID_OFFSET", "iso_z", "parse_iso"]

# A UTC offset that exists: at most 14:00 either way (xs:dateTime, FHIR ``instant``), minutes
# 00-59, or ``Z``. Plain ``[0-9]`` so that Python ``re`` and DuckDB (RE2) read it alike; every
# reader of timestamps checks offsets with it (an impossible one is refused, never moved).
VALID_OFFSET = r"(?:Z|z|[+-](?:(?:0[0-9]|1[0-3])(?::?[0-5][0-9])?|14(?::?00)?))"
# What looks like an offset, valid or not (``+25:00``, ``-05:60``, ``+99``).
ANY_OFFSET = r"(?:Z|z|[+-][0-9]{2}(?::?[0-9]{2})?)"


def iso_z(dt: datetime) -> str:
    """``dt.isoformat()`` with a UTC offset written as ``Z`` (other offsets kept as they are)."""
    text = dt.isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def parse_iso(text: str) -> datetime:
    """An ISO-8601 date-time, ``Z`` accepted; a bad one raises ``ValueError``."""
    return datetime.fromisoformat(text)
