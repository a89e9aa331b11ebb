"""Where a patient was found, written as coordinates, is a place (issue 14: round 148's dev
batch of search-and-rescue and dispatch logs gave casualty sites as latitude and longitude, a
British grid reference, New Zealand's metres and what3words; the start tree read none).

Each locates a person more finely than a town (Safe Harbor's geographic element). Ventilator
settings, gases and a room's letters are no coordinates.
"""

from __future__ import annotations

import pytest

from auditor.phi.engine import PhiEngine
from auditor.phi.entities import Entity
from tests.phi.conftest import found, found_as, kinds

LOCATION = Entity.LOCATION.value


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("PLS 46.2904 N, 122.2688 W at 1500.", "46.2904 N, 122.2688 W"),
        ("Pin dropped S 33.8568 E 151.2153 by caller.", "S 33.8568 E 151.2153"),
        ("Crash site 46°17'25\"N 122°16'08\"W, 2 occupants.", "46°17'25\"N 122°16'08\"W"),
        ("GPS 45.52310, -122.67650 sent by caller.", "45.52310, -122.67650"),
        ("Casualty at NY 2091 0746, cold and wet.", "NY 2091 0746"),
        ("Grid ref SH 60995 54391 for the RV.", "SH 60995 54391"),
        ("Located by team 3 at NZTM 1693420 5652810, below the falls.", "NZTM 1693420 5652810"),
        ("Loc: lay-by off the A82 (///taller.pocket.lions)", "///taller.pocket.lions"),
        ("Aircraft landed at MGRS 18S UJ 23371 06519.", "18S UJ 23371 06519"),
    ],
)
def test_coordinates_are_a_place(engine: PhiEngine, text: str, place: str) -> None:
    assert LOCATION in found_as(engine, text, place), found(engine, text)


@pytest.mark.parametrize(
    "text",
    [
        "ABG 7.352, 40.213 on FiO2 0.45; PEEP 10, PS 14/5.",
        "K 4.105, 3.982 after repletion.",
        "Bed NY 12 in the overflow bay.",
        "Ratio 1.025, 0.998 on the repeat run.",
    ],
)
def test_settings_and_values_are_no_coordinates(engine: PhiEngine, text: str) -> None:
    assert LOCATION not in kinds(engine, text), found(engine, text)


def test_a_handphone_label_is_no_grid_square(engine: PhiEngine) -> None:
    text = "Son Wei Jie updated at bedside, HP 8123 0457."
    assert LOCATION not in kinds(engine, text), found(engine, text)
