"""Utility, telecom and landlord paperwork (issue 14): who a log names by their part, the
equipment at a home, grouped account and porting numbers, utilities' and police services'
names.

"Cust Olwen ...", "Occupier Kyle ...": the part is no part of the name; "engineer Colm" is a
name after its trade. A meter's, a hub's or a handheld's number right after its kind is a
device's, and readings near a meter are not. Values invented.
"""

from __future__ import annotations

import pytest

from auditor.phi.engine import PhiEngine
from auditor.phi.entities import Entity
from tests.phi.conftest import covered, found, found_as

PERSON = Entity.PERSON.value
DEVICE = Entity.DEVICE_ID.value
ORG = Entity.ORGANIZATION.value


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Cust Perpetua Vanstone reports no dial tone since Friday.", "Perpetua Vanstone"),
        ("Occupier Declan Ashgrove refused entry to the meter cupboard.", "Declan Ashgrove"),
        ("Reader Tobiah Quarrington logged 14 no-access reads.", "Tobiah Quarrington"),
    ],
)
def test_a_part_before_a_name_is_not_the_name(engine: PhiEngine, text: str, name: str) -> None:
    assert PERSON in found_as(engine, text, name), found(engine, text)


def test_a_name_after_a_trade_is_found(engine: PhiEngine) -> None:
    text = "Our engineer Ruairi attended and replaced the fuse."
    assert PERSON in found_as(engine, text, "Ruairi"), found(engine, text)


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("EXCHANGE: Old meter Q07M448120 final 31177 | New meter Z22K901554", "Q07M448120"),
        ("Comms failure x 2. Hub HB-4F-09-C2-71. WAN reset sent.", "HB-4F-09-C2-71"),
        ("Route 7 walked. Handheld HX-2291 synced at depot.", "HX-2291"),
        ("Hi, my meter number is 7KD 4410 2298, the reading is below.", "7KD 4410 2298"),
    ],
)
def test_equipment_number_after_its_kind(engine: PhiEngine, text: str, number: str) -> None:
    assert DEVICE in found_as(engine, text, number), found(engine, text)


def test_readings_near_a_meter_are_no_device(engine: PhiEngine) -> None:
    text = "Old meter Q07M448120 final 31177, new meter reads 00012 at 09:40."
    spans = found(engine, text)
    assert not any(v in {"31177", "00012"} and k == DEVICE for k, v in spans), spans


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("Customer: Wren Holloway, Account: KT 7710 4482   Amount due: $212.40", "KT 7710 4482"),
        ("Porting done on the 4th. PAC QRN 605 118 used, final bill to follow.", "QRN 605 118"),
    ],
)
def test_grouped_account_and_porting_numbers(engine: PhiEngine, text: str, number: str) -> None:
    assert covered(engine, text, number), found(engine, text)


@pytest.mark.parametrize(
    ("text", "org"),
    [
        (
            "Reminder: Your Brackenmoor Energy direct debit is due on the 12th.",
            "Brackenmoor Energy",
        ),
        ("Crime reference 44/1187 (Wolvercote Police), occupier informed.", "Wolvercote Police"),
        ("Ticket raised with Quillmere Fibre for the fault.", "Quillmere Fibre"),
    ],
)
def test_utilities_and_police_services_by_their_kind(
    engine: PhiEngine, text: str, org: str
) -> None:
    assert ORG in found_as(engine, text, org), found(engine, text)


def test_plain_words_before_a_utility_word_are_no_firm(engine: PhiEngine) -> None:
    text = "Power of attorney held by son. Hot Water bottle for comfort."
    assert ORG not in {k for k, _ in found(engine, text)}, found(engine, text)


def test_an_elder_addressed_as_kin_keeps_the_form_of_address_out(engine: PhiEngine) -> None:
    text = "Hi Aunty Merle, it's Kobi from the depot."
    spans = found(engine, text)
    assert PERSON in found_as(engine, text, "Merle"), spans
    assert not any("Aunty" in v for _, v in spans), spans
