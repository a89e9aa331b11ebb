"""A unit board's bed lines and nurses' parts, a constable's title, a retrieval flight's
airports and a nursing station (issue 14).

"Bed 1 - KOSTYSHYN - pancreatitis": the surname in capitals after the bed is the patient's; a
word a dictionary explains there ("NPO", "DNR") is not. "Charge: Odile" names the charge nurse.
A flight nurse's log names airports after "Landed" and "Departed". Values invented.
"""

from __future__ import annotations

import pytest

from auditor.phi.engine import PhiEngine
from auditor.phi.entities import Entity
from tests.phi.conftest import found, found_as

PERSON = Entity.PERSON.value

BOARD = (
    "CHARGE BOARD 0700\n"
    "Bed 1 - KOSTYSHYN - pancreatitis, CRRT running\n"
    "Bed 2 - WEYBRIDGE-OKAFOR - post crani, EVD at 15\n"
    "Bed 3 - NPO - awaiting OR\n"
    "Rm 4 / DNR / comfort measures\n"
    "Charge: Odile   Resource: Fintan\n"
)


@pytest.mark.parametrize("name", ["KOSTYSHYN", "WEYBRIDGE-OKAFOR", "Odile", "Fintan"])
def test_a_board_s_patients_and_nurses(engine: PhiEngine, name: str) -> None:
    assert PERSON in found_as(engine, BOARD, name), found(engine, BOARD)


def test_a_board_s_words_are_no_names(engine: PhiEngine) -> None:
    spans = found(engine, BOARD)
    assert not any(v in {"NPO", "DNR", "CHARGE"} for _, v in spans), spans


def test_a_charge_that_is_money_is_no_name(engine: PhiEngine) -> None:
    text = "Charge: $45.00 for parking. Charge nurse aware."
    assert found(engine, text) == []


def test_a_constable_s_surname_after_the_abbreviated_rank(engine: PhiEngine) -> None:
    text = "0230 Cst. Brakspear attended re: belongings, badge 5512."
    assert PERSON in found_as(engine, text, "Brakspear"), found(engine, text)


def test_airports_in_a_retrieval_log(engine: PhiEngine) -> None:
    text = "0615 Wheels up, fixed wing. 0810 Landed YQR, road crew waiting. 0930 Departed YXE."
    assert Entity.LOCATION.value in found_as(engine, text, "YQR"), found(engine, text)


def test_a_nursing_station_is_a_facility(engine: PhiEngine) -> None:
    text = "Sending: Kettle Narrows Nursing Station -> Receiving: tertiary ICU"
    assert Entity.HOSPITAL.value in found_as(engine, text, "Kettle Narrows Nursing Station"), found(
        engine, text
    )
