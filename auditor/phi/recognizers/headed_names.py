"""Facilities and firms named by a capitalised run that ends in their kind's head word.

"Cascade Foothills Family Health", "Pelican Unit", "Wolverine State Mutual", "Ravenswood GI
Lab", "KEYSTONE REFERENCE LABS": everyday words in front of a facility's or a firm's head word
name which one, and the facility and firm recognizers, which want a name-like word before a
generic head, let them pass. A run names one when a word in front of the head tells it apart
(here a listed place, or a listed name that is no English word) and is no descriptor of a kind
of care or trade: "Urgent Care Center" and "Cardiac Surgery Unit" say only what kind. The
de-identifier's recall sweep reads the same runs with its own, wider test of a telling word
(also a word no list explains: :mod:`auditor.deid.sweep`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from presidio_analyzer import RecognizerResult

from auditor.phi.entities import Entity
from auditor.phi.recognizers.base import LocalRecognizer
from auditor.phi.recognizers.lexicon import (
    FACILITY_WORDS,
    HONORIFICS,
    HOSPITAL_LAB_WORDS,
    PRACTICE_HEADS,
    ROLE_WORDS,
    Lexicon,
)
from auditor.phi.recognizers.organizations import REPORTING_VERBS, TRADE_DESCRIPTORS
from auditor.phi.recognizers.patterns import make_result
from auditor.phi.recognizers.regex_start import accelerated
from auditor.phi.recognizers.tokens import normalize
from auditor.phi.stop_words import STOP_WORDS

if TYPE_CHECKING:
    from presidio_analyzer.nlp_engine import NlpArtifacts

SCORE = 0.6  # the ORGANIZATION threshold: a head word and a telling word are two cues

# A capitalised word: Latin letters with their accents and combining marks, inner
# apostrophes, hyphens and the Hawaiian okina ("Behchokǫ̀", "Bonabéri", "Liliʻuokalani").
_LOWER = r"a-zß-öø-ÿĀ-ſ\u0300-\u036f"
CAP_WORD = rf"[A-ZÀ-ÖØ-Þ][{_LOWER}'’ʻ]*[{_LOWER}](?:-[A-ZÀ-ÖØ-Þ]?[{_LOWER}'’ʻ]+)*"
# What may join two words of one name: a blank, a particle or "and"/"&" between blanks.
_PARTICLES = ("of", "de", "la", "le", "du", "del", "des", "da", "di", "van", "von", "der", "den")
_JOIN = r"[ ](?:(?:" + "|".join(_PARTICLES) + r"|and|&)[ ])?"
RUN_GAP = re.compile(_JOIN)
# A run of capitalised words joined by single blanks, the particles and "&" that names of
# people, places and firms carry inside, and short acronyms between two words ("Ravenswood
# GI Lab"). Words in capitals alone are left out: credentials, units, codes.
CAP_RUN = re.compile(
    rf"(?<![\w'’ʻ\-]){CAP_WORD}(?:{_JOIN}(?:[A-Z]{{2,4}}[ ])?{CAP_WORD})+(?![\w'’ʻ\-])"
)
CAP_IN_RUN = re.compile(rf"{CAP_WORD}|[A-Z]{{2,4}}(?= )")
# The same run written in capitals, as letterheads, fax headers and forms print a name
# ("FROM: KEYSTONE REFERENCE LABS"): words of three letters or more, the particles in
# capitals between them.
_CAPS_WORD = r"[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ'’ʻ]+[A-ZÀ-ÖØ-Þ](?:-[A-ZÀ-ÖØ-Þ]+)*"
_CAPS_JOIN = _JOIN.upper()
CAPS_RUN = accelerated(
    re.compile(rf"(?<![\w'’ʻ\-]){_CAPS_WORD}(?:{_CAPS_JOIN}{_CAPS_WORD})+(?![\w'’ʻ\-])")
)
_CAPS_IN_RUN = re.compile(_CAPS_WORD)

# Last words of a facility's or a firm's name.
FACILITY_HEADS = FACILITY_WORDS | frozenset(PRACTICE_HEADS) | frozenset(
    {"lab", "labs", "laboratory", "laboratories", "unit", "surgery", "pharmacy", "pharmacies",
     "drug", "drugs", "chemist", "chemists", "dialysis", "imaging", "radiology", "therapy",
     "rehab", "system", "systems", "network", "pathology", "diagnostics", "genomics",
     "polyclinic", "polyclinics"}
)  # fmt: skip
# Last words of a firm's, an employer's or a public body's name: finance and insurance,
# trades, food and farm businesses, transport and ambulance services, school districts,
# suppliers and virtual-care firms, staffing agencies, charities and shelters.
FIRM_HEADS = frozenset(
    {"savings", "mutual", "insurance", "assurance", "bank", "freight", "trucking", "logistics",
     "foods", "motors", "realty", "leasing", "construction", "industries", "alliance",
     "cooperative", "co-op", "bakery", "farms", "dairy", "grocery", "cafe", "diner",
     "restaurant", "hardware", "lumber", "transport", "transit", "ambulance", "district",
     "union", "supply", "supplies", "telehealth", "telemedicine", "staffing", "shelter",
     "pantry", "mission", "ministries", "foundation", "fellowship", "solutions",
     "administrators", "attorneys",
     # childcare and schools, pubs and lodgings ("Busy Bumblebees Daycare", "Coral Coast
     # TAFE", "The Kestrel Arms")
     "daycare", "childcare", "preschool", "kindergarten", "tafe", "arms", "inn", "tavern",
     "hotel", "motel",
     # medical suppliers to the home ("Snake River Home Oxygen")
     "oxygen", "homecare",
     # air ambulance services ("Desert Lifeline Air", "Wolverine AirCare", "Big Sky MedFlight")
     "air", "aircare", "airmed", "aeromedical", "medflight", "lifeflight"}
)  # fmt: skip
# The kinds of air a patient breathes: before the air-ambulance head "Air" they name no
# service ("ON ROOM AIR", "COOL AIR", "Medical Air").
AIR_KINDS = frozenset(
    {"room", "cool", "warm", "medical", "humidified", "fresh", "compressed", "ambient",
     "supplemental", "hot", "cold", "dry", "moist", "outside", "open", "free", "blended",
     "piped", "wall"}
)  # fmt: skip
# Words that say what kind of care or trade, not which one.
GENERIC = FACILITY_HEADS | FIRM_HEADS | TRADE_DESCRIPTORS | HOSPITAL_LAB_WORDS | frozenset(
    {"north", "south", "east", "west", "northern", "southern", "eastern", "western", "upper",
     "lower", "main", "post", "walk", "blood", "bone", "spine", "eye", "heart", "cancer",
     "pain", "burn", "wound", "sleep", "stroke", "transplant", "infusion", "birthing",
     "fertility", "diabetes", "endocrine", "joint", "breast", "memory", "vein", "foot",
     "hand", "skin", "kidney", "liver", "lung", "brain", "allergy", "asthma",
     "anticoagulation", "coumadin", "wellness", "charity", "women", "children", "veterans",
     "employee", "occupational", "physical", "speech", "primary", "internal", "urgent", "same",
     "step", "down", "observation", "recovery", "anesthesia", "surgical",
     "simulation", "research", "teaching", "university", "college", "federal", "city",
     "town", "first", "united", "american", "national", "international", "global", "credit",
     "equipment", "homeless", "rescue", "food", "virtual"}
) | AIR_KINDS  # fmt: skip
# Words that open a run but no name: a sentence's first word, a role or a form's label.
_NOT_FIRST = frozenset(STOP_WORDS) | ROLE_WORDS | frozenset({"site", "where", "location"})
# Titles and a generation's suffix: beside a name, never part of one.
TITLES = HONORIFICS | frozenset({"jr"})


def headed_runs(
    text: str, tells: Callable[[str], bool], *, capitals: bool = True
) -> Iterator[tuple[str, list[re.Match[str]]]]:
    """(entity type, words) of each capitalised run ending in a head word with a word in
    front that ``tells`` which one (given its normalised key); titles left out. Runs in
    capitals too unless ``capitals`` is false (there jargon is unknown words as often as
    names are: a test that takes unknown words should leave them)."""
    runs = [(run, CAP_IN_RUN) for run in CAP_RUN.finditer(text)]
    if capitals:
        runs += [(run, _CAPS_IN_RUN) for run in CAPS_RUN.finditer(text)]
    for run, in_run in runs:
        words = list(in_run.finditer(text, run.start(), run.end()))
        head = normalize(words[-1].group())
        if head not in FACILITY_HEADS and head not in FIRM_HEADS:
            continue
        if in_run is _CAPS_IN_RUN:
            # capitals run on through a sentence ("93 YO WOMAN FROM BAYVIEW NURSING HOME"):
            # the name is what follows its last stop word, role, label or verb of calling
            # ("SAW MULVANEY CALLED INSURANCE")
            cut = [
                i
                for i, w in enumerate(words)
                if (key := normalize(w.group())) in _NOT_FIRST or key in REPORTING_VERBS
            ]
            words = words[cut[-1] + 1 :] if cut else words
            if len(words) < 2:
                continue
        keys = [normalize(w.group()) for w in words[:-1]]
        if not any(k not in GENERIC and len(k) >= 3 and tells(k) for k in keys):
            continue
        kind = Entity.ORGANIZATION.value if head in FIRM_HEADS else Entity.HOSPITAL.value
        while words and (
            (key := normalize(words[0].group())) in _NOT_FIRST or key in REPORTING_VERBS
        ):
            words.pop(0)  # a sentence's first word or a label: "Can Casserley House ...?",
            # "Called Hamilton Funeral Home"
        yield kind, [w for w in words if w.group().lower() not in TITLES]


class HeadedNameRecognizer(LocalRecognizer):
    """HOSPITAL or ORGANIZATION for a headed capitalised run (module docstring)."""

    def __init__(self, lexicon: Lexicon) -> None:
        super().__init__(
            "AuditorHeadedNameRecognizer",
            [Entity.HOSPITAL.value, Entity.ORGANIZATION.value],
        )
        self.lexicon = lexicon

    def _tells(self, key: str) -> bool:
        lex = self.lexicon
        if key in lex.stoplist:
            return False
        # a listed place, or a listed name that is no English word: an unknown word here is
        # as often a clinical one ("Bariatric Surgery") and a rare surname an everyday word
        # ("Weight Loss Surgery"); the de-identifier's sweep, which must prefer removing,
        # takes those too
        return key in lex.places or (lex.is_name(key) and not lex.is_english(key))

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        out = []
        for kind, words in headed_runs(text, self._tells):
            if words:
                out.append(make_result(self, kind, words[0].start(), words[-1].end(), SCORE))
        return out
