"""Person names from census first-name and surname lists, context cues and a clinical stop list.

General NER tags Foley, neuro and Ativan as people in ICU notes. This recognizer instead asks,
for each word: is it a known name, is it also an ordinary or clinical word, how is it
capitalised, and what cue stands next to it (Dr, RN, wife, "spoke with")? Words next to a
found name that look like names or initials join the span ("John A. Smith", "Smith, J").
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Collection
from typing import TYPE_CHECKING

from presidio_analyzer import RecognizerResult

from auditor.phi.calendar import HOLIDAY, HOLIDAY_STARTS
from auditor.phi.entities import Entity
from auditor.phi.recognizers.base import LocalRecognizer
from auditor.phi.recognizers.cues import (
    ROLE_GAPS,
    Cue,
    person_cue,
    state_word,
    title_before_initials,
)
from auditor.phi.recognizers.eponyms import eponym_words, title_near
from auditor.phi.recognizers.lexicon import (
    HONORIFICS,
    NAME_VERBS,
    NOT_NAMES,
    RANKS,
    RELATIVES,
    ROLE_WORDS,
    TITLES,
    Lexicon,
)
from auditor.phi.recognizers.name_joins import (
    GIVEN_ABBREVIATIONS,
    SPEECH_AFTER,
    NameWords,
    joinable,
    month_before_day,
)
from auditor.phi.recognizers.not_persons import vowelless
from auditor.phi.recognizers.patterns import make_result
from auditor.phi.recognizers.places import irish_county_words
from auditor.phi.recognizers.tokens import TokenView, normalize
from auditor.phi.recognizers.vehicles import is_vehicle

if TYPE_CHECKING:
    from presidio_analyzer.nlp_engine import NlpArtifacts

# A form's label given in two languages: the word before "/Age:" is the same label.
_LABEL_PAIR = re.compile(r"/[ \t]?[A-Za-z][A-Za-z .'’]{1,24}:")
_QUOTE_OPEN = frozenset({'"', "“", '("', "(“", "'", "‘", "('"})
_QUOTE_CLOSE = frozenset({'"', "”", '")', "”)", "'", "’", "')"})
# Results written after an examination sign ("Lachman neg", "Tinel positive").
_RESULTS = frozenset({"neg", "pos", "negative", "positive", "equivocal", "neg.", "nl"})
# Past tenses and gerunds after "dr" are what the doctor did: "dr called", "dr rounding".
_VERBISH = re.compile(r"(?:ed|ing)$")
_FAMILY = frozenset({"family", "families", "household"})

SCORES = {
    Cue.STRONG: 0.95,
    Cue.RELATIVE: 0.85,
    Cue.VERB: 0.75,
    Cue.WEAK: 0.7,
}
FULL_NAME_SCORE = 0.85
LIST_ONLY_SCORE = 0.6
# What may stand before "Surname, Given" on its line: nothing, a clock time, a bed, a label
# ("Pt =", "S:", "Name:", "Reply to").
_LIST_HEAD = re.compile(
    r"[ \t]*+(?:\d{3,4}[ \t]++|(?i:bed|rm|room)[ \t]*+\d{1,3}[A-Za-z]?[ \t:-]++)?"
    r"(?:(?i:pt|patient|name|s|re|reply[ \t]+to|to|from|client|resident|member|employee)"
    r"[ \t]*+[:=]?[ \t]*)?"
)
# A login spelled "given.surname" (``NameRecognizer._dotted_login``).
LOGIN_NAME_SCORE = 0.7
# A file's type after a dot, which no login ends in ("anna.docx").
_FILE_TYPES = frozenset(
    {"doc", "docx", "xls", "xlsx", "ppt", "pptx", "pdf", "txt", "csv", "json", "yaml", "yml",
     "xml", "html", "htm", "png", "jpg", "jpeg", "gif", "tif", "tiff", "zip", "exe", "log",
     "tmp", "bak", "msg", "eml", "rtf", "odt", "md", "py", "js", "css", "sql", "dat", "dcm",
     "hl7", "mp3", "mp4", "wav", "mov", "ini", "cfg"}
)  # fmt: skip
SHOUTING_LIST_ONLY_SCORE = 0.55


# An age over 89 right after a name: "mrs o'neill 94,", "HENDERSON Moira 90, UR", "Price 102
# from": 90-120 that is not a measurement ("90/60", "99.5", "95%", "100 mg").
# A generational suffix is part of the name it follows: "Adam Webb Jr.", "Hale, III".
_GENERATION = re.compile(r",?[ \t]+(?:Jr|JR|Sr|SR|II|III|IV)\b\.?")


def _closes(view: TokenView, i: int) -> bool:
    """Word i ends its clause ("with daughter grace." / "son bill, ..."): no verb follows."""
    if i + 1 >= len(view.words):
        return view.text[view.words[i].end :].strip()[:1] in {"", ".", ",", ";", ")", "!"}
    gap = view.gap(i + 1)
    return any(c in ".,;:)\n" for c in gap)


def _with_generation(text: str, end: int) -> int:
    m = _GENERATION.match(text, end)
    return m.end() if m else end


# (ages 90-110: "Holloway, Bertram (112)" is a room; no one in a record is older)
_AGE_AFTER_NAME = re.compile(
    r"[ \t]*+,?[ \t]*+\(?(9\d|10\d|110)\)?"
    r"(?![.,]\d)(?![ \t]*(?:%|/|x\b|mg|mcg|ml|mmhg|kg|lbs?|bpm|units?\b|u\b|cm|mm))(?=\W|$)"
)
# A word that labels the number after it, closing what was read as a name ("Grant Rd,
# Suite 104", "Bed 102"): the number is the suite's or the bed's, not an age.
_NUMBER_LABEL_LAST = re.compile(
    r"(?i:\b(?:suite|ste|apt|apartment|unit|room|rm|bed|flat|box|lot|floor|level|bay|ward))\.?$"
)
# A record number between the name and the age, as a header line lists them: "Merv Tuckfield,
# UR D553017, 96, frail" (a short label, then letters and digits).
_ID_AFTER_NAME = re.compile(
    r",[ \t]*+(?:[A-Za-z#.]{1,6}[ \t]*+[:#]?[ \t]*+)?[A-Z]{0,3}\d[\w-]{2,}(?:[ ]\d[\w-]{2,}){0,4}"
    r"(?=[ \t]*,)"
)
# The same name in Chinese, Japanese or Korean characters in brackets right after the
# romanised one, as Hong Kong, Singapore, Taiwan and Korean records print it: "CHEUK Wai Man
# (卓偉文)", "Kim Ji-woo (김지우)".
_NAME_IN_SCRIPT = re.compile(
    r"[ \t]*[(（][ \t]*([\u4e00-\u9fff\u3400-\u4dbf\uac00-\ud7af\u3040-\u30ff]{2,5})[ \t]*[)）]"
)

# Words before a writer's own name in messages: "this is john", "my name is ana" (key: the
# word two before the name, value: the word right before it).
_SELF_INTRO = {"this": "is", "name": "is"}
# The words before a lower-case name that _lower_titled reads as its cue; after any other
# word only a listed name after a blank, itself after such a name, can be one.
_LOWER_NAME_CUES = frozenset(
    TITLES
    | RELATIVES
    | {"mrs", "mr", "ms", "miss", "missus", "mister", "pt", "patient"}
    | set(_SELF_INTRO.values())
)


def _title_before(view: TokenView, i: int) -> bool:
    """A title right before word i, or before its initials ("Mr T. Sebothoma", "Mr S.M.
    Pheko": a surname no list holds, whose ending a term's could be, is named by the title
    all the same)."""
    return (i > 0 and view.words[i - 1].key in TITLES) or title_before_initials(view, i)


# A family history's qualifiers of a date after "b." or "d." ("b. abt 1838", "d. bef 1901"):
# no surname after a lower-case initial.
_DATE_QUALIFIERS = frozenset({"abt", "bef", "aft", "est", "ca", "circa", "bet", "bapt", "bur"})


class NameRecognizer(NameWords, LocalRecognizer):
    """PERSON spans from name lists (+ site names) and cues; see the module docstring."""

    def __init__(self, lexicon: Lexicon, site_names: Collection[str] = ()) -> None:
        self.lexicon = lexicon
        self.site_names = frozenset(site_names)
        super().__init__("AuditorNameRecognizer", [Entity.PERSON.value, Entity.AGE.value])

    # -- analysis -----------------------------------------------------------------------
    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        view = TokenView.shared(text, nlp_artifacts)
        spans = [(s, _with_generation(text, e), score) for s, e, score in self.find(view)]
        spans += self._repeated(view, spans)
        spans = [
            span
            for span in spans
            if _still_a_name(text, span[0], span[1]) and not _a_product(text, *span)
        ]
        out = [make_result(self, Entity.PERSON, s, e, score) for s, e, score in spans]
        scripts = not text.isascii()
        for start, end, score in spans:
            if scripts and (script := _NAME_IN_SCRIPT.match(text, end)):
                out.append(make_result(self, Entity.PERSON, *script.span(1), score))
            if _NUMBER_LABEL_LAST.search(text, start, end):
                continue  # "E. Grant Rd, Suite 104": a suite's number, no age
            age = _AGE_AFTER_NAME.match(text, end)
            if age is None and (record := _ID_AFTER_NAME.match(text, end)) is not None:
                age = _AGE_AFTER_NAME.match(text, record.end())
            if age is not None:
                out.append(make_result(self, Entity.AGE, age.start(1), age.end(1), 0.85))
        return out

    def find(self, view: TokenView) -> list[tuple[int, int, float]]:
        words = view.words
        n = len(words)
        taken = [0.0] * n
        county = irish_county_words(view)
        eponym = eponym_words(view) | county | _holiday_words(view)
        text = view.text
        for i in range(n):
            if i in eponym:
                continue
            if i + 1 < n and words[i + 1].key in _RESULTS and self._test_result(view, i):
                continue
            end = words[i].end
            if text[end : end + 1] == "/" and _LABEL_PAIR.match(text, end):
                continue  # "Edad/Age:", "Tirahan/Address:": a bilingual form's label
            score = self._word_score(view, i)
            if score > taken[i]:
                taken[i] = score
        # Grow each found word over adjacent name-like words and initials.
        for i in range(n):
            if taken[i] == 0.0:
                continue
            for step in (1, -1):
                k = i + step
                while (
                    0 <= k < n
                    and taken[k] == 0.0
                    and k not in county  # "Shannon, Co. Leitrim": no name runs into it
                    and self._joins(view, k, k - step)
                ):
                    taken[k] = taken[i] * 0.95
                    k += step
        # Words next to a found word that only a second look joins (one pass, cheap tests
        # first): a nickname in quotes inside a name ('Rodelio "Dodong" Macaraeg', 'deshawn
        # "dee" mcallister') and the surname after it; a lower-case middle initial ("laura
        # s. curran") and the surname after it when it is listed or unknown, not English.
        for k in range(1, n - 1):
            if taken[k] != 0.0 and taken[k - 1] != 0.0 and view.gap(k).strip(" ") in _QUOTE_OPEN:
                # the nickname found too ('TERESITA "TESSIE" QUINATA'): the surname after it
                self._bridge_nickname(view, taken, k)
                continue
            if taken[k] != 0.0 or (taken[k - 1] == 0.0 and taken[k + 1] == 0.0):
                continue
            if len(words[k].text) == 1:
                self._bridge_initial(view, taken, k)
            elif view.gap(k).strip(" ") in _QUOTE_OPEN:
                self._bridge_nickname(view, taken, k)
        # A name coordinated with a found one: "sons Merlin and Orie", "daughters Ngaire
        # and Tui", "Parents Rhys & Bethan" (the same kind of word across "and" or "&").
        if not view.shouting:
            for k in range(n):
                if k in eponym or taken[k] != 0.0:
                    continue  # ("Barlow and Ortolani": two manoeuvres)
                if (other := self._coordinated(view, taken, k)) >= 0:
                    taken[k] = taken[other] * 0.9
        # A surname before its given name and a comma where a line or a field opens, as
        # lists and headers write a patient ("0800 Riklon, Tarmo, 47 yo M", "Pt = Kinneeveauk,
        # Amos;"): the given name found, the surname no list knows.
        for k in range(1, n):
            if taken[k] > 0.0 and taken[k - 1] == 0.0 and self._inverted_surname(view, k):
                taken[k - 1] = taken[k] * 0.95
        # A login of a given name and a surname joined by a dot, as chat exports and audit
        # logs print a user ("[09:17] tom.dranefield:", "by leila.farahani"): the name itself.
        for k in range(1, n):
            if view.gap(k) == "." and self._dotted_login(view, k):
                taken[k - 1] = max(taken[k - 1], LOGIN_NAME_SCORE)
                taken[k] = max(taken[k], LOGIN_NAME_SCORE)
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
            while (
                j + 1 < n
                and taken[j + 1] > 0.0
                and joinable(view.gap(j + 1))
                and not self._sentence_break(view, j + 1)
            ):
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
        if key in HONORIFICS and i + 1 < len(view.words) and view.words[i + 1].text[:1].isupper():
            return 0.0  # "wife, Sra. Vega", "Puan Noraini": the form of address, not the name
        if key in _KIN_KINDS and i + 1 < len(view.words) and view.words[i + 1].key in _KIN_AFTER:
            return 0.0  # "Foster mother", "Bio dad", "Birth parents": a kind of kin, no name
        lex = self.lexicon
        proper = view.looks_proper(i)
        if not proper:
            # Lower case in mixed-case text is no name, except a listed name that is not a
            # word right after a dotted title: "spoke with mrs. harrington", "dr. nunez".
            lower_titled = self._lower_titled(view, i) and not view.everyday(i)
            return SCORES[Cue.VERB] if lower_titled else 0.0  # (not "Hija llorando")
        if state_word(view, self.lexicon, i):
            return 0.0
        if month_before_day(view, i):
            return 0.0  # "Winnipeg Oct 2/20", "from Mar 3": a date's month, not a name
        if (
            key in ROLE_WORDS
            and i + 1 < len(view.words)
            and view.gap(i + 1) == " "
            and view.words[i + 1].text[:1].isupper()
        ):
            return 0.0  # "Captain Lee", "DRIVER SHAUGHNESSY": the role before a name
        known, blocked, ambiguous, english, unknown_proper = self._facts(key)
        unknown = not known and unknown_proper
        if blocked and self._named_relative(view, i, english):
            return SCORES[Cue.RELATIVE]  # "daughter Thora", "interpreter Candida"
        if (blocked or not (known or unknown)) and not title_near(view, i):
            return 0.0  # fast path: only a title or credential could make this a name
        cue = person_cue(view, i, i + 1)
        if cue < Cue.RELATIVE and self._family_after(view, i, known, unknown):
            cue = Cue.RELATIVE
        if cue < Cue.VERB and (unknown or not english) and _after_role(view, i):
            cue = Cue.VERB  # "Nurse Vaitogi", "supervisor Puttaswamy", "Agent: Darren"
        if (
            cue < Cue.RELATIVE
            and (unknown or not english)
            and _aged_or_kin_after(view, i, lex.is_first(key))
        ):
            cue = Cue.RELATIVE  # "Moana (8)", "Divya (baby's aunt)", "Tou (eldest)"
        titled_verb = key in NAME_VERBS and w.is_title and not view.shouting  # "Mr. Page"
        if cue == Cue.STRONG and not (known or unknown) and not _title_before(view, i):
            return 0.0  # "Notified MD", "Charge RN": a word before a credential, no name
        if (
            cue == Cue.STRONG
            and (key not in NOT_NAMES or titled_verb)
            and w.text[:1].isupper()
            and not vowelless(key)  # "moderate MR. RVSP": mitral regurgitation, no Mr.
        ):
            # "Dr. Swan": a title beats the stop list. Upper-case text needs more than a
            # capital letter: "MS IMPROVED" is mental status, not Ms. Improved.
            # (In mostly lower-case text a capital letter is informative again.)
            if not view.upper or (known and not ambiguous) or unknown:
                return SCORES[Cue.STRONG]
            if known and key not in lex.stoplist and view.words[i - 1].key != "ms":
                return SCORES[Cue.STRONG] - 0.1
            return 0.0
        if blocked or not proper:
            return 0.0
        if known and self._surname_initial(view, i):
            return SCORES[Cue.VERB]
        if w.is_upper and not view.shouting and (len(key) < 3 or english):
            return 0.0  # "CO 4.5", "MAX": abbreviations and words in caps, in mixed text
        if cue >= Cue.WEAK and known:
            if view.shouting and english and cue < Cue.VERB:
                return 0.0  # "ORIENTED TO SELF": a preposition is no cue for a word
            if not ambiguous or (proper and not view.shouting and cue >= Cue.VERB):
                return SCORES[cue]
            if cue >= Cue.RELATIVE and lex.is_first(key) and _closes(view, i):
                return SCORES[cue]  # "with daughter destiny.", "SON BILL," (a word, but named)
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
            if self._plausible_alone(key) and not english:
                return SHOUTING_LIST_ONLY_SCORE
            return 0.0
        if view.sentence_initial(i) and (english or not lex.is_surname(key)):
            return 0.0  # "Fell at home": a capital after a full stop proves nothing
        return LIST_ONLY_SCORE if self._plausible_alone(key, 20000) else 0.0

    def _inverted_surname(self, view: TokenView, k: int) -> bool:
        """Word ``k`` is a listed given name after "Surname, " that opens a line or a field,
        the surname a capitalised word no English word or term explains."""
        given, family = view.words[k], view.words[k - 1]
        if view.gap(k) != ", " or not self.lexicon.is_first(given.key) or not given.is_title:
            return False
        if not (family.is_title or family.is_upper) or len(family.key) < 2 or not family.is_alpha:
            return False
        _, blocked, _, english, unknown_proper = self._facts(family.key)
        if blocked or english or not (unknown_proper or self.lexicon.is_surname(family.key)):
            return False
        if family.key in self.lexicon.places:
            return False  # "Boston, Mary called": a place before a comma as often
        line = view.text[: family.start].rsplit("\n", 1)[-1]
        return _LIST_HEAD.fullmatch(line) is not None

    def _dotted_login(self, view: TokenView, k: int) -> bool:
        """Words ``k - 1`` and ``k``, joined by a dot, are a lower-case login "given.surname"
        (a digit or two may follow) that is no e-mail address, host, path or file: a listed
        given name, then a listed surname or an unknown word that is no English one."""
        given, family = view.words[k - 1], view.words[k]
        surname = family.key.rstrip("0123456789")
        if not (given.text.islower() and family.text.islower() and given.is_alpha):
            return False
        if len(given.key) < 2 or len(surname) < 2 or not surname.isalpha():
            return False
        if len(family.key) - len(surname) > 2 or surname in _FILE_TYPES:
            return False
        text = view.text
        before = text[given.start - 1 : given.start]
        after = text[family.end : family.end + 2]
        if before in {"@", ".", "/", "\\", ":", "_", "-"} or after[:1] in {"@", "_", "/"}:
            return False  # an address, a host or a path
        if after[:1] == "." and after[1:2].isalnum():
            return False  # "mary.jones.example": a host name goes on
        lex = self.lexicon
        if not lex.is_first(given.key):
            return False
        if lex.is_surname(surname):  # ("john.smith" yes, "will.call" no: two English words)
            return not self.english(surname) or not self.english(given.key)
        _, blocked, _, english, unknown_proper = self._facts(surname)
        return not blocked and not english and unknown_proper

    def _coordinated(self, view: TokenView, taken: list[float], k: int) -> int:
        """The index of a found name word joined to word ``k`` by "and" or "&", when ``k``
        is a capitalised word no English word explains (a listed name or an unknown proper
        word), else -1."""
        words = view.words
        w = words[k]
        if not w.is_title or len(w.key) < 3 or view.everyday(k):
            return -1
        known, blocked, _, english, unknown_proper = self._facts(w.key)
        if blocked or english or not (known or unknown_proper):
            return -1
        n = len(words)
        for step in (1, -1):
            other = k + step
            if 0 <= other < n and view.gap(max(k, other)).strip() == "&":
                if taken[other] > 0.0 and words[other].is_title:
                    return other
                continue
            conj, other = k + step, k + 2 * step
            if (
                0 <= other < n
                and words[conj].text == "and"
                and view.gap(max(k, conj)) == " "
                and view.gap(max(conj, other)) == " "
                and taken[other] > 0.0
                and words[other].is_title
            ):
                return other
        return -1

    def _named_relative(self, view: TokenView, i: int, english: bool) -> bool:
        """A given name that is also a clinical term (so on the stop list) right after a
        relative or an interpreter, capitalised in mixed-case text: "daughter Thora",
        "interpreter Candida". The relative word is the cue a term never has."""
        w = view.words[i]
        return (
            i > 0
            and w.is_title
            and not view.upper
            and view.gap(i) == " "
            and view.words[i - 1].key in _NAMING_RELATIVES
            and self.lexicon.is_first(w.key)
            and not english
        )

    def _bridge_nickname(self, view: TokenView, taken: list[float], k: int) -> None:
        words = view.words
        if (
            view.gap(k + 1).strip(" ") not in _QUOTE_CLOSE
            or not words[k].is_alpha
            or self.blocked(words[k].key)
        ):
            return
        taken[k] = max(taken[k], max(taken[k - 1], taken[k + 1]) * 0.95)
        nxt = words[k + 1]
        if (
            taken[k + 1] == 0.0
            and not self.blocked(nxt.key)
            and not self.english(nxt.key)
            and (self.known(nxt.key) or self.unknown_proper(nxt.key))
        ):
            taken[k + 1] = taken[k]

    def _bridge_initial(self, view: TokenView, taken: list[float], k: int) -> None:
        words = view.words
        lex = self.lexicon
        if not words[k].text.isalpha() or view.gap(k) != " " or taken[k - 1] == 0.0:
            return
        after = view.gap(k + 1)
        nxt = words[k + 1]
        if (
            taken[k + 1] == 0.0
            and after == ". "
            and nxt.text.islower()
            and nxt.key not in _DATE_QUALIFIERS  # "Peter Leamy b. abt 1838": born about
            and not self.blocked(nxt.key)
            and not self.english(nxt.key)
            and (lex.is_surname(nxt.key) or self.unknown_proper(nxt.key))
        ):
            taken[k + 1] = taken[k - 1] * 0.95
        if taken[k + 1] > 0.0 and (after == ". " or (after == " " and words[k].key not in "ai")):
            taken[k] = min(taken[k - 1], taken[k + 1])

    def _repeated(
        self, view: TokenView, spans: list[tuple[int, int, float]]
    ) -> list[tuple[int, int, float]]:
        """A name found with good evidence (a cue, or two name words together) names the same
        person where the text repeats it alone: "Educator: Shirin Mazandarani ..." then a
        sign-off "Shirin". Only words that are no English or clinical word, capitalised as
        they were found."""
        text = view.text
        strong = [
            (s, e) for s, e, score in spans if score >= 0.8 or (score >= 0.6 and " " in text[s:e])
        ]
        if not strong:
            return []
        words = view.words
        names: set[str] = set()
        covered: set[int] = set()
        starts = [w.start for w in words]
        for s, e in strong:
            for k in range(bisect_left(starts, s), bisect_left(starts, e)):
                covered.add(k)
                w = words[k]
                if (
                    len(w.key) >= 3
                    and w.is_title
                    and not self.blocked(w.key)
                    and not self.ambiguous(w.key)
                    and not self.english(w.key)
                ):
                    names.add(w.text)
        if not names:
            return []
        return [
            (w.start, w.end, 0.7)
            for k, w in enumerate(words)
            if k not in covered and w.text in names
        ]

    @staticmethod
    def _test_result(view: TokenView, i: int) -> bool:
        """An examination sign read as its result: "MCMURRAY NEG, LACHMAN NEG", "Phalen
        positive bilaterally"; not a person's result ("Garcia positive for MRSA") nor a
        titled name."""
        words = view.words
        if i + 1 >= len(words) or words[i + 1].key not in _RESULTS:
            return False
        if view.gap(i + 1) not in {" ", ": ", " - ", "-"} or title_near(view, i):
            return False
        if i > 0 and words[i - 1].key in RELATIVES and view.gap(i) == " ":
            return False
        return i + 2 >= len(words) or words[i + 2].key not in {"for", "to", "on", "with"}

    @staticmethod
    def _sentence_break(view: TokenView, k: int) -> bool:
        """A full stop after a whole word, then a space, ends a sentence: "RUCK MARCH.
        MCMURRAY NEG" is two things; "J. Smith" and "Wm. Carey" are one name."""
        gap = view.gap(k)
        before = view.words[k - 1].text
        return (
            "." in gap
            and gap.rstrip(" ") != gap
            and len(before) > 1
            and before not in GIVEN_ABBREVIATIONS
        )

    def _lower_titled(self, view: TokenView, i: int) -> bool:
        """A lower-case name right after a dotted title ("mrs. harrington", "dr. okonkwo")
        or a relative ("partner devon"): listed, or (after a title) unknown, never a word."""
        if i == 0 or "\n" in view.gap(i):
            return False
        key = view.words[i].key
        lex = self.lexicon
        before, gap = view.words[i - 1].key, view.gap(i)
        if before not in _LOWER_NAME_CUES and (gap != " " or len(key) < 3 or not self.known(key)):
            return False  # (most lower-case words: only the last case below is left to them)
        if self.blocked(key) or len(key) < 3:
            return False
        if before in RANKS:
            return False
        if before in TITLES and (gap in {". ", "."} or (before == "dr" and gap == " ")):
            if self.english(key):
                # "dr lopes", "mrs. rich": a listed surname that is also a word, written in
                # lower case after a title; not a verb or other cue word ("dr called").
                return (
                    lex.is_surname(key)
                    and key not in NAME_VERBS
                    and (gap != " " or key not in SPEECH_AFTER)  # "dr said ok"
                    and not _VERBISH.search(key)
                )
            return self.known(key) or (len(key) >= 4 and self.unknown_proper(key))
        if (
            before in {"mrs", "mr", "ms", "miss", "missus", "mister"}
            and gap == " "
            and not (self.english(key))
        ):
            # Handover shorthand without the dot: "bed 14 - mrs o'neill". "mr"/"ms" are also
            # mitral regurgitation and mental status: only a listed name follows them.
            if self.known(key) and not self.ambiguous(key):
                return True
            return (
                before in {"mrs", "miss", "missus"} and len(key) >= 4 and self.unknown_proper(key)
            )
        if gap != " ":
            return False
        if i > 1 and _SELF_INTRO.get(view.words[i - 2].key) == before:
            # "this is john", "my name is ana": the cue makes even a first name that is also
            # a word ("john", "bill") a name.
            return lex.is_first(key)
        if before in RELATIVES:  # "partner devon"; not "son will visit", "wife may call"
            if lex.is_first(key):
                return not self.english(key) or _closes(view, i)
            # "w/ friend tyrese, lac to L palm": an unlisted name that ends the phrase
            return len(key) >= 4 and self.unknown_proper(key) and _closes(view, i)
        if before in {"pt", "patient"}:  # "pt deshawn mcallister 23 y/o M"
            return lex.is_first(key) and not self.english(key) and not self.ambiguous(key)
        # The surname after such a first name: "this is john doyle".
        return (
            self.known(key)
            and not self.ambiguous(key)
            and not self.english(key)
            and self._lower_titled(view, i - 1)
        )

    def _plausible_alone(self, key: str, max_rank: int = 10000) -> bool:
        """Without a cue, only fairly common surnames or first names count alone: the long
        tail of the census list is full of abbreviations and drug-like strings, and a
        two-letter first name alone ("Na 140", "Al 3.2") is more often a lab or an abbreviation."""
        if key in self.site_names:
            return True
        if len(key) < 3:
            return False
        rank = self.lexicon.surname_rank.get(key)
        return key in self.lexicon.first_names or (rank is not None and rank <= max_rank)

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
            not self.english(key) or self.lexicon.surname_rank.get(key, 10**6) <= 1000
        )


# What kind of parent or home a word says ("Foster mother", "Bio dad", "Adoptive parents").
_KIN_KINDS = frozenset({"foster", "bio", "biological", "birth", "adoptive", "surrogate", "host"})
_KIN_AFTER = RELATIVES | {
    "parents", "family", "families", "home", "homes", "care", "placement", "child", "children",
    "kid", "kids", "siblings",
}  # fmt: skip
# The people whose given name follows them in a note ("daughter Thora", "interpreter Ana").
_NAMING_RELATIVES = (RELATIVES | {"interpreter", "interp", "translator"}) - {"hcp", "proxy"}
# A lower-case administrative unit after a place's name ("lumino parish", "busia district")
# is no surname, and a word said twice ("boda boda", "tuk tuk") is no name.
_LOWER_UNITS = frozenset({"parish", "district", "county", "village", "division", "ward"})


_HOLIDAY = re.compile(rf"(?<![\w'’-])(?:{HOLIDAY})(?![\w'’-])", re.I)
_HOLIDAY_KEYS = frozenset(normalize(w) for w in HOLIDAY_STARTS)


def _holiday_words(view: TokenView) -> set[int]:
    """Word indexes inside a holiday's name ("Viernes Santo", "Domingo de Resurrección"):
    the date rule's, not a given name and a surname."""
    words = view.words
    if not any(w.key in _HOLIDAY_KEYS for w in words):
        return set()
    starts = [w.start for w in words]
    out: set[int] = set()
    for m in _HOLIDAY.finditer(view.text):
        i = bisect_left(starts, m.start())
        while i < len(words) and words[i].start < m.end():
            out.add(i)
            i += 1
    return out


# What follows a medicine's or a vaccine's brand, not a person's name: its strength ("Biodone
# Forte 5mg/mL", "Budecort Respules 0.5mg") or its batch ("Influvac Tetra   Batch: T57K").
_PRODUCT_AFTER = re.compile(
    r"[ \t]*+(?:\([ \t]*+)?\d+(?:[.,]\d+)?[ \t]?"
    r"(?i:mg|mcg|µg|ug|g|ml|iu|units?|u|mmol|meq)(?![^\W_])"
    r"|[ \t,]*+(?i:batch|lot)(?:[ \t]*+(?:no\.?|#))?[ \t]*+:"
)


def _a_product(text: str, start: int, end: int, score: float) -> bool:
    """A name found without a title right before a strength or a batch: a product's brand
    (not a person's name before their medicine: "Cosmo Hale's Ozempic 0.5 mg")."""
    return (
        score < 0.9
        and _PRODUCT_AFTER.match(text, end) is not None
        and "'s " not in text[start:end]
        and "’s " not in text[start:end]
    )


def _still_a_name(text: str, start: int, end: int) -> bool:
    words = text[start:end].split()
    if len(words) < 2:
        return True
    if is_vehicle(text, start, end):
        return False  # a vehicle's make and model
    return len({w.lower() for w in words}) > 1 and words[-1] not in _LOWER_UNITS


# Roles a firm fills as often as a person ("Employer: Tarrant Mills", "Courier: Skyline").
_FIRM_ROLES = frozenset(
    {"employer", "courier", "installer", "examiner", "assessor", "adjuster", "surveyor",
     "inspector", "reader", "engineer", "owner", "landlord", "guarantor"}
)  # fmt: skip


def _after_role(view: TokenView, i: int) -> bool:
    """Word ``i`` follows a role written out (``ROLE_WORDS``: "Coach", "landlord",
    "supervisor") in the case of the text around it: the role introduces a person, so a
    capitalised word there that is no English word is their name, as after a job title."""
    if i == 0 or view.gap(i) not in ROLE_GAPS:
        return False
    role = view.words[i - 1]
    if (
        role.key not in ROLE_WORDS
        or role.key in _FIRM_ROLES
        or role.is_upper
        or role.text.endswith(("'s", "’s"))  # ("Student's Chromebook": a possession)
        or not view.words[i].is_title  # ("Officer: CEO 2217": an officer's code)
    ):
        return False
    # one word and perhaps an initial: a second capitalised word may make it a firm's name
    # ("Examiner: Medexa Southwest"), which other rules read
    nxt = i + 1
    if nxt >= len(view.words) or view.gap(nxt) != " ":
        return True
    after = view.words[nxt]
    return not after.is_title or len(after.text) == 1


# What a note puts in brackets right after a person's given name: a child's age ("Moana
# (8)", "(4 yo)", "(18 mo)") or who they are ("(mother)", "(baby's aunt)", "(eldest)").
_AGE_OR_KIN = re.compile(
    r"[ \t]?\((?:(?P<n>\d{1,2})(?P<unit>[ \t]?(?:y|yo|yrs?|years?|m|mo|mos|months?|wks?|weeks?))?|"
    r"(?:(?:baby|pt|patient|his|her|their)['’]s[ \t])?(?P<kin>[a-z-]+))\)"
)
_KIN_IN_BRACKETS = RELATIVES | {"baby", "eldest", "youngest", "twin", "stepsister", "stepbrother"}


def _aged_or_kin_after(view: TokenView, i: int, given: bool) -> bool:
    """Word ``i`` is followed by an age or a kinship word in brackets. A bare number over 17
    follows a listed given name only ("Gurpreet (45)"; not "Kcentra (50)": a dose)."""
    m = _AGE_OR_KIN.match(view.text, view.words[i].end)
    if m is None:
        return False
    if m.group("kin") is not None:
        return m.group("kin") in _KIN_IN_BRACKETS
    return m.group("unit") is not None or int(m.group("n")) < 18 or given
