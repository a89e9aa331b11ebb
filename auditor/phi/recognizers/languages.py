"""The other language a note is partly written in, and that language's everyday words.

US notes switch into Spanish, Portuguese and French inside a sentence ("Pt descansando, no
distress", "Familia pregunta si pueden traer al pastor"). The English word lists do not hold
those words, and the name lists hold many of them as rare surnames or small places
("Familia", "Puerta", "Casa"), so the name rules took them for names. A text that uses three
distinct function words of one of those languages in lower case, or four of its words in all,
is read as written partly in it; there, a frequent word of that language (``everyday_*.txt.gz``:
no given name, no frequent surname, no state or large city, and a listed name or place only if
very frequent) is a word where its case proves nothing: in lower case, opening a sentence or
a line, or in a text in capitals. A capital inside a sentence still makes a name ("hija Luz",
"Dr. Cadena"). The name rules, the place rule and the de-identifier's sweep ask
(``TokenView.everyday``; ``language_of`` for the sweep).
"""

from __future__ import annotations

import re
from collections.abc import Collection
from functools import cache, lru_cache

from auditor.phi.resources import lines

# Function words of each language that English text does not use in lower case ("de", "la",
# "en" are left out: English names and phrases hold them; so are "per", "do", "al", "est",
# "son", "hay", "os" (the cervix's), "dos" (date of service) and "em").
FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "es": frozenset({
        "el", "los", "las", "del", "con", "por", "para", "una", "muy", "pero", "sin", "desde",
        "hasta", "porque", "que", "se", "su", "sus", "es", "esta", "este", "lo", "le", "les",
        "como", "cuando", "tiene", "fue"
    }),
    "pt": frozenset({
        "das", "da", "com", "nao", "para", "uma", "muito", "mas", "sem", "pelo", "pela",
        "que", "se", "seu", "sua", "esta", "ao", "foi", "tem", "voce", "ele", "ela"
    }),
    "fr": frozenset({
        "le", "les", "des", "du", "avec", "pour", "une", "tres", "mais", "sans", "dans",
        "que", "qui", "il", "elle", "pas", "sur", "au", "aux", "et", "ont", "sont", "ses"
    }),
}  # fmt: skip
# Short words of each language read as words where the text is in it, too short or too
# shared to tell the language ("pt encontrado en piso al lado de la cama").
SHORT_WORDS: dict[str, frozenset[str]] = {
    "es": frozenset({"al", "de", "la", "en", "un", "mi", "tu", "ya", "ni"}),
    "pt": frozenset({"de", "do", "no", "na", "em", "os", "as", "um"}),
    "fr": frozenset({"de", "la", "en", "un", "ne"}),
}
# What a text needs before its other language is trusted: three distinct function words of
# it, or four distinct words of it in all, counting its everyday words of four letters or
# more: short code-switched notes hold few function words ("Pt recibido de PACU 1340 post
# lap chole", "pt encontrado en piso al lado de la cama").
MIN_FUNCTION_WORDS = 3
MIN_WORDS = 4
_LOWER_WORD = re.compile(r"(?<![^\W\d_])[^\W\d_A-Z]+(?![^\W\d_])")


def text_language(keys: Collection[str]) -> str | None:
    """The language whose words the text's lower-case word keys (normalised: no accents)
    hold, if enough (above); None for a text in English alone."""
    marks = {
        language: len(function.intersection(keys)) for language, function in FUNCTION_WORDS.items()
    }
    language = max(marks, key=lambda name: marks[name])
    if marks[language] >= MIN_FUNCTION_WORDS:
        return language
    best: tuple[int, str] | None = None
    for language, count in marks.items():
        vocabulary = _vocabulary(language)
        words = count + sum(1 for key in keys if len(key) >= 4 and key in vocabulary)
        if words >= MIN_WORDS and (best is None or words > best[0]):
            best = (words, language)
    return best[1] if best else None


@lru_cache(maxsize=4)
def language_of(text: str) -> str | None:
    """:func:`text_language` of a whole text (the de-identifier's sweep, which has no token
    view)."""
    from auditor.phi.recognizers.tokens import normalize

    return text_language({normalize(m.group()) for m in _LOWER_WORD.finditer(text)})


# Verb and noun endings of each language (gerunds, participles, "-ción" nouns, adverbs): a
# word of seven letters or more with one, in a text in that language, is a word when no name
# or place list holds it ("Tolerando", "Ambulando", "orientada").
INFLECTIONS: dict[str, tuple[str, ...]] = {
    "es": ("ando", "iendo", "ado", "ada", "ados", "adas", "ido", "ida", "idos", "idas",
           "cion", "ciones", "mente"),
    "pt": ("ando", "endo", "indo", "ado", "ada", "ados", "adas", "ido", "ida", "idos", "idas",
           "cao", "coes", "mente"),
    "fr": ("ement", "tion", "tions", "ait", "aient", "ant", "ee", "ees"),
}  # fmt: skip


def inflected(language: str, key: str) -> bool:
    """``key`` has one of ``language``'s verb or noun endings (see ``INFLECTIONS``)."""
    return len(key) >= 7 and key.endswith(INFLECTIONS[language])


@cache
def _vocabulary(language: str) -> frozenset[str]:
    return frozenset(lines(f"everyday_{language}.txt.gz"))


@cache
def everyday_words(language: str) -> frozenset[str]:
    """The words of ``language`` read as words in a text written partly in it: its frequent
    words, its function words ("Se llevó portable O2") and its short words."""
    return _vocabulary(language) | FUNCTION_WORDS[language] | SHORT_WORDS[language]


@cache
def any_everyday() -> frozenset[str]:
    """Every language's everyday words: most words of a text are in none, and need no
    language found for them."""
    return frozenset().union(*(everyday_words(language) for language in FUNCTION_WORDS))
