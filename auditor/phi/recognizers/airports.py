"""Airports in an itinerary: "LHR-JFK BA0117", "SIN–NRT 14 Jul", "Pickup: YYZ Fri 9 Oct",
"a car from JFK to 220 West 57th Street".

An airport's code names its city, a Safe Harbor geographic subdivision. Three capitals are as
often a clinical or an office abbreviation, so only a text that reads as travel (a flight, a
booking record, a boarding pass, a car rental's pickup) is searched, and a code only where an
itinerary puts it: beside another code with a dash, a slash or "to" between, or after a word
of travel ("from", "pickup:", "dep", "arr"). The codes are every airport's IATA code
(``airport_codes.txt.gz``, from ``airportsdata``) less the clinical stop list's ("MRI").
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from presidio_analyzer import RecognizerResult

from auditor.phi.entities import Entity
from auditor.phi.recognizers.base import LocalRecognizer
from auditor.phi.recognizers.patterns import make_result
from auditor.phi.resources import lines

if TYPE_CHECKING:
    from presidio_analyzer.nlp_engine import NlpArtifacts

SCORE = 0.75
# A text that reads as travel.
_TRAVEL = re.compile(
    r"(?i:\b(?:flights?|flt|pnr|pax|boarding|itinerary|airlines?|airport|terminal|layover|"
    r"departs?|departure|arrives?|arrival|pick-?up|drop-?off|check-?in|e-?ticket|"
    # an air ambulance's or a retrieval team's log ("1610 Landed YXE", "Wheels up YQT")
    r"wheels[ \t]+up|landed|airstrip|aircraft|fixed[ \t-]+wing|rotor[ \t-]+wing|medevac)\b|"
    r"\bseat[ \t]+\d{1,2}[A-K]\b)"
)
_CODE = r"([A-Z]{3})"
_PAIR = re.compile(rf"(?<![\w-]){_CODE}[ \t]?(?:-|–|—|/|→|>|[ \t]to[ \t])[ \t]?{_CODE}(?![\w-])")
_AFTER_CUE = re.compile(
    r"(?i:\b(?:from|pick-?up|drop-?off|dep|arr|departing|arriving|lands[ \t]+at|"
    r"landing[ \t]+at|landed(?:[ \t]+(?:at|in))?|departed|wheels[ \t]+up(?:[ \t]+from)?|"
    r"diverted[ \t]+to))\b:?[ \t]+" + _CODE + r"(?![\w-])"
)
# A hospital's or an office's three letters that an airport shares ("from OSH", "to SNF").
_NOT_AIRPORTS = frozenset({"OSH", "SNF", "ALF", "LTC", "ICU", "CCU", "PCU", "EMS", "ETA", "ETD"})


@cache
def airport_codes() -> frozenset[str]:
    """Every airport's IATA code (resources/airport_codes.txt.gz), read on first need."""
    return frozenset(lines("airport_codes.txt.gz")) - _NOT_AIRPORTS


class AirportRecognizer(LocalRecognizer):
    """Airport codes where an itinerary puts them (see module docstring), as LOCATION."""

    def __init__(self) -> None:
        super().__init__("AuditorAirportRecognizer", [Entity.LOCATION.value])

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        if _TRAVEL.search(text) is None:
            return []
        codes = airport_codes()
        out = []
        for m in _PAIR.finditer(text):
            if m.group(1) in codes and m.group(2) in codes:
                out.append(make_result(self, Entity.LOCATION, m.start(1), m.end(1), SCORE))
                out.append(make_result(self, Entity.LOCATION, m.start(2), m.end(2), SCORE))
        for m in _AFTER_CUE.finditer(text):
            if m.group(1) in codes:
                out.append(make_result(self, Entity.LOCATION, m.start(1), m.end(1), SCORE))
        return out
