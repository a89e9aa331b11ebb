"""Sports teams and clubs where sport names them (issue 14): before a club's initials or a
football club's word, before an age grade, on either side of a fixture's "v". A team's words
alone say nothing (a town and a mascot), so each needs one word no dictionary explains.

Every value here is invented; none comes from a corpus. Each class comes with look-alikes
that must stay untouched.
"""

from __future__ import annotations

import pytest

from auditor.phi.engine import PhiEngine
from auditor.phi.entities import Entity
from tests.phi.conftest import found, found_as

ORG = Entity.ORGANIZATION.value


@pytest.mark.parametrize(
    ("text", "team"),
    [
        ("Fixture: Quarrington Hawks v Dellbury Foxes, kick-off 10:30.", "Quarrington Hawks"),
        ("Fixture: Quarrington Hawks v Dellbury Foxes, kick-off 10:30.", "Dellbury Foxes"),
        ("Tackled in training with Marlowby Stingrays U14 on Tuesday.", "Marlowby Stingrays"),
        ("Signed for Threlkeld Rovers last season.", "Threlkeld Rovers"),
        ("Plays hooker for Annadown RFC, concussion screen done.", "Annadown RFC"),
    ],
)
def test_a_team_where_sport_names_it(engine: PhiEngine, text: str, team: str) -> None:
    assert ORG in found_as(engine, text, team), found(engine, text)


@pytest.mark.parametrize(
    "text",
    [
        "Compared Pre v Post values; PD vs HD discussed.",
        "Intubated in ED, CC 2 cm, SC heparin given, United front at the family meeting.",
        "Blood Cultures v Urine Cultures: both negative.",
    ],
)
def test_no_team_in_clinical_words(engine: PhiEngine, text: str) -> None:
    assert ORG not in {kind for kind, _ in found(engine, text)}, found(engine, text)
