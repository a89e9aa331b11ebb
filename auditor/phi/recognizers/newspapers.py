"""Newspapers by name: "the Evening Post", "Otago Daily Times", "Cork Examiner", "The
Sydney Morning Herald".

Death and birth notices, obituaries and family histories cite the paper a notice ran in, and
the paper places the family as a town does: its name is its town or its edition and a
newspaper's word ("Herald", "Gazette", "Examiner"). A word of the trade alone names nothing
("the Post", "Medical Record", "Nursing Times"), so the words before it must say newspaper:
an edition's word ("Daily", "Evening", "Sunday", "Weekly"), or a town. The heads that are
also common words ("Post", "News", "Record", "Star", "Times") want an edition's word or a
listed place that is no English word; the rest ("Examiner", "Gazette", "Chronicle") take any
town, also one whose name is a word ("Cork Examiner").
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from presidio_analyzer import RecognizerResult

from auditor.phi.entities import Entity
from auditor.phi.recognizers.base import LocalRecognizer
from auditor.phi.recognizers.lexicon import Lexicon
from auditor.phi.recognizers.patterns import make_result
from auditor.phi.recognizers.tokens import normalize

if TYPE_CHECKING:
    from presidio_analyzer.nlp_engine import NlpArtifacts

SCORE = 0.7
_STRONG = (
    "Herald", "Gazette", "Chronicle", "Courier", "Advertiser", "Tribune", "Examiner",
    "Observer", "Mercury", "Argus", "Telegraph", "Enquirer", "Sentinel", "Dispatch", "Despatch",
    "Globe", "Bulletin", "Recorder", "Clarion", "Intelligencer",
)  # fmt: skip
_WEAK = (
    "Post", "Times", "News", "Record", "Register", "Journal", "Press", "Standard", "Star",
    "Leader", "Mirror", "Echo", "Express", "Independent", "Guardian", "Mail", "Sun",
)  # fmt: skip
_EDITIONS = frozenset(
    {"daily", "evening", "morning", "sunday", "weekly", "saturday", "free", "irish", "scottish",
     "welsh", "western", "eastern", "northern", "southern", "provincial", "colonial",
     "commercial", "county", "city", "new", "old"}
)  # fmt: skip
_WORD = r"[A-Z][a-z'’]+"
_PAPER = re.compile(
    rf"(?<![\w'’-])(?P<name>(?:The[ ])?(?:{_WORD}[ ]){{1,3}})"
    rf"(?P<head>{'|'.join(_STRONG + _WEAK)})(?![\w'’-])"
)
_STRONG_HEADS = frozenset(_STRONG)
_HEADS = _STRONG + _WEAK


class NewspaperRecognizer(LocalRecognizer):
    """ORGANIZATION for a newspaper named by its town or edition (see module docstring)."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        super().__init__("AuditorNewspaperRecognizer", [Entity.ORGANIZATION.value])

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        if not any(head in text for head in _HEADS):
            return []
        out = []
        for m in _PAPER.finditer(text):
            words = [normalize(w) for w in m.group("name").split()]
            strong = m.group("head") in _STRONG_HEADS
            edition = any(w in _EDITIONS for w in words)
            if edition or self._town(words, strong):
                out.append(make_result(self, Entity.ORGANIZATION, m.start(), m.end(), SCORE))
        return out

    def _town(self, words: list[str], strong: bool) -> bool:
        """Whether the words before the head (or their last ones) are a town's name."""
        lex = self.lexicon
        words = [w for w in words if w != "the"]
        for k in range(len(words)):
            tail = tuple(words[k:])
            if len(tail) > 1 and tail in lex.multiword_places:
                return True
        last = words[-1] if words else ""
        if last not in lex.places and last not in lex.word_cities:
            return strong and lex.is_unknown_proper(last)
        return strong or not lex.is_english(last)
