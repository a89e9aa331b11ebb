"""Where the dead rest: a named cemetery and a grave's plot (issue 14: round 147's dev batch of
funeral, cemetery and genealogy paperwork named "Kilbrogan Cemetery" and "Andersons Bay
Cemetery" and plots such as "Sec. F, Lot 212, Gr. 3"; the start tree read no plot, and a
named cemetery only after a cue such as "at").

A plot's address identifies one grave and so whose it is. Two parts at least; a grave's own
word among them ("Lot", "Grave", "Niche") or a burial word before them ("buried at ..., Sect.
C, Row 12"). A seat's row, a drug's lot and a form's section are none; "Veterans Cemetery" and
"National Cemetery" name a kind.
"""

from __future__ import annotations

import pytest

from auditor.phi.engine import PhiEngine
from auditor.phi.entities import Entity
from tests.phi.conftest import covered_whole, found, found_as, touched

ID = Entity.ID_NUMBER.value


@pytest.mark.parametrize(
    ("text", "plot"),
    [
        (
            "Interment: Merrivale Lawn Cemetery, Sec. F, Lot 212, Gr. 3, on 4 May.",
            "Sec. F, Lot 212, Gr. 3",
        ),
        (
            "Niche: Compartment G, Section 4, No. 117 at the columbarium.",
            "Compartment G, Section 4, No. 117",
        ),
        ("Buried at the old cemetery, Catholic Sect. C, Row 12.", "Sect. C, Row 12"),
        ("Plot: Row 6, Grave 11 (family stone).", "Row 6, Grave 11"),
        ("Purchased Section Maple, Lot 318 in 1971.", "Section Maple, Lot 318"),
        ("Ashes placed at Wall W-3, Tier E, No. 14.", "Wall W-3, Tier E, No. 14"),
    ],
)
def test_a_grave_s_plot_is_an_identifier(engine: PhiEngine, text: str, plot: str) -> None:
    assert ID in found_as(engine, text, plot), found(engine, text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Burial afterwards in Kilbrogan Cemetery.", "Kilbrogan Cemetery"),
        ("Merrivale Lawn Cemetery records show two burials.", "Merrivale Lawn Cemetery"),
        ("Plot deed: Andersons Bay Cemetery, Block 118.", "Andersons Bay Cemetery"),
    ],
)
def test_a_named_cemetery(engine: PhiEngine, text: str, name: str) -> None:
    assert covered_whole(engine, text, name), found(engine, text)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Tickets Row 6, Seat 11 for the concert.", "Row 6"),
        ("Heparin Lot 4471, exp 2027; Section 4 of the form.", "Lot 4471"),
        ("Applied for the Veterans Cemetery benefit form.", "Veterans Cemetery"),
        ("Asked about burial at a National Cemetery.", "National Cemetery"),
        ("Pt asked about the cemetery near home.", "cemetery"),
    ],
)
def test_rows_lots_and_kinds_are_none(engine: PhiEngine, text: str, word: str) -> None:
    assert not touched(engine, text, word), found(engine, text)
