"""Local government by the shapes its names take: a council after its place and kind ("Leeds
City Council", "Fingal County Council", "BRISTOL CITY COUNCIL"), a council after a place
alone ("Wirral Council", "Auckland Council"), a municipality ("eThekwini Metropolitan
Municipality", "Pune Municipal Corporation") and a city's, a town's or a county's own body
("City of Cape Town", "Town of Oakville", "Regional Municipality of Peel"), and a US state's
department by its initials after the state ("Georgia DPH", "NYS DOH").

Councils fine, tax, house, care for and write to the people a record names (a parking
notice, a housing-benefit letter, a social-care referral), and their names are a place's
name and a word of what kind of body it is. The kind is what tells: "City Council", "Shire
Council", "Municipal Corporation" name nothing but a local authority, in any case, so no
cue is needed; "Council" alone follows many bodies that name no place ("Medical Council",
"Arts Council"), so before it the words must be a known place. Letterheads print them in
capitals, which the organisation grammar, reading capitals as a shouted sentence, leaves.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from presidio_analyzer import RecognizerResult

from auditor.phi.entities import Entity
from auditor.phi.recognizers.base import LocalRecognizer
from auditor.phi.recognizers.lexicon import Lexicon
from auditor.phi.recognizers.patterns import make_result
from auditor.phi.recognizers.tokens import LATIN_LOWER, LATIN_UPPER
from auditor.phi.stop_words import STOP_WORDS

if TYPE_CHECKING:
    from presidio_analyzer.nlp_engine import NlpArtifacts

# A word of a place's name as written or in capitals ("Kirklees", "KIRKLEES", "eThekwini",
# "Newcastle-under-Lyme", "Rhondda Cynon Taf", "Whangārei"), in any Latin alphabet.
_UP, _LOW = f"A-Z{LATIN_UPPER}", f"a-z{LATIN_LOWER}"
_WORD = (
    rf"(?:[{_UP}][{_LOW}'’]+(?:-[{_LOW}]+-[{_UP}][{_LOW}]+|-[{_UP}][{_LOW}'’]+)?|"
    rf"[{_UP}]{{2,}}(?:-[{_UP}]+)*|[a-z][A-Z][a-z]+)"
)
_KINDS = (
    r"City|County|District|Borough|Metropolitan[ \t]+Borough|Shire|Town|Parish|Regional|"
    r"Municipal|Community|Unitary|Island|Islands|Local"
)
# The council with its kind: any words of a name before it.
_KIND_COUNCIL = re.compile(
    rf"(?<![\w'’-])(?P<name>{_WORD}(?:[ \t]+(?:&[ \t]+|and[ \t]+|AND[ \t]+)?{_WORD}){{0,3}})"
    rf"[ \t]+(?P<kind>(?i:(?:{_KINDS})[ \t]+council))(?![\w-])"
)
# The council alone: the words before it must be a place (checked in the code).
_BARE_COUNCIL = re.compile(
    rf"(?<![\w'’-])(?P<name>{_WORD}(?:[ \t]+{_WORD}){{0,2}})[ \t]+"
    r"(?P<kind>Council|COUNCIL)(?![\w-])"
)
_MUNICIPALITY = re.compile(
    rf"(?<![\w'’-])(?P<name>{_WORD}(?:[ \t]+{_WORD}){{0,2}})[ \t]+"
    r"(?P<kind>(?i:(?:(?:metropolitan|local|district|regional|rural)[ \t]+)?municipality|"
    r"municipal[ \t]+corporation|city[ \t]+corporation|(?:city|town)[ \t]+municipal[ \t]+council))"
    r"(?![\w-])"
)
# A body named "<kind> of <place>": "City of Cape Town", "CITY OF JOHANNESBURG", "Township
# of Langley", "Regional Municipality of Peel", "Municipal Corporation of Greater Mumbai".
_OF_KINDS = (
    "City", "Town", "Township", "Borough", "County", "Village", "Shire", "Municipality",
    "Regional Municipality", "Municipal Corporation", "District Council",
)  # fmt: skip
_OF_PLACE = re.compile(
    # each kind as written or in capitals (not in lower case: "the city of her birth")
    r"(?<![\w'’-])(?P<kind>"
    + "|".join(k.replace(" ", r"[ \t]+") for kind in _OF_KINDS for k in (kind, kind.upper()))
    + r")[ \t]+(?:of|OF)[ \t]+"
    rf"(?P<name>(?:(?:the|THE|Greater|GREATER)[ \t]+)?{_WORD}(?:[ \t]+{_WORD}){{0,2}})"
)
# A state's department by its initials after the state's name, as notifications and referrals
# name it: "Georgia DPH", "Texas DSHS", "NYS DOH", "Illinois DCFS" (the state is read from
# the lexicon's list; "NYS"/"NYC" are New York's own).
_DEPARTMENTS = (
    r"(?:DPH|DOH|DHHS|DHS|DSHS|DOHMH|DHEC|DHSS|DHW|DCF|DCFS|DSS|DCS|DHR|ODH|IDPH)(?![\w-])"
)
_STATE_DEPARTMENT = re.compile(
    r"(?<![\w'’-])(?P<state>[A-Z][a-z]+(?:[ \t][A-Z][a-z]+)?|NYS|NYC)[ \t]+" + _DEPARTMENTS
)
_STATE_DEPARTMENT_GATE = re.compile(r"[ \t]" + _DEPARTMENTS)
# "<kind> of" bodies that are no local authority, or a place no authority owns.
_NOT_OF_PLACES = frozenset({"columbia", "hope", "god", "angels", "light", "london corporation"})
# What stands before a county named as the venue of a caption or an affidavit, which names
# where, not a body: "IN AND FOR THE COUNTY OF PIMA", "State of Ohio, County of Montgomery".
_VENUE = re.compile(
    r"(?:(?:the|THE)[ \t]+|"
    r"(?:State|STATE)[ \t]+(?:of|OF)[ \t]+[A-Za-z]+(?:[ \t]+[A-Za-z]+)?,?[ \t]*)\Z"
)
_GATE = ("ouncil", "OUNCIL", "unicipal", "UNICIPAL", "orporation", "ORPORATION", " of ", " OF ")
_OF_GATE = tuple(w for w in ("City", "Town", "Borough", "County", "Village", "Shire", "Municipal")
                 for w in (w, w.upper()))  # fmt: skip
# Words that open a sentence or name a person's role, not a place's name: "Contacted City
# Council", "The County Council", "Dear Town Council".
_NOT_NAME = frozenset(
    {"the", "a", "an", "to", "from", "by", "at", "per", "via", "and", "or", "of", "for", "with",
     "dear", "contacted", "called", "rang", "phoned", "emailed", "wrote", "letter", "notice",
     "re", "cc", "fao", "attn", "your", "our", "his", "her", "their", "local", "new"}
)  # fmt: skip


class LocalGovernmentRecognizer(LocalRecognizer):
    """ORGANIZATION for a local authority named by its place and its kind (module doc)."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        super().__init__("AuditorLocalGovernmentRecognizer", [Entity.ORGANIZATION.value])

    def _name_start(self, text: str, start: int, end: int) -> int | None:
        """Where a council's own name opens in ``text[start:end]``: after the words of a
        sentence or an address before it; None if no word of a name is left."""
        for word in re.finditer(r"\S+", text[start:end]):
            key = word.group().lower()
            if key not in _NOT_NAME and key not in STOP_WORDS:
                return start + word.start()
        return None

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        out: list[RecognizerResult] = []
        if _STATE_DEPARTMENT_GATE.search(text):
            for m in _STATE_DEPARTMENT.finditer(text):
                state = m.group("state")
                if state in {"NYS", "NYC"} or state.lower() in self.lexicon.states:
                    out.append(make_result(self, Entity.ORGANIZATION, m.start(), m.end(), 0.75))
        if not any(g in text for g in _GATE):
            return out
        if "ouncil" in text or "OUNCIL" in text:
            for m in _KIND_COUNCIL.finditer(text):
                start = self._name_start(text, m.start("name"), m.end("name"))
                if start is not None:
                    out.append(make_result(self, Entity.ORGANIZATION, start, m.end(), 0.75))
            for m in _BARE_COUNCIL.finditer(text):
                words = m.group("name").split()
                keys = [w.lower().strip("'’") for w in words]
                # the place is the last words before "Council" ("Wrote to Wirral Council")
                for k in range(len(words)):
                    if self.lexicon.is_known_place(keys[k:]):
                        start = m.end("name") - len(" ".join(words[k:]))
                        out.append(make_result(self, Entity.ORGANIZATION, start, m.end(), 0.7))
                        break
        if "unicipal" in text or "UNICIPAL" in text or "orporation" in text:
            for m in _MUNICIPALITY.finditer(text):
                start = self._name_start(text, m.start("name"), m.end("name"))
                if start is not None:
                    out.append(make_result(self, Entity.ORGANIZATION, start, m.end(), 0.75))
        if (" of " in text or " OF " in text) and any(g in text for g in _OF_GATE):
            for m in _OF_PLACE.finditer(text):
                name = m.group("name").lower()
                if name in _NOT_OF_PLACES or name.split()[-1] in STOP_WORDS:
                    continue
                county = m.group("kind").lower() == "county"
                if county and _VENUE.search(text, max(0, m.start() - 40), m.start()):
                    continue  # a court's or an oath's venue: "State of Ohio, County of X, ss."
                out.append(make_result(self, Entity.ORGANIZATION, m.start(), m.end(), 0.7))
        return out
