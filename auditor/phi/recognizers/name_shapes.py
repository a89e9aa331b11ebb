"""Names known by where they stand, not by a word list: chat speaker labels and
"SURNAME, Given" before a record field.

Staff chat exports and call logs open each line with the writer ("[07:05] Ciaran: paging
dr X", "Marivic: family on the phone"); registers, worklists and refill faxes write the
patient as "CRAMPSEY, JAIME DOB ..." or "TOLENTINO, Marivic CB 0917...". Neither needs the
name to be on a census list; both need the shape to hold, and ordinary words never qualify
("Plan:", "NEURO, INTACT").
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from presidio_analyzer import RecognizerResult

from auditor.phi.entities import Entity
from auditor.phi.recognizers.base import LocalRecognizer
from auditor.phi.recognizers.lexicon import NOT_NAMES, Lexicon
from auditor.phi.recognizers.patterns import make_result

if TYPE_CHECKING:
    from presidio_analyzer.nlp_engine import NlpArtifacts

# A line's first word, or the first after a bracketed timestamp, then a colon and text.
_SPEAKER = re.compile(
    r"(?m)^(?:[ \t]*\[[^\]\n]{1,40}\][ \t]*|[ \t]*)([A-Z][a-z'’-]{2,20}):[ \t]+\S"
)
# "CRAMPSEY, JAIME" or "TOLENTINO, Marivic", then a record field, a number or the line end.
_SURNAME_FIRST = re.compile(
    r"(?<![\w'’-])([A-Z][A-Z'’-]{2,24}),[ \t]([A-Z][a-z'’-]{1,20}|[A-Z][A-Z'’-]{1,20})"
    r"(?=[ \t]+(?:DOB|D\.O\.B|MRN|CB|DOC|ID|NHS|UR|NHI|Rx|RX|room|ROOM|\(|#|\d)|[ \t]*$)",
    re.M,
)
SCORE = 0.7


class NameShapeRecognizer(LocalRecognizer):
    """Speaker labels and "SURNAME, Given" before a record field (see module)."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        super().__init__("NameShapeRecognizer", [Entity.PERSON.value])

    def _word(self, word: str, *, known_only: bool = False) -> bool:
        """A name-like word: on a name list, or (unless ``known_only``) unknown to the
        English and clinical word lists."""
        key = word.lower().strip("'’-")
        lex = self.lexicon
        if key in NOT_NAMES or key in lex.stoplist:
            return False
        if lex.is_name(key) and not lex.is_ambiguous(key):
            return True
        return not known_only and lex.is_unknown_proper(key)

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        out: list[RecognizerResult] = []
        if ":" in text:
            speakers = [m for m in _SPEAKER.finditer(text) if self._word(m.group(1))]
            # One unknown word before a colon may be a heading; two or more lines make a chat.
            chat = len({m.group(1) for m in speakers}) >= 2
            for m in speakers:
                if chat or self._word(m.group(1), known_only=True):
                    out.append(make_result(self, Entity.PERSON, m.start(1), m.end(1), SCORE))
        if "," in text:
            for m in _SURNAME_FIRST.finditer(text):
                last, first = m.group(1), m.group(2)
                if self._word(last) and self._word(first):
                    out.append(make_result(self, Entity.PERSON, m.start(1), m.end(2), SCORE))
        return out
