"""How found name words grow into full names: word classes and the joining rules.

A name word found by :mod:`names` extends over its neighbours when they look like more of the
same name: initials ("J. Smith"), particles ("de la Cruz"), a surname after a first name that
is also a word ("Joshua Page"). Kept apart from the per-word scoring because it is a separate
question (does this neighbour belong?) with its own evidence.
"""

from __future__ import annotations

import re

from auditor.phi.calendar import MONTH
from auditor.phi.recognizers.cues import dotted_credential, state_word
from auditor.phi.recognizers.lexicon import (
    CALENDAR_WORDS,
    FACILITY_WORDS,
    NAME_VERBS,
    NOT_NAMES,
    POST_TITLES,
    RELATIVES,
    ROLE_WORDS,
    TITLES,
    Lexicon,
)
from auditor.phi.recognizers.not_persons import NOT_PERSON_WORDS, vowelless
from auditor.phi.recognizers.tokens import TokenView
from auditor.phi.stop_words import STOP_WORDS

# A number word after a word makes it a label ("Jomo Kariuki, IP No. KHM/26/0917", "NI no.
# ..."): the word names the number's kind, not the person before it (public: the field
# names read it too).
NUMBER_WORD_AFTER = re.compile(r"[ \t]*(?:No\.|no\.|Nr\.|#|Number\b|number\b)")
# A reading right after a letter: "T 36.8", "T 98.6F", "P 88" (a vital sign, no initial).
READING_AFTER = re.compile(r"[ \t]?\d{2,3}(?:\.\d)?(?![\d/:-])|[+-][ \t]*\d")
_MONTH_KEY = re.compile(MONTH)
_DAY_NUMBER = re.compile(r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\d:])")


def month_before_day(view: TokenView, i: int) -> bool:
    """Whether word ``i`` is a month before its day, across one blank ("Winnipeg Oct 2/20",
    "Mar 3rd", "Jan 18/2005"): a date's month, no name; not before a clock ("May 10:30")."""
    words = view.words
    return (
        _MONTH_KEY.fullmatch(words[i].key) is not None
        and i + 1 < len(words)
        and view.gap(i + 1) in {" ", ". "}
        and _DAY_NUMBER.match(words[i + 1].text) is not None
    )


_NOT_SURNAME = frozenset(STOP_WORDS) | TITLES | POST_TITLES | RELATIVES | FACILITY_WORDS
# Words that close a name in caps text: "JOHN WHITE WAS SEEN", "CAROL WHITE AND DAUGHTER".
_AFTER_NAME = frozenset(
    {"is", "was", "has", "had", "and", "states", "stated", "reports", "reported", "called",
     "visited", "at", "here", "in", "will", "would", "on", "with"}
)  # fmt: skip

# Verbs whose subject is a person, after a name in caps: the surname slot before them holds
# a less frequent surname that is also a word ("TONYA MAJOR ASKED", "LEE BISHOP STATES").
SPEECH_AFTER = frozenset(
    {"asked", "asks", "requested", "requests", "says", "said", "states", "stated", "reports",
     "reported", "called", "calls", "phoned", "wants", "wanted", "visited", "came", "agreed",
     "agrees", "declined", "declines", "consented", "consents", "refused", "refuses"}
)  # fmt: skip
# Lower-case particles inside surnames: "de la Cruz", "van der Berg", "bin Laden" (also read
# by ``name_edges``, at the edges of names other recognizers found).
PARTICLES = frozenset(
    {"de", "la", "del", "della", "di", "da", "das", "dos", "du", "van", "von", "der", "den",
     "ter", "ten", "le", "bin", "ibn", "y", "st",
     # Welsh "ap"/"ab"/"ferch"/"verch", Malay "binti"/"binte"/"bint"/"bte", Arabic
     # "abu"/"al"/"el", German "zu", Nordic "af"
     "ap", "ab", "ferch", "verch", "binti", "binte", "bint", "bte", "abu", "al", "el", "zu",
     "af"}
)  # fmt: skip


# Given names written short with a period, in Title case: "Ma." (María, as Filipino names
# write it), and the clerks' "Wm.", "Thos.", "Chas.", "Jas.", "Geo.", "Jos.", "Robt.".
GIVEN_ABBREVIATIONS = frozenset(
    {"Ma", "Wm", "Thos", "Chas", "Jas", "Geo", "Jos", "Robt", "Edw", "Saml", "Benj", "Jno",
     "Fredk", "Richd", "Margt", "Eliz"}
)  # fmt: skip


def joinable(gap: str) -> bool:
    """Adjacent found words form one span across spaces, commas, periods and hyphens; a
    tab or a run of blanks separates a form's fields ("Macaraeg   Age: 46")."""
    return "\n" not in gap and "\t" not in gap and "  " not in gap and gap.strip(" .,'’-") == ""


# How many words' classes a recognizer remembers (emptied when full).
_FACTS_MAX = 50_000


# What follows the pronoun "I" and no initial: a contraction or a word in small letters.
_PRONOUN_AFTER = re.compile(r"['’]|[ \t]+[a-z]")


class NameWords:
    """Word classes and joining rules shared by the name recognizer.

    A word's classes depend on its key alone (the word lists and the site's names), so they
    are found once per key and remembered: a note's words recur from note to note.
    """

    lexicon: Lexicon
    site_names: frozenset[str]
    _word_facts: dict[str, tuple[bool, bool, bool, bool, bool]]

    # -- word classes -------------------------------------------------------------------
    def _facts(self, key: str) -> tuple[bool, bool, bool, bool, bool]:
        """(known, blocked, ambiguous, English, unknown proper) of a key, remembered."""
        try:
            cache = self._word_facts
        except AttributeError:
            cache = self._word_facts = {}
        facts = cache.get(key)
        if facts is None:
            if len(cache) >= _FACTS_MAX:
                cache.clear()
            lex = self.lexicon
            facts = cache[key] = (
                lex.is_name(key) or key in self.site_names,
                key in NOT_NAMES
                or key in NOT_PERSON_WORDS
                or key in lex.stoplist
                or not key.isalpha()
                or vowelless(key),
                lex.is_ambiguous(key),
                lex.is_english(key),
                lex.is_unknown_proper(key),
            )
        return facts

    def known(self, key: str) -> bool:
        return self._facts(key)[0]

    def blocked(self, key: str) -> bool:
        """Never a name without a title cue: stop words, clinical terms, cue words."""
        return self._facts(key)[1]

    def ambiguous(self, key: str) -> bool:
        return self._facts(key)[2]

    def english(self, key: str) -> bool:
        """The lexicon's ``is_english``, remembered."""
        return self._facts(key)[3]

    def unknown_proper(self, key: str) -> bool:
        """The lexicon's ``is_unknown_proper``, remembered."""
        return self._facts(key)[4]

    def initial(self, view: TokenView, i: int) -> bool:
        w = view.words[i]
        if not (len(w.text) == 1 and w.text.isalpha() and w.text.isupper()):
            return False
        # "D/C", "S/P", "A&O": a letter of a clinical abbreviation, not an initial.
        around = view.text[max(0, w.start - 1) : w.start] + view.text[w.end : w.end + 1]
        if any(c in "/&" for c in around):
            return False
        # "Dear Dr Brannagin, I am ...", "Pieter, I've ...": the pronoun, not an initial.
        if w.text == "I" and _PRONOUN_AFTER.match(view.text, w.end):
            return False
        # "SpO2 97% RA, T 36.8", "P 88, R 18", "K+ 6.4": a vital sign's or an ion's letter.
        if READING_AFTER.match(view.text, w.end):
            return False
        # "Smith, M.D.", "Jones, R.N.": a letter of a dotted credential, not an initial.
        return not dotted_credential(view.text, w.start)

    def _lower_initial(self, view: TokenView, k: int) -> bool:
        """A lower-case letter before a lower-case name word, standing alone (line start,
        blank, slash, comma or bracket before it): "np c. whitlock", "k. hynes"."""
        w, name = view.words[k], view.words[k + 1]
        if not (len(w.text) == 1 and w.text.isalpha() and w.text.islower() and name.text.islower()):
            return False
        before = view.text[max(0, w.start - 2) : w.start]
        if before == "" or before[-1] in "\n(/,":
            return True
        return before[-1] == " " and not before.startswith(".")  # "vit. d. abbott": no initial

    def _particle(self, view: TokenView, k: int) -> bool:
        """A lower-case surname particle ("de", "la", "van", "der") followed, across up to
        one more particle, by a Title-case word: part of the name it sits in."""
        words = view.words
        if words[k].key not in PARTICLES or not words[k].text.islower() or view.shouting:
            return False
        j = k + 1
        hops = 0
        while j < len(words) and words[j].key in PARTICLES and hops < 2:
            j += 1
            hops += 1
        return (
            j < len(words)
            and view.gap(j) == " "
            and words[j].is_title
            and not self.blocked(words[j].key)
        )

    @staticmethod
    def _particle_inside(view: TokenView, k: int) -> bool:
        """The word before the particles at ``k`` is capitalised (a given name, a title)."""
        j = k - 1
        while j >= 0 and view.words[j].key in PARTICLES and view.words[j].text.islower():
            j -= 1
        return j >= 0 and view.gap(j + 1) in (" ", ". ") and view.words[j].text[:1].isupper()

    def _unknown_pair(self, view: TokenView, i: int) -> bool:
        """Two adjacent Title-case words that are neither words nor jargon, in mixed case; or
        such a word after a given name that is also a word ("Poppy Bennellick", "Juniper
        Castelblanco"): the unknown word is the surname the given name needs."""
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
                    self.unknown_proper(other.key)
                    or (self.known(other.key) and not self.ambiguous(other.key))
                    or (
                        k < i
                        and self.lexicon.is_first(other.key)
                        and other.key not in CALENDAR_WORDS
                        # (not a town's two words: "Belle Fourche", "Nova Scotia")
                        and (other.key, view.words[i].key) not in self.lexicon.multiword_places
                    )
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
            if self.unknown_proper(other) and (not view.shouting or len(other) > 3):
                return True
        return False

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
        if w.key in NAME_VERBS or rank > 5000:
            return False
        nxt = k + 1
        if nxt < len(words) and view.gap(nxt) == " " and words[nxt].key in SPEECH_AFTER:
            return True  # "SPOUSE TONYA MAJOR ASKED FOR ...": a person's verb closes the name
        if rank > 1000:
            return False
        if nxt >= len(words) or view.gap(nxt).strip(" ") not in {""}:
            return True  # end of text or punctuation after the surname
        return words[nxt].key in _AFTER_NAME

    def _partnership(self, view: TokenView, k: int) -> bool:
        """ "Salem Stop and Shop", "Barnes and Noble": an everyday word, then "and"/"&" and a
        capitalised word, starts a business name; it does not extend the name before it."""
        words = view.words
        if view.shouting or k + 2 >= len(words) or not self.english(words[k].key):
            return False
        amp = view.gap(k + 1).strip() == "&"
        return (
            (amp or (words[k + 1].key == "and" and view.gap(k + 2) == " "))
            and words[k + 2].is_title
            and self.english(words[k + 2].key)
        )

    def _given_in_field(self, view: TokenView, k: int) -> bool:
        """ "Kowalczyk, Agnieszka |", "Obi, Ikenna" at a line's end: an unlisted given name
        after "Surname," that closes a table cell or a line is the rest of the name."""
        words = view.words
        w = words[k]
        if not (w.is_title or view.shouting) or not self.unknown_proper(w.key):
            return False
        if w.key in POST_TITLES or (not view.shouting and any(c.isupper() for c in w.text[1:])):
            return False  # "Fonoti, PsyD": a credential closes the line, not a given name
        if k + 1 >= len(words):
            return True
        after = view.gap(k + 1)
        return "\n" in after or "|" in after or "\t" in after or after.startswith("  ")

    def _syllable(self, view: TokenView, k: int) -> bool:
        """A short lower-case word after a hyphen that is no English word ("yeon", "ho",
        "hee", "ming"): the second syllable of a romanised Korean or Chinese given name."""
        w = view.words[k]
        return (
            w.text.isalpha()
            and w.text.islower()
            and 2 <= len(w.text) <= 5
            and not view.shouting
            and w.key not in NOT_NAMES
            and (
                not self.english(w.key)
                or (len(w.key) <= 4 and self.lexicon.is_first(w.key))  # "Xiao-ling", "Jong-ho"
            )
        )

    def _joins(self, view: TokenView, k: int, anchor: int) -> bool:
        """Whether word k extends the name at ``anchor`` (adjacent, same line)."""
        left = min(k, anchor)
        gap = view.gap(max(k, anchor))
        if gap == " " and self._particle(view, k):
            # "María José de la Cruz", "Van der Berg"; in a note partly in Spanish, a particle
            # before a name is a preposition unless a name or a title precedes it ("pastor de
            # la Iglesia ...", "llamó de Carolina"; "Dr. de la Fuente")
            return k > anchor or view.language is None or self._particle_inside(view, k)
        if "\n" in gap or len(gap) > 3 or gap.strip(" .,'-") != "" or "  " in gap:
            return False
        if gap == "-" and k > anchor and self._syllable(view, k):
            return True  # "Seo-yeon", "Jong-ho": a romanised given name's second syllable
        if k == anchor - 1 and gap == ". " and view.words[k].text in GIVEN_ABBREVIATIONS:
            return True  # "Ma. Lourdes" (María), "Wm. Carey", "Thos. Byrne"
        if k == anchor - 1 and gap == ". " and self._lower_initial(view, k):
            return True  # "k. hynes rn / d. abbott msw": caseless text writes initials small
        # "J. Smith" joins across the period; "... applied. SW Smith" does not.
        if "." in gap and not self.initial(view, left):
            return False
        if gap.strip() == "," and not (
            self.initial(view, k)
            or self.known(view.words[k].key)
            or (k > anchor and self._given_in_field(view, k))
        ):
            return False
        if gap.strip() == "," and k < anchor and view.words[k].text == "I":
            return False  # "I, Melanie White, of ...": the pronoun, no initial
        w = view.words[k]
        if k > anchor and NUMBER_WORD_AFTER.match(view.text, w.end):
            return False
        if self.initial(view, k):
            return True
        if k < anchor and gap == " " and w.key in ROLE_WORDS:
            return False  # "Caller Dmitri Volkov", "Captain Henrik Aalto": the role
        if month_before_day(view, k):
            return False  # "Winnipeg Oct 2/20": the month of a date after a place
        if w.key in CALENDAR_WORDS and not self.lexicon.is_first(w.key):
            return False  # "M. Okafor, December 3", "Deborah Lee   March 12": the date
        if k > anchor and self._partnership(view, k):
            return False
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
        if k < anchor and view.sentence_initial(k) and self.english(w.key):
            return False  # "Guarantor Nihal Jha": a capital at a sentence start proves nothing
        return (not view.shouting and w.is_title) or self.unknown_proper(w.key)
