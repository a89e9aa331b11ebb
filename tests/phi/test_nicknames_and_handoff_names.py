"""A nickname beside a found name and the surname before a given name in a handoff (issue 14:
rounds 154's and 157's dev batches): "Winifred (Winnie) Gallacher", 'Ibarra, Rogelio "Cheo"',
"Took over care of Strathdee, Lorne, 71 M". A bracket after a name that holds a service or a
day is no nickname ("Dr Okafor (Cardiology)", "Smith (Mon)").
"""

from __future__ import annotations

import pytest

from auditor.phi.engine import PhiEngine
from tests.phi.conftest import covered_whole, found, touched


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Pt: Winifred (Winnie) Gallacher, DOB 04-Mar-1929", "Winifred (Winnie) Gallacher"),
        ('Ibarra, Rogelio "Cheo", bed 14, POD 3', 'Ibarra, Rogelio "Cheo"'),
        ("0700 Took over care of Strathdee, Lorne, 71 M, POD 2 AVR.", "Strathdee, Lorne"),
    ],
)
def test_a_name_with_its_nickname_or_its_surname(engine: PhiEngine, text: str, name: str) -> None:
    assert covered_whole(engine, text, name), found(engine, text)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Seen by Dr Okafor (Cardiology) this morning.", "Cardiology"),
        ("Crew Iona Baird (Pmed), Ruairi Kerr (Tech) on scene.", "Pmed"),
        ("Report given to Pharmacy, Lorne, 71 M.", "Pharmacy"),
    ],
)
def test_a_service_or_a_desk_is_no_name(engine: PhiEngine, text: str, word: str) -> None:
    assert not touched(engine, text, word), found(engine, text)
