"""File references: how the API names the export file a PHI finding was found in.

Export file names often carry a patient's name (``Smith_John_discharge.pdf``), so the API
does not pass them on by default: a PHI finding's ``source`` is ``file:<16 hex>.<ext>``, a
keyed HMAC of the full path (the home's fingerprint secret; stable across scans, so findings
group by file, and not reversible without the secret) plus the extension, and its
``location`` starts with that reference instead of the path. Roles with ``findings:paths``
(privacy officer, admin) may ask for the full paths with ``paths=full``; that read is audited
as such. Access-log findings name system log files and keep their paths.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import PurePosixPath
from typing import Any

Fingerprint = Callable[[str], str]

_SUFFIX = re.compile(r"\.[a-z0-9]{1,8}")
#: Keys of a document run's summary whose string values are file paths.
_PATH_KEYS = frozenset({"path", "file", "source"})


def file_ref(fingerprint: Fingerprint, path: str) -> str:
    """``file:<16 hex>.<ext>`` for a path ("" stays "")."""
    if not path:
        return ""
    # Hex of the exact bytes: the fingerprinter case-folds, and A.pdf is not a.pdf.
    digest = fingerprint("file:" + path.encode("utf-8", "surrogateescape").hex())[:16]
    suffix = PurePosixPath(path).suffix.lower()
    return f"file:{digest}{suffix if _SUFFIX.fullmatch(suffix) else ''}"


def redact_finding(item: dict[str, Any], fingerprint: Fingerprint) -> dict[str, Any]:
    """A finding as ``finding_json`` gives it, with its file named by reference (PHI only)."""
    source = str(item.get("source") or "")
    if item.get("kind") != "phi" or not source:
        return item
    ref = file_ref(fingerprint, source)
    location = str(item.get("location") or "")
    if location.startswith(source):
        location = ref + location[len(source) :]
    elif location:
        location = ref
    explanation = str(item.get("explanation") or "").replace(source, ref)
    return {**item, "source": ref, "location": location, "explanation": explanation}


def redact_summary(value: Any, fingerprint: Fingerprint, key: str = "") -> Any:
    """A document run's summary with every file path replaced by its reference."""
    if isinstance(value, dict):
        return {k: redact_summary(v, fingerprint, str(k)) for k, v in value.items()}
    if isinstance(value, list):
        return [redact_summary(v, fingerprint, key) for v in value]
    if isinstance(value, str) and key in _PATH_KEYS:
        return file_ref(fingerprint, value)
    return value
