"""Numbers read through OCR: scanned faxes write ``2O26``, ``l7/O4/1966``, ``(07) 3555 O143``.

A scanner confuses digits with the letters that look like them (O and o for 0, l, I and |
for 1). A date, phone or record number with one such letter no longer matches any digit
grammar, so it would pass de-identification untouched. This recognizer writes a copy of
the text in which a token made only of digits and those letters (at least one real digit)
is read as digits, character for character, so offsets stay valid; then runs the numeric
recognizers on the copy and keeps what touches a repaired token. Text with no such token
costs one regex scan. The other way round, a word with 0 or 1 for a letter ("J0hanna",
"Memoria1 H0spital") is read as letters for the name, facility and place recognizers.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Protocol

from presidio_analyzer import RecognizerResult

from auditor.phi.calendar import MONTH, WEEKDAY
from auditor.phi.recognizers.base import LocalRecognizer
from auditor.phi.recognizers.patterns import RegexRecognizer

if TYPE_CHECKING:
    from presidio_analyzer.nlp_engine import NlpArtifacts

_AS_DIGIT = str.maketrans({"O": "0", "o": "0", "l": "1", "I": "1", "|": "1"})
# A run of digits and digit look-alikes, joined by date and time separators ("l7/O4/1966",
# "09:1l"), with at least one look-alike in it.
_RUN = re.compile(r"(?<![A-Za-z0-9])[0-9Ool|I]+(?:[/.:-][0-9Ool|I]+)*(?![A-Za-z0-9])")
_LOOKALIKE = re.compile(r"[Ool|I]")
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
    r"[A-Za-z01]{4,20}(?![\w/:-])"
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


class _WordRecognizer(Protocol):
    """A recognizer that reads words and needs no spaCy artifacts (it tokenizes itself)."""

    supported_entities: list[str]

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]: ...


class _RepairedCopy(LocalRecognizer):
    """Recognizers run again on a repaired copy of the text (same offsets); a result counts
    only where it touches a repaired token. Text with none costs one regex scan."""

    def __init__(
        self,
        inner: Sequence[RegexRecognizer] | Sequence[_WordRecognizer],
        repair: Callable[[str], tuple[str, list[tuple[int, int]]]],
        *,
        artifacts: bool,
    ) -> None:
        self.inner: tuple[RegexRecognizer | _WordRecognizer, ...] = tuple(inner)
        self._repair = repair
        self._artifacts = artifacts  # the word recognizers tokenize the copy themselves
        super().__init__(type(self).__name__, [e for r in self.inner for e in r.supported_entities])

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        fixed, spans = self._repair(text)
        if not spans:
            return []
        artifacts = nlp_artifacts if self._artifacts else None
        out: list[RecognizerResult] = []
        for recognizer in self.inner:
            for result in recognizer.analyze(fixed, entities, artifacts):
                if any(result.start < e and s < result.end for s, e in spans):
                    out.append(result)
        return out


class OcrDigitsRecognizer(_RepairedCopy):
    """The numeric recognizers (dates, phones, identifiers) run again on the repaired text."""

    def __init__(self, inner: Sequence[RegexRecognizer]) -> None:
        super().__init__(inner, repair, artifacts=True)


class OcrLettersRecognizer(_RepairedCopy):
    """The word recognizers (names, facilities, places) run again on a copy in which the
    digits inside words are read as letters; a result counts only where it touches such a
    word."""

    def __init__(self, inner: Sequence[_WordRecognizer]) -> None:
        super().__init__(inner, repair_letters, artifacts=False)
