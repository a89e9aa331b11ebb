"""A loaned or a home device's number after the device's kind (issue 14): a school's laptop, a
tablet, a modem, a CPAP machine. The kind's word alone, or before a setting, is no number.
Values invented.
"""

from __future__ import annotations

import pytest

from auditor.phi.engine import PhiEngine
from auditor.phi.entities import Entity
from tests.phi.conftest import found, found_as

DEVICE = Entity.DEVICE_ID.value


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("Pupil's Chromebook SX-4410-QT21 left in the library.", "SX-4410-QT21"),
        ("Loaner tablet TB-30917 issued for the home visit.", "TB-30917"),
        ("CPAP machine DR-8812-0071 swapped for a new one.", "DR-8812-0071"),
    ],
)
def test_a_device_number_after_its_kind(engine: PhiEngine, text: str, number: str) -> None:
    assert DEVICE in found_as(engine, text, number), found(engine, text)


def test_a_device_s_setting_is_no_number(engine: PhiEngine) -> None:
    text = "CPAP 10 cmH2O overnight, BiPAP 14/8, one tablet 5 mg, AED pads on, modem reset."
    assert DEVICE not in {kind for kind, _ in found(engine, text)}, found(engine, text)
