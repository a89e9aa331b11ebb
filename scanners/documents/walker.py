"""Document files to scan: the shared tree walk, plus the extractor each file needs.

The walk itself (order, links, loops, repeats, fifos) is ``auditor.scanners.files``; document
scans from the command line follow every symbolic link (loops and repeats are still skipped
with a reason), requests from others only links that stay inside the named folders. Here a
file also needs a registered extractor and read permission, or it is skipped with a reason.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from auditor.scanners.documents import DocumentScanner, scanner_for
from auditor.scanners.files import Links, SkippedPath, walk_files

__all__ = ["FileEntry", "SkippedPath", "walk"]


@dataclass(frozen=True, slots=True)
class FileEntry:
    path: Path
    size: int
    mtime_ns: int
    scanner: DocumentScanner


def walk(paths: Sequence[Path], links: Links = Links.FOLLOW) -> Iterator[FileEntry | SkippedPath]:
    """Files under ``paths``; ``links=WITHIN`` for requests from others (API, daemon), whose
    named folders may hold links placed to reach files outside the allowed roots."""
    for item in walk_files(paths, links=links):
        if isinstance(item, SkippedPath):
            yield item
            continue
        scanner = scanner_for(item.path)
        if scanner is None:
            suffix = item.path.suffix.lower() or "(none)"
            yield SkippedPath(str(item.path), f"unsupported file type {suffix}")
            continue
        if not os.access(item.path, os.R_OK):
            yield SkippedPath(str(item.path), "permission denied")
            continue
        yield FileEntry(path=item.path, size=item.size, mtime_ns=item.mtime_ns, scanner=scanner)
