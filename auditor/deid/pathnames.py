"""De-identified file and folder names: exports are often named after patients.

Each name's stem goes through the same engine and operators as the file contents, so a
patient's name in a file name gets the same surrogate it gets inside the file. Two inputs
whose names de-identify alike ("note_00001" and "note_00002" both cut to "note_000" as ZIP
codes) would overwrite one output: the later one gets a numbered name ("note_000_2.txt").
"""

from __future__ import annotations

from pathlib import Path

from auditor.deid.formats.base import TextAnalyzer
from auditor.deid.operators import Deidentifier

__all__ = ["PathNamer"]


class PathNamer:
    """De-identified relative paths: each file/folder name stem goes through the engine."""

    def __init__(self, deid: Deidentifier, analyzer: TextAnalyzer) -> None:
        self.deid = deid
        self.analyzer = analyzer
        self._cache: dict[str, str] = {}
        self._paths: dict[Path, Path] = {}  # input relative path -> output relative path
        self._taken: set[str] = set()  # outputs given, case-folded (case-blind file systems)

    def part(self, name: str) -> str:
        if name in self._cache:
            return self._cache[name]
        stem, dot, suffix = name.partition(".") if not name.startswith(".") else (name, "", "")
        spaced = stem.replace("_", " ")
        spans = [
            sp
            for sp in next(iter(self.analyzer.analyze_many([spaced])))
            if not (sp.entity_type == "PERSON" and _acronyms(spaced[sp.start : sp.end]))
        ]
        new = self.deid.text(stem, spans, patient=stem) if spans else stem
        new = new.replace("/", "-").replace("\\", "-").replace(" ", "_")
        new = new.replace("[", "").replace("]", "") or "file"
        out = new + dot + suffix
        self._cache[name] = out
        return out

    def path(self, rel: Path) -> Path:
        """The output path of ``rel``: the same on every call, never another input's."""
        if rel in self._paths:
            return self._paths[rel]
        out = Path(*(self.part(p) for p in rel.parts))
        n = 1
        candidate = out
        while candidate.as_posix().casefold() in self._taken:
            n += 1
            stem, dot, suffix = out.name.partition(".")
            candidate = out.with_name(f"{stem}_{n}{dot}{suffix}")
        self._taken.add(candidate.as_posix().casefold())
        self._paths[rel] = candidate
        return candidate


def _acronyms(text: str) -> bool:
    """``SIU``, ``ADT A01``: message types and units in file names, not people."""
    words = text.split()
    return bool(words) and all(w.isupper() and len(w) <= 3 for w in words)
