"""Classes fixed by kind after round 20's development batch (issue 14): a hyphenated given
name of two syllables before a surname."""

from __future__ import annotations

import pytest

from auditor.phi.engine import PhiEngine


def found(engine: PhiEngine, text: str) -> list[tuple[str, str]]:
    spans = next(iter(engine.analyze_many([text])))
    return [(s.entity_type, text[s.start : s.end]) for s in spans]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Team: RN Lamar Tolbert; pharm Ji-woo Park", "Ji-woo Park"),
        ("Debrief facilitator: Ji-woo Park, PharmD", "Ji-woo Park"),
    ],
)
def test_a_two_syllable_given_name_joins_the_surname(
    engine: PhiEngine, text: str, name: str
) -> None:
    assert ("PERSON", name) in found(engine, text)


def test_a_hyphenated_word_is_no_given_name(engine: PhiEngine) -> None:
    assert ("PERSON", "Follow-up Park") not in found(engine, "Follow-up Park")
