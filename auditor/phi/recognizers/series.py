"""The series letters before a number that identifies: "Шиноснома: А 4412877", "lapa A
0441827", "Policy: CGI/MV/118044", "Policy AUT 88-214-509".

Passports, sick notes and certificates across the former Soviet Union, the Baltics and
Central Asia print a series letter, a blank, then the number; insurers, registries and
card printers put a scheme's or a product's letters before theirs, after a slash or a
blank. The identifier rules read the number alone and the letters stayed beside its
replacement. Found after the engine, from the identifier spans:

- one capital letter of any script, alone, right before a number of five digits or more;
- capitals joined to the number by slashes ("CGI/MV/", "OY/IMM/");
- a group of capitals (and digits) and a blank, where a record's label stands right before
  it ("member MBC 55219-004", "card number N4T 28813 704"), and the group is no label
  itself ("MRN", "NHS", "ID").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import TypeVar

from auditor.phi.entities import IDENTIFIER_TYPES, Entity, TypedSpan
from auditor.phi.recognizers.not_persons import REGISTER_LABELS

# one capital alone after a blank, a colon or a bracket, one blank before the number
_SERIES = re.compile(r"(?:^|(?<=[\s:(]))([^\W\d_])[ \t]\Z")
_NUMBER = re.compile(r"\d{5,}")
# capitals joined to the number by slashes, after a blank, a colon, a hash or a bracket
_SLASHED = re.compile(r"(?:^|(?<=[\s:#(]))((?:[A-Z][A-Z0-9]{0,5}/){1,3})\Z")
# a group of capitals and a blank after a record's label ("Policy", "member", "card number")
_LABELLED = re.compile(
    r"(?i:policy|member|membership|card|serial|account|acct|claim|certificate|cert|licen[cs]e|"
    r"permit|registration|folio)(?:[ \t]+(?i:no\.?|number|num|#|id))?[ \t]*+(?:[:#][ \t]*+)?"
    r"([A-Z][A-Z0-9]{1,4})[ \t]\Z"
)
# the number a labelled group may stand before: digits, perhaps in groups ("28813 704")
_GROUPED = re.compile(r"\d[\d -]{3,}\d")
# letters that are a label of their own there, not a scheme's: a form's or a register's
# (not_persons.REGISTER_LABELS: "MRN", "NHS", "SIN") and a number's words ("ID", "NO", "EXT")
_NOT_SERIES = frozenset(label.upper() for label in REGISTER_LABELS) | frozenset(
    {"ID", "NO", "NUM", "REF", "HCN", "PHN", "VIN", "EXT", "IMEI", "USA", "UK"}
)

S = TypeVar("S", bound=TypedSpan)


def series_starts(text: str, spans: Iterable[S]) -> Iterator[tuple[S, int]]:
    """Each identifier span of digits with series letters before it, and the letters' start."""
    phone = Entity.PHONE_NUMBER.value
    for span in spans:
        kind, start = span.entity_type, span.start
        # (what stands right before the number decides which shape can apply: a blank after
        # a capital or a digit, or a slash; most spans have neither)
        if start < 2 or not text[start].isdigit():
            continue
        before, lead = text[start - 1], text[start - 2]
        identifier = kind in IDENTIFIER_TYPES
        if before == "/":
            if identifier and (m := _SLASHED.search(text, max(0, start - 24), start)):
                yield span, m.start(1)
            continue
        if before not in " \t" or not (lead.isupper() or lead.isdigit()):
            continue
        if identifier and _NUMBER.fullmatch(text, start, span.end):
            m = _SERIES.search(text, start - 3, start)
            if m is not None and m.group(1).isupper():
                yield span, m.start(1)
                continue
        if (identifier or kind == phone) and _GROUPED.fullmatch(text, start, span.end):
            m = _LABELLED.search(text, max(0, start - 40), start)
            if m is not None and _series_letters(m.group(1)):
                yield span, m.start(1)


def _series_letters(group: str) -> bool:
    """A scheme's letters: two capitals at least and no label ("AUT", "N4T"; not "MRN")."""
    return sum(c.isalpha() for c in group) >= 2 and group not in _NOT_SERIES
