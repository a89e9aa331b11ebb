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
