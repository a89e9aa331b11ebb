"""Site-dictionary hits as a Presidio recognizer.

A hit on a multi-word term or an unambiguous word counts as is. A hit on a word that is also
an ordinary or clinical word ("Hope", "Bland", "Foley") needs the same evidence the general
recognizers ask for: a person cue for names, a place cue for places, and a title (Dr, Mrs)
to override the clinical stop list.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from presidio_analyzer import RecognizerResult

from auditor.phi.dictionaries import SiteDictionary
from auditor.phi.entities import DICTIONARY_TYPES, Entity
from auditor.phi.recognizers.base import LocalRecognizer
from auditor.phi.recognizers.cues import Cue, person_cue, place_cue
from auditor.phi.recognizers.lexicon import Lexicon
from auditor.phi.recognizers.patterns import make_result
from auditor.phi.recognizers.tokens import TokenView
from auditor.phi.stop_words import STOP_WORDS

if TYPE_CHECKING:
    from presidio_analyzer.nlp_engine import NlpArtifacts

_STOP = frozenset(STOP_WORDS)


class SiteDictionaryRecognizer(LocalRecognizer):
    def __init__(self, dictionary: SiteDictionary, lexicon: Lexicon) -> None:
        self.dictionary = dictionary
        self.lexicon = lexicon
        super().__init__(
            "AuditorSiteDictionaryRecognizer", sorted({e.value for e in DICTIONARY_TYPES.values()})
        )

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        if not len(self.dictionary):
            return []
        view = TokenView.shared(text, nlp_artifacts)
        out = []
        for i, j, entity in self.dictionary.match(view):
            score = self._score(view, i, j, entity)
            if score > 0:
                out.append(
                    make_result(self, entity, view.words[i].start, view.words[j - 1].end, score)
                )
        return out

    def _score(self, view: TokenView, i: int, j: int, entity: Entity) -> float:
        words = view.words[i:j]
        keys = [w.key for w in words]
        if all(k in _STOP or k in self.lexicon.stoplist or len(k) < 2 for k in keys):
            if entity is Entity.PERSON and person_cue(view, i, j) == Cue.STRONG:
                return 0.9
            return 0.0
        if len(keys) > 1:
            return 0.9
        key = keys[0]
        if key in self.lexicon.stoplist:
            return 0.9 if entity is Entity.PERSON and person_cue(view, i, j) == Cue.STRONG else 0.0
        if not key.isalpha():
            return 0.85
        # Any English word ("bland", "hope", "brown") needs evidence; other words do not.
        ambiguous = key in self.lexicon.common_words or self.lexicon.is_english(key)
        if not ambiguous:
            return 0.9
        if entity is Entity.PERSON:
            # "with Good", "to Hope" are no evidence: an everyday word needs a verb, a
            # relative or a title ("spoke with Good", "wife Hope", "Dr. Good").
            return 0.85 if person_cue(view, i, j) >= Cue.VERB else 0.0
        if place_cue(view, i, j) and view.looks_proper(i):
            return 0.85
        return 0.0
