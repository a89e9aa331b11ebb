"""The one tree walker: files under the given roots, in a deterministic order, every skip explained.

Document scans, access-log scans, the daemon's configured sources and de-identification all
walk trees through here, so they agree on order, hidden entries and symbolic links:

- folders are walked depth first with entries sorted by name;
- hidden entries (a name starting with ``.``) below a root are skipped when asked, by the
  entry's own name only: a hidden folder the user names as a root (``~/.logs/ehr``) is walked;
- symbolic links below a root follow ``links``: every one (``FOLLOW``), only those whose
  target stays inside the roots (``WITHIN``, the default), or none (``NEVER``). A folder
  already on the current path (a loop) or already walked, and a file already listed, are
  skipped with a reason unless ``unique`` is off;
- fifos, sockets and devices are never opened (reading a fifo would block the run).

Skips carry a reason and a path, never file content.
"""

from __future__ import annotations

import glob
import os
import stat
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

__all__ = [
    "LINK_NOT_FOLLOWED",
    "NOT_REGULAR",
    "FoundFile",
    "Links",
    "SkippedPath",
    "expand_globs",
    "walk_files",
]

NOT_REGULAR = "not a regular file"
LINK_NOT_FOLLOWED = "symbolic link not followed"
LINK_LEAVES_ROOTS = "symbolic link leads outside the scanned folders"
_GLOB_CHARS = frozenset("*?[")


class Links(StrEnum):
    """Which symbolic links below a root are followed (a root itself is always followed)."""

    FOLLOW = "follow"
    WITHIN = "within"
    NEVER = "never"


@dataclass(frozen=True, slots=True)
class FoundFile:
    path: Path
    root: Path  # the root it was found under (a file given as a root is its own root)
    size: int
    mtime_ns: int


@dataclass(frozen=True, slots=True)
class SkippedPath:
    path: str
    reason: str


def expand_globs(patterns: Iterable[str | Path]) -> list[Path]:
    """``~`` expanded; a pattern with ``*``, ``?`` or ``[`` becomes its sorted matches."""
    out: list[Path] = []
    for pattern in patterns:
        raw = str(Path(pattern).expanduser())
        if _GLOB_CHARS & set(raw):
            out.extend(Path(p) for p in sorted(glob.glob(raw, recursive=True)))
        else:
            out.append(Path(raw))
    return out


def walk_files(
    roots: Sequence[str | Path],
    *,
    links: Links = Links.WITHIN,
    skip_hidden: bool = False,
    globs: bool = False,
    unique: bool = True,
) -> Iterator[FoundFile | SkippedPath]:
    """Regular files under ``roots`` (files or folders), and a reason for everything skipped."""
    paths = expand_globs(roots) if globs else [Path(r) for r in roots]
    walk = _Walk(links, skip_hidden, unique, _resolved(paths) if links is Links.WITHIN else ())
    for path in paths:
        yield from walk.one(path, path, (), is_root=True)


def _resolved(paths: Sequence[Path]) -> tuple[Path, ...]:
    out = []
    for path in paths:
        try:
            out.append(path.resolve())
        except OSError:
            continue
    return tuple(out)


@dataclass
class _Walk:
    links: Links
    skip_hidden: bool
    unique: bool
    inside: tuple[Path, ...]
    seen_files: dict[tuple[int, int], str] = field(default_factory=dict)
    seen_dirs: set[tuple[int, int]] = field(default_factory=set)

    def one(
        self, path: Path, root: Path, ancestors: tuple[tuple[int, int], ...], *, is_root: bool
    ) -> Iterator[FoundFile | SkippedPath]:
        if not is_root and path.is_symlink():
            reason = self._link_refused(path)
            if reason:
                yield SkippedPath(str(path), reason)
                return
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
            yield from self._folder(path, root, ident, ancestors)
            return
        if not stat.S_ISREG(st.st_mode):
            yield SkippedPath(str(path), NOT_REGULAR)
            return
        if self.unique:
            if ident in self.seen_files:
                yield SkippedPath(str(path), f"same file as {self.seen_files[ident]}")
                return
            self.seen_files[ident] = str(path)
        yield FoundFile(path=path, root=root, size=st.st_size, mtime_ns=st.st_mtime_ns)

    def _folder(
        self, path: Path, root: Path, ident: tuple[int, int], ancestors: tuple[tuple[int, int], ...]
    ) -> Iterator[FoundFile | SkippedPath]:
        if ident in ancestors:
            yield SkippedPath(str(path), "symbolic link loop")
            return
        if self.unique:
            if ident in self.seen_dirs:
                yield SkippedPath(str(path), "folder already scanned through another path")
                return
            self.seen_dirs.add(ident)
        try:
            with os.scandir(path) as it:
                names = sorted(entry.name for entry in it)
        except OSError as exc:
            yield SkippedPath(str(path), f"cannot list folder ({_os_reason(exc)})")
            return
        for name in names:
            if self.skip_hidden and name.startswith("."):
                continue
            yield from self.one(path / name, root, (*ancestors, ident), is_root=False)

    def _link_refused(self, path: Path) -> str:
        """Why a link below a root is not followed ("" when it is)."""
        if self.links is Links.FOLLOW:
            return ""
        if self.links is Links.NEVER:
            return LINK_NOT_FOLLOWED
        try:
            target = path.resolve()
        except (OSError, RuntimeError):  # RuntimeError: a link loop (Python 3.11)
            return ""  # let stat() name the problem
        if not target.exists():
            return ""  # broken: stat() says so
        if any(target == r or r in target.parents for r in self.inside):
            return ""
        return LINK_LEAVES_ROOTS


def _os_reason(exc: OSError) -> str:
    return exc.strerror or exc.__class__.__name__
