"""Registration forms, transfer forms, requisitions and patient messages: labelled
identifiers, weekday dates, names next to acronyms, lower-case names in messages.

Classes found on the third hand-written corpus (``bench/phi_corpora/forms_notes``)."""

from __future__ import annotations

import pytest

from auditor.phi.engine import PhiEngine
from tests.phi.conftest import covered, found, touched

FOUND = [
    ("SSN: 123-45-6789", "123-45-6789"),  # labelled, though SSA never issues it
    ("Accession S87-12345. Specimen: skin.", "S87-12345"),
    ("Sent: Tuesday, February 3, 2087 9:14 PM", "Tuesday, February 3, 2087"),
    ("Resident: Mae Holloway   Room 214", "Mae Holloway"),
    ("hi dr wexler, this is john doyle (dob 4/9/77).", "wexler"),
    ("hi dr wexler, this is john doyle (dob 4/9/77).", "john doyle"),
    ("TRANSFER FORM - Sunrise Assisted Living", "Sunrise Assisted Living"),
]
NOT_FOUND = [
    ("Ordering: Dr. Farah Siddiqui NPI 1245319599", "NPI"),
    ("Collected 2087-09-30 07:45.", "07:45"),
    ("Son will visit tomorrow; wife may call.", "will"),
    ("Son will visit tomorrow; wife may call.", "may"),
    ("NEURO: MAE, PERRL.", "MAE"),
    ("SSN pending, 123-45-678 is incomplete", "123-45-678"),
]


@pytest.mark.parametrize(("text", "value"), FOUND)
def test_found(engine: PhiEngine, text: str, value: str) -> None:
    assert covered(engine, text, value), found(engine, text)


@pytest.mark.parametrize(("text", "value"), NOT_FOUND)
def test_not_found(engine: PhiEngine, text: str, value: str) -> None:
    assert not touched(engine, text, value), found(engine, text)
