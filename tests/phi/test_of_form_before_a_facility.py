"""A body named "X of Y" whose Y runs into a facility's head (issue 14): "Our Lady of the Lake
Regional Medical Center" keeps "Our Lady of the Lake ..." where the clinical word ("Center")
once made the whole form be dropped, and the facility rules read the head. Values invented.
"""

from __future__ import annotations

import pytest

from auditor.phi.engine import PhiEngine
from tests.phi.conftest import found, touched


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Transferred from Our Lady of the Marsh Regional Medical Center by air.", "Our"),
        ("Transferred from Our Lady of the Marsh Regional Medical Center by air.", "Lady"),
    ],
)
def test_the_form_s_words_before_a_facility_head(engine: PhiEngine, text: str, word: str) -> None:
    assert touched(engine, text, word), found(engine, text)


def test_a_professional_body_stays_dropped(engine: PhiEngine) -> None:
    text = "Accredited per the College of American Pathologists checklist."
    assert "ORGANIZATION" not in {kind for kind, _ in found(engine, text)}, found(engine, text)
