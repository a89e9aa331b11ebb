"""A nursing note's clock time written after its whole date is no second year, and a word
that no plate's digits follow is no plate, whatever cue stands near it (issue 14: round
165's dev batch): "(01/14/2022 1936)"; "(HCP) at 401-..." after the surname "Rego", read as
the Australian "rego".
"""

from __future__ import annotations

from auditor.phi.engine import PhiEngine
from tests.phi.conftest import found, found_as, touched


def test_a_clock_time_after_a_whole_date_is_no_year(engine: PhiEngine) -> None:
    text = "CCU nursing note (01/14/2022 1936)\nPt resting."
    assert not touched(engine, text, "1936"), found(engine, text)
    assert "DATE_TIME" in found_as(engine, text, "01/14/2022")


def test_a_word_before_a_phone_is_no_plate(engine: PhiEngine) -> None:
    text = "Called daughter Ines Rego (HCP) at 401-555-0172 re: plan."
    assert "LICENSE_PLATE" not in {e for e, v in found(engine, text) if v == "at"}, found(
        engine, text
    )
    assert not touched(engine, text, " at "), found(engine, text)


def test_a_plates_letters_before_its_digits_stay_found(engine: PhiEngine) -> None:
    text = "Skoda Octavia nr rej. KR 5521P, szkoda 2.03.2025"
    assert touched(engine, text, "KR"), found(engine, text)
