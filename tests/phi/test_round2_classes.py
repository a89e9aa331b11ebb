"""PHI detection round 2 (issue 14): ages after names, spaced and prefixed record numbers,
invented towns, timestamps, and the known false alarms, one table per class.

Values are invented; none comes from a corpus.
"""

from __future__ import annotations

import pytest

from auditor.phi.engine import PhiEngine
from tests.phi.conftest import check_found, covered_as, found_cases, spans_touching

AGES = [
    ("bed 14 - mrs o'neill 94, #NOF post op day 2", "94"),
    ("HENDERSON Moira 90, UR 7712093 - rectal ca", "90"),
    ("Age/name: Gwendolyn Price 102, from the care home", "102"),
    ("Visited Mr Abbott, 91, lives alone.", "91"),
    ("PT IS A 92 YO F. MRS KELLY 97 ADMITTED.", "97"),
]
NOT_AGES = [
    ("Mr Smith 100 mg daily", "100"),
    ("Seen by Dr Jones 95% sats on room air", "95"),
    ("Mrs Patel 90/60 this morning", "90"),
]


RECORDS = [
    ("medical record number 3 3 0 9 1 7 date of procedure", "3 3 0 9 1 7"),
    ("UR number 0 0 4 3 3 8 1. Seen today.", "0 0 4 3 3 8 1"),
    ("MRN: RGH-0044812, UR KH 881204", "KH 881204"),
    ("Hosp No BV 300 4417   Ward: 6 North", "BV 300 4417"),
    ("next attendance Friday. MRN NHSCT-0093122.", "NHSCT-0093122"),
]
NOT_RECORDS = [
    ("mild MR 2 3 4 noted", "2 3 4"),
    ("your 12345 things", "12345"),
]


TOWNS = [
    ("The Princess Royal arrived at Johnsonton this morning.", "Johnsonton"),
    ("My friend lives in Wallacefort", "Wallacefort"),
    ("South Andreabury bridge is falling down", "South Andreabury"),
    ("Their home city North Tammyville was flooded.", "North Tammyville"),
]


TIMESTAMPS = [
    ("Date: 1988-01-23 08:14:36.296954 Name: Adam Webb", "1988-01-23 08:14:36.296954"),
    ("When: 1970-09-15 06:57:47 at the club", "1970-09-15 06:57:47"),
]


# (text, value that no span may touch)
FALSE_ALARMS = [
    ("Referral letter 12 March 2087 Dear Dr. Hoang, Re: flu", "Dear"),
    ("Referral letter 12 March 2087\nDear Dr. Hoang, Re: flu", "Dear"),
    ("staging after 6 cycles R-CHOP (last cycle in spring)", "CHOP"),
    ("he was seen at the Framingham clinic; his cardiologist agreed", "clinic"),
    ("CALL CENTRE LOG 07-11-2087", "CENTRE"),
    ("cb number 617 555 0108 x2; left VM.", "x2"),
]


@pytest.mark.parametrize(("text", "value", "expected"), found_cases(not_found=FALSE_ALARMS))
def test_known_false_alarms_stay_clear(
    engine: PhiEngine, text: str, value: str, expected: bool
) -> None:
    check_found(engine, text, value, expected)


def test_extension_of_three_or_more_digits_still_joins(engine: PhiEngine) -> None:
    text = "call 617 555 0108 x4471 after noon"
    assert covered_as(engine, text, "617 555 0108 x4471", "PHONE_NUMBER")


FACILITIES = [
    ("HOME HEALTH VISIT  Willow Creek Home Care", "Willow Creek Home Care"),
    ("Referred from Stone Bridge Family Practice today.", "Stone Bridge Family Practice"),
    ("Lives at Oak Meadow House. Pharmacy nearby.", "Oak Meadow House"),
]
NOT_FACILITIES = [
    ("for mister aurelio bianchi medical record number 7 7 1 4 0 2 9.", "medical"),
    ("Lakeside General  Hosp No LG 221 9034", "Hosp"),
    ("Referred to Internal Medicine for a second opinion.", "Internal Medicine"),
]


@pytest.mark.parametrize(("text", "value"), NOT_FACILITIES)
def test_field_labels_and_departments_are_no_facility(
    engine: PhiEngine, text: str, value: str
) -> None:
    assert not any(t == "HOSPITAL" for t, _, _ in spans_touching(engine, text, value))


OTHER_IDS = [
    ("RE: Member Delphine Arceneaux, ID PMH 4471 2290 18, Case", "PMH 4471 2290 18"),
    ("refill warfarin. INR due. Rx #5583120. cb 413", "5583120"),
    ("Employee: L. Dlamini, staff no E-0048812, night shift", "E-0048812"),
]


SPELLED_DATES = [
    ("date of operation the twelfth of june. procedure", "twelfth of june"),
    ("on the twenty-first of March 2087 he was seen", "twenty-first of March 2087"),
]


def test_first_of_all_is_no_date(engine: PhiEngine) -> None:
    assert spans_touching(engine, "first of all the patient is well", "first of all") == []


def test_capital_the_inside_a_sentence_belongs_to_the_organisation(engine: PhiEngine) -> None:
    text = "which later became The Western Union Company in 1990"
    assert covered_as(engine, text, "The Western Union Company", "ORGANIZATION")


BARE_NAME_FIELDS = [
    ("Name NÍ MHAOLÁIN, Aoife  DOB 03.02.1957", "NÍ MHAOLÁIN, Aoife"),
    ("Name KOWALSKI, Anna  DOB 1/2/1950", "KOWALSKI, Anna"),
]


def test_bare_label_needs_a_surname_comma_value(engine: PhiEngine) -> None:
    text = "Patient aware, agrees with plan."
    assert not any(t == "PERSON" for t, _, _ in spans_touching(engine, text, "aware"))


# Each table above is covered as one entity type (or, for the NOT_ tables, never as it).
COVERED_AS = [
    (text, value, entity)
    for table, entity in (
        (AGES, "AGE"),
        (RECORDS, "MEDICAL_RECORD_NUMBER"),
        (TOWNS, "LOCATION"),
        (TIMESTAMPS, "DATE_TIME"),
        (FACILITIES, "HOSPITAL"),
        (OTHER_IDS, "ID_NUMBER"),
        (SPELLED_DATES, "DATE_TIME"),
        (BARE_NAME_FIELDS, "PERSON"),
    )
    for text, value in table
]
NOT_COVERED_AS = [
    (text, value, entity)
    for table, entity in ((NOT_AGES, "AGE"), (NOT_RECORDS, "MEDICAL_RECORD_NUMBER"))
    for text, value in table
]


@pytest.mark.parametrize(("text", "value", "entity"), COVERED_AS)
def testcovered_as(engine: PhiEngine, text: str, value: str, entity: str) -> None:
    assert covered_as(engine, text, value, entity), spans_touching(engine, text, value)


@pytest.mark.parametrize(("text", "value", "entity"), NOT_COVERED_AS)
def test_notcovered_as(engine: PhiEngine, text: str, value: str, entity: str) -> None:
    assert not covered_as(engine, text, value, entity), spans_touching(engine, text, value)


def test_a_club_named_for_its_town_is_covered(engine: PhiEngine) -> None:
    """ "Camposview Country Club": the town's name inside the club's, read as either (a
    trade's name with a descriptor after its own word is a firm since round 21's dev)."""
    text = "Where: Camposview Country Club."
    assert covered_as(engine, text, "Camposview", "LOCATION") or covered_as(
        engine, text, "Camposview Country Club", "ORGANIZATION"
    ), spans_touching(engine, text, "Camposview")
