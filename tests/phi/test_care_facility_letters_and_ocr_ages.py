"""A care facility named in English words before its letters, and OCR'd ages that are words.

"Hollyhock Ridge LTACH", "Shady Oaks SNF": the letters of a long-term acute care, skilled
nursing, assisted living or rehabilitation facility in capitals after two capitalised words or
more name it even when every word is English (a name of the "Pine Ridge" kind), where one word
before them ("the SNF", "Needs SNF") or a payer's programme ("Medicare Part A SNF days") does
not. An age whose figure an OCR misread ("lO2") keeps its scanner's capitals: "Loom" in a
firm's name before "member" is no 100-year-old man. Values invented.
"""

from __future__ import annotations

import pytest

from auditor.phi.engine import PhiEngine
from auditor.phi.entities import Entity
from tests.phi.conftest import found, found_as, kinds

HOSPITAL = Entity.HOSPITAL.value
ORGANIZATION = Entity.ORGANIZATION.value
AGE = Entity.AGE.value


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Referred to Hollyhock Ridge LTACH.", "Hollyhock Ridge LTACH"),
        ("readmitted within 72 h from Shady Oaks SNF. SNF says", "Shady Oaks SNF"),
        ("Brookhaven Gardens ALF called about her meds", "Brookhaven Gardens ALF"),
        ("Plan: discharge to Copper Falls IRF on Monday", "Copper Falls IRF"),
    ],
)
def test_care_facility_letters_after_english_words(engine: PhiEngine, text: str, name: str) -> None:
    assert found_as(engine, text, name) & {HOSPITAL, ORGANIZATION}, found(engine, text)


@pytest.mark.parametrize(
    "text",
    [
        "Medicare Part A SNF days used: 20",
        "the Medicare Advantage SNF rate is lower",
        "She was sent to the SNF today.",
        "Still Needs SNF placement",
        "Pending Insurance Auth for IRF",
    ],
)
def test_the_letters_alone_or_after_a_programme(engine: PhiEngine, text: str) -> None:
    assert HOSPITAL not in kinds(engine, text), found(engine, text)


@pytest.mark.parametrize(
    "text",
    [
        "Your Jute & Loom Coworking member ID is GHC-1042.",
        "Loom M weaving class on Tuesdays",
        "looms m2 of fabric",
    ],
)
def test_words_are_no_ocr_ages(engine: PhiEngine, text: str) -> None:
    assert AGE not in kinds(engine, text), found(engine, text)


def test_an_ocr_age_in_capitals_still_reads(engine: PhiEngine) -> None:
    assert AGE in found_as(engine, "DIED AT HOME ON THE 4TH, AGED lO2.", "lO2")
