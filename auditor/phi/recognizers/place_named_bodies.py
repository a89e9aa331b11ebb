"""Agencies, services and trusts named for where or whom they serve: "Southern Cross
Settlement Services", "Afghan Resettlement Team", "Cumberland Poultry Processing", "Selkirk
Cryobank Services", "Harvey-Marion Aging Network"; and a congregation numbered in its town
("Holladay 22nd Ward").

A resettlement agency, a care team, a housing trust or an employer names the person's town and
community. Their last word says what they are ("Services", "Team", "Trust") and the other words
are ordinary ones, so the organisation rules, which want a firm's suffix or a name-like word
before a trade, leave them. A department's name has the same last words ("Customer Services",
"Palliative Care Consult Team", "Billing Team"); what sets a body apart is a word that names a
place or a people: a listed town or county (one word, or two: "Blue Ridge"), a demonym
("Afghan"), a compass word before another word ("Southern Cross"), or a word no list explains
("Hollinshed", "Westside"). The body's name runs from the first such word to its last word, in
Title case, one blank between words.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from presidio_analyzer import RecognizerResult

from auditor.phi.entities import Entity
from auditor.phi.recognizers.base import LocalRecognizer
from auditor.phi.recognizers.lexicon import CLINICAL_ENDING, Lexicon
from auditor.phi.recognizers.not_persons import DEMONYMS
from auditor.phi.recognizers.patterns import make_result
from auditor.phi.stop_words import STOP_WORDS

if TYPE_CHECKING:
    from presidio_analyzer.nlp_engine import NlpArtifacts

SCORE = 0.7
# What a body is, as its last word says.
BODY_HEADS = (
    "Services", "Service", "Team", "Housing", "Processing", "Association", "Network", "Partnership",
    "Project", "Alliance", "Foundation", "Society", "Agency", "Trust", "Coalition",
    "Federation", "Cooperative", "Collective",
)  # fmt: skip
_WORD = r"[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)?"
_HEAD_WORDS = "|".join(BODY_HEADS)
_BODY = re.compile(
    rf"(?<![\w'’&.-])((?:{_WORD}[ ](?:(?:and|&|of|in|for)[ ])?){{1,4}})(?:{_HEAD_WORDS})(?![\w'’-])"
)
# A Latter-day Saint congregation, numbered within its town: "Holladay 22nd Ward", "Riverton
# 4th Branch" (the visit a bishop or the Relief Society pays a patient names the family's
# neighbourhood; a stake by its town is the organisation grammar's).
_CONGREGATION = re.compile(
    rf"(?<![\w'’&.-])((?:{_WORD}[ ]){{1,3}})\d{{1,3}}(?:st|nd|rd|th)[ ](?:Ward|Branch)"
    r"(?![\w'’-])"
)
# (its number and kind, the cheap test before the names are read back from them)
_NUMBERED_CONGREGATION = re.compile(r"\d(?:st|nd|rd|th)[ ](?:Ward|Branch)(?![\w'’-])")
# (a team's service may name what it is for: "Moorhaven Early Intervention in Psychosis Team")
_CONNECTORS = frozenset({"and", "&", "of", "in", "for"})
_WHERE_AFTER_NAME = re.compile(r"\S+[ ](?:in|for)[ ]")
_COMPASS = frozenset(
    {"north", "south", "east", "west", "northern", "southern", "eastern", "western",
     "northeast", "northwest", "southeast", "southwest", "north-east", "north-west",
     "south-east", "south-west", "central"}
)  # fmt: skip


class PlaceNamedBodyRecognizer(LocalRecognizer):
    """ORGANIZATION for a body whose last word says what it is and whose name holds a word of
    a place or a people (see module docstring)."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        super().__init__("AuditorPlaceNamedBodyRecognizer", [Entity.ORGANIZATION.value])

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        bodies = any(head in text for head in BODY_HEADS)
        numbered = ("Ward" in text or "Branch" in text) and bool(
            _NUMBERED_CONGREGATION.search(text)
        )
        if not bodies and not numbered:
            return []
        out = []
        matches = [*_BODY.finditer(text)] if bodies else []
        if numbered:
            matches += _CONGREGATION.finditer(text)
        for m in matches:
            words = [w for w in re.finditer(r"\S+", m.group(1)) if w.group() not in _CONNECTORS]
            first = self._first_named(words)
            if first is None:
                continue
            start = m.start(1) + words[first].start()
            # (a person where one works: "call Bettina in Social Services")
            if not _WHERE_AFTER_NAME.match(text, start):
                out.append(make_result(self, Entity.ORGANIZATION, start, m.end(), SCORE))
        return out

    def _first_named(self, words: list[re.Match[str]]) -> int | None:
        """The index of the first word that names a place or a people, if any (see module
        docstring)."""
        keys = [w.group().lower().strip("'’") for w in words]
        lex = self.lexicon
        for i, key in enumerate(keys):
            if key in STOP_WORDS or key in lex.stoplist or CLINICAL_ENDING.search(key):
                continue
            pair = " ".join(keys[i : i + 2]) if i + 1 < len(keys) else ""
            if (
                (key in lex.places and not lex.is_english(key))
                or key in lex.counties
                or (pair and pair in lex.places)
                or key in DEMONYMS
                or (key in _COMPASS and i + 1 < len(keys))
                or all(lex.is_unknown_proper(part) for part in key.split("-"))
            ):
                return i
        return None
