"""Error classes fixed after round 8 (issue 14), by kind, developed on dev corpora only:
an organisation named after a lower-case word for its kind ("via agency X").

Every value here is invented; none comes from a corpus. Each class comes with look-alikes
that must stay untouched.
"""

from __future__ import annotations

import pytest

from auditor.phi.engine import PhiEngine
from tests.phi.conftest import covered_whole, found

# -- organisations after a lower-case word for their kind ---------------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The family applied via agency Harbourlight Family Placement Services last year.",
         "Harbourlight Family Placement Services"),
        ("Flights were paid by the charity Wrenfield Kindness Fund in March.",
         "Wrenfield Kindness Fund"),
    ],
)  # fmt: skip
def test_a_body_named_after_its_lower_case_kind_word(
    engine: PhiEngine, text: str, name: str
) -> None:
    assert covered_whole(engine, text, name), found(engine, text)


@pytest.mark.parametrize(
    "text",
    [
        "Her school Principal called about attendance.",
        "Family used the agency Interpreter Services today.",
    ],
)
def test_a_kind_word_before_a_title_or_a_service_names_nothing(
    engine: PhiEngine, text: str
) -> None:
    assert found(engine, text) == []


# -- a run that ends in the word for a body of people, anywhere --------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("We thank Tamberly House Family Services for the meals.",
         "Tamberly House Family Services"),
        ("A grant from the Ellery Okafor Foundation covered the flights.",
         "Ellery Okafor Foundation"),
    ],
)  # fmt: skip
def test_a_body_named_by_its_head_word(engine: PhiEngine, text: str, name: str) -> None:
    assert covered_whole(engine, text, name), found(engine, text)


@pytest.mark.parametrize(
    "text",
    [
        "Referred to Adult Protective Services and Social Services.",
        "The Food and Nutrition Services team visited. Patient Services called back.",
    ],
)
def test_services_of_descriptive_words_are_no_body(engine: PhiEngine, text: str) -> None:
    assert found(engine, text) == []
