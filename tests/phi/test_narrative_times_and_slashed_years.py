"""A narrative's line-opening clock times and Canadian charts' slashed years (issue 14).

Nursing, transport and flight notes open each line with its hour ("1930 Received from ...",
"0100 Kestrel Valley Police attended"): where two lines or more do, the hour is no year, no
house number. A month, its day and a year after a slash ("Mar 3/15", "Jan 18/2005") is one
date, and the month's word is no name nor a place's, nor a phone number's start. Values
invented.
"""

from __future__ import annotations

import pytest

from auditor.phi.engine import PhiEngine
from auditor.phi.entities import Entity
from tests.phi.conftest import found, found_as, kinds

DATE = Entity.DATE_TIME.value
STREET = Entity.STREET_ADDRESS.value
PERSON = Entity.PERSON.value

NARRATIVE = (
    "NIGHT NARRATIVE 1900-0700\n"
    "1930 Received from Odette RN. Pt settled, RASS 0.\n"
    "2000 Intubated for airway protection, ETT 7.5 @ 23 cm.\n"
    "0100 Marrowfield Lake Police attended re: belongings.\n"
    "0815 Departed St. Brendan. HR 88 SR.\n"
    "1130 Passing Crane Lake, stable, pain 2/10.\n"
)


def test_line_opening_hours_are_no_years_nor_streets(engine: PhiEngine) -> None:
    spans = found(engine, NARRATIVE)
    for hour in ("1930", "2000", "0100", "0815", "1130"):
        assert not any(v.startswith(hour) and k in {DATE, STREET} for k, v in spans), spans


@pytest.mark.parametrize(
    ("text", "value", "kind"),
    [
        ("Born 1930 in Leeds, retired teacher.", "1930", DATE),  # one line: a year still
        ("Lives at 2000 Quarry Ridge Road with her son.", "2000 Quarry Ridge Road", STREET),
    ],
)
def test_a_single_line_s_number_keeps_its_reading(
    engine: PhiEngine, text: str, value: str, kind: str
) -> None:
    assert kind in found_as(engine, text, value), found(engine, text)


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("NIGHT NARRATIVE   Apr 7/16   Bed 4", "Apr 7/16"),
        ("ADMISSION NOTE  Feb 21/2009  Pt from Gimli", "Feb 21/2009"),
        ("Family meeting (interpreter) - Tuesday Sep 4/2012 at 1400", "Sep 4/2012"),
    ],
)
def test_a_month_its_day_and_a_slashed_year_are_one_date(
    engine: PhiEngine, text: str, date: str
) -> None:
    start = text.index(date)
    spans = engine.analyze(text)
    assert any(
        s.entity_type == DATE and s.start <= start and s.end >= start + len(date) for s in spans
    ), found(engine, text)


def test_a_month_before_its_day_is_no_name_nor_a_number_s_start(engine: PhiEngine) -> None:
    text = "Transfer from Harrowgate Hospital, Selkirk Nov 9 2019 1545 Pt: Ilse Vantongeren"
    spans = found(engine, text)
    assert not any("Nov" in v and k != DATE for k, v in spans), spans
    assert Entity.PHONE_NUMBER.value not in kinds(engine, text), spans
    assert PERSON in found_as(engine, text, "Ilse Vantongeren"), spans


def test_a_given_name_that_is_a_month_stays_a_name(engine: PhiEngine) -> None:
    text = "Seen with her daughter April Tremblay-Kaur on May 3."
    assert PERSON in found_as(engine, text, "April Tremblay-Kaur"), found(engine, text)


@pytest.mark.parametrize(
    "text",
    [
        "Stable on letrozole. Rv 6/12 with bloods.",
        "Symptoms x 3/12, driving restriction for 4/52.",
    ],
)
def test_a_british_duration_in_twelfths_is_no_date(engine: PhiEngine, text: str) -> None:
    assert DATE not in kinds(engine, text), found(engine, text)


@pytest.mark.parametrize(
    "text",
    [
        "f/u 3/12 in clinic with Dr Ostrander.",
        "Admitted in 3/12 with chest pain.",
        "Booked for 3/12 at the infusion centre.",
    ],
)
def test_a_us_date_after_such_words_stays_a_date(engine: PhiEngine, text: str) -> None:
    assert DATE in found_as(engine, text, "3/12"), found(engine, text)


def test_a_vital_sign_s_letter_is_no_initial(engine: PhiEngine) -> None:
    text = "Obs: BP 128/74, HR 80, SpO2 96% RA, T 37.1, RR 16."
    assert PERSON not in kinds(engine, text), found(engine, text)


def test_a_night_s_two_days_before_one_month_are_a_date(engine: PhiEngine) -> None:
    text = "HDU RN shift note - night 11-12/6/03 Pt settled."
    assert DATE in found_as(engine, text, "11-12/6/03"), found(engine, text)


def test_a_course_in_sevenths_is_no_date(engine: PhiEngine) -> None:
    text = "Plan: complete 10/7 oral co-amoxiclav then stop."
    assert DATE not in kinds(engine, text), found(engine, text)
