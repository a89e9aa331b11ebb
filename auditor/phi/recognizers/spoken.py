"""Numbers spoken into a dictation: "date of birth twelve five nineteen forty nine",
"hospital number R Q four four one eight two", "call back on oh seven seven double five".

Speech-to-text writes an identifier's digits as words, so no digit grammar matches it. After
a cue that announces a date of birth, a record number or a phone number, a run of number
words (with digits, single letters and, for dates, month names and ordinals mixed in) is
that value. Three number words at least: "born in May" or "page two" are not.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from presidio_analyzer import RecognizerResult

from auditor.phi.calendar import MONTH
from auditor.phi.entities import Entity
from auditor.phi.recognizers.base import LocalRecognizer
from auditor.phi.recognizers.patterns import make_result

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
        r"date\s+of\s+birth|d\.?o\.?b\.?|born(?:\s+on)?|birth\s*date|birthday",
        rf"{_ORDINAL}|{MONTH}|of",
    ),
    (
        Entity.MEDICAL_RECORD_NUMBER,
        r"(?:hospital|record|chart|patient|unit|nhs|mrn|medical\s+record|health\s+card|"
        r"medicare|member|policy|account|case|ur)\s+(?:number|no\.?|#|id)|mrn|nhs|ur",
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
    return entity, re.compile(
        rf"\b(?:{cue})(?!\w)(?:[ \t]{{0,3}}(?:[:=-]|\b(?:is|was|of|on|the)\b)){{0,4}}[ \t]{{0,3}}"
        rf"(?P<value>{token}(?:{_SEP}{token}){{2,15}})\b",
        re.IGNORECASE,
    )


_PATTERNS = tuple(_pattern(*kind) for kind in _KINDS)
_NUMBER_TOKEN = re.compile(rf"\b(?:{_NUMBER_WORD}|{_ORDINAL}|{MONTH})\b", re.IGNORECASE)


class SpokenNumberRecognizer(LocalRecognizer):
    """Dates of birth, record and phone numbers dictated as words, after their cue."""

    def __init__(self) -> None:
        super().__init__("SpokenNumberRecognizer", [e for e, _ in _PATTERNS])

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
        return out
