"""Quarantine: every record a parser cannot use is kept with file, line and reason.

Nothing is silently dropped and nothing bad is fatal. The quarantine file lives under the
home (mode 0600) because it holds the raw record a person needs to fix the source.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path
from typing import IO

MAX_RAW = 4096


class Quarantine:
    """Append-only JSONL of bad records for one run; opened lazily, counted always."""

    def __init__(self, directory: Path, run_id: str, *, prefix: str = "access") -> None:
        self.path = directory / f"{prefix}-{run_id}.jsonl"
        self.count = 0
        self.by_reason: Counter[str] = Counter()
        self._fh: IO[str] | None = None

    def add(self, file: str, line: int, reason: str, raw: str = "", field: str = "") -> None:
        if self._fh is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
            self._fh = os.fdopen(fd, "a", encoding="utf-8")
        record = {"file": file, "line": line, "reason": reason, "field": field}
        record["record"] = raw[:MAX_RAW]
        self._fh.write(json.dumps(record, ensure_ascii=False) + "\n")
        self.count += 1
        self.by_reason[_reason_key(reason)] += 1

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None

    def __enter__(self) -> Quarantine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _reason_key(reason: str) -> str:
    """Group reasons for the summary (``missing user id in 'user_id'`` stays as is; the
    allowed values after an unknown action are left out)."""
    return reason.split(" (allowed", 1)[0].split(":", 1)[0][:80]
