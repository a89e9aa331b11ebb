"""A research participant's number after a word for the participant (issue 14: round 149's
dev batch of research coordinators' messages named participants "pt 0412-017", "Participant
0216", "Participant TRIPOD-0451", "Enrolled (0512-009)" and "SAE 019-0042-S02"; the
labelled-number rule wants five digits and knows no "pt", so the start tree read none).

Two clock times joined are a shift ("Patient 1200-1800"), a zero-led four digits after "pt" a
time, and a reading or a dose after "pt" no participant.
"""

from __future__ import annotations

import pytest

from auditor.phi.engine import PhiEngine
from auditor.phi.entities import Entity
from tests.phi.conftest import found, found_as, touched

ID = Entity.ID_NUMBER.value


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("Hi Dr K - pt 0412-017 came back with ANC 1.2.", "0412-017"),
        ("Subject: RE: screen fail 0412-017?", "0412-017"),
        ("Called participant 0216 at home, no answer.", "0216"),
        ("Participant TRIPOD-0451 phoned to withdraw.", "TRIPOD-0451"),
        ("Scr# PS-014 enrolled on 02/14.", "PS-014"),
        ("Enrolled (0512-009) after consent.", "0512-009"),
        ("Reported as SAE 019-0042-S02 to the sponsor.", "019-0042-S02"),
    ],
)
def test_a_participant_s_number(engine: PhiEngine, text: str, number: str) -> None:
    assert ID in found_as(engine, text, number), found(engine, text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Patient 1200-1800 shift, no issues.", "1200-1800"),
        ("Patient 0800 meds given.", "0800"),
        ("pt 120-80 sitting up.", "120-80"),
        ("pt 12-15 breaths per minute.", "12-15"),
        ("pt 0.5-1 mg prn.", "0.5-1"),
    ],
)
def test_times_and_readings_are_no_participant(engine: PhiEngine, text: str, value: str) -> None:
    assert not touched(engine, text, value), found(engine, text)
