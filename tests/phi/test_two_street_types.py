"""A street whose name ends in a street type before its own type ("Cypress Hollow Ln") keeps
that type when a town follows it after blanks, as a DME delivery line or a census sheet
writes the address (issue 14: round 161's dev batch); "Dr" before a capitalised word stays a
doctor's title.
"""

from __future__ import annotations

from auditor.phi.engine import PhiEngine
from tests.phi.conftest import covered_whole, found


def test_the_second_type_before_a_town(engine: PhiEngine) -> None:
    text = "Deliver to: 4471 Willow Bend Rd   Marston FL 32099"
    assert covered_whole(engine, text, "4471 Willow Bend Rd"), found(engine, text)


def test_dr_before_a_name_stays_a_title(engine: PhiEngine) -> None:
    text = "Seen at 22 Laurens Ridge Dr Okafor reviewed the films."
    assert not covered_whole(engine, text, "22 Laurens Ridge Dr"), found(engine, text)
