"""Immigration and resettlement casework (issue 14: round 151's dev batch of visa, asylum and
resettlement paperwork): the A-number by its short label and Canada's client identifier, the
place a travel document was issued, a town after a body's comma, immigration courts, refugee
agencies and legal-aid bodies by list, and a country's letters written with their dots. A
language or a nationality after "in" or "is" is neither a place nor a name ("read to you in
Somali", "Pt is Marshallese").
"""

from __future__ import annotations

import pytest

from auditor.phi.engine import PhiEngine
from tests.phi.conftest import covered_as, covered_whole, found, touched


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Respondent: LIANG, Meixiu    A#: A207 114 590", "A207 114 590"),
        ("Client file, A# A301-552-418, biometrics done.", "A301-552-418"),
        ("Claimant's UCI: 1187-3302, hearing pending at the board.", "1187-3302"),
    ],
)
def test_an_immigration_number_after_its_short_label(
    engine: PhiEngine, text: str, value: str
) -> None:
    assert covered_whole(engine, text, value), found(engine, text)


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Passport no. P0938821   Issuing authority: MOGADISHU\nCopied by caseworker", "MOGADISHU"),
        ("Travel document checked. Place of issue: JALALABAD", "JALALABAD"),
        ("Interview at Department of Home Affairs, Liverpool office on Monday.", "Liverpool"),
        ("Funeral arranged by Dunleavy & Sons, Ballinasloe.", "Ballinasloe"),
    ],
)
def test_the_place_a_form_or_a_body_names(engine: PhiEngine, text: str, place: str) -> None:
    assert covered_as(engine, text, place, "LOCATION"), found(engine, text)


@pytest.mark.parametrize(
    ("text", "body"),
    [
        (
            "NOTICE OF HEARING\nEXECUTIVE OFFICE FOR IMMIGRATION REVIEW",
            "EXECUTIVE OFFICE FOR IMMIGRATION REVIEW",
        ),
        ("Referred on by UNHCR after registration in the camp.", "UNHCR"),
        ("Certificate granted by Legal Aid Ontario for the refugee claim.", "Legal Aid Ontario"),
        (
            "Forms returned to U.S. Citizenship and Immigration Services in May.",
            "U.S. Citizenship and Immigration Services",
        ),
        ("Interview booked at the U.S. Embassy next week.", "U.S. Embassy"),
    ],
)
def test_immigration_bodies(engine: PhiEngine, text: str, body: str) -> None:
    assert covered_whole(engine, text, body), found(engine, text)


def test_a_report_qualifier_in_brackets_is_no_town(engine: PhiEngine) -> None:
    text = "US ABDOMEN LIMITED (RUQ)   31/10/2026"
    assert not touched(engine, text, "RUQ"), found(engine, text)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("This letter can be read to you in Somali if you call us.", "Somali"),
        ("Consent explained in Tigrinya, teach-back confirmed.", "Tigrinya"),
        ("Pt is Marshallese, prefers to speak Marshallese. Interpreter used.", "Marshallese"),
    ],
)
def test_a_language_or_a_nationality_is_no_place_or_name(
    engine: PhiEngine, text: str, word: str
) -> None:
    assert not touched(engine, text, word), found(engine, text)
