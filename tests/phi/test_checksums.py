"""Check-digit validators, table-driven: valid, one digit off, wrong shape."""

from collections.abc import Callable

import pytest

from auditor.phi.recognizers.checksums import dea_ok, iban_ok, luhn_ok, npi_ok, ssn_ok, vin_ok


@pytest.mark.parametrize(
    ("func", "value", "ok"),
    [
        (npi_ok, "1234567893", True),  # CMS's published example NPI
        (npi_ok, "1234567890", False),  # check digit off
        (npi_ok, "3234567893", False),  # must start with 1 or 2
        (npi_ok, "123456789", False),
        (dea_ok, "AB1234563", True),  # 1+3+5 + 2*(2+4+6) = 33 -> 3
        (dea_ok, "AB1234564", False),
        (dea_ok, "A91234563", True),  # second char may be 9
        (dea_ok, "ZZ1234563", False),  # unknown registrant type
        (dea_ok, "AB123456", False),
        (vin_ok, "1M8GDM9AXKP042788", True),  # the classic check-digit example
        (vin_ok, "1M8GDM9A1KP042788", False),
        (vin_ok, "1M8GDM9AXKP04278O", False),  # O is never used
        (vin_ok, "11111111111111111", False),  # passes mod 11 but has no letters
        (luhn_ok, "4111111111111111", True),
        (luhn_ok, "4111111111111112", False),
        (iban_ok, "GB82 WEST 1234 5698 7654 32", True),
        (iban_ok, "GB82 WEST 1234 5698 7654 33", False),
        (ssn_ok, "123-45-6788", True),
        (ssn_ok, "000-45-6789", False),
        (ssn_ok, "666-45-6789", False),
        (ssn_ok, "912-45-6789", False),
        (ssn_ok, "123-00-6789", False),
        (ssn_ok, "123-45-0000", False),
    ],
)
def test_check_digits(func: Callable[[str], bool], value: str, ok: bool) -> None:
    assert func(value) is ok
