"""The locality written before a found town or county on an address line (issue 14: round
147's death notices and undertakers' invoices wrote "Gortnascreeny, Bandon, Co. Cork"; the
start tree took the word just before "Co." only, never a townland before a town).

A chain of two links at most, each a word no English or stop list explains, where a line or a
field opens or after a comma; "Allergies, Boston" keeps its English word.
"""

from __future__ import annotations

import pytest

from auditor.phi.engine import PhiEngine
from auditor.phi.entities import Entity
from tests.phi.conftest import found, found_as, touched

LOCATION = Entity.LOCATION.value


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Gortnascreeny, Bandon, Co. Cork and formerly of the parish", "Gortnascreeny"),
        ("To: Mr P. Deasy, Curraghbeg, Skibbereen, Co. Cork", "Curraghbeg"),
    ],
)
def test_a_locality_before_a_town(engine: PhiEngine, text: str, place: str) -> None:
    assert LOCATION in found_as(engine, text, place), found(engine, text)


@pytest.mark.parametrize(
    ("text", "word"),
    [("Allergies, Boston clinic to review.", "Allergies"), ("Stable, Cork team aware.", "Stable")],
)
def test_an_english_word_before_a_town_is_none(engine: PhiEngine, text: str, word: str) -> None:
    assert not touched(engine, text, word), found(engine, text)
