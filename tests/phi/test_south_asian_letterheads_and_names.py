"""A South Asian hospital's letterhead before its address, and "Muhammad" shortened before a
name (issue 14, after rounds 132 and 133's dev batches).

"Kaveri Digestive Care Hospital, No. 14, 3rd Cross": the address's "No." after the comma is
no field label ("Hosp No 123456" is one). "Md. Touseef", "Mohd. Khaleel": the short form as a
word opens the name; "MD" in capitals is a doctor's credential. Values invented.
"""

from __future__ import annotations

import pytest

from auditor.phi.engine import PhiEngine
from auditor.phi.entities import Entity
from tests.phi.conftest import found, found_as, kinds

HOSPITAL = Entity.HOSPITAL.value
PERSON = Entity.PERSON.value


def test_a_hospital_before_its_address(engine: PhiEngine) -> None:
    text = "Kaveri Digestive Care Hospital, No. 14, 3rd Cross, Jayanagar, Bengaluru - 560011"
    assert HOSPITAL in found_as(engine, text, "Kaveri Digestive Care Hospital"), found(engine, text)


def test_a_hospital_number_label_is_no_hospital(engine: PhiEngine) -> None:
    text = "Hosp No 123456 on the wristband"
    assert HOSPITAL not in kinds(engine, text), found(engine, text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("3. Md. Touseef M/9 OP only, platelets 1.1 lakh", "Md. Touseef"),
        ("Patient: Tahseen Bano W/o Mohd. Khaleel, 31/F", "Mohd. Khaleel"),
    ],
)
def test_muhammad_shortened_opens_a_name(engine: PhiEngine, text: str, name: str) -> None:
    assert PERSON in found_as(engine, text, name), found(engine, text)


def test_a_credential_in_capitals_opens_no_name(engine: PhiEngine) -> None:
    text = "Signed J. Roe, MD. Patient seen and examined."
    assert "Patient" not in {v for _, v in found(engine, text)}, found(engine, text)
