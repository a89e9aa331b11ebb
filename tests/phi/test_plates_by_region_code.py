"""A plate after its region's code where a vehicle is spoken of (issue 14): Canada's provinces
and Australia's states beside the US states, and a plate printed in two groups ("ON BRXT 552").
A ZIP code after a state's code is no plate. Values invented.
"""

from __future__ import annotations

import pytest

from auditor.phi.engine import PhiEngine
from auditor.phi.entities import Entity
from tests.phi.conftest import found, found_as

PLATE = Entity.LICENSE_PLATE.value


@pytest.mark.parametrize(
    ("text", "plate"),
    [
        ("Loan vehicle issued: ON CKRT 118, returned full.", "CKRT 118"),
        ("Valet ticket 22: QC 4TR-K22, grey Civic.", "4TR-K22"),
        ("Car parked in bay 4, NSW BZ73KQ.", "BZ73KQ"),
    ],
)
def test_a_plate_after_its_region_code(engine: PhiEngine, text: str, plate: str) -> None:
    assert PLATE in found_as(engine, text, plate), found(engine, text)


def test_a_zip_code_after_a_state_code_is_no_plate(engine: PhiEngine) -> None:
    text = "Parked in lot B, CA 94110 Toyota owner"
    assert PLATE not in {kind for kind, _ in found(engine, text)}, found(engine, text)
