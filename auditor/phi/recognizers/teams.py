"""Sports teams and clubs: "Hurstville Comets v Penshurst Eagles", "Kingsholm Sharks U18",
"Brockwell United", "Otaki Sharks RFC".

A child's or a player's club names their town and the people they train with. A team's name is
a town's or a sponsor's name and a mascot in the plural, so its words alone say nothing; it is
read where sport puts it: before a club's initials or a football club's word ("FC", "RFC",
"United", "Rovers"), before an age grade ("U15", "Under-12s"), or on either side of "v"/"vs"
between two such names (a fixture). Each name must hold a word that is no English word,
demonym or clinical term ("Blue Jays" is a fixture's other side, not a name alone).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from presidio_analyzer import RecognizerResult

from auditor.phi.entities import Entity
from auditor.phi.recognizers.base import LocalRecognizer
from auditor.phi.recognizers.lexicon import Lexicon
from auditor.phi.recognizers.not_persons import DEMONYMS
from auditor.phi.recognizers.patterns import make_result
from auditor.phi.stop_words import STOP_WORDS

if TYPE_CHECKING:
    from presidio_analyzer.nlp_engine import NlpArtifacts

# Above a name rule's score: "Quarrington Hawks" in a fixture is a team, though "Hawks" is
# a surname.
SCORE = 0.86
_WORD = r"[A-Z][\w'’]*(?:-[A-Z][\w'’]*)?"
_TEAM = rf"({_WORD}(?:[ \t]{_WORD}){{0,2}})"
# A club's initials or a football club's word after its name.
_CLUB_WORDS = (
    r"FC|AFC|RFC|RUFC|RLFC|GAA|GFC|CC|HC|SC|BC|United|Utd|Rovers|Wanderers|Athletic|Albion"
)
_CLUB = re.compile(rf"(?<![\w'’-]){_TEAM}[ \t]+(?:{_CLUB_WORDS})(?![\w-])")
# An age grade after a name in the plural: "Kestrel Bay Strikers U15", "Otters Under-12s".
_GRADE = re.compile(rf"(?<![\w'’-]){_TEAM}[ \t]+(?:U|Under[ -])\d{{1,2}}s?(?![\w-])")
# A fixture: two names with "v", "vs" or "vs." between them.
_FIXTURE = re.compile(rf"(?<![\w'’-]){_TEAM}[ \t]+vs?\.?[ \t]+{_TEAM}(?![\w'’-])")
# One of the three's own tokens, to skip a text holding none in one scan.
_GATE = re.compile(rf"(?<![\w-])(?:vs?\.?[ \t]|(?:U|Under[ -])\d|(?:{_CLUB_WORDS})(?![\w-]))")


class TeamRecognizer(LocalRecognizer):
    """Teams and clubs where sport names them (see module docstring), as ORGANIZATION."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        super().__init__("AuditorTeamRecognizer", [Entity.ORGANIZATION.value])

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        if _GATE.search(text) is None:
            return []
        spans: list[tuple[int, int]] = []
        for m in _CLUB.finditer(text):
            if self._names(m.group(1)):
                spans.append((m.start(1), m.end()))
        for m in _GRADE.finditer(text):
            if m.group(1).endswith("s") and self._names(m.group(1)):
                spans.append(m.span(1))
        for m in _FIXTURE.finditer(text):
            if self._names(m.group(1)) or self._names(m.group(2)):
                spans += [m.span(1), m.span(2)]
        return [make_result(self, Entity.ORGANIZATION, s, e, SCORE) for s, e in spans]

    def _names(self, run: str) -> bool:
        """A run holding a word only a name explains: four letters at least, in Title case
        (capitals are a term's or a header's), no stop word, English word, demonym or
        clinical term."""
        lex = self.lexicon
        for word in run.split():
            key = word.lower().strip("'’")
            if len(key) < 4 or word.isupper() or key in STOP_WORDS or key in DEMONYMS:
                continue  # "Pre v Post": a prefix, not a name
            if key in lex.stoplist:
                continue
            if not lex.is_english(key.removesuffix("s")) and not lex.is_english(key):
                return True
        return False
