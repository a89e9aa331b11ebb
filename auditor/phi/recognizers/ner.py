"""spaCy NER, filtered: trusted only where general NER is any good.

In ICU notes spaCy tags Foley, neuro and Ativan as people; in upper-case text it guesses.
So an NER person or place counts only in mixed-case text, when its words are capitalised and
none is a clinical or cue word. Scores sit just above the threshold: lists and cues outrank it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from presidio_analyzer import RecognizerResult

from auditor.phi.entities import Entity
from auditor.phi.recognizers.base import LocalRecognizer
from auditor.phi.recognizers.lexicon import (
    FACILITY_WORDS,
    NAME_VERBS,
    POST_TITLES,
    RELATIVES,
    TITLES,
    Lexicon,
)
from auditor.phi.recognizers.patterns import make_result
from auditor.phi.recognizers.tokens import TokenView
from auditor.phi.stop_words import STOP_WORDS

if TYPE_CHECKING:
    from presidio_analyzer.nlp_engine import NlpArtifacts

_NOT = frozenset(STOP_WORDS) | TITLES | POST_TITLES | RELATIVES | NAME_VERBS | FACILITY_WORDS
NER_SCORE = 0.55


class NerRecognizer(LocalRecognizer):
    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        super().__init__("AuditorNerRecognizer", [Entity.PERSON.value, Entity.LOCATION.value])

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        if nlp_artifacts is None or not nlp_artifacts.entities:
            return []
        if TokenView.shared(text, nlp_artifacts).shouting:
            return []
        out = []
        for ent in nlp_artifacts.entities:
            if ent.label_ not in {Entity.PERSON.value, Entity.LOCATION.value}:
                continue
            words = [t for t in ent if t.is_alpha]
            if not words:
                continue
            if any(t.lower_ in _NOT or t.lower_ in self.lexicon.stoplist for t in words):
                continue
            if not all(t.text[:1].isupper() and not t.text[1:].isupper() for t in words):
                continue
            if len(words) == 1 and self.lexicon.is_ambiguous(words[0].lower_):
                continue
            if ent.text.lower() in self.lexicon.states:  # a state is not PHI
                continue
            out.append(make_result(self, ent.label_, ent.start_char, ent.end_char, NER_SCORE))
        return out
