"""A town in brackets after a facility's or a firm's name, and the bodies of pet care (issue 14,
after round 131's dev batch).

"Dilston Vets (Hexham branch)", "Kiddiwinks Learning Hub (Sengkang)": the town a facility is
in, written in brackets as it is after a comma; a given name there is who answered ("the office
(Bernadette)"). "Petplan", "HomeAgain", "ISPCA", "Dogs Trust": pet insurers, microchip
registries, veterinary laboratories and animal-welfare charities, from the lists of well-known
firms and charities. "UKHSA", "Public Health Ontario", "ARPHS": public health agencies, from
the public bodies' list ("ESR" is a sedimentation rate, "PHE" phenylephrine). Values invented.
"""

from __future__ import annotations

import pytest

from auditor.phi.engine import PhiEngine
from auditor.phi.entities import Entity
from tests.phi.conftest import found, found_as

LOCATION = Entity.LOCATION.value
ORG = Entity.ORGANIZATION.value


@pytest.mark.parametrize(
    ("text", "town"),
    [
        ("RECEPTION CALL LOG - Dilston Vets (Hexham branch)    Mon 7 Nov 2022", "Hexham"),
        ("vet bills at Mount Leinster Veterinary (Bunclody) only", "Bunclody"),
        ("childcare teacher at Kiddiwinks Learning Hub (Sengkang) | Addr: Blk 412", "Sengkang"),
        ("transferred from Tug Fork Valley Hospital (Williamson) on 9/18/95", "Williamson"),
    ],
)
def test_a_town_in_brackets_after_a_facility(engine: PhiEngine, text: str, town: str) -> None:
    assert LOCATION in found_as(engine, text, town), found(engine, text)


def test_a_given_name_in_brackets_is_who_answered(engine: PhiEngine) -> None:
    text = "Called Dr Kingscote's office (Bernadette) at 15:20."
    assert LOCATION not in found_as(engine, text, "Bernadette"), found(engine, text)


@pytest.mark.parametrize(
    ("text", "body"),
    [
        ("09:31 Petplan rang re claim for the cruciate", "Petplan"),
        ("Scan: chip 4A1F6C2E0B (HomeAgain 125 kHz) - registered to owner", "HomeAgain"),
        ("In-house biochem + TT4 to IDEXX, results tomorrow", "IDEXX"),
        ("Reported to the dog warden and ISPCA.", "ISPCA"),
        ("Rehomed via Dogs Trust in 2019", "Dogs Trust"),
    ],
)
def test_the_bodies_of_pet_care(engine: PhiEngine, text: str, body: str) -> None:
    assert ORG in found_as(engine, text, body), found(engine, text)


@pytest.mark.parametrize(
    ("text", "body"),
    [
        ("Public health (UKHSA East) are asking about the cooling tower", "UKHSA"),
        ("sent for ribotyping through Public Health Ontario?", "Public Health Ontario"),
        ("Reg: Yes if suspected, ring ARPHS on 09 630 5172. They want travel dates.", "ARPHS"),
    ],
)
def test_a_public_health_agency(engine: PhiEngine, text: str, body: str) -> None:
    assert ORG in found_as(engine, text, body), found(engine, text)


def test_a_sedimentation_rate_is_no_agency(engine: PhiEngine) -> None:
    text = "ESR 42, CRP 88; PHE infusion weaned."
    assert ORG not in {e for e, _ in found(engine, text)}, found(engine, text)
