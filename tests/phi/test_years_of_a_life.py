"""The years of a life as obituaries, registers and family histories write them (issue 14:
round 147's dev batch of funeral, probate and genealogy paperwork wrote "b. 1944", "b. c.
1838", "emigrated c. 1861", "(1843-1917)" and "Christmas Eve 1915"; the start tree read a
year alone only in the 1900s and 2000s after a word such as "born", and a holiday without
its year).

A shift's hours in brackets ("(1500-1600)") are no life span, a dose after "c." no year, a
clock time after a holiday no year. An Irish county is written with its "Co." ("Co. Cork").
"""

from __future__ import annotations

import pytest

from auditor.phi.engine import PhiEngine
from auditor.phi.entities import Entity
from tests.phi.conftest import covered_whole, found, found_as, touched

DATE = Entity.DATE_TIME.value


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("Gen. 2  Lorraine Ada Bell, b. 1944, m. 1968 in Durham.", "1944"),
        ("Seeking descendants of Bartholomew Kinsella (b. c. 1838 Ballyfadden).", "1838"),
        ("The family emigrated to Liverpool c. 1861.", "1861"),
        ("Thos. O'Mara, farmer, bapt. 1806 in the parish.", "1806"),
        ("Honora O'Mara (1843-1917) is definitely ours.", "1843"),
        ("Honora O'Mara (1843-1917) is definitely ours.", "1917"),
    ],
)
def test_a_year_of_a_life(engine: PhiEngine, text: str, year: str) -> None:
    assert DATE in found_as(engine, text, year), found(engine, text)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("She married him on Christmas Eve 1915 in the chapel.", "Christmas Eve 1915"),
        ("Called out Hogmanay 2022 to the harbour.", "Hogmanay 2022"),
        ("Call sign A304 / Hogmanay 2022.", "Hogmanay 2022"),
    ],
)
def test_a_holiday_with_its_year(engine: PhiEngine, text: str, day: str) -> None:
    assert covered_whole(engine, text, day), found(engine, text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Meds given (1500-1600) per MAR.", "1500"),
        ("Flush c. 1500 mL NS over the shift.", "1500"),
        ("Christmas Day 1400 hrs visit by family.", "1400"),
        ("Boxing Day 1030: seen by the registrar.", "1030"),
    ],
)
def test_hours_and_volumes_are_no_year(engine: PhiEngine, text: str, value: str) -> None:
    assert not touched(engine, text, value), found(engine, text)


def test_an_irish_county_with_its_co(engine: PhiEngine) -> None:
    text = "Her father was of Ballyhahill, Co. Limerick, a farmer."
    assert covered_whole(engine, text, "Co. Limerick"), found(engine, text)


def test_a_clock_s_minutes_are_no_day(engine: PhiEngine) -> None:
    """ "transfer of care 01:15 Nov 4": the date is "Nov 4", not "15 Nov" (round 148's dev
    batch; the start tree read the minutes as the day)."""
    text = "Off-load delay, transfer of care 01:15 Nov 4."
    assert (DATE, "Nov 4") in found(engine, text), found(engine, text)
    assert not touched(engine, text, "15"), found(engine, text)
