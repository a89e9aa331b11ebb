"""Site dictionaries: the staff, patients, relatives and places a deployment already knows.

Sources (docs/formats.md): TSV files ``TYPE<TAB>term`` (``--dictionary``, ``phi.dictionaries``,
``AUDITOR_HOME/dictionaries/*.tsv``) and a context folder (names from ``workforce.csv``,
``patients.csv``, ``contacts.csv``; places from ``places.csv``). Terms are matched
case-insensitively over words with a token trie, so 100,000 terms cost one dictionary lookup
per word, not 100,000 regexes.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from auditor.errors import InputError
from auditor.phi.entities import DICTIONARY_TYPES, Entity
from auditor.phi.recognizers.tokens import TokenView, split_words

_TERMINAL = ""  # trie key holding the entity of a complete term

NAME_FILES = ("workforce.csv", "patients.csv", "contacts.csv")
PLACES_FILE = "places.csv"


@dataclass
class SiteDictionary:
    """A token trie of lower-cased terms -> entity type. Longest match wins."""

    root: dict = field(default_factory=dict)
    size: int = 0
    # Single-word PERSON terms: the name recognizer treats them as known names.
    person_words: set[str] = field(default_factory=set)

    def add(self, entity: Entity, term: str) -> None:
        keys = split_words(term)
        if not keys:
            return
        node = self.root
        for key in keys:
            node = node.setdefault(key, {})
        if _TERMINAL not in node:
            self.size += 1
        node[_TERMINAL] = entity
        if entity is Entity.PERSON:
            self.person_words.update(k for k in keys if len(k) > 1)

    def __len__(self) -> int:
        return self.size

    def match(self, view: TokenView) -> Iterator[tuple[int, int, Entity]]:
        """Longest non-overlapping matches as (first word, last word + 1, entity)."""
        words = view.words
        n = len(words)
        i = 0
        while i < n:
            node = self.root.get(words[i].key)
            best: tuple[int, Entity] | None = None
            j = i
            while node is not None:
                if _TERMINAL in node:
                    best = (j + 1, node[_TERMINAL])
                j += 1
                if j >= n or "\n" in view.gap(j):
                    break
                node = node.get(words[j].key)
            if best is not None:
                yield i, best[0], best[1]
                i = best[0]
            else:
                i += 1


def _entity(type_name: str, path: Path, line: int) -> Entity:
    key = type_name.strip().upper()
    if key in DICTIONARY_TYPES:
        return DICTIONARY_TYPES[key]
    try:
        return Entity(key)
    except ValueError:
        raise InputError(
            f"unknown entity type {type_name.strip()!r} (expected one of "
            f"{', '.join(sorted(DICTIONARY_TYPES))})",
            file=str(path),
            line=line,
            field="TYPE",
        ) from None


def load_tsv(dictionary: SiteDictionary, path: Path) -> None:
    """Add a ``TYPE<TAB>term`` file; blank lines and ``#`` comments are skipped."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(
            f"cannot read dictionary: {exc.__class__.__name__}", file=str(path)
        ) from exc
    for lineno, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        if "\t" not in raw:
            raise InputError("expected TYPE<TAB>term", file=str(path), line=lineno)
        type_name, term = raw.split("\t", 1)
        dictionary.add(_entity(type_name, path, lineno), term.strip())


def _csv_rows(path: Path) -> Iterator[dict[str, str]]:
    try:
        with path.open(newline="", encoding="utf-8-sig") as fh:
            yield from csv.DictReader(fh)
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise InputError(
            f"cannot read context file: {exc.__class__.__name__}", file=str(path)
        ) from exc


def load_context(dictionary: SiteDictionary, context_dir: Path) -> None:
    """Names from workforce/patients/contacts CSVs and places from places.csv, when present."""
    for name in NAME_FILES:
        path = context_dir / name
        if not path.is_file():
            continue
        for row in _csv_rows(path):
            first = (row.get("first_name") or "").strip()
            last = (row.get("last_name") or "").strip()
            for term in (first, last, f"{first} {last}".strip()):
                if term:
                    dictionary.add(Entity.PERSON, term)
    places = context_dir / PLACES_FILE
    if places.is_file():
        for lineno, row in enumerate(_csv_rows(places), start=2):
            if "name" not in row:
                raise InputError("places.csv needs a 'name' column", file=str(places), line=1)
            term = (row.get("name") or "").strip()
            if not term:
                continue
            kind = (row.get("type") or "").strip()
            entity = _entity(kind, places, lineno) if kind else Entity.LOCATION
            dictionary.add(entity, term)


def build_dictionary(
    files: Iterable[Path] = (), context_dir: Path | None = None, home_dir: Path | None = None
) -> SiteDictionary:
    """One trie from every source; ``home_dir`` is ``AUDITOR_HOME/dictionaries``."""
    dictionary = SiteDictionary()
    paths: list[Path] = []
    if home_dir is not None and home_dir.is_dir():
        paths.extend(sorted(p for p in home_dir.iterdir() if p.suffix.lower() in {".tsv", ".txt"}))
    paths.extend(Path(p).expanduser() for p in files)
    seen: set[Path] = set()
    for path in paths:
        resolved = path.resolve()
        if resolved in seen:
            continue
        seen.add(resolved)
        if not path.is_file():
            raise InputError("dictionary file not found", file=str(path))
        load_tsv(dictionary, path)
    if context_dir is not None:
        if not Path(context_dir).is_dir():
            raise InputError("context folder not found", file=str(context_dir))
        load_context(dictionary, Path(context_dir))
    return dictionary


def dictionary_sources(settings_files: Sequence[str], extra: Sequence[Path]) -> list[Path]:
    return [Path(p).expanduser() for p in settings_files] + [Path(p) for p in extra]
