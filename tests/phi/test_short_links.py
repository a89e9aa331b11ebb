"""A bare host under any public suffix with a page after it is a site (issue 14: vanilla
Presidio found every URL of round 143's frozen batch and the engine 0.871 of their tokens;
read from the start tree's rule, which took only a few suffixes bare and a country's code
that is also a word, "in", only with a subdomain).

Link shorteners and shops write their links that way ("bit.ly/...", "shop.in/orders/...");
a dose's units ("mg.kg/day") and a note's "pt.in/out" are no site. A courier's log typed in
small letters ends an address line with its town and a UK postcode (round 143's dev batch).
"""

from __future__ import annotations

import pytest

from auditor.phi.engine import PhiEngine
from auditor.phi.entities import Entity
from tests.phi.conftest import found, found_as, kinds

URL = Entity.URL.value


@pytest.mark.parametrize(
    "link",
    ["bit.ly/4kPq9Zt", "amzn.to/3Wm2", "linktr.ee/harrowgild", "quellbrook.in/orders/8812"],
)
def test_a_bare_host_with_a_page(engine: PhiEngine, link: str) -> None:
    text = f"Details here: {link} (valid 7 days)"
    assert URL in found_as(engine, text, link), found(engine, text)


@pytest.mark.parametrize("text", ["Heparin 18 units.kg/hr overnight.", "Strict pt.in/out 500/300"])
def test_units_and_ratios_are_no_site(engine: PhiEngine, text: str) -> None:
    assert URL not in kinds(engine, text), found(engine, text)


@pytest.mark.parametrize(
    ("text", "code"),
    [("- 7 quarry rise, thirsk yo7 1ab: parcel left", "yo7 1ab")],
)
def test_a_lower_case_uk_postcode_after_a_town(engine: PhiEngine, text: str, code: str) -> None:
    assert Entity.ZIP_CODE.value in found_as(engine, text, code), found(engine, text)


def test_a_dose_interval_is_no_postcode(engine: PhiEngine) -> None:
    text = "bp ok, given q4 2hr prn"
    assert Entity.ZIP_CODE.value not in kinds(engine, text), found(engine, text)
