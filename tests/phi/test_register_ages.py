"""Ages over 89 as registers, death notices and South Asian ward lists write them (issue 14:
rounds 159 and 160): age and sex after a slash ("93/F"), the year of life a notice gives ("in
his 96th year") and both ends of a range ("aged 92-93"). A rate or a blood pressure keeps its
number.
"""

from __future__ import annotations

import pytest

from auditor.phi.engine import PhiEngine
from tests.phi.conftest import covered_whole, found, touched


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("Bed 12 -- Gopal Rane, 93/F: day 3 post hip fixation", "93"),
        ("Peacefully at home, in his 96th year. Funeral Tuesday.", "96th"),
        ("Died 1931 (aged 92-93), buried at Kilbrannock.", "92-93"),
    ],
)
def test_an_age_over_89(engine: PhiEngine, text: str, age: str) -> None:
    assert covered_whole(engine, text, age), found(engine, text)


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("HR 94/min, RR 18, afebrile.", "94"),
        ("BP 140/91/M on the cuff, repeat in 1 h.", "91"),
    ],
)
def test_a_rate_or_a_pressure_stays(engine: PhiEngine, text: str, number: str) -> None:
    assert not touched(engine, text, number), found(engine, text)
