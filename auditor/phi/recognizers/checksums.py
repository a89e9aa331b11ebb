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


# -- national health and identity numbers outside the US ----------------------------------
def _mod11_weighted(digits: str) -> bool:
    """UK NHS and Scottish CHI numbers: weights 10..2 on nine digits, 11 - (sum mod 11) is
    the tenth (11 reads as 0; 10 never occurs)."""
    if len(digits) != 10 or not digits.isdigit():
        return False
    check = 11 - sum(int(d) * w for d, w in zip(digits, range(10, 1, -1), strict=False)) % 11
    check = 0 if check == 11 else check
    return check != 10 and check == int(digits[9])


def nhs_ok(value: str) -> bool:
    """NHS (England, Wales) or CHI (Scotland) number: ten digits, mod-11 check digit."""
    return _mod11_weighted(_DIGITS.sub("", value))


_PPS_LETTERS = "WABCDEFGHIJKLMNOPQRSTUV"  # pragma: allowlist secret (the check letters)


def pps_ok(value: str) -> bool:
    """Irish PPS number: seven digits, a check letter (mod 23), an optional second letter
    (A, B, H or W) that weighs 9 in the sum."""
    v = value.replace(" ", "").upper()
    if not (8 <= len(v) <= 9 and v[:7].isdigit() and v[7].isalpha()):
        return False
    total = sum(int(d) * w for d, w in zip(v[:7], range(8, 1, -1), strict=True))
    if len(v) == 9:
        if v[8] not in "ABHW":
            return False
        total += 9 * (0 if v[8] == "W" else ord(v[8]) - 64)
    return _PPS_LETTERS[total % 23] == v[7]


def medicare_au_ok(value: str) -> bool:
    """Australian Medicare card number: ten or eleven digits starting 2-6; the ninth is a
    weighted check (1, 3, 7, 9, 1, 3, 7, 9) of the first eight."""
    digits = _DIGITS.sub("", value)
    if len(digits) not in (10, 11) or digits[0] not in "23456":
        return False
    weights = (1, 3, 7, 9, 1, 3, 7, 9)
    return sum(int(d) * w for d, w in zip(digits, weights, strict=False)) % 10 == int(digits[8])


_NHI_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"  # pragma: allowlist secret (no I, no O)


def nhi_ok(value: str) -> bool:
    """New Zealand NHI number, first format: three letters (no I or O) and four digits, the
    last a mod-11 check."""
    v = value.upper()
    if len(v) != 7 or not v[:3].isalpha() or not v[3:].isdigit():
        return False
    if any(c not in _NHI_LETTERS for c in v[:3]):
        return False
    values = [_NHI_LETTERS.index(c) + 1 for c in v[:3]] + [int(d) for d in v[3:6]]
    check = 11 - sum(x * w for x, w in zip(values, range(7, 1, -1), strict=True)) % 11
    return check != 11 and check % 10 == int(v[6])


_VERHOEFF_D = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
    [2, 3, 4, 0, 1, 7, 8, 9, 5, 6], [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
    [4, 0, 1, 2, 3, 9, 5, 6, 7, 8], [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
    [6, 5, 9, 8, 7, 1, 0, 4, 3, 2], [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
    [8, 7, 6, 5, 9, 3, 2, 1, 0, 4], [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
]  # fmt: skip
_VERHOEFF_P = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
    [5, 8, 0, 3, 7, 9, 6, 1, 4, 2], [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
    [9, 4, 5, 3, 1, 2, 6, 8, 7, 0], [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
    [2, 7, 9, 3, 8, 0, 6, 4, 1, 5], [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
]  # fmt: skip


def aadhaar_ok(value: str) -> bool:
    """Indian Aadhaar number: twelve digits, not starting 0 or 1, Verhoeff check digit."""
    digits = _DIGITS.sub("", value)
    if len(digits) != 12 or digits[0] in "01":
        return False
    c = 0
    for i, d in enumerate(reversed(digits)):
        c = _VERHOEFF_D[c][_VERHOEFF_P[i % 8][int(d)]]
    return c == 0


def za_id_ok(value: str) -> bool:
    """South African ID number: thirteen digits, a YYMMDD birth date first, Luhn check."""
    digits = _DIGITS.sub("", value)
    if len(digits) != 13 or not luhn_ok(digits):
        return False
    month, day = int(digits[2:4]), int(digits[4:6])
    return 1 <= month <= 12 and 1 <= day <= 31 and digits[10] in "01"


_NRIC_ST = "JZIHGFEDCBA"
_NRIC_FG = "XWUTRQPNMLK"


def nric_ok(value: str) -> bool:
    """Singapore NRIC or FIN: S, T, F or G, seven digits, a check letter (weights 2765432;
    T and G add 4)."""
    v = value.upper()
    if len(v) != 9 or v[0] not in "STFG" or not v[1:8].isdigit() or not v[8].isalpha():
        return False
    total = sum(int(d) * w for d, w in zip(v[1:8], (2, 7, 6, 5, 4, 3, 2), strict=True))
    total += 4 if v[0] in "TG" else 0
    letters = _NRIC_ST if v[0] in "ST" else _NRIC_FG
    return letters[total % 11] == v[8]


def health_card_on_ok(value: str) -> bool:
    """Ontario health card (OHIP): ten digits with a Luhn check, an optional version code."""
    digits = _DIGITS.sub("", value)
    return len(digits) == 10 and luhn_ok(digits)
