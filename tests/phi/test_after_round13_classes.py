"""Error classes fixed after round 13 (issue 14), by kind, developed on round13-dev only: a
contact's own reference after its kind ("session", "encounter", "ticket"); a handset's
equipment number in its printed groups; an age over 89 set off after a birth date; a
numbered street without a house number and a rural house on a numbered road; a town after a
street followed by the sentence's next words; firms headed by a supplier's, a credit
union's, a virtual-care firm's or a charity's kind.

Every value here is invented; none comes from a corpus. Each class comes with look-alikes
that must stay untouched.
"""

from __future__ import annotations

import pytest

from auditor.deid.sweep import Sweep
from auditor.phi.engine import PhiEngine
from auditor.phi.entities import Entity
from tests.phi.conftest import found

AGE = Entity.AGE.value
DEVICE = Entity.DEVICE_ID.value
STREET = Entity.STREET_ADDRESS.value
LOCATION = Entity.LOCATION.value
ORGANIZATION = Entity.ORGANIZATION.value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("video visit - session QT-20310415-8812 Client: R.", "QT-20310415-8812"),
        ("ticket no. HX-55017 opened by the help desk", "HX-55017"),
        ("Incident # 2031-0877 filed with risk", "2031-0877"),
        ("Transfer ID KR-7710452 accepted", "KR-7710452"),
    ],
)
def test_a_contact_reference_after_its_kind_is_an_identifier(
    engine: PhiEngine, text: str, value: str
) -> None:
    assert any(span == value for _, span in found(engine, text)), found(engine, text)


@pytest.mark.parametrize("text", ["session 3 of 10 completed", "encounter note signed"])
def test_a_count_or_a_word_after_the_kind_is_no_identifier(engine: PhiEngine, text: str) -> None:
    assert found(engine, text) == [], found(engine, text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("phone (IMEI 86 220417 551093 4) bagged", "86 220417 551093 4"),
        ("MEID: 72-000918-330415 on the hotspot", "72-000918-330415"),
    ],
)
def test_a_handset_number_in_its_printed_groups_is_a_device(
    engine: PhiEngine, text: str, value: str
) -> None:
    assert (DEVICE, value) in found(engine, text), found(engine, text)


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("4. Quarrie, Bo (DOB 02/11/1930, 96) - oxycodone", "96"),
        ("born 7-3-1928; 98 yrs, lives alone", "98"),
    ],
)
def test_an_age_over_89_after_a_birth_date(engine: PhiEngine, text: str, age: str) -> None:
    assert (AGE, age) in found(engine, text), found(engine, text)


@pytest.mark.parametrize(
    "text", ["(DOB 02/11/1961, 64) seen", "DOB 02/11/1930, 96 mg/dL glucose noted later"]
)
def test_no_age_after_a_birth_date_below_90_or_before_a_unit(engine: PhiEngine, text: str) -> None:
    assert AGE not in [entity for entity, _ in found(engine, text)], found(engine, text)


@pytest.mark.parametrize(
    ("text", "street"),
    [
        ("seen at the walk-in on E 9th Ave. [18:40] next", "E 9th Ave."),
        ("she lives off 4th Street near the park", "4th Street"),
        ("RIVERBEND DRUG  61 STATE RT 11  HARLAN KY 40831", "61 STATE RT 11"),
        ("1187 County Road 40, Lamesa", "1187 County Road 40"),
    ],
)
def test_a_numbered_street_or_road_is_an_address(engine: PhiEngine, text: str, street: str) -> None:
    assert (STREET, street) in found(engine, text), found(engine, text)


@pytest.mark.parametrize(
    "text",
    [
        "won 1st Place at the county fair",
        "grip 5 Rt 4 Lt",
        "took 2 route 3 times",
        "the 4th St. Clair visit",
    ],
)
def test_ranks_hands_and_saints_are_no_streets(engine: PhiEngine, text: str) -> None:
    assert STREET not in [entity for entity, _ in found(engine, text)], found(engine, text)


def test_a_town_after_a_street_and_a_comma_before_the_sentence_goes_on(
    engine: PhiEngine,
) -> None:
    text = "her son, of 17 Quillmore Pl, Portland, phone on file"
    assert (LOCATION, "Portland") in found(engine, text), found(engine, text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Supplies: Copper Ridge Enteral Supply acct on file", "Enteral Supply"),
        ("card from Bayou Magnolia Credit Union in wallet", "Bayou Magnolia Credit Union"),
    ],
)
def test_a_supplier_or_credit_union_name_is_an_organization(
    engine: PhiEngine, text: str, name: str
) -> None:
    spans = [span for entity, span in found(engine, text) if entity == ORGANIZATION]
    assert any(name in span for span in spans), found(engine, text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Quiet Harbor Telehealth - secure chat", "Quiet Harbor Telehealth"),
        ("beds at Lantern Hill Shelter tonight", "Lantern Hill Shelter"),
    ],
)
def test_the_sweep_takes_a_virtual_care_or_charity_name(sweep: Sweep, text: str, name: str) -> None:
    assert name in [text[s.start : s.end] for s in sweep.spans(text, [])]


@pytest.mark.parametrize(
    "text", ["order from Medical Supply today", "call the Credit Union", "Crisis Shelter list"]
)
def test_a_kind_of_supplier_or_shelter_alone_stays(sweep: Sweep, text: str) -> None:
    assert [text[s.start : s.end] for s in sweep.spans(text, [])] == []


@pytest.mark.parametrize(
    ("text", "street"),
    [
        ("Address: Plot 9, Sector 21, Panipat", "Plot 9, Sector 21"),
        ("Flat No. 118, Block D, Dwarka", "Flat No. 118, Block D"),
        ("H.No. 7-22, Shanti Nagar", "H.No. 7-22, Shanti Nagar"),
    ],
)
def test_an_indian_house_label_with_its_sector_or_a_hyphenated_number(
    engine: PhiEngine, text: str, street: str
) -> None:
    streets = [span for entity, span in found(engine, text) if entity == STREET]
    assert any(street in span for span in streets), found(engine, text)


@pytest.mark.parametrize("text", ["randomised 2, Phase 3 trial", "nerve 4, Block 2 done"])
def test_a_phase_or_block_without_a_house_label_is_no_address(engine: PhiEngine, text: str) -> None:
    assert STREET not in [entity for entity, _ in found(engine, text)], found(engine, text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("NHI QKT4412 recorded", "QKT4412"),  # the check digit fails
        ("NHI number QKT44AB on file", "QKT44AB"),  # the newer format
        ("NHS No: 401 023 2138", "401 023 2138"),  # the check digit fails
        ("Aadhaar 4821 7730 1943", "4821 7730 1943"),  # the check digit fails
    ],
)
def test_a_national_number_beside_its_cue_counts_whatever_its_check_digit(
    engine: PhiEngine, text: str, value: str
) -> None:
    assert ("ID_NUMBER", value) in found(engine, text), found(engine, text)


def test_a_failing_national_shape_without_its_cue_stays(engine: PhiEngine) -> None:
    assert found(engine, "code QKT4412 recorded") == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Med Rec No 330918-4 seen", "330918-4"),
        ("Patient No.: 72-5519", "72-5519"),
        ("Pt. No 66120", "66120"),
    ],
)
def test_a_value_after_a_medical_record_or_patient_number_label(
    engine: PhiEngine, text: str, value: str
) -> None:
    assert any(span == value for _, span in found(engine, text)), found(engine, text)


@pytest.mark.parametrize("text", ["pt # 2 of 12", "patient number 3 enrolled"])
def test_a_patient_count_is_no_record_number(engine: PhiEngine, text: str) -> None:
    assert found(engine, text) == [], found(engine, text)


@pytest.mark.parametrize(
    ("text", "town"),
    [
        ("Harbourside General, Belleville ON  Client: R. Quill", "Belleville"),
        ("referred from Portland OR\nreason: follow-up", "Portland"),
    ],
)
def test_a_town_and_its_state_before_a_label_or_a_line_end(
    engine: PhiEngine, text: str, town: str
) -> None:
    assert (LOCATION, town) in found(engine, text), found(engine, text)


@pytest.mark.parametrize("text", ["follow up with PT OR Dr: Quill", "she said no IN Date: today"])
def test_abbreviations_before_a_label_are_no_state(engine: PhiEngine, text: str) -> None:
    assert LOCATION not in [entity for entity, _ in found(engine, text)], found(engine, text)
