"""Air-ambulance services named where a transfer is written: "medevac by Arctic Lifeguard Air",
"flown in on Guardian Flight", "ARRIVED VIA DELTA ANGEL AIR".

Their names are ordinary words ("Guardian", "Lifeguard", "Angel", "Mercy") that no name list
explains, so the organisation rules, which want a name-like word before a firm's last word,
leave them. A word of flying or transfer just before, and the service's own last word ("Air",
"Flight", "AirCare", "MedFlight", "Medevac"), say what the words are; the kinds of air a
patient breathes ("room air", "medical air") never are one.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from presidio_analyzer import RecognizerResult

from auditor.phi.entities import Entity
from auditor.phi.recognizers.base import LocalRecognizer
from auditor.phi.recognizers.patterns import make_result
from auditor.phi.stop_words import STOP_WORDS

if TYPE_CHECKING:
    from presidio_analyzer.nlp_engine import NlpArtifacts

_WORD = r"(?:[A-Z][a-z'’]+|[A-Z]{2,}|[A-Z][a-z]+[A-Z][a-z]+)"
_LAST = (
    r"(?:Air|AIR|Flight|FLIGHT|Air[ ]?Care|AIR[ ]?CARE|AirCare|AIRCARE|Air[ ]?Med|AIR[ ]?MED|"
    r"AirMed|AIRMED|MedFlight|MEDFLIGHT|Med[ ]Flight|MED[ ]FLIGHT|Medevac|MEDEVAC|Lifeflight|"
    r"LIFEFLIGHT|Air[ ]Ambulance|AIR[ ]AMBULANCE)"
)
_SERVICE = re.compile(
    r"(?i:\b(?:medevac(?:'?d)?|med-?evac|flown|flew|fly|flying|flight|airlifted|air-?lifted|"
    r"helicopter|helo|fixed[ -]wing|transport(?:ed)?|transferred|retrieved|retrieval|via|by|"
    r"on|with|per)\b)[ \t]+"
    rf"(?P<name>{_WORD}(?:[ \t]+{_WORD}){{0,3}}[ \t]+{_LAST}(?:[ \t]+\d{{1,2}})?)\b"
)
# The kinds of air a patient breathes, and words that open a clause, not a service's name.
_NOT_NAME_WORDS = frozenset(
    {"room", "cool", "warm", "medical", "humidified", "fresh", "compressed", "ambient",
     "supplemental", "hot", "cold", "dry", "moist", "outside", "open", "free", "blended",
     "piped", "wall", "the", "a", "an", "pt", "patient", "ground", "commercial"}
)  # fmt: skip
_GATE = ("air", "flight", "medevac")
_CUES = frozenset(
    {"medevac", "medevacd", "medevac'd", "flown", "flew", "by", "via", "on", "with", "per"}
)
# A run that is the last word alone ("by Air"): no service named.
_LAST_ONLY = re.compile(rf"{_LAST}(?:[ \t]+\d{{1,2}})?")


class AirMedicalRecognizer(LocalRecognizer):
    """ORGANIZATION for an air-ambulance service after a word of flying or transfer."""

    def __init__(self) -> None:
        super().__init__("AuditorAirMedicalRecognizer", [Entity.ORGANIZATION.value])

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        lower = text.lower()
        if not any(g in lower for g in _GATE):
            return []
        out = []
        for m in _SERVICE.finditer(text):
            start, end = m.span("name")
            # the cue's own words and a clause's may open the run ("MEDEVAC BY ARCTIC ...")
            for word in re.finditer(r"\S+", m.group("name")):
                key = word.group().lower()
                if key not in _NOT_NAME_WORDS and key not in STOP_WORDS and key not in _CUES:
                    break
                start = m.start("name") + word.end() + 1
            name = text[start:end]
            inner = [w.lower() for w in name.split()[:-1]]
            if any(w in _NOT_NAME_WORDS or w in STOP_WORDS for w in inner):
                continue  # "VIA FACE TENT ON ROOM AIR": a clause, not a name
            if _LAST_ONLY.fullmatch(name) is None and start < end:
                out.append(make_result(self, Entity.ORGANIZATION, start, end, 0.7))
        return out
