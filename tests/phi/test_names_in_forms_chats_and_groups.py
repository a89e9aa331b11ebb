"""Names a form, a chat export or a family notice lays out, groups named for what their
members do, and a town after a numbered street (issue 14).

"Nora Cronelly (née Haverty)": the word says a surname follows, whatever it is; "Known as: Mo"
is a form's field for a name; "[07/06/2025, 06:41] Thandi M: Morning all" is a chat export's
line, whose sender the layout names. "Lingwise Interpreting", "Harmonia Ladies Choir",
"Allanvale Harriers": an interpreting firm, a choir and a running club name themselves by what
they do, as trades do ("Kinsale Roofing"). "16 Tottington Fold, Bury BL8 1RT": the word between
a numbered street and a postcode is the town, English word or not. Values invented.
"""

from __future__ import annotations

import pytest

from auditor.phi.engine import PhiEngine
from auditor.phi.entities import Entity
from tests.phi.conftest import found, found_as, kinds

ORG = Entity.ORGANIZATION.value
PERSON = Entity.PERSON.value


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Month's mind for the late Agnes Dolworth (née Prenderville), Kilmeena.", "Prenderville"),
        ("Name: Dr Orla Quennell (née Haverty)", "Haverty"),
        ("Mother: Mrs Ada Quist nee Lomax, 71.", "Lomax"),
        ("Next of kin: sister Bríd Ó Conaill, née Sweeney-Hart.", "Sweeney-Hart"),
    ],
)
def test_a_maiden_name_after_nee(engine: PhiEngine, text: str, name: str) -> None:
    start = text.index(name)
    spans = engine.analyze(text)
    assert any(
        s.entity_type == PERSON and s.start <= start and start + len(name) <= s.end for s in spans
    ), found(engine, text)


def test_nee_needs_a_capitalised_word(engine: PhiEngine) -> None:
    text = "Knee effusion; nee no further info. The knee was aspirated."
    assert PERSON not in kinds(engine, text), found(engine, text)


@pytest.mark.parametrize(
    ("text", "group"),
    [
        ("Interpreter booked via Lingwise Interpreting for 10:00.", "Lingwise Interpreting"),
        ("Harmonia Ladies Choir - section list for the carol service", "Harmonia Ladies Choir"),
        ("Club: Allanvale Harriers   T-shirt: L", "Allanvale Harriers"),
        ("She plays second violin in the Brackenmoor Orchestra.", "Brackenmoor Orchestra"),
    ],
)
def test_a_group_named_for_what_it_does(engine: PhiEngine, text: str, group: str) -> None:
    assert ORG in found_as(engine, text, group), found(engine, text)


def test_the_words_alone_name_no_group(engine: PhiEngine) -> None:
    text = "Interpreting services booked. Choir practice helps her breathing. Orchestra tonight."
    assert ORG not in kinds(engine, text), found(engine, text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Full name: Maureen Gurnsey      Known as: Mo", "Mo"),
        ("Surname: Quist\nMaiden name: Hennessy", "Hennessy"),
        ("[07/06/2025, 06:41] Thandi M: Morning all, 2 more needed", "Thandi M"),
        ("12/03/25, 19:02 - Priya Sandhu: ok see you there", "Priya Sandhu"),
        ("[04/11/2026 16:22] Agent Rossiter: your parcel left the depot", "Rossiter"),
    ],
)
def test_a_name_a_form_or_a_chat_lays_out(engine: PhiEngine, text: str, name: str) -> None:
    assert PERSON in found_as(engine, text, name), found(engine, text)


def test_a_timed_entry_s_heading_is_no_sender(engine: PhiEngine) -> None:
    text = "09/01/2024 14:00 - Nursing Note: settled\n09/01/2024 16:00 - Plan: continue abx"
    assert PERSON not in kinds(engine, text), found(engine, text)


@pytest.mark.parametrize(
    ("text", "town"),
    [
        ("Address: 16 Tottington Fold, Bury BL8 1RT", "Bury"),
        ("Home: 4 Quay St, Deal CT14 6HD", "Deal"),
    ],
)
def test_a_town_after_a_numbered_street(engine: PhiEngine, text: str, town: str) -> None:
    assert Entity.LOCATION.value in found_as(engine, text, town), found(engine, text)
