"""Text read off a scanned page by OCR, read back as the page had it, for detection only.

Faxes and scanned forms reach the de-identifier through OCR, which confuses letters and digits
that look alike: "PRAIRIE H0LLOW FAMILY MED1CINE", "Hea1th P1an", "ph (785) 555-Ol47". No name
list knows "H0LLOW" and no phone grammar reads "Ol47", so the PHI there went untouched. The
engine reads a copy with those characters put back (same length: every offset still points
into the original, which is what is de-identified and reported):

- a 0, 1 or 5 (or two of them) between letters of a word, two letters on one side at least,
  is the letter it looks like, in its neighbours' case ("H0LLOW" -> "HOLLOW", "Hea1th" ->
  "Health", "Ke11er" -> "Keller"; not the alternation of a postcode, "M5J 2J2", "C0A 1R0");
- in a word of digits whose only letters are O, o, I and l, two digits at least, those
  letters are digits ("Ol47" -> "0147", "4l9O" -> "4190").

Clinical words that hold such a digit ("HbA1c", "pT1N0M0") only read differently to the
detector, which knows no name in them either way. One scan finds the candidates (a letter
before a look-alike digit, a look-alike letter beside a digit); each is then checked alone.
"""

from __future__ import annotations

import re

_CANDIDATE = re.compile(r"(?<=[^\W\d_])[015]{1,2}|[OoIl]\d|\d[OoIl]")
_LETTER = re.compile(r"[^\W\d_]")
_AS_LETTER = {"0": ("O", "o"), "1": ("I", "l"), "5": ("S", "s")}
_LOOK_ALIKE = frozenset("OoIl")
_AS_DIGIT = str.maketrans("OoIl", "0011")


def repair(text: str) -> str:
    """``text`` with OCR's look-alike characters put back (module docstring); same length.
    Text with none is returned as it is."""
    chars: list[str] | None = None
    done = -1  # the end of the last number read back (its candidates are spent)
    for m in _CANDIDATE.finditer(text):
        if m.start() < done:
            continue
        if m.group()[0] in "015" and _letter(text, m.start() - 1):
            fixed = _letters(text, m.start(), m.end())
        else:
            fixed, done = _digits(text, m.start())
            if not fixed and m.group()[0] in _LOOK_ALIKE and m.group()[1] in "015":
                fixed = _letters(text, m.start() + 1, _run_end(text, m.start() + 1))  # "Hil1s"
        if fixed:
            chars = list(text) if chars is None else chars
            for i, c in fixed:
                chars[i] = c
    return text if chars is None else "".join(chars)


def _run_end(text: str, at: int) -> int:
    """The end of the run of one or two look-alike digits at ``at``."""
    end = at + 1
    return end + 1 if end < len(text) and text[end] in "015" else end


def _letter(text: str, i: int) -> bool:
    return 0 <= i < len(text) and _LETTER.match(text[i]) is not None


def _letters(text: str, start: int, end: int) -> list[tuple[int, str]]:
    """The digits at [start, end) as letters, when letters close them on both sides and two
    letters stand on one side."""
    if not _letter(text, end):
        return []
    if not (_letter(text, start - 2) or _letter(text, end + 1)):
        return []
    upper = text[start - 1].isupper() and text[end].isupper()
    return [(i, _AS_LETTER[text[i]][0 if upper else 1]) for i in range(start, end)]


def _digits(text: str, at: int) -> tuple[list[tuple[int, str]], int]:
    """The look-alike letters of the word around ``at`` as digits, when the word is digits and
    look-alike letters only, two digits at least; and the word's end."""
    start = at
    while start > 0 and text[start - 1].isalnum():
        start -= 1
    end = at
    while end < len(text) and text[end].isalnum():
        end += 1
    word = text[start:end]
    if sum(c.isdigit() for c in word) < 2 or not all(c.isdigit() or c in _LOOK_ALIKE for c in word):
        return [], end
    return [
        (start + i, c.translate(_AS_DIGIT)) for i, c in enumerate(word) if c in _LOOK_ALIKE
    ], end
