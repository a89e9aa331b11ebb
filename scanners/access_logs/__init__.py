"""Access-log parsers, one module per format, in one explicit registry (no discovery magic).

Two kinds: CSV dialects are *mappings* loaded vectorised by DuckDB (``csv``, ``epic``,
``mapping:FILE``); structured formats are *record parsers* streaming ``AccessEvent`` /
``Rejected`` from Python (``fhir``, ``atna``). ``resolve_format`` turns ``--format`` into one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from auditor.scanners.access_logs import atna, csv_canonical, epic, fhir
from auditor.scanners.access_logs.event import AccessEvent, Rejected
from auditor.scanners.access_logs.mapping import CANONICAL, CsvMapping, load_mapping

RecordIter = Callable[[Path, int], Iterator[AccessEvent | Rejected]]


@dataclass(frozen=True)
class ParserSpec:
    """A format: its stable name, how to recognise it, and how to read it."""

    name: str
    sniff: Callable[[str], bool]
    mapping: Callable[[], CsvMapping] | None = None
    iter_records: RecordIter | None = None

    @property
    def vectorised(self) -> bool:
        return self.mapping is not None


# Order matters for --format auto: the most specific signature first.
PARSERS: dict[str, ParserSpec] = {
    "atna": ParserSpec("atna", atna.sniff, iter_records=atna.iter_records),
    "fhir": ParserSpec("fhir", fhir.sniff, iter_records=fhir.iter_records),
    "epic": ParserSpec("epic", epic.sniff, mapping=epic.mapping),
    "csv": ParserSpec("csv", csv_canonical.sniff, mapping=lambda: CANONICAL),
}
FORMAT_NAMES = (*PARSERS, "auto", "mapping:FILE")


def mapping_spec(path: Path) -> ParserSpec:
    loaded = load_mapping(path)
    return ParserSpec(f"mapping:{path}", lambda head: False, mapping=lambda: loaded)


def resolve_format(fmt: str, path: Path) -> ParserSpec:
    """The parser for ``path``: named, ``mapping:FILE`` or sniffed (``auto``)."""
    from auditor.errors import InputError
    from auditor.scanners.access_logs.sniff import sniff_format

    if fmt.startswith("mapping:"):
        return mapping_spec(Path(fmt.split(":", 1)[1]).expanduser())
    if fmt == "auto":
        return PARSERS[sniff_format(path)]
    if fmt not in PARSERS:
        raise InputError(
            f"unknown format {fmt!r} (expected one of {', '.join(FORMAT_NAMES)})", field="format"
        )
    return PARSERS[fmt]


__all__ = ["FORMAT_NAMES", "PARSERS", "AccessEvent", "ParserSpec", "Rejected", "resolve_format"]
