"""Facilities on an address line and by their initials before a unit, refuges, firms by
trade, public bodies by list, and words that open with an ʻokina (issue 14: classes from the
dev batches of all rounds to 141).

A facility whose weak head a town or a street number follows after a comma is named by its
address line; a hospital's initials at a heading's start or after "at"/"to"/"from"/"in"
before a critical-care unit ("LBJ ICU"); a shelter, safe house, mission or sober-living house
by its head; firms that drill, recruit or run freight lines by their trade; privacy
regulators, provincial motor insurers, unions and vetting services by list; Hawaiian words
that open with an ʻokina are read from their first letter, and the ʻokina is no letter of a
list's spelling. Values invented except public bodies and places.
"""

from __future__ import annotations

import pytest

from auditor.phi.engine import PhiEngine
from auditor.phi.entities import Entity
from tests.phi.conftest import covered_whole, found, found_as, kinds

ORG = Entity.ORGANIZATION.value
HOSPITAL = Entity.HOSPITAL.value
LOCATION = Entity.LOCATION.value


@pytest.mark.parametrize(
    ("text", "facility"),
    [
        ("Outside facility: Sagebrush Imaging Center, Boise, ID", "Sagebrush Imaging Center"),
        (
            "Dr. Ama Boateng, Millrace Family Health Center, 410 Orchard Rd, Dayton",
            "Millrace Family Health Center",
        ),
    ],
)
def test_a_facility_on_its_address_line(engine: PhiEngine, text: str, facility: str) -> None:
    assert covered_whole(engine, text, facility), found(engine, text)


def test_a_department_on_an_address_line_is_no_facility(engine: PhiEngine) -> None:
    text = "Seen in Wound Care Center, Room 4, by the NP."
    assert HOSPITAL not in kinds(engine, text), found(engine, text)


@pytest.mark.parametrize(
    ("text", "refuge"),
    [
        ("discharged to shelter (Lantern Row Shelter, 88 Quay St).", "Lantern Row Shelter"),
        ("no fixed abode per Tumbledown Sober Living staff", "Tumbledown Sober Living"),
        ("Referred to Three Pines Safe House, advocate will visit.", "Three Pines Safe House"),
    ],
)
def test_a_refuge_by_its_head(engine: PhiEngine, text: str, refuge: str) -> None:
    assert covered_whole(engine, text, refuge), found(engine, text)


def test_a_mission_statement_is_no_refuge(engine: PhiEngine) -> None:
    text = "Our Mission is patient-centred care."
    assert ORG not in kinds(engine, text), found(engine, text)


@pytest.mark.parametrize(
    ("text", "firm"),
    [
        (
            "Driving the company truck (Brunskill Freight Lines, unit 2271).",
            "Brunskill Freight Lines",
        ),
        ("Good luck! - Beth (Talentbridge Recruitment)", "Talentbridge Recruitment"),
        ("Works offshore for Kessendorf Drilling, 2 weeks on.", "Kessendorf Drilling"),
    ],
)
def test_a_firm_by_its_trade(engine: PhiEngine, text: str, firm: str) -> None:
    assert ORG in found_as(engine, text, firm), found(engine, text)


@pytest.mark.parametrize(
    ("text", "initials"),
    [
        ("WMC 3E PCU — family contact, 0400", "WMC"),
        ("TKH ICU — transfer checklist 12 Aug 2011", "TKH"),
        ("Accepted in transfer to PMRC MICU overnight.", "PMRC"),
    ],
)
def test_a_hospitals_initials_before_its_unit(engine: PhiEngine, text: str, initials: str) -> None:
    assert HOSPITAL in found_as(engine, text, initials), found(engine, text)


@pytest.mark.parametrize(
    "text", ["NPN CCU 7p-7a, quiet night", "CN ICU aware of plan.", "RN ICU handoff at 0700."]
)
def test_a_notes_kind_before_a_unit_is_no_hospital(engine: PhiEngine, text: str) -> None:
    assert HOSPITAL not in kinds(engine, text), found(engine, text)


@pytest.mark.parametrize(
    ("text", "body"),
    [
        ("You may bring a colleague or a SIPTU representative.", "SIPTU"),
        ("Breach assessed; notification to the OIPC within 72 h.", "OIPC"),
        ("Income verified via The Work Number on 3/6.", "The Work Number"),
        ("We act for the claimant in a SAAQ claim.", "SAAQ"),
    ],
)
def test_public_bodies_of_hr_files_and_records_requests(
    engine: PhiEngine, text: str, body: str
) -> None:
    assert ORG in found_as(engine, text, body), found(engine, text)


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Address on file: 45-210 Kamehameha Hwy, Apt 3, ʻAiea 96701.", "Aiea"),
        ("From Lānaʻi City, works grounds at the resort.", "Lānaʻi City"),
    ],
)
def test_a_place_with_an_okina(engine: PhiEngine, text: str, place: str) -> None:
    assert covered_whole(engine, text, place), found(engine, text)


@pytest.mark.parametrize(
    ("text", "facility"),
    [
        ("KOLOA TROPICAL MEDICAL CENTER / ICU\nNurses note 0300.", "KOLOA TROPICAL MEDICAL CENTER"),
        ("SAIPAN REGIONAL MEDICAL CITY\nICU nursing note.", "SAIPAN REGIONAL MEDICAL CITY"),
        (
            "Transferred to Marianas Regional Medical City for cath.",
            "Marianas Regional Medical City",
        ),
        ("USNH GUAM  ICU  NURSING NOTE", "USNH GUAM"),
    ],
)
def test_a_hospital_heading_in_capitals(engine: PhiEngine, text: str, facility: str) -> None:
    assert covered_whole(engine, text, facility), found(engine, text)


def test_no_hospital_in_a_capital_sentence(engine: PhiEngine) -> None:
    text = "ICU NURSING NOTE\nPT TO GO TO MEDICAL CENTER TODAY. VA MICU AWARE."
    assert HOSPITAL not in kinds(engine, text), found(engine, text)


@pytest.mark.parametrize(
    ("text", "facility"),
    [
        ("He is at Caddington Regional, 4 West, since Tuesday.", "Caddington Regional"),
        ("Transferred from Kilcoole Regional 2/7 ago for review.", "Kilcoole Regional"),
        ("transfer Kellerton Children's PICU via fixed wing", "Kellerton Children's"),
        ("accepted at Brennock Children's today", "Brennock Children's"),
    ],
)
def test_a_hospital_by_its_short_name(engine: PhiEngine, text: str, facility: str) -> None:
    assert covered_whole(engine, text, facility), found(engine, text)


@pytest.mark.parametrize(
    "text",
    [
        "Midwest Regional Office notified; Regional Director approved.",
        "Tylenol Children's syrup given at 0200.",
    ],
)
def test_no_hospital_by_an_office_or_a_product(engine: PhiEngine, text: str) -> None:
    assert HOSPITAL not in kinds(engine, text), found(engine, text)


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("pt on Wrenfield Unit (acute MH), clozapine level due", "Wrenfield Unit"),
        ("Dr Grosvenor, locum consultant, Kittiwake Unit, pager broken", "Kittiwake Unit"),
        ("Please see Mr Kodikara on Heron Suite, ?sepsis", "Heron Suite"),
        ("Hale Mauna Medical Center -- Kapalai Burn Unit", "Kapalai Burn Unit"),
    ],
)
def test_a_unit_by_its_own_name(engine: PhiEngine, text: str, unit: str) -> None:
    assert covered_whole(engine, text, unit), found(engine, text)


@pytest.mark.parametrize(
    "text",
    [
        "Admitted to the Medical Assessment Unit, then the Acute Stroke Unit.",
        "Form sent to Quality Unit and the Appeals Unit.",
        "Screening in Fluoro Suite at 0900.",
    ],
)
def test_a_unit_by_its_kind_or_an_office_is_no_name(engine: PhiEngine, text: str) -> None:
    assert HOSPITAL not in kinds(engine, text), found(engine, text)


@pytest.mark.parametrize(
    ("text", "body"),
    [
        ("DCFS worker visited the home on Monday.", "DCFS"),
        ("Claim with L&I still open, case manager assigned.", "L&I"),
        ("OPP officers escorted him to the ED.", "OPP"),
        ("NHIF card presented at admission.", "NHIF"),
    ],
)
def test_agencies_by_their_acronym(engine: PhiEngine, text: str, body: str) -> None:
    assert ORG in found_as(engine, text, body), found(engine, text)


@pytest.mark.parametrize(
    ("text", "body"),
    [
        ("Licensed by the Texas Board of Nursing since 2004.", "Texas Board of Nursing"),
        ("Diplomate, American Board of Internal Medicine.", "American Board of Internal Medicine"),
        ("Complaint filed with the Medical Board of California.", "Medical Board of California"),
        ("I've asked Murrumbidgee Pathology to collect a sputum.", "Murrumbidgee Pathology"),
        ("Employment verification: Razorback Hauling, confirmed", "Razorback Hauling"),
    ],
)
def test_boards_labs_and_hauliers(engine: PhiEngine, text: str, body: str) -> None:
    assert ORG in found_as(engine, text, body), found(engine, text)


@pytest.mark.parametrize(
    "text",
    [
        "Chair of the Board of Directors since 2019.",
        "Sent to Clinical Pathology; Anatomical Pathology report pending.",
    ],
)
def test_no_body_in_a_companys_board_or_a_department(engine: PhiEngine, text: str) -> None:
    assert ORG not in kinds(engine, text), found(engine, text)
