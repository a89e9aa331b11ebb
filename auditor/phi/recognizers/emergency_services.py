"""Emergency services by name: air ambulances where a transfer is written ("medevac by Arctic
Lifeguard Air", "ARRIVED VIA DELTA ANGEL AIR"), and a town's police, fire or EMS department by
its abbreviation or its whole name ("Karlsbrook PD report # 18-33107", "Chaparral Volunteer
Fire", "Nebraska State Patrol").

Their names are ordinary words ("Guardian", "Lifeguard", "Angel", "Mercy") that no name list
explains, so the organisation rules, which want a name-like word before a firm's last word,
leave them. A word of flying or transfer just before (or what it flew or did just after: "Care
Flight fixed wing"), and the service's own last word ("Air", "Flight", "AirCare", "MedFlight",
"Medevac"), say what the words are, as "Air" and "Rescue" around a name do ("Air Wyoming
Rescue"); the kinds of air a patient breathes ("room air", "medical air") never are one. A
department's abbreviation ("PD", "FD", "SO", "EMS") after one to three Title-case words that
are a place or no word at all says the words are its town; "PD" alone is Parkinson's disease
or peritoneal dialysis.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from presidio_analyzer import RecognizerResult

from auditor.phi.entities import Entity
from auditor.phi.recognizers.base import LocalRecognizer
from auditor.phi.recognizers.headed_names import AIR_KINDS
from auditor.phi.recognizers.lexicon import CLINICAL_ENDING, Lexicon
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
# ...or before what it flew or did, as a flight log or a transfer line opens with the service
# ("Care Flight fixed wing, ETA 2330", "Guardian Flight declined (weather)"); and an air
# rescue by its name ("flown by Air Idaho Rescue", "Snowline Air Rescue").
_SERVICE_FIRST = re.compile(
    rf"(?P<name>{_WORD}(?:[ \t]+{_WORD}){{0,3}}[ \t]+{_LAST})[ \t]+"
    r"(?i:fixed[ -]wing|rotor(?:[ -]?wing)?|helicopter|crew|eta|arrived|landed|lifted|"
    r"launched|declined|dispatched|en[ \t]+route|on[ \t]+scene)\b"
)
_AIR_RESCUE = re.compile(
    rf"(?<![\w'’-])(?P<name>(?:Air|AIR)(?:[ \t]+{_WORD}){{1,2}}[ \t]+(?:Rescue|RESCUE)"
    rf"|{_WORD}(?:[ \t]+{_WORD})?[ \t]+(?:Air|AIR)[ \t]+(?:Rescue|RESCUE))(?![\w'’-])"
)
# The kinds of air a patient breathes, and words that open a clause, not a service's name.
_NOT_NAME_WORDS = AIR_KINDS | frozenset({"the", "a", "an", "pt", "patient", "ground", "commercial"})
_GATE = ("air", "flight", "medevac")
_CUES = frozenset(
    {"medevac", "medevacd", "medevac'd", "flown", "flew", "by", "via", "on", "with", "per"}
)
# A run that is the last word alone ("by Air"): no service named.
_LAST_ONLY = re.compile(rf"{_LAST}(?:[ \t]+\d{{1,2}})?")


# A town's department by its abbreviation: "Karlsbrook PD", "Fennimere Falls FD".
_DEPARTMENT = re.compile(
    r"(?<![\w'’-])(?P<town>[A-Z][a-z'’]+(?:[ \t][A-Z][a-z'’]+){0,2})[ \t]"
    r"(?:PD|FD|SO|EMS|DPS|VFD|FPD|PSO)\b(?![-\w])"
)


# A department by its whole name after its town or state: "Chaparral Volunteer Fire",
# "Nebraska State Patrol", "Pinecrest Fire Rescue"; the state and federal forces stand alone
# too ("State Patrol", "Border Patrol").
_NAMED_DEPARTMENT = re.compile(
    r"(?<![\w'’-])(?:(?P<town>[A-Z][a-z'’]+(?:[ \t][A-Z][a-z'’]+){0,2})[ \t])?"
    r"(?P<kind>Volunteer[ \t]+Fire(?:[ \t]+(?:Department|Dept\.?|Company|Co\.?))?|"
    r"Fire[ \t]+Rescue|Fire[ \t]+(?:Department|Dept\.?)|Police[ \t]+(?:Department|Dept\.?)|"
    r"State[ \t]+(?:Patrol|Police)|Highway[ \t]+Patrol|Sheriff'?s[ \t]+(?:Office|Department)|"
    r"Border[ \t]+Patrol|"
    # a township's ("Raisin Twp Fire", "Lower Merion Township Police")
    r"(?:Twp\.?|Township)[ \t]+(?:Fire|Police|EMS|Rescue|Ambulance)"
    r"(?:[ \t]+(?:Department|Dept\.?|Rescue))?|"
    # a county's ("Glacier County Sheriff", "Ottercreek Co. Fire", "Skagit County Medic One",
    # "Cascade County Coroner", "Ada County Medical Examiner")
    r"(?:County|Co\.)[ \t]+(?:Sheriff(?:'?s[ \t]+(?:Office|Department|Dept\.?))?|"
    r"Coroner(?:'?s[ \t]+Office)?|Medical[ \t]+Examiner(?:'?s[ \t]+Office)?|"
    r"Fire(?:[ \t]+(?:Department|Dept\.?|District|Rescue))?|EMS|Medic[ \t]+One|Rescue|"
    r"Ambulance)|"
    # an ambulance service or a rescue squad by its own name ("Hi Line Ambulance Svc",
    # "Elkhorn Bend Ambulance Service", "Cove Rescue Squad", "Larch Fire District")
    r"(?:Volunteer[ \t]+|Vol\.?[ \t]+)?(?:Ambulance|Amb\.)[ \t]+(?:Service|Svc\.?|Corps|District|"
    r"Authority)|Rescue[ \t]+Squad|Fire[ \t]+(?:District|Protection[ \t]+District|Brigade))(?![\w])"
)
_NAMED_GATE = (
    "Fire", "Patrol", "Police", "Sheriff", "Amb", "Rescue", "Medic", "Coroner", "Examiner",
)  # fmt: skip
_NEEDS_NO_TOWN = ("State", "Highway", "Border")
# The kind that says the words before it are a township's name, everyday words or not.
_TOWNSHIP = ("Twp", "Township")
_DEPARTMENT_GATE = ("D", "SO", "EMS", *_NAMED_GATE)
# The last words of towns' names that are also English words.
_TOWN_ENDINGS = frozenset(
    {"falls", "springs", "creek", "city", "heights", "park", "lake", "river", "beach",
     "valley", "hills", "harbor", "harbour", "junction", "township", "village", "bay", "point",
     "ridge", "hollow", "mills", "grove", "crossing", "forks", "fork", "gap", "landing",
     "prairie", "plains", "mesa", "canyon", "bend", "flats", "rapids", "bluff", "bluffs"}
)  # fmt: skip


class EmergencyServiceRecognizer(LocalRecognizer):
    """ORGANIZATION for an air-ambulance service after a word of flying or transfer, and a
    town's police, fire or EMS department by its abbreviation."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        super().__init__("AuditorEmergencyServiceRecognizer", [Entity.ORGANIZATION.value])

    def _departments(self, text: str) -> list[RecognizerResult]:
        """A town's department by its abbreviation (``_DEPARTMENT``) or its whole name
        (``_NAMED_DEPARTMENT``)."""
        out = []
        for m in _DEPARTMENT.finditer(text) if "D" in text or "SO" in text else ():
            if self._town(m.group("town")):
                out.append(make_result(self, Entity.ORGANIZATION, m.start(), m.end(), 0.7))
        if any(k in text for k in _NAMED_GATE):
            for m in _NAMED_DEPARTMENT.finditer(text):
                town = m.group("town")
                kind = m.group("kind")
                county = kind.startswith("County") and f"{town} County"
                if town and (self._town(county or town) or self._township(town, kind)):
                    out.append(make_result(self, Entity.ORGANIZATION, m.start(), m.end(), 0.7))
                elif m.group("kind").startswith(_NEEDS_NO_TOWN):
                    start = m.start("kind")
                    out.append(make_result(self, Entity.ORGANIZATION, start, m.end(), 0.65))
        return out

    def _township(self, words: str, kind: str) -> bool:
        """A township's name before "Twp"/"Township": any words but function words and
        clinical terms ("Raisin Twp Fire")."""
        keys = [k.lower() for k in words.split()]
        return kind.startswith(_TOWNSHIP) and not any(
            k in STOP_WORDS or k in self.lexicon.stoplist for k in keys
        )

    def _town(self, words: str) -> bool:
        """The words before a department are its town or state: each a place or no word, a
        town's English last word allowed ("Fennimere Falls"), no clinical word."""
        lex = self.lexicon
        keys = [k.lower().strip("'’") for k in words.split()]
        if keys[-1] == "county" and len(keys) > 1:
            keys = keys[:-1]  # "Tahoma Ridge County Sheriff's Office"
            if " ".join(keys) in lex.counties:
                return True  # "Glacier County": a county's name, English word or not
        if keys[-1] in _TOWN_ENDINGS and len(keys) > 1:
            keys = keys[:-1]  # "Fennimere Falls", "Cedar Springs"
        return all(
            k not in STOP_WORDS
            and k not in lex.stoplist
            and (
                k in lex.places
                or k in lex.states
                or (lex.is_unknown_proper(k) and not CLINICAL_ENDING.search(k))
            )
            for k in keys
        )

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        out = self._departments(text) if any(g in text for g in _DEPARTMENT_GATE) else []
        lower = text.lower()
        if not any(g in lower for g in _GATE):
            return out
        matches = [*_SERVICE.finditer(text), *_SERVICE_FIRST.finditer(text)]
        matches += _AIR_RESCUE.finditer(text)
        for m in matches:
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
