"""Day care centres by their names, national and state police forces, tenancy boards and
interpreting firms (issue 14: kinds vanilla Presidio found in the dev batches where the engine
did not).

"Tiddlewink Daycare", "Tiny Acorns Learning Center": a child's day care names itself as a
school does; "Early Learning Centre", "Adult Day Care", "Publicly Funded Child Care" name a
kind of care. "RCMP", "PSNI", "Residential Tenancies Board", "MABS", "LanguageLine": from the
public bodies' and well-known firms' lists. Values invented.
"""

from __future__ import annotations

import pytest

from auditor.phi.engine import PhiEngine
from auditor.phi.entities import Entity
from tests.phi.conftest import found, found_as, spans_touching

ORG = Entity.ORGANIZATION.value


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("No seizure activity. Attends Tiddlewink Daycare.", "Tiddlewink Daycare"),
        ("Mackenzie attends Tiny Acorns Learning Center M-F.", "Tiny Acorns Learning Center"),
        ("Incident slip - Tumaini Tots Daycare\nChild fell on the slide", "Tumaini Tots Daycare"),
    ],
)
def test_a_day_care_by_its_name(engine: PhiEngine, text: str, name: str) -> None:
    assert ORG in found_as(engine, text, name), found(engine, text)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Childcare subsidy (Publicly Funded Child Care) case open", "Publicly Funded Child Care"),
        ("Referred to Adult Day Care Center twice weekly", "Adult Day Care"),
    ],
)
def test_a_kind_of_care_is_no_centre(engine: PhiEngine, text: str, words: str) -> None:
    assert ORG not in {e for e, _, _ in spans_touching(engine, text, words)}, found(engine, text)


@pytest.mark.parametrize(
    ("text", "body"),
    [
        ("Admitted 3/24 after RTC near Banbridge; PSNI informed.", "PSNI"),
        ("Released to pickup per RCMP Cst. Ouellon.", "RCMP"),
        ("Residential Tenancies Board - Dispute Case DR0423", "Residential Tenancies Board"),
        ("One-Parent Family Payment. Refer to MABS Tralee.", "MABS"),
        ("Interpreter (Spanish) ID # 207641, via LanguageLine.", "LanguageLine"),
    ],
)
def test_police_boards_and_interpreters(engine: PhiEngine, text: str, body: str) -> None:
    assert ORG in found_as(engine, text, body), found(engine, text)
