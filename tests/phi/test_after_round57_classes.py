"""Error classes fixed while rounds 57 to 60 were written (issue 14), by kind, developed on the
hand-written dev batches only: given names of people born since the 1990 census (the SSA's
counts of US births), and a given name that is also a word before a surname no list knows;
a contact's number after a word that is only a name sometimes; a labelled booking number.

Every value here is invented; none comes from a corpus. Each class comes with look-alikes
that must stay untouched.
"""

from __future__ import annotations

import pytest

from auditor.phi.engine import PhiEngine
from auditor.phi.entities import Entity
from auditor.phi.recognizers.lexicon import Lexicon
from tests.phi.conftest import covered, found, found_as

PERSON = Entity.PERSON.value
ID = Entity.ID_NUMBER.value


def test_the_ssa_given_names_widen_the_census_list() -> None:
    lex = Lexicon.load()
    assert lex.is_first("imogen") and not lex.is_ambiguous("imogen")
    assert lex.is_first("jayden") and lex.is_first("nevaeh")
    # a name that is also a word needs a cue; a place, an abbreviation or a term is left out
    assert lex.is_first("poppy") and lex.is_ambiguous("poppy")
    assert not lex.is_first("memphis") and not lex.is_first("dev") and not lex.is_first("timi")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Paid $75.00 to Poppy Wendlebrook, sort code 40-11-22.", "Poppy Wendlebrook"),
        ("steroid taper for PMR - Clemence Tarrowby, started pred 15 mg", "Clemence Tarrowby"),
        ("please call back on 0113 496 0999 - Imogen.", "Imogen"),
        ("Older sib Nevaeh (6) home with grandmother.", "Nevaeh"),
        ("Thx Jaxon", "Jaxon"),
    ],
)
def test_a_given_name_born_since_the_census(engine: PhiEngine, text: str, value: str) -> None:
    assert PERSON in found_as(engine, text, value), found(engine, text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("DOB 01/04/1925   Birthplace Belle Fourche, SD", "Birthplace Belle Fourche"),
        ("Found near Chavez Park (per APD, case 26-0118840); no injuries.", "case"),
        ("Harmony Healthcare billed the claim twice.", "Harmony Healthcare"),
    ],
)
def test_a_word_or_a_town_is_no_given_name(engine: PhiEngine, text: str, value: str) -> None:
    assert PERSON not in found_as(engine, text, value), found(engine, text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Booking no. KC-200471 for the shuttle, pickup 0700.", "KC-200471"),
        ("Voucher number QX-4471 issued at the front desk.", "QX-4471"),
    ],
)
def test_a_labelled_booking_or_voucher_number(engine: PhiEngine, text: str, value: str) -> None:
    assert covered(engine, text, value), found(engine, text)
