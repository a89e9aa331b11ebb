"""Error classes fixed while rounds 57 to 60 were written (issue 14), by kind, developed on the
hand-written dev batches only: given names of people born since the 1990 census (the SSA's
counts of US births), and a given name that is also a word before a surname no list knows;
a contact's number after a word that is only a name sometimes; a labelled booking number; a
month joined to its year by a dash or an apostrophe and a day after "on"; a name right before
an age and sex run together; a number in groups after a short label; a yard, a crescent, a
street with its direction; a record's company and insurer keys; an air-ambulance service; an
age over 89 after a birth date and "now", or after "would have been"; a town before a
province's abbreviation or a firm's site ("our Denver branch"); a short number after a record's
label ("Invoice 3307"); a given name that is also a word in a person's field; a signed
initial after a sign-off's dashes; figures read out one by one and a name spelled letter by
letter; a phone's last four read back; an air-ambulance service after a word of flying; a
lower-case surname after a room, a bed or "pt" (from rounds 61-64's dev batches); a town's
police or fire department by its abbreviation; a day past the 12th after "on" before a result
word; the national days of India, South Africa, Canada and New Zealand; an Irish town before
its county; a patient's dotted initials (from rounds 65-68's dev batches); a department by
its whole name ("Nebraska State Patrol"), Québec's "boul.", a parcel's country code, an
aircraft registration abroad (from rounds 69-72's dev batches).

Every value here is invented; none comes from a corpus. Each class comes with look-alikes
that must stay untouched.
"""

from __future__ import annotations

import pytest

from auditor.phi.engine import PhiEngine
from auditor.phi.entities import Entity
from auditor.phi.recognizers.lexicon import Lexicon
from tests.phi.conftest import covered, covered_as, found, found_as

PERSON = Entity.PERSON.value
ID = Entity.ID_NUMBER.value


def test_the_ssa_given_names_widen_the_census_list() -> None:
    lex = Lexicon.load()
    assert lex.is_first("imogen") and not lex.is_ambiguous("imogen")
    assert lex.is_first("jayden") and lex.is_first("nevaeh")
    # a name that is also a word needs a cue; a place, an abbreviation or a term is left out
    assert lex.is_first("poppy") and lex.is_ambiguous("poppy")
    assert not lex.is_first("memphis") and not lex.is_first("dev") and not lex.is_first("timi")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Paid $75.00 to Poppy Wendlebrook, sort code 40-11-22.", "Poppy Wendlebrook"),
        ("steroid taper for PMR - Clemence Tarrowby, started pred 15 mg", "Clemence Tarrowby"),
        ("please call back on 0113 496 0999 - Imogen.", "Imogen"),
        ("Older sib Nevaeh (6) home with grandmother.", "Nevaeh"),
        ("Thx Jaxon", "Jaxon"),
    ],
)
def test_a_given_name_born_since_the_census(engine: PhiEngine, text: str, value: str) -> None:
    assert PERSON in found_as(engine, text, value), found(engine, text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("DOB 01/04/1925   Birthplace Belle Fourche, SD", "Birthplace Belle Fourche"),
        ("Found near Chavez Park (per APD, case 26-0118840); no injuries.", "case"),
        ("Harmony Healthcare billed the claim twice.", "Harmony Healthcare"),
    ],
)
def test_a_word_or_a_town_is_no_given_name(engine: PhiEngine, text: str, value: str) -> None:
    assert PERSON not in found_as(engine, text, value), found(engine, text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Booking no. KC-200471 for the shuttle, pickup 0700.", "KC-200471"),
        ("Voucher number QX-4471 issued at the front desk.", "QX-4471"),
    ],
)
def test_a_labelled_booking_or_voucher_number(engine: PhiEngine, text: str, value: str) -> None:
    assert covered(engine, text, value), found(engine, text)


DATE = Entity.DATE_TIME.value
STREET = Entity.STREET_ADDRESS.value
ORG = Entity.ORGANIZATION.value
AGE = Entity.AGE.value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("repeat echo Mar-25, sooner if symptomatic", "Mar-25"),
        ("next review Jun-2025 in clinic", "Jun-2025"),
        ("admitted Sept '24 with a flare", "Sept '24"),
        ("family meeting with his wife on 12th; form signed", "12th"),
    ],
)
def test_a_month_joined_to_its_year_or_a_day_after_on(
    engine: PhiEngine, text: str, value: str
) -> None:
    assert DATE in found_as(engine, text, value), found(engine, text)


@pytest.mark.parametrize(
    "text",
    [
        "May-Thurner syndrome; MAR reviewed with pharmacy",
        "return on 3rd floor; extubated on 2nd attempt; on 4th line chemo",
    ],
)
def test_no_date_in_a_syndrome_a_floor_or_an_attempt(engine: PhiEngine, text: str) -> None:
    assert DATE not in {e for e, _ in found(engine, text)}, found(engine, text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("orlagh brennickson 36M snowmobile crash near Gaylord", "orlagh brennickson"),
        ("Tremathy 72F tinnitus and unilateral hearing loss", "Tremathy"),
    ],
)
def test_a_name_before_an_age_and_sex(engine: PhiEngine, text: str, value: str) -> None:
    assert PERSON in found_as(engine, text, value), found(engine, text)


@pytest.mark.parametrize(
    "text", ["question: dka 22F on insulin gtt", "COPD 70M on 2L", "chest pain 45M, trop neg"]
)
def test_a_diagnosis_before_an_age_and_sex_is_no_name(engine: PhiEngine, text: str) -> None:
    assert PERSON not in {e for e, _ in found(engine, text)}, found(engine, text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Pt Mr Adjei-Boateng, IHI 8003 6081 2233 4459, Hx fall", "8003 6081 2233 4459"),
        ("Frequent flyer QF 400 52 917 on file.", "400 52 917"),
        ("Parcel redirected: GB 5521 8830 4 now going to the depot", "5521 8830 4"),
    ],
)
def test_a_number_in_groups_after_a_short_label(engine: PhiEngine, text: str, value: str) -> None:
    assert ID in found_as(engine, text, value), found(engine, text)


@pytest.mark.parametrize(
    "text",
    ["NOK 087 555 0142 (daughter)", "CVP 120 8 6 10 12 over the shift", "BP 128 76 and HR 88"],
)
def test_a_phone_or_readings_in_groups_are_no_grouped_id(engine: PhiEngine, text: str) -> None:
    assert ID not in {e for e, _ in found(engine, text)}, found(engine, text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Send the forms to 12 Coldharbour Yard, London", "12 Coldharbour Yard"),
        ("parcel held at the pharmacy on Quennell St W, for collection", "Quennell St W"),
        ("Street party, Brackmoor Crescent, Sunday afternoon", "Brackmoor Crescent"),
    ],
)
def test_a_yard_a_crescent_and_a_street_with_its_direction(
    engine: PhiEngine, text: str, value: str
) -> None:
    assert STREET in found_as(engine, text, value), found(engine, text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        (
            '{"name": "Ada Roe", "company": "Lodestar Packaging Co", "city": "Leeds"}',
            "Lodestar Packaging Co",
        ),
        ('{"insurer": "Kestrel Mutual (NW) Ltd", "member": "KM-22"}', "Kestrel Mutual (NW) Ltd"),
        ("Transported by Delta Angel Air to Rapid City", "Delta Angel Air"),
    ],
)
def test_a_record_s_company_key_and_an_air_ambulance(
    engine: PhiEngine, text: str, value: str
) -> None:
    assert ORG in found_as(engine, text, value), found(engine, text)


@pytest.mark.parametrize(
    "text",
    [
        '{"employer": "self-employed", "school": "N/A"}',
        "PT WEANED TO ROOM AIR AT 1400. VIA FACE TENT, COOL AIR",
    ],
)
def test_no_firm_in_a_placeholder_or_the_air_a_patient_breathes(
    engine: PhiEngine, text: str
) -> None:
    assert ORG not in {e for e, _ in found(engine, text)}, found(engine, text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Born 1/5/1930, now 96; previously lived alone", "96"),
        ("her husband Cyril would have been 97 this year", "97"),
    ],
)
def test_an_age_over_89_after_a_birth_date_or_would_have_been(
    engine: PhiEngine, text: str, value: str
) -> None:
    assert AGE in found_as(engine, text, value), found(engine, text)


def test_would_have_been_a_percentage_is_no_age(engine: PhiEngine) -> None:
    text = "the yield would have been 95% without the leak"
    assert AGE not in {e for e, _ in found(engine, text)}, found(engine, text)


LOCATION = Entity.LOCATION.value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("re: Dhaliwal Haulage Ltd., Abbotsford, BC) invoice dispute", "Abbotsford"),
        ("moved from Bendigo, VIC last year", "Bendigo"),
        ("starting Monday at our Denver branch", "Denver"),
    ],
)
def test_a_town_before_a_province_or_a_firm_s_site(
    engine: PhiEngine, text: str, value: str
) -> None:
    assert LOCATION in found_as(engine, text, value), found(engine, text)


@pytest.mark.parametrize(
    "text", ["PATIENT, ACT AS SURROGATE", "at the Main office; the Head office; the Front desk"]
)
def test_no_town_in_an_abbreviation_or_an_office_s_kind(engine: PhiEngine, text: str) -> None:
    assert LOCATION not in {e for e, _ in found(engine, text)}, found(engine, text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("(Rhys Caddington, warehouse, ID 5583)", "5583"),
        ("Job card 6612: replace tap washer", "6612"),
        ("Subject: Invoice 3307 - wrong address", "3307"),
        ("Bib 2284. Runner: Tamsin Ockley", "2284"),
    ],
)
def test_a_short_number_after_a_record_s_label(engine: PhiEngine, text: str, value: str) -> None:
    assert ID in found_as(engine, text, value), found(engine, text)


@pytest.mark.parametrize("text", ["ID consult today; Pt ID band checked", "work order 500 mg"])
def test_a_consult_or_a_dose_is_no_short_number(engine: PhiEngine, text: str) -> None:
    assert ID not in {e for e, _ in found(engine, text)}, found(engine, text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Shift: 0700-1900     RN: Kestrel Hovdestad | Pt: Quinlan Morrow", "Kestrel Hovdestad"),
        ("placed by case mgr for payment. --R. Ekstromme", "R. Ekstromme"),
    ],
)
def test_a_word_as_given_name_in_a_field_and_a_signed_initial(
    engine: PhiEngine, text: str, value: str
) -> None:
    assert PERSON in found_as(engine, text, value), found(engine, text)


@pytest.mark.parametrize("text", ["RN: Night Shift", "Nurse: Wound Care team", "E. Coli grew"])
def test_a_shift_a_service_or_a_genus_is_no_name(engine: PhiEngine, text: str) -> None:
    assert PERSON not in {e for e, _ in found(engine, text)}, found(engine, text)


@pytest.mark.parametrize(
    ("text", "value", "kind"),
    [
        ("user: 5 5 5 0 1 4 7, area code 6 1 8", "5 5 5 0 1 4 7", ID),
        ("user: 5 5 5 0 1 4 7, area code 6 1 8", "6 1 8", Entity.PHONE_NUMBER.value),
        (
            "Can I get your zip code? | Caller: 4 0 2 1 7 | Agent: thanks",
            "4 0 2 1 7",
            Entity.ZIP_CODE.value,
        ),
        (
            "can you spell the last name? | Customer: Q-U-I-L-L-A-N, Quillan",
            "Q-U-I-L-L-A-N",
            PERSON,
        ),
        ("Forty Tamberlin Road, that's T-A-M-B-E-R-L-I-N.", "T-A-M-B-E-R-L-I-N", PERSON),
        (
            "text the code to the mobile ending 0194, is that right?",
            "0194",
            Entity.ACCOUNT_NUMBER.value,
        ),
        ("Last four of his social is 4417.", "4417", Entity.ACCOUNT_NUMBER.value),
    ],
)
def test_figures_and_letters_read_out_one_by_one(
    engine: PhiEngine, text: str, value: str, kind: str
) -> None:
    assert covered_as(engine, text, value, kind), found(engine, text)


@pytest.mark.parametrize(
    "text",
    [
        "strength 5 5 5 5 5 5 5 5 all extremities",
        "steps: 1 2 3 4 5 6 7 8 9",
        "A-B-C-D-E approach in the trauma bay",
        "room number ending 4 beds",
    ],
)
def test_readings_counts_and_a_survey_are_read_as_they_are(engine: PhiEngine, text: str) -> None:
    kinds = {e for e, _ in found(engine, text)}
    assert not kinds & {ID, PERSON, Entity.ACCOUNT_NUMBER.value}, found(engine, text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("MEDEVAC BY ARCTIC LIFEGUARD AIR (LEARJET) ARRIVED 2340", "ARCTIC LIFEGUARD AIR"),
        ("arrived via Big Island Medevac Flight 2 on 8/7.", "Big Island Medevac Flight 2"),
        ("Transport by Cumberland AirCare, tail N419WA", "Cumberland AirCare"),
    ],
)
def test_an_air_ambulance_after_a_word_of_flying(engine: PhiEngine, text: str, value: str) -> None:
    assert ORG in found_as(engine, text, value), found(engine, text)


@pytest.mark.parametrize(
    "text",
    [
        "COOL MIST, VIA FACE TENT ON ROOM AIR",
        "placed on Medical Air; weaned to room air",
        "then flew home by Air",
    ],
)
def test_no_air_ambulance_in_the_air_a_patient_breathes(engine: PhiEngine, text: str) -> None:
    assert ORG not in {e for e, _ in found(engine, text)}, found(engine, text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("pgr 51207: rm 414 vanderhuelst converted to NSR on dilt", "vanderhuelst"),
        ("[03:12] rn 5W: pt galloran 502 c/o CP 6/10", "galloran"),
    ],
)
def test_a_lower_case_surname_after_a_room_or_pt(engine: PhiEngine, text: str, value: str) -> None:
    assert PERSON in found_as(engine, text, value), found(engine, text)


@pytest.mark.parametrize(
    "text",
    [
        "pt tachycardic; bed 4 bariatric; pt pancultured; pt diuresing, pt hypotensive",
        "called to bed 9, pt desat to 78% on 6L; room temperature",
    ],
)
def test_a_clinical_word_after_pt_is_no_surname(engine: PhiEngine, text: str) -> None:
    assert PERSON not in {e for e, _ in found(engine, text)}, found(engine, text)


def test_a_surname_in_capitals_after_a_bed_in_a_page(engine: PhiEngine) -> None:
    text = "pgr: CALL 53318 RE BED 2 TAKAHARSI K 2.9 REPLACED PO?"
    assert PERSON in found_as(engine, text, "TAKAHARSI"), found(engine, text)


@pytest.mark.parametrize(
    "text", ["ROOM 417 WHITEBOARD (transcribed)", "NO PT LOCATOR; BED 2 TURNED Q2H"]
)
def test_a_compound_or_an_agent_noun_after_a_room_is_no_surname(
    engine: PhiEngine, text: str
) -> None:
    assert PERSON not in {e for e, _ in found(engine, text)}, found(engine, text)


def test_an_age_over_89_with_who_says_so(engine: PhiEngine) -> None:
    text = "Her age per family is 97. Comfort focused."
    assert AGE in found_as(engine, text, "97"), found(engine, text)
    assert AGE not in {e for e, _ in found(engine, "age per protocol is 95%")}


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("facial fx, SAH. Karlsbrook PD report # 18-33107, Officer Maffucci", "Karlsbrook PD"),
        ("paperwork signed. Fennimere Falls PD notified? no", "Fennimere Falls PD"),
        ("extricated by Monson FD, flown by helicopter", "Monson FD"),
    ],
)
def test_a_town_s_police_or_fire_department(engine: PhiEngine, text: str, value: str) -> None:
    assert ORG in found_as(engine, text, value), found(engine, text)


def test_pd_alone_or_after_a_clinical_word_is_no_department(engine: PhiEngine) -> None:
    text = "Pt with PD on carbidopa; home PD exchanges; Hx PD; Peritoneal PD"
    assert ORG not in {e for e, _ in found(engine, text)}, found(engine, text)


@pytest.mark.parametrize(
    ("text", "value", "kind"),
    [
        ("TEE on 2/26 negative for vegetation.", "2/26", DATE),
        ("born on 27 April 1994, Freedom Day, in Umlazi.", "Freedom Day", DATE),
        ("event on 26 Jan (Republic Day)", "Republic Day", DATE),
        ("Nora Twohig, Glenbrohane Cottage, Kilmacthomas, Co. Waterford", "Kilmacthomas", LOCATION),
        ('Anon caller from 7N: "pt A.K. on vanco, trough 24.8', "A.K.", PERSON),
        ("Patient initials / chart: T.S. / HR-20331", "T.S.", PERSON),
    ],
)
def test_a_date_a_national_day_an_irish_town_and_a_patient_s_initials(
    engine: PhiEngine, text: str, value: str, kind: str
) -> None:
    assert kind in found_as(engine, text, value), found(engine, text)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("BCx 2/2 negative; nodes 2/26 positive", DATE),
        ("a family day out; youth day camp", DATE),
        ("pt D.C. home today; pt I.V. access", PERSON),
        ("the Old Rectory, Co. Meath", LOCATION),
    ],
)
def test_a_fraction_a_phrase_an_abbreviation_and_a_house_stay(
    engine: PhiEngine, text: str, kind: str
) -> None:
    values = {v for e, v in found(engine, text) if e == kind}
    assert not values - {"Meath", "Co. Meath"}, found(engine, text)


@pytest.mark.parametrize(
    ("text", "value", "kind"),
    [
        ("pt brought by Quarrybrook Volunteer Fire after MVC", "Quarrybrook Volunteer Fire", ORG),
        ("restrained. Nebraska State Patrol on scene, trooper", "Nebraska State Patrol", ORG),
        (
            "Law enforcement: Kinston Police Department Ofc. Hardee",
            "Kinston Police Department",
            ORG,
        ),
        (
            "SHIP TO: 1550 boul. des Forges, bureau 300, Trois-Rivieres",
            "1550 boul. des Forges",
            STREET,
        ),
        ("Consignment CP 5582 9931 772 CA | Sender: Northgrist", "5582 9931 772 CA", ID),
        (
            "Air Medical fixed wing, tail no. C-GKRL, ETA 1430.",
            "C-GKRL",
            Entity.LICENSE_PLATE.value,
        ),
    ],
)
def test_a_department_by_name_a_quebec_street_a_parcel_and_a_tail_number(
    engine: PhiEngine, text: str, value: str, kind: str
) -> None:
    assert covered_as(engine, text, value, kind), found(engine, text)


@pytest.mark.parametrize(
    "text",
    [
        "The Fire Department was called; fire rescue arrived",
        "give 2 ch. of the syrup; C-ABC and G-CSF",
    ],
)
def test_a_department_s_kind_alone_a_dose_and_a_factor_stay(engine: PhiEngine, text: str) -> None:
    kinds = {e for e, _ in found(engine, text)}
    assert not kinds & {ORG, STREET, Entity.LICENSE_PLATE.value}, found(engine, text)
