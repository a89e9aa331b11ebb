"""Bleep numbers a night's cover lists and pages, and who sent a chat's lines (issue 14: round
153's dev batch of paging and cross-cover messages): a UK bleep of two digits after "bleep",
each number of a line that lists whom to page, up to where the list ends; a sender written
before the time of the line ("Nadia B. 9:43 PM: ok.").
"""

from __future__ import annotations

import pytest

from auditor.phi.engine import PhiEngine
from tests.phi.conftest import covered_as, found, touched


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("23:10  For ortho SHO bleep 47 - ED, query hip", "47"),
        ("Bleeps: renal SpR 2208, ITU outreach 2291, night site lead 1100", "2291"),
        ("Bleeps: renal SpR 2208, ITU outreach 2291, night site lead 1100", "1100"),
        ("Extensions: blood bank 4410; switch 0; pharmacy 5527", "5527"),
    ],
)
def test_numbers_to_page(engine: PhiEngine, text: str, number: str) -> None:
    assert covered_as(engine, text, number, "PHONE_NUMBER"), found(engine, text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Bleeps: ortho 4411. K 3.4, Na 135, gave 40 mmol", "135"),
        ("Extensions: pharmacy 2291 (after 1700 use switch)", "1700"),
        ("bleeped 10 times, no answer", "10"),
    ],
)
def test_what_follows_the_list_is_no_number_to_page(
    engine: PhiEngine, text: str, value: str
) -> None:
    assert not touched(engine, text, value), found(engine, text)


@pytest.mark.parametrize(
    "text",
    [
        "Gráinne T. 10:12 PM: bloods back, K 5.9\nDr Osei 10:14 PM: repeat and ECG pls",
        "Marguerite 02:41: pt pulled NG again",
    ],
)
def test_a_sender_before_the_time(engine: PhiEngine, text: str) -> None:
    name = text.split(" ")[0]
    assert covered_as(engine, text, name, "PERSON"), found(engine, text)


def test_a_heading_before_the_time_is_no_sender(engine: PhiEngine) -> None:
    text = "Report 9:43 PM: all quiet on the unit"
    assert not touched(engine, text, "Report"), found(engine, text)
