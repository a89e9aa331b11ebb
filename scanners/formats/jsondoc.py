"""JSON documents and JSON Lines as the scanner and the de-identification writer both read them.

A ``.json`` file is decoded by ``encoding.read_text`` and parsed whole; a JSON Lines file is
read line by line, each line keeping its ending and its 1-based number, and a line that does
not parse is handed back with the error rather than dropped (the callers scan or
de-identify it as plain text). RFC 6901 pointers name where a value lives.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["JsonLine", "is_json_lines", "iter_json_lines", "pointer_token"]


@dataclass(frozen=True, slots=True)
class JsonLine:
    number: int  # 1-based physical line
    body: str  # the line without its ending
    ending: str
    value: Any = None  # the parsed value, when ``error`` is None
    error: json.JSONDecodeError | RecursionError | None = None

    @property
    def blank(self) -> bool:
        return not self.body.strip()

    @property
    def text(self) -> str:
        return self.body + self.ending


def iter_json_lines(path: Path, encoding: str) -> Iterator[JsonLine]:
    """Every line of a JSON Lines file; blank lines are not parsed."""
    with path.open(encoding=encoding, newline="") as fh:
        for number, line in enumerate(fh, start=1):
            body = line.rstrip("\r\n")
            ending = line[len(body) :]
            if not body.strip():
                yield JsonLine(number, body, ending)
                continue
            try:
                value = json.loads(body)
            except (json.JSONDecodeError, RecursionError) as exc:
                yield JsonLine(number, body, ending, error=exc)
                continue
            yield JsonLine(number, body, ending, value)


def is_json_lines(raw: str) -> bool:
    """Every non-blank line parses on its own (NDJSON saved as .json)."""
    try:
        for line in raw.splitlines():
            if line.strip():
                json.loads(line)
    except json.JSONDecodeError:
        return False
    return True


def pointer_token(key: str | int) -> str:
    """RFC 6901 escaping of one reference token."""
    return str(key).replace("~", "~0").replace("/", "~1")
