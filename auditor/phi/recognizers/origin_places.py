"""Places named after a phrase of origin in the languages patients' papers come in.

English notes say where a patient is from with "from", "lives in" or "born in", which the place
rules read. French, Portuguese, Spanish, Italian and Malay papers say it their own way:
"originaire de Tahoua", "venus de Lambaréné", "il arrive de Dosso", "née à Aného", "natural de
Rabo de Peixe", "nacido en Cobán", "nato a Potenza", "dari Kapit". The phrase is the cue; the
place is the capitalised words after it (particles allowed inside: "Rabo de Peixe"), and it must
be a listed place or words no list explains, no English word, given name or clinical term.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from presidio_analyzer import RecognizerResult

from auditor.phi.entities import Entity
from auditor.phi.recognizers.base import LocalRecognizer
from auditor.phi.recognizers.lexicon import Lexicon
from auditor.phi.recognizers.patterns import make_result
from auditor.phi.recognizers.regex_start import accelerated
from auditor.phi.recognizers.tokens import normalize

if TYPE_CHECKING:
    from presidio_analyzer.nlp_engine import NlpArtifacts

SCORE = 0.7
_CAPITAL = r"[A-ZÀ-ÞĀ-Ž][^\W\d_]+"
_PARTICLES = frozenset({"de", "do", "da", "dos", "das", "del", "la", "le", "di", "du"})
_PARTICLE = "(?:" + "|".join(sorted(_PARTICLES, key=len, reverse=True)) + ")"
_ORIGIN = accelerated(
    re.compile(
        r"(?<![\w'’])(?i:originaire|originaires|originário|originária|originario|originaria|"
        r"natural|natif|native|venu|venue|venus|venues|arrive|arrivé|arrivée|arrivés|"
        r"revenu|revenue)[ \t]+(?i:de|d['’]|du|des)[ \t]*"
        r"|(?<![\w'’])(?i:né|née|nés|nato|nata|nacido|nacida|nascido|nascida)[ \t]+"
        r"(?i:à|a|en|em|no|na|in)[ \t]+"
        r"|(?<![\w'’])(?:dari|Dari|berasal[ \t]+dari)[ \t]+"
    )
)
_TOWN = re.compile(rf"{_CAPITAL}(?:[ \t-](?:{_PARTICLE}[ \t])?{_CAPITAL}){{0,3}}")


class OriginPlaceRecognizer(LocalRecognizer):
    """LOCATION after a phrase of origin in French, Portuguese, Spanish, Italian or Malay."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        super().__init__("AuditorOriginPlaceRecognizer", [Entity.LOCATION.value])

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        out = []
        for cue in _ORIGIN.finditer(text):
            town = _TOWN.match(text, cue.end())
            if town is not None and self._place(town.group()):
                out.append(make_result(self, Entity.LOCATION, town.start(), town.end(), SCORE))
        return out

    def _place(self, words: str) -> bool:
        """A listed place, or capitalised words no list explains (particles aside)."""
        keys = [normalize(w) for w in re.split(r"[ \t-]+", words) if w]
        lex = self.lexicon
        if tuple(keys) in lex.multiword_places or (len(keys) == 1 and keys[0] in lex.places):
            return True
        named = [k for k in keys if k not in _PARTICLES]
        return bool(named) and not any(
            lex.is_english(k) or lex.is_first(k) or k in lex.stoplist for k in named
        )
