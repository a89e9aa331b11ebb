"""What the binary extractors (PDF, DOCX) share: a size cap, and one way to say "unreadable".

Both formats are parsed whole by a library, so a file over ``max_whole_file_bytes`` is
refused before it is opened, and whatever the library raises while opening becomes an
``InputError`` that names the exception class only (its message may quote the file).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from auditor.errors import InputError
from auditor.scanners.documents.units import ExtractOptions

T = TypeVar("T")


def open_whole(
    source: Path,
    ctx: ExtractOptions,
    label: str,
    opener: Callable[[Path], T],
    errors: tuple[type[Exception], ...],
) -> T:
    """``opener(source)``, or an ``InputError`` when too large or when it raises ``errors``."""
    src = str(source)
    if source.stat().st_size > ctx.max_whole_file_bytes:
        raise InputError(f"{label} larger than {ctx.max_whole_file_bytes} bytes", file=src)
    try:
        return opener(source)
    except InputError:
        raise
    except errors as exc:
        raise InputError(f"unreadable {label} ({exc.__class__.__name__})", file=src) from None
