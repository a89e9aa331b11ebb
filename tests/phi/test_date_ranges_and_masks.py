"""Dates written as ranges and lists, and a masked date's year (issue 14: classes from the dev
batches of rounds 138-141).

Two whole numeric dates joined by a dash, day or month first, each with a two-digit year
("02/02/24-09/02/24"; before, each half's own pattern refused the dash beside it); the first
year of a range ("2019-2023": what follows the last year decides, not the dash after the
first); the days of a list before the last one's month ("3, 4 and 5 May 2021", "between 9 and
22 April"); a date whose day and month are masked ("XX/XX/1987"). Values invented.
"""

from __future__ import annotations

import pytest

from auditor.phi.engine import PhiEngine
from auditor.phi.entities import Entity
from tests.phi.conftest import covered_whole, found, kinds

DATE = Entity.DATE_TIME.value


@pytest.mark.parametrize(
    ("text", "dates"),
    [
        ("Coding query: FCE 03/02/24-11/02/24, ward 9.", ["03/02/24-11/02/24"]),
        ("Period 01/06/23-29/06/23 (29 days): usage 27/29 days", ["01/06/23-29/06/23"]),
        ("Employment: Tallowmere Haulage, 2018-2022 - verified", ["2018", "2022"]),
        ("BSc Nursing, 2011–2015 (Distinction)", ["2011", "2015"]),
        ("seen on 3, 4 and 5 May 2021 in clinic", ["3", "4", "5 May 2021"]),
        ("admitted between 9 and 22 April 2016, notes requested", ["9", "22 April 2016"]),
        ("DOB: XX/XX/1987 (verified)", ["XX/XX/1987"]),
    ],
)
def test_dates_in_ranges_lists_and_masks(engine: PhiEngine, text: str, dates: list[str]) -> None:
    for date in dates:
        assert covered_whole(engine, text, date), (date, found(engine, text))


@pytest.mark.parametrize(
    "text",
    [
        "Fluid goal 2000-2050 mL today.",
        "Gave 2 and 3 tabs overnight.",
        "BP 120/80 - 130/85, HR 70-80.",
    ],
)
def test_no_date_in_measurements(engine: PhiEngine, text: str) -> None:
    assert DATE not in kinds(engine, text), found(engine, text)


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("MRN 00412-1147   DOB 12-Aug-1929 (91)   Wt 52.", "91"),
        ("Name: Ana Taitano  DOB Jul 8, 1922 (93)", "93"),
    ],
)
def test_an_age_in_brackets_after_a_birth_date(engine: PhiEngine, text: str, age: str) -> None:
    assert (Entity.AGE.value, age) in found(engine, text), found(engine, text)
