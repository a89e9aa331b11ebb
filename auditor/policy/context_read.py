"""Reading a context CSV as DuckDB can: mixed line endings mended, failures said plainly.

DuckDB's strict CSV reader refuses a file whose lines end in CRLF and LF both (a line added
in another editor), and its errors name an exception class or quote the row. A mixed file
is read from a copy with CRLF made LF (the same lines, so the same line numbers); a file
that cannot be parsed gets one line with file, line (when known) and a plain reason.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from auditor.errors import InputError

_CHUNK = 1 << 20


def _mixed_line_endings(path: Path) -> bool:
    """Both CRLF and a bare LF: one line added in another editor (DuckDB's reader refuses)."""
    crlf = lf = False
    last = b""
    with path.open("rb") as fh:
        while chunk := fh.read(_CHUNK):
            data = last + chunk
            n_crlf = data.count(b"\r\n")
            crlf = crlf or n_crlf > 0
            lf = lf or data.count(b"\n") > n_crlf
            if crlf and lf:
                return True
            last = chunk[-1:]
            if last == b"\n":
                last = b""  # counted already
    return False


@contextmanager
def readable_copy(con: duckdb.DuckDBPyConnection, path: Path) -> Iterator[Path]:
    """``path``, or when its line endings are mixed a copy with CRLF made LF (same lines,
    same line numbers) in the scan's own spill folder, removed afterwards."""
    spill = con.execute("SELECT current_setting('temp_directory')").fetchone()
    folder = Path(str(spill[0])) if spill and spill[0] else None
    if folder is None or not folder.is_absolute() or not _mixed_line_endings(path):
        yield path
        return
    folder.mkdir(parents=True, exist_ok=True)
    copy = folder / f"context-{path.name}"
    fd = os.open(copy, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "wb") as out, path.open("rb") as src:
            pending = b""
            while chunk := src.read(_CHUNK):
                data = pending + chunk
                pending = b"\r" if data.endswith(b"\r") else b""
                out.write(data[: len(data) - len(pending)].replace(b"\r\n", b"\n"))
            out.write(pending)
        yield copy
    finally:
        copy.unlink(missing_ok=True)


_DUCKDB_LINE = re.compile(r"\bLine: (\d+)")


def unreadable(path: Path, exc: duckdb.Error) -> InputError:
    """A plain reason (and the line, when DuckDB names one) for a context CSV that cannot be
    parsed; DuckDB's own text may quote the row, so only fixed phrases are passed on."""
    text = str(exc)
    found = _DUCKDB_LINE.search(text)
    line = int(found.group(1)) if found else None
    if _mixed_line_endings(path):
        reason = "its lines end in both CRLF and LF (save it with one kind of line ending)"
    elif "sniffing file" in text:
        reason = (
            "its CSV layout could not be detected"
            " (expected ',' between fields, '\"' quotes, a header row)"
        )
    elif "Invalid unicode" in text or "UTF-8" in text or "utf-8" in text:
        reason = "it is not UTF-8 text"
    elif "Expected Number of Columns" in text or "columns" in text.lower():
        reason = "a row has a different number of fields than the header"
    elif "quote" in text.lower():
        reason = "a quoted field is not closed"
    else:
        reason = f"it is not a readable CSV file ({type(exc).__name__})"
    return InputError(f"cannot read context CSV: {reason}", file=str(path), line=line)
