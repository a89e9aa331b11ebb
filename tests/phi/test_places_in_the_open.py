"""A place in the open named by its feature after a word of where (issue 14: round 148's
search-and-rescue logs and round 146's trauma admissions wrote "near Marias Pass", "below
Bells Falls", "LKP Coldwater Lake trailhead", "off the Aran Islands"; the start tree read
none). A feature's head alone ("at Lake") names nothing, nor a verb ("Fell at home").
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
        ("Snowmobile vs tree near Marias Pass, GCS 7 on scene.", "Marias Pass"),
        ("Located below Bells Falls at 10:40 by team 3.", "Bells Falls"),
        ("LKP Coldwater Lake trailhead 6/29 ~1500.", "Coldwater Lake trailhead"),
        ("Winched off the Aran Islands to the mainland.", "Aran Islands"),
    ],
)
def test_a_feature_after_a_word_of_where(engine: PhiEngine, text: str, place: str) -> None:
    assert LOCATION in found_as(engine, text, place), found(engine, text)


@pytest.mark.parametrize(
    ("text", "word"),
    [("Fell at home, no LOC.", "Fell"), ("Met the family at Lake for the debrief.", "at")],
)
def test_a_head_alone_names_nothing(engine: PhiEngine, text: str, word: str) -> None:
    assert not touched(engine, text, word), found(engine, text)
