"""A holiday with the days it names (issue 14): "Easter weekend", "Labor Day long weekend",
"Thanksgiving break" are one date, the period's word inside the span; the word alone is none.
"""

from __future__ import annotations

import pytest

from auditor.phi.engine import PhiEngine
from auditor.phi.entities import Entity
from tests.phi.conftest import found, found_as, touched

DATE = Entity.DATE_TIME.value


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("Rooms held for Easter weekend, two nights.", "Easter weekend"),
        ("Clinic closed over the Labor Day long weekend.", "Labor Day long weekend"),
        ("Fell at home during Thanksgiving break.", "Thanksgiving break"),
    ],
)
def test_a_holiday_with_its_days(engine: PhiEngine, text: str, period: str) -> None:
    assert DATE in found_as(engine, text, period), found(engine, text)


def test_a_weekend_alone_is_no_date(engine: PhiEngine) -> None:
    text = "Quiet weekend on the unit; break taken at noon."
    assert not touched(engine, text, "weekend"), found(engine, text)
