"""Prisons, jails and custody suites by name: "HMP Scarrow Moor", "FCI Dublin", "Tule Basin
State Prison", "Grand Vallon Institution", "Drumcorrie Custody Centre".

Correctional health care is written where the patient is held, and the establishment names
the person's whereabouts as a hospital does. The names take two shapes. The service's letters
before the name: England's and Wales' "HMP" and "HMYOI", Scotland's "HMP" too, and the US
federal Bureau of Prisons' kinds ("FCI" a correctional institution, "FMC" a medical centre,
"USP" a penitentiary, "FDC"/"MDC" a detention centre). Or the name before what it is:
"Prison", "Penitentiary", "Correctional Facility", "Detention Centre", "Custody Suite",
"Remand Centre", "Young Offender Institution", "Jail". A kind alone names no place ("the State
Prison", "Federal Detention Center"): a word of its own must stand before the kind, and before
the weak kinds ("Institution", "Jail") and after the
federal letters, which other fields use too ("USP grade", "FMC" a dialysis chain), a word no
English list explains or a listed place.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from presidio_analyzer import RecognizerResult

from auditor.phi.entities import Entity
from auditor.phi.recognizers.base import LocalRecognizer
from auditor.phi.recognizers.lexicon import Lexicon
from auditor.phi.recognizers.patterns import make_result
from auditor.phi.stop_words import STOP_WORDS

if TYPE_CHECKING:
    from presidio_analyzer.nlp_engine import NlpArtifacts

SCORE = 0.75
_WORD = r"[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)?"
_CAPS_WORD = r"[A-Z][A-Z'’]+(?:-[A-Z][A-Z'’]+)?"
# The service's letters before the establishment's name (one to three words, Title case or
# capitals as a form prints it).
_SERVICE_LETTERS = re.compile(
    r"(?<![\w&/-])(?P<kind>HMP(?:[ ]?(?:&|/)[ ]?YOI|[ ]YOI)?|HMYOI|HMIPS|HM[ ]Prison"
    r"|FCI|FMC|USP|FDC|MDC|FPC|MCC|FCC|FTC)"
    rf"[ ](?P<name>(?:{_WORD})(?:[ ]{_WORD}){{0,2}}|(?:{_CAPS_WORD})(?:[ ]{_CAPS_WORD}){{0,2}})"
    r"(?![\w'’-])"
)
_STRONG_KINDS = (
    r"Prison|Penitentiary|Gaol|Reformatory|Correctional[ ](?:Facility|Center|Centre|Institution"
    r"|Complex)|Corrections?[ ](?:Facility|Center|Centre)|Detention[ ](?:Facility|Center|Centre)"
    r"|Custody[ ](?:Suite|Centre|Center)|Remand[ ](?:Centre|Center|Prison)"
    r"|Young[ ]Offenders?['’]?[ ]Institution|Juvenile[ ]Hall"
)
_WEAK_KINDS = r"Institution|Jail"
# Words that say which kind of establishment, not which one.
_QUALIFIERS = frozenset(
    {"state", "county", "federal", "regional", "city", "women's", "men's", "womens", "mens",
     "youth", "juvenile", "adult", "maximum", "medium", "minimum", "security", "central",
     "national", "local", "open", "closed", "category", "high", "low", "new", "old", "the"}
)  # fmt: skip
_NOT_NAMING = STOP_WORDS | _QUALIFIERS
_NAME_WORDS = re.compile(r"\S+")
_NAMED_KIND = re.compile(
    rf"(?<![\w'’&.-])(?P<name>(?:{_WORD}[ ]){{1,4}})"
    rf"(?:(?P<strong>{_STRONG_KINDS})|(?P<weak>{_WEAK_KINDS}))(?![\w'’-])"
)
# Canada's and France's establishments in French: "Établissement de détention de Rivière-
# aux-Saules", "Centre de détention de ...", "Maison d'arrêt de ...".
_FRENCH = re.compile(
    r"(?<![\w-])(?:[ÉE]tablissement|Centre|Maison)[ ](?:de[ ]détention|pénitentiaire|d['’]arrêt"
    r"|correctionnel)(?:[ ](?:de|du|des)[ ]|[ ]d['’])"
    r"[A-ZÀ-Þ][\w'’]*(?:-[\w'’]+)*(?:[ ][A-ZÀ-Þ][\w'’]*(?:-[\w'’]+)*){0,2}"
)
_GATE = (
    "HMP", "HMYOI", "HMIPS", "HM Prison", "FCI", "FMC", "USP", "FDC", "MDC", "FPC", "MCC",
    "FCC", "FTC", "Prison", "Penitentiary", "Gaol", "Reformatory", "Correction", "Detention",
    "Custody", "Remand", "Offender", "Juvenile", "Institution", "Jail", "tablissement",
    "Centre de", "Maison d",
)  # fmt: skip


class CustodyRecognizer(LocalRecognizer):
    """HOSPITAL for a prison, jail or custody suite by its name (see module docstring)."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        super().__init__("AuditorCustodyRecognizer", [Entity.HOSPITAL.value])

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        if not any(cue in text for cue in _GATE):
            return []
        out = []
        for m in _SERVICE_LETTERS.finditer(text):
            # (only a prison's name follows His Majesty's letters; the federal ones want a
            # named word, see above)
            prison = m.group("kind").startswith("HM")
            if prison or any(self._named(w) for w in m.group("name").split()):
                out.append(make_result(self, Entity.HOSPITAL, m.start(), m.end(), SCORE))
        for m in _NAMED_KIND.finditer(text):
            words = list(_NAME_WORDS.finditer(m.group("name")))
            first = next(
                (i for i, w in enumerate(words) if w.group().lower() not in _NOT_NAMING), None
            )
            if first is None:
                continue
            if m.group("weak") and not any(self._named(w.group()) for w in words[first:]):
                continue
            start = m.start("name") + words[first].start()
            out.append(make_result(self, Entity.HOSPITAL, start, m.end(), SCORE))
        for m in _FRENCH.finditer(text):
            out.append(make_result(self, Entity.HOSPITAL, m.start(), m.end(), SCORE))
        return out

    def _named(self, word: str) -> bool:
        """A word that names rather than describes: a listed place, or one no list explains."""
        lex = self.lexicon
        parts = [p for p in re.split(r"['’-]", word.lower()) if p]
        return bool(parts) and (
            word.lower() in lex.places or all(lex.is_unknown_proper(p) for p in parts)
        )
