"""Round 8 (issue 14) error classes, by kind, from the round-6 and round-7 dev batches
(values invented here; each class with look-alikes that must stay untouched):

- a month/day date without a year whose top number is above its bottom ("cxr 11/4 clear",
  "02:10 12/6"): no score or murmur grade reads that way; ventilator settings after a mode
  ("nippv 16/5", "ipap 14/6") are settings, not dates;
- a weekday's short form ("sat", "thurs", "mon/wed/fri") where a day word, a time of day or
  another weekday beside it makes it a day; not saturation, sunlight or a monitor ("Sat 97%",
  "from sun exposure", "o2 sat 90");
"""

from __future__ import annotations

import pytest

from auditor.phi.engine import PhiEngine
from tests.phi.conftest import check_found, covered_as, found_cases


@pytest.mark.parametrize(
    ("text", "value", "expected"),
    found_cases(
        found=[
            ("nicu day 9. cxr 11/4 clear. feeds advanced.", "11/4"),
            ("massive transfusion stopped 02:10 12/6. Total 9 units.", "12/6"),
            ("echo 9/5 showed ef 40%", "9/5"),
        ],
        not_found=[
            ("on nippv 16/5 rate 28 fio2 .35", "16/5"),
            ("bipap ipap 14/6 overnight", "14/6"),
            ("strength 4/5 throughout, pain 6/10", "4/5"),
            ("strength 4/5 throughout, pain 6/10", "6/10"),
            ("2/6 systolic murmur at LUSB", "2/6"),
        ],
    ),
)
def test_month_day_without_year(engine: PhiEngine, text: str, value: str, expected: bool) -> None:
    check_found(engine, text, value, expected)
    if expected:
        assert covered_as(engine, text, value, "DATE_TIME")


@pytest.mark.parametrize(
    ("text", "value", "expected"),
    found_cases(
        found=[
            ("plan: repeat cbc sat. family meeting after.", "sat"),
            ("wound check next thurs with dressing change", "thurs"),
            ("HD mon/wed/fri via L AVF", "wed"),
            ("can come in fri am for the draw", "fri"),
            ("INR due Tues, call if bleeding", "Tues"),
        ],
        not_found=[
            ("HR 88 BP 118/70 RR 18 Sat 97% on RA", "Sat"),
            ("rash worse from sun exposure at the beach", "sun"),
            ("desatted overnight, o2 sat 90 on 2L", "sat"),
            ("Sat with the family for twenty minutes.", "Sat"),
            ("repeat spo2 sat, then wean to RA", "sat"),
        ],
    ),
)
def test_short_weekday(engine: PhiEngine, text: str, value: str, expected: bool) -> None:
    check_found(engine, text, value, expected)
    if expected:
        assert covered_as(engine, text, value, "DATE_TIME")
