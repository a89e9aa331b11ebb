"""An emergency crew's unit by its call sign, and two countries' plates (issue 14).

"road ambulance unit 4417", "ground crew unit SK-312", "Ambulance crew Bravo 22": the unit that
carried the patient. Britain's plate after a registering office's word ("new keeper of ...")
and Ireland's (year, county, serial) after "Reg". A unit's word alone, or units of blood, are
no number. Values invented.
"""

from __future__ import annotations

import pytest

from auditor.phi.engine import PhiEngine
from auditor.phi.entities import Entity
from tests.phi.conftest import found, found_as, kinds

DEVICE = Entity.DEVICE_ID.value
PLATE = Entity.LICENSE_PLATE.value


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("0741 Handover to road ambulance unit 6182 at the bay.", "6182"),
        ("1640 Landed, ground crew unit MB-207 waiting.", "MB-207"),
        ("Transferred by EMS unit R-14 with two medics.", "R-14"),
        ("Ambulance crew Bravo 22 still here, can we release them?", "Bravo 22"),
    ],
)
def test_an_emergency_unit_s_call_sign(engine: PhiEngine, text: str, unit: str) -> None:
    assert DEVICE in found_as(engine, text, unit), found(engine, text)


def test_a_unit_s_word_alone_is_no_number(engine: PhiEngine) -> None:
    text = "Ambulance unit cleaned. EMS unit arrived 10 min later. 2 units PRBC given."
    assert DEVICE not in kinds(engine, text), found(engine, text)


@pytest.mark.parametrize(
    ("text", "plate"),
    [
        ("V5C: new keeper of YT21 KZW notified by post.", "YT21 KZW"),
        ("Parking fine, Galway City Council Reg 191-G-30418, appeal lodged.", "191-G-30418"),
    ],
)
def test_british_and_irish_plates(engine: PhiEngine, text: str, plate: str) -> None:
    assert PLATE in found_as(engine, text, plate), found(engine, text)
