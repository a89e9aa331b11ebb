"""Air ambulances named before what they flew or did, air rescues by name, a county's coroner
or medical examiner, and names that stop before a family history's life abbreviations (issue
14: rounds 158 and 159's dev batches of Mountain West ICU notes and genealogy papers). The
kinds of air a patient breathes stay.
"""

from __future__ import annotations

import pytest

from auditor.phi.engine import PhiEngine
from tests.phi.conftest import covered_whole, found, touched


@pytest.mark.parametrize(
    ("text", "service"),
    [
        ("Summit Flight rotor wing launched 0415 from the pad.", "Summit Flight"),
        ("Transfer: Cascade AirCare declined (icing), ground crew requested.", "Cascade AirCare"),
        ("Pt flown by Air Wyoming Rescue to the trauma centre.", "Air Wyoming Rescue"),
        ("Coroner: Teton County Coroner notified at 0230.", "Teton County Coroner"),
        ("Case accepted by the Ada County Medical Examiner.", "Ada County Medical Examiner"),
    ],
)
def test_an_air_service_by_name(engine: PhiEngine, text: str, service: str) -> None:
    assert covered_whole(engine, text, service), found(engine, text)


def test_room_air_stays(engine: PhiEngine) -> None:
    text = "Weaned to room air, crew change at 0700."
    assert not touched(engine, text, "room air"), found(engine, text)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("My great-aunt Winifred TREGEAR, b. 1893 St Austell, d. 1970.", "b."),
        ("No trace of Michael Roche b. abt 1841 Fethard after the famine.", "abt"),
        ("Gen. 3: Alfred Pennock, m. 1911 Edith Lowe, Derby.", "m."),
    ],
)
def test_a_name_stops_before_born_or_married(engine: PhiEngine, text: str, word: str) -> None:
    assert not touched(engine, text, word), found(engine, text)
