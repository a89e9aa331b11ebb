"""Identity numbers, names and contacts as hospitals of Singapore, Malaysia, Hong Kong, the
Philippines, the Gulf and the Caribbean write them, and the observations and instruments that
look like them (issue 14, after round 126's dev batch).

"KP: 640918-08-5517" (a MyKad: birth date, place, serial), "HKID D440287(3)" and a hospital
number with its check character in brackets, "EID 784-1979-4418273-2", "PhilHealth PIN:
19-050234871-6", "NRN 350811-0047": each shape is an identity number wherever it stands.
"SN Maricar", "SHO Okonjo": a nurse's or a doctor's grade before a name, as "RN" is. "RR 32,
HR 124, SpO2 90" is a patient's observations, no rural route. Values invented.
"""

from __future__ import annotations

import pytest

from auditor.phi.engine import PhiEngine
from auditor.phi.entities import Entity
from tests.phi.conftest import assert_found_as, covered, found, found_as, kinds, touched

ID = Entity.ID_NUMBER.value
ORG = Entity.ORGANIZATION.value
PERSON = Entity.PERSON.value
PHONE = Entity.PHONE_NUMBER.value
STREET = Entity.STREET_ADDRESS.value


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("Katil 4 | RAJESH A/L SIVALINGAM | KP: 640918-08-5517 | RN: H0382214", "640918-08-5517"),
        ("IC no. 910807-13-6611, wife at bedside", "910807-13-6611"),
        ("M/78   HKID D440287(3)   ICU Bed 12", "D440287(3)"),
        ("F/93   HN20217735(9)   Bed 18 from RCHE", "HN20217735(9)"),
        ("Patient: Jashim Uddin   EID: 784-1979-4418273-2", "784-1979-4418273-2"),
        ("Bed: CCU-7 PhilHealth PIN: 19-050234871-6 (retiree)", "19-050234871-6"),
        ("SSS no 33-4418273-1 on file", "33-4418273-1"),
        ("Reg: 07-118345    NRN: 350811-0047    Age 72", "350811-0047"),
        ("Iqama 2418807731, sponsor informed", "2418807731"),
        ("QID 28435601234 copied to file", "28435601234"),
        ("TRN 112-334-556, NHF card seen", "112-334-556"),
    ],
)
def test_identity_numbers_by_their_shape_or_their_card(
    engine: PhiEngine, text: str, number: str
) -> None:
    assert ID in found_as(engine, text, number), found(engine, text)


@pytest.mark.parametrize(
    "text",
    [
        "SBT stopped - RR 32, HR 124, diaphoretic.",
        "HR 124, RR 32, SpO2 90, T 38.4",
        "PEEP 6, RR 16, FiO2 0.4 on the Servo",
    ],
)
def test_observations_are_no_rural_route(engine: PhiEngine, text: str) -> None:
    assert STREET not in kinds(engine, text), found(engine, text)


def test_a_rural_route_with_its_site_and_box_stays_an_address(engine: PhiEngine) -> None:
    text = "Lives at RR 3, Site 12, Box 7 with her son."
    assert STREET in found_as(engine, text, "RR 3, Site 12, Box 7"), found(engine, text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Handover to SN Maricar (Ward 5) at 0700.", "Maricar"),
        ("Seen by SHO Okonjo, plan discussed.", "Okonjo"),
        ("Reviewed with EN Tupou at the bedside.", "Tupou"),
    ],
)
def test_a_grade_before_a_name_names_a_person(engine: PhiEngine, text: str, name: str) -> None:
    assert_found_as(engine, text, name, PERSON)
    assert ORG not in kinds(engine, text), found(engine, text)


def test_a_title_before_an_initial_names_any_surname(engine: PhiEngine) -> None:
    # ("-oma" ends terms as well as this surname: the title says which)
    text = "Palliative question for Mr T. Sebothoma in Ward 21."
    assert covered(engine, text, "Sebothoma"), found(engine, text)


def test_the_name_in_its_own_script_after_the_romanised_one(engine: PhiEngine) -> None:
    text = "PHYSIOTHERAPY RECORD CHEUK Wai Man (卓偉文)  M/78"
    assert PERSON in found_as(engine, text, "卓偉文"), found(engine, text)


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("Son Cheuk Ka Lok phoned ICU (9487 2106), asked re visiting.", "9487 2106"),
        ("Daughter Ms Woon Pui Kei (6194 3382) phoned at 1400.", "6194 3382"),
        ("Employer HR Ms. Ngeow 6268 4417. Handover given.", "6268 4417"),
    ],
)
def test_a_local_number_beside_a_call_or_a_titled_name(
    engine: PhiEngine, text: str, number: str
) -> None:
    assert PHONE in found_as(engine, text, number), found(engine, text)


def test_a_dose_after_a_titled_name_is_no_phone(engine: PhiEngine) -> None:
    text = "Dr Smith ordered 500 1000 mg over the day."
    assert PHONE not in kinds(engine, text), found(engine, text)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Wheeze R>L. Ventolin 5mg neb via inline.", "Ventolin"),
        ("Closed with 4-0 Vicryl Rapide interrupted.", "Vicryl"),
        ("Dilated fundus: PVD OD, Weiss ring, no tears.", "Weiss"),
        ("Cut to the finger from a Stanley knife at work.", "Stanley"),
        ("~18% TBSA (Lund & Browder), face and neck.", "Browder"),
        ("Fixed with a Kirschner wire and a Herbert screw.", "Kirschner"),
        ("HEART HOSPITAL (HMC) - CCU", "CCU"),
        ("BRAND SAMSONITE CONTENTS clothes, shoes", "SAMSONITE"),
    ],
)
def test_brands_instruments_and_units_are_no_one(engine: PhiEngine, text: str, word: str) -> None:
    assert PERSON not in {e for e, v in found(engine, text) if word in v}, found(engine, text)


@pytest.mark.parametrize(
    ("text", "body"),
    [
        ("Pt asking about SOCSO claim, told to see the MSW.", "SOCSO"),
        ("Retired teacher (GSIS pension), lives alone.", "GSIS"),
        ("Brought in by SAPS after an assault.", "SAPS"),
    ],
)
def test_social_insurers_and_police_abroad(engine: PhiEngine, text: str, body: str) -> None:
    assert ORG in found_as(engine, text, body), found(engine, text)


def test_a_barbados_postcode_after_its_parish(engine: PhiEngine) -> None:
    text = "Home: Chapel Gap, St. Philip BB18062. Daughter to visit."
    assert covered(engine, text, "BB18062"), found(engine, text)


def test_a_date_coded_batch_is_not_read_as_a_person(engine: PhiEngine) -> None:
    text = "Lot 240518-0001 exp 2027, given IM."
    assert not touched(engine, text, "Lot"), found(engine, text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Katil 4 | RAJESH A/L SIVALINGAM | KP 640918-08-5517", "RAJESH A/L SIVALINGAM"),
        ("Kamala a/p Muniandy, 67F, from Klang.", "Kamala a/p Muniandy"),
    ],
)
def test_son_of_and_daughter_of_join_a_malaysian_name(
    engine: PhiEngine, text: str, name: str
) -> None:
    assert covered(engine, text, name), found(engine, text)


@pytest.mark.parametrize(
    "text", ["Stable. A/P: CHF exacerbation, continue", "A/P Continue diuresis"]
)
def test_an_assessment_and_plan_is_no_name(engine: PhiEngine, text: str) -> None:
    assert PERSON not in kinds(engine, text), found(engine, text)


@pytest.mark.parametrize(
    ("text", "mission"),
    [
        ("Social: Embassy of Nepal informed by SW.", "Embassy of Nepal"),
        ("The Philippine Embassy called about repatriation.", "Philippine Embassy"),
        ("Letter to the Consulate General of Pakistan.", "Consulate General of Pakistan"),
    ],
)
def test_a_countrys_mission_is_an_organisation(engine: PhiEngine, text: str, mission: str) -> None:
    assert ORG in found_as(engine, text, mission), found(engine, text)


@pytest.mark.parametrize(
    ("text", "mark"),
    [("Aircraft: King Air 200, reg C6-FLQ. Wheels up 1715.", "C6-FLQ"),
     ("Fixed wing 9Y-TJC to Piarco.", "9Y-TJC")],
)  # fmt: skip
def test_an_aircrafts_registration_of_any_country(engine: PhiEngine, text: str, mark: str) -> None:
    assert covered(engine, text, mark), found(engine, text)


def test_a_clocks_minutes_are_no_house_number(engine: PhiEngine) -> None:
    text = "Depart 06:30 Plymouth Coach Station (Bay 3) -> Arrive 11:55 London Victoria"
    assert STREET not in kinds(engine, text), found(engine, text)


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("INFRINGEMENT NOTICE 02/0031/884721 Vehicle: CA 91", "02/0031/884721"),
        ("Penalty charge notice WM40118273 issued at 09:12.", "WM40118273"),
        ("Travel cover (Bupa policy OVC 7720 1184) applies.", "OVC 7720 1184"),
    ],
)
def test_a_notices_and_a_policys_number(engine: PhiEngine, text: str, number: str) -> None:
    assert ID in found_as(engine, text, number), found(engine, text)


@pytest.mark.parametrize(
    ("text", "hub"),
    [
        ("Depart 06:30 Plymouth Coach Station (Bay 3)", "Plymouth Coach Station"),
        ("Arrive 11:55 London Victoria Coach Station.", "London Victoria Coach Station"),
        ("Meet & Greet at Manchester Airport, arrivals hall.", "Manchester Airport"),
    ],
)
def test_a_towns_station_or_airport_is_a_place(engine: PhiEngine, text: str, hub: str) -> None:
    assert Entity.LOCATION.value in found_as(engine, text, hub), found(engine, text)


def test_a_pharmacy_plans_processor_code_is_no_persons_number(engine: PhiEngine) -> None:
    text = "Plan ID RX-BIN 610014 / PCN 9999 / GRP WVX330 member W4471902318."
    assert not touched(engine, text, "9999"), found(engine, text)


@pytest.mark.parametrize(
    ("text", "clinic"),
    [
        ("Requesting: Primary Care, Chehalis River CBOC. Reason: tremor.", "Chehalis River CBOC"),
        ("Referred by the MO, Ikhwezi Lomso CHC, mob 073 555 0192.", "Ikhwezi Lomso CHC"),
    ],
)
def test_a_community_clinic_by_its_letters(engine: PhiEngine, text: str, clinic: str) -> None:
    assert Entity.HOSPITAL.value in found_as(engine, text, clinic), found(engine, text)


def test_a_hospital_folder_number(engine: PhiEngine) -> None:
    text = "Folder: KF 118 224 Brought in by SAPS at 02:10."
    assert ID in found_as(engine, text, "KF 118 224"), found(engine, text)


def test_an_airport_inside_a_firms_name_is_the_firm(engine: PhiEngine) -> None:
    text = "Works for the Dublin Airport Authority as a cleaner."
    assert Entity.LOCATION.value not in found_as(engine, text, "Dublin Airport"), found(
        engine, text
    )


@pytest.mark.parametrize(
    ("text", "age"),
    [("Seen today, an elderly gentleman of 91 with an SCC.", "91"),
     ("A lady of ninety-three, lives alone.", "ninety-three")],
)  # fmt: skip
def test_an_age_after_a_persons_noun_and_of(engine: PhiEngine, text: str, age: str) -> None:
    assert Entity.AGE.value in found_as(engine, text, age), found(engine, text)


def test_a_weight_after_of_is_no_age(engine: PhiEngine) -> None:
    text = "A man of 90 kg, BMI 31."
    assert Entity.AGE.value not in kinds(engine, text), found(engine, text)


@pytest.mark.parametrize(
    "text",
    [
        "Apices overlie the IAN canal with darkening of the roots.",
        "Department of Oral & Maxillofacial Surgery, clinic 4.",
        "72% @ 90 dB L. Tymps Type A bilaterally.",
    ],
)
def test_a_clinics_anatomy_and_tests_name_no_one_and_nowhere(engine: PhiEngine, text: str) -> None:
    assert not kinds(engine, text) & {PERSON, Entity.LOCATION.value}, found(engine, text)


def test_a_firm_in_capitals_between_a_printouts_dashes(engine: PhiEngine) -> None:
    text = "5 AP LON +44 20 7946 0744 - WAYFARER TRAVEL LTD - A\n6 APM +447700900391/P1"
    assert ORG in found_as(engine, text, "WAYFARER TRAVEL LTD"), found(engine, text)
