"""A surname in capitals before a given name's comma in running text, and a surname's particle
before it (issue 14: round 146's transfer note listed "58 yo M, MOSSBRUGGER, Darrell L, MRN
..." and round 147's death notices "Ó DUIBHIR, Séamus" and "VAN DER WESTHUIZEN, Johanna";
the start tree took the surname only where a field or a line opens, and no particle).

The capitals say it is the surname where a capitalised word there may be anything; a clinical
acronym, a credential or an English word in capitals before a name's comma is none ("CHF,
COPD, Maria", "..., IBCLC, Benton County ...").
"""

from __future__ import annotations

import pytest

from auditor.phi.engine import PhiEngine
from tests.phi.conftest import covered_whole, found, touched


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Pt is a 58 yo M, MOSSBRUGGER, Darrell L, MRN 4471-0932.", "MOSSBRUGGER, Darrell L"),
        ("Name of deceased: Ó DUIBHIR, Séamus (Jimmy)", "Ó DUIBHIR, Séamus"),
        (
            "Informant: eldest son, VAN DER MERWE, Pieter Jacobus, of Paarl.",
            "VAN DER MERWE, Pieter Jacobus",
        ),
    ],
)
def test_a_surname_in_capitals_before_the_given_name(
    engine: PhiEngine, text: str, name: str
) -> None:
    assert covered_whole(engine, text, name), found(engine, text)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("CHF, COPD, Maria at bedside.", "COPD"),
        ("HR 80, NSR, Darrell ok.", "NSR"),
        ("Thanks! -- Marisol Quiñones-Abt, IBCLC, Benton County Health Department", "IBCLC"),
    ],
)
def test_an_acronym_before_a_name_is_none(engine: PhiEngine, text: str, word: str) -> None:
    assert not touched(engine, text, word), found(engine, text)
