"""The quantity words rules share (``auditor.phi.measures``): a number read with a unit, a
dose form or a span of time is no date, identifier or ward; a one-letter unit only where a
rule opts in, since "may 12 u/s" is an ultrasound on a day in May. Values invented."""

from __future__ import annotations

import pytest

from auditor.phi.engine import PhiEngine
from tests.phi.conftest import found


@pytest.mark.parametrize(
    "text",
    [
        "pt may 2-3 tabs prn for pain",  # the modal verb before a count of tablets
        "may 1 patch nightly if needed",
        "Flovent 44 2 puffs bid",  # a drug's strength before a dose
        "plt 150000 cells per uL",
        "walked 12000 steps today",
    ],
)
def test_a_number_read_with_a_quantity_word_is_no_phi(engine: PhiEngine, text: str) -> None:
    assert found(engine, text) == [], found(engine, text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("seen may 12 u/s showed a simple cyst", "may 12"),
        ("acct 4471123 g/l results pending", "4471123"),
    ],
)
def test_a_one_letter_unit_does_not_make_a_date_or_an_id_a_quantity(
    engine: PhiEngine, text: str, value: str
) -> None:
    assert any(span == value for _, span in found(engine, text)), found(engine, text)
