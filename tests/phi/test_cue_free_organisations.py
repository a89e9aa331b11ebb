"""Organisations named where no cue stands (issue 14): a run of two capitalised words or more,
anywhere in mixed-case text, kept when spaCy's NER tags at least two of its words ORG or FAC
and one of them is a word only a name explains (Title case, no English word, demonym or
clinical term). The span is NER's own words; a run opening a sentence loses its everyday
first words.

Every value here is invented; none comes from a corpus. Each class comes with look-alikes
that must stay untouched.
"""

from __future__ import annotations

import pytest

from auditor.phi.engine import PhiEngine
from auditor.phi.entities import Entity
from tests.phi.conftest import found

ORG = Entity.ORGANIZATION.value
HOSPITAL = Entity.HOSPITAL.value


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("His son plays for the Marrowdene Hornets under-12s.", "Marrowdene"),
        ("Rep from Quillmoor Energy asked for the meter reading again.", "Quillmoor"),
        ("Salem Stop and Shop called about her refill.", "Salem"),
        ("Letter copied to Drenfield Mutual Insurance for the claim.", "Drenfield"),
    ],
)
def test_a_named_body_where_no_cue_stands(engine: PhiEngine, text: str, name: str) -> None:
    spans = found(engine, text)
    assert any(kind in {ORG, HOSPITAL} and name in value for kind, value in spans), spans


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Discussed with the Credit Union about the loan.", "Credit"),  # English words only
        ("Premium Economy seats were full.", "Premium"),
        ("Checklist per the College of American Pathologists.", "American"),
        ("Dressing changed, Mepilex Ag applied to the sacrum.", "Mepilex"),  # a product
        ("Hx of Stevens-Johnson syndrome after sulfa.", "Stevens"),  # an eponym
        ("Lakeside General  Hosp No LG 221 9034", "Hosp"),  # a number's label
    ],
)
def test_no_name_in_words_any_text_holds(engine: PhiEngine, text: str, value: str) -> None:
    assert not any(kind in {ORG, HOSPITAL} and value in v for kind, v in found(engine, text)), (
        found(engine, text)
    )
