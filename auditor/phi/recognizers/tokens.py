"""A word-level view of a text shared by the list-based recognizers (names, places, dictionaries).

The view uses its own regex tokenization, not spaCy's, so that dictionary terms and document
text are split the same way and the list recognizers work with a tokenizer-only pipeline.
Words are lower-cased, folded to plain letters and stripped of apostrophes (``O'Brien`` ->
``obrien``, ``Mary's`` -> ``mary``, ``Nguyễn`` -> ``nguyen``); the lower-cased words also
stand in for lemmas in context cues.
"""

from __future__ import annotations

import bisect
import re
import string
import unicodedata
from dataclasses import dataclass, field

from auditor.phi.recognizers.languages import any_everyday, everyday_words, text_language
from auditor.phi.recognizers.lexicon import HONORIFICS
from auditor.phi.stop_words import STOP_WORDS

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)
_POSSESSIVE = re.compile(r"['’]s$", re.IGNORECASE)


# Capitals and small letters of the Latin alphabets beyond ASCII ("Kōwhai", "Łąkowa", "Øster",
# "Tūī"), for a character class beside "A-Z" or "a-z".
LATIN_UPPER = "".join(c for c in map(chr, range(0xC0, 0x250)) if c.isupper())
LATIN_LOWER = "".join(c for c in map(chr, range(0xC0, 0x250)) if c.islower())


# Letters that carry no combining mark to strip ("Đặng", "Łukasz", "Søren", "Straße").
# The ʻokina and the modifier apostrophe inside Hawaiian, Polynesian and Native names
# ("Oʻahu", "Mōʻiliʻili", "Keʻalohilani") are no letters of the lists' spelling: dropped.
_FOLDED = str.maketrans(
    {"đ": "d", "ł": "l", "ø": "o", "ß": "ss", "æ": "ae", "œ": "oe", "ı": "i", "ʻ": None, "ʼ": None}
)
# Marks a word may open with that carry no case ("ʻAiea", "ʻEwa"): the word starts after them,
# so its capital is seen.
_OPENING_MARKS = "ʻʼ"


def fold(key: str) -> str:
    """A lower-case key without diacritics ("nguyễn" -> "nguyen", "ní" -> "ni"): the name and
    place lists are written in plain letters, and a word's vowels are found the same way."""
    if key.isascii():
        return key
    decomposed = unicodedata.normalize("NFKD", key.translate(_FOLDED))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def normalize(word: str) -> str:
    """The lookup key of a word: lower case, without diacritics, possessive and apostrophes
    removed."""
    if "'" not in word and "’" not in word:
        return fold(word.lower())
    return fold(_POSSESSIVE.sub("", word).replace("'", "").replace("’", "").lower())


# The keys of the words seen lately (a note's words recur across notes): emptied when full,
# so that a 200 MB text of unique tokens holds no more than this many.
_KEYS: dict[str, str] = {}
_KEYS_MAX = 50_000


def _key(word: str) -> str:
    """:func:`normalize`, remembered."""
    key = _KEYS.get(word)
    if key is None:
        if len(_KEYS) >= _KEYS_MAX:
            _KEYS.clear()
        key = _KEYS[word] = normalize(word)
    return key


def split_words(text: str) -> list[str]:
    """Lookup keys of the words of a term, in order (used to build dictionary tries)."""
    return [k for k in (normalize(m.group()) for m in _WORD.finditer(text)) if k]


_CAMEL_ACRONYM = re.compile(r"[A-Z][a-z]+(?:[A-Z]{2}|[A-Z]\d)[A-Za-z0-9]*")


@dataclass(slots=True)
class Word:
    text: str
    start: int
    end: int
    key: str

    @property
    def is_title(self) -> bool:
        return self.text[:1].isupper() and not self.text[1:2].isupper()

    @property
    def is_upper(self) -> bool:
        return self.text.isupper()

    @property
    def is_camel_acronym(self) -> bool:
        """ "MoCA", "HbA1c", "CoA": capitals after lower case end a clinical acronym (names
        such as "McAllen" or "DeKalb" have one capital after the prefix, then lower case)."""
        return _CAMEL_ACRONYM.fullmatch(self.text) is not None

    @property
    def is_alpha(self) -> bool:
        return self.key.isalpha()


_LETTERS = re.compile(r"[^\W\d_]+")


def _one(c: str, upper: bool) -> str:
    other = c.upper() if upper else c.lower()
    return other if len(other) == 1 else c


def lower_same_length(text: str) -> str:
    """``text`` in lower case, character for character (offsets stay valid)."""
    if text.isascii():  # every ASCII letter's other case is one ASCII letter
        return text.lower()
    return "".join(_one(c, False) for c in text)


def capitalise_words(text: str) -> str:
    """``text`` as an editor would capitalise a title: every word Capitalised except the
    small function words ("by", "and", "with"), which go lower case. Character for character
    (a letter whose other case is two characters, like "ß", stays), so offsets into the copy
    are offsets into ``text``."""

    if text.isascii():  # (each letter's other case is one letter: str's own mapping)
        return _LETTERS.sub(_capitalised_ascii, text)

    def word(m: re.Match[str]) -> str:
        w = m.group()
        if w.lower() in STOP_WORDS:
            return "".join(_one(c, False) for c in w)
        return _one(w[0], True) + "".join(_one(c, False) for c in w[1:])

    return _LETTERS.sub(word, text)


def _capitalised_ascii(m: re.Match[str]) -> str:
    """One ASCII word of :func:`capitalise_words`."""
    w = m.group()
    lower = w.lower()
    return lower if lower in STOP_WORDS else w[0].upper() + lower[1:]


@dataclass
class TokenView:
    """Words of one text with the facts every list recognizer asks about."""

    text: str
    words: list[Word]
    # True when capitalisation tells nothing about names: the text is mostly upper case
    # (terse ICU notes) or has (almost) no capitals at all (chat-style lower case).
    shouting: bool
    # Mostly upper case (as opposed to caseless because mostly lower case).
    upper: bool = False
    # Lazily filled caches shared by recognizers analysing the same text.
    cache: dict[str, object] = field(default_factory=dict)
    # The gap before each word (see :meth:`gap`), filled on the first call.
    _gaps: list[str] | None = field(default=None, repr=False, compare=False)
    # looks_proper of each word, filled as asked.
    _proper: list[bool | None] | None = field(default=None, repr=False, compare=False)

    @classmethod
    def of(cls, text: str) -> TokenView:
        words = []
        for m in _WORD.finditer(text):
            word = m.group()
            start, end = m.span()
            if word[0] in _OPENING_MARKS:
                word = word.lstrip(_OPENING_MARKS)
                start = end - len(word)
            key = _key(word)
            if key:
                words.append(Word(word, start, end, key))
        n_letters, n_upper = _letters(text[:20000])
        ratio = n_upper / n_letters if n_letters else 0.0
        upper = bool(n_letters) and ratio > 0.6
        shouting = upper or (bool(n_letters) and ratio < 0.01 and n_letters > 12)
        if not shouting and ratio < 0.08:
            shouting = _lower_starts(text[:20000])
        elif not shouting and n_letters < 120:  # a short text's capitals may all be acronyms
            shouting = _untitled(text)
        return cls(text=text, words=words, shouting=shouting, upper=upper)

    @classmethod
    def shared(cls, text: str, nlp_artifacts: object | None) -> TokenView:
        """The view of ``text``, built once per analysis and kept on Presidio's artifacts."""
        cached = getattr(nlp_artifacts, "_auditor_view", None)
        if isinstance(cached, TokenView) and cached.text is text:
            return cached
        view = cls.of(text)
        if nlp_artifacts is not None:
            nlp_artifacts._auditor_view = view  # type: ignore[attr-defined]
        return view

    def gap(self, i: int) -> str:
        """The characters between word i-1 and word i (punctuation, spaces)."""
        gaps = self._gaps
        if gaps is None:
            text, words = self.text, self.words
            gaps = self._gaps = [""] + [
                text[words[k - 1].end : words[k].start] for k in range(1, len(words))
            ]
        return gaps[i] if 0 < i < len(gaps) else ""

    def looks_proper(self, i: int) -> bool:
        """Capitalised like a proper noun: Title case in normal text, any case when shouting.
        (Asked about a hundred times a note by several recognizers: remembered per word.)"""
        known = self._proper
        if known is None:
            known = self._proper = [None] * len(self.words)
        proper = known[i]
        if proper is None:
            proper = known[i] = self._looks_proper(i)
        return proper

    def _looks_proper(self, i: int) -> bool:
        w = self.words[i]
        if self.shouting:
            return w.text[:1].isupper() or w.text.islower()
        return (w.is_title and not w.is_camel_acronym) or (w.is_upper and len(w.text) > 1)

    def caseless(self, i: int) -> bool:
        """Whether word i's capitalisation says nothing: shouting text or an all-caps word."""
        return self.shouting or (self.words[i].is_upper and len(self.words[i].text) > 1)

    @property
    def language(self) -> str | None:
        """The other language the text is partly written in (``languages.text_language`` of
        its lower-case words), worked out when first asked."""
        cache = self.cache
        if "language" not in cache:
            cache["language"] = text_language({w.key for w in self.words if w.text.islower()})
        return cache["language"]  # type: ignore[return-value]

    def everyday_key(self, key: str) -> bool:
        """``key`` is a word of the language the text is partly written in (found only for
        a key some such language has)."""
        if key not in any_everyday():
            return False
        language = self.language
        return language is not None and key in everyday_words(language)

    def everyday(self, i: int) -> bool:
        """Word i is a frequent word of the text's other language where its case proves
        nothing: in lower case, opening a sentence or a line (not after a title: "Dr.
        Cadena"), or anywhere in a text written in capitals ("Familia pregunta", "pt
        descansando"). An acronym in mixed case is none ("NYC")."""
        w = self.words[i]
        if len(w.key) < 2 or w.key in _ADDRESS or not self.everyday_key(w.key):
            return False  # (a letter is an initial: "Seguros Caribe C.A."; "Dra." a title)
        if w.text.islower() or self.shouting:
            return True
        if not w.is_title or not self.sentence_initial(i):
            return False
        if i == 0:
            return True
        before = self.words[i - 1]
        # after a title or an initial's dot no sentence starts ("Dr. Cadena", "M. Rondón")
        return before.key not in _ADDRESS and len(before.key) > 1

    def indexes_in(self, start: int, end: int) -> range:
        """The indexes of the words that begin inside ``start:end``."""
        words = self.words
        first = bisect.bisect_left(words, start, key=lambda w: w.start)
        return range(first, bisect.bisect_left(words, end, lo=first, key=lambda w: w.start))

    def everyday_in(self, start: int, end: int) -> bool:
        """Whether a word inside ``start:end`` is :meth:`everyday`."""
        return self.language is not None and any(
            self.everyday(i) for i in self.indexes_in(start, end)
        )

    def sentence_initial(self, i: int) -> bool:
        if i == 0:
            return True
        gap = self.gap(i)
        return any(c in ".!?\n:;" for c in gap)


# A form of address before a capitalised word makes it a name whatever else it means.
_ADDRESS = HONORIFICS | {"don", "dona", "dra", "lic", "lcda", "lcdo"}
_ASCII_LETTERS = string.ascii_letters.encode()
_ASCII_UPPER = string.ascii_uppercase.encode()


def _letters(text: str) -> tuple[int, int]:
    """How many letters ``text`` holds, and how many of them are upper case."""
    if text.isascii():  # (bytes.translate deletes in C: no loop over the characters here)
        raw = text.encode("ascii")
        size = len(raw)
        return size - len(raw.translate(None, _ASCII_LETTERS)), size - len(
            raw.translate(None, _ASCII_UPPER)
        )
    letters = [c for c in text if c.isalpha()]
    return len(letters), sum(1 for c in letters if c.isupper())


_TITLE_WORD = re.compile(r"(?<![^\W\d_])[A-Z][a-z]")
_LOWER_WORD = re.compile(r"(?<![^\W\d_])[a-z]{2,}")
# A sentence's or a line's first word.
_STARTS = re.compile(r"(?:^|[.!?]\s+|\n[ \t]*)([^\W\d_])", re.M)


def _lower_starts(text: str) -> bool:
    """A writer who does not capitalise: most sentences and lines open in lower case
    ("referred to: lumino health centre", "spoke w/ okumu"), whatever capitals its
    abbreviations and codes hold (MUAC, RDT, a plate)."""
    starts = [m.group(1) for m in _STARTS.finditer(text)]
    if len(starts) < 4:
        return _untitled(text)
    return sum(c.islower() for c in starts) >= 0.75 * len(starts)


def _untitled(text: str) -> bool:
    """A line or two with no word in Title case among several in lower case ("EHR search:
    gonzales, maria elena dob 1979", a query typed in a hurry): its capitals are acronyms."""
    return _TITLE_WORD.search(text) is None and len(_LOWER_WORD.findall(text)) >= 4
