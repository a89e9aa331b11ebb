"""Error classes fixed after round 23's dev batch (issue 14), by kind, developed on
round23-dev only: an address written as a chain of parts around its street (unit, floor,
block, tower, building, site and box; Bengaluru's crosses and mains; a Singapore block's
numbered street and its unit).

Every value here is invented; none comes from a corpus. Each class comes with look-alikes
that must stay untouched.
"""

from __future__ import annotations

import pytest

from auditor.phi.engine import PhiEngine
from auditor.phi.entities import Entity
from tests.phi.conftest import covered, found, touched

PERSON = Entity.PERSON.value
STREET = Entity.STREET_ADDRESS.value


@pytest.mark.parametrize(
    ("text", "address"),
    [
        (
            "Deliver to Suite 9C, Tower 3, Marisol Residences, 12th Avenue, Makati by noon.",
            "Suite 9C, Tower 3, Marisol Residences, 12th Avenue",
        ),
        (
            "Courier to 2nd Floor, 88 Kloof Street, Gardens, Cape Town 8001.",
            "2nd Floor, 88 Kloof Street",
        ),
        (
            "Home: Flat 2, Orchard House, Mill Lane, Kinsale, Co. Cork",
            "Flat 2, Orchard House, Mill Lane",
        ),
        ("Mail goes to RR 5, Site 3, Box 21, Olds, AB T4H 1P9", "RR 5, Site 3, Box 21"),
        (
            "Address: No. 17, 5th Cross, 2nd Main, Jayanagar Sector 4, Bengaluru 560041",
            "No. 17, 5th Cross, 2nd Main, Jayanagar Sector 4",
        ),
        (
            "she lives at Blk 412 Jurong West Street 42 #05-118 with her son",
            "Blk 412 Jurong West Street 42 #05-118",
        ),
        ("Tenancy: Unit 3/45 Ocean Parade, Dee Why NSW 2099", "Unit 3/45 Ocean Parade"),
        ("Yonas Haile, Mai Jahjah 22, House No. 6, Mekelle", "Mai Jahjah 22, House No. 6"),
    ],
)
def test_an_address_is_the_chain_of_parts_around_its_street(
    engine: PhiEngine, text: str, address: str
) -> None:
    got = found(engine, text)
    assert covered(engine, text, address), got
    assert STREET in {e for e, v in got if address in v or v in address}, got


@pytest.mark.parametrize(
    "text",
    [
        "Transferred to Room 4, Bed 12, Level 2, Block C on the east side.",
        "Vaccine Lot 4471A, Exp 2027, given in the left deltoid.",
        "Unit 5B, Level 3: two beds closed for cleaning.",
        "Seen in Bay 3, Chair 7, Level 1 for the infusion.",
    ],
)
def test_a_hospitals_rooms_beds_and_lots_are_no_address(engine: PhiEngine, text: str) -> None:
    assert STREET not in {e for e, _ in found(engine, text)}, found(engine, text)


@pytest.mark.parametrize(
    ("text", "facility"),
    [
        ("Transféré à l'Hôpital Saint-Pierre de la Marne en chirurgie.",
         "Hôpital Saint-Pierre de la Marne"),
        ("Admise au Centre Hospitalier des Hauts d'Ourcq le 4.",
         "Centre Hospitalier des Hauts d'Ourcq"),
        ("Ingresa al Hospital General de las Lomas mañana.", "Hospital General de las Lomas"),
        ("Ricoverata all'Ospedale Civile di San Rocco delle Valli ieri.",
         "Ospedale Civile di San Rocco delle Valli"),
        ("Suivi à la Clinique des Pins de l'Aubrac, service de cardiologie.",
         "Clinique des Pins de l'Aubrac"),
    ],
)  # fmt: skip
def test_a_romance_facilitys_name_runs_over_its_articles(
    engine: PhiEngine, text: str, facility: str
) -> None:
    assert (Entity.HOSPITAL.value, facility) in found(engine, text), found(engine, text)


@pytest.mark.parametrize(
    "text", ["Hospital General today, then home.", "Hospital Course: uneventful.", "Hospital Day 3"]
)
def test_a_romance_hospitals_kind_alone_names_none(engine: PhiEngine, text: str) -> None:
    assert Entity.HOSPITAL.value not in {e for e, _ in found(engine, text)}, found(engine, text)


@pytest.mark.parametrize(
    ("text", "facility"),
    [
        ("Suivie au Centre Médical Kawéni à Mamoudzou depuis mars.", "Centre Médical Kawéni"),
        (
            "Adressée au Centre de Santé Les Acacias pour vaccination.",
            "Centre de Santé Les Acacias",
        ),
    ],
)
def test_a_french_centres_name(engine: PhiEngine, text: str, facility: str) -> None:
    assert (Entity.HOSPITAL.value, facility) in found(engine, text), found(engine, text)


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Hospitalisée le 27 novembre pour une pneumopathie.", "27 novembre"),
        ("ricoverato il 14 maggio per dispnea", "14 maggio"),
    ],
)
def test_a_full_month_name_that_is_also_a_surname_dates_its_day(
    engine: PhiEngine, text: str, date: str
) -> None:
    assert (Entity.DATE_TIME.value, date) in found(engine, text), found(engine, text)


@pytest.mark.parametrize("text", ["lives at 3 Augusta Road", "found 3 mars bars in the bag"])
def test_a_given_name_or_an_english_word_after_a_number_is_no_date(
    engine: PhiEngine, text: str
) -> None:
    assert Entity.DATE_TIME.value not in {e for e, _ in found(engine, text)}, found(engine, text)


@pytest.mark.parametrize(
    ("text", "login"),
    [
        ("Reset requested for user tkamau_07 at 09:14.", "tkamau_07"),
        ("username: r_osei2", "r_osei2"),
    ],
)
def test_a_login_joined_by_an_underscore(engine: PhiEngine, text: str, login: str) -> None:
    assert (Entity.ID_NUMBER.value, login) in found(engine, text), found(engine, text)


@pytest.mark.parametrize(
    ("text", "untouched"),
    [
        ("GCS 10 (E3V2M5), pupils 3 mm reactive.", "E3V2M5"),
        ("POD 3 Whipple, drains serous.", "Whipple"),
        ("s/p Fontan 2011, sats 88%.", "Fontan"),
        ("Mohs to the left nasal ala today.", "Mohs"),
    ],
)
def test_a_coma_score_and_an_operations_eponym_are_no_phi(
    engine: PhiEngine, text: str, untouched: str
) -> None:
    assert not touched(engine, text, untouched), found(engine, text)


def test_a_number_words_label_after_a_name_is_not_the_names(engine: PhiEngine) -> None:
    text = "Patient Wanjiru Otieno, IP No. NRB/26/004417, seen today."
    assert (PERSON, "Wanjiru Otieno") in found(engine, text), found(engine, text)


def test_a_new_brunswick_postcode_with_its_space_is_still_one(engine: PhiEngine) -> None:
    text = "Mail: 14 Elm St, Sussex NB E4E 2M5"
    assert (Entity.ZIP_CODE.value, "E4E 2M5") in found(engine, text), found(engine, text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("EHR lookup: adaeze okafor dob 1984", "adaeze okafor"),
        ("MRN search - pls find tremblay, lucie dob 3/4/1951", "tremblay, lucie"),
    ],
)
def test_a_short_query_whose_capitals_are_acronyms_is_read_caseless(
    engine: PhiEngine, text: str, name: str
) -> None:
    assert covered(engine, text, name), found(engine, text)


@pytest.mark.parametrize(
    "text", ["pt c/o SOB x2d, hx COPD, will f/u w/ PCP", "BP ok, mark on L arm, grace period"]
)
def test_a_short_clinical_line_in_lower_case_names_nobody(engine: PhiEngine, text: str) -> None:
    assert PERSON not in {e for e, _ in found(engine, text)}, found(engine, text)


@pytest.mark.parametrize(
    ("text", "firm"),
    [
        ("Rent goes to Quarrie & Ndlovu Lettings, Suite 4.", "Quarrie & Ndlovu Lettings"),
        ("Invoice from Okafor & Lindqvist for the audit.", "Okafor & Lindqvist"),
    ],
)
def test_two_surnames_joined_by_an_ampersand_are_a_firm(
    engine: PhiEngine, text: str, firm: str
) -> None:
    assert (Entity.ORGANIZATION.value, firm) in found(engine, text), found(engine, text)


@pytest.mark.parametrize(
    "text",
    [
        "Tom & Maria visited after lunch.",
        "Salt & Pepper diner on the corner.",
        "Clinic Tue & Thu mornings.",
        "walked from 7th Ave & Van Buren",
        "third molar, Pell & Gregory II-B",
    ],
)
def test_a_couple_days_streets_and_eponyms_joined_by_an_ampersand_are_no_firm(
    engine: PhiEngine, text: str
) -> None:
    assert Entity.ORGANIZATION.value not in {e for e, _ in found(engine, text)}, found(engine, text)


@pytest.mark.parametrize(
    ("text", "reference"),
    [
        ("Hotel for the family (conf. TQ4M8Z) near the hospital.", "TQ4M8Z"),
        ("Flight home: PNR: K4PZ9R, seat 12C.", "K4PZ9R"),
        ("booking ref 7WXQ2D for the shuttle", "7WXQ2D"),
    ],
)
def test_a_bookings_reference_after_its_label(engine: PhiEngine, text: str, reference: str) -> None:
    assert (Entity.ID_NUMBER.value, reference) in found(engine, text), found(engine, text)


@pytest.mark.parametrize("text", ["conf. call at 3 with IT", "in conf. room B12 at noon"])
def test_a_conference_is_no_booking(engine: PhiEngine, text: str) -> None:
    assert Entity.ID_NUMBER.value not in {e for e, _ in found(engine, text)}, found(engine, text)


@pytest.mark.parametrize(
    ("text", "value", "kind"),
    [
        ("Recibo n.º RC-2026/0881 emitido hoje.", "RC-2026/0881", Entity.ID_NUMBER.value),
        ("Patiente (dossier GT-26/0417) revue ce matin.", "GT-26/0417", Entity.ID_NUMBER.value),
        ("Pay to IBAN GB29 QWRT 6016 1331 9268 19 by Friday.", "GB29 QWRT 6016 1331 9268 19",
         Entity.IBAN_CODE.value),
        ("Airtel receipt QJ8T2KX41M received.", "QJ8T2KX41M", Entity.ID_NUMBER.value),
        ("Write to BP 3318, Maradi, before the visit.", "BP 3318", STREET),
        ("Caixa Postal 412, Maceió", "Caixa Postal 412", STREET),
        ("Rua da Sofia, 40, 2.º Dto., 3000-389 Coimbra.", "3000-389", Entity.ZIP_CODE.value),
        ("Rua de Cedofeita, 40, 2.º Dto., 4050-174 Porto.", "Rua de Cedofeita, 40, 2.º Dto.",
         STREET),
        ("Kedai Makan Seri, Lot 88, Jalan Tun Razak Lama, 50400 Kuala Lumpur",
         "Lot 88, Jalan Tun Razak Lama", STREET),
        ("Owner: Unit 902, The Towers at Marina Point, 14 Bay Boulevard, Pasay",
         "Unit 902, The Towers at Marina Point, 14 Bay Boulevard", STREET),
        ("العنوان: شارع 2210، فيلا 31، بوشر، هاتف +968 2450 1188", "شارع 2210، فيلا 31", STREET),
    ],
)  # fmt: skip
def test_identifiers_and_addresses_as_other_countries_write_them(
    engine: PhiEngine, text: str, value: str, kind: str
) -> None:
    got = found(engine, text)
    assert covered(engine, text, value), got
    assert kind in {e for e, v in got if value in v or v in value}, got


@pytest.mark.parametrize("text", ["BP 120/80, BP 140 systolic, BP 95", "bp 1200 mg? no: 120"])
def test_a_blood_pressure_is_no_post_box(engine: PhiEngine, text: str) -> None:
    assert STREET not in {e for e, _ in found(engine, text)}, found(engine, text)


def test_an_arabic_address_stops_at_the_phones_label(engine: PhiEngine) -> None:
    text = "العنوان: شارع 2210، فيلا 31، بوشر، هاتف +968 2450 1188"
    assert not touched(engine, text, "هاتف"), found(engine, text)


@pytest.mark.parametrize(
    ("text", "value", "kind"),
    [
        ("Parcel to 4 Lansdown Grove, Bath BA1 5EH today.", "Bath", Entity.LOCATION.value),
        ("Supplier: Kinabalu Timur Logistik Sdn. Bhd., Kota Kinabalu",
         "Kinabalu Timur Logistik Sdn. Bhd.", Entity.ORGANIZATION.value),
        ("She moved into Wexcombe Ridge Apartments last month.", "Wexcombe Ridge Apartments",
         STREET),
    ],
)  # fmt: skip
def test_a_listed_town_a_dotted_legal_form_and_a_named_residence(
    engine: PhiEngine, text: str, value: str, kind: str
) -> None:
    assert (kind, value) in found(engine, text), found(engine, text)


@pytest.mark.parametrize(
    "text", ["moved to Senior Apartments downtown", "Garden Apartments nearby"]
)
def test_a_residences_generic_words_name_none(engine: PhiEngine, text: str) -> None:
    assert STREET not in {e for e, _ in found(engine, text)}, found(engine, text)


@pytest.mark.parametrize(
    ("text", "value", "kind"),
    [
        ("Booking Q8TZ4M: two adults, one child.", "Q8TZ4M", Entity.ID_NUMBER.value),
        ("Ticket 5512: user mbeki_ops cannot sign in.", "mbeki_ops", Entity.ID_NUMBER.value),
        ("Sgt. Ruiz (badge 7720) took the statement.", "7720", Entity.ID_NUMBER.value),
        ("her doula Precious stayed all night", "Precious", PERSON),
        ("sitter Joy at the bedside overnight", "Joy", PERSON),
        ("Physio (Declan) to mobilise after lunch", "Declan", PERSON),
    ],
)
def test_a_bookings_word_a_joined_login_a_badge_and_a_carers_role(
    engine: PhiEngine, text: str, value: str, kind: str
) -> None:
    assert (kind, value) in found(engine, text), found(engine, text)


@pytest.mark.parametrize("text", ["Physio (daily) to continue", "booking for surgery confirmed"])
def test_a_roles_plain_word_and_a_booking_without_code(engine: PhiEngine, text: str) -> None:
    got = {e for e, _ in found(engine, text)}
    assert PERSON not in got and Entity.ID_NUMBER.value not in got, found(engine, text)


@pytest.mark.parametrize(
    ("text", "firm"),
    [
        ("He drives for Vasquez Trucking out of Laredo.", "Vasquez Trucking"),
        ("employer: Tamarack Ridge Roofing, since 2019", "Tamarack Ridge Roofing"),
    ],
)
def test_a_small_firm_named_for_its_trade(engine: PhiEngine, text: str, firm: str) -> None:
    assert (Entity.ORGANIZATION.value, firm) in found(engine, text), found(engine, text)


def test_a_trade_after_plain_words_only_names_no_firm(engine: PhiEngine) -> None:
    text = "Rapid Logistics and Global Energy are sectors, not employers here."
    assert Entity.ORGANIZATION.value not in {e for e, _ in found(engine, text)}, found(engine, text)


@pytest.mark.parametrize(
    ("text", "facility"),
    [("CM: going to Tesuque Mesa SNF, bed offered", "Tesuque Mesa SNF"),
     ("dc to Brookhaven ALF tomorrow am", "Brookhaven ALF")],
)  # fmt: skip
def test_a_nursing_facility_by_its_letters(engine: PhiEngine, text: str, facility: str) -> None:
    assert (Entity.HOSPITAL.value, facility) in found(engine, text), found(engine, text)


@pytest.mark.parametrize("text", ["dc to SNF tomorrow", "d/c to Rehab SNF vs home"])
def test_a_nursing_facilitys_letters_alone_name_none(engine: PhiEngine, text: str) -> None:
    assert Entity.HOSPITAL.value not in {e for e, _ in found(engine, text)}, found(engine, text)


@pytest.mark.parametrize(
    ("text", "initials"),
    [
        ("pt resting, family updated.\n-wtk", "wtk"),
        ("bath given, skin intact.\n-pq RN", "pq"),
        ("Wife at bedside overnight.\nB.N. RN", "B.N."),
        ("Plan: wean FiO2 as tol.\nHJS", "HJS"),
        ("Son has the key.\nrkm\n\nNPN 7p-7a\npt asleep", "rkm"),
    ],
)
def test_a_notes_signature_by_initials_alone_on_its_line(
    engine: PhiEngine, text: str, initials: str
) -> None:
    assert (PERSON, initials) in found(engine, text), found(engine, text)


@pytest.mark.parametrize(
    "text",
    ["Plan: continue\nOK", "Code status:\nDNR", "vitals stable\nICU", "I/O even\ncont", "NPO"],
)
def test_a_word_or_a_code_alone_on_the_last_line_signs_nothing(
    engine: PhiEngine, text: str
) -> None:
    assert PERSON not in {e for e, _ in found(engine, text)}, found(engine, text)


def test_a_fields_label_alone_on_the_last_line_signs_nothing(engine: PhiEngine) -> None:
    text = "Name: Okonjo Adaeze\nDOB"
    assert (PERSON, "DOB") not in found(engine, text), found(engine, text)


@pytest.mark.parametrize(
    ("text", "unit"),
    [("Tele 9 North RN note 3p-11p", "9 North"), ("3 EAST NURSING NOTE 7P-7A", "3 EAST")],
)
def test_a_floor_and_wing_heading_a_nurses_note(engine: PhiEngine, text: str, unit: str) -> None:
    assert covered(engine, text, unit), found(engine, text)
    assert Entity.HOSPITAL.value in {e for e, v in found(engine, text) if unit in v}


@pytest.mark.parametrize("text", ["2 West Nile cases this year", "went 4 North Maple St at 3"])
def test_a_floor_and_wing_shape_in_a_disease_or_a_street(engine: PhiEngine, text: str) -> None:
    assert Entity.HOSPITAL.value not in {e for e, _ in found(engine, text)}, found(engine, text)


@pytest.mark.parametrize(
    "text",
    [
        "Wife in at 1800 after surgeon Dr Papadakis-Hunt spoke with her.",
        "s/p 3 cycles NACT      Dr Yamamoto-Ness    in clinic",
    ],
)
def test_a_number_then_words_up_to_a_doctors_title_is_no_street(
    engine: PhiEngine, text: str
) -> None:
    assert STREET not in {e for e, _ in found(engine, text)}, found(engine, text)


def test_a_drive_before_its_town_is_still_a_street(engine: PhiEngine) -> None:
    text = "lives at 22 Laurel Ridge Dr, Austin"
    assert (STREET, "22 Laurel Ridge Dr") in found(engine, text), found(engine, text)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("no intubation, reassess Fri. Son called.", "Fri"),
        ("Plan: TEE/DCCV Thurs if still in AF", "Thurs"),
        ("dialysis Tue/Thu/Sat at the unit", "Thu"),
        ("warfarin 7.5 mg Mon/Fri only", "Fri"),
    ],
)
def test_a_weekdays_abbreviation_no_word_shares_is_a_date(
    engine: PhiEngine, text: str, day: str
) -> None:
    assert (Entity.DATE_TIME.value, day) in found(engine, text), found(engine, text)


def test_a_vietnamese_given_name_thu_stays_a_name(engine: PhiEngine) -> None:
    text = "Wife Lan and daughter Thu Tran at bedside."
    assert (PERSON, "Thu Tran") in found(engine, text), found(engine, text)


@pytest.mark.parametrize(
    ("text", "alias"),
    [
        ('Pt admitted as "Trauma, Persimmon" from ED 12/25', "Persimmon"),
        ("Trauma, Foxtrot Kilo (now identified)", "Foxtrot Kilo"),
        ("Bed 4  DOE, UNKNOWN TANGO  ~30M", "UNKNOWN TANGO"),
    ],
)
def test_an_unidentified_patients_alias(engine: PhiEngine, text: str, alias: str) -> None:
    assert (PERSON, alias) in found(engine, text), found(engine, text)


@pytest.mark.parametrize(
    "text", ["Trauma, MVC rollover", "Trauma, Level 1 activation", "Trauma, Team Alpha paged"]
)
def test_a_trauma_calls_business_is_no_alias(engine: PhiEngine, text: str) -> None:
    assert PERSON not in {e for e, _ in found(engine, text)}, found(engine, text)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("NEURO STEPDOWN RN NOTE 9/9 07-19", "STEPDOWN"),
        ("Night RN note 3 Tower (med)", "Night"),
        ("PT NOT A CANDIDATE PER PSYCHOSOCIAL PER DR.", "PSYCHOSOCIAL"),
        ("Cumberland Rescue brought pt to OSH.", "Rescue"),
    ],
)
def test_a_nursing_notes_own_words_are_no_name(engine: PhiEngine, text: str, word: str) -> None:
    assert not any(e == PERSON and word in v for e, v in found(engine, text)), found(engine, text)


@pytest.mark.parametrize(
    ("text", "name"),
    [("SAPS case no. 14/03 - Const Mthembu came to ask", "Mthembu"),
     ("Karakia done by Matua Hemi from chaplaincy", "Hemi")],
)  # fmt: skip
def test_a_constables_and_an_elders_title_stay_outside_the_name(
    engine: PhiEngine, text: str, name: str
) -> None:
    assert (PERSON, name) in found(engine, text), found(engine, text)


@pytest.mark.parametrize(
    ("text", "unit"),
    [("PLAN: TRANSFER TO 8 SOUTH TELE IN AM.", "8 SOUTH TELE"),
     ("transfer to 3 West Stepdown if off pressors", "3 West Stepdown")],
)  # fmt: skip
def test_a_units_specialty_after_its_floor_and_wing(
    engine: PhiEngine, text: str, unit: str
) -> None:
    assert (Entity.HOSPITAL.value, unit) in found(engine, text), found(engine, text)


def test_a_units_name_stops_before_a_hyphenated_word(engine: PhiEngine) -> None:
    text = "To: Jonah Blevins (Manager, 4 North Med-Surg)"
    assert (Entity.HOSPITAL.value, "4 North") in found(engine, text), found(engine, text)


@pytest.mark.parametrize(
    ("text", "town"),
    [
        ("ICU nursing note - Glenmore University Hospital, Tralee\nNight 20:00", "Tralee"),
        ("admise au Centre Médical Tsembehou à Fomboni le 2 décembre", "Fomboni"),
        ("Referral: Kasarani Institute of Medical Sciences, Nakuru   4-12-26", "Nakuru"),
    ],
)
def test_the_town_a_facilitys_name_gives_after_it(engine: PhiEngine, text: str, town: str) -> None:
    assert (Entity.LOCATION.value, town) in found(engine, text), found(engine, text)


@pytest.mark.parametrize(
    "text",
    [
        "seen at Mercy Hospital, Room 4 today",
        "St Mary's Hospital, Cardiology\nclinic letter",
        "WINSLOW ARMY HEALTH CLINIC, APPT 23 MAR 26",
        "Klinikum Elbauen, Zentral-OP Saal 4",
    ],
)
def test_a_facilitys_department_or_a_word_after_it_is_no_town(engine: PhiEngine, text: str) -> None:
    assert Entity.LOCATION.value not in {e for e, _ in found(engine, text)}, found(engine, text)


@pytest.mark.parametrize(
    ("text", "town"),
    [
        ("Mme Aïssata, 33 ans, originaire de Zinder, vue ce matin", "Zinder"),
        ("son frère venu de Mouila hier soir", "Mouila"),
        ("utente natural de Vila do Porto, Santa Maria", "Vila do Porto"),
        ("pesakit, 60 tahun, dari Sarikei, dirujuk", "Sarikei"),
        ("nato a Castelnuovo il 14/01/1958", "Castelnuovo"),
    ],
)
def test_a_place_after_a_phrase_of_origin_in_another_language(
    engine: PhiEngine, text: str, town: str
) -> None:
    assert (Entity.LOCATION.value, town) in found(engine, text), found(engine, text)


@pytest.mark.parametrize("text", ["la visite venue de Madame Diallo", "natural de Maria"])
def test_a_title_or_a_given_name_after_a_phrase_of_origin_is_no_place(
    engine: PhiEngine, text: str
) -> None:
    assert Entity.LOCATION.value not in {e for e, _ in found(engine, text)}, found(engine, text)


@pytest.mark.parametrize(
    ("text", "value"),
    [("Medical Scheme no. KN 5520 1187 on file", "KN 5520 1187"),
     ("Plan # WQ 7720 4419\nReason: renewal", "WQ 7720 4419")],
)  # fmt: skip
def test_a_registrys_letters_and_digit_groups_after_a_number_word(
    engine: PhiEngine, text: str, value: str
) -> None:
    assert covered(engine, text, value), found(engine, text)


@pytest.mark.parametrize(
    ("text", "body"),
    [
        ("wife asks for the priest from Our Lady of the Harbour parish", "Our Lady of the Harbour"),
        ("he is a member of Teamsters Local 727", "Teamsters Local 727"),
    ],
)
def test_a_dedicated_body_and_a_unions_local(engine: PhiEngine, text: str, body: str) -> None:
    assert (Entity.ORGANIZATION.value, body) in found(engine, text), found(engine, text)


def test_a_local_anaesthetic_is_no_union(engine: PhiEngine) -> None:
    text = "Lidocaine Local 20 mg given before the line"
    assert Entity.ORGANIZATION.value not in {e for e, _ in found(engine, text)}, found(engine, text)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Office: Upper Hill, Nairobi 00100, Kenya", "00100"),
        ("2-1-1 Marunouchi, Chiyoda-ku, Tokyo 100-0005", "100-0005"),
        ("Av. Paulista, 1578 - Bela Vista, São Paulo - SP, 01310-200", "01310-200"),
        ("Qta. Mi Ranchito, Caracas 1080, teléfono", "1080"),
    ],
)
def test_a_postcode_after_its_town_with_no_street_before(
    engine: PhiEngine, text: str, code: str
) -> None:
    assert (Entity.ZIP_CODE.value, code) in found(engine, text), found(engine, text)


@pytest.mark.parametrize("text", ["moved to Boston 2019.", "Room 4 Tower 1226.", "Reading 1200."])
def test_a_year_or_a_word_town_before_a_number_is_no_postcode(engine: PhiEngine, text: str) -> None:
    assert Entity.ZIP_CODE.value not in {e for e, _ in found(engine, text)}, found(engine, text)
