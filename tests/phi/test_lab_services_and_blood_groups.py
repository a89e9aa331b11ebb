"""A hospital's laboratories addressed by name, blood group systems and double eponyms
(issue 14).

Questions to a laboratory open by naming it ("Hi Micro,", "Hello Coag Lab", "ATTN Blood
Bank:"): the service, no person, town or firm. In a blood bank's words the systems named for
people (Kell, Duffy, Kidd) are systems, and double eponyms written without a head word
("Prader-Willi methylation", "CrCl (Cockcroft-Gault)") are no names. A person of the same
name, with a cue, stays one. Values invented.
"""

from __future__ import annotations

import pytest

from auditor.phi.engine import PhiEngine
from auditor.phi.entities import Entity
from tests.phi.conftest import found, found_as

PERSON = Entity.PERSON.value


@pytest.mark.parametrize(
    "text",
    [
        "Hi Micro, any growth on the blood cultures from yesterday?",
        "MICRO - urgent. Gram-negative rods in 2 of 2 bottles.",
        "Hello Coag Lab, can you add a factor VIII level to this morning's sample?",
        "Hello HLA lab, is the crossmatch back?",
        "Dear Lab, query regarding a haemolysed potassium.",
        "ATTN Blood Bank: positive antibody screen, please advise.",
    ],
)
def test_a_laboratory_addressed_by_name_is_no_phi(engine: PhiEngine, text: str) -> None:
    assert found(engine, text) == []


def test_the_person_who_writes_to_the_lab_is_found(engine: PhiEngine) -> None:
    text = "Micro - Ottoline Brackwater, ward 6 pharmacist, re vancomycin levels."
    assert PERSON in found_as(engine, text, "Ottoline Brackwater"), found(engine, text)


def test_blood_group_systems_in_a_blood_bank_s_words_are_no_names(engine: PhiEngine) -> None:
    text = "Anti-E found. Do we match for Kell only, or Duffy/Kidd too, for the next 2 units?"
    assert PERSON not in {k for k, _ in found(engine, text)}, found(engine, text)


def test_a_patient_with_such_a_name_is_still_a_person(engine: PhiEngine) -> None:
    text = "Crossmatch for 2 units: Pt Harold Duffy, antibody screen negative."
    assert PERSON in found_as(engine, text, "Harold Duffy"), found(engine, text)


@pytest.mark.parametrize(
    "text",
    [
        "Which tube for the Prader-Willi methylation study?",
        "CrCl (Cockcroft-Gault) 64 mL/min, dose adjusted.",
        "Is the Donath-Landsteiner still sent out?",
        "Port accessed with a 22G Huber needle, good return.",
    ],
)
def test_double_eponyms_and_needle_names_are_no_persons(engine: PhiEngine, text: str) -> None:
    assert PERSON not in {k for k, _ in found(engine, text)}, found(engine, text)


def test_such_a_name_near_insulin_units_is_still_a_person(engine: PhiEngine) -> None:
    text = "Duffy given 10 units insulin at 0800, tolerating diet."
    assert PERSON in found_as(engine, text, "Duffy"), found(engine, text)
