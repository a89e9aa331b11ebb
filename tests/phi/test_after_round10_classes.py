"""Error classes fixed after round 10 (issue 14), by kind, developed on dev corpora only.

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
    [("Rewarming. Donna V. RN", "Donna V"), ("Seen by Henry Ford II today", "Henry Ford II"),
     ("Dr. Lowe III signed", "Lowe III")],
)  # fmt: skip
def test_an_initial_or_a_generation_after_a_name_stays_a_name(
    engine: PhiEngine, text: str, name: str
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
