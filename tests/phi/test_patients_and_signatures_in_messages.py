"""Who a clinician's message names (issue 14): a patient by the surname alone after "pt", the
writer by a signature's given name and role or a self-introduction, and the labels around
them that name no one (a vital sign's letter, "EPOA:", "POA:"). Values invented.
"""

from __future__ import annotations

import pytest

from auditor.phi.engine import PhiEngine
from auditor.phi.entities import Entity
from tests.phi.conftest import found, found_as, kinds

PERSON = Entity.PERSON.value


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Dr Ferrante - your pt Szczepaniak on 6W, trop 52, pls review.", "Szczepaniak"),
        ("pls call re bed 9 pt Okonkwo-Bassey, K+ 6.1 post HD", "Okonkwo-Bassey"),
        ("Can dialysis take pt Rautenbach first on the list?", "Rautenbach"),
    ],
)
def test_a_patient_s_surname_after_pt(engine: PhiEngine, text: str, name: str) -> None:
    assert PERSON in found_as(engine, text, name), found(engine, text)


@pytest.mark.parametrize(
    "text",
    [
        "gave pt Ondansetron 4 mg IV, pt Ambulating with frame.",
        "Pt FaceTimed w/ her son. PT Eval done, OT to follow.",
    ],
)
def test_a_drug_a_word_or_a_brand_s_verb_after_pt_is_no_name(engine: PhiEngine, text: str) -> None:
    assert PERSON not in kinds(engine, text), found(engine, text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Is she ok for the Thursday list? - Philippa, HD nurse", "Philippa"),
        ("Which strength do I dispense? Oriel, community pharmacist", "Oriel"),
        ("Hi, I'm Teodora, charge nurse on 7 East.", "Teodora"),
        ("Hello, I am Kwabena from the renal unit.", "Kwabena"),
    ],
)
def test_a_writer_s_own_name(engine: PhiEngine, text: str, name: str) -> None:
    assert PERSON in found_as(engine, text, name), found(engine, text)


def test_a_word_before_a_role_s_comma_is_no_name(engine: PhiEngine) -> None:
    text = "Sodium, nurse aware. Potassium, pharmacist to review."
    assert PERSON not in kinds(engine, text), found(engine, text)


def test_an_ion_s_letter_is_no_initial(engine: PhiEngine) -> None:
    text = "pt Abernathy-Quist, K+ 5.9, Na+ 131 this morning."
    spans = found(engine, text)
    assert PERSON in found_as(engine, text, "Abernathy-Quist"), spans
    assert not any("K" in v.split() or v.endswith(", K") for _, v in spans), spans


def test_a_decision_maker_s_label_is_no_name(engine: PhiEngine) -> None:
    text = "EPOA: daughter Rosalind Teague. POA: nephew Caspian."
    spans = found(engine, text)
    assert not any(v in {"EPOA", "POA"} for _, v in spans), spans
    assert PERSON in found_as(engine, text, "Rosalind Teague"), spans
