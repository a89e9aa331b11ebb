"""Error classes fixed after round 8 (issue 14), by kind, developed on dev corpora only:
names in a table cell laid out "SURNAME, Given", and the values of a structured record's
person and address keys (FHIR ``given`` arrays, ``family``, ``city``, ``postalCode``).

Every value here is invented; none comes from a corpus. Each class comes with look-alikes
that must stay untouched.
"""

from __future__ import annotations

import pytest

from auditor.phi.engine import PhiEngine
from auditor.phi.entities import Entity
from tests.phi.conftest import found


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("12/01/2026 08:10 | EZEANYA, Tochukwu | BRX5512093 | reprinted", "EZEANYA, Tochukwu"),
        # (the initial joins the name since the round-14 initials class)
        ("| Wiremu, Aroha T. | bed 4 |", "Wiremu, Aroha T."),
    ],
)
def test_a_surname_comma_given_cell(engine: PhiEngine, text: str, name: str) -> None:
    assert (Entity.PERSON.value, name) in found(engine, text), found(engine, text)


def test_cells_of_ordinary_words_are_no_names(engine: PhiEngine) -> None:
    text = "| BP, Pulse | Sodium, Potassium | CXR, Clear | Left, Right | Yes, No |"
    assert found(engine, text) == []


RECORD = (
    '{"resourceType": "Patient", "name": [{"use": "official", "family": "Mbeki-Lorca",\n'
    '  "given": ["Zanele", "Hope"]}, {"use": "nickname", "given": ["Zee"]}],\n'
    ' "address": [{"city": "Quillmoor", "state": "PA", "postalCode": "19330"}]}'
)


def test_fhir_name_and_address_values(engine: PhiEngine) -> None:
    spans = found(engine, RECORD)
    for kind, value in [
        (Entity.PERSON, "Mbeki-Lorca"),
        (Entity.PERSON, "Zanele"),
        (Entity.PERSON, "Hope"),
        (Entity.PERSON, "Zee"),
        (Entity.LOCATION, "Quillmoor"),
        (Entity.ZIP_CODE, "19330"),
    ]:
        assert (kind.value, value) in spans, (value, spans)


def test_placeholders_and_other_keys_are_left(engine: PhiEngine) -> None:
    text = (
        '{"family": "Unknown", "given": [], "use": "official", "gender": "female",\n "zip": "none"}'
    )
    assert found(engine, text) == []
