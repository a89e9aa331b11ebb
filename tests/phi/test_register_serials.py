"""Serials a register writes with its letters and a year or batch glued on, one letter before
five digits, or capitals before four (issue 14: from the dev batch of round 144, checked over
every dev batch: 85 gold tokens more, 10 false-alarm tokens, all model or form numbers).

A de-identifier removes a code-shaped string rather than prove what it numbers; a drug's, a
standard's or a classification's name before its number is no register's. After a vehicle's
word, a plate of seven characters with two digits ("1XY-4QP", round 143's dev batch).
"""

from __future__ import annotations

import pytest

from auditor.phi.engine import PhiEngine
from auditor.phi.entities import Entity
from tests.phi.conftest import found, found_as, kinds

ID = Entity.ID_NUMBER.value


@pytest.mark.parametrize(
    ("text", "serial"),
    [
        ("Cycle K22-0718: frozen embryo transfer booked.", "K22-0718"),
        ("Embryo F21-0441-A3 (day 5) vitrified.", "F21-0441-A3"),
        ("Study drug kit B-55190 dispensed to the patient.", "B-55190"),
        ("Interpreter Ilse Marrow (QT-3308) present throughout.", "QT-3308"),
        ("Straw MW24-33871 thawed for the second transfer.", "MW24-33871"),
    ],
)
def test_a_register_serial(engine: PhiEngine, text: str, serial: str) -> None:
    assert ID in found_as(engine, text, serial), found(engine, text)


@pytest.mark.parametrize(
    "text",
    [
        "Bowel prep with PEG-3350 the evening before.",
        "Coded under ICD-1010 by the coder.",
        "Suture P2-118 used for closure.",
    ],
)
def test_a_named_number_is_no_serial(engine: PhiEngine, text: str) -> None:
    assert ID not in kinds(engine, text), found(engine, text)


def test_a_plate_of_seven_characters_with_two_digits(engine: PhiEngine) -> None:
    text = "Courier Dana Vell (DRV-5521), vehicle 7KM-2RT, attempted delivery."
    assert Entity.LICENSE_PLATE.value in found_as(engine, text, "7KM-2RT"), found(engine, text)
