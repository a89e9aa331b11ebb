"""The persisted window carry as Parquet parts and a manifest, shared by both engines.

A scan's window rules continue from the recent events of earlier scans (``carry_hours``
before the newest). They are persisted as **parts**: each checkpoint writes one Parquet file
holding only the events the carry took since the last part (each carried event has a key
``k`` below every key in use, so "since the last part" is "below the last part's lowest
key"), and a **manifest** lists the live parts and the cutoff instant before which carried
events are forgotten. A part wholly older than the cutoff leaves the manifest, and its file
is deleted once the manifest without it is committed. A checkpoint then costs what its
segment added, not what the carry holds (the whole carry rewritten at every checkpoint was
15.3 s of a 10M-event scan, issue #17).

The manifest is committed by the caller in the same store transaction as the scan's file
checkpoint (``services.access_segments``), so a crash leaves either the old manifest with
the old position or the new with the new: a part written before a crash and never committed
is no one's, and is deleted later (``stray``). Readers take an older single-file carry
(``LEGACY_FILE``) as the whole carry; the first checkpoint after it writes it as a part.

Every part has the same columns, in the DuckDB engine's types: ``k, ekey, source`` and the
stored view columns (``engine.stored_columns``), as the single file had.
"""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

#: The folder of parts, under the home's checkpoints folder.
PARTS_DIR = "access-carry"
#: The carry as one Parquet file, as versions before the parts wrote it (read, then deleted).
LEGACY_FILE = "access-carry.parquet"
#: A checkpoint whose manifest holds this many parts writes the whole carry as one part
#: instead (the others retire): a daemon checkpointing every few minutes would otherwise
#: leave thousands of small files for the next scan to open. Amortised: the whole carry is
#: written once per this many checkpoints.
MAX_PARTS = 64
#: Parts no manifest names are deleted once this old (a crash's; a concurrent scan's new
#: parts are younger).
STRAY_SECONDS = 24 * 3600


@dataclass(frozen=True)
class Part:
    """One Parquet file of carried events: its rows, key range and instants (microseconds)."""

    name: str
    rows: int
    low: int
    high: int
    oldest: int
    newest: int

    def as_meta(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "rows": self.rows,
            "low": self.low,
            "high": self.high,
            "oldest": self.oldest,
            "newest": self.newest,
        }


@dataclass(frozen=True)
class Manifest:
    """The persisted carry: its parts (in the order written) and the cutoff (microseconds
    since the epoch; events before it are not carried). ``legacy``: an older single-file
    carry, read whole, when no manifest was committed yet."""

    folder: Path
    parts: tuple[Part, ...] = ()
    cutoff: int | None = None
    legacy: Path | None = field(default=None)

    def files(self) -> list[Path]:
        """The Parquet files that hold the carry (cut at ``cutoff`` when read)."""
        if self.legacy is not None:
            return [self.legacy]
        return [self.folder / p.name for p in self.parts]

    @property
    def floor(self) -> int | None:
        """The lowest key any part holds (None without parts): new keys go below it."""
        return min((p.low for p in self.parts), default=None)

    def as_meta(self) -> dict[str, Any]:
        """The manifest as the store's checkpoint meta (JSON)."""
        return {"version": 1, "cutoff": self.cutoff, "parts": [p.as_meta() for p in self.parts]}

    @classmethod
    def from_meta(cls, folder: Path, meta: Mapping[str, Any]) -> Manifest:
        parts = tuple(
            Part(
                str(p["name"]),
                int(p["rows"]),
                int(p["low"]),
                int(p["high"]),
                int(p["oldest"]),
                int(p["newest"]),
            )
            for p in meta.get("parts", [])
        )
        cutoff = meta.get("cutoff")
        return cls(folder, parts, None if cutoff is None else int(cutoff))

    def adding(self, part: Part | None, newest: int | None, hours: int) -> Manifest:
        """This manifest with ``part`` (None: nothing new) and the cutoff ``hours`` before
        ``newest`` (the carry's newest instant, microseconds); parts wholly before the cutoff
        leave it. A legacy file is no part: the caller wrote its events into ``part``."""
        parts = [*self.parts, *([part] if part is not None and part.rows else [])]
        cutoff = self.cutoff
        if newest is not None:
            now = newest - int(hours) * 3_600_000_000
            cutoff = now if cutoff is None else max(cutoff, now)
            parts = [p for p in parts if p.newest >= cutoff]
        return Manifest(self.folder, tuple(parts), cutoff)


def new_part_path(folder: Path) -> Path:
    """A fresh part's path: a name no other scan or checkpoint uses."""
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"part-{time.strftime('%Y%m%d%H%M%S')}-{uuid.uuid4().hex[:12]}.parquet"


def sync(path: Path) -> None:
    """Make a written part durable before a manifest naming it is committed."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    try:
        dfd = os.open(path.parent, os.O_RDONLY)
    except OSError:  # a platform without directory handles
        return
    try:
        os.fsync(dfd)
    finally:
        os.close(dfd)


def retire(before: Manifest, after: Manifest) -> None:
    """Once ``after`` is committed: delete the parts ``before`` named and ``after`` does not
    (wholly expired), and a legacy single file ``after`` replaced."""
    keep = {p.name for p in after.parts}
    for part in before.parts:
        if part.name not in keep:
            (before.folder / part.name).unlink(missing_ok=True)
    if before.legacy is not None and after.legacy is None:
        before.legacy.unlink(missing_ok=True)


def stray(manifest: Manifest, now: float | None = None) -> list[Path]:
    """Part files in the folder that ``manifest`` does not name and older than
    ``STRAY_SECONDS``: written before a crash and never committed."""
    if not manifest.folder.is_dir():
        return []
    named = {p.name for p in manifest.parts}
    now = time.time() if now is None else now
    out: list[Path] = []
    for path in manifest.folder.glob("part-*.parquet"):
        if path.name in named:
            continue
        try:
            if now - path.stat().st_mtime > STRAY_SECONDS:
                out.append(path)
        except OSError:
            continue
    return out


def delete(paths: Iterable[Path]) -> None:
    for path in paths:
        path.unlink(missing_ok=True)


def whole(manifest: Manifest) -> Manifest:
    """An empty manifest in the same folder: the carry starts afresh (a pack change)."""
    return replace(manifest, parts=(), cutoff=None, legacy=None)
