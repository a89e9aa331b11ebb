"""Text read off a scanned page by OCR, read back as the page had it, for detection only.

Faxes and scanned forms reach the de-identifier through OCR, which confuses letters and digits
that look alike: "PRAIRIE H0LLOW FAMILY MED1CINE", "Hea1th P1an", "ph (785) 555-Ol47". No name
list knows "H0LLOW" and no phone grammar reads "Ol47", so the PHI there went untouched. The
engine reads a copy with those characters put back (same length: every offset still points
into the original, which is what is de-identified and reported):

- a 0, 1 or 5 between two letters of a word, two on one side at least, is the letter it
  looks like, in its neighbours' case ("H0LLOW" -> "HOLLOW", "Hea1th" -> "Health", "C1inic"
  -> "Clinic"; not the alternation of a postcode, "M5J 2J2");
- in a word of digits whose only letters are O, o, I and l, those letters are digits
  ("Ol47" -> "0147", "4l9O" -> "4190").

Clinical words that hold such a digit ("HbA1c", "pT1N0M0") only read differently to the
detector, which knows no name in them either way.
"""

from __future__ import annotations

import re

# a look-alike digit between two letters, two letters on one side at least: not a postcode's
# or a code's alternation ("M5J 2J2", "C0A 1R0", "A1c")
_DIGIT_IN_WORD = re.compile(r"(?<=[^\W\d_]{2})[015](?=[^\W\d_])|(?<=[^\W\d_])[015](?=[^\W\d_]{2})")
# a word of digits and look-alike letters, two digits at least
_LETTERS_IN_NUMBER = re.compile(
    r"(?<![^\W_])(?=(?:[OoIl]*\d){2})[\dOoIl]*[OoIl][\dOoIl]*(?![^\W_])"
)
_AS_LETTER = {"0": ("O", "o"), "1": ("I", "l"), "5": ("S", "s")}
_AS_DIGIT = str.maketrans("OoIl", "0011")


def repair(text: str) -> str:
    """``text`` with OCR's look-alike characters put back (module docstring); same length.
    Text with none is returned as it is."""
    if not _DIGIT_IN_WORD.search(text) and not _LETTERS_IN_NUMBER.search(text):
        return text
    chars = list(text)
    for m in _DIGIT_IN_WORD.finditer(text):
        i = m.start()
        upper, lower = _AS_LETTER[text[i]]
        chars[i] = upper if text[i - 1].isupper() and text[i + 1].isupper() else lower
    for m in _LETTERS_IN_NUMBER.finditer(text):
        chars[m.start() : m.end()] = m.group().translate(_AS_DIGIT)
    return "".join(chars)
