"""Firms named by their trade (issue 14), kinds the industry list lacked: travel and lodging a
guest books, a landlord's or a utility's firm, professional and money firms; and a kind's
initials inside a trade's name ("X LTC Pharmacy"). As with every
industry word, the name before it must hold a word that is no English word.

Every value here is invented; none comes from a corpus. Each class comes with look-alikes
that must stay untouched.
"""

from __future__ import annotations

import pytest

from auditor.phi.engine import PhiEngine
from auditor.phi.entities import Entity
from tests.phi.conftest import found, found_as

ORG = Entity.ORGANIZATION.value


@pytest.mark.parametrize(
    ("text", "firm"),
    [
        ("Booked through Tarnside Adventures, pickup at 9.", "Tarnside Adventures"),
        ("Collect the van from Oxbury Car Hire on Friday.", "Oxbury Car Hire"),
        ("Rent is paid to Quenby Residential by standing order.", "Quenby Residential"),
        ("Managing agent: Larch Property Mgmt, ref 2231.", "Larch Property Mgmt"),
        ("Final bill from Brenfield Power & Gas attached.", "Brenfield Power & Gas"),
        ("Her employer is Dunmere Architecture in town.", "Dunmere Architecture"),
        # a kind's initials inside a trade's name
        ("Refill faxed to Pennock LTC Pharmacy today.", "Pennock LTC Pharmacy"),
    ],
)
def test_a_firm_by_its_trade(engine: PhiEngine, text: str, firm: str) -> None:
    assert ORG in found_as(engine, text, firm), found(engine, text)


@pytest.mark.parametrize(
    "text",
    [
        "Pain Management and Case Management reviewed the plan.",
        "Travel history negative; Adverse Events form filed.",
        "Capital Expenditure Residential Care review deferred.",
    ],
)
def test_english_words_before_a_trade_name_no_firm(engine: PhiEngine, text: str) -> None:
    assert ORG not in {kind for kind, _ in found(engine, text)}, found(engine, text)
