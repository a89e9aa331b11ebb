"""Addresses, postcodes and telephone numbers as South Asian letterheads, OPD slips and
registers write them (issue 14: round 160's dev batch): a PIN or a four-digit postcode joined
to its town by a dash, before the state in brackets or a bar; a calling code in brackets; a
number and its alternate after a slash; a number glued to its label (":-", "mob."); a house's
number after "No." or with its block's letter, before a road word ("Mawatha", "Salai") or a
colony ("Nagar"). A ward's number after a dash is no postcode.
"""

from __future__ import annotations

import pytest

from auditor.phi.engine import PhiEngine
from tests.phi.conftest import covered_whole, found, touched


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("B-12, Tilak Nagar, Indore-452018 (M.P.) | Ph 0731-2554102", "452018"),
        ("House 14, Road 9, Dhanmondi, Dhaka-1209\nReg No 4471/18", "1209"),
        ("Clinic: (+977) 1 4428871, open 9-5", "(+977) 1 4428871"),
        ("Ph: 0265-2431122/33 (clinic), Sunday closed", "0265-2431122/33"),
        ("Mob: 9825012345/9724098765 (son)", "9825012345/9724098765"),
        ("Phone: 01-4-428871 (OPD), emergency 01-4-428872", "01-4-428871"),
        ("Tel 081-2 234455, Kandy", "081-2 234455"),
        ("mob 098431-22071 (husband)", "098431-22071"),
        ("Attendant Contact:-9414022781 (brother)", "9414022781"),
        ("Reception mob.9829011223, timings 10-2", "9829011223"),
        ("Mobile:98290 11223/ 98290 11224", "98290 11223/ 98290 11224"),
        ("Imaging Centre | No. 18, Galle Mawatha, Moratuwa", "No. 18, Galle Mawatha"),
        ("Add: D-211, Rajouri Nagar, New Delhi", "D-211, Rajouri Nagar"),
        ("Ref. from clinic at 9 Kamaraj Salai, Madurai", "9 Kamaraj Salai"),
    ],
)
def test_a_postcode_or_a_number(engine: PhiEngine, text: str, value: str) -> None:
    assert covered_whole(engine, text, value), found(engine, text)


def test_a_ward_number_after_a_dash_stays(engine: PhiEngine) -> None:
    text = "Transferred to Ward-1234 overnight, stable."
    assert not touched(engine, text, "1234"), found(engine, text)
