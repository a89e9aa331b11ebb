"""Ages over 89 and stamps in care-home, geriatric and handover notes (issue 14: rounds 152 and
153's dev batches): an age between a handover list's slashes after a name, or after "Resident
is"; a compact date joined to its time by "T" (one token,
one span); a weekday before a dotted date with a two-digit year; a convalescent home. A
resuscitation decision ("DNACPR", "DNAR") is no town after a home's comma nor a name's part An
assessment scale's surname with its score is the scale ("Barthel 16/20", "Hoehn & Yahr 5").
"""

from __future__ import annotations

import pytest

from auditor.phi.engine import PhiEngine
from tests.phi.conftest import covered_as, covered_whole, found, touched


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("B7 / Winifred Ashcombe-Lowe / 93 / K0427713 / fall, no injury", "93"),
        ("Care needs reviewed for the home. Resident is 96.", "96"),
    ],
)
def test_an_age_over_89(engine: PhiEngine, text: str, age: str) -> None:
    assert covered_as(engine, text, age, "AGE"), found(engine, text)


def test_a_number_in_a_table_with_no_name_before_it_is_no_age(engine: PhiEngine) -> None:
    text = "Obs / HR 92 / BP 118/70 / RR 18"
    assert not touched(engine, text, "92") or "AGE" not in {e for e, _ in found(engine, text)}


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Date of service: 20190318T1420  |  Requesting: Dr. Oyelowo", "20190318T1420"),
        ("H@N handover Thu 14.02.13 - medical wards", "Thu 14.02.13"),
        (
            "Social Services note - Meadowlark Convalescent Center, 1996",
            "Meadowlark Convalescent Center",
        ),
    ],
)
def test_stamps_and_homes_whole(engine: PhiEngine, text: str, value: str) -> None:
    assert covered_whole(engine, text, value), found(engine, text)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Pt from Glenmoy Nursing Home, DNACPR in place", "DNACPR"),
        ("Mrs Hudspith - DNACPR, for ward-based care", "DNACPR"),
    ],
)
def test_a_resuscitation_decision_is_no_place_or_name(
    engine: PhiEngine, text: str, word: str
) -> None:
    assert not touched(engine, text, word), found(engine, text)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Function: Katz 5/6 (needs help bathing); Lawton 3/8 - no longer shops.", "Lawton"),
        ("Barthel 16/20 on discharge (11/20 on admission).", "Barthel"),
        ("End-stage Parkinson's disease, Hoehn & Yahr 5.", "Hoehn & Yahr"),
        ("Epworth 14, snores loudly per partner.", "Epworth"),
    ],
)
def test_a_scale_with_its_score_is_no_name(engine: PhiEngine, text: str, word: str) -> None:
    assert not touched(engine, text, word), found(engine, text)


def test_a_title_makes_the_scales_surname_a_person_again(engine: PhiEngine) -> None:
    text = "Seen in clinic by Dr Katz 5/6, plan unchanged."
    assert covered_as(engine, text, "Katz", "PERSON"), found(engine, text)
