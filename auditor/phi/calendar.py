"""Date and age words that detection and de-identification must read alike.

The PHI engine finds "Tuesday, Feb 3", "Christmas" and "ninety-two-year-old"; the
de-identifier then has to recognise the same words to move, redact or cap them. One
vocabulary, so the two can never disagree about what counts.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from auditor.phi.resources import lines, words

# The English calendar's names in full, and the weekdays' short forms as notes write them
# ("dialysis Tue/Thu/Sat", "seen weds"): one list for every rule that must know them.
MONTHS = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
)  # fmt: skip
# Months that are also given names ("April", "June"; "May" a modal too).
MONTHS_ALSO_NAMES = ("april", "may", "june", "august")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
WEEKDAY_SHORT = ("mon", "tue", "tues", "wed", "weds", "thu", "thur", "thurs", "fri", "sat", "sun")
# Weekday stems: "mon", "tues", "wed"/"wednes", ... (add "day" for the full name).
WEEKDAY_STEM = r"mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun"
WEEKDAY = rf"(?:{WEEKDAY_STEM})(?:day)?"
# What every weekday, month and holiday above begins with: a rule's cheap prefilter
# (``patterns.Rule.words``) skips a text in which none of them begins a word.
WEEKDAY_STARTS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
MONTH_STARTS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
# Month names and their abbreviations ("sept", "jun"), with the clerks' abbreviations of
# registers, letters and family Bibles before 1900 ("Jany", "Feby", "Augt", "Septr", "Octr",
# "Novr", "Decr": the last letter once written raised; "decr" in lower case is a note's
# "decreased").
MONTH = (
    r"(?:jan(?:uary|y)?|feb(?:ruary|y)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust|t)?|"
    r"sep(?:t(?:ember|r)?)?|oct(?:ober|r)?|nov(?:ember|r)?|dec(?:ember)?|(?-i:Decr))"
)
# Holidays that name a day of the year.
# The feasts and public holidays of the English-speaking world and of its largest faiths, each
# one day of a year ("admitted on Boxing Day", "seen the day after Diwali").
HOLIDAY = (
    r"christmas(?: eve| day)?|thanksgiving|easter(?: sunday| monday)?|new year'?s(?: eve| day)?|"
    r"independence day|memorial day|labou?r day|halloween|hanukkah|passover|"
    r"valentine'?s day|mother'?s day|father'?s day|veterans'? day|columbus day|"
    r"boxing day|canada day|victoria day|remembrance day|australia day|anzac day|waitangi day|"
    r"st\.? (?:patrick|stephen|andrew|david)'?s day|good friday|ash wednesday|palm sunday|"
    r"martin luther king(?:,? jr\.?)? day|mlk day|presidents'? day|juneteenth|"
    r"diwali|deepavali|eid al-(?:fitr|adha)|eid ul-(?:fitr|adha)|yom kippur|rosh hashanah|"
    r"(?:lunar|chinese) new year|hogmanay|bonfire night|guy fawkes night|mardi gras|kwanzaa|"
    r"all (?:saints|souls)['’]? day|"
    # the feasts of the Spanish, Portuguese and French calendars that notes partly in those
    # languages name ("pasó Nochebuena aquí", "Día de Reyes", "Sexta-feira Santa", "la veille
    # de Noël"); not a bare "Noel" or "Reyes", a given name and a surname
    r"nochebuena|navidad|nochevieja|a[ñn]o nuevo|d[ií]a de (?:los )?reyes(?: magos)?|"
    r"d[ií]a de las? madres?|d[ií]a del padre|d[ií]a de (?:los )?muertos|"
    r"d[ií]a de acci[óo]n de gracias|viernes santo|jueves santo|semana santa|"
    r"domingo de (?:resurrecci[óo]n|ramos|pascua)|cinco de mayo|"
    r"v[ée]spera de natal|ano novo|sexta-feira santa|dia das m[ãa]es|dia dos pais|"
    r"r[ée]veillon|noël|jour de l['’]an|pâques|f[êe]te des (?:m[èe]res|p[èe]res)|"
    # the national days of India, South Africa, Canada and New Zealand ("26 Jan (Republic
    # Day)", "born on Freedom Day"), in Title case only: "a family day out" is no holiday
    r"(?-i:New Year(?![ \t]*['’]s)|Republic Day|Freedom Day|Heritage Day|Youth Day|"
    r"Human Rights Day|Family Day|"
    r"Civic Holiday|Matariki|Gandhi Jayanti|Holi|Pongal|Onam|Vesak)"
)
HOLIDAY_STARTS = (
    "christmas", "thanksgiving", "easter", "new year", "independence", "memorial", "labor",
    "labour", "halloween", "hanukkah", "passover", "valentine", "mother", "father", "veterans",
    "columbus", "boxing", "canada", "victoria", "remembrance", "australia", "anzac", "waitangi",
    "patrick", "stephen", "andrew", "david", "good", "ash", "palm", "martin", "mlk",
    "president", "juneteenth", "diwali", "deepavali", "eid", "yom", "rosh", "lunar", "chinese",
    "hogmanay", "bonfire", "guy", "mardi", "kwanzaa", "republic", "freedom", "heritage", "youth",
    "human", "family", "civic", "matariki", "gandhi", "holi", "pongal", "onam", "vesak",
    "saints", "souls", "nochebuena", "navidad", "nochevieja", "año", "ano", "día", "dia",
    "viernes", "jueves", "semana", "domingo", "cinco", "véspera", "vespera", "sexta",
    "réveillon", "reveillon", "noël", "jour", "pâques", "fête", "fete",
)  # fmt: skip
_UNITS = r"one|two|three|four|five|six|seven|eight|nine"
# Ages over 89 written out: "ninety-two", "a hundred and one".
AGE_OVER_89 = rf"ninety(?:[- ](?:{_UNITS}))?|(?:one |a )?hundred(?: and (?:{_UNITS}|ten))?"
# The same in Spanish, Portuguese and French ("noventa y dos", "noventa e quatro",
# "quatre-vingt-quinze", "cien"): read as an age only before its years ("años", "anos", "ans").
AGE_OVER_89_ROMANCE = (
    r"(?:noventa|nonante|quatre-vingt-(?:dix|onze|douze|treize|quatorze|quinze|seize|dix-sept|"
    r"dix-huit|dix-neuf))(?:[ \t]+(?:y|e|et)[ \t]+[^\W\d_]+|-[^\W\d_]+)?|cien|"
    r"ciento[ \t]+[^\W\d_]+|cem|cento[ \t]+e[ \t]+[^\W\d_]+|cent"
)


@cache
def month_names() -> dict[str, bool]:
    """Month names of every language the Unicode CLDR knows, but English (lower case, no final
    dot) -> whether a year must stand beside it to make a date: abbreviations and names that
    are also English words ("dets", "mars", "mayo") do; full names ("prosinca", "décembre",
    "Δεκεμβρίου") do not. Built by ``scripts/build_phi_resources.py --months``."""
    out = {}
    for line in lines("month_names.txt.gz"):
        word, _, kind = line.partition("\t")
        out[word] = kind != "wide"
    # Greek capitals drop the accents ("ΔΕΚΕΜΒΡΙΟΣ" for "δεκέμβριος"): there the bare
    # spelling of a full name is a name too. Not in Latin script, where a bare spelling is
    # often a word ("gené" -> "gene", "août" -> "aout").
    for word, short in list(out.items()):
        if not short and "GREEK" in unicodedata.name(word[0], ""):
            out.setdefault(_bare(word), short)
    return out


_ENGLISH_MONTH = re.compile(MONTH)
_ENGLISH_STARTS = frozenset(MONTH_STARTS)
_ENGLISH_FULL = frozenset(
    ("january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december")
)  # fmt: skip


def _bare(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


def month_kind(word: str) -> bool | None:
    """Whether ``word`` (any case) is a month name of :func:`month_names` that needs a year
    beside it (True), one that does not (False), or no month name (None)."""
    names = month_names()
    low = word.lower()
    found = names.get(low)
    if found is None and not low.isascii():
        found = names.get(_bare(low))
    if found is None and low[:3] in _ENGLISH_STARTS and _ENGLISH_MONTH.fullmatch(low):
        # English spellings in another language's layout ("4. december 2026", Danish and
        # Norwegian): a full name but an English word ("may", "march") needs its year
        return low not in _ENGLISH_FULL or low in ("may", "march")
    return found


@cache
def month_year_names() -> frozenset[str]:
    """The month names of :func:`month_names` that make a date with a year alone, no day
    ("diciembre 2026", "Dets 2026"): every full name, and every abbreviation that is no
    English word ("lab 2026", "vol 2026", "avg 2026" are not months)."""
    english = words("english_words.txt.gz")
    return frozenset(w for w, short in month_names().items() if not short or w not in english)


@cache
def month_day_names() -> frozenset[str]:
    """The month names of :func:`month_names` that make a date with a day alone, no year
    ("le 30 novembre", "3 décembre"): every full name, and the names of six letters or more
    that the lists set apart as a surname or a place, not as an English word or a given name
    ("novembre", also an Italian surname; not "mars", "mayo" nor "augusta")."""
    english, given = words("english_words.txt.gz"), words("first_names.txt.gz")
    return frozenset(
        w
        for w, short in month_names().items()
        if not short or (len(w) >= 6 and w not in english and w not in given)
    )


def month_with_day(word: str) -> bool:
    """Whether ``word`` (any case) is a name of :func:`month_day_names`."""
    low = word.lower()
    names = month_day_names()
    return low in names or (not low.isascii() and _bare(low) in names)


def month_with_year(word: str) -> bool:
    """Whether ``word`` (any case) is a name of :func:`month_year_names`."""
    low = word.lower()
    names = month_year_names()
    return low in names or (not low.isascii() and _bare(low) in names)


# Month and weekday names long enough that one slip of the keyboard still tells them apart.
_LONG_NAMES = (
    "january", "february", "august", "september", "october", "november", "december", "monday",
    "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
)  # fmt: skip


@cache
def misspelt_names() -> frozenset[str]:
    """The month and weekday names of six letters or more written with one slip: a letter
    left out, added, changed or two swapped ("thrusday", "febuary", "decmber", "wendsday"),
    as hurried and patient-written text has them; not an English word or a listed given name
    or surname ("marsh", "sundae", "munday")."""
    known = words("english_words.txt.gz") | words("first_names.txt.gz") | words("surnames.txt.gz")
    out = set()
    letters = "abcdefghijklmnopqrstuvwxyz"
    for name in _LONG_NAMES:
        for i in range(len(name) + 1):
            out.add(name[:i] + name[i + 1 :])
            out.add(name[:i] + name[i + 1 : i + 2] + name[i : i + 1] + name[i + 2 :])
            for c in letters:
                out.add(name[:i] + c + name[i + 1 :])
                out.add(name[:i] + c + name[i:])
    plurals = {name + "s" for name in _LONG_NAMES}  # "Tuesdays 6-8 pm" is no slip
    return frozenset(out - known - set(_LONG_NAMES) - plurals)


@cache
def weekday_names() -> frozenset[str]:
    """Weekday names of every language the Unicode CLDR knows but English, in full, lower
    case, none an English word, listed name or place ("giovedì", "segunda-feira", "senin").
    Built by ``scripts/build_phi_resources.py --weekdays``."""
    return frozenset(lines("weekday_names.txt.gz"))
