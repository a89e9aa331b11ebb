"""The phone rules' shortcut (issue 14's CPU a note): the plain shapes it answers are the
ones phonenumbers finds possible, whatever their digits."""

from __future__ import annotations

import random

import pytest

from auditor.phi.recognizers import phones

LAYOUTS = [
    "(ddd) ddd-dddd", "ddd-ddd-dddd", "ddd.ddd.dddd", "ddd ddd dddd", "dddddddddd",
    "(ddd)ddd-dddd", "ddd-dd-dddd", "ddd dd dddd", "ddddddddd", "dddd ddd ddd", "ddd ddd ddd",
    "ddddd dddd", "(dd) dddd dddd", "d-ddd-ddd-dddd", "dddd-ddd-ddd", "ddd-ddd-ddd",
    "ddd-dddd", "(ddd) ddd dddd", "dd dddd dddd", "dddd dddd dd",
]  # fmt: skip


def _parsed(core: str) -> bool:
    """What _possible answered before the shortcut: a parse in each region."""
    return phones.parsed_possible(core)


def _numbers(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        layout = LAYOUTS[i % len(LAYOUTS)]
        out.append("".join(str(rng.randrange(10)) if c == "d" else c for c in layout))
    # the openings the shortcut must tell apart
    for head in ("0", "1", "2", "44", "45", "011", "00", "180020", "9"):
        for layout in ("ddddddddd", "dddddddddd", "ddd-dd-dddd", "(ddd) ddd-dddd"):
            digits = head + "".join(str(rng.randrange(10)) for _ in range(12))
            it = iter(digits)
            out.append("".join(next(it) if c == "d" else c for c in layout))
    return out


@pytest.mark.parametrize("seed", [1, 2])
def test_the_shortcut_answers_as_phonenumbers(seed: int) -> None:
    numbers = _numbers(6000, seed)
    sure = [core for core in numbers if phones._plainly_possible(core)]
    assert len(sure) > len(numbers) // 4
    wrong = [core for core in sure if not _parsed(core)]
    assert not wrong, wrong[:5]


def test_the_shortcut_leaves_the_rest_to_the_parse() -> None:
    for core in ["+44 20 7946 0958", "0161 496 0000", "1-800-555-0199", "441234567", "12345678"]:
        assert not phones._plainly_possible(core)
    assert phones._possible("+44 20 7946 0958") and phones._possible("0161 496 0000")


# (what the phone rules found in each before the shortcut)
@pytest.mark.parametrize(
    ("text", "found"),
    [
        (
            "Wife can be reached at (802) 394-3025; office 802.394.3026 x12, fax 0161 496 0000.",
            [("FAX_NUMBER", "0161 496 0000", 0.85), ("PHONE_NUMBER", "(802) 394-3025", 0.7),
             ("PHONE_NUMBER", "(802) 394-3025", 0.8), ("PHONE_NUMBER", "(802) 394-3025", 0.9),
             ("PHONE_NUMBER", "394-3025", 0.65), ("PHONE_NUMBER", "394-3025", 0.8),
             ("PHONE_NUMBER", "496 0000", 0.65), ("PHONE_NUMBER", "802.394.3026", 0.7),
             ("PHONE_NUMBER", "802.394.3026", 0.8), ("PHONE_NUMBER", "802.394.3026", 0.9)],
        ),
        (
            "SSN 505-67-3580, cell 441 234 5678 or 212 555 0187; +44 20 7946 0958",
            [("PHONE_NUMBER", "+44 20 7946 0958", 0.6), ("PHONE_NUMBER", "+44 20 7946 0958", 0.7),
             ("PHONE_NUMBER", "+44 20 7946 0958", 0.7), ("PHONE_NUMBER", "212 555 0187", 0.7),
             ("PHONE_NUMBER", "212 555 0187", 0.8), ("PHONE_NUMBER", "212 555 0187", 0.9),
             ("PHONE_NUMBER", "234 5678", 0.65), ("PHONE_NUMBER", "441 234 5678", 0.7),
             ("PHONE_NUMBER", "441 234 5678", 0.8), ("PHONE_NUMBER", "441 234 5678", 0.9),
             ("PHONE_NUMBER", "505-67-3580", 0.6)],
        ),
    ],
)  # fmt: skip
def test_found_phones_are_unchanged(text: str, found: list[tuple[str, str, float]]) -> None:
    results = phones.phone_recognizer().analyze(text, [])
    assert sorted((r.entity_type, text[r.start : r.end], r.score) for r in results) == found
