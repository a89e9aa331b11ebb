"""Error classes fixed after round 9 (issue 14), by kind, developed on dev corpora only:
a weekday before a dotted date, an eight-digit birth date after its cue, people under a role
label, places before an administrative unit, streets whose type comes first with no house
number, and a hospital heading a form written in capitals.

Every value here is invented; none comes from a corpus. Each class comes with look-alikes
that must stay untouched.
"""

from __future__ import annotations

import pytest

from auditor.phi.engine import PhiEngine
from auditor.phi.entities import Entity
from tests.phi.conftest import found

DATE = Entity.DATE_TIME.value


def test_a_weekday_before_a_dotted_date(engine: PhiEngine) -> None:
    assert (DATE, "Sat 14.03.2026") in found(engine, "Flight left Sat 14.03.2026 at dusk")
    assert found(engine, "O2 sat 9.5 on 2L, sat 93/95") == []


def test_an_eight_digit_birth_date_needs_its_cue(engine: PhiEngine) -> None:
    assert (DATE, "07191948") in found(engine, "kiosk step=auth dob=07191948 ok")
    assert (DATE, "19071948") in found(engine, "D.O.B. 19071948")
    assert not any(kind == DATE for kind, _ in found(engine, "invoice 07191948 paid"))


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("mother/caretaker: wanjiru tabitha", "wanjiru tabitha"),
        ("Escort: Perpetua Okafor", "Perpetua Okafor"),
        ("received by: t. obuya, midwife", "t. obuya"),
    ],
)
def test_a_role_label_names_a_person(engine: PhiEngine, text: str, name: str) -> None:
    assert (Entity.PERSON.value, name) in found(engine, text), found(engine, text)


def test_role_labels_before_ordinary_words_name_no_one(engine: PhiEngine) -> None:
    assert found(engine, "Mother: alive and well.\nDoctor: please review.") == []


def test_places_before_an_administrative_unit(engine: PhiEngine) -> None:
    text = "referral — kiboga district, mpenja sub-county, village: nakatete"
    got = found(engine, text)
    for place in ("kiboga", "mpenja", "nakatete"):
        assert any(kind == Entity.LOCATION.value and place in v for kind, v in got), got
    assert found(engine, "She lives in the district; the school district wrote.") == []


@pytest.mark.parametrize(
    ("text", "street"),
    [
        ("Address: La Rue des Vaux, St Ouen", "La Rue des Vaux"),
        ("lives at Jalan Merbau 14, Ipoh", "Jalan Merbau 14"),
    ],
)
def test_a_street_whose_type_comes_first(engine: PhiEngine, text: str, street: str) -> None:
    got = found(engine, text)
    assert any(kind == Entity.STREET_ADDRESS.value and street in v for kind, v in got), got


def test_a_hospital_heading_a_form_in_capitals(engine: PhiEngine) -> None:
    got = found(engine, "LEEWARD BAY GENERAL HOSPITAL, ANTENATAL CARD\nNAME: ___")
    assert (Entity.HOSPITAL.value, "LEEWARD BAY GENERAL HOSPITAL") in got, got
    assert found(engine, "PT TRANSFERRED TO OUTSIDE HOSPITAL. LOCAL HOSPITAL AWARE.") == []


@pytest.mark.parametrize(
    ("text", "facility"),
    [
        ("transferred to Hospital Santa Teresita, Ponce", "Hospital Santa Teresita"),
        ("seen at Clínica Las Palmeras last year", "Clínica Las Palmeras"),
        ("referred on to kagadi health centre iv with oxygen", "kagadi health centre iv"),
    ],
)
def test_facility_word_first_and_a_facility_level(
    engine: PhiEngine, text: str, facility: str
) -> None:
    got = found(engine, text)
    assert (Entity.HOSPITAL.value, facility) in got, got


def test_section_heads_after_hospital_are_no_names(engine: PhiEngine) -> None:
    text = "Hospital Course: uneventful. Hospital Day 3. Hospital Stay 4 days."
    assert not any(kind == Entity.HOSPITAL.value for kind, _ in found(engine, text))


def test_a_crew_label_and_its_credentials(engine: PhiEngine) -> None:
    got = found(engine, "Medics: R. Tallbear, EMT-B; J. Quist, EMT")
    assert (Entity.PERSON.value, "R. Tallbear") in got, got
    assert not any("EMT" in v for _, v in got), got


@pytest.mark.parametrize(
    ("text", "address"),
    [
        (
            "ADDRESS: LP 7 MORNE CORBEAU RD, LOWER CASCADE   TEL 555-0144",
            "LP 7 MORNE CORBEAU RD, LOWER CASCADE",
        ),
        (
            "Accommodation: Staff camp 4, block D, room 19, Ruwais\nEmployer: x",
            "Staff camp 4, block D, room 19, Ruwais",
        ),
    ],
)
def test_the_value_of_an_address_field(engine: PhiEngine, text: str, address: str) -> None:
    got = found(engine, text)
    assert any(kind == Entity.STREET_ADDRESS.value and v == address for kind, v in got), got


def test_address_placeholders_are_no_address(engine: PhiEngine) -> None:
    assert found(engine, "Address: same as above; Residence: NFA\nAddress: not given") == []


def test_a_registration_number_with_its_letter_code(engine: PhiEngine) -> None:
    got = found(engine, "countersigned by the midwife, reg. no. QTR 5820, today")
    assert (Entity.ID_NUMBER.value, "QTR 5820") in got, got
    # a year after a word is no registration number
    assert found(engine, "Ref: CASE 2019 closed; registration AB 2026 pending") == []


def test_an_initial_and_a_surname_no_list_knows(engine: PhiEngine) -> None:
    got = found(engine, "resident B. Quenault fell; seen with T. Okonkwo-Eze today")
    assert (Entity.PERSON.value, "B. Quenault") in got, got
    assert (Entity.PERSON.value, "T. Okonkwo-Eze") in got, got
    # a genus's initial and its species; a letter closing a sentence before a word
    text = "grew E. Coli, H. Pylori, N. Meningitidis. Vitamin D. Patient stable. Plan B. Follow up."
    assert found(engine, text) == [], found(engine, text)


def test_a_doubled_word_and_a_lower_case_unit_are_no_names(engine: PhiEngine) -> None:
    got = found(engine, "transport: boda boda to the clinic\nnakaseke parish, village: kiwoko")
    assert not any(kind == Entity.PERSON.value for kind, _ in got), got
    assert (Entity.PERSON.value, "Ruth Parish") in found(engine, "Ruth Parish called")
