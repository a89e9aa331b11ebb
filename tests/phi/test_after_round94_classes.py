"""False alarms fixed after rounds 94 to 97 were written (issue 14), by kind, developed on their
dev batches only: a month's letters before a rate ("APR 6.49%"); an Apgar score and a
gestational age's days read as dates; a setting's range read as a phone number after a
"+"; a lab's short name after "Initial" read as initials; a kind of parent or home read as a
name ("Foster mother", "Bio dad"); nationalities in Spanish and Portuguese read as names.

Every value here is invented; none comes from a corpus. Each class comes with look-alikes
that must still be found.
"""

from __future__ import annotations

import pytest

from auditor.phi.engine import PhiEngine
from auditor.phi.entities import Entity
from tests.phi.conftest import covered, found, touched

PERSON = Entity.PERSON.value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Auto loan | Plate KXR-4471 (OH) | APR 6.49% | 60 mo", "APR 6"),
        ("Card terms: APR 24.99% variable, late fee $40.", "APR 24"),
        ("Infant born at 29 3/7 wks via C/S for PIH, Apgars 4/7. BW 1180 g.", "3/7"),
        ("Infant born at 29 3/7 wks via C/S for PIH, Apgars 4/7. BW 1180 g.", "4/7"),
        ("G2P1 at 36 2/7 weeks by early US, Apgar 8/9.", "2/7"),
        ("CPAP weaned to +5 21-25%, tol 2ml q3 feeds.", "+5 21-25"),
        ("DKA: 14 yo F new onset DM1. Initial pH 7.02, bicarb 4.", "pH"),
        ("Foster mother at bedside for teaching; Bio mother aware of discharge.", "Foster"),
        ("Foster mother at bedside for teaching; Bio mother aware of discharge.", "Bio"),
        ("Pt Jhon Fredy Marulanda - Colombiano, 46, dolor lumbar x3 días.", "Colombiano"),
        ("Paciente brasileira de 58 anos, Brasileira, chegou com a filha.", "Brasileira"),
    ],
)
def test_no_phi_in_a_look_alike(engine: PhiEngine, text: str, value: str) -> None:
    assert not touched(engine, text, value), found(engine, text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Seen Apr 6, 2024 and again Mar 12 in clinic.", "Apr 6, 2024"),
        ("Next visit May 3. Labs before.", "May 3"),
        ("Call her daughter on +44 20 7946 0958 after six.", "+44 20 7946 0958"),
        ("Spoke with Dr. Foster re: plan; pt initials J.K.", "Foster"),
        ("Spoke with Dr. Foster re: plan; pt initials J.K.", "J.K."),
        ("Foster mother Lorraine Stumpf at bedside.", "Lorraine Stumpf"),
    ],
)
def test_the_phi_beside_them_is_found(engine: PhiEngine, text: str, value: str) -> None:
    assert covered(engine, text, value), found(engine, text)
