"""Places: towns and counties from a US gazetteer (facilities are in ``facilities``).

Town names that are also ordinary words (Mobile, Normal, Home) need a place cue ("lives in",
"from", ", MA").
"""

from __future__ import annotations

import itertools
import re
from typing import TYPE_CHECKING

from presidio_analyzer import RecognizerResult

from auditor.phi.calendar import MONTHS, WEEKDAY_SHORT, WEEKDAYS
from auditor.phi.entities import Entity
from auditor.phi.recognizers.base import LocalRecognizer
from auditor.phi.recognizers.cues import dwelling_cue, place_cue, state_after
from auditor.phi.recognizers.eponyms import eponym_words
from auditor.phi.recognizers.lexicon import (
    FACILITY_WORDS,
    RELATIVES,
    ROLE_WORDS,
    TITLES,
    Lexicon,
)
from auditor.phi.recognizers.not_persons import (
    DEMONYMS,
    EHR_PRODUCTS,
    LAB_SERVICES,
    NATIONALITIES,
)
from auditor.phi.recognizers.patterns import make_result
from auditor.phi.recognizers.regex_start import accelerated
from auditor.phi.recognizers.tokens import TokenView, normalize
from auditor.phi.stop_words import STOP_WORDS

if TYPE_CHECKING:
    from presidio_analyzer.nlp_engine import NlpArtifacts

_DIRECTIONS = frozenset(
    {"north", "south", "east", "west", "new", "port", "lake", "mount", "mt", "fort", "ft",
     "saint", "st", "upper", "lower", "old", "glen", "point"}
)  # fmt: skip
# Administrative units below a state or province, after their name ("Busia district") or as
# a form's label ("village: Buteba"); a first-level region or province is no Safe Harbor place.
_UNITS = (
    r"district|sub-?county|parish|village|division|constituency|municipality|barangay|taluka?|"
    r"tehsil|mandal|upazila|commune|chiefdom|sub-?location|locality|hamlet"
)
# (a word's last character and one or two blanks before the unit: the look-behind rules out
# most positions at once, and a long blank run costs once)
_UNIT_AFTER = re.compile(rf"(?<=[^ \t][ \t])[ \t]?(?P<unit>(?i:{_UNITS}))(?![\w-])")
_UNIT_LABEL = accelerated(
    re.compile(
        # (and the place or abode of a register's or an attestation paper's entry: "Place:
        # Valcartier", "Abode: Tullyroe")
        rf"(?<![\w-])(?i:{_UNITS}|town|suburb|settlement|(?:home[ \t]+)?(?:community|island)|"
        r"place|abode)"
        r"[ \t]*:[ \t]*"
    )
)
# A unit's word before the name, as registers and referral notes write it: "village
# Kolomotu'a", "sector Rwinkwavu", "barangay San Isidro" (the name must be place-like: "village
# health worker" is none).
_UNIT_BEFORE = re.compile(
    r"(?<![\w-])(?i:village|sector|settlement|hamlet|barangay|island|atoll|commune|"
    r"community|reserve|township)[ \t]"
)
# The same labels abbreviated with their dot, as Indian, Bangladeshi and Philippine addresses
# write them ("Vill. Baganpara, P.O. Jirat, Dist. Hooghly", "Teh. Sadar", "Brgy. Malanday").
_UNIT_DOTTED = re.compile(
    r"(?<![\w.])(?:Vill|VILL|Vil|Dist|DIST|Distt|DISTT|Teh|TEH|Tal|TAL|Mouza|Upz|Thana|Brgy|BRGY"
    # a post office or police station only as an address's part after a comma (a "P.S." on
    # its own is a postscript, "P.O." by mouth)
    r"|(?<=,[ \t])P\.[ \t]?[OS])\.?[ \t]*(?:[:-][ \t]*)?(?=[A-Z])"
)
# A barangay by its number, as Manila's and Davao's addresses write one ("Brgy. 176",
# "BRGY 23-C", "Barangay 12-A"): the word and its number together name the place.
_NUMBERED_BARANGAY = re.compile(
    r"(?<![\w.])(?:Brgy|BRGY|Barangay|BARANGAY)\.?[ \t]*\d{1,3}(?:-?[A-Z])?(?![\w-])"
)
# A town or neighbourhood named with a place-word last, after a preposition of place ("in
# Fields Corner", "from Cedar Falls", "to Shaker Heights"): the last word says it is a place
# whatever the words before it are.
_PLACE_WORD_LAST = re.compile(
    r"(?<![\w-])(?:in|from|to|near|outside)[ \t]+((?:[A-Z][a-z'’]+[ \t]){1,2}"
    r"(?:Corner|Crossing|Falls|Heights|Junction|Springs|Landing|Mills|Crossroads))(?![\w'’-])"
)
_PLACE_WORD_HINTS = ("Corner", "Crossing", "Falls", "Heights", "Junction", "Springs", "Landing",
                     "Mills", "Crossroads")  # fmt: skip
# A place of birth after its label, as passports and registers print it ("place of birth
# FOOTSCRAY", "Place of Birth: Thrissur, Kerala", "POB Kisumu"): up to the comma. And the
# place a travel document was issued, by the same forms ("Issuing authority: KHARTOUM",
# "Place of issue: Herat").
_BIRTHPLACE = re.compile(
    r"\b(?i:place[ \t]+of[ \t]+birth|birth[ \t]?place|POB|place[ \t]+of[ \t]+issue|"
    r"issuing[ \t]+authority|issued[ \t]+at)[ \t]*+[:|]?[ \t]*+"
)
_BIRTHPLACE_WORDS = ("irth", "POB", "ssu", "SSU")
_DOTTED_HINTS = ("Vil", "VIL", "Dist", "DIST", "Teh", "TEH", "Tal", "TAL", "P.", "Mouza", "Upz",
                 "Thana", "Brgy", "BRGY")  # fmt: skip
# Every unit word above contains one of these (the cheap test before the patterns run).
_UNIT_STEMS = (
    "distr", "county", "parish", "villag", "divis", "constit", "municip", "barang", "taluk",
    "tehsil", "mandal", "upazila", "commun", "chiefdom", "locat", "locali", "hamlet", "sector",
    "settle", "island", "atoll", "reserve", "town", "suburb", "place", "abode",
)  # fmt: skip
# A capitalised word just before: the unit or facility word is part of a name there.
NAME_BEFORE = re.compile(r"[A-Z][\w'’.-]*[ \t]$")
_UNIT_WORD = re.compile(r"[^\W\d_][\w'’-]{2,30}")
# ("nr": near, as clipped notes and transfer lines write it: "MVC nr Cut Bank")
_PLACE_PREPOSITIONS = frozenset({"in", "from", "near", "nr", "to", "outside", "around"})
# (and the civil registers' units: "the District of Ennistymon", "the Union of Skibbereen")
_PLACE_KINDS = frozenset(
    {"town", "city", "village", "township", "borough", "county", "suburb", "district", "parish",
     "union", "barony", "hundred", "municipality"}
)  # fmt: skip
_CALENDAR = frozenset(MONTHS + WEEKDAYS + WEEKDAY_SHORT)
# Town-name grammar ("Johnsonton", "North Tammyville", "Camposview"): a proper word that is
# not a word of English ending like an English town. The rarer endings are enough in Title
# case; the common ones (-ton, -field, -side, -port, -land: also surnames) need a place cue.
_TOWN_ENDING = re.compile(r"(?:ville|burgh|borough|bury|haven|chester|mouth|stad|furt|fort|"
                          r"town|view|shire)$")  # fmt: skip
_TOWN_ENDING_CUED = re.compile(r"(?:ton|field|side|port|land|berg|burg|ford|wood|dale)$")
_TOWN_CUES = _PLACE_PREPOSITIONS | {"at", "where", "city", "lives", "visiting", "of"}
NOT_PLACE_HEAD = (
    frozenset(STOP_WORDS)
    | TITLES
    | RELATIVES
    | _CALENDAR
    | EHR_PRODUCTS
    | LAB_SERVICES  # ("Hi Micro,": the laboratory, not Micro, North Carolina)
    # the address labels' abbreviations (_UNIT_DOTTED): the label, not the place
    | {"vill", "distt", "teh", "brgy", "mouza", "upz", "thana"}
)


# A state's name before a state abbreviation and a ZIP names the city: "New York, NY 10031".
_CITY_OF_STATE = re.compile(r",?\s+[A-Z]{2}\.?,?\s+\d{5}\b")


def _role(view: TokenView, i: int) -> bool:
    """A role before a capitalised word or initial is a person's ("to Justice M. Okafor",
    "Deputy Ruiz"), even where a town bears the same name."""
    words = view.words
    return (
        words[i].key in ROLE_WORDS
        and i + 1 < len(words)
        and view.gap(i + 1) == " "
        and words[i + 1].text[:1].isupper()
    )


# The town written after a facility's name and a comma, as letterheads, referrals and
# transfer lines give it: "Tynedale View Care Home, Corbridge,", "ST ANNE'S SURGERY,
# ROTHERHAM", "Rural Health Unit I, Tanauan". The town is one or two capitalised words
# (or "<Name> City") that end the phrase. Found from the comma: the word before it is read
# only there.
_FACILITY_HEADS = frozenset(
    {"hospital", "surgery", "clinic", "home", "centre", "center", "station", "unit",
     "practice", "pharmacy", "infirmary", "hospice", "health", "school", "college", "council",
     "office", "court", "church", "prison", "academy", "university", "institute", "library",
     "laboratory", "lab", "vets", "veterinary", "hub",
     # (and a hospital's unit, department or trust: "Health Sciences North ICU, Sudbury")
     "icu", "hdu", "ccu", "ward", "department", "dept", "trust", "campus", "service"}
)  # fmt: skip
# ... and after a firm's or a body's last word and its comma ("Fogarty-Lyons & Sons,
# Tullamore", "Department of Home Affairs, Parramatta office"); not in brackets after it,
# where a report's qualifier stands ("US ABDOMEN LIMITED (RUQ)").
_FIRM_HEADS = frozenset(
    {"sons", "ltd", "limited", "inc", "llc", "services", "association", "agency", "society",
     "directors", "solicitors", "affairs"}
)  # fmt: skip
_COMMA_TOWN = re.compile(
    r",[ \t]+(?P<town>[A-Z][\w'’-]+(?:[ \t]+(?:City|CITY|Town|TOWN|[A-Z][\w'’-]+))?)"
    r"(?=[ \t]*(?:[,.;:)\n]|$)|[ \t]{2,}|[ \t]+[(\-–—|]|[ \t]+(?:office|branch)\b)"
)
_WORD_BEFORE_COMMA = re.compile(r"([A-Za-z]+)(?:[ \t]+[IVX]{1,3})?$")
# ... or in brackets after it, alone or as its branch: "Mount Leinster Veterinary (Bunclody)",
# "Kiddiwinks Learning Hub (Sengkang)", "Dilston Vets (Hexham branch)".
_BRACKET_TOWN = re.compile(
    r"[ \t]\((?P<town>[A-Z][\w'’-]+(?:[ \t]+(?:City|Town|[A-Z][\w'’-]+))?)"
    r"(?:[ \t]+(?:branch|office|site|campus|depot|store|surgery|clinic))?\)"
)


# A fort by its name: a military post or a town ("Fort Holloway", "FT. BRAGG", "Fort
# Worth"); the name is capitalised.
_FORT = re.compile(r"\b(?:Fort|FORT|Ft\.?|FT\.?)[ \t]+([A-Z][a-z]{2,}|[A-Z]{3,})\b")
# A place in the open named by its feature, after a word of where ("snowmobile vs tree near
# Marias Pass", "found below Bells Falls", "LKP Coldwater Lake trailhead", "winched off the
# Aran Islands"): where a search or a rescue found the person. One or two capitalised words
# before the feature's head; the head after them says what the words are.
_FEATURE_HEADS = (
    "Falls", "Pass", "Islands", "Island", "Lake", "Ridge", "Peak", "Pike", "Col", "Hut",
    "Canyon", "Glacier", "Gorge", "Fell", "Crag", "Tarn", "Loch", "Glen", "Creek", "Summit",
    "Saddle", "Mountains", "Mountain", "Butte", "Mesa", "Basin", "Headland", "Cove", "Trailhead",
)  # fmt: skip
_FEATURE = re.compile(
    r"\b(?:near|below|above|at|from|to|on|via|off|towards|toward|around|past|beyond|"
    r"into|LKP|PLS|IPP)[ \t](?:the[ \t])?"
    rf"((?:[A-Z][a-z'’]+[ \t]){{1,2}}(?:{'|'.join(_FEATURE_HEADS)})"
    r"(?:[ \t]+(?i:trailhead|trail|summit|car[ \t]park|lot))?)(?![\w'’-])"
)
# A town's airport, coach, bus or railway station or ferry terminal, named for the town
# ("Plymouth Coach Station", "London Victoria Coach Station", "Manchester Airport"): the whole
# name is the place a traveller was, as the town alone would be.
_HUB = re.compile(
    r"(?<![\w'’-])(?:[A-Z][\w'’-]+[ \t]+){1,3}(?:(?:International[ \t]+)?Airport|"
    r"(?:Coach|Bus|Railway|Rail|Train|Ferry)[ \t]+(?:Station|Terminal))(?![\w-])"
    # (not inside a longer name: "Manchester Airport Group", "Dublin Airport Authority")
    r"(?![ \t]+[A-Z])"
)
_HUB_GATE = ("Airport", "Station", "Terminal")

# An Irish county after "Co." or "County" ("Co. Mayo", "County Clare"), as Irish and Northern
# Irish addresses write it; the thirty-two counties are the grammar's closed slot.
IRISH_COUNTIES = (
    "Antrim|Armagh|Carlow|Cavan|Clare|Cork|Derry|Donegal|Down|Dublin|Fermanagh|Galway|Kerry|"
    "Kildare|Kilkenny|Laois|Leitrim|Limerick|Londonderry|Longford|Louth|Mayo|Meath|Monaghan|"
    "Offaly|Roscommon|Sligo|Tipperary|Tyrone|Waterford|Westmeath|Wexford|Wicklow"
)
_IRISH_COUNTY = re.compile(
    r"(?<![\w.])(?:Co\.?|CO\.?|County|COUNTY)[ \t]+("
    + IRISH_COUNTIES
    + r"|"
    + IRISH_COUNTIES.upper()
    + r")(?![\w-])"
)


# A town before an Australian state's letters where a place is written, after a comma, a
# line's start or "in"/"from" ("52F, Emerald QLD", "63M, Orange NSW"): the letters make even
# an English word a town.
# (not WA, SA, NT or ACT, which are clinical and everyday letters too)
_AU_STATE_LETTERS = ("QLD", "NSW", "VIC", "TAS", "Qld", "Vic", "Tas")
_TOWN_BEFORE_AU_STATE = re.compile(
    r"(?:(?<=,[ \t])|(?<=^)|(?<=\n)|(?<=\bin[ \t])|(?<=\bfrom[ \t]))"
    rf"([A-Z][a-z'’]{{2,}}(?:[ \t][A-Z][a-z'’]{{2,}})?)[ \t]+(?:{'|'.join(_AU_STATE_LETTERS)})"
    r"(?![\w])",
    re.M,
)
# The locality just before a town or an Irish county, after a comma or where a line opens:
# "Athy, Co. Kildare".
_TOWN_BEFORE_COUNTY = re.compile(r"(?:^|[,\n][ \t]*)([A-Z][a-z'’]+(?:[ -][A-Z][a-z'’]+)?),[ \t]*$")


def irish_county_words(view: TokenView) -> set[int]:
    """Indices of the words of "Co. <county>" (no person's title and name)."""
    text = view.text
    if "Co" not in text and "CO" not in text:
        return set()
    spans = [(m.start(), m.end()) for m in _IRISH_COUNTY.finditer(text)]
    return {i for i, w in enumerate(view.words) if any(s <= w.start < e for s, e in spans)}


# The words before a city abroad whose name is also a word ("from Cairns", "moved to Cork"):
# movement and dwelling, not "of" or "at" ("point of Sale", "at Metro").
_WORD_CITY_CUES = frozenset(
    {"from", "to", "in", "near", "nr", "via", "outside", "lives", "live", "living", "resides",
     "moved", "born", "visiting", "vacation", "trip", "travel", "flying", "flew", "home"}
)  # fmt: skip


class PlaceRecognizer(LocalRecognizer):
    """Towns and counties (LOCATION) from the gazetteer, with place cues."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        # Indexed by the first two words: "new" alone opens hundreds of names.
        self.multi_first: dict[tuple[str, str], list[tuple[str, ...]]] = {}
        for parts in lexicon.multiword_places:
            if len(parts) >= 2:
                self.multi_first.setdefault((parts[0], parts[1]), []).append(parts)
        # (a pair is looked up only after a word that opens one)
        self._multi_heads = frozenset(first for first, _ in self.multi_first)
        # English, unknown-proper and inert of the keys seen, remembered (see _key)
        self._key_facts: dict[str, tuple[bool, bool, bool]] = {}
        for parts_list in self.multi_first.values():
            parts_list.sort(key=len, reverse=True)
        super().__init__("AuditorPlaceRecognizer", [Entity.LOCATION.value])

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        view = TokenView.shared(text, nlp_artifacts)
        found = self.towns(view)
        if "," in text or "(" in text:
            found += self.after_facility(text)
        if "Co" in text or "CO" in text:
            for m in _IRISH_COUNTY.finditer(text):
                found.append((m.start(), m.end(1), 0.8))  # "Co. Mayo" whole, as it is written
        if "," in text:
            found += self.localities_before(text, found)
        if any(st in text for st in _AU_STATE_LETTERS):
            found += [
                (m.start(1), m.end(1), 0.75)
                for m in _TOWN_BEFORE_AU_STATE.finditer(text)
                if normalize(m.group(1).split()[0]) not in STOP_WORDS
            ]
        found += self.admin_units(text)
        if "rgy" in text or "RGY" in text or "arangay" in text or "ARANGAY" in text:
            found += [(m.start(), m.end(), 0.8) for m in _NUMBERED_BARANGAY.finditer(text)]
        if any(g in text for g in _FEATURE_HEADS):
            found += [
                (m.start(1), m.end(1), 0.75)
                for m in _FEATURE.finditer(text)
                if not self._clinical_lead(m.group(1))
            ]
        if "Ft" in text or "Fort" in text or "FT" in text or "FORT" in text:
            for m in _FORT.finditer(text):
                if m.group(1).lower() not in NOT_PLACE_HEAD:
                    found.append((m.start(), m.end(), 0.75))
        if any(g in text for g in _HUB_GATE):
            found += [
                (m.start(), m.end(), 0.9)
                for m in _HUB.finditer(text)
                if (key := m.group().split()[0].lower().strip("'’")) in self.lexicon.places
                and key not in self.lexicon.stoplist
            ]
        return [make_result(self, Entity.LOCATION, s, e, sc) for s, e, sc in found]

    def localities_before(
        self, text: str, found: list[tuple[int, int, float]]
    ) -> list[tuple[int, int, float]]:
        """The locality written before a found town or county and its comma, and the one before
        that: a townland, a suburb, a village ("Gortnascreeny, Bandon, Co. Cork", "Athy, Co.
        Kildare", "Partick, Glasgow"), where a line, a field or the chain opens."""
        out: list[tuple[int, int, float]] = []
        ends = sorted({s for s, _, _ in found})
        seen = set(ends)
        while ends:
            start = ends.pop()
            town = _TOWN_BEFORE_COUNTY.search(text, max(0, start - 40), start)
            if town is None or town.start(1) in seen or not self._town_before_county(town.group(1)):
                continue
            out.append((town.start(1), town.end(1), 0.75))
            seen.add(town.start(1))
            ends.append(town.start(1))
        return out

    def _clinical_lead(self, name: str) -> bool:
        """The words before a feature's head are a clinical term or a stop word ("to Sleep
        Lake"? none; "from The Ridge" is the article's)."""
        keys = [normalize(w) for w in name.split()[:-1]]
        return any(k in STOP_WORDS or k in self.lexicon.stoplist for k in keys)

    def _town_before_county(self, words: str) -> bool:
        """The words before ", Co. Kildare" are its town ("Athy", "Kilmacthomas") unless one
        is an English or a stop word ("Road", "Cottage", "Mill")."""
        keys = [normalize(w) for w in words.split()]
        lex = self.lexicon
        return all(
            k not in STOP_WORDS
            and k not in lex.stoplist
            and (k in lex.places or not lex.is_english(k))
            for k in keys
        )

    def admin_units(self, text: str) -> list[tuple[int, int, float]]:
        """Names before an administrative unit below a state ("Busia district", "lumino
        parish", "Masafu sub-county") or after its label ("village: Buteba"): the unit word
        says the words before it are a place, whatever their case."""
        out = []
        if any(hint in text for hint in _PLACE_WORD_HINTS):
            out += [(m.start(1), m.end(1), 0.7) for m in _PLACE_WORD_LAST.finditer(text)]
        labelled = any(w in text for w in _BIRTHPLACE_WORDS)
        for m in _BIRTHPLACE.finditer(text) if labelled else ():
            last = self._place_words(text, m.end(), backward=False)
            if last is not None and text[m.end() : m.end() + 1].isupper():
                out.append((m.end(), last, 0.85))
        if any(hint in text for hint in _DOTTED_HINTS):
            for m in _UNIT_DOTTED.finditer(text):
                if "." not in m.group() and not m.group().rstrip().endswith((":", "-")):
                    continue  # "Tal Cohen", "Dist 3 cm": the label needs its dot or colon
                last = self._place_words(text, m.end(), backward=False)
                if last is not None:  # (the label outranks a given name: "Dist. Nadia")
                    out.append((m.end(), last, 0.9))
        low = text.lower()
        if not any(stem in low for stem in _UNIT_STEMS):
            return out  # most notes name no unit: a few substring scans instead of three regexes
        for m in _UNIT_AFTER.finditer(text):
            name_end = m.start()  # the one or two blanks before the unit
            while text[name_end - 1] in " \t":
                name_end -= 1
            first = self._place_words(text, m.start("unit"), backward=True)
            if first is not None:
                out.append((first, name_end, 0.75))
        for m in _UNIT_LABEL.finditer(text):
            last = self._place_words(text, m.end(), backward=False)
            if last is not None:
                out.append((m.end(), last, 0.75))
        for m in _UNIT_BEFORE.finditer(text):
            if m.group().strip().isupper() or NAME_BEFORE.search(
                text, max(0, m.start() - 30), m.start()
            ):
                continue  # "HEALTH VILLAGE OOH", "Olympic Village Rd": the unit is in a name
            last = self._place_words(text, m.end(), backward=False)
            if last is not None:
                out.append((m.end(), last, 0.7))
        return out

    def _place_words(self, text: str, pos: int, *, backward: bool) -> int | None:
        """Where up to three place-like words before (or after) ``pos`` start (or end)."""
        words = (
            list(_UNIT_WORD.finditer(text, max(0, pos - 60), pos))[::-1][:3]
            if backward
            else list(_UNIT_WORD.finditer(text, pos, min(len(text), pos + 60)))[:3]
        )
        edge = None
        expected = pos
        for w in words:
            gap = text[w.end() : expected] if backward else text[expected : w.start()]
            if gap.strip(" \t") or (edge is None and len(gap) > 2):
                break
            key = w.group().lower().strip("'’")
            if not self._place_like(w.group(), key):
                break
            edge = w.start() if backward else w.end()
            expected = w.start() if backward else w.end()
        return edge

    def _place_like(self, word: str, key: str) -> bool:
        lex = self.lexicon
        if key in STOP_WORDS or key in lex.stoplist or key in lex.states or key in NOT_PLACE_HEAD:
            return False
        if key in lex.places and not lex.is_ambiguous(key):
            return True
        return lex.is_unknown_proper(key) or (word[:1].isupper() and not lex.is_english(key))

    def after_facility(self, text: str) -> list[tuple[int, int, float]]:
        """Towns after a facility's name and a comma or in brackets (``_COMMA_TOWN``,
        ``_BRACKET_TOWN``): a listed place or an unknown word, never a state, a calendar
        word or a word of English; in brackets, no given name that is no place ("the office
        (Bernadette)" names who answered)."""
        lex = self.lexicon
        out = []
        bracketed = _BRACKET_TOWN.finditer(text) if "(" in text else ()
        for m in itertools.chain(_COMMA_TOWN.finditer(text) if "," in text else (), bracketed):
            head = _WORD_BEFORE_COMMA.search(text, max(0, m.start() - 40), m.start())
            word = head.group(1).lower() if head is not None else ""
            if word not in _FACILITY_HEADS and (word not in _FIRM_HEADS or m.re is _BRACKET_TOWN):
                continue
            keys = [k.lower().strip("'’") for k in m.group("town").split()]
            if keys[-1] in {"city", "town"} and len(keys) > 1:
                keys = keys[:-1]
            if any(k in NOT_PLACE_HEAD or k in lex.stoplist or k in lex.states for k in keys):
                continue
            if m.re is _BRACKET_TOWN and any(lex.is_first(k) and k not in lex.places for k in keys):
                continue
            joined = " ".join(keys)
            if (
                all(
                    (k in lex.places and not lex.is_ambiguous(k)) or lex.is_unknown_proper(k)
                    for k in keys
                )
                # a listed town of two words ("New Liskeard"), or one that is also a word
                # ("Cork", "Reading"): after a facility's name and its comma, the town
                or (joined in lex.places and m.re is _COMMA_TOWN and joined not in lex.stoplist)
            ):
                out.append((m.start("town"), m.end("town"), 0.7))
        return out

    def towns(self, view: TokenView) -> list[tuple[int, int, float]]:
        words = view.words
        lex = self.lexicon
        out = []
        i = 0
        n = len(words)
        eponym = eponym_words(view)  # "Stevens-Johnson syndrome" names no town
        while i < n:
            if i in eponym:
                i += 1
                continue
            key = words[i].key
            matched = 0
            pair = (key, words[i + 1].key) if i + 1 < n and key in self._multi_heads else None
            for parts in self.multi_first.get(pair, ()) if pair else ():
                m = len(parts)
                if (
                    i + m <= n
                    and all(words[i + k].key == parts[k] for k in range(m))
                    and (
                        all(view.looks_proper(i + k) for k in range(m)) or place_cue(view, i, i + m)
                    )
                ):
                    matched = m
                    break
            if (
                matched
                and " ".join(w.key for w in words[i : i + matched]) in lex.states
                and not _CITY_OF_STATE.match(view.text, words[i + matched - 1].end)
            ):
                i += matched  # "New Hampshire" is a state, not PHI ("New York, NY" a city)
                continue
            if matched:
                out.append((words[i].start, words[i + matched - 1].end, 0.8))
                i += matched
                continue
            if self._key(key)[2]:
                i += 1  # (no test below can hold for this word: see _key)
                continue
            if (
                key.isalpha()
                and len(key) > 2
                and key not in NOT_PLACE_HEAD
                and (key not in ROLE_WORDS or not _role(view, i))
            ):
                is_place = key in lex.places
                is_county = (
                    key in lex.counties and i + 1 < n and words[i + 1].key in {"county", "parish"}
                )
                if is_county:
                    out.append((words[i].start, words[i + 1].end, 0.85))
                    i += 2
                    continue
                if key in lex.states:
                    i += 1
                    continue
                if (
                    not is_place
                    and key in lex.word_cities
                    and words[i].is_title
                    and not view.shouting
                    and i > 0
                    and words[i - 1].key in _WORD_CITY_CUES
                    and "\n" not in view.gap(i)
                    and not view.sentence_initial(i)
                ):
                    out.append((words[i].start, words[i].end, 0.7))  # "flying in from Cairns"
                    i += 1
                    continue
                if (
                    not is_place
                    and view.looks_proper(i)
                    and self._unknown_proper(key)
                    and key not in NATIONALITIES  # "explained in Spanish": a language
                    and (
                        state_after(view, lex, i + 1)
                        or (not lex.is_name(key) and dwelling_cue(view, i))
                        or self._titled_after_cue(view, i)
                    )
                ):
                    out.append((words[i].start, words[i].end, 0.65))
                    i += 1
                    continue
                # (a town abroad the list holds needs a cue below; its town's shape is one)
                if (not is_place or key in lex.world_places) and self._invented_town(view, i):
                    out.append((words[i].start, words[i].end, 0.6))
                    i += 1
                    continue
                if (
                    key in _DIRECTIONS
                    and view.looks_proper(i)
                    and i + 1 < n
                    and view.looks_proper(i + 1)
                    and view.gap(i + 1) == " "
                    and (
                        self._unknown_proper(words[i + 1].key)
                        # a word after the direction, where one lives ("home to Port Fairy",
                        # "lives in St Just")
                        or (
                            words[i + 1].is_title
                            and words[i + 1].key not in STOP_WORDS
                            and words[i + 1].key not in lex.stoplist
                            and dwelling_cue(view, i)
                        )
                    )
                    and (
                        dwelling_cue(view, i)
                        or state_after(view, lex, i + 2)
                        or self._titled_after_cue(view, i + 1, lead=i)
                        or self._town_shape(view, i + 1)
                    )
                ):
                    out.append((words[i].start, words[i + 1].end, 0.65))
                    i += 2
                    continue
                if (
                    is_place
                    and view.looks_proper(i)
                    and key not in _DIRECTIONS
                    and not view.everyday(i)  # "pt encontrado en piso": Spanish, no place
                ):
                    ambiguous = lex.is_ambiguous(key)
                    # (a US state's letters after a town abroad are a word or a credential:
                    # "CONSTANCIA DE ...", "Ashgrove, MD")
                    abroad = key in lex.world_places
                    cue = place_cue(view, i, i + 1, state=not abroad)
                    if (state_after(view, lex, i + 1) and not abroad) or (cue and not ambiguous):
                        out.append((words[i].start, words[i].end, 0.8))
                    elif dwelling_cue(view, i) and key not in lex.stoplist:
                        out.append((words[i].start, words[i].end, 0.75))  # "LIVES IN CANTON"
                    elif cue and not view.caseless(i) and key not in lex.stoplist:
                        out.append((words[i].start, words[i].end, 0.7))
                    elif (
                        key in lex.world_places
                        and not ambiguous
                        and not lex.is_name(key)
                        and not self._english(key)
                        and words[i].is_title
                        and not view.shouting
                        and self._in_comma_list(view, i)
                    ):
                        out.append((words[i].start, words[i].end, 0.65))  # "(mother, Harare)"
                    elif (
                        key in lex.big_cities
                        and not ambiguous
                        and words[i].is_title
                        and not view.shouting
                    ):
                        # "based in Hyderabad", "(Dubai)": a big city's name is nothing else
                        score = 0.5 if view.sentence_initial(i) else 0.65
                        out.append((words[i].start, words[i].end, score))
                    elif (
                        not ambiguous
                        and not lex.is_name(key)
                        and key not in FACILITY_WORDS
                        and key not in lex.world_places  # abroad: only with a cue
                        and key not in DEMONYMS  # "Canadian passport": a nationality
                    ):
                        score = 0.55 if view.shouting else 0.65
                        if not view.shouting and view.sentence_initial(i):
                            score = 0.5
                        out.append((words[i].start, words[i].end, score))
            i += 1
        return out

    @staticmethod
    def _in_comma_list(view: TokenView, i: int) -> bool:
        """A place abroad as an item of a comma list, as contact lines and itineraries write
        it: "(mother, Patience Moyo, Harare)", "anchored off Gustavia, St Barthélemy"."""
        words = view.words
        before = view.gap(i) if i > 0 else ""
        last = i + 1 >= len(words)
        after = view.text[words[i].end :] if last else view.gap(i + 1)
        closes = after.strip(" ")[:1] in {")", ";", ":"} or (last and after.strip() == "")
        if before.rstrip(" ").endswith(",") and closes:
            return True
        return (
            after.strip(" ") == ","
            and i + 1 < len(words)
            and words[i + 1].text[:1].isupper()
            and before.strip(" ") in {"", ","}
        )

    def _key(self, key: str) -> tuple[bool, bool, bool]:
        """(English, unknown proper, inert) of a key, remembered (emptied at 50,000 keys); a
        note's words recur from note to note. Inert: no single-word test of :meth:`towns` can
        hold for it, whatever its case and neighbours: it is no listed place, county, state
        or direction, no unknown proper word, and has no town's shape (see _town_shape)."""
        facts = self._key_facts.get(key)
        if facts is None:
            if len(self._key_facts) >= 50_000:
                self._key_facts.clear()
            lex = self.lexicon
            english = lex.is_english(key)
            unknown = lex.is_unknown_proper(key)
            inert = not (
                key in lex.places
                or key in lex.word_cities
                or key in lex.counties
                or key in lex.states
                or key in _DIRECTIONS
                or unknown
                or self._town_key(key, english)
            )
            facts = self._key_facts[key] = (english, unknown, inert)
        return facts

    def _town_key(self, key: str, english: bool) -> bool:
        """The part of _town_shape that depends on the key alone."""
        lex = self.lexicon
        return (
            len(key) >= 6
            and key.isalpha()
            and not english
            and key not in lex.stoplist
            and not lex.is_name(key)
            and (_TOWN_ENDING.search(key) is not None or _TOWN_ENDING_CUED.search(key) is not None)
        )

    def _english(self, key: str) -> bool:
        return self._key(key)[0]

    def _unknown_proper(self, key: str) -> bool:
        return self._key(key)[1]

    def _town_shape(self, view: TokenView, i: int) -> bool:
        """Title case, not English, not a listed name or place, with a town ending."""
        w = view.words[i]
        key = w.key
        lex = self.lexicon
        return (
            not view.shouting
            and w.is_title
            and len(key) >= 6
            and key.isalpha()
            and not self._english(key)
            and key not in lex.stoplist
            and not lex.is_name(key)
            and (_TOWN_ENDING.search(key) is not None or _TOWN_ENDING_CUED.search(key) is not None)
        )

    def _invented_town(self, view: TokenView, i: int) -> bool:
        """ "arrived at Johnsonton", "Where: Camposview": a town-shaped word; the common
        endings need a cue word right before it on the same line."""
        if not self._town_shape(view, i):
            return False
        key = view.words[i].key
        if _TOWN_ENDING.search(key) and not view.sentence_initial(i):
            return True
        if self._name_stem(key):
            return True  # "Lisastad is ...", "the Robertberg bridge": a name made a town
        return i > 0 and "\n" not in view.gap(i) and view.words[i - 1].key in _TOWN_CUES

    def _name_stem(self, key: str) -> bool:
        """A listed first name or surname, four letters or more, before a town ending:
        "Micheleton", "Bautistaland", "Cherrymouth" are how towns are named after people."""
        lex = self.lexicon
        for ending in (_TOWN_ENDING, _TOWN_ENDING_CUED):
            m = ending.search(key)
            if m is not None:
                stem = key[: m.start()]
                if len(stem) >= 4 and lex.is_name(stem) and stem not in lex.stoplist:
                    return True
        return False

    def _titled_after_cue(self, view: TokenView, i: int, lead: int | None = None) -> bool:
        """Mixed-case text: "in Davidshire", "near West Kevinton", "town of Jonfurt",
        "Davidshire, 02134" (Title case, not a word). ``lead`` is a direction word in front."""
        w = view.words[i]
        if view.shouting or not w.is_title or len(w.key) < 4:
            return False
        words = view.words
        first = i if lead is None else lead
        if first > 0 and "\n" not in view.gap(first):
            prev = words[first - 1].key
            if prev in _PLACE_PREPOSITIONS:
                return True
            if prev == "of" and first > 1 and words[first - 2].key in _PLACE_KINDS:
                return True  # "the town of Jonfurt", "City of Rodriguezchester"
        if lead is not None:
            return False
        nxt = i + 1
        return (
            nxt < len(words)
            and view.gap(nxt).strip() == ","
            and words[nxt].key.isdigit()
            and len(words[nxt].key) == 5
        )
