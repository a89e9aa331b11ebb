"""Files and folders to scan, in a deterministic order, with a reason for every skip.

Folders are walked depth first with entries sorted by name. Symbolic links are followed,
but a folder already on the current path (a loop) or already walked, and a file already
listed (through another link), are skipped with a reason. Fifos, sockets and devices are
never opened (reading a fifo would block the run).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from auditor.scanners.documents import DocumentScanner, scanner_for


@dataclass(frozen=True, slots=True)
class FileEntry:
    path: Path
    size: int
    mtime_ns: int
    scanner: DocumentScanner


@dataclass(frozen=True, slots=True)
class SkippedPath:
    path: str
    reason: str


def walk(paths: Sequence[Path]) -> Iterator[FileEntry | SkippedPath]:
    seen_files: dict[tuple[int, int], str] = {}
    seen_dirs: set[tuple[int, int]] = set()
    for path in paths:
        yield from _walk_one(Path(path), seen_files, seen_dirs, ())


def _walk_one(
    path: Path,
    seen_files: dict[tuple[int, int], str],
    seen_dirs: set[tuple[int, int]],
    ancestors: tuple[tuple[int, int], ...],
) -> Iterator[FileEntry | SkippedPath]:
    try:
        st = path.stat()
    except FileNotFoundError:
        reason = "broken symbolic link" if path.is_symlink() else "not found"
        yield SkippedPath(str(path), reason)
        return
    except OSError as exc:
        yield SkippedPath(str(path), f"cannot stat ({_os_reason(exc)})")
        return
    ident = (st.st_dev, st.st_ino)
    if stat.S_ISDIR(st.st_mode):
        if ident in ancestors:
            yield SkippedPath(str(path), "symbolic link loop")
            return
        if ident in seen_dirs:
            yield SkippedPath(str(path), "folder already scanned through another path")
            return
        seen_dirs.add(ident)
        try:
            with os.scandir(path) as it:
                names = sorted(entry.name for entry in it)
        except OSError as exc:
            yield SkippedPath(str(path), f"cannot list folder ({_os_reason(exc)})")
            return
        for name in names:
            yield from _walk_one(path / name, seen_files, seen_dirs, (*ancestors, ident))
        return
    if not stat.S_ISREG(st.st_mode):
        yield SkippedPath(str(path), "not a regular file")
        return
    if ident in seen_files:
        yield SkippedPath(str(path), f"same file as {seen_files[ident]}")
        return
    seen_files[ident] = str(path)
    scanner = scanner_for(path)
    if scanner is None:
        suffix = path.suffix.lower() or "(none)"
        yield SkippedPath(str(path), f"unsupported file type {suffix}")
        return
    if not os.access(path, os.R_OK):
        yield SkippedPath(str(path), "permission denied")
        return
    yield FileEntry(path=path, size=st.st_size, mtime_ns=st.st_mtime_ns, scanner=scanner)


def _os_reason(exc: OSError) -> str:
    return exc.strerror or exc.__class__.__name__
