"""``--format auto``: look at the head of a file and pick the parser whose signature matches."""

from __future__ import annotations

from pathlib import Path

from auditor.errors import InputError

HEAD_BYTES = 8192


def read_head(path: Path) -> str:
    try:
        with path.open("rb") as fh:
            return fh.read(HEAD_BYTES).decode("utf-8", errors="replace").lstrip("\ufeff")
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", file=str(path)) from exc


def sniff_format(path: Path) -> str:
    """Name of the registered parser for this file; an input error when none fits."""
    from auditor.scanners.access_logs import PARSERS

    head = read_head(path)
    if not head.strip():
        return "csv"  # empty: nothing to read, any parser accounts for zero records
    for name, spec in PARSERS.items():
        if spec.sniff(head):
            return name
    raise InputError(
        "cannot tell the access-log format; pass --format (csv, epic, fhir, atna, mapping:FILE)",
        file=str(path),
        line=1,
    )
