"""Letters, discharge summaries and consults: sign-offs, cc lines, practice names, streets
without numbers, lower-case names after a title or relative, clinical acronyms.

Classes found on the second hand-written corpus (``bench/phi_corpora/letters_notes``)."""

from __future__ import annotations

import pytest

from auditor.phi.engine import PhiEngine
from tests.phi.conftest import covered, found, touched

# (text, PHI that must be covered)
FOUND = [
    ("cc: Dr. Pike; Cape Ann Medical Group", "Cape Ann Medical Group"),
    ("Harborview Family Practice, 1200 Commonwealth Ave", "Harborview Family Practice"),
    ("PCP: Lakeside Family Medicine, Waltham", "Lakeside Family Medicine"),
    ("He lives in a walk-up on Dorchester Avenue in South Boston.", "Dorchester Avenue"),
    ("Spoke with wife, mrs. harrington, this afternoon.", "harrington"),
    ("Next visit in 1 wk with dr. okonkwo.", "okonkwo"),
    ("Partner devon present for the scan.", "devon"),
    ("CBC drawn 04-Apr-2069, repeat on 4-APR-69.", "04-Apr-2069"),
    ("CBC drawn 04-Apr-2069, repeat on 4-APR-69.", "4-APR-69"),
    ("Transferred to Mass General for thrombectomy.", "Mass General"),
    ("PT WAS SEEN IN THE LAHEY ED IN 1998.", "LAHEY"),
    ("Followed at MGH and the Mayo Clinic.", "MGH"),
    ("Delivered at Brigham and Women's last year.", "Brigham and Women's"),
]
# (text, words that must not be flagged)
NOT_FOUND = [
    ("Attending: Samuel Ostrowski, M.D.", "M.D."),
    ("Dictated by: Winston Achebe, M.D. DD: 09/12/2087", "M.D."),
    ("Signed, Helena Moore, Ph.D., D.O.", "Ph.D."),
    ("Hx of Stevens-Johnson syndrome after sulfa.", "Stevens-Johnson"),
    ("Seen with his daughter Aiko. MoCA 21/30 today.", "MoCA"),
    ("Referred to Internal Medicine for a second opinion.", "Internal Medicine"),
    ("Followed by Pediatric Cardiology since birth.", "Pediatric Cardiology"),
    ("Ambulated down the hall to the street entrance.", "street"),
    ("Ate a pork chop for dinner.", "chop"),  # CHOP only as an acronym in capitals
    ("ABD: MASS, GENERAL APPEARANCE WELL.", "MASS, GENERAL"),
]


@pytest.mark.parametrize(("text", "value"), FOUND)
def test_found(engine: PhiEngine, text: str, value: str) -> None:
    assert covered(engine, text, value), found(engine, text)


@pytest.mark.parametrize(("text", "value"), NOT_FOUND)
def test_not_found(engine: PhiEngine, text: str, value: str) -> None:
    assert not touched(engine, text, value), found(engine, text)


def test_names_keep_their_credentials_out() -> None:
    """The span ends at the name: credentials are not PHI."""
    engine = PhiEngine()
    text = "Attending: Samuel Ostrowski, M.D."
    spans = [text[r.start : r.end] for r in engine.analyze(text) if r.entity_type == "PERSON"]
    assert spans == ["Samuel Ostrowski"]


def test_a_semicolon_ends_a_name(engine: PhiEngine) -> None:
    text = "cc: Dr. Rebecca Yi; Lakeside Family Medicine"
    people = [v for t, v in found(engine, text) if t == "PERSON"]
    assert people == ["Rebecca Yi"]
