"""The number beside a found name in a list's columns: a records library's pull list, a clinic
list or a worklist ("O'Dwyer-Hanlon, Padraig        CR 118 402").

Such lists print each patient's name, a column's gap and the chart's number, with no label:
the column says what the number is, and the name beside it says whose. Found after the
engine, from its PERSON spans: digits in groups, perhaps after a registry's letters, after a
gap of two blanks or more that ends the name's cell, closing the line or followed by another
gap or a bracket, where no rule has found a number already (a label's: "MRN 4471229"). Six
digits at least; not a date written in groups ("01 02 1950"), nor a reading after its label
("BP 120 80", "HR 72").
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from auditor.phi.entities import Entity, TypedSpan
from auditor.phi.measures import PRODUCT_CODE_LABELS

_COLUMN_NUMBER = re.compile(
    r"[ \t]{2,}((?P<letters>[A-Z]{1,3}[ -]?)?\d{2,8}(?:[ -]\d{2,8}){0,3})"
    r"(?=[ \t]*(?:$|\(|[ \t]{2}))",
    re.M,
)
_DATE_IN_GROUPS = re.compile(r"\d{1,2}[ -]\d{1,2}[ -](?:\d{2}|\d{4})")
# Letters that label a reading, a date or a product, not a registry.
_READING_LABELS = frozenset(
    {"BP", "HR", "RR", "T", "SAT", "SPO", "WT", "HT", "BMI", "DOB", "AGE", "RM", "BED", "GCS",
     "PR", "P", "R", "FI", "PH", "K", "NA", "HB", "WBC", "PLT", "INR"}
    # a product's code on a label, not the patient's ("NDC 00378-1805-01", "DIN 02242705")
    | {label.upper() for label in PRODUCT_CODE_LABELS}
)  # fmt: skip


def numbers_beside_names(text: str, spans: Iterable[TypedSpan]) -> list[tuple[int, int]]:
    """Character spans of list numbers in the column after a found name (module docstring)."""
    spans = list(spans)
    out = []
    for span in spans:
        if span.entity_type != Entity.PERSON.value or text.find("  ", span.end) == -1:
            continue
        m = _COLUMN_NUMBER.match(text, span.end)
        # (a number a label names is its label rule's: "MRN 4471229", "NHS 943 476 5919")
        if m is None or any(s.start < m.end(1) and m.start(1) < s.end for s in spans):
            continue
        value = m.group(1)
        letters = (m.group("letters") or "").strip(" -")
        if sum(c.isdigit() for c in value) < 6 or _DATE_IN_GROUPS.fullmatch(value):
            continue
        if letters in _READING_LABELS:
            continue
        out.append((m.start(1), m.end(1)))
    return out
