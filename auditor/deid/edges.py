"""The edges of a replaced name: what a span of a name, firm, facility or street leaves beside it.

The engine and the recall sweep often find a name but not all of it. On the frozen batches of
issue 14, about half of the PHI tokens still in place after de-identification lay beside or
between spans replaced for the same thing: "Bright Smiles [of] Plano", "To: [Pilot] Butte
Dermatology", "Twin Peaks Dental [PPO]", "[No. 18, 2nd] Cross Street", "kirsten
baptiste[-ward]". Text leaving the building takes the de-identifier's default, recall first,
so before the operators run a span takes its edges, by kind and on its own line only:

- **between** two replaced names: a particle ("of", "and", "de", "al-", "an") or one more
  capitalised word makes them one name ("KLINIK [PAKAR] KAJANG"); between two people's names
  only a name's own particle ("van", "bin"), so "Smith and Jones" stay two;
- **after** a firm or facility: a company form ("Ltd", "(Pty) Ltd"), a short code in capitals
  ("PPO", "SNF", "BV"), a series numeral ("Unit II"), the campus or town after a dash ("Copper
  Basin Imaging - Globe");
- **before** a firm or facility: a short code in capitals ("PT", "NZOZ"), and words of its name
  where a name stands, after a label's colon or inside a sentence ("To: Pilot Butte ...",
  "at the Black Swamp Medicab"), never a sentence's first English word;
- **before** a street: its house number, "No.", a compass letter ("E Camino Miraval");
  **after** it, the unit ("Bldg 22");
- a person's name takes the rest of a hyphenated surname, and the whole of a user name joined
  by underscores that it stands in ("GeorgiaPeach_Tina");
- in other languages: the word for a hospital or a street inside or after a name joins and
  types it ("Opća bolnica Medvednica", "Vodnikova cesta 188"), a facility's head that opens a
  name makes the place after it the facility ("Hospital Central Ribera del Paraguay"), and a
  name in brackets beside the same name in another script goes with it ("ნინო გელაშვილი (Nino
  Gelashvili)").

A word the lists call a title, a relation or a role, a stop word, a month or weekday, or a
label of a record number is never taken. The cost, as for the sweep, is a few non-PHI words
replaced with a name (measured as "non-PHI changed" in ``bench/deid_quality.py``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from auditor.deid.sweep import NOT_GROWN
from auditor.phi.calendar import MONTH, WEEKDAY
from auditor.phi.entities import Entity, TypedSpan
from auditor.phi.recognizers.addresses import NUMBERED_PARTS, ROMANCE_TYPE
from auditor.phi.recognizers.facility_words import HOSPITAL_WORDS, NAME_OPENERS
from auditor.phi.stop_words import STOP_WORDS


class ScoredSpan(TypedSpan, Protocol):
    """A span the operators take: typed, placed and scored (``operators.Span``)."""

    @property
    def score(self) -> float: ...


class _Lexicon(Protocol):
    @property
    def stoplist(self) -> frozenset[str]: ...

    @property
    def places(self) -> frozenset[str]: ...

    def is_english(self, key: str) -> bool: ...


@dataclass(frozen=True, slots=True)
class Widened:
    """A span grown over its edges (or two spans joined), typed and scored as the one it grew
    from."""

    entity_type: str
    start: int
    end: int
    score: float


_PERSON = Entity.PERSON.value
_HOSPITAL = Entity.HOSPITAL.value
_ORG = Entity.ORGANIZATION.value
_STREET = Entity.STREET_ADDRESS.value
_LOCATION = Entity.LOCATION.value
_FIRMS = frozenset({_HOSPITAL, _ORG})
# When two spans join, the one a reader most needs typed right wins: the facility or firm
# whose name holds a town, a street of two crossing ones, a place of a person's.
_PRIORITY = (_HOSPITAL, _ORG, _STREET, _LOCATION, _PERSON)
_NAMES = frozenset(_PRIORITY)

# Particles inside a person's name (in any language the batches wrote).
_NAME_PARTICLES = frozenset(
    {"van", "von", "der", "den", "ter", "de", "del", "della", "di", "da", "do", "dos", "das",
     "du", "des", "la", "le", "y", "e", "bin", "bint", "ibn", "al", "el", "ben", "ap", "ni",
     "mac", "ó", "ní", "nic", "ua"}
)  # fmt: skip
# ... and what also joins the words of a firm's, a facility's or a place's name.
_PLACE_PARTICLES = _NAME_PARTICLES | {"of", "an", "na", "ng", "a'", "les"}
# ... and between two names only where one is a firm's, a facility's or a street's.
_JOINING = frozenset({"and", "&"})
_BUILT = frozenset({_HOSPITAL, _ORG, _STREET})
# Words beside a name that are no part of it: relations, roles, record labels.
_NEVER = NOT_GROWN | frozenset(
    {"room", "bed", "bay", "floor", "county", "city", "town", "mrn", "dob", "ssn", "npi", "id",
     "fax", "tel", "ph", "phone", "re", "attn", "cc", "via", "ed", "er", "icu", "or", "am",
     "pm", "ok", "no", "yes", "na", "n/a", "tbd", "us", "usa", "uk"}
)  # fmt: skip
_CALENDAR = re.compile(rf"(?i:{MONTH}|{WEEKDAY})")

# The word before a span on its line and what stands between (a blank, or a comma after a
# house number's part), looked for within _REACH characters: a line may be a whole JSON file.
_WORD_BEFORE = re.compile(r"(?<!\S)([^\s,]+)([ \t]+|,[ \t]+)$")
_REACH = 80
_CAP_WORD = re.compile(r"[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ'’]+(?:-[A-ZÀ-ÖØ-Þ]?[a-zß-öø-ÿ'’]+)*")
_CODE = re.compile(r"[A-Z]{2,5}")
# The kinds of care a home names itself by after its name, clinical abbreviations elsewhere
# ("Magnolia Gardens ALF": assisted living, not acute liver failure).
_CARE_KINDS = frozenset({"ALF", "SNF", "LTAC", "LTACH", "IRF", "ECF", "ILF", "CCRC"})
_COMPANY_FORM = re.compile(
    r",?[ \t]{1,2}(?:\(Pty\)[ \t]+Ltd|Inc|Ltd|LLC|LLP|PLLC|Corp|Pty|GmbH|Plc|Bhd|Oy|AB|AG|NV|BV"
    r"|SA|SL|SRL|KK|W\.L\.L|WLL|Lda|Ltda|SARL|S\.A\.R\.L|SAS|S\.p\.A|Kft|Zrt|A\.Ş|P\.A|P\.C"
    r"|P\.L\.L\.C)\.?(?![\w])"
)
# (not a label before its value: "DOS 02/11/2026", "BIC # 9144", "MRO: Priya")
_CODE_AFTER = re.compile(r"[ \t]{1,2}([A-Z]{2,4}(?:-[A-Z]{2,4})?)(?![\w.])(?![ \t]*[\d#:])")
_NUMERAL_AFTER = re.compile(
    r"[ \t]+(?:II|III|IV|VI|VII|VIII|IX|XI|XII|I(?=[ \t]*[,;)\n]|$))(?![\w])"
)
_CAMPUS = re.compile(
    r"[ \t]+[-–—][ \t]+([A-Z][a-z'’]+(?:[ \t][A-Z][a-z'’]+)?)(?=[ \t]*(?:[,.;)\n]|[ \t]{2}|$)"
    r"|[ \t]+[a-z])"
)
_HYPHEN_TAIL = re.compile(r"-[A-Za-z][a-z'’]+(?![\w-])")
_UNIT_AFTER = re.compile(
    r",?[ \t]+(?:Unit|Suite|Ste|Lot|Space|Trlr|"
    # and the parts of an address the Gulf numbers ("Bldg 2214, Road 4137, Block 341")
    + NUMBERED_PARTS
    + r"|"
    # the same in Spanish, Portuguese, French, German, Austrian, Swedish, Russian addresses
    r"(?i:apto|apt|dpto|depto|piso|appt|app|whg|top|lgh|kv|bus)"
    # the house's number after the street, as Portuguese, Spanish, French and German write it
    # ("Rua de Francisco Xavier Pereira, n.º 58", "Villa n° 114", "Hauptstr. Nr. 5")
    r"|(?i:n\.?[ \t]?[º°o]|nº|nr|no))\.?[ \t]*#?"
    r"[A-Za-z]?\d{1,5}[A-Za-z]?(?![\w])"
)
_HOUSE = re.compile(r"#?\d{1,6}[A-Za-z]?(?:[-/]\d{1,5}[A-Za-z]?)*|(?=[\dlOI]*\d)[\dlOI]{2,6}")
_HOUSE_WORDS = frozenset({"no", "no.", "nr", "nr.", "#", "n", "s", "e", "w", "ne", "nw", "se",
                          "sw", "n.", "s.", "e.", "w."})  # fmt: skip
_ORDINAL = re.compile(r"\d{1,3}(?:st|nd|rd|th)")
# A street type written before the name ("Calle", "Jalan", "Rua", "ul.").
_TYPE_BEFORE = re.compile(ROMANCE_TYPE + r"|Jl\.|Urb\.")
# What ends a label or a field before a value: "To:", "(", "Oduya (3307) - ", "| ".
_FIELD_START = frozenset(":(-–—|/")
_LEFT_TOKENS = 4  # no edge runs longer than a house number's parts
# The word for a street written after the street's name ("Vodnikova cesta 188", "Brīvības
# iela 211", "Petőfi utca 12"); the word for a hospital is facility_words'.
_STREET_WORDS = frozenset(
    {"cesta", "iela", "ulica", "ulice", "utca", "út", "gatan", "gata", "gade", "vej", "vei",
     "veien", "vägen", "katu", "tie", "tänav", "gatvė", "prospekt", "bulvar", "bulevar",
     "trg", "náměstí", "tér", "plads", "torg", "tori", "allee", "sokak", "sokağı", "caddesi",
     "cadde", "ulitsa", "vulytsia", "odos"}
)  # fmt: skip
_WORD_AFTER = re.compile(r"[ \t]+([^\W\d_]+)(?![\w'’-])")
_HOUSE_AFTER = re.compile(r"[ \t]+\d{1,5}[A-Za-z]?(?:[-/]\d{1,4}[A-Za-z]?)?(?![\w])")


def widen(text: str, spans: Sequence[ScoredSpan], lexicon: _Lexicon) -> list[ScoredSpan]:
    """``spans`` (in order, not overlapping) with each name's edges taken and names split only
    by a particle or one more word of theirs joined."""
    out: list[ScoredSpan] = []
    for i, sp in enumerate(spans):
        kind = sp.entity_type
        if kind not in _NAMES:
            out.append(sp)
            continue
        floor = out[-1].end if out else 0
        ceiling = spans[i + 1].start if i + 1 < len(spans) else len(text)
        start = _left(text, kind, sp.start, sp.end, floor, lexicon)
        if kind in (_LOCATION, _PERSON):
            start, kind = _headed_before(text, kind, start, floor)
        end = _right(text, kind, sp.start, sp.end, ceiling, lexicon)
        end, kind = _head_after(text, kind, end, ceiling)
        if kind == _PERSON:
            start, end = _handle(text, start, end, floor, ceiling)
        if kind != _STREET:  # the same name in another script beside it, in brackets
            before = _other_script_before(text, start, floor)
            if before is not None:
                out.append(Widened(kind, *before, sp.score))
        last = out[-1] if out else None
        joined = _joined(text, last, kind, start) if last is not None else None
        if last is not None and joined is not None:
            out[-1] = Widened(joined, last.start, end, max(last.score, sp.score))
        elif (start, end) != (sp.start, sp.end):
            out.append(Widened(kind, start, end, sp.score))
        else:
            out.append(sp)
        after = _other_script_after(text, end, ceiling) if kind != _STREET else None
        if after is not None:
            out.append(Widened(kind, *after, sp.score))
    return out


def _handle(text: str, start: int, end: int, floor: int, ceiling: int) -> tuple[int, int]:
    """A name inside a user name joined by underscores takes the whole of it
    ("GeorgiaPeach_Tina", "omhlab_rsellers"); other names keep their bounds."""
    a, b = start, end
    while a > floor and (text[a - 1].isalnum() or text[a - 1] == "_"):
        a -= 1
    while b < ceiling and (text[b].isalnum() or text[b] == "_"):
        b += 1
    if "_" not in text[a:start] + text[end:b] or b - a > 64:
        return start, end
    return a, b


# A run of up to six words in a script other than Latin (Georgian, Armenian, Cyrillic,
# Greek, Arabic, Hebrew...), and the same run in brackets.
_OTHER = r"[^\W\d_A-Za-z\u00c0-\u024f\u1e00-\u1eff]+"
_OTHER_RUN = rf"{_OTHER}(?:[ \t]{_OTHER}){{0,5}}"
_OTHER_BEFORE = re.compile(rf"(?<![\w'’-])({_OTHER_RUN})[ \t]*\($")
# (or after a slash, as a bilingual form's field ends: "Name: Abdulhamid Salem Ben Ghalbun /
# عبد الحميد سالم محمد بن غلبون")
_OTHER_AFTER = re.compile(
    rf"[ \t]*\(({_OTHER_RUN})\)|[ \t]*/[ \t]*({_OTHER_RUN})(?=[ \t]*(?:$|[,;|]|[ \t]{{2}}))",
    re.M,
)


def _other_script_before(text: str, start: int, floor: int) -> tuple[int, int] | None:
    """A name in brackets after the same name in another script: "ნინო გელაშვილი (Nino
    Gelashvili)", "جورج حداد (Georges Haddad)" (a bilingual form writes both)."""
    if start < 1 or text[start - 1] != "(":
        return None
    line = _line_start(text, start, floor)
    m = _OTHER_BEFORE.search(text, max(line, start - _REACH), start)
    return (m.start(1), m.end(1)) if m else None


def _other_script_after(text: str, end: int, ceiling: int) -> tuple[int, int] | None:
    """The same name in another script in brackets or after a slash after it: "Armen Sargsyan
    (Արմեն Սարգսյան)", "Ben Ghalbun / بن غلبون"."""
    m = _OTHER_AFTER.match(text, end, min(ceiling, _line_end(text, end)))
    if m is None:
        return None
    g = 1 if m.group(1) else 2
    return m.start(g), m.end(g)


def _joined(text: str, last: TypedSpan, kind: str, start: int) -> str | None:
    """The type of two names of one line as one, when only a particle, one word of a name or
    the word for a hospital stands between them ("Opća bolnica Medvednica", "Mack Ave and
    Cadieux Rd"); else None."""
    if last.entity_type not in _NAMES:
        return None
    gap = text[last.end : start]
    kinds = {last.entity_type, kind}
    joined = next(k for k in _PRIORITY if k in kinds)
    if gap == " ":  # "Opća bolnica" + "Medvednica": one facility's name
        return joined if kinds & _FIRMS else None
    m = re.fullmatch(r"[ \t]+(\S+?)([ \t]+|-)", gap)
    if m is None:
        return None
    word = m.group(1).lower()
    if m.group(2) != "-" and m.group(1) in HOSPITAL_WORDS:  # (the sweep types it a name's)
        return _HOSPITAL
    if _PERSON in kinds:  # a person's name and another: only a particle of a person's name
        return joined if word in _NAME_PARTICLES else None
    if word in _JOINING:  # "Mack Ave and Cadieux Rd", not "Boston and Denver"
        return joined if kinds & _BUILT else None
    if word in _PLACE_PARTICLES:
        return joined
    name_word = _CAP_WORD.fullmatch(m.group(1)) and _may_name(word) and m.group(2) != "-"
    return joined if name_word else None


def _head_after(text: str, kind: str, end: int, ceiling: int) -> tuple[int, str]:
    """A place's or a firm's name with the word for a hospital after it, in a language that
    writes it last and in lower case ("Rīgas Daugavmalas slimnīca"), or for a street, with
    its house number ("Vodnikova cesta 188", "Brīvības iela 211"): the end and the type."""
    limit = min(ceiling, _line_end(text, end))
    m = _WORD_AFTER.match(text, end, limit)
    if m is None:
        return end, kind
    if m.group(1) in HOSPITAL_WORDS:
        return m.end(), _HOSPITAL
    if m.group(1) in _STREET_WORDS:
        house = _HOUSE_AFTER.match(text, m.end(), limit)
        return (house.end() if house else m.end()), _STREET
    return end, kind


def _may_name(word: str) -> bool:
    """A word that may be part of a name: no stop word, title, relation, role, record label,
    month or weekday."""
    key = word.lower().rstrip(".")
    return key not in STOP_WORDS and key not in _NEVER and not _CALENDAR.fullmatch(key)


def _code(word: str, lexicon: _Lexicon) -> bool:
    """A short code in capitals that is no English or clinical word ("PPO", "BV", "NZOZ"; not
    "LOG", "PICU", "RN")."""
    key = word.lower()
    return (
        bool(_CODE.fullmatch(word))
        and _may_name(word)
        and not (key in lexicon.stoplist or lexicon.is_english(key))
    )


def _left(text: str, kind: str, start: int, end: int, floor: int, lexicon: _Lexicon) -> int:
    """Where the span starts once it has taken what stands before it on its line."""
    line = _line_start(text, start, floor)
    if kind == _STREET:
        return _house_before(text, start, line)
    if kind in _FIRMS:
        lady = _OUR_LADY.search(text, max(line, start - 16), start)
        return _name_before(text, lady.start() if lady else start, end, line, lexicon)
    return start


# The dedication that opens a Catholic hospital's, school's or parish's name: "Our Lady of
# Carmel Hospital", whose words are each a stop word or an everyday one.
_OUR_LADY = re.compile(
    r"\b(?:Our|OUR)[ \t]+(?:Lady|LADY)[ \t]+(?:of|OF)(?:[ \t]+(?:the|THE))?[ \t]+\Z"
)


def _house_before(text: str, start: int, line: int) -> int:
    """A street's house number, "No." and compass letter or street type before it ("No. 18,
    2nd Cross Street", "E Camino Miraval"; a comma only after a house marker)."""
    for _ in range(_LEFT_TOKENS):
        m = _WORD_BEFORE.search(text, max(line, start - _REACH), start)
        if m is None:
            break
        word, sep = m.group(1), m.group(2)
        house = _HOUSE.fullmatch(word) or _ORDINAL.fullmatch(word)
        marker = word.lower() in _HOUSE_WORDS or _TYPE_BEFORE.fullmatch(word)
        if not (house or (sep.strip() == "" and marker)):
            break
        if sep.strip():
            before = _WORD_BEFORE.search(text, max(line, m.start() - _REACH), m.start())
            if not (house and before and before.group(1).lower() in _HOUSE_WORDS):
                break
        start = m.start(1)
    return start


def _name_before(text: str, start: int, end: int, line: int, lexicon: _Lexicon) -> int:
    """Words of a firm's or a facility's name before the span: codes in capitals that are no
    word ("PT Sinar Tekstil", beside a name in mixed case only: in capitals every word looks
    like one), words no list explains, and English words only where a name stands: after a
    label's colon or a field's dash, or inside a sentence ("To: Pilot Butte Dermatology",
    "Oduya - Black Swamp Medicab", "at the Front Range ..."), never a sentence's first."""
    codes = any(c.islower() for c in text[start:end])
    # (start, plain: no English word, particle) nearest first
    run: list[tuple[int, bool, bool]] = []
    at = start
    for _ in range(_LEFT_TOKENS):
        m = _WORD_BEFORE.search(text, max(line, at - _REACH), at)
        if m is None or m.group(2).strip():
            break
        word = m.group(1)
        key = word.lower().removesuffix("'s").removesuffix("’s")  # ("Pt's VFW Post 5917")
        # a code, or the head of a name that opens with it ("Hospital Central Ribera ...")
        if (codes and _code(word, lexicon)) or (key in NAME_OPENERS and word[:1].isupper()):
            run.append((m.start(1), True, False))
        elif key in _PLACE_PARTICLES:  # "Sangre de Cristo Home Companions"
            run.append((m.start(1), True, True))
        elif _CAP_WORD.fullmatch(word) and _may_name(key) and key not in lexicon.stoplist:
            run.append((m.start(1), not lexicon.is_english(key), False))
        else:
            break
        at = m.start(1)
    for k in range(len(run), 0, -1):
        first, _, particle = run[k - 1]
        if particle:
            continue  # a name opens with a word of its own, not "de"
        if all(plain for _, plain, _ in run[:k]) or _name_stands(text, line, first):
            return first
    return start


def _headed_before(text: str, kind: str, start: int, floor: int) -> tuple[int, str]:
    """A place or a name after a facility's head and up to two capitalised words is that
    facility's name ("Hospital Central Ribera del Paraguay", "Clínica San Rafael"): the start
    and type of the whole."""
    line = _line_start(text, start, floor)
    at = start
    for _ in range(3):
        m = _WORD_BEFORE.search(text, max(line, at - _REACH), at)
        if m is None or m.group(2).strip() or not m.group(1)[:1].isupper():
            break
        if m.group(1).lower() in NAME_OPENERS:
            return m.start(1), _HOSPITAL
        if not (_CAP_WORD.fullmatch(m.group(1)) and _may_name(m.group(1))):
            break
        at = m.start(1)
    return start, kind


def _name_stands(text: str, line: int, at: int) -> bool:
    """A name may start at ``at``: after a label's colon, a bracket or a field's dash or bar,
    or after a lower-case word (inside a sentence)."""
    before = text[line:at].rstrip(" \t")
    if not before:
        return False
    return before[-1] in _FIELD_START or (before[-1].isalpha() and before.split()[-1].islower())


def _right(text: str, kind: str, start: int, end: int, ceiling: int, lexicon: _Lexicon) -> int:
    """Where the span ends once it has taken what follows it on its line."""
    limit = min(ceiling, _line_end(text, end))
    if kind == _PERSON:
        m = _HYPHEN_TAIL.match(text, end, limit)
        # "Baptiste-Ward", "baptiste-ward"; not "Otis-type"
        same_case = m is not None and text[start].isupper() == m.group()[1].isupper()
        return m.end() if m and same_case else end
    if kind == _STREET:
        for _ in range(4):  # a chain of parts: "Flat 12, Bldg 2214, Road 4137, Block 341"
            m = _UNIT_AFTER.match(text, end, limit) or _NUMERAL_AFTER.match(text, end, limit)
            if m is None:
                break
            end = m.end()
        return end
    if kind not in _FIRMS:
        return end
    codes = any(c.islower() for c in text[start:end])
    for _ in range(3):
        grown = end
        for pattern in (_COMPANY_FORM, _NUMERAL_AFTER):
            m = pattern.match(text, grown, limit)
            if m:
                grown = m.end()
        m = _CODE_AFTER.match(text, grown, limit) if codes else None
        if m and (
            m.group(1) in _CARE_KINDS or all(_code(part, lexicon) for part in m.group(1).split("-"))
        ):
            grown = m.end()
        m = _CAMPUS.match(text, grown, limit)
        if m and all(_campus_word(w, lexicon) for w in m.group(1).split()):
            grown = m.end(1)
        if grown == end:
            break
        end = grown
    return end


def _campus_word(word: str, lexicon: _Lexicon) -> bool:
    """A campus's or a town's word after a facility's dash: a listed place or no English
    word ("- Globe", "- Eureka"; not "- Underwriting")."""
    key = word.lower()
    if not _may_name(word) or key in lexicon.stoplist:
        return False
    return key in lexicon.places or not lexicon.is_english(key)


def _line_start(text: str, at: int, floor: int) -> int:
    """Where the line holding ``at`` starts, no further back than every look before a span
    reaches (a line may be a whole file: an unbounded search per span is quadratic)."""
    bound = max(floor, at - 2 * _REACH)
    return max(text.rfind("\n", bound, at) + 1, bound)


def _line_end(text: str, at: int) -> int:
    """Where the line holding ``at`` ends, no further on than every look after a span reaches."""
    bound = min(len(text), at + 2 * _REACH)
    nl = text.find("\n", at, bound)
    return bound if nl < 0 else nl
