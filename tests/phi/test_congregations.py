"""A Latter-day Saint congregation numbered in its town (issue 14: round 158's
dev batch of Mountain West ICU notes, where the bishop's visit names the family's ward). A
hospital's ward by its number alone stays a unit.
"""

from __future__ import annotations

import pytest

from auditor.phi.engine import PhiEngine
from tests.phi.conftest import covered_whole, found, touched


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Bishop and Relief Society pres. from the Kaysville 9th Ward visited.",
            "Kaysville 9th Ward",
        ),
        ("Home teachers from the Ammon 4th Branch called the unit.", "Ammon 4th Branch"),
    ],
)
def test_a_congregation_by_its_town(engine: PhiEngine, text: str, name: str) -> None:
    assert covered_whole(engine, text, name), found(engine, text)


def test_a_surgical_ward_stays(engine: PhiEngine) -> None:
    text = "Transferred to Surgical 2nd Ward bay 3 overnight."
    assert not touched(engine, text, "2nd Ward"), found(engine, text)
