"""Classes fixed by kind after round 18's development batch (issue 14): national numbers
grouped in thousands with a check digit, the address label in other languages, and a distance
that is no street."""

from __future__ import annotations

import pytest

from auditor.phi.engine import PhiEngine


def found(engine: PhiEngine, text: str) -> list[tuple[str, str]]:
    spans = next(iter(engine.analyze_many([text])))
    return [(s.entity_type, text[s.start : s.end]) for s in spans]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("RUT 14.552.871-K, previsión FONASA", "14.552.871-K"),  # Chile
        ("C.I. 3.902.117-6   Historia", "3.902.117-6"),  # Uruguay
        ("paciente 21.004.338-5 ingresa", "21.004.338-5"),  # no label needed
    ],
)
def test_a_number_grouped_in_thousands_with_a_check_is_an_identifier(
    engine: PhiEngine, text: str, value: str
) -> None:
    assert ("ID_NUMBER", value) in found(engine, text)


@pytest.mark.parametrize(
    "text", ["total 1.234.567 pesos", "population 2.450.000 in 2020", "ref range 4.5-11.0"]
)
def test_a_count_or_a_range_is_not(engine: PhiEngine, text: str) -> None:
    assert [k for k, _ in found(engine, text) if k == "ID_NUMBER"] == []


@pytest.mark.parametrize(
    ("text", "street"),
    [
        ("Adresa: Radnička 37, 10000 Zagreb", "Radnička 37"),  # Croatian
        ("Cím: Kossuth utca 8, 7621 Pécs", "Kossuth utca 8"),  # Hungarian
        ("Anschrift: Moosgasse 4, 6020 Innsbruck", "Moosgasse 4"),  # Austrian
        ("Morada: Rua das Flores 12, 4050-262 Porto", "Rua das Flores 12"),  # Portuguese
    ],
)
def test_an_address_labelled_in_another_language(engine: PhiEngine, text: str, street: str) -> None:
    assert any(k == "STREET_ADDRESS" and street in v for k, v in found(engine, text))


@pytest.mark.parametrize(
    "text", ["went on a 2 mile walk today", "Tx on 3 km walk", "a 5 block walk to the bus"]
)
def test_a_distance_is_no_street(engine: PhiEngine, text: str) -> None:
    assert found(engine, text) == []


def test_a_street_named_for_its_mile_still_is(engine: PhiEngine) -> None:
    assert ("STREET_ADDRESS", "8 Mile Road") in found(engine, "lives at 8 Mile Road")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("ssn: 123 45 6789", "123 45 6789"),  # a test number, spaced: what the label says
        ("SS# 123.45.6789 on the form", "123.45.6789"),
        ("Social Security Number 900-70-1234", "900-70-1234"),  # never issued, still removed
    ],
)
def test_what_the_label_calls_an_ssn_is_one(engine: PhiEngine, text: str, value: str) -> None:
    assert ("US_SSN", value) in found(engine, text)


def test_the_same_digits_without_the_label_are_a_phone(engine: PhiEngine) -> None:
    assert found(engine, "call 123 45 6789") == [("PHONE_NUMBER", "123 45 6789")]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("SLIMĪBAS VĒSTURES Nr. 26/11841", "26/11841"),  # Latvian
        ("spis č. 4471/26 ze dne", "4471/26"),  # Czech
        ("Справка № 12345 выдана", "12345"),  # Russian
        ("dossier N° 4471-22 du patient", "4471-22"),  # French
        ("Akte Nr. 2026-0412", "2026-0412"),  # German
    ],
)
def test_the_word_number_in_another_language_labels_an_identifier(
    engine: PhiEngine, text: str, value: str
) -> None:
    assert ("ID_NUMBER", value) in found(engine, text)


@pytest.mark.parametrize(
    "text",
    ["Zimmer Nr. 12045 frei", "Station Nr. 4", "Nr. 2026", "(NRIC S2447109H)", "Nr. 12/03/2026"],
)
def test_a_room_a_year_a_date_or_another_label_is_not_numbered_so(
    engine: PhiEngine, text: str
) -> None:
    values = [v for k, v in found(engine, text) if k == "ID_NUMBER"]
    assert all(not v.startswith(("IC", "12045", "4", "2026", "12/03")) for v in values)


@pytest.mark.parametrize(
    ("text", "plate"),
    [
        ("immatriculation LT 482 AB", "LT 482 AB"),  # France
        ("Kennzeichen: B-MK 4471", "B-MK 4471"),  # Germany
        ("targa AB 123 CD", "AB 123 CD"),  # Italy
        ("matrícula 4471 BKT", "4471 BKT"),  # Spain
    ],
)
def test_a_plate_named_in_another_language(engine: PhiEngine, text: str, plate: str) -> None:
    assert ("LICENSE_PLATE", plate) in found(engine, text)


def test_a_word_before_a_date_is_no_plate(engine: PhiEngine) -> None:
    text = "Bus SRT-2214, plate BT-40417\nAccident 03/04/2027 07:52"
    assert any(v == "BT-40417" for _, v in found(engine, text))
    assert all(v != "Accident" for _, v in found(engine, text))


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1. Subject 208-004: final pregnancy", "208-004"),
        ("Participant 031-0058 withdrew", "031-0058"),
    ],
)
def test_a_research_subject_number_is_an_identifier(
    engine: PhiEngine, text: str, value: str
) -> None:
    assert ("ID_NUMBER", value) in found(engine, text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Bolnica Sveti Duh, Zagreb", "Bolnica Sveti Duh"),  # the head first
        ("Fakultná nemocnica Trnava", "Fakultná nemocnica Trnava"),  # last and first
        ("Νοσοκομείο Αγία Όλγα", "Νοσοκομείο Αγία Όλγα"),  # another script
        ("Ankara Şehir Hastanesi", "Ankara Şehir Hastanesi"),  # the head last
        ("Tartu Ülikooli Kliinikum", "Tartu Ülikooli Kliinikum"),
    ],
)
def test_a_hospital_named_in_another_language(engine: PhiEngine, text: str, value: str) -> None:
    assert ("HOSPITAL", value) in found(engine, text)


@pytest.mark.parametrize(
    "text", ["Hospital Course: uneventful", "Hospital Day 3", "Casa Grande, AZ"]
)
def test_a_section_a_count_or_a_town_is_no_foreign_hospital(engine: PhiEngine, text: str) -> None:
    assert all(k != "HOSPITAL" for k, _ in found(engine, text))
