"""Agencies, services and trusts named for where or whom they serve (issue 14: round 151's
resettlement agencies, "Southern Cross Settlement Services", "Afghan Resettlement Team"; the
older dev batches' "Foxley Ridge Family Health Team", "Highland Family History Society"): the
last word says what the body is, a word of a place or a people that it is one; a department's
name of ordinary words is none ("Customer Services", "Palliative Care Consult Team"). And a
hospital's short name, its town and its last word, as transfer lines write it ("Rapid City
Regional", round 130's dev batch; its state's letters, "NC Baptist", round 150's), not a church
of that town ("Lexington Baptist Church"); an employer or a works after its found town ("Blue
Ridge Poultry Processing", "CLINCHFIELD NO. 9 MINE", round 150's).
"""

from __future__ import annotations

import pytest

from auditor.phi.engine import PhiEngine
from tests.phi.conftest import covered_as, found, touched


@pytest.mark.parametrize(
    ("text", "body"),
    [
        (
            "Case log - Northern Star Refugee Services (Footscray office)",
            "Northern Star Refugee Services",
        ),
        (
            "Welfare check asked of the Somali Community Support Team, 0161 496 0802.",
            "Somali Community Support Team",
        ),
        (
            "Rent paid through their Eastbrook Community Housing plan.",
            "Eastbrook Community Housing",
        ),
        ("Referred to the Dandenong Family Resource Network.", "Dandenong Family Resource Network"),
    ],
)
def test_a_body_named_for_a_place_or_a_people(engine: PhiEngine, text: str, body: str) -> None:
    assert covered_as(engine, text, body, "ORGANIZATION"), found(engine, text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Helen Bray, Customer Services", "Customer Services"),
        ("To: Palliative Care Consult Team, 4th floor", "Palliative Care Consult Team"),
        ("Yours sincerely,\nBilling Team", "Billing Team"),
    ],
)
def test_a_department_of_ordinary_words_is_none(engine: PhiEngine, text: str, value: str) -> None:
    assert not touched(engine, text, value), found(engine, text)


def test_a_church_by_its_denominations_letters(engine: PhiEngine) -> None:
    text = "Deacon Amos Whitlock of Cedar Hollow M.B. Church visited."
    assert covered_as(engine, text, "Cedar Hollow M.B. Church", "ORGANIZATION"), found(engine, text)


@pytest.mark.parametrize(
    ("text", "hospital"),
    [
        ("Plan transfer to Rapid City Regional tomorrow for dialysis.", "Rapid City Regional"),
        ("Accepted by Lexington Baptist, report called to charge RN.", "Lexington Baptist"),
        ("tPA given at SC Baptist 1720, flown on.", "SC Baptist"),
    ],
)
def test_a_hospitals_short_name_after_its_town(engine: PhiEngine, text: str, hospital: str) -> None:
    assert covered_as(engine, text, hospital, "HOSPITAL"), found(engine, text)


def test_a_church_of_the_town_is_no_hospital(engine: PhiEngine) -> None:
    text = "She sings at Lexington Baptist Church on Sundays."
    assert not covered_as(engine, text, "Lexington Baptist", "HOSPITAL"), found(engine, text)


@pytest.mark.parametrize(
    ("text", "body"),
    [
        ("WORKED 22 YRS AT HARLAN NO. 4 MINE, QUIT 1998", "HARLAN NO. 4 MINE"),
        (
            "Employer Blue Ridge Poultry Processing HR called re: comp",
            "Blue Ridge Poultry Processing",
        ),
    ],
)
def test_a_works_after_its_town(engine: PhiEngine, text: str, body: str) -> None:
    assert covered_as(engine, text, body, "ORGANIZATION"), found(engine, text)
