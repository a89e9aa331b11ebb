"""Names a role, a conjunction or a bracket introduces (issue 14: classes from the dev batches
of all rounds to 141).

A capitalised word after a role written out ("Nurse", "supervisor", "Agent:") is a person's
name when no English word explains it, unless the role is one a firm fills ("Employer:") or
a second capitalised word follows; a name joined by "and" or "&" to a found one is one too;
a child's age or a kinship word in brackets after a given name makes it one; a suite's
number after an address read as a name is no age. Values invented.
"""

from __future__ import annotations

import pytest

from auditor.phi.engine import PhiEngine
from auditor.phi.entities import Entity
from tests.phi.conftest import found, found_as, kinds

PERSON = Entity.PERSON.value


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Nurse Tuilagi to visit by car after lunch.", "Tuilagi"),
        ("Escalated to supervisor Marrinack, who will call back.", "Marrinack"),
        ("Assigned agent: Ferelith. Ticket closed.", "Ferelith"),
        ("Line manager: Quarendon-Pyle (approved leave)", "Quarendon-Pyle"),
    ],
)
def test_a_name_after_a_role(engine: PhiEngine, text: str, name: str) -> None:
    assert PERSON in found_as(engine, text, name), found(engine, text)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Student's Chromebook CB-4410-QX12 was returned to IT.", "Chromebook"),
        ("Civil Enforcement Officer: CEO 4410   Observed 14:02", "CEO"),
        ("Customer Service will call back on Monday.", "Service"),
    ],
)
def test_no_name_after_a_role(engine: PhiEngine, text: str, word: str) -> None:
    assert PERSON not in found_as(engine, text, word), found(engine, text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("daughter Aroha and Wairere at bedside, updated.", "Wairere"),
        ("Wife Gussie, sons Merlin and Ottis at bedside.", "Ottis"),
        ("Parents Rhys & Bethan staying at the hotel.", "Bethan"),
        ("Olamide and Kofi Asante-Mensah attended the meeting.", "Olamide"),
    ],
)
def test_a_name_joined_to_a_found_one(engine: PhiEngine, text: str, name: str) -> None:
    assert PERSON in found_as(engine, text, name), found(engine, text)


def test_no_name_joined_by_an_english_word(engine: PhiEngine) -> None:
    text = "Smith and Nephew dressing applied to the wound."
    assert PERSON not in found_as(engine, text, "Nephew"), found(engine, text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Is Mahina (7) fit to go back to school?", "Mahina"),
        ("Referral to paeds: Arjun (6), seen at the walk-in clinic.", "Arjun"),
        ("Ngozika (patient's aunt) brought him in this morning.", "Ngozika"),
        ("Present: pt's sons Tou (eldest), Pheng.", "Tou"),
    ],
)
def test_a_name_before_an_age_or_kin_in_brackets(engine: PhiEngine, text: str, name: str) -> None:
    assert PERSON in found_as(engine, text, name), found(engine, text)


def test_a_dose_in_brackets_names_no_one(engine: PhiEngine) -> None:
    text = "Octaplex (50) units/kg given for reversal."
    assert PERSON not in kinds(engine, text), found(engine, text)


def test_a_suite_number_is_no_age(engine: PhiEngine) -> None:
    text = "Office at 2210 E. Grant Rd, Suite 104, Tucson, AZ 85719"
    assert Entity.AGE.value not in kinds(engine, text), found(engine, text)


@pytest.mark.parametrize(
    ("text", "login"),
    [
        ("[09:17] tom.dranefield: ok, offer sent", "tom.dranefield"),
        ("Run by amy.ng at 14:02 from the ward PC.", "amy.ng"),
    ],
)
def test_a_login_of_a_given_name_and_a_surname(engine: PhiEngine, text: str, login: str) -> None:
    assert PERSON in found_as(engine, text, login), found(engine, text)


@pytest.mark.parametrize(
    "text",
    [
        "Saved as anna.docx and sent to records.",
        "See /home/tom.smith/docs for the export.",
        "Write to mary.jones@example.org today.",
        "grace.period ends Friday",
    ],
)
def test_no_login_in_a_file_a_path_or_an_address(engine: PhiEngine, text: str) -> None:
    spans = found(engine, text)
    assert not any(kind == PERSON and "." in value for kind, value in spans if "@" not in value), (
        spans
    )


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("0800 Riklon, Tarmo, 47 yo M, medevac from Ebeye", "Riklon, Tarmo"),
        ("Pt = Kinneeveauk, Amos; wife at home in Point Hope", "Kinneeveauk, Amos"),
    ],
)
def test_a_surname_before_its_given_name_opening_a_line(
    engine: PhiEngine, text: str, name: str
) -> None:
    assert (PERSON, name) in found(engine, text), found(engine, text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Hi, it's Dee from 4 West, we have a patient, edmund quarrington, who is dying",
            "edmund quarrington",
        ),
        ("Update: pt miriam vellacott refusing repositioning overnight.", "miriam vellacott"),
    ],
)
def test_a_lower_case_name_after_patient_and_its_comma_or_before_what_they_do(
    engine: PhiEngine, text: str, name: str
) -> None:
    assert (PERSON, name) in found(engine, text), found(engine, text)
