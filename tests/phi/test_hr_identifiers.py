"""Employment paperwork's identifiers (issue 14: classes from the dev batch of round 139).

An employee's code or number after "Emp. Code", "Staff code" or a payroll's "EE"; "ID" after
a label word is the label's, not Idaho's, so the number after it is no ZIP code and the word
before it no town ("Emp ID 55102", "Job ID 44812"); an Indian PAN in brackets after "PAN
card". Values invented.
"""

from __future__ import annotations

import pytest

from auditor.phi.engine import PhiEngine
from auditor.phi.entities import Entity
from tests.phi.conftest import found, found_as, kinds

ID = Entity.ID_NUMBER.value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("certify that Ms. Dhillon (Emp. Code: VTS-1188) worked with us", "VTS-1188"),
        ("loading not applied for Jaxon (EE 50318) on the pay runs", "50318"),
        ("originals of your PAN card (BXRPS4471K) and Aadhaar", "BXRPS4471K"),
    ],
)
def test_an_employees_and_a_taxpayers_number(engine: PhiEngine, text: str, value: str) -> None:
    assert ID in found_as(engine, text, value), found(engine, text)


@pytest.mark.parametrize(
    "text", ["Emp ID 55102 on the badge request.", "Requisition for Job ID 44812 approved."]
)
def test_a_labels_id_is_not_idaho(engine: PhiEngine, text: str) -> None:
    assert not kinds(engine, text) & {Entity.ZIP_CODE.value, Entity.LOCATION.value}, found(
        engine, text
    )


def test_idaho_before_a_zip_still_is(engine: PhiEngine) -> None:
    text = "Ships to Boise ID 83702 on Monday."
    assert (Entity.ZIP_CODE.value, "83702") in found(engine, text), found(engine, text)


def test_a_dose_after_ee_is_no_number(engine: PhiEngine) -> None:
    text = "EE 30 mcg daily with levonorgestrel."
    assert ID not in kinds(engine, text), found(engine, text)


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("Spanish interpreter (Cyracom ID 55120) used.", "55120"),
        ("Phone interpreter ID 41877 for consent.", "41877"),
        ('Agent Priya (ID 30771): "I can see the payment."', "30771"),
    ],
)
def test_five_digits_no_idaho_zip_begins_with(engine: PhiEngine, text: str, number: str) -> None:
    """Idaho's ZIP codes begin 832 to 838: "ID" before others is an identifier's label, even
    with no label word before it (the start tree read "Cyracom" as a town, 55120 a ZIP code)."""
    assert ID in found_as(engine, text, number), found(engine, text)
    assert not kinds(engine, text) & {Entity.ZIP_CODE.value, Entity.LOCATION.value}, found(
        engine, text
    )
