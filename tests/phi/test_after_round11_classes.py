"""Error classes fixed after round 11 (issue 14), by kind, developed on dev corpora only
(round11-dev above all): lower-case initials, graded classifications and eponym heads,
seasons and day ranges, identifiers quoted by their last digits or by a label, numbered wings,
rural routes, headed facility and firm names, in-laws.

Every value here is invented; none comes from a corpus. Each class comes with look-alikes
that must stay untouched.
"""

from __future__ import annotations

import pytest

from auditor.phi.engine import PhiEngine
from auditor.phi.entities import Entity
from tests.phi.conftest import found

PERSON = Entity.PERSON.value


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "call back 555-0100\nr. pettigrew rn / j. gallagher msw",
            ["r. pettigrew", "j. gallagher"],
        ),
        ("np c. whitlock at bedside", ["c. whitlock"]),
        ("signed (m. kowalczyk)", ["m. kowalczyk"]),
    ],
)
def test_a_lower_case_initial_joins_a_lower_case_name(
    engine: PhiEngine, text: str, names: list[str]
) -> None:
    got = found(engine, text)
    assert [v for k, v in got if k == PERSON] == names, got


def test_a_letter_after_an_abbreviation_is_no_initial(engine: PhiEngine) -> None:
    got = [v for k, v in found(engine, "took vit. d. pettigrew said fine") if k == PERSON]
    assert got == ["pettigrew"]


@pytest.mark.parametrize(
    "text",
    ["Skin type Fitzpatrick II, no blistering.", "duodenal ulcer (Forrest IIa) clipped",
     "Hinchey Ib diverticulitis", "long-segment Barrett's oesophagus on OGD"],
)  # fmt: skip
def test_a_graded_classification_or_an_eponym_head_is_no_name(engine: PhiEngine, text: str) -> None:
    assert not [v for k, v in found(engine, text) if k == PERSON], found(engine, text)


@pytest.mark.parametrize(
    ("text", "name"),
    [("Rewarming. Donna V. RN", "Donna V"), ("Seen by Henry Ford II today", "Henry Ford"),
     ("Dr. Lowe III signed", "Lowe")],
)  # fmt: skip
def test_an_initial_or_a_generation_after_a_name_stays_a_name(
    # (the generation itself is left outside since round 15's classes: it names no one)
    engine: PhiEngine,
    text: str,
    name: str,
) -> None:
    assert (PERSON, name) in found(engine, text), found(engine, text)


@pytest.mark.parametrize(
    ("text", "date"),
    [("lived in Sumter until spring 2025, then moved", "spring 2025"),
     ("in the winter of '19 she fell", "winter of '19"),
     ("new per wife since summer, bled once", "summer"), ("until the autumn", "autumn")],
)  # fmt: skip
def test_a_season_with_a_year_or_after_a_time_word_is_a_date(
    engine: PhiEngine, text: str, date: str
) -> None:
    assert (Entity.DATE_TIME.value, date) in found(engine, text), found(engine, text)


@pytest.mark.parametrize(
    "text", ["since fall risk was high", "summer camp counselor", "last fall he broke his hip"]
)
def test_a_season_word_alone_or_the_fall_is_no_date(engine: PhiEngine, text: str) -> None:
    assert not [v for k, v in found(engine, text) if k == Entity.DATE_TIME.value]


@pytest.mark.parametrize(
    ("text", "value"),
    [("Bank: Harbor Federal, acct ending 3390.", "3390"),
     ("Visa card ending in 4471 was declined", "4471"),
     ("verified last 4 of SSN: 7719", "7719"),
     ("SSN xxx-xx-6402 on file", "6402"),
     ("Spanish, interp #55021 present", "55021"),
     ("via language line (interpreter 4410)", "4410")],
)  # fmt: skip
def test_an_identifier_quoted_by_its_last_digits_or_read_out_on_a_call(
    engine: PhiEngine, text: str, value: str
) -> None:
    assert value in [v for _, v in found(engine, text)], found(engine, text)


@pytest.mark.parametrize(
    "text",
    ["trending down, ending 2 weeks of abx", "interpreter present x 45 min",
     "last 4 doses given on time"],
)  # fmt: skip
def test_counts_near_those_cues_stay(engine: PhiEngine, text: str) -> None:
    assert found(engine, text) == []


@pytest.mark.parametrize(
    ("text", "days"),
    [("drug information service (Dec 2-3)", ["Dec 2", "3"]),
     ("seen Nov 14–15 in clinic", ["Nov 14", "15"])],
)  # fmt: skip
def test_the_second_day_of_a_month_day_range(engine: PhiEngine, text: str, days: list[str]) -> None:
    assert [v for k, v in found(engine, text) if k == Entity.DATE_TIME.value] == days


def test_a_count_after_a_range_is_no_day(engine: PhiEngine) -> None:
    dates = [v for k, v in found(engine, "Mar 2-3 times daily") if k == Entity.DATE_TIME.value]
    assert "3" not in dates


@pytest.mark.parametrize(
    ("text", "ward"),
    [("PACU -> 5 WEST HANDOFF", "5 WEST"), ("report given to 5W RN", "5W"),
     ("on 7N since admission", "7N")],
)  # fmt: skip
def test_a_numbered_wing_after_a_move_is_a_ward(engine: PhiEngine, text: str, ward: str) -> None:
    assert (Entity.HOSPITAL.value, ward) in found(engine, text), found(engine, text)


def test_a_compact_wing_without_a_move_stays(engine: PhiEngine) -> None:
    assert found(engine, "apply 5W of pressure") == []


def test_an_ordinal_floor_belongs_to_the_street_address(engine: PhiEngine) -> None:
    got = found(engine, "400 Renaissance Center, 22nd Floor, Detroit, MI 48243")
    assert (Entity.STREET_ADDRESS.value, "400 Renaissance Center, 22nd Floor") in got, got


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [("From: Cascade Foothills Family Health, Bend", "HOSPITAL", "Cascade Foothills Family Health"),
     ("observation overnight on Pelican Unit.", "HOSPITAL", "Pelican Unit"),
     ("PIP carrier is Wolverine State Mutual, claim", "ORGANIZATION", "Wolverine State Mutual"),
     ("Can Casserley House take her back?", "HOSPITAL", "Casserley House")],
)  # fmt: skip
def test_a_run_ending_in_a_head_word_with_a_telling_word_names_a_facility_or_firm(
    engine: PhiEngine, text: str, kind: str, value: str
) -> None:
    assert (kind, value) in found(engine, text), found(engine, text)


# Runs that end in a head word but only say what kind of care (shared with the sweep's tests).
KIND_ONLY_RUNS = [
    "Seen in the Urgent Care Center, then the Cardiac Surgery Unit.",
    "Transferred to the Medical Intensive Care Unit overnight.",
    "Referred to Student Health and the Sleep Lab.",
]


@pytest.mark.parametrize("text", KIND_ONLY_RUNS)
def test_a_run_that_only_says_what_kind_names_nothing(engine: PhiEngine, text: str) -> None:
    assert found(engine, text) == []


def test_a_drug_strength_after_on_is_no_ward(engine: PhiEngine) -> None:
    assert found(engine, "asthma, on Flovent 44 2 puffs BID") == []
    assert (Entity.HOSPITAL.value, "Finard 4") in found(engine, "bed on Finard 4 overnight")


def test_a_count_of_weeks_opens_no_street(engine: PhiEngine) -> None:
    got = found(engine, "f/u 2 wks Travis Heights clinic")
    assert not [v for k, v in got if k == Entity.STREET_ADDRESS.value], got


@pytest.mark.parametrize(
    ("text", "street"),
    [("lives RR 2 Box 15, Ada, OK", "RR 2 Box 15"), ("HC 61 Box 12A, Bluff", "HC 61 Box 12A"),
     ("Rural Route 3, Box 9 in Ada", "Rural Route 3, Box 9"),
     ("letter to 22 Laurens Ridge Dr, Spartanburg", "22 Laurens Ridge Dr")],
)  # fmt: skip
def test_rural_routes_and_a_street_type_after_a_street_type(
    engine: PhiEngine, text: str, street: str
) -> None:
    assert (Entity.STREET_ADDRESS.value, street) in found(engine, text), found(engine, text)


@pytest.mark.parametrize("text", ["HR 88, RR 18 unlabored", "RR 22 and regular"])
def test_a_respiratory_rate_is_no_rural_route(engine: PhiEngine, text: str) -> None:
    assert found(engine, text) == []


def test_a_title_after_a_street_stays_the_next_name(engine: PhiEngine) -> None:
    got = found(engine, "seen at 12 Oak Ridge Dr Smith's office")
    assert (Entity.STREET_ADDRESS.value, "12 Oak Ridge") in got, got


@pytest.mark.parametrize(
    ("text", "code"),
    [("upload using access code 7H4K-Q2.", "7H4K-Q2"), ("confirmation code: QX94LM", "QX94LM"),
     ("PIN 4471 set by patient", "4471")],
)  # fmt: skip
def test_a_labelled_code_of_any_shape_is_an_identifier(
    engine: PhiEngine, text: str, code: str
) -> None:
    assert (Entity.ID_NUMBER.value, code) in found(engine, text), found(engine, text)


@pytest.mark.parametrize("text", ["pin site clean and dry", "code status: full code"])
def test_pin_sites_and_code_status_stay(engine: PhiEngine, text: str) -> None:
    assert found(engine, text) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [("and sister-in-law Manpreet present", "Manpreet"), ("son in law Tavita called", "Tavita")],
)
def test_an_in_law_is_a_relative_cue(engine: PhiEngine, text: str, name: str) -> None:
    assert (PERSON, name) in found(engine, text), found(engine, text)


def test_a_labelled_code_of_under_four_characters_is_a_count(engine: PhiEngine) -> None:
    assert found(engine, "access code 12 attempts left") == []
