"""The de-identifier's recall sweep: what the PHI engine left that may still identify someone.

The engine decides PHI from evidence (a cue, a list, a shape with a checksum) and is built
for findings a privacy officer triages, so it leaves a value it cannot prove. Text leaving
the building needs the opposite default: on text nobody here has seen, names with no list
entry or cue and identifiers of an unknown layout were most of what survived de-id (issue
14). So, after the engine, the de-identifier also replaces what no word list explains, in
the way allow-list de-identifiers do (Philter), by kind rather than by example:

- **words**: a capitalised word that is no English word (nor its British spelling), no
  drug name or brand, no language or nationality, no form label and no abbreviation,
  compound or clinical derivative of known words; in capitals, one the name and place lists
  know, or in mostly lower-case text any long one ("OKWUOSA, Festus"), since a note written
  in capitals is mostly jargon; in lower case, a word the name or place lists know that no
  other list explains ("spoke w/ mcallister"); a lower-case login of initials and a
  common surname; and a user name joined by underscores with a name or a login in it
  ("GeorgiaPeach_Tina", "tgreer_rn"). Not a form's label in another language where a field
  opens ("Terapija: aripiprazol", "Nom : TRAORÉ   Prénom : Aminata") nor a table's header
  row ("Cliente  Edad  Teléfono" over its rows);
- **numbers**: a token with a run of five or more digits, or letters with a run of three or
  more digits ("CH-031", "MRN44821"), a reference cut by slashes with letters and three or
  more digits ("BHA/26/4471"), digits alone in three parts with one of five digits or more
  ("447183/300/18451") or in four parts after a record's label ("account 71/04/118/2290"),
  or digit groups split by blanks (7+ digits: "3318 44102 5"),
  unless it reads as a measurement: a decimal, a range, a count with thousands
  separators, a ventilator setting (450x14), a unit after it, money;
- **codes**: a code in capitals before a number of four digits or more ("EMP 1187", "MPPS
  71.448"; after a register's label, "CHI 1208524471", the number alone: the label names the
  register), not a rule's, a procedure's or a lab test's ("CFR 164.526", "BNP 2450");
- **cased scripts**: in Greek, Cyrillic and Armenian text, a capitalised word that opens no
  sentence or line and is no label ("Өвчтөн: Батболдын Сарангэрэл", "Эмч: Д. Оюунчимэг");
  in Georgian, which has no capitals, a name told by its surname's ending ("გიორგი ბერიძე");
- **ages** the age grammar does not read: "turned 101", "her 100th birthday" (over 89 only);
- **who a text is from**: the name after a greeting and "it's" ("hey its dez", "oi davo
  it's kezza"), not "it's ok" or "its me";
- **runs**: the rest of a capitalised run after a name replaced in part ("Cedar Ridge" of
  "Cedar Ridge Egg Donor Agency", rightwards only), a firm's head word right after a replaced
  name in the name's case ("KOSHAR" + "BOAT STORAGE"), a run that ends in a facility's or a
  firm's head word with a word telling which one ("Pelican Unit"; :mod:`headed_names`), and a
  run with a naming word where an organisation's name stands ("at Mercy Ridge", "Insurer:
  Prairie Mutual"), which the engine takes only with NER's agreement.

Swept words are replaced as names (LOCATION when every part is a known place), numbers and
logins as ID_NUMBER, ages as AGE, through the profile's operators like any engine span.
The cost is clinical words the lists do not know (a rare drug, an unusual eponym) replaced
too: measured in the bench as "non-PHI changed". A profile turns it off (``sweep: false``).
"""

from __future__ import annotations

import bisect
import bz2
import importlib.util
import itertools
import pickle
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Protocol

from auditor.phi.calendar import MONTH, WEEKDAY
from auditor.phi.entities import Entity
from auditor.phi.measures import BODY_UNITS, COUNT_NOUNS, DOSE_UNITS, LETTER_UNITS, TIME_UNITS
from auditor.phi.recognizers.headed_names import (
    CAP_IN_RUN,
    CAP_RUN,
    RUN_GAP,
    TITLES,
    headed_runs,
)
from auditor.phi.recognizers.languages import everyday_words, inflected, language_of
from auditor.phi.recognizers.lexicon import HONORIFICS, MEDICAL_SUFFIX, RELATIVES, Lexicon
from auditor.phi.recognizers.name_edges import edge_bounds
from auditor.phi.recognizers.not_persons import NOT_PERSON_WORDS, REGISTER_LABELS
from auditor.phi.recognizers.org_evidence import OrgEvidence, letterhead
from auditor.phi.recognizers.organizations import DENOMINATIONS, INDUSTRY_WORDS
from auditor.phi.recognizers.regex_start import accelerated
from auditor.phi.recognizers.table_columns import header_rows
from auditor.phi.recognizers.tokens import normalize
from auditor.phi.recognizers.vehicles import vehicle_words
from auditor.phi.resources import lines
from auditor.phi.stop_words import STOP_WORDS

# Below every engine score: a sweep span never wins an overlap against an engine span.
SWEEP_SCORE = 0.05
# A login's surname part must be a common one (census rank): rarer list entries are more
# often pieces of clinical words ("pipelle" = pi + pelle).
_LOGIN_RANK = 20_000
# No name is longer; a longer "word" (a hostile run of letters) is not split into compounds.
_LONGEST_WORD = 40
_MEMO_LIMIT = 200_000  # words remembered per process (a few tens of MB at most)
_DRUG_PACKAGE = "drug_named_entity_recognition"
_DRUG_FILE = "drug_ner_dictionary.pkl.bz2"

# A word: letters with inner apostrophes or hyphens, not touching a digit ("FiO2", "T4").
_WORD = re.compile(r"(?<![\w'’\-])[^\W\d_]+(?:['’\-][^\W\d_]+)*(?![\w])")
# A handle joined by underscores ("GeorgiaPeach_Tina", "omhlab_rsellers"), not part of an
# e-mail, a path or a URL.
_HANDLE = re.compile(r"(?<![\w.@/\\-])[^\W\d_][^\W_]*(?:_[^\W_]+)+(?![\w@/\\-]|\.\w)")
# A number-bearing token: letters, digits and inner . - _ (URLs, dates and times hold / or :
# and are the engine's).
# (letters of any script: "УБ85031214", "ЭМД-0448172")
_TOKEN = re.compile(r"(?<![\w.\-/:$£€])[^\W_]+(?:[.\-_][^\W_]+)*(?![\w/:]|[.\-]\w)")
# A reference cut by two or more slashes with letters in it: "BHA/26/4471", "KTH/OPD/0912"
# (dates have no run of two letters; a rate "40CC/HR" has one slash).
_SLASHED = re.compile(
    r"(?<![\w/.\-])(?=[\w/\-]*[A-Za-z]{2})[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*"
    r"(?:/[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*){2,5}(?![\w/])"
)
# Digits cut by slashes into three parts or more: no date has a part of five digits or more
# ("LR 447183/300/18451", a register's number) nor four parts, which after a record's label
# are its number ("account 71/04/118/2290"; without one, settings and pressures: "AC
# 14/500/5/40").
_SLASHED_DIGITS = re.compile(r"(?<![\w/.\-])\d{1,8}(?:/\d{1,8}){2,6}(?![\w/%])")
_RECORD_LABEL_BEFORE = re.compile(
    r"(?i:acc(?:oun)?t|a/c|no|number|ref|file|case|policy|folio|reg(?:istration)?|id)"
    r"[ \t]*+(?:[.:#][ \t]*+)?(?:(?i:no)\.?[ \t]*)?\Z"
)
# A code in capitals and a number of four digits or more, or grouped in thousands with dots
# ("EMP 1187", "CCD 3418", "MPPS 71.448"): what a register or an employer numbers someone by.
_CODED = re.compile(
    r"(?<![\w.-])(?P<code>[A-Z]{2,5})\.?[ \t](?P<number>\d{1,3}(?:\.\d{3})+|\d{4,})"
    r"(?![\w/-]|[.,]\d)"
)
# Codes before a number that is no one's: rules, procedure and diagnosis codes, lab tests.
_NOT_CODES = frozenset(
    {"cfr", "usc", "cpt", "icd", "hcpcs", "ndc", "loinc", "drg", "rev", "snomed", "bnp", "usg",
     "tsh", "psa", "ldh", "cpk", "ast", "alt", "alp", "ggt", "wbc", "hgb", "plt", "crp", "esr",
     "afp", "cea", "hcg", "ige", "igg", "iga", "igm", "pth", "ck", "ntprobnp", "vol", "iso",
     "astm", "ansi", "iec", "din", "en", "ref", "mg", "mcg", "ml"}
)  # fmt: skip
_GROUPS = re.compile(r"(?<![\w.,/:\-])\d{2,}(?: \d+){1,5}(?![\w.,/:\-]|\s\d)")
_DIGITS = re.compile(r"\d+")
_DATE_WORD = re.compile(rf"(?i:{MONTH}|{WEEKDAY})\.?")
# A Title-case word right before a swept surname (one blank between), and the words there
# that are no given name: a role, a relative, a title, a preposition.
_TITLE_WORD = re.compile(r"[A-Z][a-z]+(?:['’\-][A-Za-z][a-z]+)*")
_GIVEN_BEFORE = re.compile(r"(?<![\w'’.\-])([A-Z][a-z]{2,})[ ]\Z")
# Types whose span grows over the rest of a capitalised run it sits in.
_GROWS = frozenset({"PERSON", "LOCATION", "ORGANIZATION", "HOSPITAL", "STREET_ADDRESS"})
# Words next to a name that are no part of it.
NOT_GROWN = TITLES | frozenset(
    {"mother", "father", "son", "daughter", "wife", "husband", "sister", "brother", "nurse",
     "doctor", "patient", "pt", "ward", "unit", "province", "state", "the", "on", "in", "at",
     "to", "from", "by", "with", "per"}
)  # fmt: skip
_NOT_GIVEN = NOT_GROWN | RELATIVES | HONORIFICS | STOP_WORDS
# The head words that end a firm's, a congregation's or a school's name, read after a name
# already replaced, in any case: "KOSHAR BOAT STORAGE", "ST. ISIDORE LUTHERAN", "QUINEBAUG
# TRANSIT CO" (in capitals and in lower case the engine's firm rules, which want title case,
# take the name and leave its head).
_TAIL = re.compile(
    r"[ ](?P<fill>(?:[^\W\d_][\w'’]*[ ]){0,2}?)"
    rf"(?P<head>{INDUSTRY_WORDS}|{DENOMINATIONS}|church|chapel|parish|synagogue|mosque|temple|"
    r"co|inc|corp|llc|ltd|company|corporation|transit|pharmacy|transport|insurance|ambulance|"
    r"academy|college|institute(?:[ \t]+of[ \t]+technology)?|funeral[ \t]+home|"
    # a school's subject after its kind: "CHARLESGATE INSTITUTE" + "OF TECHNOLOGY"
    r"of[ \t]+(?:technology|nursing|medicine|pharmacy|music|arts?|design|law))"
    r"(?![\w-]|[ \t]*:)",  # (not a form's next label: "Mobile:", "transport:")
    re.I,
)
# Who a message says it is from, as friends text in lower case: "hey its dez lol", "oi davo
# it's kezza", "hey it's jo-anne brisson-wicks" (a greeting, then "it's" and the name).
_SELF_NAMED = accelerated(
    re.compile(
        r"(?i:\b(?:hey|hi|hiya|heya|oi|yo|hello|howdy)\b)[^\n.?]{0,24}?"
        r"\b(?i:it'?s|it’s|this[ \t]+is)[ \t]+"
        r"(?P<name>[a-z][a-z'’]+(?:-[a-z'’]+)*(?:[ \t]+[a-z][a-z'’]+-[a-z'’]+)?)(?![\w'’-])"
    )
)
# What "it's" is said of in a chat that is no one: "it's ok", "its me", "it's late".
_NOT_SELF = frozenset(
    {"ok", "okay", "k", "me", "us", "u", "ur", "here", "late", "fine", "done", "time", "lol",
     "all", "so", "too", "raining", "sunny", "cold", "hot", "true", "over", "urgent", "cool"}
)  # fmt: skip
# Where a CamelCase key's words meet: "ReferringPhysicianName" -> Referring, Physician, Name.
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
# Ages the engine's age grammar may not read: "turned 101", "her 100th birthday".
_AGE = accelerated(
    re.compile(
        r"(?i:\b(?:turned|turns|turning|reached|reaches|aged)[ \t]+)(?P<n>\d{2,3})(?![\d/:.])"
        r"|(?<![\d.])(?P<o>\d{2,3}(?i:st|nd|rd|th))(?i:[ \t]+birthday)"
        # a person who "is 94" or "was 99" (the word before the verb: _said_of_person), and
        # the age in brackets after a birth date ("DOB 19310718 (95)", "DOB 7/19/1933 (so 93)")
        r"|(?<=[ \t])(?P<verb>(?i:is|was|'s))[ \t]+(?P<s>\d{2,3})(?![\d/:.%])"
        r"(?![ \t]*(?i:%|percent|bpm|mmhg|kg|lbs?|cm|in|mg|ml|degrees|°))"
        # the writer's own age, or theirs ("I'm 91 and live alone", "she's 93 now")
        r"|(?<![\w'’])(?:I(?:['’]m|[ \t]+am)|(?i:s?he)['’]s)[ \t]+(?P<m>\d{2,3})(?![\d/:.%])"
        r"(?![ \t]*(?i:%|percent|bpm|mmhg|kg|lbs?|cm|in|mg|ml|degrees|°|years?[ \t]+(?:ago|since)))"
        r"|(?i:dob|d\.o\.b\.?|born|b\.)[ \t:]*[\d/.\-]{6,10}[ \t]*"
        # (or "(so 93)", "(now 91)", "(age 96 y)")
        r"\((?:(?i:so|now|age|aged|i\.e\.?)[ \t]+)?(?P<b>\d{2,3})(?:[ \t]*(?i:y/?o|y|yrs?))?\)"
    )
)
# The word before "is 94", read back from the verb (a pattern opening with any word would be
# tried at every word of every note).
_WHO_BEFORE = re.compile(r"(?<![\w'’])([^\W\d_][\w'’]*)[ \t]+$")
# Who "is 94": a pronoun or a kinship word; a vital sign is never one ("HR was 92").
_AGE_SUBJECTS = frozenset(
    {"he", "she", "mom", "mum", "dad", "mother", "father", "grandma", "grandpa", "nana", "gran",
     "granny", "papa", "mama", "husband", "wife", "aunt", "uncle"}
)  # fmt: skip
_DECIMAL = re.compile(r"\d[.,]\d")
_RANGE = re.compile(r"^\d{1,4}[sS]?[\-–]\d{1,4}[sS]?$")
_SETTING = re.compile(r"^\d+(?:[xX×]\d+)+$")
# (a quantity has six digits at most: "15901197408822Y" is a national number, not years)
_UNIT_GLUED = re.compile(r"^\d{1,6}([A-Za-z]{1,5})$")
# (one-letter units in lower case only, "L" for litres: "12345 M" may be a sex or a wing)
_UNIT_AFTER = re.compile(
    rf"[ \t]?(?:(?i:{DOSE_UNITS}|{BODY_UNITS}|{COUNT_NOUNS}|{TIME_UNITS})|{LETTER_UNITS}|m|L|/|%)"
    r"(?![A-Za-z])"
)
_UNITS = frozenset(
    {"mg", "mcg", "ug", "g", "kg", "ng", "ml", "cc", "l", "dl", "u", "iu", "unit", "units",
     "mmol", "meq", "mm", "cm", "km", "m", "ft", "lb", "lbs", "oz", "kcal", "cal", "bpm",
     "mmhg", "hz", "khz", "mhz", "kb", "mb", "gb", "tb", "mph", "kph", "rpm", "ms", "s", "sec",
     "min", "h", "hr", "hrs", "d", "wk", "wks", "mo", "yo", "y", "yr", "yrs", "k", "st", "nd",
     "rd", "th", "x"}
)  # fmt: skip
# Word beginnings of clinical compounds: "Endotracheal" = endo + tracheal.
_PREFIXES = (
    "anti", "auto", "bi", "cardio", "co", "counter", "cross", "de", "dis", "echo", "electro",
    "endo", "epi", "extra", "gastro", "hemi", "hepato", "hyper", "hypo", "ilio", "im", "in",
    "infra", "inter", "intra", "laparo", "macro", "mal", "micro", "mid", "mis", "muco",
    "multi", "naso", "neuro", "non", "oro", "osteo", "over", "para", "patello", "peri",
    "photo", "poly", "post", "pre", "pseudo", "psycho", "radio", "re", "retro", "semi",
    "sub", "super", "supra", "tele", "thoraco", "trans", "tri", "ultra", "un", "under",
    "uni", "video",
)  # fmt: skip
# Endings that make a clinical word of a known stem: "Tracheal", "Dialyzed", "Ambulating".
_ENDINGS = (
    "ation", "ations", "ion", "ions", "ize", "ized", "izing", "ise", "ised", "ising", "ate",
    "ated", "ating", "al", "ic", "ical", "ity", "ive", "ory", "ous", "ness", "an", "ar",
)  # fmt: skip


class Span(Protocol):
    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


@dataclass(frozen=True, slots=True)
class SweepSpan:
    """A value the sweep replaces: typed for the profile's operators, scored below the engine."""

    entity_type: str
    start: int
    end: int
    score: float = SWEEP_SCORE


@cache
def _languages() -> frozenset[str]:
    """The living languages' one-word names no name, place or word list holds
    (resources/language_names.txt.gz, from ISO 639-3)."""
    return frozenset(lines("language_names.txt.gz"))


@cache
def drug_words() -> frozenset[str]:
    """One-word drug names and brands (``drug-named-entity-recognition``, MIT; DrugBank open
    data and other sources it lists). Read from the package's data file, without importing
    the package (its import reads and writes a cache in the home folder)."""
    spec = importlib.util.find_spec(_DRUG_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return frozenset()
    path = Path(next(iter(spec.submodule_search_locations))) / _DRUG_FILE
    with bz2.open(path, "rb") as handle:
        data = pickle.load(handle)  # the data file of an installed dependency
    variants = data.get("drug_variant_to_canonical", {})
    return frozenset(k for k in variants if isinstance(k, str) and k.isalpha())


class Sweep:
    """The recall sweep over one text, given the spans the engine already found."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self._drugs = drug_words()
        self._memo: dict[tuple[str, bool], str | None] = {}
        self._naming = OrgEvidence(lexicon)
        self._short_prefixes = frozenset(
            w[:n] for w in lexicon.english for n in (3, 4) if len(w) > n
        )

    def spans(self, text: str, taken: Sequence[Span]) -> list[SweepSpan]:
        """What the sweep replaces in ``text`` outside the ``taken`` spans, in order."""
        # a vehicle's make and model name no one ("2019 Toyota Yaris Hybrid, reg ...")
        taken_pairs = [(s.start, s.end) for s in taken] + vehicle_words(text)
        covered = Covered(taken_pairs)
        found: list[SweepSpan] = []
        for m in _GROUPS.finditer(text):
            if _id_groups(m.group()) and covered.free(m.start(), m.end()):
                found.append(SweepSpan(Entity.ID_NUMBER.value, m.start(), m.end()))
        covered = Covered(taken_pairs + [(s.start, s.end) for s in found])
        for m in _TOKEN.finditer(text):
            if _id_token(text, m) and covered.free(m.start(), m.end()):
                found.append(SweepSpan(Entity.ID_NUMBER.value, m.start(), m.end()))
        covered = Covered(taken_pairs + [(s.start, s.end) for s in found])
        for m in _SLASHED.finditer(text):
            if sum(c.isdigit() for c in m.group()) >= 3 and covered.free(m.start(), m.end()):
                found.append(SweepSpan(Entity.ID_NUMBER.value, m.start(), m.end()))
        for m in _SLASHED_DIGITS.finditer(text) if text.count("/") >= 2 else ():
            parts = m.group().split("/")
            long_part = any(len(part) >= 5 for part in parts)
            labelled = len(parts) >= 4 and _RECORD_LABEL_BEFORE.search(
                text, max(0, m.start() - 24), m.start()
            )
            if not (long_part or labelled):
                continue
            if covered.free(m.start(), m.end()):
                found.append(SweepSpan(Entity.ID_NUMBER.value, m.start(), m.end()))
            elif long_part:
                for part in _DIGITS.finditer(text, m.start(), m.end()):  # the engine's leftovers
                    if covered.free(part.start(), part.end()):
                        found.append(SweepSpan(Entity.ID_NUMBER.value, part.start(), part.end()))
        covered = Covered(taken_pairs + [(s.start, s.end) for s in found])
        for m in _CODED.finditer(text):
            if self._coded(m) and covered.free(m.start(), m.end()):
                # a register's label stays ("CHI 1208524471"); any other code is part of the
                # identifier ("EMP 1187", a plate's letters "KRM 4471")
                label = m.group("code").lower() in REGISTER_LABELS
                start = m.start("number") if label else m.start()
                found.append(SweepSpan(Entity.ID_NUMBER.value, start, m.end()))
        covered = Covered(taken_pairs + [(s.start, s.end) for s in found])
        if "_" in text:
            for m in _HANDLE.finditer(text):
                if self._handle(m.group()) and covered.free(m.start(), m.end()):
                    found.append(SweepSpan(Entity.ID_NUMBER.value, m.start(), m.end()))
            covered = Covered(taken_pairs + [(s.start, s.end) for s in found])
        for m in _AGE.finditer(text):
            group = next(g for g in ("n", "o", "s", "m", "b") if m.group(g))
            number = m.group(group)
            if group == "s":
                verb = m.start("verb")
                who = _WHO_BEFORE.search(text, max(0, verb - _LONGEST_WORD - 8), verb)
                if who is None or not _said_of_person(who.group(1), who.start(1), taken):
                    continue
            start = m.start(group)
            if 90 <= int(number.rstrip("stndrhSTNDRH")) <= 130 and covered.free(
                start, m.end(group)
            ):
                found.append(SweepSpan(Entity.AGE.value, start, start + len(number)))
        lower = sum(c.islower() for c in text)
        mixed = lower > sum(c.isupper() for c in text)
        starts = sorted(s.start for s in taken)
        heads = Covered(header_rows(text))
        for m in _WORD.finditer(text):
            kind = self._decide(m.group(), mixed)
            if kind and self._common_foreign(text, m):
                continue
            if (
                kind
                and covered.free(m.start(), m.end())
                and heads.free(m.start(), m.end())
                and not self._label(text, m, starts)
            ):
                found.append(SweepSpan(kind, m.start(), m.end()))
        found += _cased_script_names(text, Covered(taken_pairs + [(s.start, s.end) for s in found]))
        if _GEORGIAN.search(text):
            found += _georgian_names(text, Covered(taken_pairs + [(s.start, s.end) for s in found]))
        low = text.lower()
        if "it's" in low or "its " in low or "it’s" in low or "this is" in low:
            covered = Covered(taken_pairs + [(s.start, s.end) for s in found])
            found += [
                SweepSpan(Entity.PERSON.value, m.start("name"), m.end("name"))
                for m in _SELF_NAMED.finditer(text)
                if self._self_named(text, m) and covered.free(m.start("name"), m.end("name"))
            ]
        covered = Covered(taken_pairs + [(s.start, s.end) for s in found])
        found += self._given_before(text, found, covered)
        found += self._grown(text, [*taken, *found])
        found += self._tailed(text, [*taken, *found])
        found += self._headed(text, [*taken, *found])
        found += self._placed(text, [*taken, *found])
        # a swept name's small parts go with it, as the engine's do (name_edges: initials,
        # a surname's particle, a hyphenated given name's short part: "R. Mbappé", "Ó Broin")
        free = Covered(taken_pairs + [(s.start, s.end) for s in found]).free
        grown = {
            id(s): SweepSpan(s.entity_type, a, b)
            for s, a, b in edge_bounds(text, found)
            if (a == s.start or free(a, s.start)) and (b == s.end or free(s.end, b))
        }
        found = [grown.get(id(s), s) for s in found]
        return _merged(text, sorted(found, key=lambda s: s.start))

    def _given_before(
        self, text: str, swept: Sequence[SweepSpan], covered: Covered
    ) -> list[SweepSpan]:
        """A given name that is also a word right before a surname the sweep replaced, in
        the surname's case mid-sentence: "for Juniper Castelblanco", "(Felicity
        Aubervayle)", "I, Hone Paewai" (the given-name list leaves such words out; the
        unknown surname after it is the cue)."""
        out: list[SweepSpan] = []
        for s in swept:
            word = text[s.start : s.end]
            if s.entity_type != Entity.PERSON.value or not _TITLE_WORD.fullmatch(word):
                continue
            m = _GIVEN_BEFORE.search(text, max(0, s.start - _LONGEST_WORD - 2), s.start)
            if m is None or not covered.free(m.start(1), m.end(1)):
                continue
            given = m.group(1).lower()
            if (
                given in _NOT_GIVEN
                or given in self.lexicon.stoplist
                or _DATE_WORD.fullmatch(m.group(1))
            ):
                continue
            if _SENTENCE_START.search(text, max(0, m.start(1) - 8), m.start(1)) and not (
                self.lexicon.is_first(given)
            ):
                continue  # a sentence's first word is more often a verb or a role
            out.append(SweepSpan(Entity.PERSON.value, m.start(1), m.end(1)))
        return out

    def _grown(self, text: str, replaced: Sequence[Span]) -> list[SweepSpan]:
        """The rest of a capitalised run after a replaced name in it: a phrase the engine took
        in part ("Cedar Ridge" of "Cedar Ridge Egg Donor Agency") is one name. Only rightwards:
        the word before a name is more often its role ("Pharmacist", "Caller", "Mum") or a
        sentence's first word than part of it."""
        typed = sorted(
            (s.start, s.end, t)
            for s in replaced
            if (t := str(getattr(s, "entity_type", ""))) in _GROWS
        )
        if not typed:
            return []
        covered = Covered([(s.start, s.end) for s in replaced])
        starts = [a for a, _, _ in typed]
        out: list[SweepSpan] = []
        for run in CAP_RUN.finditer(text):
            kind = None
            grown: list[re.Match[str]] = []
            for w in CAP_IN_RUN.finditer(text, run.start(), run.end()):
                i = bisect.bisect_left(starts, w.end())
                inside = next(
                    (t for a, e, t in reversed(typed[max(0, i - 3) : i]) if e > w.start()), None
                )
                if inside is not None:
                    if kind is not None:
                        out += _joined(text, kind, grown, covered)
                    kind, grown = inside, []
                elif kind is not None and not (
                    w.group().lower() in NOT_GROWN or _DATE_WORD.fullmatch(w.group())
                ):
                    grown.append(w)
            if kind is not None:
                out += _joined(text, kind, grown, covered)
        return out

    def _tailed(self, text: str, replaced: Sequence[Span]) -> list[SweepSpan]:
        """A firm's head word (and up to two words before it) right after a replaced name,
        written in the name's case: the rest of "KOSHAR BOAT STORAGE" after "KOSHAR". After
        a person or a place only the head itself, or one word after a swept word ("JONES
        TRANSPORT", not "SMITH CALLED INSURANCE")."""
        covered = Covered([(s.start, s.end) for s in replaced])
        out: list[SweepSpan] = []
        for s in replaced:
            kind = str(getattr(s, "entity_type", ""))
            if kind not in _NAME_KINDS or not (m := _TAIL.match(text, s.end)):
                continue
            fills = m.group("fill").split()
            firm = kind in ("ORGANIZATION", "HOSPITAL")
            room = 2 if firm else 1 if isinstance(s, SweepSpan) else 0
            if len(fills) > room or not all(self._fills(w) for w in fills):
                continue
            start = m.start("fill") if fills else m.start("head")
            if _shape(text[s.start : s.end]) != _shape(text[start : m.end()]):
                continue
            if covered.free(start, m.end()):
                tail = kind if kind == "HOSPITAL" else Entity.ORGANIZATION.value
                out.append(SweepSpan(tail, start, m.end()))
        return out

    def _self_named(self, text: str, m: re.Match[str]) -> bool:
        """The word after "it's" names the writer: no function word, kin or everyday word
        ("its me", "it's mum", "it's late"), unless a given name closes the phrase ("it's
        ruby!")."""
        first = normalize(m.group("name").split()[0].split("-")[0])
        if first in _NOT_SELF or first in STOP_WORDS or first in RELATIVES:
            return False
        if first in self.lexicon.stoplist:
            return False
        if not self.lexicon.is_english(first):
            return True
        return self.lexicon.is_first(first) and text[m.end() : m.end() + 1] in {",", "!"}

    def _fills(self, word: str) -> bool:
        """A word that may stand inside a firm's name before its head: no function word,
        clinical word, date word or verb's form ("CALLED", "working")."""
        key = word.lower().strip("'’")
        return not (
            key in STOP_WORDS
            or key in NOT_GROWN
            or key in self.lexicon.stoplist
            or key.endswith(("ed", "ing"))
            or _DATE_WORD.fullmatch(key)
        )

    def _headed(self, text: str, replaced: Sequence[Span]) -> list[SweepSpan]:
        """A capitalised run ending in a facility's or a firm's head word with a word that
        tells which one (:mod:`auditor.phi.recognizers.headed_names`), where the engine left
        it: the sweep's test of a telling word also takes words no list explains and everyday
        words that name ("Copper Basin Imaging", "Harborview Family Practice")."""
        covered = Covered([(s.start, s.end) for s in replaced])
        out: list[SweepSpan] = []
        # runs in capitals are the engine's: its narrower test of a telling word holds there
        for kind, words in headed_runs(text, self._tells_a_name, capitals=False):
            out += _joined(text, kind, words, covered)
        return out

    def _placed(self, text: str, replaced: Sequence[Span]) -> list[SweepSpan]:
        """A capitalised run with a naming word where an organisation's name stands (after
        "at", "from", "with", a form's "Employer:" or "Insurer:"; :mod:`org_evidence`'s
        candidates), which the engine keeps only when NER confirms it: "at Mercy Ridge",
        "Insurer: Prairie Mutual". Not a run of clinical words or drugs ("Cheyne-Stokes",
        "Alzheimer's", "with Xarelto"), one opening with a function word ("Whom It May
        Concern"), nor a line alone (a letter's heading: the engine's letterhead test decides
        those)."""
        covered = Covered([(s.start, s.end) for s in replaced])
        out: list[SweepSpan] = []
        # (not the runs no cue places: the engine's to confirm with NER)
        for c in self._naming.candidates(text, loose=False):
            keys = [
                part
                for word in text[c.start : c.end].split()
                for part in normalize(word).removesuffix("'s").split("-")
                if part
            ]
            lex = self.lexicon
            if not keys or keys[0] in STOP_WORDS or keys[0] in lex.stoplist:
                continue
            if all(k in lex.stoplist or k in STOP_WORDS or k in self._drugs for k in keys):
                continue
            if all(k in HONORIFICS for k in keys):
                continue  # "with Drs" before the names
            if letterhead(text, c.start, c.end) or not covered.free(c.start, c.end):
                continue
            kind = Entity.HOSPITAL.value if c.facility_cue else Entity.ORGANIZATION.value
            out.append(SweepSpan(kind, c.start, c.end))
        return out

    def _coded(self, m: re.Match[str]) -> bool:
        """A registry's or an employer's code before a number ("EMP 1187", "MPPS 71.448"):
        no English or clinical word, unit, month or weekday, and no year after it."""
        code, number = m.group("code"), m.group("number")
        key = code.lower()
        if re.fullmatch(r"(?:19|20)\d\d", number) or _DATE_WORD.fullmatch(code):
            return False
        if key in _NOT_CODES or (sum(c.isdigit() for c in number) < 5 and "." in number):
            return False  # a rule or a procedure code, a lab value ("USG 1.031", "BNP 2450")
        if key in _UNITS or key in self.lexicon.stoplist or self.lexicon.is_english(key):
            return False
        return key not in NOT_GROWN

    def _tells(self, key: str) -> bool:
        """A listed name or place, or a word no list explains, that is no clinical word."""
        return key not in self.lexicon.stoplist and (self._listed(key) or self._unknown(key))

    def _tells_a_name(self, key: str) -> bool:
        """Before a head word, also an everyday word that names rather than describes: no
        clinical, service or calendar word, adjective, abstract noun or participle of an
        English verb ("Extended Care", "Assisted Living")."""
        if self._tells(key):
            return True
        if key in self.lexicon.stoplist or not self._naming.naming(key):
            return False
        stem = key[:-2] if key.endswith("ed") else key[:-3] if key.endswith("ing") else ""
        return not (stem and (self.lexicon.is_english(stem) or self.lexicon.is_english(stem + "e")))

    def _decide(self, word: str, mixed: bool) -> str | None:
        """The kind a word is swept as (None: kept), remembered: a text repeats its words."""
        key = (word, mixed)
        if key in self._memo:
            return self._memo[key]
        kind = self._word_kind(word, mixed) or self._login(word)
        if len(self._memo) >= _MEMO_LIMIT:
            self._memo.clear()
        self._memo[key] = kind
        return kind

    def _word_kind(self, word: str, mixed: bool = True) -> str | None:
        """PERSON or LOCATION for a word to replace, None for a word to keep. ``mixed``: the
        text is mostly lower case, so a long unknown word in capitals stands out as a name
        ("OKWUOSA, Festus"), not as the jargon of a note written all in capitals."""
        if len(word) > _LONGEST_WORD or normalize(word) in HONORIFICS:
            return None  # a form of address names no one ("Sra.", "Puan", "Herr")
        if not word[:1].isupper():
            return self._lower_name(word)
        humps = _CAMEL.split(word)
        if len(humps) >= 2 and all(
            (len(h) >= 4 and self._known_form(normalize(h))) or (h.isupper() and len(h) <= 4)
            for h in humps
        ):
            # a machine key of known words ("ReferringPhysicianName", "PatientID"); a name's
            # short particle is no such word ("McAllister", "LaToya", "DeShawn")
            return None
        parts = [normalize(p) for p in re.split(r"['’\-]", word) if p]
        parts = [p for p in parts if p]
        if not parts:
            return None
        lex = self.lexicon
        if word.isupper():
            # Capitals: jargon far more often than a name; listed names and places, or in
            # mixed-case text a long word nothing explains.
            if len(word) <= 5 or not any(
                self._unknown(p) and (self._listed(p) or (mixed and len(p) >= 6)) for p in parts
            ):
                return None
        elif not any(self._unknown(p) for p in parts):
            return None
        if all(p in lex.places for p in parts if self._unknown(p)):
            return Entity.LOCATION.value
        return Entity.PERSON.value

    def _lower_name(self, word: str) -> str | None:
        """A lower-case word the name or place lists know and nothing else explains:
        chat and call-log text writes names in lower case ("spoke w/ mcallister")."""
        key = normalize(word)
        if not (word.islower() and len(key) >= 4 and self._listed(key) and self._unknown(key)):
            return None
        # Unlike a capitalised word, a listed one must also be no drug, abbreviation or
        # clinical derivative: lower case is how notes write "sternal", "fent", "vaso".
        if self._clinical(key):
            return None
        return Entity.LOCATION.value if key in self.lexicon.places else Entity.PERSON.value

    def _login(self, word: str) -> str | None:
        """A user name of initials and a surname ("tgreer", "asmyth"): an identifier."""
        if not (word.islower() and word.isalpha() and 5 <= len(word) <= 16):
            return None
        if self._listed(word) or not self._unknown(word):
            return None  # a name, a place or a word the lists explain: no login
        for cut in (1, 2):
            rest = word[cut:]
            rank = self.lexicon.surname_rank.get(rest, _LOGIN_RANK + 1)
            if len(rest) >= 4 and rank <= _LOGIN_RANK and self._unknown(rest):
                return Entity.ID_NUMBER.value
        return None

    def _label(self, text: str, m: re.Match[str], starts: list[int]) -> bool:
        """A form's label in a language the lists do not hold: a field's first word (at a
        line's start, after a column's gap or after a sentence) with a colon after it, and
        either a value the engine found right after the colon ("Pacients: Jānis Bērziņš",
        "Nom : TRAORÉ   Prénom : Aminata") or no listed name and no English talk after it
        ("Terapija: aripiprazol 15 mg", "Employeur : Atlas Textile"). On the dev corpora 59 of
        61 swept words in a label's place were labels, the two names listed ones ("Ngozi:");
        a chat's speaker before English talk stays a name ("Zhyldyz: ok I will bring the
        papers")."""
        before = text[max(0, m.start() - 40) : m.start()]
        opens = before.rstrip(" \t-*•")
        line_start = opens.endswith("\n") or (not opens and m.start() <= 40)
        if not line_start and _FIELD_OPENS.search(before) is None:
            return False  # not where a field opens (looked for within 40 characters)
        colon = _LABEL_COLON.match(text, m.end())
        if colon is None or ":" not in colon.group():
            return False
        i = bisect.bisect_left(starts, colon.end())
        if i < len(starts) and starts[i] == colon.end():
            return True
        if self._listed(normalize(m.group())):
            return False
        after = _WORD.findall(text, colon.end(), _line_end(text, colon.end(), 120))[:8]
        return sum(w.lower() in STOP_WORDS for w in after) < 2

    def _handle(self, token: str) -> bool:
        """A user name joined by underscores with a name or a login in it ("GeorgiaPeach_Tina",
        "omhlab_rsellers"), not a machine key of words ("bp_systolic", "patient_id")."""
        for part in token.split("_"):
            for hump in _CAMEL.split(part):
                key = normalize(hump)
                if len(key) >= 3 and self._listed(key) and self._unknown(key):
                    return True
            if self._login(part.lower()):
                return True
        return False

    def _common_foreign(self, text: str, m: re.Match[str]) -> bool:
        """A frequent word of another language ("rénale", "Feuille", "Pesakit", "chamada")
        where its case proves nothing: in lower case, or capitalised where a sentence or a line
        opens. Frequent lists hold names too ("Mehmet"), so a capitalised one inside a sentence
        is swept as before. In a text partly written in Spanish, Portuguese or French
        (``language_of``, remembered for the text), also that language's everyday words
        ("Familia", "casa", which the name lists hold as rare surnames) and its verb and noun
        forms no list holds ("Tolerando", "Ambulando")."""
        word = m.group()
        if not word.islower() and (
            not _SENTENCE_START.search(text, max(0, m.start() - 8), m.start())
            or _TITLE_DOT.search(text, max(0, m.start() - 8), m.start())
        ):
            return False
        parts = [normalize(p) for p in re.split(r"['’\-]", word) if p]
        if not parts:
            return False
        if all(p in _foreign_words() for p in parts if p):
            return True
        if not word.islower() and (not word[1:].islower() or _NAME_AFTER.match(text, m.end())):
            return False  # an acronym ("NYC"), a facility's head word ("Pabellón Los Flamboyanes")
        language = language_of(text)
        if language is None:
            return False
        everyday = everyday_words(language)
        return all(p in everyday or (inflected(language, p) and not self._listed(p)) for p in parts)

    def _listed(self, key: str) -> bool:
        lex = self.lexicon
        return lex.is_name(key) or key in lex.places

    def _unknown(self, key: str) -> bool:
        """No word list or word-building rule explains ``key``."""
        lex = self.lexicon
        if len(key) < 3 or not key.isalpha() or not any(c in "aeiouy" for c in key):
            return False
        if lex.is_english(key) or lex.is_english(_american(key)):
            return False  # "Centre" is a town in the place list too
        if key in lex.stoplist or key in NOT_PERSON_WORDS or key in RELATIVES:
            return False  # (kin words of other languages too: "Dochter", "Ægtefælle")
        if key in _languages():
            return False  # what a patient speaks or is: "Chuukese", "Tlingit", "Samoan"
        if self._listed(key):
            return True  # a listed name or place that is no English word
        return not self._clinical(key)

    def _clinical(self, key: str) -> bool:
        """A drug, a clinical derivative, an abbreviation ("Rec", "Hosp", "Auth") or a word
        built from known ones: what the unknown-word test lets a listed name skip."""
        if key in self._drugs or MEDICAL_SUFFIX.search(key):
            return True
        if len(key) <= 4 and key in self._short_prefixes:
            return True
        return self._explained(key)

    def _explained(self, key: str) -> bool:
        """A British spelling of a known word, a compound of known words, a clinical prefix
        before a known word, or an ending after a known stem."""
        known = self._known_form
        if known(key):
            return True
        # Both parts of four letters or more, or three and five: "lei" + "trim" is a county.
        for i in range(3, len(key) - 3):
            if (i >= 4 or len(key) - i >= 5) and known(key[:i]) and known(key[i:]):
                return True
        for prefix in _PREFIXES:
            rest = key[len(prefix) :]
            if key.startswith(prefix) and len(rest) >= 4 and (known(rest) or rest in self._drugs):
                return True
        return False

    def _known_form(self, key: str) -> bool:
        """``key`` itself, its American spelling, or a known stem before a word ending."""
        english = self.lexicon.is_english
        if english(key) or english(_american(key)):
            return True
        # "tracheal" <- trachea, "ambulating" <- ambulate, "ovarian" <- ovary
        return any(
            key.endswith(ending)
            and len(key) - len(ending) >= 4
            and any(english(key[: -len(ending)] + tail) for tail in ("", "e", "a", "y", "um", "us"))
            for ending in _ENDINGS
        )


@cache
def _foreign_words() -> frozenset[str]:
    """Frequent words of 26 languages in Latin script (resources/foreign_words.txt.gz), read
    once, when a text first holds a word to sweep."""
    return frozenset(lines("foreign_words.txt.gz"))


# A title's or an initial's dot opens no sentence ("Fr. Tomasz", "Dra. Cabral").
_TITLE_DOT = re.compile(r"(?<![^\W\d_])[A-Z][a-z]{0,3}\.[ \t]*$")


# A capitalised word after a space: the word before it is part of a name.
_NAME_AFTER = re.compile(r" [A-ZÀ-Þ]")


# A word in a cased script we hold no word list for: Greek, Cyrillic, Armenian.
_CASED_SCRIPT_WORD = re.compile(
    r"(?<![\w'’-])[\u0370-\u03ff\u0400-\u052f\u0531-\u0587]{3,}(?![\w'’-])"
)
# Where a sentence or a line starts (its first word is capitalised whatever it is), and what
# follows a label (Mongolian, Russian and Greek ":", Armenian "՝").
_SENTENCE_START = re.compile(r"(?:^|[.!?;\n•*-]|[ \t]{3})[ \t\d.)\"“(]*$")
# An initial's dot ends no sentence: "Эмч: Д. Оюунчимэг", "բժիշկ՝ Ա. Հակոբյան".
_INITIAL_BEFORE = re.compile(r"(?:^|[\s:՝(,])[^\W\d_]\.[ \t]?$")
_LABEL_AFTER = re.compile(r"[ \t]*[:՝]")


def _cased_script_names(text: str, covered: Covered) -> list[SweepSpan]:
    """Capitalised words of Greek, Cyrillic and Armenian text that do not open a sentence or
    a line and are no label: names there as in English ("Өвчтөн: Батболдын Сарангэрэл",
    "Հիվանդ՝ Արմեն Սարգսյան"). No word list tells an ordinary word in these scripts, so
    the case is the only evidence; the cost is a capitalised common noun replaced."""
    out: list[SweepSpan] = []
    for m in _CASED_SCRIPT_WORD.finditer(text):
        word = m.group()
        if not (word[0].isupper() and word[1:].islower()):
            continue
        before = max(0, m.start() - 12)
        if _SENTENCE_START.search(text, before, m.start()) and not _INITIAL_BEFORE.search(
            text, before, m.start()
        ):
            continue
        if _LABEL_AFTER.match(text, m.end()) or not covered.free(m.start(), m.end()):
            continue
        out.append(SweepSpan(Entity.PERSON.value, m.start(), m.end()))
    return out


# Georgian has no capitals, but most of its surnames end alike (-შვილი, -ძე, -ავა, -უა; not
# -ია, -ური, -ანი, which nouns and adjectives share: "თერაპია", "ქრონიკული"): a word with such
# an ending after another word is a given name and a surname ("გიორგი ბერიძე", "ლაშა
# გელაშვილი"), and the surname alone after a label's colon too.
_GEORGIAN = re.compile(r"[\u10d0-\u10ff]")
_GEORGIAN_NAME = re.compile(
    r"(?<![\u10d0-\u10ff])(?:([\u10d0-\u10ff]{2,12})[ \t]+)?"
    r"([\u10d0-\u10ff]{2,16}(?:შვილი|ძე|ავა|უა))(?![\u10d0-\u10ff])"
)


def _georgian_names(text: str, covered: Covered) -> list[SweepSpan]:
    """Georgian given names and surnames told by the surname's ending (_GEORGIAN_NAME); a lone
    word with such an ending needs a name's label before it (a colon)."""
    out = []
    for m in _GEORGIAN_NAME.finditer(text):
        if m.group(1) is None and not text[max(0, m.start() - 3) : m.start()].rstrip().endswith(
            ":"
        ):
            continue
        if covered.free(m.start(), m.end()):
            out.append(SweepSpan(Entity.PERSON.value, m.start(), m.end()))
    return out


_LABEL_COLON = re.compile(r"[ \t]*:[ \t]*")
_FIELD_OPENS = re.compile(r"(?:[ \t]{2,}|[.;][ \t]+)\Z")


def _line_end(text: str, at: int, reach: int) -> int:
    """The end of the line at ``at``, looked for no further than ``reach`` characters."""
    end = text.find("\n", at, at + reach)
    return min(len(text), at + reach) if end < 0 else end


def _said_of_person(word: str, start: int, taken: Sequence[Span]) -> bool:
    """The word before "is 94" is a pronoun, a kinship word or a person's name the engine
    found ("Hal was 99", "Lolo is 94")."""
    if word.lower() in _AGE_SUBJECTS:
        return True
    return any(
        s.start <= start < s.end and getattr(s, "entity_type", "") == Entity.PERSON.value
        for s in taken
    )


def _american(key: str) -> str:
    """The American spelling the word list holds: "neighbour", "centre", "anaesthesia",
    "oesophagus", "paralyse", "catalogue"."""
    key = key.replace("our", "or").replace("ae", "e").replace("oe", "e")
    if key.endswith("re") and len(key) > 4:
        key = key[:-2] + "er"
    for gb, us in (("yse", "yze"), ("ise", "ize"), ("ised", "ized"), ("ising", "izing"),
                   ("ogue", "og")):  # fmt: skip
        if key.endswith(gb):
            return key[: -len(gb)] + us
    return key


class Covered:
    """Spans already replaced: does [start, end) touch one? (log n: starts and running ends)"""

    def __init__(self, spans: Sequence[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [s for s, _ in ordered]
        self._reach = list(itertools.accumulate((e for _, e in ordered), max))

    def free(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self._starts, end)  # spans starting before ``end``
        return i == 0 or self._reach[i - 1] <= start


_NAME_KINDS = frozenset({"PERSON", "LOCATION", "ORGANIZATION", "HOSPITAL"})


def _shape(value: str) -> str:
    """How a name is written: in capitals, in lower case or in title case."""
    letters = [c for c in value if c.isalpha()]
    if all(c.isupper() for c in letters):
        return "upper"
    return "lower" if all(c.islower() for c in letters) else "title"


def _merged(text: str, spans: list[SweepSpan]) -> list[SweepSpan]:
    """Adjacent name spans of the sweep as one (one surrogate for "Bonabéri Lakeside
    Clinic", which the word pass and the headed run took in parts), typed by the last."""
    out: list[SweepSpan] = []
    for sp in spans:
        last = out[-1] if out else None
        if (
            last is not None
            and last.entity_type in _NAME_KINDS
            and sp.entity_type in _NAME_KINDS
            and RUN_GAP.fullmatch(text, last.end, sp.start)
        ):
            out[-1] = SweepSpan(sp.entity_type, last.start, sp.end)
        else:
            out.append(sp)
    return out


def _joined(
    text: str, kind: str, words: Sequence[re.Match[str]], covered: Covered
) -> list[SweepSpan]:
    """One span per stretch of adjacent free words (one surrogate for "Egg Donor Agency", not
    three), split where a word is already replaced or left out."""
    out: list[SweepSpan] = []
    start = end = -1
    for w in words:
        if not covered.free(w.start(), w.end()):
            continue
        if start >= 0 and RUN_GAP.fullmatch(text, end, w.start()):
            end = w.end()
            continue
        if start >= 0:
            out.append(SweepSpan(kind, start, end))
        start, end = w.start(), w.end()
    if start >= 0:
        out.append(SweepSpan(kind, start, end))
    return out


def _id_groups(value: str) -> bool:
    """Blank-separated digit groups that hold an identifier's worth of digits."""
    groups = value.split()
    if sum(len(g) for g in groups) < 7 or max(len(g) for g in groups) < 4:
        return False
    # A row of clock times or years ("0800 1200 1600") is a schedule, not an identifier.
    return not all(len(g) == 4 and (int(g) <= 2359 or 1900 <= int(g) <= 2099) for g in groups)


def _id_token(text: str, m: re.Match[str]) -> bool:
    value = m.group()
    if text[m.start() - 1 : m.start()] == "#" and any(c.islower() for c in value):
        return False  # a hashtag ("#Reunion2024"); after "#" a code has no small letters
    runs = [len(r) for r in _DIGITS.findall(value)]
    if not runs:
        return False
    longest = max(runs)
    letters = sum(c.isalpha() for c in value)
    if not value.isascii() and not value[0].isalpha():
        return False  # a dose with its unit in another script ("500мг", "100мл")
    # a decimal is a measurement ("T38.2", "8.4"), but letters with two or more dotted
    # groups are a reference ("MR.2026.118204"); a dotted run of bare digits is an OID
    dotted_reference = letters > 0 and value.count(".") >= 2
    if (_DECIMAL.search(value) and not dotted_reference) or _RANGE.match(value):
        return False
    if _SETTING.match(value):  # a ventilator setting (450x14)
        return False
    glued = _UNIT_GLUED.match(value)
    if glued and glued.group(1).lower() in _UNITS:
        return False
    if letters == 0:
        if longest < 5 or _UNIT_AFTER.match(text, m.end()):
            return False
        before = text[max(0, m.start() - 1) : m.start()]
        return before not in {"$", "£", "€"}
    if longest >= 3 and len(value) >= 5:
        return True
    # a code of capitals and digits mixed, as payment and booking systems issue them
    # ("QK47HT2LMN", "TT4K9R2P"): eight or more, digits in two runs or more
    return (
        len(value) >= 8 and value.isalnum() and value.isupper() and len(runs) >= 2 and letters >= 3
    )


def sweep_for(enabled: bool, lexicon: Lexicon | None) -> Sweep | None:
    """The sweep when the profile asks for it and an engine's word lists are at hand."""
    if not enabled or lexicon is None:
        return None
    sweep = _BUILT.get(id(lexicon))
    if sweep is None or sweep.lexicon is not lexicon:
        sweep = _BUILT[id(lexicon)] = Sweep(lexicon)
    return sweep


# One sweep per engine's word lists (building the abbreviation set takes ~0.1 s).
_BUILT: dict[int, Sweep] = {}
