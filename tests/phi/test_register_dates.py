"""Dates as registers, censuses and family papers write them (issue 14: round 159's dev batch
of genealogy and archive paperwork): a year before 1900 beside a month's name (a date of birth
then is an age over 89, which Safe Harbor removes with its year), the clerks' month
abbreviations ("Feby", "Novr"), a spelled day before the month with no "of", the month in
Roman numerals, a year after "c.", "imm." or "nat.", and "the" between month and day. A clock
time that looks like an old year stays a time.
"""

from __future__ import annotations

import pytest

from auditor.phi.engine import PhiEngine
from tests.phi.conftest import covered_whole, found, touched


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Baptised 9 Oct 1838 at the parish church of Ardlenny.", "9 Oct 1838"),
        ("2 DATE 17 APR 1861\n2 PLAC Thornbeck, Yorkshire", "17 APR 1861"),
        ("Wife     W F  Aug 1874  25   M 3", "Aug 1874"),
        ("Married Septr 3rd 1822 by the Revd Mr Halloran.", "Septr 3rd 1822"),
        (
            "Deaths registered: Fourteenth February 1899, the Union Infirmary.",
            "Fourteenth February 1899",
        ),
        ("Discharged relieved 12.iv.1881 to her brother's care.", "12.iv.1881"),
        ("Isaac Penhallow was born Jany the 21st 1830.", "Jany the 21st 1830"),
    ],
)
def test_a_register_date_with_its_year(engine: PhiEngine, text: str, date: str) -> None:
    assert covered_whole(engine, text, date), found(engine, text)


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("Left Tralee for Boston c.1849 with two sons.", "1849"),
        ("Head  M  Jan 1861  49  imm. 1888  nat. 1894  farmer", "1888"),
        ("Head  M  Jan 1861  49  imm. 1888  nat. 1894  farmer", "1894"),
        ("The family left Skibbereen in 1867 for Quebec.", "1867"),
    ],
)
def test_a_year_after_a_register_abbreviation(engine: PhiEngine, text: str, year: str) -> None:
    assert covered_whole(engine, text, year), found(engine, text)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Res fall 1745 in hallway outside Rm 130, no injury.", "1745"),
        ("uop dec 1800 ml over the shift, lasix given", "1800"),
        ("UOP decr 20 ml/hr since midnight.", "decr 20"),
        ("Fit test with the 3M 1870+ mask passed.", "1870"),
    ],
)
def test_a_time_or_a_volume_stays(engine: PhiEngine, text: str, word: str) -> None:
    assert not touched(engine, text, word), found(engine, text)
