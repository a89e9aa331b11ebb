"""National health and identity numbers: check digits accept published samples and reject a
changed digit; the recognizer finds them in text, and a bare phone-shaped number stays a phone."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from auditor.phi.engine import PhiEngine
from auditor.phi.recognizers import checksums as c
from tests.phi.conftest import found


@pytest.mark.parametrize(
    ("check", "good", "bad"),
    [
        (c.nhs_ok, "943 476 5919", "943 476 5918"),
        (c.pps_ok, "1234567TW", "1234567UW"),
        (c.medicare_au_ok, "2123 45670 1", "2123 45671 1"),
        (c.nhi_ok, "ZAC5361", "ZAC5362"),
        (c.aadhaar_ok, "2341 2341 2346", "2341 2341 2347"),
        (c.za_id_ok, "8001015009087", "8001015009086"),
        (c.nric_ok, "S1234567D", "S1234567E"),
        (c.health_card_on_ok, "9876543217", "9876543218"),
    ],
)
def test_check_digits(check: Callable[[str], bool], good: str, bad: str) -> None:
    assert check(good) and not check(bad)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("NHS number 943 476 5919 confirmed", "943 476 5919"),
        ("PPSN 1234567TW on file", "1234567TW"),
        ("Medicare 2123 45670 1 exp 05/27", "2123 45670 1"),
        ("NHI ZAC5361, GP notified", "ZAC5361"),
        ("Aadhaar 2341 2341 2346 seen", "2341 2341 2346"),
        ("ABHA 12-3456-7890-1234 linked", "12-3456-7890-1234"),
        ("SA ID 8001015009087 verified", "8001015009087"),
        ("NRIC S1234567D, Singapore", "S1234567D"),
        ("OHIP 9876-543-217-AB valid", "9876-543-217-AB"),
        ("RAMQ TREM 8503 1512", "TREM 8503 1512"),
    ],
)
def test_national_ids_are_found(engine: PhiEngine, text: str, value: str) -> None:
    assert ("ID_NUMBER", value) in found(engine, text)


def test_a_us_phone_stays_a_phone(engine: PhiEngine) -> None:
    assert ("PHONE_NUMBER", "617-555-1234") in found(engine, "call 617-555-1234 today")
