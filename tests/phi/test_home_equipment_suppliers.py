"""The suppliers a prescriber orders home equipment, infusions and limbs from, by name (issue
14: round 161's dev batch of DME, oxygen, infusion and orthotics messages): "Home Infusion",
"Medical Supply", "Home Medical", "Orthotics & Prosthetics", "O&P", "Limb & Brace" after a
name. The kind alone, as a note names a service, stays.
"""

from __future__ import annotations

import pytest

from auditor.phi.engine import PhiEngine
from tests.phi.conftest import covered_whole, found, touched


@pytest.mark.parametrize(
    ("text", "firm"),
    [
        (
            "Referral to Coral Sands Home Infusion for OPAT, PICC in situ.",
            "Coral Sands Home Infusion",
        ),
        (
            "Rollator and shower chair via Northern Star Medical Equipment.",
            "Northern Star Medical Equipment",
        ),
        ("Thanks, Josée -- Laurentide Limb & Brace", "Laurentide Limb & Brace"),
        ("Socket check booked with Harrowgate O&P next week.", "Harrowgate O&P"),
    ],
)
def test_a_supplier_by_name(engine: PhiEngine, text: str, firm: str) -> None:
    assert covered_whole(engine, text, firm), found(engine, text)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Pt to continue Home Infusion of ertapenem for 6 weeks.", "Home Infusion"),
        ("O&P consult placed for AFO fitting.", "O&P"),
    ],
)
def test_the_kind_alone_stays(engine: PhiEngine, text: str, words: str) -> None:
    assert not touched(engine, text, words), found(engine, text)
