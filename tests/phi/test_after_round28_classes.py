"""Error classes fixed after rounds 28 and 29's dev batches (issue 14: generic PII sentences of
the kind a Faker-and-templates test set holds; clinical questions and note sentences), by
kind, developed on round28-dev and round29-dev only: vehicles and
their plates, hardware and payment addresses, handles, bank codes and grouped account
numbers, India's PAN, a club member's number, streets in Australian, Spanish, Italian, Polish
and Mexican layouts, a booking's passenger name, run-together and dotted dates, and labelled
postcodes; an age after a record number in groups, a weekday before a clock time, a town
after a direction where one lives, small firms of laundries and coaches.

Every value here is invented; none comes from a corpus. Each class comes with look-alikes
that must stay untouched.
"""

from __future__ import annotations

import pytest

from auditor.phi.engine import PhiEngine
from auditor.phi.entities import Entity
from tests.phi.conftest import covered, found, found_as

PERSON = Entity.PERSON.value
STREET = Entity.STREET_ADDRESS.value
DATE = Entity.DATE_TIME.value
ZIP = Entity.ZIP_CODE.value
PLATE = Entity.LICENSE_PLATE.value
DEVICE = Entity.DEVICE_ID.value
ACCOUNT = Entity.ACCOUNT_NUMBER.value
ID = Entity.ID_NUMBER.value


def _kinds(engine: PhiEngine, text: str) -> set[str]:
    return {e for e, _ in found(engine, text)}


@pytest.mark.parametrize(
    ("text", "plate"),
    [
        ("Courtesy car: Kia Picanto reg YK21 PWN, back by Friday", "YK21 PWN"),
        ("2017 Honda Jazz, registration BD17 XRT, parked in bay 4", "BD17 XRT"),
        ("Parking pass for scooter TN 09 BX 7731, owner's flat C-12", "TN 09 BX 7731"),
    ],
)
def test_a_national_plate_near_its_vehicle(engine: PhiEngine, text: str, plate: str) -> None:
    assert PLATE in found_as(engine, text, plate), found(engine, text)


@pytest.mark.parametrize(
    "text", ["reg insulin 10 u, car park full", "BP 12 ABX given", "HR 88 BID dosing"]
)
def test_doses_and_codes_near_a_vehicle_word_are_no_plate(engine: PhiEngine, text: str) -> None:
    assert PLATE not in _kinds(engine, text), found(engine, text)


@pytest.mark.parametrize(
    ("text", "make"),
    [
        ("Claim: 2021 Toyota Corolla Ascent, rego 1ABC234", "Toyota Corolla Ascent"),
        ("Loan car Vauxhall Astra reg YK21 PWN", "Vauxhall Astra"),
    ],
)
def test_a_vehicles_make_and_model_is_no_person(engine: PhiEngine, text: str, make: str) -> None:
    assert PERSON not in found_as(engine, text, make), found(engine, text)


def test_a_surname_that_is_a_make_is_still_a_name(engine: PhiEngine) -> None:
    text = "Harrison Ford called; seen by Dr Ford"
    assert PERSON in found_as(engine, text, "Harrison Ford"), found(engine, text)


@pytest.mark.parametrize(
    ("text", "value", "kind"),
    [
        ("New device (MAC 0A:1B:2C:3D:4E:5F) signed in", "0A:1B:2C:3D:4E:5F", DEVICE),
        ("adapter mac 0a1b.2c3d.4e5f registered", "0a1b.2c3d.4e5f", DEVICE),
        # a sentence's full stop after it (issue 14, after round 103's dev batch)
        ("Router replaced. Modem MAC 0A:1B:2C:3D:4E:60.", "0A:1B:2C:3D:4E:60", DEVICE),
        ("adapter mac 0a1b.2c3d.4e61.", "0a1b.2c3d.4e61", DEVICE),
        ("Paid Rs 800 to meenal.rao@oksbi on Sunday", "meenal.rao@oksbi", ACCOUNT),
        ("@wanderingheron · Ottilie Marsh · Boise", "wanderingheron", ACCOUNT),
    ],
)
def test_hardware_payment_and_social_addresses(
    engine: PhiEngine, text: str, value: str, kind: str
) -> None:
    assert kind in found_as(engine, text, value), found(engine, text)


@pytest.mark.parametrize("text", ["see you @home @everyone", "meet @noon at the cafe"])
def test_an_at_sign_before_a_word_is_no_handle(engine: PhiEngine, text: str) -> None:
    assert ACCOUNT not in _kinds(engine, text), found(engine, text)


@pytest.mark.parametrize(
    ("text", "value", "kind"),
    [
        ("Refund to Moira Tullett, sort code 40-11-62, account 71182049", "40-11-62", ACCOUNT),
        ("Pay Jarrah Penfold, BSB 733-112, Acc 2231 8804", "733-112", ACCOUNT),
        ("Pay Jarrah Penfold, BSB 733-112, Acc 2231 8804", "2231 8804", ACCOUNT),
        ("NEFT to A/c No. 3310 2289 1176, IFSC HDFC0001187", "HDFC0001187", ACCOUNT),
        ("Form 16 for Kiran Bhosle, PAN: BZKPB7731Q", "BZKPB7731Q", ID),
        ("Tarnside Harriers member THR-2211 renewed", "THR-2211", ID),
    ],
)
def test_bank_codes_accounts_pan_and_member_numbers(
    engine: PhiEngine, text: str, value: str, kind: str
) -> None:
    assert kind in found_as(engine, text, value), found(engine, text)


@pytest.mark.parametrize(
    "text", ["member since 2009, paid up", "a member of staff", "acc 2 weeks ago", "pan 2 cm"]
)
def test_a_year_a_count_or_a_measure_after_the_label_is_no_number(
    engine: PhiEngine, text: str
) -> None:
    assert not ({ID, ACCOUNT} & _kinds(engine, text)), found(engine, text)


@pytest.mark.parametrize(
    ("text", "street"),
    [
        ("moving to 9 Banksia Cl, Kariong NSW 2250", "9 Banksia Cl"),
        ("Post to RMB 1187 Tarrawarra Rd, Yarra Glen", "RMB 1187 Tarrawarra Rd"),
        ("NIE Y4471220K, C/ Ruiz de Alda, 14, 41004 Sevilla", "C/ Ruiz de Alda, 14"),
        ("Studio Ferri\nVia Camillo Golgi 12, 20133 Milano", "Via Camillo Golgi 12"),
        ("kolizja na ul. Piotrkowskiej w Łodzi", "ul. Piotrkowskiej"),
        ("Av. Juárez 118, int. 4, Puebla", "Av. Juárez 118, int. 4"),
        ("Contact: Idris Falana, suite 2204, 55 Harbour Sq, Toronto", "suite 2204, 55 Harbour Sq"),
        ("sideswiped on Foothill Blvd in Upland", "Foothill Blvd"),
    ],
)
def test_streets_in_other_layouts(engine: PhiEngine, text: str, street: str) -> None:
    got = found(engine, text)
    assert covered(engine, text, street), got
    assert STREET in {e for e, v in got if street in v or v in street}, got


@pytest.mark.parametrize(
    "text",
    [
        "Na 140 Cl 102 K 4.1",
        "Via Oral 2, then review",
        "walked in near Foothill High in the rain",
    ],
)
def test_chloride_english_via_and_a_school_are_no_street(engine: PhiEngine, text: str) -> None:
    assert STREET not in _kinds(engine, text), found(engine, text)


def test_a_bookings_passenger_name(engine: PhiEngine) -> None:
    text = "PNR K7XQ2L - pax 1 ABERNETHY/ROWENA CLAUDIA MRS, seat 14C"
    got = found(engine, text)
    assert (PERSON, "ABERNETHY") in got, got
    assert (PERSON, "ROWENA CLAUDIA") in got, got


def test_routes_and_a_drug_are_no_passenger(engine: PhiEngine) -> None:
    text = "IV/PO MS contin as before"
    assert PERSON not in _kinds(engine, text), found(engine, text)


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("pax DOB 07JUL81, checked bag", "07JUL81"),
        ("Die Miete ist bis zum 03.09. fällig", "03.09."),
        ("Termin am 21.11. um 9 Uhr", "21.11."),
    ],
)
def test_run_together_and_dotted_dates(engine: PhiEngine, text: str, date: str) -> None:
    assert DATE in found_as(engine, text, date), found(engine, text)


@pytest.mark.parametrize("text", ["dose 02.05. given", "Na 140 mg 12.10. BP", "TOTAL 12.50 paid"])
def test_decimals_and_a_bare_month_are_no_dotted_date(engine: PhiEngine, text: str) -> None:
    assert DATE not in _kinds(engine, text), found(engine, text)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("adress=Sveavägen 12; postnr=113 50; ort=Stockholm", "113 50"),
        ("Adres: ul. Długa 5, kod pocztowy: 80-827 Gdańsk", "80-827"),
    ],
)
def test_a_labelled_postcode_in_its_national_shape(engine: PhiEngine, text: str, code: str) -> None:
    assert ZIP in found_as(engine, text, code), found(engine, text)


@pytest.mark.parametrize(
    ("text", "value", "kind"),
    [
        ("Re: Wilf Tuckett, MCP 512 884 301 227, 93, falls", "93", Entity.AGE.value),
        ("case conf moved to weds 3pm, ok?", "weds", DATE),
        ("keen to get home to Port Welshpool before the weekend", "Port Welshpool",
         Entity.LOCATION.value),
        ("shift worker at Brightvale Laundromat on nights", "Brightvale Laundromat",
         Entity.ORGANIZATION.value),
        ("drives for Tallowood Charter Coaches", "Tallowood Charter Coaches",
         Entity.ORGANIZATION.value),
    ],
)  # fmt: skip
def test_after_round29_dev(engine: PhiEngine, text: str, value: str, kind: str) -> None:
    assert kind in found_as(engine, text, value), found(engine, text)


@pytest.mark.parametrize("text", ["sats 94% on RA, sat 2pm 97%", "moved to thurs 2pm"])
def test_a_weekday_is_no_place_and_a_saturation_no_day(engine: PhiEngine, text: str) -> None:
    assert Entity.LOCATION.value not in _kinds(engine, text), found(engine, text)


def test_stamped_chat_speakers_in_lower_case(engine: PhiEngine) -> None:
    text = "[21:02] jez: u coming 2nite?\n[21:03] bex: yeah after work"
    got = found(engine, text)
    assert (PERSON, "jez") in got, got
    assert (PERSON, "bex") in got, got
    text = "[09:00] plan: npo\n[09:05] neuro: intact"
    assert PERSON not in _kinds(engine, text), found(engine, text)


def test_a_lower_case_word_after_a_street_is_no_town(engine: PhiEngine) -> None:
    text = "still at 41 harker st, ok til friday"
    assert Entity.LOCATION.value not in _kinds(engine, text), found(engine, text)


@pytest.mark.parametrize(
    ("text", "org"),
    [
        ("Pupil at Holy Cross C of E Primary School, Ripon", "Holy Cross C of E Primary School"),
        ("member at Stonebridge Fitness since May", "Stonebridge Fitness"),
    ],
)
def test_a_church_school_and_a_gym(engine: PhiEngine, text: str, org: str) -> None:
    assert covered(engine, text, org), found(engine, text)


@pytest.mark.parametrize(
    ("text", "street"),
    [
        ("Flat B-208, Sunrise Enclave, 6th Cross, HSR Layout 3rd Sector, Bengaluru",
         "Flat B-208, Sunrise Enclave, 6th Cross, HSR Layout 3rd Sector"),
        ("C/ Mayor, 14, 2º dcha., 28013 Madrid", "C/ Mayor, 14, 2º dcha."),
        ("afspraak bij Oudegracht 212 bis in Utrecht", "Oudegracht 212 bis"),
    ],
)  # fmt: skip
def test_a_chains_block_letter_ordinal_phase_lower_case_side_and_bis(
    engine: PhiEngine, text: str, street: str
) -> None:
    assert covered(engine, text, street), found(engine, text)


def test_a_bare_initial_closing_a_record_name_in_capitals(engine: PhiEngine) -> None:
    text = "Member: OYELARAN, TOBI K | plan B"
    assert covered(engine, text, "OYELARAN, TOBI K"), found(engine, text)


@pytest.mark.parametrize(
    ("text", "value", "kind"),
    [
        ("Harbourside Federal Credit Union: debit of $40", "Harbourside Federal Credit Union",
         Entity.ORGANIZATION.value),
        ("member of Tasmanbay Industry Super since 2011", "Tasmanbay Industry Super",
         Entity.ORGANIZATION.value),
        ("Zolani Mobile: your SIM is registered", "Zolani Mobile", Entity.ORGANIZATION.value),
        ('{"prenom": "Clémence", "ville": "Besançon", "cp": "25000"}', "Clémence", PERSON),
        ('{"prenom": "Clémence", "ville": "Besançon", "cp": "25000"}', "Besançon",
         Entity.LOCATION.value),
        ('{"prenom": "Clémence", "ville": "Besançon", "cp": "25000"}', "25000", ZIP),
        ("reading group; parent Tsubasa Ellingham, 0491 570 110", "Tsubasa Ellingham", PERSON),
        ("Passport: surname TREGENNA, given names JOWAN", "TREGENNA", PERSON),
        ("Surname KUTTIKRISHNAN | Given Name(s) ARATHI", "KUTTIKRISHNAN", PERSON),
        ("date of issue 02 MAR 2020, place of birth PENZANCE", "PENZANCE",
         Entity.LOCATION.value),
        ("Agro Exports, GSTIN 29ABCPK1234L1Z5, Hubballi", "29ABCPK1234L1Z5", ID),
        ("from Brgy. Dalandanan, Valenzuela", "Dalandanan", Entity.LOCATION.value),
        ("deposit: transit 07712, institution 004, account 8812290", "07712", ACCOUNT),
    ],
)  # fmt: skip
def test_after_round28_dev_firms_keys_labels_and_codes(
    engine: PhiEngine, text: str, value: str, kind: str
) -> None:
    assert kind in found_as(engine, text, value), found(engine, text)


@pytest.mark.parametrize(
    "text",
    [
        "Address: 5 Glen Road, Castlebay     Mobile: 07700 900 318",
        "surname unknown, given names not recorded",
        "from Brgy. Dalandanan, Valenzuela",
    ],
)
def test_a_column_gap_a_label_and_a_labels_abbreviation_are_no_firm_name_or_place(
    engine: PhiEngine, text: str
) -> None:
    got = found(engine, text)
    assert not any(e == Entity.ORGANIZATION.value for e, _ in got), got
    assert not any(e == PERSON and v.lower() in {"unknown", "not"} for e, v in got), got
    assert (Entity.LOCATION.value, "Brgy") not in got, got


@pytest.mark.parametrize(
    ("text", "value", "kind"),
    [
        ("salida viernes 25 de julio, asiento 22", "25 de julio", DATE),
        ("viewing confirmed for Weds 4th June at 5pm", "Weds", DATE),
        ("UA 1187  14NOV  SFO-ORD", "14NOV", DATE),
        ("VISA ************6621  CHIP READ", "6621", ACCOUNT),
        ("Centrelink CRN 407 218 936K.", "407 218 936K", ID),
        ("N° de sécurité sociale 2 91 04 69 123 456 78", "2 91 04 69 123 456 78", ID),
        ("Belo Horizonte - MG, CEP 30160-031", "30160-031", ZIP),
        ("Infirmière, 418 555-0161 poste 224", "224", Entity.PHONE_NUMBER.value),
    ],
)
def test_after_round30_dev_dates_numbers_and_codes(
    engine: PhiEngine, text: str, value: str, kind: str
) -> None:
    assert kind in found_as(engine, text, value), found(engine, text)


@pytest.mark.parametrize(
    ("text", "street"),
    [
        ("RIOPELLE, TAVIAN\n77 BURNHAMTHORPE RD W UNIT 1204\nMISSISSAUGA, ON",
         "77 BURNHAMTHORPE RD W UNIT 1204"),
        ("from Flat 2F1, 9 Marchmont Crescent, Edinburgh", "Flat 2F1, 9 Marchmont Crescent"),
        ("Bill to: #84, 2nd Main, 4th Block, Jayanagar", "#84, 2nd Main, 4th Block"),
        ("domicile : 12 bis, rue des Tanneurs, 67000 Strasbourg", "12 bis, rue des Tanneurs"),
        ("adres Keizersgracht 118-II, 1015 CW Amsterdam", "Keizersgracht 118-II"),
        ("Nørrebrogade 40, 2. th., 2200 København N", "Nørrebrogade 40, 2. th."),
    ],
)  # fmt: skip
def test_after_round30_dev_streets(engine: PhiEngine, text: str, street: str) -> None:
    assert covered(engine, text, street), found(engine, text)


@pytest.mark.parametrize(
    ("text", "name"), [("Surname: Okafor\nDOB 02/03/1981", "Okafor"), ("Given name: Ana", "Ana")]
)
def test_a_name_parts_field_with_its_colon(engine: PhiEngine, text: str, name: str) -> None:
    assert PERSON in found_as(engine, text, name), found(engine, text)
