"""A stamped chat's senders in lower case, names or logins (issue 14: round 149's dev batch
exported a study team's chat with "[9:14 AM] dkowalczyk:" and "[9:16 AM] rhea.s:"; the
start tree took a lower-case sender only as one name-like word, and only where two such took
turns, so an "agent" answering kept "[09:41] tremblay-roy:" out too).

Two or more stamped senders make a chat; each that is a name or a login holding one is a
person, never a role, a heading or a shift ("agent", "vitals", "night.shift").
"""

from __future__ import annotations

import pytest

from auditor.phi.engine import PhiEngine
from auditor.phi.entities import Entity
from tests.phi.conftest import found, found_as, touched

PERSON = Entity.PERSON.value

CHAT = (
    "[9:14 AM] dkowalczyk: anyone know why the edit check fires?\n"
    "[9:16 AM] rhea.s: consent date typed wrong, raised a query\n"
    "[9:20 AM] dkowalczyk: thanks"
)
HELPDESK = "[09:41] tremblay-roy: bonjour, i need help please\n[09:41] agent: Of course!"


@pytest.mark.parametrize(
    ("text", "sender"),
    [(CHAT, "dkowalczyk"), (CHAT, "rhea.s"), (HELPDESK, "tremblay-roy")],
)
def test_a_lower_case_sender_is_a_person(engine: PhiEngine, text: str, sender: str) -> None:
    assert PERSON in found_as(engine, text, sender), found(engine, text)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        (HELPDESK, "agent"),
        ("[08:00] vitals: T 38.4, P 122\n[10:00] night.shift: handover done", "night.shift"),
        ("[08:00] vitals: T 38.4, P 122\n[10:00] night.shift: handover done", "vitals"),
    ],
)
def test_roles_and_headings_are_no_sender(engine: PhiEngine, text: str, word: str) -> None:
    assert not touched(engine, text, word), found(engine, text)
