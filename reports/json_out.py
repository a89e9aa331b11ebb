"""Canonical report JSON: sorted keys, UTF-8, two-space indent, newline-terminated, no floats.

The same data always gives the same bytes, so the digest in the signed statement is stable and
a reviewer can diff two reports. Floats are refused: percentages are decimal strings.
"""

from __future__ import annotations

import json
from typing import Any

from auditor.errors import AuditorError


def _check(value: Any, path: str) -> None:
    if isinstance(value, float):
        raise AuditorError(f"report field {path} is a float; use an int or a decimal string")
    if isinstance(value, dict):
        for k, v in value.items():
            if not isinstance(k, str):
                raise AuditorError(f"report field {path} has a non-string key")
            _check(v, f"{path}.{k}")
    elif isinstance(value, list | tuple):
        for i, v in enumerate(value):
            _check(v, f"{path}[{i}]")
    elif not (value is None or isinstance(value, bool | int | str)):
        raise AuditorError(f"report field {path} has type {type(value).__name__}")


def dumps(data: dict[str, Any]) -> bytes:
    _check(data, "$")
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, indent=2, allow_nan=False)
    return (text + "\n").encode("utf-8")
