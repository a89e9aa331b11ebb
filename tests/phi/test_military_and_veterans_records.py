"""Names and facilities as military, veterans' and Indian Health Service hospitals write them
(issue 14, after round 130's dev batch).

"SSG Runnels", "HM3 FIORDALISO, Gina M", "TSgt Wennerstrom": a rank or a rating before a
surname is a title, as "Sgt" and "Det." are; ranks that are clinical abbreviations too (SPC, A1C,
PO2, LTC, CDR) are not read so. "Buffalo VAMC", "OKC VAMC": a veterans' medical centre after any
name; "MEDVAMC", "BAACH", "NMCSD": a forces' medical centre or community hospital by its
initials ("SINUS TACH" is none); "USNH Guam", "VA Pittsburgh": the kind before its place (after
"VA", a known place only: "VA Benefits" is none). "2-9 IN", "B Co, 2-3 IN", "USS Makin Island",
"VISN 10": a patient's command and the VA's region, by the forces' own shapes ("2-3 in long" is
a size). Values invented.
"""

from __future__ import annotations

import pytest

from auditor.phi.engine import PhiEngine
from auditor.phi.entities import Entity
from tests.phi.conftest import found, found_as, kinds

PERSON = Entity.PERSON.value
HOSPITAL = Entity.HOSPITAL.value
ORG = Entity.ORGANIZATION.value


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("unit 1SG Haltiwanger visited 1400, asked re: RTD", "Haltiwanger"),
        ("LPO PO1 Obembe notified of adm per CO request", "Obembe"),
        ("CCATT RN Capt Ezeagu, RT TSgt Wennerstrom", "Wennerstrom"),
        ("requested updates to SSgt Gorsline, pt consented", "Gorsline"),
        ("P: HM3 FIORDALISO, Gina M, AD, watcher", "FIORDALISO, Gina M"),
        ("LCDR Halvorsen and ENS Okafor at bedside", "Halvorsen"),
    ],
)
def test_a_rank_before_a_surname(engine: PhiEngine, text: str, name: str) -> None:
    assert PERSON in found_as(engine, text, name), found(engine, text)


@pytest.mark.parametrize(
    "text",
    [
        "SPC Draining clear urine, site clean",
        "A1C Pending, glucose 212",
        "PO2 Normal on the last gas",
    ],
)
def test_clinical_abbreviations_are_no_rank(engine: PhiEngine, text: str) -> None:
    assert PERSON not in kinds(engine, text), found(engine, text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("referred to SW Ms. Mackowiak. Buffalo VAMC", "Buffalo VAMC"),
        ("call back after she gets kids to her sister's.\nOKC VAMC", "OKC VAMC"),
        ("CCU MEDVAMC  11/30/15", "MEDVAMC"),
        ("shift note ICU BAACH  14 Mar 2012 (day)", "BAACH"),
        ("I-PASS   NMCSD ICU   04OCT2016", "NMCSD"),
        ("RT note  USNH Guam  19 Aug 08", "USNH Guam"),
        ("transfer to Naval Hospital Okinawa in am", "Naval Hospital Okinawa"),
        ("accepted at VA Pittsburgh for CT surgery", "VA Pittsburgh"),
    ],
)
def test_veterans_and_forces_hospitals(engine: PhiEngine, text: str, name: str) -> None:
    assert HOSPITAL in found_as(engine, text, name), found(engine, text)


@pytest.mark.parametrize(
    "text",
    ["sinus TACH 120s after the bolus", "VTACH x3 overnight, shocked", "VA Benefits office called"],
)
def test_rhythms_and_benefits_are_no_hospital(engine: PhiEngine, text: str) -> None:
    assert HOSPITAL not in kinds(engine, text), found(engine, text)


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("unit 1SG Haltiwanger 2-9 IN visited 1400", "2-9 IN"),
        ("platoon sgt from B Co, 2-3 IN here at 2100", "B Co, 2-3 IN"),
        ("deployed with 1-82 FA until May", "1-82 FA"),
        ("command (USS Makin Island) notified of adm", "USS Makin Island"),
        ("transferred from HMAS Canberra sick bay", "HMAS Canberra"),
        ("served with the 82nd Airborne Division", "82nd Airborne Division"),
        ("Bogdana Sfetcu RN, VISN 10 tele-ICU hub", "VISN 10"),
    ],
)
def test_a_command_or_a_ship(engine: PhiEngine, text: str, unit: str) -> None:
    assert ORG in found_as(engine, text, unit), found(engine, text)


@pytest.mark.parametrize(
    "text", ["wound 2-3 in long, packed", "TAKE 2-3 IN AM WITH FOOD", "moved to the 2nd Floor"]
)
def test_sizes_and_floors_are_no_command(engine: PhiEngine, text: str) -> None:
    assert ORG not in kinds(engine, text), found(engine, text)
