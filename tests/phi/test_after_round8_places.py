"""Error classes fixed after round 8 (issue 14), by kind, developed on dev corpora only:
Irish addresses: the Eircode and the county after "Co.".

Every value here is invented; none comes from a corpus. Each class comes with look-alikes
that must stay untouched.
"""

from __future__ import annotations

import pytest

from auditor.phi.engine import PhiEngine
from auditor.phi.entities import Entity
from tests.phi.conftest import found

# -- Irish addresses: Eircode, the county after "Co." --------------------------------------


def test_an_irish_address_line(engine: PhiEngine) -> None:
    text = "Ardmore Surgery, 4 Mill Lane, Ballinacarrig, Co. Roscommon F42 R7T3   Tel 090 555 0171"
    spans = found(engine, text)
    # the county with its "Co.", as Irish addresses write it and the hand-marked corpora mark it
    assert (Entity.LOCATION.value, "Co. Roscommon") in spans, spans
    assert (Entity.ZIP_CODE.value, "F42 R7T3") in spans, spans


@pytest.mark.parametrize(
    "text",
    [
        "Wedge fracture at T12 L1 level.",
        "ST elevation V2 V3, see ECG.",
    ],
)
def test_eircode_and_county_look_alikes(engine: PhiEngine, text: str) -> None:
    assert Entity.ZIP_CODE.value not in {e for e, _ in found(engine, text)}
    assert Entity.LOCATION.value not in {e for e, _ in found(engine, text)}


def test_a_company_co_is_no_county(engine: PhiEngine) -> None:
    text = "Invoice from Hartley & Co. Ltd attached."
    assert (Entity.LOCATION.value, "Co") not in found(engine, text)


def test_a_unit_before_a_street_without_a_house_number(engine: PhiEngine) -> None:
    text = "Millbrook Practice, Unit 7, Riverside Quay, Ballymore"
    assert (Entity.STREET_ADDRESS.value, "Unit 7, Riverside Quay") in found(engine, text)
