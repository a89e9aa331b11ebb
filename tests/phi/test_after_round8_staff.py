"""Error classes fixed after round 8 (issue 14), by kind, developed on dev corpora only:
who did it, as logs print it - a payment or social account's handle after the service's
name, a staff member's initials after the act they sign for ("PREPARED BY KT"), and a
lower-case user login alone in a table cell ("| kmensah |").

Every value here is invented; none comes from a corpus. Each class comes with look-alikes
that must stay untouched.
"""

from __future__ import annotations

import pytest

from auditor.phi.engine import PhiEngine
from auditor.phi.entities import Entity
from tests.phi.conftest import found


def test_handles_after_a_payment_or_social_service(engine: PhiEngine) -> None:
    text = "Gifts via Venmo @ama-k or Cash App $OseiFam; updates on Instagram: @kwame.draws."
    values = {v for e, v in found(engine, text) if e == Entity.ACCOUNT_NUMBER.value}
    assert {"@ama-k", "$OseiFam", "@kwame.draws"} <= values, found(engine, text)


def test_at_signs_and_dollars_without_a_service_are_left(engine: PhiEngine) -> None:
    text = "Meet @ 5pm; copay $20; ig 12 units."
    assert Entity.ACCOUNT_NUMBER.value not in {e for e, _ in found(engine, text)}


@pytest.mark.parametrize(
    ("text", "initials"),
    [
        ("TRAY TICKET   PREPARED BY KT   DIET ORDER BY MD", "KT"),
        ("Dose checked by: MKO at 14:00.", "MKO"),
    ],
)
def test_initials_after_the_act_signed_for(engine: PhiEngine, text: str, initials: str) -> None:
    assert (Entity.PERSON.value, initials) in found(engine, text), found(engine, text)


def test_roles_after_by_are_no_initials(engine: PhiEngine) -> None:
    text = "Verified by RN. Checked by MD at bedside. Drawn by ED staff."
    assert Entity.PERSON.value not in {e for e, _ in found(engine, text)}, found(engine, text)


def test_a_login_cell(engine: PhiEngine) -> None:
    text = "| 12/01 | band soaked | kmensah | R. Ortiz |"
    assert (Entity.ID_NUMBER.value, "kmensah") in found(engine, text), found(engine, text)


def test_cells_of_words_and_abbreviations_are_no_logins(engine: PhiEngine) -> None:
    text = "| normal | prn | tlso | cbc | bmp | yes | reviewed | twice | abx |"
    assert found(engine, text) == []
