"""Error classes fixed after round 15 (issue 14), by kind, developed on round15-dev only: a
name's parts and the ordering clinician as exports head their columns; an addressee's cell
with the address after the name; a USPS tracking number; a login or a "Family, Given" name
under a JSON log's keys; a login built from a name found in the same text; the year after a
clock's time; ten digits after "NPI" whose check digit fails.

Every value here is invented; none comes from a corpus. Each class comes with look-alikes
that must stay untouched.
"""

from __future__ import annotations

import pytest

from auditor.phi.engine import PhiEngine
from auditor.phi.entities import Entity
from tests.phi.conftest import covered, found, kinds, touched

DATE = Entity.DATE_TIME.value
ID = Entity.ID_NUMBER.value
NPI = Entity.US_NPI.value
PERSON = Entity.PERSON.value


def test_name_parts_and_the_ordering_clinician_are_read_by_their_columns(
    engine: PhiEngine,
) -> None:
    text = (
        "accession,pt_last,pt_first,dob,test,result,ordering\n"
        "QX-5521-07,TREMBLAY,ODILE,1948-02-11,SODIUM,131,FAIRWEATHER J\n"
        "QX-5521-09,RED HAWK,TOBIAS,1990-09-30,TSH,2.2,NAKASHIMA P\n"
    )
    got = found(engine, text)
    for name in ("TREMBLAY", "ODILE", "FAIRWEATHER J", "RED HAWK", "TOBIAS", "NAKASHIMA P"):
        assert covered(engine, text, name), got  # (adjacent cells may join in one span)
        assert PERSON in {e for e, v in got if name in v}, got
    assert not touched(engine, text, "SODIUM"), got


def test_an_addressees_cell_gives_the_name_before_the_address(engine: PhiEngine) -> None:
    text = (
        "Box   | Ship to                                         | Items\n"
        "B-12  | Vasquez-Lund, Marisela, 88 Orchard Ln, Kearney  | 2\n"
        "B-13  | c/o front desk, 14 Elm St                       | 1\n"
    )
    got = found(engine, text)
    assert (PERSON, "Vasquez-Lund, Marisela") in got, got
    assert PERSON not in {e for e, v in got if "front desk" in v}, got


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("mailed 11/30, 9405 5036 9930 0412 8876 14 delivered", "9405 5036 9930 0412 8876 14"),
        ("Certified 7020 1810 0002 3345 7781 to the court", "7020 1810 0002 3345 7781"),
        ("label 9261290100130435082241 printed", "9261290100130435082241"),
    ],
)
def test_a_usps_tracking_number_is_an_identifier(engine: PhiEngine, text: str, value: str) -> None:
    assert (ID, value) in found(engine, text), found(engine, text)


def test_intake_volumes_in_groups_of_four_are_no_tracking_number(engine: PhiEngine) -> None:
    text = "I/O 1200 1000 0800 0950 1100 mL over five shifts"
    assert ID not in kinds(engine, text), found(engine, text)


def test_a_json_logs_login_and_family_given_name_are_found(engine: PhiEngine) -> None:
    text = (
        '{"ts":"2031-05-02T10:11:12Z","user":"adm.pkowalczyk","route":"GET /v1/x",'
        '"patient":{"name":"Little Wolf, Dorine"},"createdBy":"system",'
        '"panel":{"name":"Lipid, fasting"}}'
    )
    got = found(engine, text)
    assert (ID, "adm.pkowalczyk") in got, got
    assert (PERSON, "Little Wolf, Dorine") in got, got
    assert not touched(engine, text, "system"), got
    assert not touched(engine, text, "Lipid, fasting"), got


def test_a_fhir_name_array_still_gives_each_given_name(engine: PhiEngine) -> None:
    text = '{"name": [{"family": "Achterberg", "given": ["Wilhelmina", "Joke"]}]}'
    got = found(engine, text)
    for name in ("Achterberg", "Wilhelmina", "Joke"):
        assert (PERSON, name) in got, got


def test_a_login_built_from_a_name_in_the_text_is_an_identifier(engine: PhiEngine) -> None:
    text = (
        "Ticket reassigned to Priyanka Ramdass (pramdass); pramdass2 and priyanka.ramdass "
        "closed it. An award was given for the dashboard."
    )
    got = found(engine, text)
    for login in ("pramdass", "pramdass2", "priyanka.ramdass"):
        assert (ID, login) in got, got
    assert not touched(engine, text, "award"), got


def test_a_latin_abbreviation_before_a_name_is_no_initial(engine: PhiEngine) -> None:
    text = "12 charts in scope, e.g. Donnelly, Ingrid and others"
    assert (PERSON, "Donnelly, Ingrid") in found(engine, text), found(engine, text)


def test_a_room_in_brackets_after_a_name_is_no_age(engine: PhiEngine) -> None:
    text = "| Abernathy, Clive (114)   | 08:00 |"
    assert Entity.AGE.value not in kinds(engine, text), found(engine, text)


@pytest.mark.parametrize(
    "text",
    [
        "Mail from priyanka.ramdass@example.org (Priyanka Ramdass); rn.priyanka.ramdass signed.",
        "Priyanka Ramdass wrote from pramdass-home; pramdass then closed the ticket.",
        "PRAMDASS12 locked out. User: Priyanka Ramdass <priyanka.ramdass@example.org>.",
    ],
)
def test_a_login_stands_beside_the_same_form_inside_an_address(
    engine: PhiEngine, text: str
) -> None:
    """The quick test that a name's form occurs alone passes over its e-mail occurrence."""
    login = next(w for w in ("rn.priyanka.ramdass", "pramdass", "PRAMDASS12") if f"{w} " in text)
    assert (ID, login) in found(engine, text), found(engine, text)


def test_an_initial_and_a_surname_that_spell_a_word_give_no_login(engine: PhiEngine) -> None:
    text = "Signed: Dr. A. Ward. The award committee met."
    assert not touched(engine, text, "award"), found(engine, text)


@pytest.mark.parametrize(
    ("text", "date", "time"),
    [
        ("Date:   Tue Mar 4 08:01:55 2031 +0100", "Tue Mar 4", "08:01:55"),
        ("Wed Jan 15 23:59:00 EST 2031 kernel: ok", "Wed Jan 15", "23:59:00"),
    ],
)
def test_the_year_after_a_clocks_time_is_a_date_the_time_is_not(
    engine: PhiEngine, text: str, date: str, time: str
) -> None:
    got = found(engine, text)
    assert (DATE, date) in got, got
    assert (DATE, "2031") in got, got
    assert not touched(engine, text, time), got


def test_ten_digits_after_npi_are_the_providers_number_whatever_the_check_digit(
    engine: PhiEngine,
) -> None:
    text = "Referring: Dr Ilse Marchetti, NPI# 1457722091 (directory)"
    assert (NPI, "1457722091") in found(engine, text), found(engine, text)


def test_a_column_labels_bracketed_note_and_any_act_by_still_name_the_column(
    engine: PhiEngine,
) -> None:
    text = (
        "date | client (first name ok) | zip | counted by | notes\n"
        "03/02 | rosalind | 60617 | mj | first visit\n"
        "03/09 | anonymous | 60619 | mj | ok\n"
    )
    got = found(engine, text)
    assert (PERSON, "rosalind") in got, got
    assert (PERSON, "mj") in got, got
    assert not touched(engine, text, "ok"), got  # nor "initial ok" in a note: no initials


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Donor: #5093 (open identity)", "5093"),
        ("Dr. Meera Pillai (KMC reg. 40127) signed", "40127"),
        ("Ansah, PT (GPC reg. PT/0562)", "PT/0562"),
    ],
)
def test_a_labelled_hash_number_and_a_bodys_registration_are_identifiers(
    engine: PhiEngine, text: str, value: str
) -> None:
    assert (ID, value) in found(engine, text), found(engine, text)


@pytest.mark.parametrize(
    "text", ["Room: #412, Lot: #5521", "FDA reg 2019-2024 guidance", "CPT 99213 lic. fee"]
)
def test_a_room_a_lot_or_a_span_of_years_is_no_registration(engine: PhiEngine, text: str) -> None:
    assert ID not in kinds(engine, text), found(engine, text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Sample pickup: House 42, Road 7, Block D, Mirpur", "House 42, Road 7, Block D"),
        ("Address House 9-A, Street 14, F-8/2", "House 9-A, Street 14"),
        ("Praxis, Kastanienallee 17, 10435 Berlin", "Kastanienallee 17, 10435 Berlin"),
        ("Keizersgracht 118, 1015 Amsterdam", "Keizersgracht 118, 1015 Amsterdam"),
    ],
)
def test_planned_town_and_continental_addresses_are_streets(
    engine: PhiEngine, text: str, value: str
) -> None:
    assert (Entity.STREET_ADDRESS.value, value) in found(engine, text), found(engine, text)


@pytest.mark.parametrize(
    "text", ["the Spring 2026 schedule", "house 3 of the trial", "Highway 2026 plan"]
)
def test_a_season_or_a_house_in_prose_is_no_street(engine: PhiEngine, text: str) -> None:
    assert Entity.STREET_ADDRESS.value not in kinds(engine, text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("PATCH /v2/patients/8841027/contact 200 12ms", "8841027"),
        ("GET /fhir/Patient/pt-55190?_format=json", "pt-55190"),
    ],
)
def test_a_persons_id_in_an_api_route_is_an_identifier(
    engine: PhiEngine, text: str, value: str
) -> None:
    assert (ID, value) in found(engine, text), found(engine, text)


def test_a_route_without_a_number_is_no_identifier(engine: PhiEngine) -> None:
    text = "GET /api/users/me 200; POST /v2/patients/search"
    assert ID not in kinds(engine, text), found(engine, text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("3) Kowalski, Svetlana (QR-44102) - knee scope", "Kowalski, Svetlana"),
        ("[08:15] Thompson, Wanjiru: census is 22", "Thompson, Wanjiru"),
        ("cosign pending: Okafor, Chidi B.", "Okafor, Chidi B."),
    ],
)
def test_the_given_name_after_a_surname_and_its_comma_joins_it(
    engine: PhiEngine, text: str, name: str
) -> None:
    assert (PERSON, name) in found(engine, text), found(engine, text)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Seen by Okafor, Monday at the clinic", "Monday"),
        ("Dr Lee, Cardiology, signed", "Cardiology"),
        ("Call Jones, Delhi office, re visa", "Delhi"),
    ],
)
def test_a_day_a_service_or_a_place_after_a_surname_is_no_given_name(
    engine: PhiEngine, text: str, word: str
) -> None:
    assert PERSON not in {e for e, v in found(engine, text) if word in v}, found(engine, text)


# -- after round 16 (developed on round16-dev only) ------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("CPF 402.118.336-57 RG 31.552.904-X", "402.118.336-57"),
        ("CNPJ 17.882.004/0001-39 (employer)", "17.882.004/0001-39"),
        ("Dr Lemos, CRM-RJ 52.441", "52.441"),
        ("PESEL 88041207415, NIP 781-220-14-09", "88041207415"),
        ("codice fiscale BNCLRA72C41F205X", "BNCLRA72C41F205X"),
    ],
)
def test_a_labelled_national_number_with_dotted_groups_is_an_identifier(
    engine: PhiEngine, text: str, value: str
) -> None:
    assert (ID, value) in found(engine, text), found(engine, text)


def test_a_dose_or_a_decimal_after_a_label_is_no_national_number(engine: PhiEngine) -> None:
    text = "NHS 4.5 mg given; claim 12.5 percent"
    assert ID not in kinds(engine, text), found(engine, text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Bà 92 tuổi, sống với con gái", "92"),
        ("mi abuela tiene 95 años", "95"),
        ("Opa, 91 Jahre, wohnt allein", "91"),
        ("母 96歳", "96"),
    ],
)
def test_an_age_over_89_in_another_languages_years_is_an_age(
    engine: PhiEngine, text: str, value: str
) -> None:
    assert (Entity.AGE.value, value) in found(engine, text), found(engine, text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("case opened 2031-02-02 by epi_rmorrow", "epi_rmorrow"),
        ("closed by rn.dvanterpool at shift change", "rn.dvanterpool"),
    ],
)
def test_a_login_after_by_is_an_identifier(engine: PhiEngine, text: str, value: str) -> None:
    assert (ID, value) in found(engine, text), found(engine, text)


def test_a_latin_abbreviation_after_by_is_no_login(engine: PhiEngine) -> None:
    text = "caused by e.g. influenza or by i.v. contrast"
    assert ID not in kinds(engine, text), found(engine, text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Kestrel Air Medical N612RW lifted at 14:10", "N612RW"),
        ("fixed wing, tail no. N88QT, ETA 0515", "N88QT"),
    ],
)
def test_an_aircraft_registration_beside_air_transport_is_a_vehicle_id(
    engine: PhiEngine, text: str, value: str
) -> None:
    assert value in {v for _, v in found(engine, text)}, found(engine, text)


def test_a_mask_a_gas_or_a_nerve_is_no_aircraft(engine: PhiEngine) -> None:
    text = "fit-tested N95 before the flight; N2O given; N3 nerve intact"
    assert not [v for _, v in found(engine, text) if v in {"N95", "N2O", "N3"}]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("UNIVERSITY OF THE HIGH PLAINS ATHLETICS\nAthlete: Dana Cole", "UNIVERSITY OF THE HIGH"),
        ("transferred her studies to the University of Ardmore", "University of Ardmore"),
        ("loan from Bank of the Cumberland Valley", "Bank of the Cumberland Valley"),
        ("pt is a student at university of oregon", "university of oregon"),
    ],
)
def test_a_body_named_x_of_y_is_an_organisation(engine: PhiEngine, text: str, value: str) -> None:
    assert covered(engine, text, value), found(engine, text)


@pytest.mark.parametrize(
    "text",
    [
        "per the College of American Pathologists checklist",
        "Society of Critical Care Medicine guidelines",
        "the university of the pt's choice",
    ],
)
def test_a_professional_body_or_a_phrase_is_no_organisation(engine: PhiEngine, text: str) -> None:
    assert Entity.ORGANIZATION.value not in kinds(engine, text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Av. Paulista, 2100, Bela Vista, CEP 01310-300", "Av. Paulista, 2100"),
        ("Adres: ul. Słoneczna 8/12, 30-001 Kraków", "ul. Słoneczna 8/12"),
    ],
)
def test_brazilian_and_polish_streets_are_streets(engine: PhiEngine, text: str, value: str) -> None:
    assert (Entity.STREET_ADDRESS.value, value) in found(engine, text), found(engine, text)


def test_a_brazilian_postcode_after_its_label_is_a_zip(engine: PhiEngine) -> None:
    text = "Av. Paulista, 2100, Bela Vista, CEP 01310-300"
    assert (Entity.ZIP_CODE.value, "01310-300") in found(engine, text), found(engine, text)


def test_a_polish_or_german_clinic_named_head_first_is_a_facility(engine: PhiEngine) -> None:
    text = "records from Klinikum Schwabing and Szpital Miejski were faxed"
    assert covered(engine, text, "Klinikum Schwabing"), found(engine, text)
    assert covered(engine, text, "Szpital Miejski"), found(engine, text)


@pytest.mark.parametrize(
    ("text", "code", "town"),
    [
        ("Cabinet Dr Roux, 12 rue Oberkampf, 75011 Paris", "75011", "Paris"),
        ("Adres: ul. Słoneczna 8/12, 30-001 Kraków", "30-001", "Kraków"),
        ("Keizersgracht 118, 1015 CS Amsterdam", "1015 CS", "Amsterdam"),
        ("No. 4, Jalan Mawar 2, 43000 Kajang, Selangor", "43000", "Kajang"),
    ],
)
def test_a_postcode_before_a_listed_town_is_a_zip(
    engine: PhiEngine, text: str, code: str, town: str
) -> None:
    got = found(engine, text)
    assert (Entity.ZIP_CODE.value, code) in got, got
    assert covered(engine, text, town), got


def test_a_number_before_a_frequent_surname_is_no_postcode(engine: PhiEngine) -> None:
    text = "2026 Budget\n12345 Smith, 4471 Jackson"
    assert Entity.ZIP_CODE.value not in kinds(engine, text), found(engine, text)


# -- after round 17 (developed on round17-dev only) ------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("guard from Vesterhavet A/S and Kestrel Oy", "Vesterhavet A/S"),
        ("contractor Gardiaan B.V. on site", "Gardiaan B.V."),
        ("Travel agent: Pelancongan Murni Sdn Bhd, group 7", "Pelancongan Murni Sdn Bhd"),
    ],
)
def test_a_foreign_company_suffix_makes_a_firm(engine: PhiEngine, text: str, value: str) -> None:
    assert covered(engine, text, value), found(engine, text)


def test_aortic_stenosis_vaginosis_and_sublingual_are_no_suffixes(engine: PhiEngine) -> None:
    text = "Severe AS on echo; Recurrent BV; Nitro SL given"
    assert Entity.ORGANIZATION.value not in kinds(engine, text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("AZ Groeninge - campus Kortrijk", "AZ Groeninge"),
        ("dirujuk ke RS Harapan Bunda Kediri", "RS Harapan Bunda Kediri"),
        ("Rumah Sakit Mitra Keluarga, Bekasi", "Rumah Sakit Mitra Keluarga"),
    ],
)
def test_belgian_and_indonesian_hospitals_named_head_first(
    engine: PhiEngine, text: str, value: str
) -> None:
    assert covered(engine, text, value), found(engine, text)


def test_arizona_and_a_virus_are_no_hospital(engine: PhiEngine) -> None:
    text = "Tucson, AZ 85701; RS virus season"
    assert Entity.HOSPITAL.value not in kinds(engine, text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Hà Nội, ngày 14 tháng 11 năm 2031", "ngày 14 tháng 11 năm 2031"),
        ("Date: 3/3/2031 (9 Ramadan 1452)", "9 Ramadan 1452"),
        ("am 3. Dezember 2031 entlassen", "3. Dezember 2031"),
        ("opgenomen op 14 maart 2031", "14 maart 2031"),
    ],
)
def test_vietnamese_hijri_german_and_dutch_dates(engine: PhiEngine, text: str, value: str) -> None:
    assert (DATE, value) in found(engine, text), found(engine, text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Inpatient no. 31.044187 admitted", "31.044187"),
        ("No. RM       : 01-55-20-93", "01-55-20-93"),
    ],
)
def test_a_dotted_or_indonesian_record_number_is_an_identifier(
    engine: PhiEngine, text: str, value: str
) -> None:
    assert value in {v for _, v in found(engine, text)}, found(engine, text)


def test_a_short_decimal_after_a_number_word_and_a_normal_finding_are_no_record(
    engine: PhiEngine,
) -> None:
    text = "dose no. 12.5 mg; normal sinus rhythm"
    assert ID not in kinds(engine, text), found(engine, text)


def test_hyphenated_initials_a_login_after_export_by_and_a_mobile_home_space(
    engine: PhiEngine,
) -> None:
    got = found(engine, "Initials: T-J-W     Year of birth: 1961")
    assert (PERSON, "T-J-W") in got, got
    got = found(engine, "Export by mkowalski 2031-01-02 06:00")
    assert (ID, "mkowalski") in got, got
    text = "4410 W Ajo Hwy, Space 17, Tucson"
    assert (Entity.STREET_ADDRESS.value, "4410 W Ajo Hwy, Space 17") in found(engine, text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("2021 Civic blue          AZ KTW4471     R. Nez FP-2301", "KTW4471"),
        ("valet: Camry silver, NM BRX-552, keys on board", "BRX-552"),
    ],
)
def test_a_plate_after_its_states_code_beside_a_vehicle_is_a_plate(
    engine: PhiEngine, text: str, value: str
) -> None:
    assert (Entity.LICENSE_PLATE.value, value) in found(engine, text), found(engine, text)


def test_a_state_and_a_zip_or_a_resident_year_are_no_plate(engine: PhiEngine) -> None:
    text = "Tucson, AZ 85701; MD PGY2 resident"
    assert Entity.LICENSE_PLATE.value not in kinds(engine, text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("diperiksa pada Senin, 30 November 2031", "Senin"),
        ("opname: zaterdag 28/11/2031", "zaterdag"),
        ("visites le mardi et le vendredi", "vendredi"),
    ],
)
def test_a_weekday_in_another_language_is_a_date(engine: PhiEngine, text: str, value: str) -> None:
    assert (DATE, value) in found(engine, text), found(engine, text)


def test_a_taxpayer_number_after_tin_is_an_identifier(engine: PhiEngine) -> None:
    text = "Employer TIN 61-55190-2-8      Mobile +679 555 0142"
    assert (ID, "61-55190-2-8") in found(engine, text), found(engine, text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("tel 08-555 123 45 (växel)", "08-555 123 45"),
        ("mobil 070-123 45 67", "070-123 45 67"),
        ("tlf 22 55 50 12", "22 55 50 12"),
        ("telefon 33 55 12 34", "33 55 12 34"),
    ],
)
def test_nordic_phones_after_their_own_words_for_phone(
    engine: PhiEngine, text: str, value: str
) -> None:
    assert (Entity.PHONE_NUMBER.value, value) in found(engine, text), found(engine, text)


def test_a_score_range_and_a_date_are_no_swedish_phone(engine: PhiEngine) -> None:
    text = "pain 0-10 scale; 2031-01-05 10 22"
    assert Entity.PHONE_NUMBER.value not in kinds(engine, text)
