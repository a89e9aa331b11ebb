"""Where a de-identification run reads and writes: checked before any work, walked once.

Inputs are never written to: the output folder may not be inside an input (nor an input
inside it), and the re-identification map may be inside neither. Links below an input are
never followed (an export must not pull files in from elsewhere).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from auditor.errors import InputError
from auditor.scanners.files import LINK_NOT_FOLLOWED, NOT_REGULAR, Links, SkippedPath, walk_files

__all__ = ["Job", "check_paths", "walk_inputs"]

_NOT_REGULAR = "not a regular file (link, fifo, device)"


@dataclass(frozen=True)
class Job:
    src: Path
    rel: Path  # relative output path (names de-identified later)


def _inside(child: Path, parent: Path) -> bool:
    return child == parent or parent in child.parents


def check_paths(inputs: Sequence[Path], out: Path, reid_map: Path | None) -> None:
    """Refuse any layout where writing the output could touch an input (fail before work)."""
    if not inputs:
        raise InputError("no input files or folders given")
    if out.exists() and not out.is_dir():
        raise InputError("output exists and is not a folder", file=str(out))
    for inp in inputs:
        if not inp.exists():
            raise InputError("input does not exist", file=str(inp))
        if _inside(out, inp):
            raise InputError(
                "output folder is inside the input (or is the input); choose a folder outside it",
                file=str(out),
            )
        if _inside(inp, out):
            raise InputError("input is inside the output folder", file=str(inp))
    if reid_map is not None:
        if _inside(reid_map, out):
            raise InputError(
                "the re-identification map must not be inside the output folder "
                "(it would travel with the data)",
                file=str(reid_map),
            )
        for inp in inputs:
            if _inside(reid_map, inp):
                raise InputError(
                    "the re-identification map must not be inside an input", file=str(reid_map)
                )


def walk_inputs(inputs: Sequence[Path]) -> tuple[list[Job], list[tuple[str, str]]]:
    """Files in a deterministic order; one folder input mirrors its contents at the top.

    Links below an input are never followed (an export must not pull files in from elsewhere).
    """
    jobs: list[Job] = []
    skipped: list[tuple[str, str]] = []
    names: set[Path] = set()
    single_dir = len(inputs) == 1 and inputs[0].is_dir()
    for inp in inputs:
        base = Path() if single_dir else Path(inp.name)
        if inp.is_file():
            jobs.append(Job(inp, Path(inp.name)))
            continue
        for item in walk_files([inp], links=Links.NEVER, unique=False):
            rel = base / Path(item.path).relative_to(inp)
            if isinstance(item, SkippedPath):
                legacy = item.reason in (NOT_REGULAR, LINK_NOT_FOLLOWED)
                skipped.append((rel.as_posix(), _NOT_REGULAR if legacy else item.reason))
                continue
            jobs.append(Job(item.path, rel))
    for job in jobs:
        if job.rel in names:
            raise InputError("two inputs map to the same output path", file=str(job.src))
        names.add(job.rel)
    return jobs, skipped
