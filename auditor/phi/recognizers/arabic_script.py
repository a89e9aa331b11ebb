"""Names and firms in Arabic script, told by the word before them: a title or a role before a
person ("د. فرج المبروك", "السيد عبد الحميد سالم"), a firm's or an institution's word before
its name ("شركة الخليج لخدمات الحقول النفطية").

Arabic, Persian and Urdu have no capitals, so the name rules, which read case, find nothing
there; sick notes, referral letters and employer papers from the Gulf, the Levant and North
Africa still print the doctor's and the employer's names in Arabic beside the English. The
word before the name says what it is, as "Dr" and "Ltd" do in English; the name runs over the
script's next words, two to five, up to punctuation, a digit or another script.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from presidio_analyzer import RecognizerResult

from auditor.phi.entities import Entity
from auditor.phi.recognizers.base import LocalRecognizer
from auditor.phi.recognizers.patterns import make_result

if TYPE_CHECKING:
    from presidio_analyzer.nlp_engine import NlpArtifacts

SCORE = 0.8
_ARABIC = re.compile(r"[\u0600-\u06ff]")
_WORD = r"[\u0621-\u064a\u0660-\u0669\u0671-\u06d3\u06fa-\u06ff]+"
# doctor (abbreviated and in full), Mr, Mrs, Miss, the patient, professor, hajj, sheikh
_TITLE = (
    r"(?:د\.|د\s|الدكتور|الدكتورة|دكتور|دكتورة|السيد|السيدة|الآنسة|المريض|المريضة|الأستاذ|"
    r"الأستاذة|الحاج|الحاجة|الشيخ|آقای|خانم|دکتر)"
)
# company, institution, factory, bank, office
_FIRM = r"(?:شركة|مؤسسة|مصنع|بنك|مكتب|شرکت)"
_PERSON = re.compile(rf"(?<![\u0600-\u06ff]){_TITLE}[ \t]*((?:{_WORD})(?:[ \t]+{_WORD}){{1,4}})")
_ORG = re.compile(rf"(?<![\u0600-\u06ff])({_FIRM}(?:[ \t]+{_WORD}){{1,5}})")


class ArabicScriptRecognizer(LocalRecognizer):
    """PERSON after a title, ORGANIZATION from a firm's word, in Arabic script."""

    def __init__(self) -> None:
        super().__init__(
            "AuditorArabicScriptRecognizer", [Entity.PERSON.value, Entity.ORGANIZATION.value]
        )

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        if not _ARABIC.search(text):
            return []
        out = [
            make_result(self, Entity.PERSON, m.start(1), m.end(1), SCORE)
            for m in _PERSON.finditer(text)
        ]
        out += [
            make_result(self, Entity.ORGANIZATION, m.start(1), m.end(1), SCORE)
            for m in _ORG.finditer(text)
        ]
        return out
