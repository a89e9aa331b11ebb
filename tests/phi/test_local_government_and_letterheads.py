"""Local government by the shapes of its names, and a body's name in capitals on a
letterhead line of a mixed-case text (issue 14, after round 127's dev batch).

"Leeds City Council", "BRISTOL CITY COUNCIL", "City of Cape Town", "Pune Municipal
Corporation": a place and a word of what kind of body it is name a local authority in any case.
"Georgia DPH", "NYS DOH": a US state's department by its initials after the state.
"Council" alone names one only after a known place that is no English word ("Cornwall
Council", not "Reading Council").
A county named as a caption's or an oath's venue ("State of Ohio, County of Montgomery, ss.")
names where, not a body. "THAMES VALLEY POLICE - CENTRAL TICKET OFFICE": the grammar that
reads "Thames Valley Police" reads the letterhead too, where the name is the line's value; a
heading's words in capitals that run on ("NEW HIRE ONBOARDING") are none. Values
invented.
"""

from __future__ import annotations

import pytest

from auditor.phi.engine import PhiEngine
from auditor.phi.entities import Entity
from tests.phi.conftest import covered, found, found_as, spans_touching

ORG = Entity.ORGANIZATION.value


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("BRISTOL CITY COUNCIL - PENALTY CHARGE NOTICE (Traffic)", "BRISTOL CITY COUNCIL"),
        ("Care package arranged by Leeds City Council Adult Social Care.", "Leeds City Council"),
        ("Referral to Fingal County Council housing adaptation grant", "Fingal County Council"),
        ("Letter from Moreland Shire Council re: bin collection", "Moreland Shire Council"),
        ("Wrote to Cornwall Council about the blue badge", "Cornwall Council"),
        ("TO: Traffic Fines Section, City of Cape Town", "City of Cape Town"),
        ("Property tax: Pune Municipal Corporation, ward 14", "Pune Municipal Corporation"),
        ("Rates: eThekwini Metropolitan Municipality", "eThekwini Metropolitan Municipality"),
        ("Parking permit: Regional Municipality of Peel", "Regional Municipality of Peel"),
        ("WROTE TO SHEFFIELD COUNCIL ABOUT THE RAMP", "SHEFFIELD COUNCIL"),
        ("PERINATAL HIV EXPOSURE - report to Georgia DPH HIV Surveillance", "Georgia DPH"),
        ("Case faxed to NYS DOH on Monday", "NYS DOH"),
    ],
)
def test_a_local_authority_by_its_place_and_its_kind(
    engine: PhiEngine, text: str, name: str
) -> None:
    assert ORG in found_as(engine, text, name), found(engine, text)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Registered with the General Medical Council since 2009", "General Medical Council"),
        ("Reading Council minutes were tabled", "Reading Council"),
        ("State of Ohio, County of Montgomery, ss.", "County of Montgomery"),
        ("IN AND FOR THE COUNTY OF PIMA", "COUNTY OF PIMA"),
    ],
)
def test_no_authority_without_a_place_or_as_a_venue(
    engine: PhiEngine, text: str, words: str
) -> None:
    assert ORG not in {e for e, _, _ in spans_touching(engine, text, words)}, found(engine, text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("THAMES VALLEY POLICE - CENTRAL TICKET OFFICE\nNotice of intended prosecution",
         "THAMES VALLEY POLICE"),
        ("WESTBROOK HIGH SCHOOL CLASS OF '95 - 30 Year Reunion\nDear classmates,",
         "WESTBROOK HIGH SCHOOL"),
    ],
)  # fmt: skip
def test_a_letterhead_in_capitals(engine: PhiEngine, text: str, name: str) -> None:
    assert covered(engine, text, name), found(engine, text)


@pytest.mark.parametrize(
    ("text", "heading"),
    [
        ("NEW HIRE ONBOARDING - I-9 Section 2 completed by the manager", "NEW HIRE ONBOARDING"),
        ("CONFIRMATION FOR CHARITY FUND SUPPORT (English translation attached)",
         "CHARITY FUND SUPPORT"),
    ],
)  # fmt: skip
def test_a_heading_in_capitals_names_no_firm(engine: PhiEngine, text: str, heading: str) -> None:
    assert ORG not in {e for e, _, _ in spans_touching(engine, text, heading)}, found(engine, text)
