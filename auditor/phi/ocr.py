"""Text read off a scanned page by OCR, read back as the page had it, before detection.

A scanner confuses digits with the letters that look like them: "2O26", "l7/O4/1966", "(07)
3555 O143" (O and o for 0, l, I and | for 1), and the other way round, "J0hanna", "Memoria1
H0spital", "PRAIRIE H0LLOW FAMILY MED1CINE", "Hea1th P1an". No date, phone or name rule reads
those, so the PHI there passed de-identification untouched. The engine reads a copy of each
text with them put back (``read_back``), character for character, so every offset still
points into the original, which is what is de-identified and reported: a run of digits and
look-alike letters with real digits in it is read as digits ("O2", "IOI", "Page l of 2" stay
as written), a word of letters with one or two 0s or 1s in it as letters, and a date word
with a digit in it as the word ("0ct", "N0V", "D0B"). A text with none is returned as it is.
"""

from __future__ import annotations

import re

from auditor.phi.calendar import MONTH, WEEKDAY

# (not "|", which separates a table's or a message's fields once the text is read whole)
_AS_DIGIT = str.maketrans({"O": "0", "o": "0", "l": "1", "I": "1"})
# A run of digits and digit look-alikes, joined by date and time separators ("l7/O4/1966",
# "09:1l"), with at least one look-alike in it.
_RUN = re.compile(r"(?<![A-Za-z0-9])[0-9OolI]+(?:[/.:-][0-9OolI]+)*(?![A-Za-z0-9])")
_LOOKALIKE = re.compile(r"[OolI]")
# a part of a run with no digit in it ("I" of "I-65", the interstate)
_BARE_PART = re.compile(r"(?:^|[/.:-])[OolI]+(?:$|[/.:-])")
_MONTH_NEXT = re.compile(rf"\s(?i:{MONTH})\b")
# A month and day, read as digits ("ll/3O" = 11/30): a date's shape makes one real digit
# enough ("I/O", intake and output, has none).
_SLASH_DATE = re.compile(r"(?:0?[1-9]|1[0-2])/(?:0?[1-9]|[12]\d|3[01])(?:/(?:\d{2}|\d{4}))?")


def repair(text: str) -> tuple[str, list[tuple[int, int]]]:
    """``text`` with look-alike letters in numeric runs read as digits (and digits in a
    month, weekday or "DOB" read as letters), and where.

    A run needs two real digits ("2O26", "l7/O4/1966"), or one before a month name ("O3
    Feb") or in a month/day shape ("ll/3O"): "O2", "IOI" and "Page l of 2" stay as written.
    """
    spans: list[tuple[int, int]] = []
    for m in _RUN.finditer(text):
        run = m.group()
        if not _LOOKALIKE.search(run):
            continue
        digits = sum(c.isdigit() for c in run)
        if _BARE_PART.search(run) and not _SLASH_DATE.fullmatch(run.translate(_AS_DIGIT)):
            continue  # "I-65" is a road; "ll/3O" is a date
        if digits >= 2 or (
            digits == 1
            and (
                _MONTH_NEXT.match(text, m.end()) or _SLASH_DATE.fullmatch(run.translate(_AS_DIGIT))
            )
        ):
            spans.append(m.span())
    words = [
        (m.start(), m.end(), _as_letters(m.group()))
        for m in _DIGIT_IN_WORD.finditer(text)
        if _DATE_WORD.fullmatch(_as_letters(m.group()))
    ]
    if not spans and not words:
        return text, spans
    edits = sorted([(a, b, text[a:b].translate(_AS_DIGIT)) for a, b in spans] + words)
    parts, pos = [], 0
    for start, end, new in edits:
        parts += [text[pos:start], new]
        pos = end
    parts.append(text[pos:])
    return "".join(parts), sorted(spans + [(a, b) for a, b, _ in words])


# The other way round: a date word with a digit for a letter ("0ct", "N0V", "D0B", "Ju1y").
_DIGIT_IN_WORD = re.compile(
    r"(?<![A-Za-z0-9])(?=[A-Za-z01]*[A-Za-z])(?=[A-Za-z]*[01])[A-Za-z01]{3,9}(?![A-Za-z0-9])"
)
_DATE_WORD = re.compile(rf"(?i:{MONTH}|{WEEKDAY}|dob)")


def _as_letters(word: str) -> str:
    """Digits read as the letters they stand for, in the word's case ("0ct" -> "Oct")."""
    upper = sum(c.isupper() for c in word) > sum(c.islower() for c in word)
    zero, one = ("O", "I") if upper else ("o", "l")
    out = word.replace("0", zero).replace("1", one)
    if word[:1] == "0" and not upper:
        out = "O" + out[1:]
    return out


# A word with a digit read for a letter ("Connel1an", "J0hanna", "H0spital", "Memoria1"):
# three letters at least, the digits only 0 and 1, at most two of them.
_LETTER_WORD = re.compile(
    r"(?<![\w./:-])(?=(?:[A-Za-z]*[01]){1,2}[A-Za-z]*(?![\w]))(?=(?:[01]*[A-Za-z]){3})"
    r"[A-Za-z01]{4,20}(?![\w/:]|-\d)"
)


def repair_letters(text: str) -> tuple[str, list[tuple[int, int]]]:
    """``text`` with 0 and 1 inside words read as the letters they stand for, and where.

    The word's case picks the letter: O and I in capitals, o and l otherwise ("Po1ly" ->
    "Polly"); a 0 opening a Title-case word is a capital O ("0mar" -> "Omar").
    """
    spans: list[tuple[int, int]] = []
    parts: list[str] = []
    pos = 0
    for m in _LETTER_WORD.finditer(text):
        word = m.group()
        if not any(c.isalpha() for c in word) or not any(c in "01" for c in word):
            continue
        letters = [c for c in word if c.isalpha()]
        upper = all(c.isupper() for c in letters)
        zero, one = ("O", "I") if upper else ("o", "l")
        fixed = word.replace("0", zero).replace("1", one)
        if word[0] in "01" and not upper:
            fixed = fixed[0].upper() + fixed[1:]
        parts += [text[pos : m.start()], fixed]
        pos = m.end()
        spans.append(m.span())
    if not spans:
        return text, spans
    parts.append(text[pos:])
    return "".join(parts), spans


def read_back(text: str) -> str:
    """``text`` as the scanned page had it (module docstring); same length, every offset
    the same."""
    return repair_letters(repair(text)[0])[0]
