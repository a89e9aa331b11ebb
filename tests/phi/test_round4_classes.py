"""Round 4 (issue 14) error classes, by kind: ages over 89 introduced by a verb or phrase
("turned", "died at", "age at death:") or written out after a person and "is".

Values are invented; none comes from a corpus.
"""

from __future__ import annotations

import pytest

from auditor.phi.engine import PhiEngine
from tests.phi.conftest import check_found, found_cases

FOUND = [
    ("My grandfather just turned 96 last week.", "96"),
    ("Deceased, died at 92 in the hospice.", "92"),
    ("Age at death: 94", "94"),
    ("He was diagnosed at the age of 91.", "91"),
    ("She will be 93 next month.", "93"),
    ("She is ninety-four and lives alone.", "ninety-four"),
]
NOT_FOUND = [
    ("The patient turned 90 degrees in bed.", "90"),
    ("She was ninety-four percent adherent.", "ninety-four"),
    ("Assay turned 95 percent positive.", "95"),
    ("Dose will be 100 mg daily.", "100"),
    ("The score is ninety.", "ninety"),
]


@pytest.mark.parametrize(("text", "value", "expected"), found_cases(FOUND, NOT_FOUND))
def test_round4_classes(engine: PhiEngine, text: str, value: str, expected: bool) -> None:
    check_found(engine, text, value, expected, whole=True)
