"""Names by where they stand, employers of one word, sites, folders, crews and regulators.

Classes from the dev batches of rounds 118-121 (issue 14), each by its kind, with look-alikes:
- a family member after "S/O", "D/O", "W/O", as South Asian records name them; "w/o" is also
  "without", so the words after it must read as a name;
- a caller naming themselves before where they call from ("it's Pip from the practice"), even
  when the name is an English word, not a service, a role or a team;
- dotted initials after the act signed for ("Recorded by L.N.") and after a signature's label
  ("Sign: T.K."), where capitals alone must close the line (a clinical sign may follow
  "Sign:");
- one Title-case word where a job is said to be ("a bus driver with Stagecoach");
- a site after "www." whatever its top label ("www.mutual.example", "www.ehr.local");
- a record number with an NHS trust's code or a folder's year ("Hosp No. RJ7 66042", "fol.
  no. BCH 2231/05");
- a crew's unit with its service's letters ("ALS unit GP-ALS 114", "Towing (unit T-14)");
- a vehicle by "veh" ("Insured veh WK19 HZD (Skoda Octavia)": a plate, no person);
- a regulator, an ombudsman or a tribunal by the words before its head ("Fair Work
  Commission"), not a generic one ("the Local Authority") nor an authority that is a
  permission ("Special Authority": an authority needs a word that is no English one).
Values invented.
"""

from __future__ import annotations

import pytest

from auditor.phi.engine import PhiEngine
from auditor.phi.entities import Entity
from tests.phi.conftest import covered_as, found, found_as, kinds

PERSON = Entity.PERSON.value
ORGANIZATION = Entity.ORGANIZATION.value
URL = Entity.URL.value
MRN = Entity.MEDICAL_RECORD_NUMBER.value
DEVICE = Entity.DEVICE_ID.value
PLATE = Entity.LICENSE_PLATE.value


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("pt mrs noorjehan bibi w/o gul marwat, 68 yrs, admitted", "gul marwat"),
        ("Mr Rakesh Verma S/O Late Shri Mohan Lal, R/O Village Kheri", "Mohan Lal"),
        ("Anita D/O Ramesh Yadav, age 7", "Ramesh Yadav"),
    ],
)
def test_a_relative_after_son_daughter_or_wife_of(engine: PhiEngine, text: str, name: str) -> None:
    assert covered_as(engine, text, name, PERSON), found(engine, text)


@pytest.mark.parametrize(
    "text",
    [
        "advised no restriction w/o shocks",
        "CT w/o contrast today",
        "w/o any complaints overnight",
        "d/o bipolar type, stable",
        "walks w/o cane",
        "MAP >65 w/o pressors since Thursday",  # one word no list knows, in lower case
        "recipient (first name/initial ok) | for self",
    ],
)
def test_without_and_disorders_are_no_relations(engine: PhiEngine, text: str) -> None:
    assert PERSON not in kinds(engine, text), found(engine, text)


def test_a_caller_names_themselves(engine: PhiEngine) -> None:
    text = "Hi Dr Garmendia - it's Pip from the practice"
    assert PERSON in found_as(engine, text, "Pip"), found(engine, text)


@pytest.mark.parametrize(
    "text",
    [
        "it's Reception from the front desk",
        "this is Pharmacy from 4 West",
        "It's Monday from now on",
        "it's Nurse from ward 3",
    ],
)
def test_a_service_or_a_day_is_no_caller(engine: PhiEngine, text: str) -> None:
    assert PERSON not in kinds(engine, text), found(engine, text)


@pytest.mark.parametrize(
    ("text", "initials"),
    [
        ("Given by sister. Recorded by L.N.", "L.N."),
        ("Checked by: T.K. and the charge nurse", "T.K."),
        ("Discussed with family.\nSign: M.K.O.", "M.K.O."),
        ("Family updated.\nSigned: JT", "JT"),
    ],
)
def test_dotted_initials_that_sign(engine: PhiEngine, text: str, initials: str) -> None:
    assert PERSON in found_as(engine, text, initials), found(engine, text)


@pytest.mark.parametrize("text", ["Sign: SOB on exertion", "signed: RN", "Signs: pallor"])
def test_a_sign_s_label_before_a_sign(engine: PhiEngine, text: str) -> None:
    assert PERSON not in kinds(engine, text), found(engine, text)


@pytest.mark.parametrize(
    ("text", "firm"),
    [
        ("He is a bus driver with Stagecoach. I have tried", "Stagecoach"),
        ("He works for Stagecoach as a driver", "Stagecoach"),
        ("she works for Target part time", "Target"),
    ],
)
def test_one_word_employer(engine: PhiEngine, text: str, firm: str) -> None:
    assert ORGANIZATION in found_as(engine, text, firm), found(engine, text)


@pytest.mark.parametrize(
    "text", ["Insurance: Pending", "works at Hospital as porter", "works for Himself"]
)
def test_no_employer_in_one_word(engine: PhiEngine, text: str) -> None:
    assert ORGANIZATION not in kinds(engine, text), found(engine, text)


@pytest.mark.parametrize(
    ("text", "url"),
    [
        ("(843) 555-1207 x318 | www.penrose-mutual.example", "www.penrose-mutual.example"),
        ("see www.ehr.local/login today", "www.ehr.local/login"),
    ],
)
def test_a_site_after_www(engine: PhiEngine, text: str, url: str) -> None:
    assert URL in found_as(engine, text, url), found(engine, text)


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("Pritchard, Ada (Hosp No. RJ7 66042, DOB 1/2/1950)", "RJ7 66042"),
        ("44M, fol. no. BCH 2231/05, admitted", "BCH 2231/05"),
    ],
)
def test_a_record_number_with_a_trust_code_or_a_folder_year(
    engine: PhiEngine, text: str, number: str
) -> None:
    assert MRN in found_as(engine, text, number), found(engine, text)


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("Ambulance: Gauteng EMS ALS unit GP-ALS 114", "GP-ALS 114"),
        ("Towed by Fraserdale Towing (unit T-14) to the yard", "T-14"),
        ("tow truck 22 came for the car", "22"),  # a head other than "unit" or "crew"
        ("HEMS callsign 47 inbound, ETA 10", "47"),
    ],
)
def test_a_crew_s_unit_with_its_letters(engine: PhiEngine, text: str, unit: str) -> None:
    assert DEVICE in found_as(engine, text, unit), found(engine, text)


def test_an_als_unit_without_a_number(engine: PhiEngine) -> None:
    text = "ALS unit arrived at 0300; 2 units PRBC given"
    assert DEVICE not in kinds(engine, text), found(engine, text)


def test_a_vehicle_by_veh(engine: PhiEngine) -> None:
    text = "Insured veh WK19 HZD (Skoda Octavia estate) hit a wall"
    assert PLATE in found_as(engine, text, "WK19 HZD"), found(engine, text)
    assert PERSON not in kinds(engine, text), found(engine, text)


@pytest.mark.parametrize(
    ("text", "body"),
    [
        ("the Fair Work Commission hearing", "Fair Work Commission"),
        ("The Residential Tenancies Tribunal ordered", "Residential Tenancies Tribunal"),
        ("wrote to the Kilbrannan Water Authority today", "Kilbrannan Water Authority"),
    ],
)
def test_a_regulator_by_its_words(engine: PhiEngine, text: str, body: str) -> None:
    assert ORGANIZATION in found_as(engine, text, body), found(engine, text)


@pytest.mark.parametrize(
    "text",
    [
        "referred to the Local Authority",
        "Sent to Health Authority",
        "He said Commission",
        "Special Authority sorted, start the pump",  # a permission, not a body
        "your Electronic Travel Authority (subclass 601) was granted",
    ],
)
def test_a_generic_body_names_none(engine: PhiEngine, text: str) -> None:
    assert ORGANIZATION not in kinds(engine, text), found(engine, text)
