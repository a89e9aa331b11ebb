"""Numbers spoken into a dictation: "date of birth twelve five nineteen forty nine",
"hospital number R Q four four one eight two", "call back on oh seven seven double five".

Speech-to-text writes an identifier's digits as words, so no digit grammar matches it. After
a cue that announces a date of birth, a record number or a phone number, a run of number
words (with digits, single letters and, for dates, month names and ordinals mixed in) is
that value. Three number words at least: "born in May" or "page two" are not. A cue may
be spelled out letter by letter ("M R N", "D O B"), and a year spoken after a word of time
("in twenty twenty one") is a date without one. Seven digits or more said one by one need
no cue: no quantity is read out that way; nor figures read out one by one ("5 5 5 0 1 3 1").
A name spelled letter by letter ("V-A-N-D-E-R") is the name.
"""

from __future__ import annotations

import re
from itertools import pairwise
from typing import TYPE_CHECKING

from presidio_analyzer import RecognizerResult

from auditor.phi.calendar import MONTH
from auditor.phi.entities import Entity
from auditor.phi.recognizers.base import LocalRecognizer
from auditor.phi.recognizers.patterns import make_result
from auditor.phi.recognizers.regex_start import accelerated

if TYPE_CHECKING:
    from presidio_analyzer.nlp_engine import NlpArtifacts

_UNITS = "zero|oh|one|two|three|four|five|six|seven|eight|nine"
_TEENS = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_NUMBER_WORD = (
    rf"(?:(?:{_TENS})(?:[- ](?:{_UNITS}))?|{_TEENS}|{_UNITS}|hundred|thousand|double|triple|"
    r"\d{1,4})"
)
_ORDINAL = (
    r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|"
    r"thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|"
    r"thirtieth|(?:twenty|thirty)[- ](?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)"
    r"|\d{1,2}(?:st|nd|rd|th))"
)
# Short separators only: a regex of nested unbounded blanks is quadratic on a run of blanks.
_SEP = r"(?:[ \t]{0,3}[,-]?[ \t]{1,3}|-)"
# What each cue announces, and the extra words its value may hold.
_KINDS: tuple[tuple[str, str, str], ...] = (
    (
        Entity.DATE_TIME,
        r"date\s+of\s+birth|d[. ]?o[. ]?b\.?|born(?:\s+on)?|birth\s*date|birthday",
        rf"{_ORDINAL}|{MONTH}|of",
    ),
    (
        Entity.MEDICAL_RECORD_NUMBER,
        r"(?:hospital|record|chart|patient|unit|nhs|mrn|medical\s+record|health\s+card|"
        r"medicare|member|policy|account|case|ur)\s+(?:number|no\.?|#|id)|m[. ]?r[. ]?n|"
        r"n[. ]?h[. ]?s|ur",
        r"[a-z]",
    ),
    (
        Entity.PHONE_NUMBER,
        r"phone(?:\s+number)?|(?:call|ring)(?:[ \t]+(?:me|him|her|them|us|back)){0,2}"
        r"(?:[ \t]+(?:on|at))?|mobile|cell|pager|page|extension|ext\.?|number",
        r"plus|extension|ext",
    ),
)


def _pattern(entity: str, cue: str, extra: str) -> tuple[str, re.Pattern[str]]:
    token = rf"(?:{_NUMBER_WORD}|{extra})"
    return entity, accelerated(
        re.compile(
            rf"\b(?:{cue})(?!\w)(?:[ \t]{{0,3}}(?:[:=-]|\b(?:is|was|of|on|the)\b)){{0,4}}"
            rf"[ \t]{{0,3}}(?P<value>{token}(?:{_SEP}{token}){{2,15}})\b",
            re.IGNORECASE,
        )
    )


_PATTERNS = tuple(_pattern(*kind) for kind in _KINDS)
# A year spoken as words after a word that places it in time ("in twenty twenty one",
# "since nineteen eighty-four", "back in two thousand and nine"): a century's word and then
# its decade, unlike "twenty minutes" or "nineteen patients".
_YEAR_WORDS = (
    rf"(?:nineteen|twenty)[- ](?:oh[- ](?:{_UNITS})|{_TEENS}|(?:{_TENS})(?:[- ](?:{_UNITS}))?)"
    rf"|two[- ]thousand(?:[- ]and)?(?:[- ](?:{_TEENS}|{_UNITS}|twenty(?:[- ](?:{_UNITS}))?))?"
)
_SPOKEN_YEAR = accelerated(
    re.compile(
        rf"\b(?:in|since|from|during|until|till|by|of|year|back\s+in|early|late|mid)[ \t]+"
        rf"(?P<value>{_YEAR_WORDS})\b(?![- ](?:{_UNITS}|{_TENS}|hundred|thousand|percent|"
        r"minutes?|hours?|days?|weeks?|months?|years?|times|patients?|people|mg|units?)\b)",
        re.IGNORECASE,
    )
)
# Seven digits or more said one by one ("six six oh two four one nine", "three one two five
# five five oh one nine three"): nobody reads out a quantity that way, so the run is an
# identifier or a phone number whatever came before it (a cue may be far: "my chart number
# i think is ...").
_DIGIT_WORD = rf"(?:{_UNITS})"
# (speech-to-text mixes figures in: "617 555 oh one four two")
_DIGIT_TOKEN = rf"(?:(?:double|triple)[ \t]++)?{_DIGIT_WORD}|\d{{1,4}}"
_DIGIT_RUN = accelerated(
    re.compile(
        rf"\b(?P<value>(?:{_DIGIT_TOKEN})(?:(?:[ \t]*+,)?[ \t]++(?:{_DIGIT_TOKEN})){{2,15}})\b",
        re.IGNORECASE,
    )
)
_DIGIT_COUNT = re.compile(
    rf"\b(?:(?P<times>double|triple)[ \t]+)?(?P<word>{_DIGIT_WORD})\b|(?P<figures>\d+)", re.I
)
# Figures read out one by one as single digits ("user: 5 5 5 0 1 3 1, area code 7 2 0",
# "zip 6 0 6 1 4"): seven or more of three kinds at least need no cue (not a grid of motor
# strengths, "5 5 5 5 5 5 5 5"); five or six, or the three of an area code, need their cue.
_SPACED_DIGITS = re.compile(r"(?<![\w.,/:-])\d(?:,?[ \t]\d){2,15}(?![\w./:]|,\d|,?[ \t]\d)")
_SPACED_CUE = re.compile(
    r"(?i:\b(?:zip|post(?:al)?[ \t]?code|area[ \t]+code|code|number|no\.?|pin|account|card)"
    r"\b[^\n\d]{0,24}$)"
)
_ZIP_CUE = re.compile(r"(?i:\b(?:zip|post(?:al)?[ \t]?code)\b[^\n\d]{0,24}$)")
_AREA_CUE = re.compile(r"(?i:\barea[ \t]+code[ \t:]*$)")
# A name spelled out letter by letter after a word of spelling or naming ("spell the last
# name? V-A-N-D-E-R-K-L-O-O-T", "first name A-O-I-F-E") or after the word it spells:
# four letters at least, one a vowel; not the "A-B-C-D-E" of a trauma survey.
_SPELLED_LETTERS = re.compile(r"(?<![\w-])[A-Z](?:-[A-Z]){3,}(?![\w-])")
_SPELLING_CUE = re.compile(r"(?i:\b(?:spell\w*|name|surname|initials?)\b)")
_NUMBER_TOKEN = re.compile(rf"\b(?:{_NUMBER_WORD}|{_ORDINAL}|{MONTH})\b", re.IGNORECASE)


class SpokenNumberRecognizer(LocalRecognizer):
    """Dates of birth, record and phone numbers dictated as words, after their cue; and
    any run of seven digits or more said one by one."""

    def __init__(self) -> None:
        super().__init__(
            "SpokenNumberRecognizer",
            sorted({*(e for e, _ in _PATTERNS), Entity.ID_NUMBER, Entity.ZIP_CODE, Entity.PERSON}),
        )

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        out: list[RecognizerResult] = []
        for entity, regex in _PATTERNS:
            for m in regex.finditer(text):
                start, end = m.span("value")
                value = m.group("value")
                # Trailing filler ("of", a letter) is not part of the number.
                trimmed = re.sub(r"(?:[\s,-]+(?:of|[a-z]))+$", "", value, flags=re.I)
                end = start + len(trimmed)
                tokens = _NUMBER_TOKEN.findall(trimmed)
                # A run of figures alone is the digit grammars' ("cell 10 12 14" is no phone).
                if len(tokens) >= 3 and not all(t.isdigit() for t in tokens):
                    out.append(make_result(self, entity, start, end, 0.75))
        taken = [(r.start, r.end) for r in out]
        for m in _DIGIT_RUN.finditer(text):
            start, end = m.span("value")
            if any(s < end and start < e for s, e in taken):
                continue
            said = figures = 0
            for d in _DIGIT_COUNT.finditer(m.group("value")):
                if d.group("figures"):
                    figures += len(d.group("figures"))
                else:
                    said += {"double": 2, "triple": 3}.get((d.group("times") or "").lower(), 1)
            digits = said + figures
            # three digits said at least, four beside figures (a row of figures is the digit
            # grammars'; "BP 120 80 one two three" is no number)
            if said < (4 if figures else 3) or digits < 7:
                continue
            kind = Entity.PHONE_NUMBER if digits in (10, 11) else Entity.ID_NUMBER
            out.append(make_result(self, kind, start, end, 0.7))
        for m in _SPOKEN_YEAR.finditer(text):
            out.append(make_result(self, Entity.DATE_TIME, *m.span("value"), 0.7))
        out += self._spaced_digits(text)
        for m in _SPELLED_LETTERS.finditer(text) if "-" in text else ():
            before = text[max(0, m.start() - 80) : m.start()]
            spelled = m.group().replace("-", "").lower()
            # (or the letters spell a word just before: "Marlstow Street, that's M-A-R-L-...")
            cue = _SPELLING_CUE.search(before) or spelled in before.lower()
            if cue and any(c in "AEIOUY" for c in m.group()):
                out.append(make_result(self, Entity.PERSON, m.start(), m.end(), 0.7))
        return out

    def _spaced_digits(self, text: str) -> list[RecognizerResult]:
        """Figures read out one by one (``_SPACED_DIGITS``), by how many and their cue."""
        out = []
        for m in _SPACED_DIGITS.finditer(text):
            digits = [c for c in m.group() if c.isdigit()]
            before = text[max(0, m.start() - 40) : m.start()]
            kind: str | None = None
            steps = {int(b) - int(a) for a, b in pairwise(digits)}
            if steps in ({1}, {-1}):
                continue  # a count, "1 2 3 4 5 6 7"
            if len(digits) >= 7 and len(set(digits)) >= 3:
                kind = Entity.PHONE_NUMBER if len(digits) in (10, 11) else Entity.ID_NUMBER
            elif len(digits) == 3 and _AREA_CUE.search(before):
                kind = Entity.PHONE_NUMBER
            elif len(digits) in (5, 6) and _SPACED_CUE.search(before):
                kind = Entity.ZIP_CODE if _ZIP_CUE.search(before) else Entity.ID_NUMBER
            if kind is not None:
                out.append(make_result(self, kind, m.start(), m.end(), 0.7))
        return out
