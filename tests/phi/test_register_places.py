"""Places as registers and clipped transfer notes name them (issue 14: rounds 158 and 159's
dev batches): after "nr" (near), after a civil register's unit and "of" ("the District of
Ennistymon"), and after a register's or an attestation paper's "Place:" or "Abode:" label. A
clinical "nr" (not recorded, non-reactive) names nothing.
"""

from __future__ import annotations

import pytest

from auditor.phi.engine import PhiEngine
from tests.phi.conftest import covered_whole, found, touched


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("MVC nr Eureka, ejected, GCS 7 on scene.", "Eureka"),
        ("Births registered in the District of Kilcolgan in the year 1881.", "Kilcolgan"),
        ("Place: Bramshott, Hants   Date: 3-9-16   Unit: 12th Bn", "Bramshott"),
        ("Abode: Tullyroe   Condition: bachelor", "Tullyroe"),
    ],
)
def test_a_place_after_its_cue(engine: PhiEngine, text: str, place: str) -> None:
    assert covered_whole(engine, text, place), found(engine, text)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("VDRL NR, HBsAg NR, sats nr baseline on 2L.", "baseline"),
        ("Place: ED bay 3, bedside handover done.", "bay"),
    ],
)
def test_no_place_there(engine: PhiEngine, text: str, word: str) -> None:
    assert not touched(engine, text, word), found(engine, text)
