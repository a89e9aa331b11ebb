"""The other half of a "Surname, Given" name beside the half the rules found (issue 14: round
151's immigration notices listed "Applicant UWAMAHORO, SOLANGE", round 153's chat headers
"[3/22/2021 7:02 PM] Zborowski, Holly (Capacity RN)" and its bed list "Transfer
MACLACHLAN-ROSS, ELSPETH (K6603124)"; the start tree kept one half of each).

A given name in capitals after a surname in capitals; a surname in capitals after a word, where
an acronym is as likely, only with a name's letters (five or more, two vowels: not "CFO",
"MRICS"); a surname in Title case after a chat stamp's bracket. And a patient's line that opens
with both halves, neither found, before what such a line gives next: age and sex, a record
number, a birth date (round 142's "Smolarczyk, Dobromił (71M)", round 138's "Jekron, Bwij
(MRN ...)").
"""

from __future__ import annotations

import pytest

from auditor.phi.engine import PhiEngine
from tests.phi.conftest import covered_whole, found, touched


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Move FERGUSSON-BAIN, AILSA (K7712093) to ward 4 in the morning.",
            "FERGUSSON-BAIN, AILSA",
        ),
        ("Applicant MUKAMANA, ODETTE    A# A208-551-904", "MUKAMANA, ODETTE"),
        ("Petitioner BIZIMUNGU, ANGELIQUE    Receipt # IOE0912345678", "BIZIMUNGU, ANGELIQUE"),
        ("[11/04/2022 3:15 AM] Wojciechowska, Martha (House supervisor)", "Wojciechowska, Martha"),
    ],
)
def test_the_other_half_joins_the_found_name(engine: PhiEngine, text: str, name: str) -> None:
    assert covered_whole(engine, text, name), found(engine, text)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Signed by our CFO, Miriam Ashworth-Lake.", "CFO"),
        ("Valuer MRICS, Fenwick Dunmore, inspected on site.", "MRICS"),
    ],
)
def test_an_acronym_after_a_word_is_no_surname(engine: PhiEngine, text: str, word: str) -> None:
    assert not touched(engine, text, word), found(engine, text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Night list\nWojtaszek, Radomił (68M) CHF exac, on lasix gtt", "Wojtaszek, Radomił"),
        ("BURN UNIT note 0300\nTebrak, Lojen (MRN S00775120), 41 M, 22% TBSA", "Tebrak, Lojen"),
    ],
)
def test_a_patients_line_surname_first(engine: PhiEngine, text: str, name: str) -> None:
    assert covered_whole(engine, text, name), found(engine, text)


def test_a_systems_line_is_no_patient(engine: PhiEngine) -> None:
    text = "Neuro, CV (MRN 1234 checked) stable overnight"
    assert not touched(engine, text, "Neuro"), found(engine, text)
