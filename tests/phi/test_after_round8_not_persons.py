"""Error classes fixed after round 8 (issue 14), by kind, developed on dev corpora only:
words read as people that are none - the royal and national colleges' credentials and a
medical council's acronym after a doctor's name, "ms" after a number (milliseconds, not
"Ms."), and form and obituary labels ("Born", "Parents", "Driver licence").

Every value here is invented; none comes from a corpus. Each class keeps its real names.
"""

from __future__ import annotations

import pytest

from auditor.phi.engine import PhiEngine
from auditor.phi.entities import Entity
from tests.phi.conftest import found


def persons(engine: PhiEngine, text: str) -> list[str]:
    return [v for e, v in found(engine, text) if e == Entity.PERSON.value]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Dr Orla Ni Bhriain, MICGP, GMC 7711209", "Orla Ni Bhriain"),
        ("Dr K. Hegarty MRCPI, FRCSI", "K. Hegarty"),
        ("Signed Dr T. Adeyemi, MBChB, FRCP", "T. Adeyemi"),
    ],
)
def test_credentials_after_a_name_are_no_name(engine: PhiEngine, text: str, name: str) -> None:
    assert persons(engine, text) == [name], found(engine, text)


@pytest.mark.parametrize(
    "text",
    [
        "Ulnar motor latency 3.9 ms. Needle EMG L FDI: normal.",
        "DOB 02/11/1961   Driver licence / ID no. pending",
        "Peacefully at home. Born May 4, 1931.",
    ],
)
def test_units_and_labels_are_no_persons(engine: PhiEngine, text: str) -> None:
    assert persons(engine, text) == [], found(engine, text)


def test_a_title_before_the_same_words_still_names(engine: PhiEngine) -> None:
    assert persons(engine, "Seen by Ms. Needham today.") == ["Needham"]
    assert persons(engine, "Dr. Driver reviewed the films.") == ["Driver"]
