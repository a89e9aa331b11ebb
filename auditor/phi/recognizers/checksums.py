"""Check digits of the identifiers whose format carries one (NPI, DEA, VIN, cards, SSN areas)."""

from __future__ import annotations

import re

_DIGITS = re.compile(r"\D")


def luhn_ok(digits: str) -> bool:
    """Luhn mod-10 over a digit string (the last digit is the check digit)."""
    if not digits.isdigit():
        return False
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def npi_ok(value: str) -> bool:
    """NPI: 10 digits starting 1 or 2; Luhn over the ISO card prefix 80840 + the NPI."""
    digits = _DIGITS.sub("", value)
    return len(digits) == 10 and digits[0] in "12" and luhn_ok("80840" + digits)


_DEA_FIRST = set("ABCDEFGHJKLMPRSTUX")


def dea_ok(value: str) -> bool:
    """DEA registration: 2 letters + 7 digits; (d1+d3+d5) + 2*(d2+d4+d6) ends in d7."""
    v = value.strip().upper()
    if len(v) != 9 or v[0] not in _DEA_FIRST or not (v[1].isalpha() or v[1] == "9"):
        return False
    digits = v[2:]
    if not digits.isdigit():
        return False
    d = [int(c) for c in digits]
    check = (d[0] + d[2] + d[4]) + 2 * (d[1] + d[3] + d[5])
    return check % 10 == d[6]


_VIN_VALUES = {
    **{str(i): i for i in range(10)},
    **dict(zip("ABCDEFGH", range(1, 9), strict=True)),
    **dict(zip("JKLMN", range(1, 6), strict=True)),
    "P": 7,
    "R": 9,
    **dict(zip("STUVWXYZ", range(2, 10), strict=True)),
}
_VIN_WEIGHTS = (8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2)


def vin_ok(value: str) -> bool:
    """North American VIN: 17 characters without I, O, Q; position 9 is the mod-11 check."""
    v = value.strip().upper()
    if len(v) != 17 or any(c not in _VIN_VALUES for c in v):
        return False
    if not any(c.isdigit() for c in v) or not any(c.isalpha() for c in v):
        return False
    total = sum(_VIN_VALUES[c] * w for c, w in zip(v, _VIN_WEIGHTS, strict=True))
    check = total % 11
    return v[8] == ("X" if check == 10 else str(check))


def ssn_ok(value: str) -> bool:
    """SSA never issues area 000, 666 or 900-999, group 00 or serial 0000."""
    digits = _DIGITS.sub("", value)
    if len(digits) != 9:
        return False
    area, group, serial = digits[:3], digits[3:5], digits[5:]
    if area in {"000", "666"} or area[0] == "9" or group == "00" or serial == "0000":
        return False
    return digits not in {"123456789", "111111111", "222222222", "333333333"}


def card_ok(value: str) -> bool:
    digits = _DIGITS.sub("", value)
    return 13 <= len(digits) <= 19 and luhn_ok(digits)


def luhn_any_ok(value: str) -> bool:
    """Luhn over the digits of any length (12-digit Maestro cards, Canadian SINs)."""
    digits = _DIGITS.sub("", value)
    return len(digits) >= 9 and luhn_ok(digits)


def iban_ok(value: str) -> bool:
    """ISO 13616: move the first four characters to the end, letters to numbers, mod 97 = 1."""
    v = re.sub(r"\s", "", value).upper()
    if not (15 <= len(v) <= 34) or not v[:2].isalpha() or not v[2:4].isdigit():
        return False
    digits = "".join(str(int(c, 36)) for c in v[4:] + v[:4])
    return int(digits) % 97 == 1
