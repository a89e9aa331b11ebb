"""Structured daemon logs: ``key=value`` text or JSON lines, never PHI.

Log calls pass ids, counts and job names in ``extra={"fields": {...}}``; messages are fixed
strings. Paths are not PHI here (they are configured folders), matched values never appear.
"""

from __future__ import annotations

import json
import logging
import sys
from datetime import UTC, datetime
from typing import Any

LOGGER_NAME = "auditor.daemon"
API_LOGGER_NAME = "auditor.api"


def _fields(record: logging.LogRecord) -> dict[str, Any]:
    fields = getattr(record, "fields", None)
    return dict(fields) if isinstance(fields, dict) else {}


class JsonLinesFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        out: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": record.getMessage(),
        }
        out.update(_fields(record))
        if record.exc_info and record.exc_info[0] is not None:
            # The exception type only: messages of foreign exceptions could quote data.
            out["exc_type"] = record.exc_info[0].__name__
        return json.dumps(out, default=str, sort_keys=True)


class KeyValueFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        ts = datetime.fromtimestamp(record.created, UTC).isoformat(timespec="seconds")
        extra = " ".join(f"{k}={v}" for k, v in sorted(_fields(record).items()))
        line = f"{ts} {record.levelname.lower()} {record.name}: {record.getMessage()}"
        if record.exc_info and record.exc_info[0] is not None:
            extra = f"{extra} exc_type={record.exc_info[0].__name__}".strip()
        return f"{line} {extra}".rstrip()


def configure(json_lines: bool, level: int = logging.INFO) -> logging.Logger:
    """One handler on stderr for the daemon's and the API's loggers (idempotent)."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonLinesFormatter() if json_lines else KeyValueFormatter())
    for name in (LOGGER_NAME, API_LOGGER_NAME, "apscheduler"):
        logger = logging.getLogger(name)
        for old in list(logger.handlers):
            logger.removeHandler(old)
        logger.addHandler(handler)
        logger.propagate = False
        logger.setLevel(logging.WARNING if name == "apscheduler" else level)
    return logging.getLogger(LOGGER_NAME)


def event(logger: logging.Logger, msg: str, level: int = logging.INFO, **fields: Any) -> None:
    logger.log(level, msg, extra={"fields": fields})
