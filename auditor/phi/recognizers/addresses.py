"""Street addresses and the town and ZIP slots around them.

An address has a shape: ``<number> <words> <suffix>[, Apt N][,] <Town Words>[,] <ST> <ZIP>``.
The street is found by its USPS suffix; the town is then whatever proper words fill the slot
between the street and a state or ZIP (or the end of the line), so towns missing from any
gazetteer ("New Robertmouth") are still found. Outside an address, ``<Town>, <ST> <ZIP>`` and
``<Town>, <State>`` mark the words before the state as a town.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import TYPE_CHECKING

from presidio_analyzer import RecognizerResult

from auditor.phi.entities import Entity
from auditor.phi.recognizers.address_chains import chains
from auditor.phi.recognizers.base import LocalRecognizer
from auditor.phi.recognizers.cues import label_id
from auditor.phi.recognizers.lexicon import (
    HONORIFICS,
    JOB_TITLES,
    RELATIVES,
    TITLES,
    US_STATE_ABBREVIATIONS,
    Lexicon,
)
from auditor.phi.recognizers.patterns import make_result
from auditor.phi.recognizers.regex_start import accelerated, gated_finditer
from auditor.phi.recognizers.timed_entries import entry_times
from auditor.phi.recognizers.tokens import LATIN_LOWER, LATIN_UPPER, TokenView, normalize
from auditor.phi.stop_words import STOP_WORDS

if TYPE_CHECKING:
    from presidio_analyzer.nlp_engine import NlpArtifacts

I = re.IGNORECASE  # noqa: E741

# USPS Publication 28 street suffixes (names and standard abbreviations), minus the few that
# are everyday clinical words or abbreviations: those are in _WEAK_SUFFIXES below and need a
# capitalised street name in front ("Todd Well", not "tolerated well").
_SUFFIX_TEXT = (
    "alley ally aly anex annex arcade ave aven avenue avn bayou beach bend blf bluff bluffs "
    "bottom boulevard blvd branch brg bridge brook brooks burg burgs bypass byp camp canyon cyn "
    "cape causeway cswy center ctr centers circle cir circles cliff cliffs club common commons "
    "corner corners course court ct courts cove coves creek crk crescent cres crest crossing "
    "xing crossroad curve dale dam divide drive dr drives estate est estates expressway expy "
    "extension extensions falls ferry field fields flat flats ford fords forest forge forges "
    "fork forks fort freeway fwy garden gardens gdns gateway glen glens green greens grove grv "
    "groves harbor harbors haven heights hts highway hwy hill hills hollow inlet island "
    "islands isle junction junctions jct key keys knoll knolls lake lakes land landing lane ln "
    "lights loaf locks lodge loop mall manor manors meadow meadows mews mill mills motorway mount "
    "mountain mtn mountains orchard oval overpass park parks parkway parkways pkwy passage path "
    "pike pine pines place pl plain plains plaza plz points port ports prairie ramp ranch "
    "rapids ridge ridges river road rd roads route rte row rue shoal shoals shore shores skyway "
    "spring springs spur spurs square sq squares station stravenue stream street st streets "
    "summit terrace ter throughway trafficway trail trl trailer tunnel turnpike tpke underpass "
    "union unions valley valleys viaduct village villages ville vista walk walks way ways wells "
    # Australia Post and Royal Mail street types beyond USPS
    "parade esplanade promenade quay wharf concourse circuit fairway tollway courtyard copse "
    "grange boulevarde crossway wynd mead strand crescent gardens "
    # the rest of Australia Post's street types that are no everyday or clinical word
    "alleyway amble anchorage artery brae broadway brow byway centreway circlet circus "
    "colonnade corso cruiseway cul-de-sac dell driveway firetrail footway foreshore glade gully "
    "highroad laneway lees meander nook parklands pathway piazza quadrangle quadrant quays "
    "ramble ridgeway riverway riviera roadway ronde rosebowl tarn thoroughfare tor towers "
    "trunkway vale villas walkway lookout "
    # their abbreviations that are no clinical word ("Tce", "Pde", "Cct")
    "tce pde cct espl crt "
    # a row of British cottages or almshouses numbered as a street ("4 Perrystone Cottages")
    "cottages almshouses "
    # the road words of South Asian addresses: Sri Lanka's "Mawatha", Tamil "Salai", Hindi
    # "Marg" and "Gali" ("27 Dharmapala Mawatha", "4 Anna Salai"), and the colonies and
    # sectors a house is numbered in ("C-47, Shastri Nagar", "B-12, Vasant Vihar")
    "mawatha salai marg gali nagar vihar enclave puram"
)
STREET_TYPES = frozenset(_SUFFIX_TEXT.split())
# Suffixes that are also everyday or clinical words ("tolerated well", "4 point restraints").
_WEAK_SUFFIXES = (
    "well point light lock track trace rest run pass fall view views mission neck wall via "
    "rapid radial"
    # Australian and British street types that are also everyday words
    " close rise approach access break reach chase gate stairs deviation plateau outlook"
    " retreat roadside mew yard"
    " basin distributor frontage gates interchange intersection siding subway wade reserve slope"
    # Australia Post's "Close" abbreviated ("14 Wattletree Cl"; "Na 140 Cl 102" has no name)
    " cl"
)


def _alternation(words: str) -> str:
    return "(?:" + "|".join(sorted(words.split(), key=len, reverse=True)) + ")"


_NOT_STREET_WORD = (
    r"(?!(?i:mg|ml|cc|meq|mcg|gm|g|units?|tabs?|l|lpm|hrs?|min|mins|days?|x|times|am|pm|yo|"
    r"mm|cm|kg|lbs?|oz|mmhg|cmh2o|fr|dl|iu|mmol|bpm|secs?|"
    r"years?|the|a|an|in|on|to|at|of|for|and|or|with|by|from|per|is|was|via|into|over|"
    r"steps?|hours?|minutes?|weeks?|wks?|months?|mos?|yrs?|doses?|pills?|out|more|less)\b"
    # a distance in lower case ("a 2 mile walk", "3 km run"; "8 Mile Road" is a street)
    r"|(?-i:miles?|mi|km|kms|kilomet(?:er|re)s?|blocks?|ft|feet|yards?|yds|met(?:er|re)s?|m|"
    # a sentence's pronouns and adverbs in lower case ("at 96 she still drives")
    r"she|he|they|we|you|it|his|her|their|still|also|just|then|now|never|always|only)\b)"
)
# "12", "12B", "12-14", the Australian unit/house "75/553" and the Canadian unit before the
# house number, spaced ("300 - 2170 Portage Avenue").
_NUMBER = (
    # (an Australian rural box's letters before it: "RMB 2290 Woodhill Mountain Rd")
    r"(?<![\w/.-])(?:(?:RMB|RSD|CMB)[ \t]+)?(?:\d{1,5}[ \t]-[ \t](?=\d))?"
    # (or "No." and a comma around it, or a block's letter before it, as South Asian
    # addresses write the house's number: "No. 44, Dharmapala Mawatha", "C-47, Shastri Nagar")
    r"(?:(?:No|NO)\.[ \t]?\d{1,6}(?:/\d{1,5})?,|[A-Z]{1,2}-\d{1,5},|\d{1,6}"
    r"(?:-?[A-Za-z])?(?:-\d{1,4}|/\d{1,5})?)"
    r"\s+(?:[NSEW]\.?\s+)?"
)
_UNIT = (
    r"(?:,?\s*(?i:apt|apartment|suite|ste|unit|#|fl|floor|rm|room|bldg|building|lot|trlr|"
    # a mobile-home park's or a campground's space ("5510 S Nogales Hwy, Space 41")
    r"space|spc|site)\.?"
    r"\s*+#?\s*+(?:[A-Za-z0-9-]*\d[A-Za-z0-9-]*|[A-Za-z]\b)"
    # an ordinal floor after the street ("400 Renaissance Center, 22nd Floor")
    r"|,?[ \t]*\d{1,3}(?i:st|nd|rd|th)[ \t]+(?i:floor|fl)\b\.?)?"
    # What follows a street before its town in New Zealand and Philippine addresses: a rural
    # delivery round ("RD 3"), a subdivision phase ("Phase 2"), an "Extension" of the road.
    r"(?:\s+(?i:extension|ext\.))?"
    r"(?:,?[ \t]+(?:RD|R\.D\.|(?i:phase))[ \t]?\d{1,2}\b)?"
    # a Philippine subdivision's section number after the street ("Bauhinia Grove 6,")
    r"(?:[ \t]\d{1,2}(?=,))?"
)
# A direction after the street type, as grid cities write it ("1407 Arno St NE", "88 Main
# St. W,"); one letter only where no word follows ("St S of the park" is a direction).
_POST_DIRECTION = (
    r"(?:[ \t]+(?:NE|NW|SE|SW)\b\.?|[ \t]+[NSEW]\b\.?(?![ \t]*[A-Za-z])"
    # (or before the unit: "77 BURNHAMTHORPE RD W UNIT 1204")
    r"|[ \t]+[NSEW]\b\.?(?=[ \t]+(?i:unit|apt|suite|ste)\b|[ \t]*#))?"
)
_STREET = accelerated(
    re.compile(
        _NUMBER
        + r"(?:"
        + _NOT_STREET_WORD
        # a word, or a short abbreviation with its dot ("N.", "Mt."): "fasting. He saw Dr." is
        # two sentences, not "140-180 Fasting He Saw Drive"
        # or a numbered street's ordinal ("9304 72nd Drive")
        # (on one line: "on 10 Dec.\nDr. Hamad" is a date and a doctor)
        # (letters of any Latin alphabet: "22 Kōwhai Street", "5 Łąkowa Road")
        + r"(?:[^\W\d_]{1,3}\.|[^\W\d_](?:[^\W\d_]|['-])*|\d{1,3}(?i:st|nd|rd|th))[ \t]+){1,4}?"
        + r"(?i:"
        + _alternation(_SUFFIX_TEXT)
        + r")\b\.?"
        # a street type that is also a name's last word: "22 Laurens Ridge Dr", "4 Forest Hill Rd"
        # (a town may follow the second: "118 Cypress Hollow Ln   Crestview FL"; not a doctor's
        # name after "Dr")
        + r"(?:[ \t]+(?:Dr\b\.?(?![ \t]+[A-Z][a-z])|(?:Drive|Rd|Road|Street|Ave|Avenue|Ln|Lane|"
        r"Ct|Court|Cir|Circle|Blvd|Pl|Place|Ter|Terrace|Trl|Trail|Way|Loop|Pkwy|Parkway)\b\.?))?"
        + _POST_DIRECTION
        + _UNIT
    )
)
_WEAK = _alternation(_WEAK_SUFFIXES)
# A street read up to "Dr" that is a doctor's title before a name ("in at 1800 after surgeon Dr
# Papadakis-Hunt"): no street ends in "Dr" with a capitalised name right after it.
_ENDS_DR = re.compile(r"(?<![\w])[Dd][Rr]\.?$")
_DOCTOR_AFTER = re.compile(r"[ \t]+[A-Z][a-z]")
# ... unless a town and its state's letters or ZIP follow the name ("902 N Arkalon Dr Garden
# City KS 67846"): a doctor's name is no place before a postcode.
_TOWN_STATE_AFTER = re.compile(
    r"[ \t]+[A-Z][a-z]+(?:[ \t][A-Z][a-z]+){0,2},?[ \t]+(?:[A-Z]{2}[ \t]+)?\d{5}(?:-\d{4})?\b"
    r"|[ \t]+[A-Z][a-z]+(?:[ \t][A-Z][a-z]+){0,2},?[ \t]+[A-Z]{2}\b(?![ \t]+[a-z])"
)
# Title case ("5479 Todd Well") or, followed by a comma or a unit, all caps ("23 KING LIGHT,").
_STREET_WEAK = re.compile(
    _NUMBER
    + r"(?:"
    + _NOT_STREET_WORD
    # (a Welsh, Irish or French particle between the name's words: "12 Coed y Brenin Close")
    # (a double-barrelled name: "14 Adeyemi-Bamgbose Close")
    + rf"(?:[A-Z{LATIN_UPPER}][a-z{LATIN_LOWER}'.-]+(?<=-)[A-Z{LATIN_UPPER}][a-z{LATIN_LOWER}'.]+"
    + rf"|[A-Z{LATIN_UPPER}][a-z{LATIN_LOWER}'.-]+|[A-Z{LATIN_UPPER}][A-Z{LATIN_UPPER}'.-]+)\s+"
    + r"(?:(?:y|yr|na|an|de|du|la|le)\s+(?=[A-Z]))?){1,3}?"
    + r"(?:"
    + _WEAK.title()
    + r"|"
    + _WEAK.upper()
    + r")\b\.?"
    + _UNIT
    # All caps only before a unit or a "TOWN, ST 12345" line ("TOLERATED 2 CANS WELL," is not).
    + r"(?:(?<=[a-z0-9])(?=[\s.;),]|$)|(?=,?\s*(?:APT|SUITE|UNIT|#)|,?\s+[A-Z][A-Z .'-]{1,40}?,?"
    + r"\s+[A-Z]{2}\s+\d{5}))"
)
# A street type before the name (Romance languages; Malay "Jalan", "Lorong"), a house
# number in front (the US
# Southwest's and Florida's "2300 Calle Medio", "14 Camino del Rio") or after it (Latin
# American and European "Rua Augusta 45", "Calle Mayor 12"); the name's words in Title case,
# joined by the small words of those languages. Not "Via" (an English word in Title case
# at a sentence's start: "Via Oral 2, then").
ROMANCE_TYPE = (
    r"(?:Calle|Camino|Avenida|Paseo|Callej[oó]n|Carrera|Carretera|Calzada|Cerrada|Privada|"
    r"Plaza|Rambla|Ronda|Travesía|Rua|Travessa|Estrada|Alameda|Viale|Corso|"
    r"Piazza|Rue|Quai|Chemin|Allée|Impasse|Jalan|Jln\.?|Lorong|Lrg\.?|Persiaran|Lebuh|"
    # Brazil's and Portugal's abbreviated avenue, Poland's "ulica" ("Av. Nazaré, 1880", "ul.
    # Długa 17/4")
    r"Av\.|Avda\.|Praça|Largo|Rodovia|ul\.|Ul\.|UL\.|"
    # Spain's "C/" for Calle ("C/ Cava Baja, 21")
    r"C/|"
    # the Welsh and Irish types before the name ("8 Clos Tŷ Gwyn", "Bóthar na Trá")
    r"Clos|Heol|Ffordd|Stryd|Lôn|Rhodfa|Cilgant|Bóthar|Sráid|Ascaill)"
)
# Jersey's and Guernsey's "La Rue de ...", "Le Mont ...": the article is part of the name.
_ARTICLE = r"(?:(?:La|Le|Les|El)[ \t]+)?"
_ROMANCE_NAME = (
    r"(?:[ \t]+(?:(?:de|del|de[ \t]+la|de[ \t]+los|de[ \t]+las|la|las|los|el|do|da|dos|das|"
    r"di|della|dei|des|du|le|les|y|yr|na|an)[ \t]+)?[A-ZÁÉÍÓÚÑŁŚŻŹĆ](?:[^\W\d_]|['’-])+){1,3}"
)
# the types French, Italian, Spanish and Portuguese addresses write in lower case beside a
# house number ("12 boulevard Rainier III", "23, rue Ibn Batouta", "via del Voltone 3")
_ROMANCE_TYPE_LOWER = (
    r"(?:rue|avenue|boulevard|bd|chemin|allée|impasse|quai|cours|viale|corso|piazza|"
    # (and Québec's abbreviations: "1550 boul. des Forges", "12 ch. du Lac", "40 rang Ste-Anne")
    r"calle|avenida|rua|travessa|boul|ch|rang|montée)\.?"
    # "via" only before its particle: "via del Voltone 3"; "via Ryles 2" is a feeding tube
    r"|via(?=[ \t]+(?:del|della|dei|degli|delle|di)\b)"
)
_STREET_ROMANCE = accelerated(
    re.compile(
        # (a comma after the house only before a type in lower case: "23, rue Ibn Batouta";
        # "No. 12, Jalan Reko Jaya 3" is the street then its number)
        rf"(?<![\w/.-])\d{{1,6}}[A-Za-z]?(?:[ \t]+(?:bis|ter))?"
        rf"(?:[ \t]+{ROMANCE_TYPE}|,?[ \t]+{_ROMANCE_TYPE_LOWER})"
        rf"{_ROMANCE_NAME}(?![\w'’-])"
        rf"|(?<![\w-]){_ARTICLE}(?:{ROMANCE_TYPE}|{_ROMANCE_TYPE_LOWER}){_ROMANCE_NAME},?[ \t]+"
        r"(?:n\.?[º°o]\.?[ \t]*)?\d{1,5}"  # the house, perhaps after "nº", "n.º"
        r"(?:/\d{1,4}[A-Za-z]?)?"  # a flat after the house: "Długa 17/4"
        # the number ends the street there: a comma, a dash, a line's or a sentence's end
        # ("Calle Guaraguao 22 - wife worried"; "Camino Real 2 miles" is a distance)
        r"(?=[ \t]*(?:,[ \t]*\D|\.(?:\s|$)|\n|$|[-–—][ \t]))"
        # no number: the street then a comma and a capitalised town ("La Rue de la Fosse, St
        # Saviour", "Calle Sol, Guaynabo"), as island and Latin addresses are written
        rf"|(?<![\w-]){_ARTICLE}{ROMANCE_TYPE}{_ROMANCE_NAME}(?=,[ \t]+[A-Z])"
    )
)
# A house known by its number alone where a neighbour or a home is spoken of ("left it with
# the neighbour at no. 57", "next door at No 20", "lives at number 12").
_HOUSE_NUMBERED = re.compile(
    r"(?i:\b(?:neighbou?rs?|next[ \t]+door|lives|living|staying|moved|house|flat|home)\b)"
    r"[^.\n]{0,16}?\b(?i:at|to|from|in)[ \t]+"
    r"((?i:no\.?|number|nr\.?)[ \t]*\d{1,4}[A-Za-z]?)(?![\w/.-]|\.\d)"
)
_HOUSE_NUMBER_GATE = re.compile(r"(?i:\b(?:no|number|nr)\b)")
# A grid address as Utah's and Idaho's cities number their streets: the house, then the
# street as a distance and a direction from the grid's origin ("1427 E 2100 S", "450 North
# 1200 West", "320 W 400 N #12"); and a grid street alone after a word of place ("on 2nd
# South", "off 4th North").
_GRID_DIRECTION = r"(?:North|South|East|West|NORTH|SOUTH|EAST|WEST|[NSEW]\.?)"
_GRID_ADDRESS = re.compile(
    # (the grid street a multiple of ten from 100 on: "2100 S", "400 N"; not "120 S 80 W")
    rf"(?<![\w/.-])\d{{1,5}}[ \t]+{_GRID_DIRECTION}[ \t]+[1-9]\d{{1,3}}0[ \t]+{_GRID_DIRECTION}"
    r"(?![\w-])(?:[ \t]*(?:#|(?i:apt|unit|suite|ste)\.?)[ \t]*[A-Za-z0-9-]+)?"
)
_GRID_STREET = re.compile(
    r"(?<![\w.])(?i:on|off|at|along|near)[ \t]+"
    r"(\d{1,2}(?i:st|nd|rd|th)[ \t]+(?:North|South|East|West|NORTH|SOUTH|EAST|WEST))(?![\w-])"
)
# A street named without a house number, in mixed case: "lives on Dorchester Avenue".
_STREET_NAMED = re.compile(
    rf"(?<![\w.])(?:[A-Z{LATIN_UPPER}][a-z{LATIN_LOWER}'’]+\s+){{1,3}}"
    r"(?:Avenue|Ave\.?|Street|Road|Boulevard|Blvd\.?|Lane|Drive|Parkway|Terrace|Highway|"
    # (and the Commonwealth's types no clinical or everyday phrase ends with in Title case)
    r"Turnpike|Square|Crescent|Parade|Mews|Esplanade|Promenade|Wynd|Boulevarde)\b"
)
# ... and with a type abbreviated that _STREET_NAMED leaves out (it reads "Ave" and "Blvd"),
# after a word of place ("drug store on Dodge St.", "lives off Harney St,"): "St" and "Rd"
# then end the line or the clause, not "St Mary's" or "Rd Hospital".
_STREET_NAMED_SHORT = re.compile(
    # (or "east of", "corner of" a street: "left the road east of Kuykendahl Rd")
    r"(?<![\w.])(?i:on|off|along|down|up|near|at|from|onto|"
    r"(?:east|west|north|south|corner|end)[ \t]+of)[ \t]+"
    # (a compass point before the name: "a bar on N Brady St")
    r"((?:(?:N|S|E|W|NE|NW|SE|SW)\.?[ \t]+)?(?:[A-Z][a-z'’]+[ \t]+){1,2}(?:St|Rd|Ln|Pkwy|Hwy|Dr|"
    # (and the types of a suburb's short streets, spelled out: "on Glacier Spruce Loop")
    r"Loop|Circle|Cir|Ct|Trail|Trl|Way|Place|Pl|Cove|Bend)\b(?![ \t]*[A-Z][a-z])"
    r"(?:[ \t]+[NSEW]\b(?![ \t]*[A-Za-z]))?)"  # ("on Wellington St W, for Genevieve")
    # then the sentence's end, a town, or the rest of the sentence in small letters or a room
    # ("on West Main St rm 12", "on Kettle Ln tonight"), or a quotation's end ('my place on
    # Thistlegate Rd"'); a capital after it makes "St" a saint
    r"(?=[ \t]*(?:[,;.)\"”]|$)|[ \t]+(?:in|near|by)[ \t]+[A-Z]|[ \t]+[a-z#\d])"
    r"(?:\.[ \t]+(?P<next>[A-Z][a-z]+))?"
)
# The same in a note typed in lower case, the town after the comma ("lives alone on sassafras
# fork rd, hindman"): only the types no sentence ends a clause with ("dr" is a doctor, "st"
# a saint or "stat").
_LOWER_TYPES = (
    "rd", "ln", "ave", "blvd", "hwy", "pkwy", "pike", "road", "lane", "avenue", "street",
    "hollow", "holler",
)  # fmt: skip
_STREET_NAMED_LOWER = re.compile(
    r"(?<![\w.])(?:on|off|along|lives[ \t]+on)[ \t]+"
    r"((?:(?!the\b|a\b|his\b|her\b|their\b)[a-z][a-z'’]+[ \t]+){1,3}"
    r"(?:rd|ln|ave|blvd|hwy|pkwy|pike|road|lane|avenue|street|hollow|holler)\b)(?=,[ \t]*[a-z])"
)
# A home's unit or plot by its residential word and number, wherever it stands ("lives at
# Pondside Assisted Living, apt 2B", "refund for flat 3B", "Blk 22", "Plot 27", "P.O.
# Box 311, Oxford House"): no ward, bed or office says apt, flat, blk, plot or villa (a
# building does: "Bldg 4, Rm 212" is a desk). A box is a post box only with "P.O." or before
# a comma ("Box 311, ...": not "box 3 checked").
_UNIT_WORDS = ("apt", "apartment", "flat", "blk", "plot", "villa", "box", "shop")
_UNIT_DESIGNATED = re.compile(
    r"(?<![\w.])(?:(?i:apt|apartment|flat|blk|plot|villa)\.?|P\.?[ \t]?O\.?[ \t]?Box|"
    r"(?:Box|Shop)(?=[ \t]*(?:(?i:no)\.?[ \t]*|#[ \t]*)?\d{1,5},))"
    r"[ \t]*(?:(?i:no)\.?[ \t]*|#[ \t]*)?"
    r"(?:\d{1,5}[A-Za-z]?|[A-Za-z]\d{1,4})(?![\w/-]|\.\d)"
    # (not a position or a measure: "lying flat 30 degrees")
    r"(?![ \t]*(?i:degrees?|deg\b|°|%|cm\b|mm\b|mins?\b|minutes|hours?|hrs?\b))"
)
# Italy's "Via" at a line's start with its house number and the CAP after the comma ("Via
# Gasparo da Salò 9, 25122 Brescia"); alone "Via" is English ("Via Oral 2, then"). Poland's
# "ul." before a street's name in lower case, no number needed ("na ul. Grunwaldzkiej").
_VIA_LINE = re.compile(
    r"(?m)^[ \t]*(?P<s>(?:Via|Viale|Piazza|Corso)[ \t]+(?:[A-Z][\w'’]*|d[aei]|del|della|dei|"
    r"degli|delle|di|de)(?:[ \t]+(?:[A-Z][\w'’]*|d[aei]|del|della|dei|degli|delle|di|de)){0,4}"
    r"[ \t]+\d{1,4}[A-Za-z]?)(?=,[ \t]*\d{5}\b)"
)
_UL_STREET = re.compile(
    r"(?<![\w.])ul\.[ \t]*[A-ZĄĆĘŁŃÓŚŹŻ][a-ząćęłńóśźż]+(?:[ \t]+[A-ZĄĆĘŁŃÓŚŹŻ][a-ząćęłńóśźż]+)?"
)
# A street of one word that is itself a type or ends in "way", after a house number and
# before its town ("12 Broadway, Newtown", "3/41 Kingsway, Cronulla").
_STREET_ONE_WORD = re.compile(
    r"(?<![\w/.-])\d{1,5}[A-Za-z]?(?:/\d{1,5}[A-Za-z]?)?[ \t]+"
    r"(?:Broadway|Esplanade|Strand|Parade|Promenade|[A-Z][a-z]{2,}way)(?=,[ \t]+[A-Z])"
)
# A numbered street named without a house number ("walk-in on W 6th Ave", "lives off 3rd
# Street"): not "Place" ("1st Place" is a rank) nor "Dr".
_STREET_ORDINAL = re.compile(
    r"(?<![\w.])(?:[NSEW]\.?[ \t]+)?\d{1,3}(?i:st|nd|rd|th)[ \t]+"
    r"(?:Avenue|Ave\b\.?|Street|St\b(?!\.?[ \t]+[A-Z][a-z])\.?|Road|Rd\b\.?|Boulevard|Blvd\b\.?|"
    r"Terrace|Lane)(?![\w])"
)

# A hospital department before "Suite 2" makes it a room there, not an address ("Radiology
# Suite 2", "Endoscopy Suite 4").
_DEPARTMENT_BEFORE = re.compile(
    r"(?i:radiology|endoscopy|infusion|procedure|procedural|recovery|dialysis|surgical|"
    r"imaging|treatment|consult|consultation|operating|birthing|delivery|hybrid|cath|"
    r"interventional|angio|angiography|mri|ct|pet|nuclear|sleep|theatre|theater|exam)"
    r"[ \t]+$"
)
# Two streets named at their crossing: "Morganton Rd and Pinehurst Ave", "corner of Elm St &
# 5th Ave", "Main St/Route 9" (a street type on both sides of the joint is the evidence, so
# the short types "St" and "Rd" count here; "Dr" does not: "Smith Dr and Lee Dr" are doctors).
_CROSS_TYPE = (
    r"(?:Avenue|Ave|Street|St|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Parkway|Pkwy|Highway|Hwy|"
    r"Turnpike|Tpke|Place|Pl|Court|Ct|Way|Circle|Cir|Pike|Route|Rte)"
)
_CROSS_NAME = r"(?:(?:[A-Z][a-z'’]+|\d{1,3}(?:st|nd|rd|th))[ \t]+){1,3}"
# a numbered road at the joint: "Route 9", "Hwy 82", "I-95", "US-1", "SR 520"
_CROSS_ROUTE = r"(?:Route|Rte|Highway|Hwy|Interstate|I-|US-?|SR-?)[ \t]?\d{1,4}\b"
_INTERSECTION = re.compile(
    rf"(?<![\w.])(?P<a>{_CROSS_NAME}{_CROSS_TYPE}\b\.?)[ \t]*(?:and|&|/|@|at|x)[ \t]*"
    rf"(?P<b>{_CROSS_NAME}{_CROSS_TYPE}\b|{_CROSS_ROUTE})"
)
# the numbered road first: "found US-1 & Ware St" (its own pattern: an alternative of the one
# above would cost it its quick start)
_ROUTE_CROSSING = accelerated(
    re.compile(
        rf"(?<![\w.-])(?P<a>{_CROSS_ROUTE})[ \t]*(?:and|&|/|@|at|x)[ \t]*"
        rf"(?P<b>{_CROSS_NAME}{_CROSS_TYPE}\b)"
    )
)


def _street_after_unit(number: str) -> str:
    """The street that follows a unit written first, its house number given by ``number``."""
    return (
        r",?\s+"
        + number
        + r"(?:[A-Za-z][A-Za-z'-]*\s+){1,3}?(?i:"
        + _alternation(_SUFFIX_TEXT)
        + r")\b\.?"
    )


# A unit written before the street ("Flat 54", "Studio 26", "Apt. 7B") and military mail.
_STREET_AFTER_UNIT = _street_after_unit(r"(?:\d{1,6}\s+)?")
_NUMBERED_STREET_AFTER_UNIT = _street_after_unit(r"\d{1,6}[A-Za-z]?\s+")
# An address of numbered parts, as the Gulf writes it: "Flat 12, Bldg 2214, Road 4137, Block
# 341", "Zone 25, Street 230, Building 14", "Villa 7, Way 3519" (two parts at least).
NUMBERED_PARTS = (
    r"Flat|Villa|Apt|Apartment|Shop|Office|Bldg|Building|House|Road|Rd|Street|St|Avenue|Ave|"
    r"Way|Block|Blk|Zone|Plot|Lane|Floor"
)
_PART = rf"(?:{NUMBERED_PARTS})\.?[ \t]*(?:No\.?[ \t]*)?\d{{1,5}}[A-Z]?(?![\w.,]\d)"
_NUMBERED_PARTS = accelerated(re.compile(rf"(?<![\w-]){_PART}(?:,[ \t]*{_PART}){{1,5}}(?![\w-])"))
# The same in Arabic ("سكة 4427، مبنى 118": lane, building, street, road, house, villa, flat,
# block), Arabic or Western digits, an Arabic or a Latin comma between.
_ARABIC_PART = (
    r"(?:سكة|شارع|طريق|مبنى|منزل|بيت|فيلا|شقة|مجمع|بناية|عمارة|بلوك|حي)[ \t]*(?:رقم[ \t]*)?"
    r"[\d٠-٩]{1,5}"
)
_ARABIC_PARTS = re.compile(rf"{_ARABIC_PART}(?:[ \t]*[،,][ \t]*{_ARABIC_PART}){{1,5}}(?![\d٠-٩])")
_UNIT_LEAD = accelerated(
    re.compile(
        r"\b(?:(?:Flat|FLAT|Studio|STUDIO|Apartment|Apt\.?|APT\.?|Suite|SUITE)\s*+#?\s*+\d{1,5}[A-Za-z]?\b"
        + r"(?:"
        + _STREET_AFTER_UNIT
        + r")?|Level\s\d{1,3}(?=\s+\d)"
        # A unit, level, shop, lot or township section before a numbered street ("Unit 5, 22
        # Bourke St", "Level 2, 87 Adelaide Tce", "Section 2, 14 Lwandle Cres"): only with it.
        + r"|(?:Unit|UNIT|Level|LEVEL|Shop|SHOP|Lot|LOT|Section|SECTION)\s*\d{1,5}[A-Za-z]?"
        + _NUMBERED_STREET_AFTER_UNIT
        # a unit before a street with no house number, after a comma, as Irish and British
        # business addresses write it ("Unit 4, Riverside Quay"): capitalised words and a type
        + r"|(?:Unit|UNIT)[ \t]?\d{1,5}[A-Za-z]?,[ \t]?(?:[A-Z][A-Za-z'-]*[ \t]){1,3}?(?i:"
        + _alternation(_SUFFIX_TEXT)
        + r")\b\.?"
        # Philippine block and lot ("Block 01 Lot 71 Bauhinia Grove"): both, so "heart block 2"
        # is not one
        + r"|(?i:block|blk)\.?[ \t]?\d{1,4}[A-Za-z]?,?[ \t]+(?i:lot)[ \t]?\d{1,4}[A-Za-z]?(?:"
        + _STREET_AFTER_UNIT
        + r")?"
        # short block and lot ("B7 L33 Narra Street"), and a lot alone, with their street
        + r"|(?i:b)\d{1,3}[ \t]+(?i:l)\d{1,3}"
        + _STREET_AFTER_UNIT
        + r"|(?:Lot|LOT|lot)[ \t]?\d{1,4}[A-Za-z]?"
        + _STREET_AFTER_UNIT
        # lower case only with the street it belongs to: "studio 1 gavin trail"
        + r"|(?:flat|studio|apt\.?|apartment|suite)\s*+#?\s*+\d{1,5}[a-z]?"
        + _STREET_AFTER_UNIT
        + r")"
    )
)
# A room or floor before the building it is in ("Room 1802 Orion Tower", "3rd Floor Santos
# Building"), and a subdivision's phase ("Carmona Village Phase 3").
# Hospital buildings ("Room 5 Main Building", "ICU Tower") are left out by their words.
_BUILDING = (
    r"(?:Tower|Towers|Building|Bldg\.?|Apartments|Residences|Condominium|Condominiums|Condo|"
    r"Mansions|Mall|Arcade)"
)
_ROOM_IN_BUILDING = re.compile(
    r"\b(?:(?:Room|Rm\.?|Suite|Unit|Flat|Office)[ \t]+\d{1,5}[A-Za-z]?|"
    r"\d{1,2}(?:st|nd|rd|th)[ \t]+Floor|(?:Ground|Upper|Lower)[ \t]+Floor),?[ \t]+"
    r"(?!(?:Main|East|West|North|South|New|Old|Medical|Clinical|Research|Surgical|Hospital|"
    r"Outpatient|Inpatient|Annex|Pavilion|Day|Cancer|Heart|Women's|Children's)\b)"
    r"(?:[A-Z][a-z'’-]+[ \t]+){1,3}" + _BUILDING + r"\b"
)
_PHASE = re.compile(
    r"\b(?:Village|Ville|Subdivision|Homes|Heights|Estate|Estates|Park|Hills)"
    r"[ \t]+((?:Phase|PHASE)[ \t]?\d{1,2}[A-Za-z]?)\b"
)
# Indian addresses: a house number ("H.No. 79", "Flat No. 4", "45/384", "14,") then the
# street, on the same line or the next, by its Indian head ("Boase Nagar", "Chahal Path",
# "Desai Zila", "Bhavsar Marg"); "Road"/"Street" only on the same line (a blood pressure
# "120/80" ends a line before many a "Ring Road"). A house-number label alone before a name
# is an address too ("H.No. 033, Balan").
_IN_HEADS = (
    r"(?:Nagar|Ganj|Marg|Path|Zila|Chowk|Gali|Colony|Puram|Bagh|Vihar|Enclave|Layout|Mohalla|"
    r"Peth|Wadi|Pada|Halli)"
)
_IN_HOUSE = (
    r"(?:H\.?[ \t]?No\.?|House[ \t]+No\.?|Flat[ \t]+No\.?|Plot(?:[ \t]+No\.?)?|Door[ \t]+No\.?)"
)
# after a house label, the Hyderabad and Chennai "4-12", "12-3-45/A" too
_IN_HOUSE_NUMBER = r"\d{1,5}(?:[-/]\d{1,4}){0,3}(?:/?[A-Za-z])?(?![\w])"
_IN_NUMBER = rf"(?:{_IN_HOUSE}[ \t]*{_IN_HOUSE_NUMBER}|(?<![\w/.:-])\d{{1,4}}(?:/\d{{2,4}})?)"
_IN_STREET = accelerated(
    re.compile(
        rf"{_IN_NUMBER}(?:,[ \t]*|[ \t]*\n[ \t]*|[ \t]+)(?:[A-Z][a-z]+[ \t]+){{1,2}}{_IN_HEADS}\b"
        rf"|{_IN_NUMBER},?[ \t]+(?:[A-Z][a-z]+[ \t]+){{1,2}}(?:Road|Street|Lane|Circle|Cross)\b"
        # a planned town's sector or block after a house label: "Plot 7, Sector 16", "Flat No.
        # 302, Block C" (a label first: "2, Phase 3" alone is a trial)
        rf"|{_IN_HOUSE}[ \t]*{_IN_HOUSE_NUMBER},?[ \t]+(?:Sector|Block|Pocket|Phase)[ \t-]*"
        r"(?:\d{1,3}[A-Z]?|[A-Z])\b"
        rf"|{_IN_HOUSE}[ \t]*{_IN_HOUSE_NUMBER}(?:,[ \t]*|[ \t]*\n[ \t]*|[ \t]+)[A-Z][a-z]+\b"
    )
)
# Bangladeshi and Pakistani planned-town addresses: a house or plot number, then its road,
# street, lane, block or sector, each with its number or letter ("House 27, Road 11, Block C",
# "House 14-B, Street 7", "Plot 9, Sector 4").
_HOUSE_ROAD = accelerated(
    re.compile(
        r"\b(?:House|HOUSE|Plot|PLOT|Holding|HOLDING)[ \t]+(?:No\.?[ \t]*)?"
        r"\d{1,4}(?:[-/][A-Za-z0-9]{1,3})?"
        r"(?:,[ \t]*(?:Road|ROAD|Rd\.?|Street|STREET|St\.?|Lane|LANE|Block|BLOCK|Sector|SECTOR|"
        r"Section|Avenue|Ave\.?)[ \t]*(?:No\.?[ \t]*)?(?:\d{1,3}[A-Za-z]?|[A-Z])\b"
        r"(?:-[A-Z]\b)?){1,3}"
    )
)
# Canada's rural addresses: a rural route ("RR 3", "R.R. #2") with its site and box, and a
# house on a concession, a sideroad, a line or a range or township road told by its number
# ("2291 Concession 6", "4471 Sideroad 10", "53012 Range Road 224").
_RURAL_CANADA = accelerated(
    re.compile(
        r"\b(?:(?:R\.R\.|Rural[ \t]+Route)[ \t]*+(?:#[ \t]*+)?\d{1,2}"
        r"(?:,?[ \t]+(?:Site|Comp|Box)[ \t]*+(?:#[ \t]*+)?\d{1,4}){0,2}"
        # ("RR" is also a respiratory rate: with its site or box, or a numbered road after it)
        r"|RR[ \t]*+(?:#[ \t]*+)?\d{1,2}"
        r"(?:(?:,?[ \t]+(?:Site|Comp|Box)[ \t]*+(?:#[ \t]*+)?\d{1,4}){1,2}"
        r"|(?=,[ \t]*\d{1,5}[ \t]+[A-Z]))"
        # (or its box before it: "Box 318, RR 2")
        r"|Box[ \t]*+(?:#[ \t]*+)?\d{1,4},?[ \t]+RR[ \t]*+(?:#[ \t]*+)?\d{1,2}"
        r"|\d{1,5}[ \t]+(?:Concession(?:[ \t]+(?:Road|Rd\.?))?|Sideroad|Side[ \t]+Road|Line|"
        r"Range[ \t]+Road|Township[ \t]+Road|Twp[ \t]+Rd\.?|Rge[ \t]+Rd\.?)[ \t]+\d{1,3}[A-Z]?)"
        # (a sentence may end on it: "dispatched to Box 318, RR 2.")
        r"(?![\w/-]|\.\w)"
    )
)
# Puerto Rico's addresses, as island notes write them ("Carr. 172 Km 3.2", "Urb. Villa
# Carolina", "Bo. Monacillos", "Res. Luis Llorens Torres", "Cond. Torres del Mar", "Calle Sol
# #45"): a road by its number and kilometre, or a neighbourhood's, a project's or a building's
# kind abbreviated before its capitalised name, or a street with its house after "#".
_PR_WORD = r"[A-ZÁÉÍÓÚÑ][\w'’]+"
_PR_ADDRESS = accelerated(
    re.compile(
        r"(?<![\w.])(?:(?:Carr\.?|Carretera|CARR\.?)[ \t]*+(?:PR-?[ \t]*+)?\d{1,4}[A-Z]?"
        r"(?:,?[ \t]*(?i:km|kil[oó]metro)\.?[ \t]*\d{1,3}(?:[.,]\d{1,2})?)?"
        r"|(?:Urb\.|Urbanizaci[oó]n|Bo\.|Barrio|Res\.|Residencial|Cond\.|Condominio|Parcelas|"
        rf"Comunidad)[ \t]+{_PR_WORD}(?:[ \t]+(?:de|del|la|las|los|el|{_PR_WORD})){{0,4}}"
        r"(?<![ \t](?:de|la|el))(?<![ \t](?:del|las|los))"
        rf"|Calle[ \t]+{_PR_WORD}(?:[ \t]+{_PR_WORD}){{0,3}}[ \t]*#[ \t]*\d{{1,5}}[A-Z]?)"
        r"(?![\w-])"
    )
)
_PR_GATE = (
    "Carr", "CARR", "Carretera", "Urb.", "Urbanizaci", "Bo.", "Barrio", "Res.", "Residencial",
    "Cond.", "Condominio", "Parcelas", "Comunidad", "Calle",
)  # fmt: skip
# (a plain scan first: "RR" alone is a respiratory rate in most notes)
_RURAL_GATE = (
    "Concession", "Sideroad", "Side Road", "Range Road", "Township", "Twp", "Rge", "R.R.",
    "Rural", " Line ", "Site", "Box",
)  # fmt: skip
# A lane, a road or a street told by its number, and the numbered sectors and puroks of South
# Asian and Philippine towns, wherever they stand in an address ("Lane No. 6, Erandwane",
# "Gali No. 3", "Sector 40-B, Chandigarh", "Purok 3, Sitio Kalubihan").
_NUMBERED_WAY = accelerated(
    re.compile(
        r"\b(?:(?:Lane|LANE|Gali|GALI|Galli|Road|ROAD|Street|STREET)[ \t]+(?:No|NO)\.?[ \t]*"
        r"\d{1,3}[A-Za-z]?|(?:Purok|PUROK|Sector|SECTOR)[ \t]+\d{1,3}(?:-?[A-Z])?)\b"
    )
)
# A continental European street: the type joined to the name, the number after it
# ("Lindenallee 22", "Keizersgracht 41", "Nørregade 7"), and a postcode before the town
# after it ("..., 39104 Magdeburg").
_CONTINENTAL_TYPES = (
    "straße", "strasse", "weg", "allee", "platz", "gasse", "damm", "ufer", "chaussee", "steig",
    "pfad", "laan", "straat", "gracht", "plein", "kade", "vej", "gade", "gatan", "vägen", "veien",
    "gata", "katu",
)  # fmt: skip
_STREET_CONTINENTAL = accelerated(
    re.compile(
        r"\b[A-ZÄÖÜÆØÅ][a-zäöüßæøåé]+(?:-[A-ZÄÖÜ][a-zäöüß]+)*"
        r"(?:" + "|".join(_CONTINENTAL_TYPES) + r")"
        r"[ \t]+(?!(?:19|20)\d\d\b)\d{1,4}[a-z]?\b(?:[ \t]+(?:bis|ter)\b|-(?:I{1,3}|IV|hs)\b)?"
        r"(?:,[ \t]*(?:[A-Z]-)?\d{4,5}[ \t]+[A-ZÄÖÜ][a-zäöüß]+(?:[ -][A-ZÄÖÜ][a-zäöüß]+)?)?"
    )
)
_MILITARY = re.compile(
    r"\b(?:(?:PSC|CMR|Unit|UNIT)\s\d{3,5},?\s+Box\s\d{3,5}|USS\s+[A-Z][A-Za-z]+)"
    r"(?:\s+(?:APO|FPO|DPO)\s+(?:AA|AE|AP)\s+\d{5})?"
)
# Canadian provinces and Australian states: the state slot of non-US address lines.
_REGIONS = frozenset(
    {"ab", "bc", "mb", "nb", "nl", "ns", "nt", "nu", "on", "pe", "qc", "sk", "yt", "nsw",
     "vic", "qld", "wa", "sa", "tas", "act"}
)  # fmt: skip
# The postcode slot after a town, by national grammar, any case (lower-cased notes too): US
# ZIP, four-digit (AU, NZ, PH, ...), Indian PIN (six digits, or three and three), UK, Canadian
# and Irish.
_POSTCODE_AFTER = re.compile(
    r"[ \t]*+,?[ \t]*+(\d{5}(?:-\d{4})?|\d{4}|[1-9]\d{2} ?\d{3}|"
    r"[A-Za-z]{1,2}\d[A-Za-z\d]? ?\d[A-Za-z]{2}|[A-Za-z]\d[A-Za-z] ?\d[A-Za-z]\d|"
    # Irish Eircode: routing key (a letter, two digits) and a four-character unique id
    r"[A-Za-z]\d{2} ?[A-Za-z0-9]{4})(?![\w-])"
)
# A British or Canadian postcode closing an address line ("..., Hexham NE47 0HB", "Winnipeg
# MB R3J 0L3"): the comma-separated parts before it on the line are the address - the town
# right before the postcode, and before it a street without a type, a house's name or a
# locality ("Low Fell Cottage, Whitley Chapel, Hexham", "3 Castlegate, Malton", "Ffordd y
# Llan, Llanrwst").
_LINE_POSTCODE = re.compile(
    r"(?<![\w-])(?:[A-Z]{1,2}\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2}|[A-Z]\d[A-Z] ?\d[A-Z]\d)(?![\w-])"
)
# A continental postcode before its town: five digits (France, Germany, Italy, Spain,
# Mexico), two and three (Poland), four and three (Portugal), four and two letters
# (Netherlands), four (Belgium, Switzerland, Austria, Denmark, Norway), "〒" and three and four
# (Japan), at a line's start or after a comma or a label's colon.
_POSTCODE_BEFORE_TOWN = accelerated(
    re.compile(
        r"(?:^|(?<=,)|(?<=:)|(?<=\n))[ \t]*"
        r"(?P<code>(?:〒[ \t]?)?"
        r"(?:\d{5}|\d{2}-\d{3}|\d{4}-\d{3}|\d{4}[ ]?[A-Z]{2}|\d{4}|\d{3}-\d{4}))"
        r"[ \t]+"
        r"(?P<town>[A-ZÀ-ÞŁŚŻ][^\W\d_]+(?:[ -][A-ZÀ-ÞŁŚŻ][^\W\d_]+)?)"
        r"(?=[ \t]*(?:,|\n|$|\(|;|[ \t]{2}|\.(?:\s|$)))",
    )
)
# A postcode after its town, closing the part (see ``postcodes_after_towns``); or Brazil's
# CEP after a state's letters ("SP, 01310-200").
_POSTCODE_AFTER_TOWN = re.compile(
    # (India joins a PIN to its town with a dash, "Bengaluru-560038", Bangladesh its four
    # digits, "Dhaka-1207")
    r"(?:(?<![\w'’-])(?P<town>[A-Z][a-zà-ÿ'’-]+(?:[ ][A-Z][a-zà-ÿ'’-]+){0,2}?)"
    r"(?:[ \t]+|[ \t]*[-–][ \t]*(?=[1-9]\d{5}(?!\d)|\d{4}(?!\d)))"
    r"|(?<![\w-])[A-Z]{2}[ \t]*+(?:,[ \t]*+)?(?=\d{5}-\d{3}\b))"
    # (Barbados writes its postcode as "BB" and five digits: "St. Philip BB18062")
    r"(?P<code>\d{5}-\d{3}|\d{5}|\d{3}-\d{4}|\d{4}|\d{6}|[A-Z]{2}\d-\d{4}|BB\d{5})"
    # (or a bar, or the state in brackets after it: "Jaipur-302016 (Raj.)")
    r"(?![\w-])(?=[ \t]*(?:,|\n|$|;|\)|\||\.(?:\s|$))|[ \t]+\([A-Z])"
)
# Dublin's postal districts: "Dublin 2", "Dublin 6W" (the number places the address).
_DUBLIN_DISTRICT = re.compile(r"\bDublin[ \t]+(?:1\d|2[0-4]|[1-9]|6W)(?![\w/.:-]|\.\d)")
_PROVINCE_BEFORE = re.compile(r"(?:,?[ \t]+(?:AB|BC|MB|NB|NL|NS|NT|NU|ON|PE|QC|SK|YT))?,?[ \t]+$")
# Where an address's parts start on its line: a label's colon, a dash, a bar or a bullet.
_PART_START = re.compile(r".*(?::[ \t]|[|•·—–]|\t| {2})")
_PART_WORD = re.compile(
    r"(?:[A-ZÀ-Þ][\w'’.-]*|\d{1,5}[A-Za-z]?(?:[/-]\d{1,5})?|y|yr|upon|on|in|le|la|de|du|"
    r"of|the|by|cum|next|the|-)$"
)


# Who a letter is addressed to, written before the address: a person after a title, or a
# job ("Consultant Forensic Pathologist", "Practice Manager"), no part of the address.
_ADDRESSEE_JOBS = JOB_TITLES | frozenset(
    {"pathologist", "physician", "surgeon", "coroner", "director", "secretary", "administrator",
     "solicitor", "lecturer", "officer", "nurse", "matron", "manager", "supervisor"}
)  # fmt: skip


def _addressee(words: list[str]) -> bool:
    keys = [w.lower().strip(".,'’") for w in words]
    return keys[0] in HONORIFICS or any(k in _ADDRESSEE_JOBS for k in keys)


def _address_parts(text: str, start: int) -> list[tuple[int, int]]:
    """Comma-separated parts of the address that ends with a postcode at ``start``: the
    town's span first, then the parts before it (nearest first), each of 1-5 capitalised
    words, numbers or particles, up to four parts and none before a numbered street."""
    line_start = text.rfind("\n", 0, start) + 1
    head = text[line_start:start]
    province = _PROVINCE_BEFORE.search(head)
    if province is None:
        return []
    head = head[: province.start()]
    cut = _PART_START.match(head)
    base = line_start + (cut.end() if cut else 0)
    body = text[base : line_start + len(head)]
    parts: list[tuple[int, int]] = []
    end = len(body)
    for piece in reversed(body.split(",")):
        begin = end - len(piece)
        words = piece.split()
        if not 1 <= len(words) <= 5 or not all(_PART_WORD.match(w) for w in words):
            break
        if words[0][:1].islower() or words[-1][:1].islower():
            break
        if parts and _addressee(words):
            break  # "Dr C. Muir, Consultant Pathologist, Raigmore Hospital, Inverness IV2 3UJ"
        lead = len(piece) - len(piece.lstrip())
        parts.append((base + begin + lead, base + begin + len(piece.rstrip())))
        end = begin - 1
        if len(parts) == 4 or end < 0 or (len(parts) > 1 and words[0][:1].isdigit()):
            break  # before a numbered street come the addressee's names, not the address
    return parts


# Words that may follow a town that closes an address in running text ("..., Eastham with
# her daughter"): the town slot ends there.
_AFTER_TOWN = frozenset({"with", "and", "for", "on", "by", "from", "to", "via", "where", "who"})
# A lettered avenue or street ("1416 AVENUE B APT 3", "22 Ave C"), capitalised: "took 2
# road A" is none.
_STREET_LETTERED = re.compile(
    r"(?<![\w/.-])\d{1,6}(?:-?[A-Za-z])?[ \t]+(?:(?:Avenue|AVENUE|Street|STREET|Road|ROAD)"
    r"|(?:Ave|AVE)\.?)[ \t]+[A-Z](?![\w/.-]|\.\d)" + _UNIT
)
# (and as French, Portuguese, Spanish and German write it: "BP 7412", "B.P. 120", "Caixa
# Postal 88", "Apartado 1204", "Casilla 33", "Postfach 1120"; a bare "BP" only with four
# digits or five, which no blood pressure has)
# A residential building or complex named for itself (see ``residences``).
_RESIDENCE_HINTS = ("Apartments", "Residences", "Condominium", "Condos", "Mansions", "Lofts")
_RESIDENCE = re.compile(
    r"(?<![\w-])((?:[A-Z][a-z'’-]+[ \t]+){1,3})"
    r"(?:Apartments|Residences|Condominiums?|Condos|Mansions|Lofts)(?![\w-])"
)
_PO_BOX = accelerated(
    re.compile(
        r"\b(?:(?:p\.?\s?o\.?\s?box|post office box|bo[iî]te postale|caixa postal|"
        r"apartado(?:\s+postal)?|casilla(?:\s+de\s+correo)?|postfach|b\.p\.)\s*+#?\s*+\d{1,6}"
        r"|(?-i:BP)[ \t]?\d{4,5}(?![/.,]\d))\b",
        I,
    )
)
# A rural delivery address: "RR 2 Box 15", "Rural Route 2, Box 15A", "HC 61 Box 12A" (a
# highway contract route), "RFD 3"; bare "RR"/"HC" need their box ("RR 18" is a rate).
_RURAL_ROUTE = re.compile(
    r"\b(?:(?:RR|R\.R\.|HC|Rt\.?|RT\.?|Rte\.?|RTE\.?|Route|ROUTE|Star[ \t]+Route)[ \t]*\d{1,4}"
    r"(?=,?[ \t]+(?i:box))|(?:RFD|HCR|(?i:rural[ \t]+route|"
    r"highway[ \t]+contract(?:[ \t]+route)?))[ \t]*\d{1,4}(?=,?[ \t]+(?i:box)|\b))"
    r"(?:,?[ \t]+(?i:box)[ \t]*+(?:#[ \t]*+)?\d{1,5}[A-Z]?\b)?"
    # New Zealand's rural delivery round before its town and postcode ("RD 2, Ōhaupō 3882")
    r"|(?<![\w.])(?:RD|R\.D\.)[ \t]?\d{1,2}(?=,[ \t]+[^\W\d_][^\d\n,]{1,30}[ \t]\d{4}\b)"
)
# Substrings one of which a rural delivery address holds (a cheap test before the pattern).
# A numbered road where something happened or stands: after a word of place ("a rest stop
# on I-65", "a diner on Route 9", "struck at Route 66 and Tramway", "collision, SR-417"),
# with a crossing street; a road merely travelled ("via I-70", "then US-6") is no address.
# Words of a numbered road (also read by ``facilities``: "I-5 North" is no ward).
ROAD_LETTERS = r"US|SR|SH|CR|FM"
ROAD_WORDS = r"interstate|route|rte|hwy|highway"
# A rural house on a numbered road, as mail is addressed there: "88 State Rt 7", "4410 US
# 31", "1207 County Road 12", "60 Route 9": capitalised ("took 2 route 3 times" is none);
# "Rt"/"Rd" only after "State" or "County" ("grip 5 Rt 4" is a right hand); a grid road of
# the plains by its number ("2204 Road 15"); a lot before the road ("Lot 44, Route 1", "Lote
# 17, FM 511").
_CAPITALISED = r"(?=[A-Z])(?i:{})"
_ROAD_HOME = re.compile(
    r"(?<![\w/.-])(?:\d{1,6}|(?:Lot|LOT|Lote|LOTE|Plot|PLOT)[ \t]+\d{1,5}[A-Za-z]?,?)[ \t]+(?:"
    + _CAPITALISED.format(r"state|county|farm")
    + r"[ \t]+"
    + _CAPITALISED.format(rf"{ROAD_WORDS}|rt|road|rd")
    + "|"
    + _CAPITALISED.format(rf"{ROAD_WORDS}|road")
    + rf"|{ROAD_LETTERS})[ \t-]*\d{{1,4}}[A-Z]?(?![\w-])"
)
_ROAD = (
    # (not iodine's isotopes, "on I-131")
    rf"(?:I(?![- ]?12[345]\b|[- ]?131\b)|{ROAD_LETTERS}|(?i:{ROAD_WORDS}|state\s+route|"
    r"state\s+highway|county\s+road|farm\s+road))[- ]?\d{1,4}[A-Z]?\b"
)
_ROAD_AT = accelerated(
    re.compile(
        r"(?:\b(?i:on|at|near|along|off|outside|beside)[ \t]+(?:(?i:the)[ \t]+)?"
        r"|\b(?i:crash|collision|accident|mvc|mva|rollover|wreck)[ \t]*,[ \t]*)"
        rf"(?P<road>{_ROAD}(?:[ \t]+(?:and|&)[ \t]+(?:{_ROAD}|[A-Z][a-z]+(?:[ \t][A-Z][a-z]+)?))?)"
        r"(?![\w-])"
    )
)
_ROAD_HINTS = ("I-", "US", "SR", "SH", "CR", "FM", "oute", "OUTE", "te ", "TE ", "wy", "WY",
               "ighway", "IGHWAY", "nterstate", "NTERSTATE", "oad", "OAD")  # fmt: skip
_RURAL_HINTS = (
    "RR",
    "R.R.",
    "RD",
    "R.D.",
    "HC",
    "RFD",
    "ural",
    "URAL",
    "ighway",
    "IGHWAY",
    "Rt",
    "RT",
    "oute",
)
_ZIP = re.compile(r"\d{5}(?:-\d{4})?$")

# Two-letter states that are also clinical abbreviations (MD, PA, CO, OR, CT, MI, MS, NC...):
# alone after a comma they need a known town in front.
_CLASHING_STATES = frozenset(
    {"md", "ma", "pa", "co", "or", "in", "me", "hi", "ok", "sc", "la", "id", "ne", "ms", "mi",
     "al", "ct", "ga", "va", "wa", "ar", "nc", "de", "mo", "nd", "sd", "dc", "pr", "tx", "mt",
     "ri", "ia", "wi", "ks", "nh", "nm", "ut", "vt", "ky", "tn", "oh", "fl", "il"}
)  # fmt: skip
_DIRECTIONS = frozenset(
    {"north", "south", "east", "west", "new", "port", "lake", "mount", "mt", "fort", "ft",
     "saint", "st", "upper", "lower", "old", "glen", "point", "el", "la", "los", "san",
     "santa", "des", "de"}
)  # fmt: skip
_NOT_TOWN = frozenset(STOP_WORDS) | TITLES | RELATIVES | {"apt", "suite", "unit", "usa", "us"}
_NOT_STREET_NAME = frozenset(STOP_WORDS) | TITLES | RELATIVES


def _named_street_start(match: str) -> int:
    """Where the street name starts in a ``_STREET_NAMED`` match (-1: not a street).

    Leading function words, titles and relatives drop out ("The", "Dr", "Wife"); what
    remains must be at least one word before the suffix.
    """
    words = match.split()
    skip = 0
    while skip < len(words) - 1 and words[skip].lower().strip("'’") in _NOT_STREET_NAME:
        skip += 1
    if skip >= len(words) - 1:
        return -1
    return match.index(words[skip]) if skip else 0


# "2087 Dear Dr. Hoang": a letter's date, then its salutation and the doctor's title, is
# no "<number> <name> Dr(ive)".
_SALUTATION = re.compile(r"\b(?i:dear|hi|hello|attn|attention)\s+(?i:dr|st|mr|mrs|ms)\b")


# A letter of the Arabic block (the first 4,000 characters are read for one).
_ARABIC_LETTER = re.compile(r"[\u0600-\u06ff]")
# The scans of streets() that find nothing in most texts, each behind a test for the strings
# every match holds (a street's or a building's type word: regex_start.gated_finditer, same
# matches); a text holding none of them is not scanned.
_MILITARY_SCAN = gated_finditer(_MILITARY)
_IN_STREET_SCAN = gated_finditer(_IN_STREET)
_STREET_ROMANCE_SCAN = gated_finditer(_STREET_ROMANCE)
_STREET_ORDINAL_SCAN = gated_finditer(_STREET_ORDINAL)
_STREET_NAMED_SHORT_SCAN = gated_finditer(_STREET_NAMED_SHORT)
_STREET_ONE_WORD_SCAN = gated_finditer(_STREET_ONE_WORD)
_GRID_STREET_SCAN = gated_finditer(_GRID_STREET)
_ROOM_IN_BUILDING_SCAN = gated_finditer(_ROOM_IN_BUILDING)
_PHASE_SCAN = gated_finditer(_PHASE)
_INTERSECTION_SCAN = gated_finditer(_INTERSECTION)
_ROUTE_CROSSING_SCAN = gated_finditer(_ROUTE_CROSSING)
_STREET_NAMED_SCAN = gated_finditer(_STREET_NAMED)


class AddressRecognizer(LocalRecognizer):
    """Streets (and PO boxes), plus the town and ZIP slots of the address around them."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        # First words of states and their abbreviations: a cheap filter before lookups.
        self._state_words = (
            frozenset(US_STATE_ABBREVIATIONS)
            | frozenset(s.split()[0] for s in lexicon.states)
            | _REGIONS
        )
        super().__init__(
            "AuditorAddressRecognizer",
            [
                Entity.STREET_ADDRESS.value,
                Entity.LOCATION.value,
                Entity.ZIP_CODE.value,
            ],
        )

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        streets = self.streets(text) + self.residences(text)
        out = [make_result(self, Entity.STREET_ADDRESS, s, e, sc) for s, e, sc in streets]
        out += self.postcode_lines(text)
        out += self.postcodes_before_towns(text)
        out += self.postcodes_after_towns(text)
        has_state = any(c.isupper() for c in text) and (
            any(ch.isdigit() for ch in text) or "," in text
        )
        if not streets and not has_state:
            return out
        view = TokenView.shared(text, nlp_artifacts)
        starts = [w.start for w in view.words]
        for _, end, _ in streets:
            for entity, s, e, sc in self.after_street(view, end, bisect_left(starts, end)):
                out.append(make_result(self, entity, s, e, sc))
        in_street = [False] * len(view.words)
        for s, e, _ in streets:
            for k in range(bisect_left(starts, s), bisect_left(starts, e)):
                in_street[k] = True
        for s, e, sc in self.before_state(view, in_street):
            out.append(make_result(self, Entity.LOCATION, s, e, sc))
        return out

    def streets(self, text: str) -> list[tuple[int, int, float]]:
        found = [
            (m.start(), m.end(), 0.8)
            for m in _STREET.finditer(text)
            if (
                not _DOCTOR_AFTER.match(text, m.end())
                or not _ENDS_DR.search(m.group())
                or _TOWN_STATE_AFTER.match(text, m.end())
            )
        ]
        found += [(m.start(), m.end(), 0.75) for m in _STREET_WEAK.finditer(text)]
        found += [(m.start(), m.end(), 0.85) for m in _PO_BOX.finditer(text)]
        found += [(m.start(), m.end(), 0.8) for m in _STREET_LETTERED.finditer(text)]
        if any(hint in text for hint in _RURAL_HINTS):
            found += [(m.start(), m.end(), 0.8) for m in _RURAL_ROUTE.finditer(text)]
        found += [
            (m.start(), m.end(), 0.7)
            for m in _UNIT_LEAD.finditer(text)
            if not _DEPARTMENT_BEFORE.search(text, max(0, m.start() - 24), m.start())
        ]
        found += [(m.start(), m.end(), 0.8) for m in _MILITARY_SCAN(text)]
        found += [(m.start(), m.end(), 0.75) for m in _NUMBERED_PARTS.finditer(text)]
        if "،" in text or (not text.isascii() and _ARABIC_LETTER.search(text, 0, 4000)):
            found += [(m.start(), m.end(), 0.75) for m in _ARABIC_PARTS.finditer(text)]
        if any(hint in text for hint in _ROAD_HINTS):
            found += [(m.start("road"), m.end("road"), 0.7) for m in _ROAD_AT.finditer(text)]
        found += [(m.start(), m.end(), 0.7) for m in _IN_STREET_SCAN(text)]
        if any(w in text for w in ("House", "HOUSE", "Plot", "PLOT", "Holding", "HOLDING")):
            found += [(m.start(), m.end(), 0.75) for m in _HOUSE_ROAD.finditer(text)]
        if any(w in text for w in _RURAL_GATE):
            found += [(m.start(), m.end(), 0.75) for m in _RURAL_CANADA.finditer(text)]
        if any(w in text for w in _PR_GATE):
            found += [
                (m.start(), m.end(), 0.75)
                for m in _PR_ADDRESS.finditer(text)
                # (not a nursing home's resident: "Res. Dolores Smith found on floor")
                if not (m.group().startswith("Res.") and self._resident(m.group()))
            ]
        if any(
            w in text for w in ("No.", "No ", "NO.", "NO ", "Purok", "PUROK", "Sector", "SECTOR")
        ):
            found += [(m.start(), m.end(), 0.7) for m in _NUMBERED_WAY.finditer(text)]
        if any(w in text for w in _CONTINENTAL_TYPES):
            found += [(m.start(), m.end(), 0.75) for m in _STREET_CONTINENTAL.finditer(text)]
        found += [(m.start(), m.end(), 0.75) for m in _STREET_ROMANCE_SCAN(text)]
        found += [(m.start(), m.end(), 0.7) for m in _STREET_ORDINAL_SCAN(text)]
        found += [
            (m.start(1), m.end(1), 0.7)
            for m in _STREET_NAMED_SHORT_SCAN(text)
            # "on Valencia St. Only ..." and "on Kestrelvane St. Witness ..." end a sentence;
            # "on Arm St. Louis" names a saint, "on Rounds Dr. Patel" a doctor
            if m.group("next") is None
            or not m.group(1).endswith(("St", "Dr"))
            or self._sentence_word(m.group("next"))
        ]
        found += [(m.start(), m.end(), 0.75) for m in _STREET_ONE_WORD_SCAN(text)]
        if any(f"{kind}," in text for kind in _LOWER_TYPES):  # (a plain scan first)
            found += [(m.start(1), m.end(1), 0.7) for m in _STREET_NAMED_LOWER.finditer(text)]
        low = text.lower()
        if any(word in low for word in _UNIT_WORDS):
            found += [(m.start(), m.end(), 0.7) for m in _UNIT_DESIGNATED.finditer(text)]
        if "Via" in text or "Viale" in text or "Piazza" in text or "Corso" in text:
            found += [(m.start("s"), m.end("s"), 0.75) for m in _VIA_LINE.finditer(text)]
        if "ul." in text:
            found += [(m.start(), m.end(), 0.7) for m in _UL_STREET.finditer(text)]
        found += [(m.start(), m.end(), 0.8) for m in _GRID_ADDRESS.finditer(text)]
        found += [(m.start(1), m.end(1), 0.7) for m in _GRID_STREET_SCAN(text)]
        if _HOUSE_NUMBER_GATE.search(text):
            found += [(m.start(1), m.end(1), 0.7) for m in _HOUSE_NUMBERED.finditer(text)]
        if any(hint in text for hint in _ROAD_HINTS):
            found += [(m.start(), m.end(), 0.75) for m in _ROAD_HOME.finditer(text)]
        found += [(m.start(), m.end(), 0.7) for m in _ROOM_IN_BUILDING_SCAN(text)]
        found += [(m.start(1), m.end(1), 0.6) for m in _PHASE_SCAN(text)]
        for scan in (_INTERSECTION_SCAN, _ROUTE_CROSSING_SCAN):  # each street; the joint is none
            for m in scan(text):
                found += [(m.start("a"), m.end("a"), 0.75), (m.start("b"), m.end("b"), 0.75)]
        found += [
            (m.start() + offset, m.end(), 0.7)
            for m in _STREET_NAMED_SCAN(text)
            if (offset := _named_street_start(m.group())) >= 0
        ]
        found = [
            f
            for f in found
            if not _SALUTATION.search(text, f[0], f[1])
            # (no house number is a clock's minutes: "Depart 06:30 Plymouth Coach Station")
            and not (f[0] > 1 and text[f[0] - 1] == ":" and text[f[0] - 2].isdigit())
        ]
        if times := entry_times(text):
            found = [f for f in found if f[0] not in times]  # "0100 Red River Police attended"
        known = {f[:2] for f in found}
        return found + [c for c in chains(text, found) if c[:2] not in known]

    def _resident(self, found: str) -> bool:
        """ "Res." before a given name is a care home's resident, not a housing project."""
        words = found.split()
        return len(words) > 1 and self.lexicon.is_first(words[1].lower())

    def _sentence_word(self, word: str) -> bool:
        """A word that opens the next sentence, not a saint's or a doctor's name after "St."
        or "Dr.": a stop word, or an English word no name list holds."""
        key = word.lower()
        lex = self.lexicon
        return key in STOP_WORDS or (lex.is_english(key) and not lex.is_name(key))

    def residences(self, text: str) -> list[tuple[int, int, float]]:
        """A residential building or complex by its name ("Peachtree Hollow Apartments", "Kiambu
        Court Residences"): the home's address as much as a street; one of its words must be
        no English word ("Senior Apartments", "Garden Apartments" name none)."""
        if not any(w in text for w in _RESIDENCE_HINTS):
            return []
        lex = self.lexicon
        return [
            (m.start(), m.end(), 0.7)
            for m in _RESIDENCE.finditer(text)
            if any(not lex.is_english(k) for k in m.group(1).lower().split())
        ]

    def postcodes_after_towns(self, text: str) -> list[RecognizerResult]:
        """A postcode written after its town where no street precedes them ("Nairobi 00100,
        Kenya", "Tokyo 100-0005", "Makati City 1226", "Grand Cayman KY1-1203", "São Paulo -
        SP, 01310-200"), closing the part: the town a listed place, a four-digit code no year."""
        out: list[RecognizerResult] = []
        lex = self.lexicon
        for m in _POSTCODE_AFTER_TOWN.finditer(text):
            code = m.group("code")
            if re.fullmatch(r"(?:19|20)\d\d", code):
                continue  # "Boston 2019.": a year
            if m.group("town"):
                words = tuple(normalize(w) for w in m.group("town").split())
                head = words[:-1] if len(words) > 1 and words[-1] == "city" else words
                listed = (
                    words in lex.multiword_places
                    or head in lex.multiword_places
                    or (len(head) == 1 and head[0] in lex.places and not lex.is_english(head[0]))
                )
                # a shape no count has but a postcode ("KY1-1203", "100-0005") needs less
                shaped = "-" in code and all(lex.is_unknown_proper(w) for w in head)
                if not (listed or shaped):
                    continue
                if " ".join(words) not in lex.states:  # a state is no PHI; its ZIP is
                    out.append(
                        make_result(self, Entity.LOCATION, m.start("town"), m.end("town"), 0.7)
                    )
            out.append(make_result(self, Entity.ZIP_CODE, m.start("code"), m.end("code"), 0.75))
        if "Dublin" in text:
            for m in _DUBLIN_DISTRICT.finditer(text):
                out.append(make_result(self, Entity.LOCATION, m.start(), m.end(), 0.8))
        return out

    def postcodes_before_towns(self, text: str) -> list[RecognizerResult]:
        """A postcode written before its town, as most of Europe and Latin America write it
        ("75011 Paris", "20121 Milano", "31-146 Kraków", "1012 AB Amsterdam"), at a line's
        start or after a comma, when the town is a listed place (ZIP code and town)."""
        out: list[RecognizerResult] = []
        lex = self.lexicon
        for m in _POSTCODE_BEFORE_TOWN.finditer(text):
            words = tuple(normalize(w) for w in m.group("town").split())
            key = words[0]
            if (
                key not in lex.places
                and key not in lex.world_places
                and words not in lex.multiword_places
            ):
                continue
            if lex.surname_rank.get(key, 10**6) <= 1000:
                continue  # "12345 Smith": a number and a frequent surname, no address
            out.append(make_result(self, Entity.ZIP_CODE, m.start("code"), m.end("code"), 0.75))
            out.append(make_result(self, Entity.LOCATION, m.start("town"), m.end("town"), 0.75))
        return out

    def postcode_lines(self, text: str) -> list[RecognizerResult]:
        """The town and address parts before a British or Canadian postcode (see
        ``_LINE_POSTCODE``); a town must not be a word of English unless it is a listed
        place ("Bath", "Reading") or one word after a numbered street, and a part alone that
        is only a state or region is none."""
        out: list[RecognizerResult] = []
        lex = self.lexicon
        for m in _LINE_POSTCODE.finditer(text):
            parts = _address_parts(text, m.start())
            if not parts:
                continue
            town_s, town_e = parts[0]
            keys = [w.lower().strip(".'’") for w in text[town_s:town_e].split()]
            # (a term that is also a listed town is the town here: "..., Bath BA1 6RP")
            if any(k in _NOT_TOWN or (k in lex.stoplist and k not in lex.places) for k in keys):
                continue
            # (unless a numbered street comes right before it: "16 Tottington Fold, Bury
            # BL8 1RT", "4 Quay St, Deal CT14 6HD")
            numbered = len(parts) > 1 and text[parts[1][0]].isdigit() and len(keys) == 1
            if all(lex.is_english(k) and k not in lex.places for k in keys) and not numbered:
                continue
            out.append(make_result(self, Entity.LOCATION, town_s, town_e, 0.75))
            for s, e in parts[1:]:
                out.append(make_result(self, Entity.STREET_ADDRESS, s, e, 0.7))
        return out

    # -- the slots after a street ----------------------------------------------------------
    def _state_at(self, view: TokenView, j: int) -> int:
        """How many words a state name or abbreviation at word j spans (0 if none)."""
        words = view.words
        if j >= len(words):
            return 0
        w = words[j]
        if w.key not in self._state_words:
            return 0
        if w.key in US_STATE_ABBREVIATIONS and len(w.text) == 2 and w.text.isupper():
            return 1
        if w.key in _REGIONS and w.text.isupper():
            return 1
        if j + 1 < len(words) and f"{w.key} {words[j + 1].key}" in self.lexicon.states:
            return 2
        return 1 if w.key in self.lexicon.states and w.text[:1].isupper() else 0

    def _town_word(self, view: TokenView, j: int) -> bool:
        w = view.words[j]
        if not w.is_alpha or w.key in _NOT_TOWN:
            return False
        if w.key in self.lexicon.stoplist and w.key not in _DIRECTIONS:
            return False
        return view.looks_proper(j) or view.shouting

    def _town_run(self, view: TokenView, k: int) -> int:
        """Index just past up to three town words starting at word k (k if none)."""
        words = view.words
        m = k
        while m < len(words) and m - k < 3 and self._town_word(view, m):
            if m > k and view.gap(m) not in {" ", "-"}:
                break
            if self._state_at(view, m) and (m > k or self._state_followed(view, m)):
                break
            m += 1
        return m

    def _state_followed(self, view: TokenView, j: int) -> bool:
        """A state word that is followed by a ZIP or the end: "..., Vermont 05401"."""
        size = self._state_at(view, j)
        nxt = j + size
        words = view.words
        return nxt >= len(words) or bool(_ZIP.match(words[nxt].key)) or "\n" in view.gap(nxt)

    def after_street(self, view: TokenView, end: int, k: int) -> list[tuple[str, int, int, float]]:
        """Town (and ZIP) slots after a street ending at ``end``; word k is the next word."""
        words = view.words
        if k >= len(words):
            return []
        lead = view.text[end : words[k].start]
        if lead.strip(" \t,\n") != "" or lead.count(",") > 1 or lead.count("\n") > 1:
            return []
        m = self._town_run(view, k)
        out: list[tuple[str, int, int, float]] = []
        suburb = self._suburb_before_town(view, k, m)
        if suburb:
            out.append((Entity.LOCATION, words[k].start, words[m - 1].end, 0.75))
            k, m = suburb
        zip_at = m
        if m > k:
            gap = view.gap(m) if m < len(words) else ""
            after_sep = gap.strip(" ,") == ""
            state = self._state_at(view, m) if after_sep and m < len(words) else 0
            if state:
                zip_at = m + state
            is_zip = after_sep and m < len(words) and bool(_ZIP.match(words[m].key))
            at_end = m >= len(words) or "\n" in gap or gap.strip()[:1] in {".", ";", ")"}
            # (a short or English word in lower case is the sentence going on: "23 lowther st,
            # ok")
            known = any(self._known_place(view, j) for j in range(k, m)) and not all(
                words[j].text.islower()
                and (len(words[j].key) <= 2 or self.lexicon.is_english(words[j].key))
                for j in range(k, m)
            )
            postcode = _POSTCODE_AFTER.match(view.text, words[m + state - 1].end)
            # a word of the sentence after the town, or after its comma ("..., Portland,
            # phone 503-...")
            closes = (
                m < len(words)
                and "," in lead
                and (
                    (words[m].key in _AFTER_TOWN and gap == " ")
                    or (gap == ", " and words[m].text[:1].islower())
                )
            )
            if (
                state
                or is_zip
                or postcode
                or (at_end and ("," in lead or "\n" in lead) and known)
                or (closes and known)
            ):
                out.append((Entity.LOCATION, words[k].start, words[m - 1].end, 0.8))
            else:
                return []
            if postcode and not is_zip:
                out.append((Entity.ZIP_CODE, postcode.start(1), postcode.end(1), 0.8))
        if (
            k < zip_at < len(words)
            and view.gap(zip_at).strip(" ,") == ""
            and _ZIP.match(words[zip_at].key)
        ):
            w = words[zip_at]
            stop = w.end
            if view.text[stop : stop + 1] == "-" and view.text[stop + 1 : stop + 5].isdigit():
                stop += 5
            out.append((Entity.ZIP_CODE, w.start, stop, 0.85))
        return out

    def _suburb_before_town(self, view: TokenView, k: int, m: int) -> tuple[int, int] | None:
        """ "<suburb>, <town> <postcode>" after a street (New Zealand, the Philippines, the
        UK): the words k..m are a suburb when, after one comma, a second town run ends in a
        postcode or a state; returns that second run."""
        words = view.words
        if m <= k or m >= len(words) or view.gap(m).strip() != ",":
            return None
        n = self._town_run(view, m)
        if n == m:
            return None
        after = view.gap(n).strip(" ,") == "" if n < len(words) else False
        ends = (self._state_at(view, n) if after else 0) or _POSTCODE_AFTER.match(
            view.text, words[n - 1].end
        )
        return (m, n) if ends else None

    def _known_place(self, view: TokenView, j: int) -> bool:
        key = view.words[j].key
        lex = self.lexicon
        return key in lex.places or lex.is_unknown_proper(key) or lex.is_name(key)

    # -- "<Town>, <ST> <ZIP>" anywhere -----------------------------------------------------
    def before_state(self, view: TokenView, in_street: list[bool]) -> list[tuple[int, int, float]]:
        words = view.words
        out = []
        for j in range(1, len(words)):
            size = self._state_at(view, j)
            if not size:
                continue
            if label_id(view, j):
                continue  # "Emp ID 55102": an identifier's label, not Idaho
            gap = view.gap(j)
            if gap.strip(" ") not in {",", ""} or "\n" in gap:
                continue
            nxt = j + size
            zip_follows = (
                nxt < len(words)
                and view.gap(nxt).strip(" ,") == ""
                and bool(_ZIP.match(words[nxt].key))
            )
            # no comma before the state: its line ends there or a form's next label starts
            # ("... Hospital, Belleville ON  Client: ..."), and the town must be plausible
            ends = (
                nxt >= len(words)
                or "\n" in view.gap(nxt)
                or (view.text[words[nxt].end : words[nxt].end + 1] == ":")
            )
            if not zip_follows and (view.shouting or (gap.strip() != "," and not ends)):
                continue
            # Walk back over up to three town words.
            k = j
            while k > 0 and j - k < 3 and self._town_word(view, k - 1):
                if k < j and view.gap(k) not in {" ", "-"}:
                    break
                if self._state_at(view, k - 1) or in_street[k - 1]:
                    break
                k -= 1
            if k == j:
                continue
            if not zip_follows and not self._plausible_town(view, k, j, words[j].key):
                continue
            out.append((words[k].start, words[j - 1].end, 0.8 if zip_follows else 0.7))
        return out

    def _plausible_town(self, view: TokenView, k: int, j: int, state_key: str) -> bool:
        """Without a ZIP: a listed town, or (for an unambiguous state) an unknown word."""
        lex = self.lexicon
        keys = [view.words[i].key for i in range(k, j)]
        last = keys[-1]
        if last in lex.places and last not in lex.world_places and not lex.is_ambiguous(last):
            return True  # (a town abroad before a US state is none: "Ashgrove, MD" signs)
        if state_key in _CLASHING_STATES and len(state_key) == 2:
            return False
        return lex.is_unknown_proper(last) and (len(keys) == 1 or keys[0] in _DIRECTIONS)
