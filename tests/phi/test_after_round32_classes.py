"""Error classes fixed in the session of rounds 32-34 (issue 14), by kind, developed on the
hand-written dev batches only: a month/day date after a cue of a part out of a whole that
cannot be one ("level 12/5"), zero-padded month/day dates, and a month whose name is nothing
but a month standing alone.

Every value here is invented; none comes from a corpus. Each class comes with look-alikes
that must stay untouched.
"""

from __future__ import annotations

import pytest

from auditor.deid.sweep import Sweep
from auditor.phi.engine import PhiEngine
from auditor.phi.entities import Entity
from tests.phi.conftest import covered, found, found_as

DATE = Entity.DATE_TIME.value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("vanc trough drawn, next level 11/9 before the 4th dose", "11/9"),
        ("GNR bacteremia (blood cx 10/3), ID following", "10/3"),
        ("MSSA in 2/2 bottles 11/26, TEE ordered", "11/26"),
        ("Tox screen level 09/07 negative", "09/07"),
        ("prior auth PA sent 11/04 with the notes", "11/04"),
        ("hospitalisée le 03/11 pour chute", "03/11"),
    ],
)
def test_a_date_after_a_readings_cue_that_cannot_be_the_reading(
    engine: PhiEngine, text: str, value: str
) -> None:
    assert DATE in found_as(engine, text, value), found(engine, text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("pain 7/10 after PT, strength 4/5 RUE", "7/10"),
        ("pain 7/10 after PT, strength 4/5 RUE", "4/5"),
        ("pt rates pain 11/10 at the incision", "11/10"),
        ("GCS 14/15 off sedation", "14/15"),
        ("murmur 3/6 at LUSB", "3/6"),
        ("blood cx 2/4 bottles GPC in clusters", "2/4"),
        ("on BiPAP 16/8 overnight, PS 12/5 by day", "16/8"),
        ("on BiPAP 16/8 overnight, PS 12/5 by day", "12/5"),
        ("PA pressures 10/6 after diuresis", "10/6"),
    ],
)
def test_readings_after_their_cues_stay_readings(engine: PhiEngine, text: str, value: str) -> None:
    assert DATE not in found_as(engine, text, value), found(engine, text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Baby due November; mother works nights", "November"),
        ("last colonoscopy was this past October, normal", "October"),
        ("TSH checked Feb., repeat pending", "Feb."),
        ("RENT DECEMBER paid by transfer", "DECEMBER"),
    ],
)
def test_a_month_that_is_only_a_month_alone(engine: PhiEngine, text: str, value: str) -> None:
    assert DATE in found_as(engine, text, value), found(engine, text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("OCT of both eyes: RNFL thinning", "OCT"),
        ("Ambulated to the door; may march in place with PT", "march"),
        ("Daughter April and son August visited", "April"),
        ("Daughter April and son August visited", "August"),
        ("Dec breath sounds at the bases", "Dec"),
    ],
)
def test_words_and_names_that_spell_a_month_stay(engine: PhiEngine, text: str, value: str) -> None:
    assert DATE not in found_as(engine, text, value), found(engine, text)


HOSPITAL = Entity.HOSPITAL.value


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("Pt transferred to 9 Quillfeather overnight, tele on", "9 Quillfeather"),
        ("During your stay on 6 Brackenholt the team noted", "6 Brackenholt"),
    ],
)
def test_a_floor_number_and_a_units_own_name_after_a_move(
    engine: PhiEngine, text: str, unit: str
) -> None:
    assert HOSPITAL in found_as(engine, text, unit), found(engine, text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("back on 2 Percocet q4h prn", "2 Percocet"),
        ("plt 8 -> 1 apheresis plt given", "1 apheresis"),
        ("moved to 4 Maple St with her son", "4 Maple"),
    ],
)
def test_counts_doses_and_streets_after_a_move_are_no_unit(
    engine: PhiEngine, text: str, value: str
) -> None:
    assert HOSPITAL not in found_as(engine, text, value), found(engine, text)


PERSON = Entity.PERSON.value
LOCATION = Entity.LOCATION.value
PLATE = Entity.LICENSE_PLATE.value


@pytest.mark.parametrize(
    ("text", "make", "plate"),
    [
        ("Loan car Vauxhall Astra reg KT19 LMB, back Monday", "Vauxhall", "KT19 LMB"),
        ("2012 John Deere 6930 tractor, plate FARM 221", "John Deere", "FARM 221"),
        ("Claim: Škoda Octavia nr rej. WX 4471K hit a post", "Škoda Octavia", "WX 4471K"),
    ],
)
def test_a_make_and_model_is_no_name_nor_place_but_its_plate_is_phi(
    engine: PhiEngine, text: str, make: str, plate: str
) -> None:
    spans = found(engine, text)
    assert not any(make in v or v in make for e, v in spans if e in {PERSON, LOCATION}), spans
    assert all(covered(engine, text, part) for part in plate.split()), spans


def test_the_sweep_leaves_a_make_and_model(engine: PhiEngine, sweep: Sweep) -> None:
    text = "Renewal for Mr Quentin Aldous: 2019 Toyota Yaris Hybrid, reg LR19 HVY, on the drive"
    swept = {
        w for s in sweep.spans(text, engine.analyze(text)) for w in text[s.start : s.end].split()
    }
    assert not swept & {"Toyota", "Yaris", "Hybrid"}, swept


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Seen with her daughter Kia Henare and Mr Ford", "Kia Henare"),
        ("Seen with her daughter Kia Henare and Mr Ford", "Ford"),
        ("Nurse Mercedes Quintanilla drove her home", "Mercedes Quintanilla"),
    ],
)
def test_a_name_that_spells_a_make_outside_a_vehicle_is_a_name(
    engine: PhiEngine, text: str, name: str
) -> None:
    assert PERSON in found_as(engine, text, name), found(engine, text)


STREET = Entity.STREET_ADDRESS.value


@pytest.mark.parametrize(
    ("text", "street"),
    [
        ("Ship to Hine Tawhiri, 41 Pōhutukawa Street, Rotorua", "41 Pōhutukawa Street"),
        ("lives at 7 Łąkowa Road with her son", "7 Łąkowa Road"),
        ("moved to 19 Öhlmann Avenue last year", "19 Öhlmann Avenue"),
        ("new flat on Ōrākei Road near the station", "Ōrākei Road"),
        ("Address: 5 Heol y Bryn, Caerphilly", "5 Heol y Bryn"),
        ("home visit at 23 Clos yr Onnen, Bridgend", "23 Clos yr Onnen"),
        ("DN to 6 Pant y Celyn Close, Merthyr", "6 Pant y Celyn Close"),
    ],
)
def test_streets_in_latin_alphabets_beyond_ascii_and_celtic_layouts(
    engine: PhiEngine, text: str, street: str
) -> None:
    assert STREET in found_as(engine, text, street), found(engine, text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("tolerated 2 cans y well", "2 cans y well"),
        ("pt walked 3 laps with PT, close to baseline", "3 laps with PT, close"),
    ],
)
def test_particles_open_no_street_in_clinical_text(
    engine: PhiEngine, text: str, value: str
) -> None:
    assert not any(e == STREET for e, v in found(engine, text)), found(engine, text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("11/4 0230 Addendum: daughter called back", "11/4"),
        ("3/5 @ 0915 family meeting held", "3/5"),
        ("prior PTX - first was 7/96 at an outside hospital", "7/96"),
        ("hx CVA in 2/88, no residual", "2/88"),
    ],
)
def test_a_month_day_before_its_hour_and_a_month_with_a_short_year(
    engine: PhiEngine, text: str, value: str
) -> None:
    assert DATE in found_as(engine, text, value), found(engine, text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("c/o CP 3/10 @ 0200, NTG x1", "3/10"),
        ("weaned to PS 10/5 0400, tolerating", "10/5"),
        ("ANA was 1/80 speckled", "1/80"),
        ("review in clinic at 6/52 post op", "6/52"),
        ("seen 6/52 after the TKR", "6/52"),
    ],
)
def test_scores_settings_titers_and_weeks_stay(engine: PhiEngine, text: str, value: str) -> None:
    assert DATE not in found_as(engine, text, value), found(engine, text)


@pytest.mark.parametrize(
    ("text", "ward"),
    [
        ("The Bluebell Ward nurses will phone you", "Bluebell Ward"),
        ("transferred to Heol Las Ward overnight", "Heol Las Ward"),
        ("Patient on Ward Teifi at the district hospital", "Ward Teifi"),
        ("stepped down to St. Brendan's Ward", "St. Brendan's Ward"),
    ],
)
def test_a_ward_and_its_own_name(engine: PhiEngine, text: str, ward: str) -> None:
    assert HOSPITAL in found_as(engine, text, ward), found(engine, text)


@pytest.mark.parametrize(
    "text",
    [
        "the Acute Surgical Ward is full tonight",
        "Ward round at 0900 with the consultant",
        "Ward Sister informed of the fall",
        "Children's Ward visiting hours changed",
    ],
)
def test_wards_named_by_their_kind_or_work_are_no_name(engine: PhiEngine, text: str) -> None:
    assert HOSPITAL not in {e for e, _ in found(engine, text)}, found(engine, text)


ORG = Entity.ORGANIZATION.value


@pytest.mark.parametrize(
    ("text", "service"),
    [
        ("Brought in by Wabash Co EMS at 0310", "Wabash Co EMS"),
        ("Pt arrived via Tri-Valley EMS from home", "Tri-Valley EMS"),
        ("transferred by Kestrel Ambulance Service overnight", "Kestrel Ambulance Service"),
    ],
)
def test_an_emergency_service_and_its_name(engine: PhiEngine, text: str, service: str) -> None:
    assert ORG in found_as(engine, text, service), found(engine, text)


@pytest.mark.parametrize(
    "text", ["Per EMS pt found down", "The Air Ambulance landed at 0200", "County EMS arrived"]
)
def test_ems_named_by_kind_alone_is_no_organisation(engine: PhiEngine, text: str) -> None:
    assert ORG not in {e for e, _ in found(engine, text)}, found(engine, text)


@pytest.mark.parametrize(
    ("text", "initials"),
    [
        ("Daughter aware, will call back. TW/RN", "TW"),
        ("Resting quietly.\n- DK/LPN", "DK"),
        ("Family at bedside.\nR.T. RN Nov 14", "R.T."),
    ],
)
def test_initials_signing_with_a_slashed_credential_or_a_date(
    engine: PhiEngine, text: str, initials: str
) -> None:
    assert PERSON in found_as(engine, text, initials), found(engine, text)


@pytest.mark.parametrize("text", ["Pt seen.\nPT/OT", "Vitals stable.\nBP/HR", "Code: DNR/DNI"])
def test_services_and_orders_with_a_slash_are_no_signature(engine: PhiEngine, text: str) -> None:
    assert PERSON not in {e for e, _ in found(engine, text)}, found(engine, text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Ksh1,200.00 sent to NYOKABI WAMBUI 0712555031 on 2/3/25", "NYOKABI WAMBUI"),
        ("Rs 900 paid to Devika Raman a/c 55100771", "Devika Raman"),
    ],
)
def test_who_money_went_to_before_their_number(engine: PhiEngine, text: str, name: str) -> None:
    assert PERSON in found_as(engine, text, name), found(engine, text)


def test_the_sweep_takes_a_mixed_code_of_capitals_and_digits(
    engine: PhiEngine, sweep: Sweep
) -> None:
    text = "RX48TQ2LMP Confirmed. Ksh300.00 sent to a till on 1/2/25. CYP2C19 *2/*2 noted."
    swept = {text[s.start : s.end] for s in sweep.spans(text, engine.analyze(text))}
    assert "RX48TQ2LMP" in swept and "CYP2C19" not in swept, swept


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("RC: Regn. No. KA 03 MN 5521, owner Latha", "KA 03 MN 5521"),
        ("Hero Splendor, Regn TS07 GH 4410, insured", "TS07 GH 4410"),
        ("Aadhaar ending 2290 verified at the desk", "2290"),
        ("left the parcel with the neighbour at no. 41", "no. 41"),
        ("she lives at number 18 with her sister", "number 18"),
    ],
)
def test_regn_plates_quoted_id_fragments_and_houses_by_number(
    engine: PhiEngine, text: str, value: str
) -> None:
    assert covered(engine, text, value), found(engine, text)


@pytest.mark.parametrize(
    ("text", "value"),
    [("pt in no. 4 bed on the left", "no. 4"), ("answered no to 3 of the questions", "no to 3")],
)
def test_numbers_in_a_ward_or_a_sentence_are_no_house(
    engine: PhiEngine, text: str, value: str
) -> None:
    assert not covered(engine, text, value), found(engine, text)


def test_software_and_device_brands_are_no_names(engine: PhiEngine, sweep: Sweep) -> None:
    text = (
        "Sign-in for user tq_harlow from Firefox 126 on a Lenovo ThinkPad; "
        'agent "Mozilla/5.0"; reply on WhatsApp. Nurse Delphine Okafor-Reyes called.'
    )
    spans = engine.analyze(text)
    named = {text[s.start : s.end] for s in spans} | {
        text[s.start : s.end] for s in sweep.spans(text, spans)
    }
    assert not named & {"Firefox", "Lenovo ThinkPad", "Lenovo", "Mozilla", "WhatsApp"}, named
    assert "Delphine Okafor-Reyes" in named, named


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Husband at bedside; daughter Thora flew in from Calgary", "Thora"),
        ("Spanish interpreter Candida on the phone line", "Candida"),
    ],
)
def test_a_given_name_that_is_also_a_term_after_a_relative(
    engine: PhiEngine, text: str, name: str
) -> None:
    assert PERSON in found_as(engine, text, name), found(engine, text)


@pytest.mark.parametrize(
    "text", ["daughter HCP present for the meeting", "Son Aware of plan", "Candida on swab"]
)
def test_terms_and_states_after_a_relative_stay(engine: PhiEngine, text: str) -> None:
    assert PERSON not in {e for e, _ in found(engine, text)}, found(engine, text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Dad asks for a note for Little Wattle Daycare.", "Little Wattle Daycare"),
        ("Booked two nights at the Curlew Point Motel", "Curlew Point Motel"),
    ],
)
def test_childcare_and_lodgings_with_their_names(
    engine: PhiEngine, sweep: Sweep, text: str, name: str
) -> None:
    spans = engine.analyze(text)
    named = {text[s.start : s.end] for s in spans} | {
        text[s.start : s.end] for s in sweep.spans(text, spans)
    }
    assert any(name in n for n in named), named


@pytest.mark.parametrize(
    ("text", "word", "place"),
    [
        ("Canadian passport QK418337, holder Ines Balogun", "Canadian", False),
        ("She holds Indian citizenship and a PAN", "Indian", False),
        ("moved to Canadian, TX last spring", "Canadian", True),
    ],
)
def test_a_nationality_is_no_place_without_a_places_cue(
    engine: PhiEngine, text: str, word: str, place: bool
) -> None:
    assert (LOCATION in found_as(engine, text, word)) is place, found(engine, text)


@pytest.mark.parametrize(
    ("text", "city"),
    [
        ("Ship to flat 4, Gomti Nagar, Lucknow.", "Lucknow"),
        ("plate T 55128 (Dubai), returned Friday", "Dubai"),
        ("works at the Saskatoon depot of a courier", "Saskatoon"),
    ],
)
def test_a_big_citys_name_that_is_nothing_else_alone(
    engine: PhiEngine, text: str, city: str
) -> None:
    assert LOCATION in found_as(engine, text, city), found(engine, text)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Nice to meet you, said the nurse", "Nice"),
        ("Victoria called about her refill", "Victoria"),
    ],
)
def test_cities_named_like_words_or_people_need_a_cue(
    engine: PhiEngine, text: str, word: str
) -> None:
    assert LOCATION not in found_as(engine, text, word), found(engine, text)


PHONE = Entity.PHONE_NUMBER.value


def test_a_phone_in_the_column_after_a_postcode(engine: PhiEngine) -> None:
    text = "Hobart\tTAS\t7000\t03 6210 4471\nLaunceston\tTAS\t7250\t03 7010 4418"
    assert PHONE in found_as(engine, text, "03 6210 4471"), found(engine, text)
    assert PHONE in found_as(engine, text, "03 7010 4418"), found(engine, text)


@pytest.mark.parametrize(
    ("text", "value", "phone"),
    [
        ("can you call her son Torvald 9184 2276 today", "9184 2276", True),
        ("daughter Mele, 734 5521, lives nearby", "734 5521", True),
        ("wife married 1987 1990, no children", "1987 1990", False),
        ("daughter 3 months old, feeds at 1200 2400", "1200 2400", False),
    ],
)
def test_a_local_number_after_a_relative(
    engine: PhiEngine, text: str, value: str, phone: bool
) -> None:
    assert (PHONE in found_as(engine, text, value)) is phone, found(engine, text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("pt needs a lap chole at st gwendolen on dec 2, stop apixaban when", "st gwendolen"),
        ("i was discharged from st oswin's hospital last week, need refills", "st oswin's"),
    ],
)
def test_a_saints_hospital_typed_in_lower_case(engine: PhiEngine, text: str, value: str) -> None:
    assert covered(engine, text, value), found(engine, text)


def test_st_elevation_and_a_street_typed_in_lower_case_are_no_hospital(engine: PhiEngine) -> None:
    text = "st elevation in v2-v4 at st 0930, went to cath"
    assert HOSPITAL not in {e for e, _ in found(engine, text)}, found(engine, text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("brought in by Honeycomb Ambulance at 0210", "Honeycomb Ambulance"),
        ("FLOWN IN BY HIGH MESA AIR MED FROM AN OUTSIDE ER", "HIGH MESA AIR MED"),
        ("Pt transferred to 5 Juniper med-surg, rm 512", "5 Juniper"),
        ("NEURO NPN 11/3 - HD 4, resting", "11/3"),
    ],
)
def test_services_units_and_dates_named_with_everyday_words(
    engine: PhiEngine, text: str, value: str
) -> None:
    assert covered(engine, text, value), found(engine, text)


@pytest.mark.parametrize(
    "text", ["REPETITIVE NON-EMERGENCY AMBULANCE TRANSPORT APPROVED", "to 2 Tylenol tabs"]
)
def test_kinds_of_service_and_doses_stay(engine: PhiEngine, text: str) -> None:
    assert not {e for e, _ in found(engine, text)} & {ORG, HOSPITAL}, found(engine, text)


@pytest.mark.parametrize(
    ("text", "firm", "named"),
    [
        ("O2 vendor will be Willow Creek Home Oxygen for the concentrator", "Willow Creek", True),
        ("Pt on Home Oxygen 2L at baseline, sats 93%", "Home Oxygen", False),
        ("weaned off Supplemental Oxygen today", "Supplemental Oxygen", False),
    ],
)
def test_a_home_oxygen_supplier_and_its_name(
    engine: PhiEngine, sweep: Sweep, text: str, firm: str, named: bool
) -> None:
    spans = engine.analyze(text)
    taken = [text[s.start : s.end] for s in [*spans, *sweep.spans(text, spans)]]
    assert any(firm in t for t in taken) is named, taken


@pytest.mark.parametrize(
    ("text", "street"),
    [
        ("lives at 2873 E 3300 S, Millcreek, with wife", "2873 E 3300 S"),
        ("home: 615 North 1100 West, Provo UT", "615 North 1100 West"),
        ("apt at 220 W 500 N #7, Logan", "220 W 500 N #7"),
        ("found near the shelter on 4th South by a passer-by", "4th South"),
    ],
)
def test_grid_addresses_of_the_mountain_west(engine: PhiEngine, text: str, street: str) -> None:
    assert STREET in found_as(engine, text, street), found(engine, text)


@pytest.mark.parametrize("text", ["BP 120 S 80 W on the monitor", "walked 100 ft N then 200 ft E"])
def test_readings_and_distances_with_directions_are_no_grid_address(
    engine: PhiEngine, text: str
) -> None:
    assert STREET not in {e for e, _ in found(engine, text)}, found(engine, text)


def test_a_forms_ward_label_after_a_doctors_name_is_no_ward_name(engine: PhiEngine) -> None:
    text = "Consultant: Dr F. Quillan    Ward: Ward 22    Bed: 4"
    assert HOSPITAL not in found_as(engine, text, "Dr F. Quillan    Ward"), found(engine, text)
    assert not any(v.startswith("Dr") and e == HOSPITAL for e, v in found(engine, text))


@pytest.mark.parametrize(
    ("text", "identifier"),
    [
        ("Owner drives a 2016 Honda Civic 7KXR442, silver", "7KXR442"),
        ("Vehicle: 2019 Nissan Rogue SV JN8AT2MV4KW123456 reg pending", "JN8AT2MV4KW123456"),
    ],
)
def test_a_plate_or_vin_right_after_the_model_is_still_replaced(
    engine: PhiEngine, sweep: Sweep, text: str, identifier: str
) -> None:
    spans = engine.analyze(text)
    taken = [text[s.start : s.end] for s in [*spans, *sweep.spans(text, spans)]]
    assert any(identifier in t for t in taken), taken
