"""Shops, couriers and marketplaces where commerce names them, police holding a patient, a
hospital's initials before its ED or a unit's specialty, dedications to Our Lady, townships'
fire services, public bodies in capitals, a chat's speaker and the firm they answer for, and the
firm a writer belongs to ("we at ...") (issue 14: classes from the dev batches of rounds
142-145).

A seller, a courier or a marketplace stands after a commerce label ("Marketplace:"), after a
word of selling or sending and "by"/"via", or between "your" and what a customer holds of it
("your X order"), its name a word only a name explains or with a brand's inner capital; the
known couriers and online shops of the countries the project serves by list; a police
department's or a sheriff's initials before "custody" or "hold", and before officers and
detectives in the plural; a hospital's initials before its ED or before a unit's specialty
and the unit, wherever the line puts them; "Our Lady's" before a facility's head; a township's
fire or police service; a public body's heading in capitals. Values invented except the
listed firms and bodies.
"""

from __future__ import annotations

import pytest

from auditor.phi.engine import PhiEngine
from auditor.phi.entities import Entity
from tests.phi.conftest import covered_whole, found, found_as, kinds

ORG = Entity.ORGANIZATION.value
HOSPITAL = Entity.HOSPITAL.value


@pytest.mark.parametrize(
    ("text", "firm"),
    [
        ("Subject: Your Brindlecott order BC-40917 has shipped", "Brindlecott"),
        ("Marketplace: Vantorix   Order 7718-2204", "Vantorix"),
        ("Parcel delivered by Quokkalane to the side gate.", "Quokkalane"),
        ("Collect at: Pindlewick Station, level 2", "Pindlewick Station"),
        ("Postage (Fernwick) $9.50", "Fernwick"),
        ("can send via Ostrelle to your depot", "Ostrelle"),
        ("Returned to merchant: Quellbrook Stationery", "Quellbrook Stationery"),
    ],
)
def test_a_seller_or_courier_where_commerce_names_it(
    engine: PhiEngine, text: str, firm: str
) -> None:
    assert covered_whole(engine, text, firm), found(engine, text)


@pytest.mark.parametrize(
    "text",
    [
        "Parcel delivered by hand to the ward clerk.",
        "Please bring your Medicare card and your Tuesday order form.",
        "Sent with Sarah to the pharmacy.",
        "Store: Refrigerate after opening.",
    ],
)
def test_no_firm_in_commerce_words_around_everyday_ones(engine: PhiEngine, text: str) -> None:
    assert ORG not in kinds(engine, text), found(engine, text)


@pytest.mark.parametrize(
    ("text", "firm"),
    [
        ("AWB 5521 handed to Xpressbees at 14:10", "Xpressbees"),
        ("Refund issued to the original Shopee wallet", "Shopee"),
        ("Consignment with CourierPost, ticket 88213", "CourierPost"),
        ("Purchased through Takealot on 3 March", "Takealot"),
    ],
)
def test_a_listed_courier_or_marketplace(engine: PhiEngine, text: str, firm: str) -> None:
    assert ORG in found_as(engine, text, firm), found(engine, text)


@pytest.mark.parametrize(
    ("text", "agency"),
    [
        ("Pt remains in KVPD custody, officer at bedside.", "KVPD"),
        ("Arrived from Central Booking on a RCSO hold.", "RCSO"),
        ("TFPD detectives asked Dr Ames for the clothing bag.", "TFPD"),
    ],
)
def test_police_initials_holding_a_patient(engine: PhiEngine, text: str, agency: str) -> None:
    assert ORG in found_as(engine, text, agency), found(engine, text)


@pytest.mark.parametrize(
    "text",
    ["Known COPD, hold home inhalers until reviewed.", "CPD hold off on induction, obs reviewed."],
)
def test_a_clinical_pd_before_hold_is_no_police(engine: PhiEngine, text: str) -> None:
    assert ORG not in kinds(engine, text), found(engine, text)


@pytest.mark.parametrize(
    ("text", "initials"),
    [
        ("1710 handed over to trauma team, WRH ED bay 4.", "WRH"),
        ("0300 prone session #2, DVB MICU. Sats 91%.", "DVB"),
        ("nsg note 2/2/14 -- QVH Burn ICU", "QVH"),
        ("Day 2 boarding (Vendrick ED obs hallway 4), awaiting bed.", "Vendrick"),
    ],
)
def test_hospital_initials_before_its_ed_or_a_specialty_unit(
    engine: PhiEngine, text: str, initials: str
) -> None:
    assert HOSPITAL in found_as(engine, text, initials), found(engine, text)


@pytest.mark.parametrize(
    "text", ["Seen in PEDS ED overnight.", "CN ICU aware.", "NOTE ICU 0700", "Pt to ED at 0200."]
)
def test_a_specialty_or_role_before_a_unit_is_no_hospital(engine: PhiEngine, text: str) -> None:
    assert HOSPITAL not in kinds(engine, text), found(engine, text)


@pytest.mark.parametrize(
    ("text", "facility"),
    [
        ("Reviewed at Our Lady's Hospice last spring.", "Our Lady's Hospice"),
        ("Genetics clinic, Our Lady's Children's Hospital", "Our Lady's Children's Hospital"),
    ],
)
def test_a_dedication_to_our_lady(engine: PhiEngine, text: str, facility: str) -> None:
    assert covered_whole(engine, text, facility), found(engine, text)


def test_a_ladys_clinic_in_lower_case_is_no_facility(engine: PhiEngine) -> None:
    text = "Referred to the lady's clinic in town."
    assert HOSPITAL not in kinds(engine, text), found(engine, text)


def test_a_townships_fire_service(engine: PhiEngine) -> None:
    text = "CPR in progress on arrival of Willowmere Twp Fire crew."
    assert covered_whole(engine, text, "Willowmere Twp Fire"), found(engine, text)


@pytest.mark.parametrize(
    ("text", "body"),
    [
        ("OFFICE OF THE CHIEF CORONER - notice of death", "OFFICE OF THE CHIEF CORONER"),
        ("MINISTRY OF SOCIAL DEVELOPMENT  Ref 4418", "MINISTRY OF SOCIAL DEVELOPMENT"),
    ],
)
def test_a_public_body_in_capitals(engine: PhiEngine, text: str, body: str) -> None:
    assert ORG in found_as(engine, text, body), found(engine, text)


@pytest.mark.parametrize(
    "text", ["DEPARTMENT OF MEDICINE - ward round", "DEPARTMENT OF OBSTETRICS AND GYNAECOLOGY"]
)
def test_a_hospitals_department_in_capitals_is_no_body(engine: PhiEngine, text: str) -> None:
    assert ORG not in kinds(engine, text), found(engine, text)


def test_a_chat_speaker_and_the_firm_they_answer_for(engine: PhiEngine) -> None:
    text = "[2023-11-02 10:14] Tamsin (Orrelby Homewares): Hi! How can I help today?"
    assert ORG in found_as(engine, text, "Orrelby Homewares"), found(engine, text)
    assert Entity.PERSON.value in found_as(engine, text, "Tamsin"), found(engine, text)


@pytest.mark.parametrize("text", ["Sarah (Mum): see you at six", "Jon (RN): pt settled overnight"])
def test_a_speakers_kin_or_role_in_brackets_is_no_firm(engine: PhiEngine, text: str) -> None:
    assert ORG not in kinds(engine, text), found(engine, text)


def test_the_firm_a_writer_belongs_to(engine: PhiEngine) -> None:
    text = "Dear customer, we at Willow Mill are sorry for the delay."
    assert ORG in found_as(engine, text, "Willow Mill"), found(engine, text)


def test_we_at_home_is_no_firm(engine: PhiEngine) -> None:
    text = "Thanks, we at Home are managing fine."
    assert ORG not in kinds(engine, text), found(engine, text)
