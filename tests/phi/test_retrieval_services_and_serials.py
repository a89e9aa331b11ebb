"""Transfer logs, work-capacity notes and trades' paperwork (issue 14: classes from the dev
batches of rounds 134-137).

Ambulance, retrieval and workers' compensation bodies by name ("Ornge", "ScotSTAR",
"WorkSafeBC"; from the public bodies' list); aircraft registrations beside the words retrieval
crews use ("chopper", "rotary", "PC-24"); a lettered serial after a number sign; a hospital
number labelled "Hosp#"; a Canadian business's program account ("RT0001"); a plate printed
without a gap after "reg"; an NHS trust's code before a record number; a first name after
"Hey" or "ring". Values invented.
"""

from __future__ import annotations

import pytest

from auditor.phi.engine import PhiEngine
from auditor.phi.entities import Entity
from tests.phi.conftest import (
    assert_found_as,
    covered,
    covered_whole,
    found,
    found_as,
    touched,
)

ORG = Entity.ORGANIZATION.value
PERSON = Entity.PERSON.value


@pytest.mark.parametrize(
    ("text", "body"),
    [
        ("Accepted at Thunder Bay. Ornge fixed wing ETA 0300.", "Ornge"),
        ("ScotSTAR referral 02/04/19 - ventilated, for Aberdeen", "ScotSTAR"),
        ("Handed over by WAST crew at 14:10, GCS 12.", "WAST"),
        ("Netcare 911 called at 22:05 for inter-facility transfer", "Netcare 911"),
        ("Form 8 sent to WSIB with the ROM figures.", "WSIB"),
        ("Return-to-work plan faxed to WorkSafeBC case manager.", "WorkSafeBC"),
    ],
)
def test_retrieval_and_compensation_bodies(engine: PhiEngine, text: str, body: str) -> None:
    assert ORG in found_as(engine, text, body), found(engine, text)


@pytest.mark.parametrize(
    ("text", "tail"),
    [
        ("chopper ZK-HWN lifted 1120 from the base", "ZK-HWN"),
        ("Asset: G-KSSH rotary, crew of three", "G-KSSH"),
        ("PC-24 VH-NQA inbound, ETA 40 min", "VH-NQA"),
    ],
)
def test_an_aircraft_beside_the_crews_words(engine: PhiEngine, text: str, tail: str) -> None:
    assert covered_whole(engine, text, tail), found(engine, text)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Started G-CSF today; heli transfer declined by family.", "G-CSF"),
        ("C-ARM in theatre, helo on the pad", "C-ARM"),
    ],
)
def test_a_drug_or_a_machine_is_no_aircraft(engine: PhiEngine, text: str, words: str) -> None:
    assert not touched(engine, text, words), found(engine, text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Oxygenator swapped; pump Stockert #SK4-30917 checked", "SK4-30917"),
        ("ADMISSIONS DESK LOG  #AD11-40826", "AD11-40826"),
        ("Pt NORDVIK, HALVARD  Hosp# 7731-02-55  Age 70", "7731-02-55"),
        ("GST/HST registrant, BN 804417233 RT0001, quarterly filer", "804417233 RT0001"),
        ("QST no 1204478815 TQ0001 on the invoice", "1204478815 TQ0001"),
        ("Loan car: 2016 Toyota Corolla, reg HTW419, returned", "HTW419"),
        ("2. OKONJO-BRAY Adaeze RJ1 448127 - R knee injection", "RJ1 448127"),
    ],
)
def test_numbers_by_their_sign_label_or_shape(engine: PhiEngine, text: str, value: str) -> None:
    assert covered_whole(engine, text, value), found(engine, text)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Suture #2-0 nylon, dispense #60 tablets", "2-0"),
        ("CD4 410000 cells per mL last month", "410000"),
    ],
)
def test_a_count_is_no_serial(engine: PhiEngine, text: str, words: str) -> None:
    assert not touched(engine, text, words), found(engine, text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Hey Tavita, the quote for the deck is attached.", "Tavita"),
        ("Txt back or ring Mereana on the usual number.", "Mereana"),
        ("Hiya Ffion, is the boiler still leaking?", "Ffion"),
    ],
)
def test_a_first_name_after_a_greeting_or_a_call(engine: PhiEngine, text: str, name: str) -> None:
    assert covered(engine, text, name), found(engine, text)
    assert PERSON in found_as(engine, text, name), found(engine, text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # a date of birth's label with its own date after it labels that date, not the record
        ("Pt: Ines Varda, DOB 03/05/1961, UR 0774512, for bed", "0774512"),
        ("Pt: Ines Varda, DOB 03/05/1961, UR K0774512, for bed", "K0774512"),
        ("Pump ver 4.1 library, pump ABX-PUMP-0219 swapped", "ABX-PUMP-0219"),
    ],
)
def test_a_record_after_another_numbers_value(engine: PhiEngine, text: str, value: str) -> None:
    assert covered_whole(engine, text, value), found(engine, text)


@pytest.mark.parametrize(
    ("text", "words"),
    [("date of birth: 19481311", "19481311"), ("batch code 20010101 on the vial", "20010101")],
)
def test_another_numbers_label_still_decides(engine: PhiEngine, text: str, words: str) -> None:
    assert not touched(engine, text, words) or Entity.DATE_TIME.value in {
        e for e, v in found(engine, text) if v == words
    }, found(engine, text)


def test_a_chat_sender_with_a_role_in_brackets(engine: PhiEngine) -> None:
    text = "[2021/03/14, 02:10] Nomvula (flow coord): no beds, try Tembisa"
    assert PERSON in found_as(engine, text, "Nomvula"), found(engine, text)
    heading = "[14/03/2021, 02:10] Plan (revised): continue"
    assert PERSON not in {e for e, _ in found(engine, heading)}, found(engine, heading)


@pytest.mark.parametrize(
    ("text", "town"),
    [
        ("Accepted: Glenvarra Base Hospital ICU, Tamworth. Dr Ostrander to call.", "Tamworth"),
        ("Royal Berkshire Hospital, Reading\nRe: your patient", "Reading"),
    ],
)
def test_a_town_after_a_units_or_hospitals_comma(engine: PhiEngine, text: str, town: str) -> None:
    assert Entity.LOCATION.value in found_as(engine, text, town), found(engine, text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("02:40 page: bed 7 Wrzesniak sats 86% on 6L", "Wrzesniak"),
        ("SBAR -- rm 412 Dzierwicka, Maria 71", "Dzierwicka"),
        ("RT HANDOFF 0700\n311 Kaczmarowski - PS 10/5, weaning\n313 empty", "Kaczmarowski"),
    ],
)
def test_a_surname_after_a_room_or_a_census_number(engine: PhiEngine, text: str, name: str) -> None:
    assert_found_as(engine, text, name, PERSON)


@pytest.mark.parametrize(
    "text", ["rm 12 Nebulizer running", "bed 4 Foley draining", "311 Ampicillin - due 1800"]
)
def test_a_device_or_drug_after_a_room_is_no_person(engine: PhiEngine, text: str) -> None:
    assert PERSON not in {e for e, _ in found(engine, text)}, found(engine, text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Veteran identified by name + last four 3307 at the desk", "3307"),
        ("payee check: tin_type=SSN tin_last4=8126", "8126"),
    ],
)
def test_the_last_four_digits_alone(engine: PhiEngine, text: str, value: str) -> None:
    assert covered(engine, text, value), found(engine, text)


def test_the_last_four_hours_are_no_number(engine: PhiEngine) -> None:
    text = "UO 1200 mL over the last 4 hours"
    assert not touched(engine, text, "1200"), found(engine, text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("QUOTE Q-5518        12 June 2023\nDecking and pergola", "Q-5518"),
        ("JOB CARD JC 20417   Mopani Auto Electrical", "JC 20417"),
        ("Estimate #E-7730 for the rewire", "E-7730"),
    ],
)
def test_a_trades_document_number(engine: PhiEngine, text: str, value: str) -> None:
    assert covered_whole(engine, text, value), found(engine, text)


def test_a_test_and_its_reading_is_no_number(engine: PhiEngine) -> None:
    text = "ID MRI 123 pending review"
    assert not touched(engine, text, "MRI 123"), found(engine, text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Reminder from Kōkako Bookkeeping: your GST return is due.", "Kōkako Bookkeeping"),
        ("Invoice from Ōpōtiki Plumbing, paid by card.", "Ōpōtiki Plumbing"),
        ("Rates notice - Tūrangi District Council, account 40021", "Tūrangi District Council"),
    ],
)
def test_a_name_in_a_latin_alphabet_beyond_ascii(engine: PhiEngine, text: str, name: str) -> None:
    assert ORG in found_as(engine, text, name), found(engine, text)


@pytest.mark.parametrize(
    "text",
    [
        "Driver: Tomasz Wrzecionko   Licence 4471 2290",
        "Rider: sam okafor-lee, pickup 21:40",
        "WOMAC 48 at baseline, 31 at 6 weeks",
    ],
)
def test_a_forms_role_or_a_score_is_no_person(engine: PhiEngine, text: str) -> None:
    assert not any(
        e == PERSON and v.split()[0] in {"Driver", "Rider", "WOMAC"} for e, v in found(engine, text)
    ), found(engine, text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Kia ora Wikitoria, your return for the year is filed.", "Wikitoria"),
        ("Talofa Losaline! The van is booked for Tuesday.", "Losaline"),
        ("The invoice is attached if you need it.\n— Rajvinder", "Rajvinder"),
        ("Gate code changed, sorry.\n- Marguerite", "Marguerite"),
    ],
)
def test_a_name_greeted_or_signed_on_its_own_line(engine: PhiEngine, text: str, name: str) -> None:
    assert_found_as(engine, text, name, PERSON)


@pytest.mark.parametrize("text", ["Hi Micro, any growth on the BC?", "Plan:\n- Aspirin"])
def test_a_lab_greeted_or_a_plans_item_is_no_person(engine: PhiEngine, text: str) -> None:
    assert PERSON not in {e for e, _ in found(engine, text)}, found(engine, text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Customer: Mr T.K. Mokoena   Cell 083 555 0142", "T.K. Mokoena"),
        ("Letter to Mrs A. J. K. Oduya re her knee", "A. J. K. Oduya"),
        ("No beds. Try the district hospital - ask for Sr Ntuli", "Ntuli"),
    ],
)
def test_a_title_before_initials_or_a_sister(engine: PhiEngine, text: str, name: str) -> None:
    assert_found_as(engine, text, name, PERSON)


@pytest.mark.parametrize("text", ["Sr Manager approved the rota", "Sr Staff Nurse on shift"])
def test_a_senior_job_is_no_sister(engine: PhiEngine, text: str) -> None:
    assert PERSON not in {e for e, _ in found(engine, text)}, found(engine, text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Platform Engineer, Varnholt Systems, since March", "Varnholt Systems"),
        ("Invoice from Thiruvallur Cotton Traders for the mats", "Thiruvallur Cotton Traders"),
        ("works nights at Sandhurst Ridge Meatpacking", "Sandhurst Ridge Meatpacking"),
    ],
)
def test_a_firm_by_what_it_makes_or_moves(engine: PhiEngine, text: str, name: str) -> None:
    assert covered_whole(engine, text, name), found(engine, text)


def test_the_review_of_systems_is_no_firm(engine: PhiEngine) -> None:
    text = "Review of Systems negative except as above"
    assert ORG not in {e for e, _ in found(engine, text)}, found(engine, text)
