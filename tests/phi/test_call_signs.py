"""An ambulance's, an engine's or an aircraft's call sign is a vehicle identifier (issue 14:
round 148's dispatch and run reports and round 146's transfer notes named the vehicle that
carried the patient, "MEDIC 61", "Rescue 936", "Helimed 27", "RIG 39-1", and the start tree
read them only after "ambulance unit" or "EMS crew").

Capitalised only: "rescue 1 wk ago" is a word, and a count or a dose after the number makes
it none ("Engine 2 cyl", "Squad 3 days"). The services themselves by a county's or a town's
name ("Glacier County Sheriff", "Ottercreek Co. Fire", "Cove Rescue Squad"), as the same
batches wrote them; their kind alone names no one.
"""

from __future__ import annotations

import pytest

from auditor.phi.engine import PhiEngine
from auditor.phi.entities import Entity
from tests.phi.conftest import covered, found, found_as, kinds, touched

DEVICE = Entity.DEVICE_ID.value


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("02:18:10 ASSIGNED MEDIC 61, ENG 6   02:19:02 ENRT", "MEDIC 61"),
        ("02:18:10 ASSIGNED MEDIC 61, ENG 6   02:19:02 ENRT", "ENG 6"),
        ("14:40 Rescue 936 tasked; winched 15:22.", "Rescue 936"),
        ("Aircraft Helimed 27 stood down at 1410.", "Helimed 27"),
        ("Ground by county EMS (Medic 12), arr 1705.", "Medic 12"),
        ("Truck 4 and Ladder 2 on scene for extrication.", "Ladder 2"),
        ("LIFESTAR 2 ETA 10 min to the pad.", "LIFESTAR 2"),
    ],
)
def test_a_call_sign_is_a_vehicle(engine: PhiEngine, text: str, sign: str) -> None:
    assert DEVICE in found_as(engine, text, sign), found(engine, text)


def test_a_rig_s_code_after_its_label(engine: PhiEngine) -> None:
    text = "RUN REPORT   RIG 39-1   DATE 8/15/94"
    assert DEVICE in found_as(engine, text, "39-1"), found(engine, text)
    assert not touched(engine, text, "RIG"), found(engine, text)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Brought by rural fire rescue 1 wk ago with CAP.", "rescue 1"),
        ("Engine 2 cyl tractor rolled on him.", "Engine 2"),
        ("Squad 3 days post op, stable.", "Squad 3"),
        ("The rig was cleaned at 0400.", "rig"),
    ],
)
def test_words_and_counts_are_no_call_sign(engine: PhiEngine, text: str, word: str) -> None:
    assert not touched(engine, text, word), found(engine, text)


@pytest.mark.parametrize(
    ("text", "service"),
    [
        ("Glacier County Sheriff attempting notification.", "Glacier County Sheriff"),
        (
            "Tahoma Ridge County Sheriff's Office SAR mission.",
            "Tahoma Ridge County Sheriff's Office",
        ),
        ("Ground by Skagit County Medic One, arr 1705.", "Skagit County Medic One"),
        ("Extricated by Ottercreek Co. Fire at 0210.", "Ottercreek Co. Fire"),
        ("Transferred by Elkhorn Bend Ambulance Service.", "Elkhorn Bend Ambulance Service"),
        ("Carried out by Cove Rescue Squad.", "Cove Rescue Squad"),
    ],
)
def test_a_county_s_or_a_town_s_service(engine: PhiEngine, text: str, service: str) -> None:
    assert covered(engine, text, service), found(engine, text)


@pytest.mark.parametrize(
    "text",
    ["The County Sheriff came by.", "Ambulance Service called back.", "Rescue Squad arrived."],
)
def test_a_service_s_kind_alone_is_none(engine: PhiEngine, text: str) -> None:
    assert not kinds(engine, text), found(engine, text)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Incident 22-118734 / call sign A304 / crew of two.", "A304"),
        ("Clinician C. Rowlands APP, call sign PWY31", "PWY31"),
        ("Service: county paramedics    Vehicle: 4617", "4617"),
        ("Rapport d'intervention - véhicule 8527 - 2015-02-11", "8527"),
    ],
)
def test_a_vehicle_s_code_after_its_label(engine: PhiEngine, text: str, code: str) -> None:
    assert DEVICE in found_as(engine, text, code), found(engine, text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Vehicle: 2014 Ford Focus, silver.", "2014"),
        ("Vehicle: 2023 TOYOTA RAV4 HYBRID   Lic CLK-8810", "2023"),
        ("Vehicle: 2014 pickup, plate TN 7H4-K21", "2014"),
        ("Vehicle 104 of 200 inspected.", "104"),
        ("Vehicle # 120 mg dose? no.", "120"),
    ],
)
def test_a_model_year_or_a_count_is_no_vehicle_code(
    engine: PhiEngine, text: str, value: str
) -> None:
    assert DEVICE not in found_as(engine, text, value), found(engine, text)


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("Subject: QA flag - run 23-118402 (Medic 9)", "23-118402"),
        ("Sheriff's Office SAR - Mission 24-SAR-0061", "24-SAR-0061"),
    ],
)
def test_a_run_s_or_a_mission_s_number(engine: PhiEngine, text: str, number: str) -> None:
    assert Entity.ID_NUMBER.value in found_as(engine, text, number), found(engine, text)


@pytest.mark.parametrize(
    "text",
    [
        "Heparin: run 12500 units in 250 mL; run 40 mcg/min.",
        "report,ADC override log,run 2026-12-01 06:00",
        "LAB RESULT EXPORT - run 20261201 0400",
    ],
)
def test_a_run_s_volume_or_time_is_no_number(engine: PhiEngine, text: str) -> None:
    assert Entity.ID_NUMBER.value not in {e for e, _ in found(engine, text)}, found(engine, text)


def test_an_identifier_s_letters_are_no_firm_s_form(engine: PhiEngine) -> None:
    """ "Incident SA-22-118734": "SA" begins the incident's number, not a société anonyme
    closing a firm's name (the start tree read "Incident SA" as an organisation)."""
    text = "Scottish Ambulance Service - PRF summary\nIncident SA-22-118734 / call sign A304"
    assert not touched(engine, text, "Incident"), found(engine, text)
    assert Entity.ID_NUMBER.value in found_as(engine, text, "SA-22-118734"), found(engine, text)
