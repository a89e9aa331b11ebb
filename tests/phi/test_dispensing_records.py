"""Who checked, and what was dispensed, as community-pharmacy logs, registers and labels write
it (issue 14: round 163's dev batch): a checker's initials after "chk", "init", a "Checked:"
label or "RPh", two of them across a slash; a pharmacy's code or store number and a
prescriber's register number (MSP, MCNZ, "permis"); a medicine's or a vaccine's brand before its
strength or batch is no person; a drug's NDC is no telephone number.
"""

from __future__ import annotations

import pytest

from auditor.phi.engine import PhiEngine
from tests.phi.conftest import covered_whole, found, touched


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Omeprazole 20mg x28  pres. Dr Fahy  chk MKD\n", "MKD"),
        ("Blister pack rebuilt. Checked: D.McK / T.R.", "D.McK / T.R."),
        ("Photo ID seen, DL checked.   RPh J.W.", "J.W."),
        ("dose observed, no intoxication    init PV", "PV"),
    ],
)
def test_a_checkers_initials(engine: PhiEngine, text: str, value: str) -> None:
    assert covered_whole(engine, text, value), found(engine, text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Nominated pharmacy: Hollins Green Pharmacy (FKQ38)", "FKQ38"),
        ("Immunizing pharmacist, Kowhai Lane Pharmacy #14", "14"),
        ("Orig prescriber Dr. K. Lindqvist-Hale, MSP 52298", "52298"),
        ("Prescriber: Dr Ana Tautahi, MCNZ 30127", "30127"),
        ("Prescrit par : Dre Lise Gagnon-Roy (permis 2-11408)", "2-11408"),
    ],
)
def test_a_shops_a_practices_or_a_prescribers_number(
    engine: PhiEngine, text: str, value: str
) -> None:
    assert covered_whole(engine, text, value), found(engine, text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("chk BP before dose", "BP"),
        ("Dose (Methadose Forte 10mg/mL) witnessed", "Methadose Forte"),
        ("Seretide Accuhaler 250 x 1, Kenalog Orabase 5g", "Kenalog Orabase"),
        ("Vaccine: Fluarix Quadra   Batch: K22P", "Fluarix Quadra"),
        ("Dr. Wendell Ashgrove      NDC 00378-1805-01", "00378-1805-01"),
    ],
)
def test_a_clinical_check_a_brand_or_a_drug_code_stays(
    engine: PhiEngine, text: str, value: str
) -> None:
    assert not touched(engine, text, value), found(engine, text)
