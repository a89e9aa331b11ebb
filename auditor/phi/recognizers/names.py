"""Person names from census first-name and surname lists, context cues and a clinical stop list.

General NER tags Foley, neuro and Ativan as people in ICU notes. This recognizer instead asks,
for each word: is it a known name, is it also an ordinary or clinical word, how is it
capitalised, and what cue stands next to it (Dr, RN, wife, "spoke with")? Words next to a
found name that look like names or initials join the span ("John A. Smith", "Smith, J").
"""

from __future__ import annotations

from collections.abc import Collection

from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts
from spacy.lang.en.stop_words import STOP_WORDS

from auditor.phi.entities import Entity
from auditor.phi.recognizers.base import LocalRecognizer
from auditor.phi.recognizers.cues import Cue, dotted_credential, person_cue, state_word
from auditor.phi.recognizers.eponyms import eponym_words, title_near
from auditor.phi.recognizers.lexicon import (
    FACILITY_WORDS,
    NAME_VERBS,
    NOT_NAMES,
    POST_TITLES,
    RELATIVES,
    TITLES,
    Lexicon,
)
from auditor.phi.recognizers.patterns import make_result
from auditor.phi.recognizers.tokens import TokenView

_NOT_SURNAME = frozenset(STOP_WORDS) | TITLES | POST_TITLES | RELATIVES | FACILITY_WORDS
# Words that close a name in caps text: "JOHN WHITE WAS SEEN", "CAROL WHITE AND DAUGHTER".
_AFTER_NAME = frozenset(
    {"is", "was", "has", "had", "and", "states", "stated", "reports", "reported", "called",
     "visited", "at", "here", "in", "will", "would", "on", "with"}
)  # fmt: skip
_FAMILY = frozenset({"family", "families", "household"})

SCORES = {
    Cue.STRONG: 0.95,
    Cue.RELATIVE: 0.85,
    Cue.VERB: 0.75,
    Cue.WEAK: 0.7,
}
FULL_NAME_SCORE = 0.85
LIST_ONLY_SCORE = 0.6
SHOUTING_LIST_ONLY_SCORE = 0.55


# Words before a writer's own name in messages: "this is john", "my name is ana" (key: the
# word two before the name, value: the word right before it).
_SELF_INTRO = {"this": "is", "name": "is"}


# Lower-case particles inside surnames: "de la Cruz", "van der Berg", "bin Laden".
_PARTICLES = frozenset(
    {"de", "la", "del", "della", "di", "da", "das", "dos", "du", "van", "von", "der", "den",
     "ter", "ten", "le", "bin", "ibn", "y", "st"}
)  # fmt: skip


def _joinable(gap: str) -> bool:
    return "\n" not in gap and gap.strip(" .,'’-") == ""


class NameRecognizer(LocalRecognizer):
    """PERSON spans from name lists (+ site names) and cues; see the module docstring."""

    def __init__(self, lexicon: Lexicon, site_names: Collection[str] = ()) -> None:
        self.lexicon = lexicon
        self.site_names = frozenset(site_names)
        super().__init__("AuditorNameRecognizer", [Entity.PERSON.value])

    # -- word classes -------------------------------------------------------------------
    def known(self, key: str) -> bool:
        return self.lexicon.is_name(key) or key in self.site_names

    def blocked(self, key: str) -> bool:
        """Never a name without a title cue: stop words, clinical terms, cue words."""
        return key in NOT_NAMES or key in self.lexicon.stoplist or not key.isalpha()

    def ambiguous(self, key: str) -> bool:
        return self.lexicon.is_ambiguous(key)

    def initial(self, view: TokenView, i: int) -> bool:
        w = view.words[i]
        if not (len(w.text) == 1 and w.text.isalpha() and w.text.isupper()):
            return False
        # "D/C", "S/P", "A&O": a letter of a clinical abbreviation, not an initial.
        around = view.text[max(0, w.start - 1) : w.start] + view.text[w.end : w.end + 1]
        if any(c in "/&" for c in around):
            return False
        # "Smith, M.D.", "Jones, R.N.": a letter of a dotted credential, not an initial.
        return not dotted_credential(view.text, w.start)

    # -- analysis -----------------------------------------------------------------------
    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        view = TokenView.shared(text, nlp_artifacts)
        spans = self.find(view)
        return [make_result(self, Entity.PERSON, s, e, score) for s, e, score in spans]

    def find(self, view: TokenView) -> list[tuple[int, int, float]]:
        words = view.words
        n = len(words)
        taken = [0.0] * n
        eponym = eponym_words(view)
        for i in range(n):
            if i in eponym:
                continue
            score = self._word_score(view, i)
            if score > taken[i]:
                taken[i] = score
        # Grow each found word over adjacent name-like words and initials.
        for i in range(n):
            if taken[i] == 0.0:
                continue
            for step in (1, -1):
                k = i + step
                while 0 <= k < n and taken[k] == 0.0 and self._joins(view, k, k - step):
                    taken[k] = taken[i] * 0.95
                    k += step
        spans: list[tuple[int, int, float]] = []
        i = 0
        while i < n:
            if taken[i] == 0.0:
                i += 1
                continue
            j = i
            best = taken[i]
            # Adjacent found words form one span across spaces, commas, periods, hyphens
            # and apostrophes; "Yi; Lakeside" or "Smith (wife)" are two things.
            while j + 1 < n and taken[j + 1] > 0.0 and _joinable(view.gap(j + 1)):
                j += 1
                best = max(best, taken[j])
            end = words[j].end
            if words[j].text[-2:] in {"'s", "’s", "'S", "’S"}:
                end -= 2  # "Smith's team": the name, not the possessive
            spans.append((words[i].start, end, best))
            i = j + 1
        return spans

    def _word_score(self, view: TokenView, i: int) -> float:
        w = view.words[i]
        key = w.key
        if not w.is_alpha or len(key) < 2:
            return 0.0
        lex = self.lexicon
        proper = view.looks_proper(i)
        if not proper:
            # Lower case in mixed-case text is no name, except a listed name that is not a
            # word right after a dotted title: "spoke with mrs. harrington", "dr. nunez".
            return SCORES[Cue.VERB] if self._lower_titled(view, i) else 0.0
        if state_word(view, self.lexicon, i):
            return 0.0
        known = self.known(key)
        unknown = not known and lex.is_unknown_proper(key)
        if (self.blocked(key) or not (known or unknown)) and not title_near(view, i):
            return 0.0  # fast path: only a title or credential could make this a name
        ambiguous = self.ambiguous(key)
        cue = person_cue(view, i, i + 1)
        if cue < Cue.RELATIVE and self._family_after(view, i, known, unknown):
            cue = Cue.RELATIVE
        titled_verb = key in NAME_VERBS and w.is_title and not view.shouting  # "Mr. Page"
        if cue == Cue.STRONG and (key not in NOT_NAMES or titled_verb) and w.text[:1].isupper():
            # "Dr. Swan": a title beats the stop list. Upper-case text needs more than a
            # capital letter: "MS IMPROVED" is mental status, not Ms. Improved.
            # (In mostly lower-case text a capital letter is informative again.)
            if not view.upper or (known and not ambiguous) or unknown:
                return SCORES[Cue.STRONG]
            if known and key not in lex.stoplist and view.words[i - 1].key != "ms":
                return SCORES[Cue.STRONG] - 0.1
            return 0.0
        if self.blocked(key) or not proper:
            return 0.0
        if known and self._surname_initial(view, i):
            return SCORES[Cue.VERB]
        if w.is_upper and not view.shouting and (len(key) < 3 or lex.is_english(key)):
            return 0.0  # "CO 4.5", "MAX": abbreviations and words in caps, in mixed text
        english = lex.is_english(key)
        if cue >= Cue.WEAK and known:
            if view.shouting and english and cue < Cue.VERB:
                return 0.0  # "ORIENTED TO SELF": a preposition is no cue for a word
            if not ambiguous or (proper and not view.shouting and cue >= Cue.VERB):
                return SCORES[cue]
            return 0.0
        if unknown and cue >= Cue.RELATIVE:
            return SCORES[cue] - 0.1
        if unknown and cue == Cue.VERB and len(key) >= 4:
            return 0.65
        if unknown and self._unknown_pair(view, i):
            return LIST_ONLY_SCORE  # "Kornel Gwara's ...": two unknown proper words in a row
        if known and ambiguous and i > 0 and self._first_surname(view, i - 1):
            return FULL_NAME_SCORE - 0.1
        if not known or ambiguous:
            return 0.0
        # Known name, unambiguous, no cue: capitalisation and neighbours decide.
        if not proper:
            return 0.0
        if self._pair(view, i):
            return FULL_NAME_SCORE
        if view.caseless(i):
            # Upper case hides the difference between "POST" and "Post": words need a cue.
            if self._plausible_alone(key) and not lex.is_english(key):
                return SHOUTING_LIST_ONLY_SCORE
            return 0.0
        if view.sentence_initial(i) and (english or not lex.is_surname(key)):
            return 0.0  # "Fell at home": a capital after a full stop proves nothing
        return LIST_ONLY_SCORE if self._plausible_alone(key, 20000) else 0.0

    def _particle(self, view: TokenView, k: int) -> bool:
        """A lower-case surname particle ("de", "la", "van", "der") followed, across up to
        one more particle, by a Title-case word: part of the name it sits in."""
        words = view.words
        if words[k].key not in _PARTICLES or not words[k].text.islower() or view.shouting:
            return False
        j = k + 1
        hops = 0
        while j < len(words) and words[j].key in _PARTICLES and hops < 2:
            j += 1
            hops += 1
        return (
            j < len(words)
            and view.gap(j) == " "
            and words[j].is_title
            and not self.blocked(words[j].key)
        )

    def _lower_titled(self, view: TokenView, i: int) -> bool:
        """A lower-case name right after a dotted title ("mrs. harrington", "dr. okonkwo")
        or a relative ("partner devon"): listed, or (after a title) unknown, never a word."""
        if i == 0 or "\n" in view.gap(i):
            return False
        key = view.words[i].key
        lex = self.lexicon
        before, gap = view.words[i - 1].key, view.gap(i)
        if self.blocked(key) or len(key) < 3:
            return False
        if before in TITLES and (gap in {". ", "."} or (before == "dr" and gap == " ")):
            if lex.is_english(key):
                return False
            return self.known(key) or (len(key) >= 4 and lex.is_unknown_proper(key))
        if gap != " ":
            return False
        if i > 1 and _SELF_INTRO.get(view.words[i - 2].key) == before:
            # "this is john", "my name is ana": the cue makes even a first name that is also
            # a word ("john", "bill") a name.
            return lex.is_first(key)
        if before in RELATIVES:  # "partner devon"; not "son will visit", "wife may call"
            return lex.is_first(key) and not lex.is_english(key)
        # The surname after such a first name: "this is john doyle".
        return (
            self.known(key)
            and not self.ambiguous(key)
            and not lex.is_english(key)
            and self._lower_titled(view, i - 1)
        )

    def _unknown_pair(self, view: TokenView, i: int) -> bool:
        """Two adjacent Title-case words that are neither words nor jargon, in mixed case."""
        if view.shouting or not view.words[i].is_title:
            return False
        for k in (i - 1, i + 1):
            if not 0 <= k < len(view.words) or view.gap(max(i, k)) != " ":
                continue
            other = view.words[k]
            if (
                other.is_title
                and not self.blocked(other.key)
                and (
                    self.lexicon.is_unknown_proper(other.key)
                    or (self.known(other.key) and not self.ambiguous(other.key))
                )
            ):
                return True
        return False

    def _surname_initial(self, view: TokenView, i: int) -> bool:
        """ "Green, F" / "J. Green": a listed surname next to an initial."""
        words = view.words
        key = words[i].key
        if not self.lexicon.is_surname(key) or key in self.lexicon.stoplist:
            return False
        if (
            i + 1 < len(words)
            and view.gap(i + 1).strip() == ","
            and self.initial(view, i + 1)
            and (i + 2 >= len(words) or view.gap(i + 2)[:1] in {".", ",", " ", "\n", ";"})
        ):
            return True
        return i > 0 and self.initial(view, i - 1) and view.gap(i) in {". ", "."}

    def _plausible_alone(self, key: str, max_rank: int = 10000) -> bool:
        """Without a cue, only fairly common surnames or first names count alone: the long
        tail of the census list is full of abbreviations and drug-like strings."""
        rank = self.lexicon.surname_rank.get(key)
        return (
            key in self.site_names
            or key in self.lexicon.first_names
            or (rank is not None and rank <= max_rank and len(key) >= 3)
        )

    def _pair(self, view: TokenView, i: int) -> bool:
        """First name next to a surname (or the reverse with a comma): "John Smith"."""
        words = view.words
        for k in (i - 1, i + 1):
            if not 0 <= k < len(words) or "\n" in view.gap(max(i, k)):
                continue
            other = words[k].key
            if not view.looks_proper(k) or self.blocked(other):
                continue
            if self.known(other) and not self.ambiguous(other):
                return True
            if self._first_surname(view, min(i, k)):
                return True
            if self.lexicon.is_unknown_proper(other) and (not view.shouting or len(other) > 3):
                return True
        return False

    def _family_after(self, view: TokenView, i: int, known: bool, unknown: bool) -> bool:
        """ "the Kurian family", "Miller household": a surname before a family word. An
        ordinary word there ("Large family") needs to be a frequent surname."""
        words = view.words
        if i + 1 >= len(words) or words[i + 1].key not in _FAMILY or view.gap(i + 1) != " ":
            return False
        key = words[i].key
        if unknown:
            return True
        return known and (
            not self.lexicon.is_english(key) or self.lexicon.surname_rank.get(key, 10**6) <= 1000
        )

    def _first_surname(self, view: TokenView, f: int) -> bool:
        """ "Joshua Page", "John Rich": in mixed case, an unambiguous first name followed by a
        Title-case surname makes a name even when the surname is also a word."""
        words = view.words
        if view.shouting or f + 1 >= len(words) or view.gap(f + 1) != " ":
            return False
        first, last = words[f], words[f + 1]
        lex = self.lexicon
        return (
            first.is_title
            and last.is_title
            and lex.is_first(first.key)
            and not self.ambiguous(first.key)
            and lex.surname_rank.get(last.key, 10**6) <= 5000
            and last.key not in lex.stoplist
            and not self.blocked(last.key)
            and not state_word(view, self.lexicon, f + 1)
        )

    def _surname_slot(self, view: TokenView, k: int, anchor: int) -> bool:
        """A listed surname right after a found first name fills the surname slot even when
        it is also a word: "Joshua Page"; in caps only a frequent surname before a clause
        boundary ("THE PATIENT JOHN WHITE WAS SEEN", "HUSBAND CAROL WHITE AND ...")."""
        words = view.words
        w, first = words[k], words[anchor]
        lex = self.lexicon
        if not w.is_alpha or w.key in _NOT_SURNAME or w.key in lex.stoplist:
            return False
        if self.ambiguous(first.key) or state_word(view, self.lexicon, k):
            return False
        rank = lex.surname_rank.get(w.key)
        if rank is None:
            return False
        if not view.caseless(k) and not view.caseless(anchor):
            return w.is_title and first.is_title
        if w.key in NAME_VERBS or rank > 1000:
            return False
        nxt = k + 1
        if nxt >= len(words) or view.gap(nxt).strip(" ") not in {""}:
            return True  # end of text or punctuation after the surname
        return words[nxt].key in _AFTER_NAME

    def _joins(self, view: TokenView, k: int, anchor: int) -> bool:
        """Whether word k extends the name at ``anchor`` (adjacent, same line)."""
        left = min(k, anchor)
        gap = view.gap(max(k, anchor))
        if gap == " " and self._particle(view, k):
            return True  # "María José de la Cruz", "Van der Berg"
        if "\n" in gap or len(gap) > 3 or gap.strip(" .,'-") != "":
            return False
        # "J. Smith" joins across the period; "... applied. SW Smith" does not.
        if "." in gap and not self.initial(view, left):
            return False
        if gap.strip() == "," and not (self.initial(view, k) or self.known(view.words[k].key)):
            return False
        w = view.words[k]
        if self.initial(view, k):
            return True
        first_before = k == anchor + 1 and self.lexicon.is_first(view.words[anchor].key)
        if (
            first_before
            and w.key in self.lexicon.stoplist
            and self.lexicon.is_surname(w.key)
            and view.looks_proper(k)
            and gap == " "
        ):
            return True  # "Joseph Burns", "John Foley": a surname that is also a term
        if first_before and gap == " " and self._surname_slot(view, k, anchor):
            return True
        if (
            k == anchor - 1
            and gap == " "
            and w.is_title
            and not view.shouting
            and self.lexicon.is_first(w.key)
            and w.key in self.lexicon.stoplist
            and w.key not in NOT_NAMES
        ):
            return True  # "Mae Holloway": a first name that is also jargon (MAE), in Title case
        if not w.is_alpha or self.blocked(w.key) or not view.looks_proper(k):
            return False
        if w.is_upper and not view.shouting and len(w.text) <= 4 and not self.known(w.key):
            return False  # "Farah Siddiqui NPI": an acronym after a name is not part of it
        if state_word(view, self.lexicon, k):
            return False  # "Cranston, Florida 04394": a state in an address
        if self.known(w.key):
            # "LAWRENCE STATES": in caps, an everyday word does not extend a name.
            return not (view.caseless(k) and self.ambiguous(w.key))
        if k < anchor and view.sentence_initial(k) and self.lexicon.is_english(w.key):
            return False  # "Guarantor Nihal Jha": a capital at a sentence start proves nothing
        return (not view.shouting and w.is_title) or self.lexicon.is_unknown_proper(w.key)
