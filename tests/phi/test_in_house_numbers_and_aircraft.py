"""A hospital's in-house numbers and an air ambulance's aircraft, as ICU and transfer notes
write them (issue 14, after round 165's blind figures: its phones below vanilla's, its
vehicle identifiers the most surviving type): a campus digit and an extension after a word
of calling ("callback 5-2241"), a wireless handset's extension ("Vocera 6642"), an
aircraft's registration after an air ambulance's name ("by Ridgeway AeroMed N274RM").
A dilution, a mask and a gas are none of these.
"""

from __future__ import annotations

import pytest

from auditor.phi.engine import PhiEngine
from tests.phi.conftest import covered_whole, found, touched


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Family asked for callback 5-2241 after rounds", "5-2241"),
        ("charge RN on Vocera 6642 overnight", "6642"),
        ("RT reachable on Spectralink 4-4471", "4-4471"),
        ("Burn pt from Kellsburg, by Ridgeway AeroMed N274RM. ~30% TBSA", "N274RM"),
    ],
)
def test_an_in_house_number_or_an_aircraft(engine: PhiEngine, text: str, value: str) -> None:
    assert covered_whole(engine, text, value), found(engine, text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("epinephrine dilution 1-1000, then at 1-2000", "1-2000"),
        ("N95 mask worn for the flight", "N95"),
        ("N2O weaned before the flight", "N2O"),
    ],
)
def test_a_dilution_a_mask_or_a_gas_stays(engine: PhiEngine, text: str, value: str) -> None:
    assert not touched(engine, text, value), found(engine, text)
