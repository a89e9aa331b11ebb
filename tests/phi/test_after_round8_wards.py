"""Error classes fixed after round 8 (issue 14), by kind, developed on dev corpora only:
wards named for a specialty and numbered, a numbered wing after a hospital's name, and a
public hospital named by its grade and then its town.

Every value here is invented; none comes from a corpus. Each class comes with look-alikes
that must stay untouched.
"""

from __future__ import annotations

import pytest

from auditor.phi.engine import PhiEngine
from auditor.phi.entities import Entity
from tests.phi.conftest import found


@pytest.mark.parametrize(
    ("text", "ward"),
    [
        ("Remains inpatient Haematology 6 since the 3rd.", "Haematology 6"),
        ("Moved to Neurology 5B overnight.", "Neurology 5B"),
        ("Transferred to Teaching Hospital Mannar, Paediatric Ward 14 today.",
         "Paediatric Ward 14"),
        ("Quarry Bend General Hospital, 8 East", "8 East"),
    ],
)  # fmt: skip
def test_numbered_wards(engine: PhiEngine, text: str, ward: str) -> None:
    assert (Entity.HOSPITAL.value, ward) in found(engine, text), found(engine, text)


@pytest.mark.parametrize(
    "text",
    [
        "Follow up with Oncology 2 weeks after discharge.",
        "Seen by Medicine 2 days ago; referred to Surgery 3 times this year.",
        "Oncology on 2 agents; Grade 3 mucositis.",
        "Pain 5 out of 10, better after rest, 3 hours post dose.",
    ],
)
def test_counts_after_a_specialty_are_no_wards(engine: PhiEngine, text: str) -> None:
    assert Entity.HOSPITAL.value not in {e for e, _ in found(engine, text)}, found(engine, text)


def test_a_hospital_by_grade_and_town(engine: PhiEngine) -> None:
    text = "From: Base Hospital Kinniya   To: Divisional Hospital Muttur"
    spans = found(engine, text)
    assert (Entity.HOSPITAL.value, "Base Hospital Kinniya") in spans, spans
    assert (Entity.HOSPITAL.value, "Divisional Hospital Muttur") in spans, spans


def test_a_grade_before_an_ordinary_word_is_no_town(engine: PhiEngine) -> None:
    text = "Sent to General Hospital Today, then District Hospital Monday."
    hospitals = [v for e, v in found(engine, text) if e == Entity.HOSPITAL.value]
    assert all("Today" not in v and "Monday" not in v for v in hospitals), hospitals
