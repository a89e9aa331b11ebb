"""A health system's and a hospital district's last word, a team named for what it is for, and
the chart number beside a name in a list's columns (issue 14: rounds 154's, 156's and 157's
dev batches): "Covenant Health System", "Ector Co. Hosp. Dist.", "Ballykeel Early
Intervention in Psychosis Team", "Whelan-Mbeki, Aoife        CR 204 118". A date or a
reading in the column after a name is no chart number.
"""

from __future__ import annotations

import pytest

from auditor.phi.engine import PhiEngine
from tests.phi.conftest import covered_whole, found, touched


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Transfer from Covenant Health System today, bed 4.", "Covenant Health System"),
        ("Rec'd from Ector Co. Hosp. Dist. via rotor wing at 2240.", "Ector Co. Hosp. Dist."),
        (
            "Known to the Ballykeel Early Intervention in Psychosis Team since March.",
            "Ballykeel Early Intervention in Psychosis Team",
        ),
    ],
)
def test_a_system_a_district_or_a_team_whole(engine: PhiEngine, text: str, name: str) -> None:
    assert covered_whole(engine, text, name), found(engine, text)


def test_the_chart_number_beside_a_name_in_a_pull_list(engine: PhiEngine) -> None:
    text = (
        "Charts for Thursday's clinic:\n"
        "  Whelan-Mbeki, Aoife        CR 204 118\n"
        "  Tanaka-Ross, Hiroshi       CR 311 907   (vol 2 offsite)\n"
    )
    for number in ("CR 204 118", "CR 311 907"):
        assert covered_whole(engine, text, number), found(engine, text)


@pytest.mark.parametrize("value", ["01 02 1950", "120 80"])
def test_a_date_or_a_reading_beside_a_name_is_no_chart_number(
    engine: PhiEngine, value: str
) -> None:
    text = "Ward list:\n  Smith, John    01 02 1950\n  Jones, Mary    BP 120 80\n"
    assert not any(
        kind in {"MEDICAL_RECORD_NUMBER", "ID_NUMBER"} and value in span
        for kind, span in found(engine, text)
    ), found(engine, text)


def test_a_person_in_a_department_is_no_team(engine: PhiEngine) -> None:
    text = "Please call Marisela in Social Services at (937) 555-0188 to rebook."
    assert not touched(engine, text, "Social Services"), found(engine, text)
