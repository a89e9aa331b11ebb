"""Facilities: hospitals, clinics, practices, care homes and wards, named in notes.

"X Memorial", "St. X's", "Pinewood Rehab", "Cape Ann Medical Group", "Sunrise Assisted
Living", "Cardiac Associates of Waltham", "admitted to LMH", "bed on Finard 4", and a short
list of referral centres every site's notes may name ("Mass General"). Facility words need a
proper word in front that names rather than describes ("acute rehab" is no facility).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from presidio_analyzer import RecognizerResult

from auditor.phi.calendar import MONTH, WEEKDAY
from auditor.phi.entities import Entity
from auditor.phi.measures import (
    COUNT_NOUNS,
    DOSE_FORMS,
    DOSE_ROUTES,
    DOSE_UNITS,
    LETTER_UNITS,
    TIME_UNITS,
)
from auditor.phi.recognizers.addresses import ROAD_LETTERS, ROAD_WORDS, STREET_TYPES
from auditor.phi.recognizers.base import LocalRecognizer
from auditor.phi.recognizers.facility_words import (
    CARE_UNITS,
    HEADS_FIRST,
    HEADS_LAST,
    HOSPITAL_WORDS,
)
from auditor.phi.recognizers.lexicon import (
    FACILITY_WORDS,
    HOSPITAL_LAB_WORDS,
    MEDICAL_SUFFIX,
    POST_TITLES,
    PRACTICE_HEADS,
    TITLES,
    US_STATE_ABBREVIATIONS,
    Lexicon,
)
from auditor.phi.recognizers.org_edges import HOSPITAL_AFTER_TOWN, HOSPITAL_SHORT_HEADS
from auditor.phi.recognizers.org_evidence import letterhead
from auditor.phi.recognizers.organizations import QUOTED_NAME, QUOTES_OPEN
from auditor.phi.recognizers.patterns import make_result
from auditor.phi.recognizers.places import NAME_BEFORE, NOT_PLACE_HEAD
from auditor.phi.recognizers.regex_start import accelerated, gated_finditer
from auditor.phi.recognizers.tokens import TokenView, normalize
from auditor.phi.stop_words import STOP_WORDS

if TYPE_CHECKING:
    from presidio_analyzer.nlp_engine import NlpArtifacts

I = re.IGNORECASE  # noqa: E741
_CALENDAR_WORD = re.compile(rf"{MONTH}|{WEEKDAY}")

# Facility words strong enough to name a facility with one proper word in front.
_FACILITY_HEADS = frozenset(
    {"hospital", "hosp", "medical", "clinic", "rehab", "rehabilitation", "memorial",
     "infirmary", "hospice", "healthcare", "nursing", "manor", "sanatorium", "sanitarium",
     "institute", "pavilion", "medctr", "health", "center", "centre", "ctr", "house",
     "home", "village", "lodge", "gardens", "commons", "estates", "terrace", "residence",
     "icu", "building", "bldg", "wing", "tower", "vna", "general", "maternity", "regional",
     "lab", "labs", "laboratory", "laboratories", "snf", "alf", "ltach", "ltac", "irf",
     # a community health centre, a federally qualified one, the VA's community-based
     # outpatient clinic ("Ikhwezi Lomso CHC", "Chehalis River CBOC")
     "chc", "fqhc", "cboc",
     # a veterans' medical centre and health care system ("Buffalo VAMC", "OKC VAMC")
     "vamc", "vahcs"}
) | frozenset(PRACTICE_HEADS)  # fmt: skip
# A state's letters before a hospital's last word name the state's hospital ("tPA given at
# NC Baptist"), as the town before it does (org_edges.HOSPITAL_AFTER_TOWN).
_STATE_LETTERS = re.compile(r"(?<![\w'’.&/-])[A-Z]{2}(?=[ ][A-Z][a-z])")
# Heads that name a hospital whatever words stand before them.
_STRONG_HEADS = frozenset(
    {"hospital", "infirmary", "hospice", "sanatorium", "sanitarium", "vamc", "vahcs"}
)
# Heads so generic that the word in front must itself look like a name or place.
_WEAK_HEADS = frozenset(
    {"center", "centre", "ctr", "health", "house", "home", "village", "lodge", "gardens",
     "commons", "estates", "terrace", "residence", "care", "court", "place", "living",
     "campus", "facility", "homes", "icu", "building", "bldg", "wing", "tower", "general",
     "maternity", "lab", "labs", "laboratory", "laboratories",
     # a hospital by its town and "Regional" ("Caddington Regional", "Rapid City Regional"),
     # as "General" and "Memorial" are written without "Hospital"
     "regional",
     # a skilled nursing, assisted living or long-term acute care facility by its letters
     # ("Sandia Vista SNF", "Brookhaven ALF"): a name before them, as for the other weak heads
     "snf", "alf", "ltach", "ltac", "irf", "chc", "fqhc", "cboc"}
) | frozenset(PRACTICE_HEADS)  # fmt: skip
# Those letters in capitals after two or more capitalised words of three letters or more: no
# description runs that long before them, so the words name it even when each is English
# ("Hollyhock Ridge LTACH", "Shady Oaks SNF"; not "Medicare Part A SNF", "the SNF").
_LETTER_HEADS = frozenset({"snf", "alf", "ltach", "ltac", "irf"})
# Payers' programmes, which name a benefit before those letters ("Medicare Advantage SNF rate").
_PROGRAMMES = frozenset({"medicare", "medicaid", "medi-cal", "tricare", "champva", "masshealth"})
_TRANSFER_VERBS = frozenset(
    {"admitted", "admit", "transferred", "transfer", "tx", "seen", "treated", "presented",
     "discharged", "d/c", "dc", "sent", "brought", "taken", "went", "returned", "cabg", "surgery"}
)  # fmt: skip
# Words before "<Name> <number>" that make it a ward or unit: "bed on Finard 4".
_WARD_CUES = frozenset(
    {"bed", "transfer", "transferred", "transferring", "admitted", "admit", "moved", "tx",
     "going", "go", "back", "return", "returned", "floor", "unit", "ward", "called", "report"}
)  # fmt: skip
# Words in front of a facility word that describe, not name, it ("acute rehab").
_DESCRIPTORS = frozenset(
    {"acute", "subacute", "chronic", "cardiac", "pulmonary", "pulm", "inpatient", "inter",
     "intra", "presented", "presents",
     "outpatient", "long", "term", "short", "skilled", "psych", "psychiatric", "geriatric",
     "physical", "dialysis", "nursing", "day", "general", "community", "local", "outside",
     "another", "other", "new", "old", "previous", "same", "private", "rehab", "medical",
     "home", "health", "care", "the", "a", "an", "his", "her", "their", "this", "that",
     "osh", "transfer", "transferred", "cardiology", "oncology", "cancer", "heart", "eye",
     "children", "womens", "women", "mens", "teaching", "referring", "receiving", "primary",
     "urgent", "walk", "in", "free", "standing", "mental", "behavioral", "addiction",
     "detox", "methadone", "wound", "pain", "sleep", "vascular", "surgical", "surgery",
     "pt", "ot", "patient", "family", "group", "assisted", "independent", "senior",
     "elder", "elderly", "adult", "foster", "half", "way", "state", "dept", "department",
     # the organ or body part a clinic treats ("Fairmount Chest Clinic"): it describes
     "chest", "lung", "kidney", "renal", "skin", "bone", "joint", "spine", "foot", "hand",
     "ear", "liver", "breast", "fertility", "allergy", "diabetes", "vein", "voice", "hearing",
     "vision", "memory", "stroke", "travel", "sports",
     # the condition a clinic treats ("Heart Failure Clinic", "Seizure Clinic")
     "failure", "disorders", "disorder", "disease", "diseases", "infusion", "anticoagulation",
     "lipid", "headache", "seizure", "epilepsy", "obesity", "weight", "transplant", "tumor",
     "tumour", "ostomy", "continence", "incontinence", "falls", "balance", "movement",
     # a hospital's own laboratories ("Micro Lab", "Core Lab", "Cath Lab")
     "research", "cath", "blood", "pathology"}
) | HOSPITAL_LAB_WORDS  # fmt: skip
# The head words after a saint's name that make it a facility's ("St. Anne's Hospital").
_SAINT_HEADS = (
    r"hospital|hosp|medical cent(?:er|re)|clinic|rehab|home|manor|nursing home|infirmary|"
    r"surgery|medical practice|practice|health cent(?:er|re)|hospice|care home"
)
_SAINT = accelerated(
    re.compile(
        r"\b(?i:st|saint|mt|mount)\.?[ \t]+([A-Z][A-Za-z'’]+)(?:['’]s)?"
        rf"(?:\s+(?i:{_SAINT_HEADS}))?"
        r"(?=\W|$)"
    )
)
# ... and typed in lower case after a move, as hurried questions are ("lap chole at st
# walburga on nov 4", "discharged from st brennan's hospital").
_SAINT_LOWER = re.compile(
    r"\b(?:at|from|to|in)[ \t]+((?:st|saint)\.?[ \t]+([a-z][a-z'’]{2,})(?:['’]s)?"
    rf"(?:[ \t]+(?:{_SAINT_HEADS}))?)(?![\w'’])"
)
# A wing after a floor number: the compass, and a tower ("7 North", "2 Tower").
# (and as Spanish, Portuguese and French wards are named: "5 Oeste", "4 Norte", "6 Sul",
# "3 Ouest"; not "Est", a time zone after an hour: "04:12 EST")
_COMPASS = frozenset(
    {"north", "south", "east", "west", "tower", "norte", "sur", "sul", "este", "oeste", "leste",
     "nord", "sud", "ouest"}
)  # fmt: skip
# What follows a drug's strength: a dose, a unit, a route ("Flovent 44 2 puffs").
_DOSE_AFTER = re.compile(
    r"[ \t]*(?:\d+(?:\.\d+)?[ \t]*)?"
    rf"(?i:{DOSE_FORMS}|{DOSE_UNITS}|{LETTER_UNITS}|{DOSE_ROUTES})\b"
)
# A floor and its wing in one token ("5W", "12N"), and the arrows a handoff line moves by.
_COMPACT_WING = re.compile(r"\d{1,2}[NSEW]")
_ARROWS = frozenset({"->", "-->", "→", "=>", ">"})
# Before a number, words of a road ("I-5 North", "exit 4 South", "Route 9 East"): a direction.
_ROAD_BEFORE = re.compile(
    rf"(?i:\b(?:i|{ROAD_LETTERS}|{ROAD_WORDS}|rt|exit|mile|mm|km|road|rd|street|st|avenue|ave|"
    r"lat|latitude|long|longitude))[ \t.#-]*$"
)
# What follows a floor and wing in one token when no move names it ("5W nurses").
_WING_FOLLOWERS = frozenset(
    {"nurse", "nurses", "unit", "staff", "charge", "station", "pod", "bed", "beds", "rm",
     "room", "floor", "census", "team", "hallway", "med-surg", "medsurg", "med", "surg",
     "telemetry", "ward", "wing", "tower"}
)  # fmt: skip
# A unit's specialty after its floor and wing, part of its name ("6 NORTH TELE").
_UNIT_SPECIALTY = frozenset(
    {"tele", "telemetry", "neuro", "stepdown", "med", "surg", "med-surg", "medsurg", "ortho",
     "cardiac", "oncology", "onc", "surgical", "medical", "renal", "pulm", "gi", "rehab",
     "psych", "peds", "obs"}
)  # fmt: skip
# What may follow a unit named by floor and wing: its specialty or a word of the ward, or of a
# note headed with the unit ("Tele 7 South RN note", "6 West Nursing note 0700-1930").
_UNIT_FOLLOWERS = (
    _WING_FOLLOWERS
    | CARE_UNITS
    | frozenset(
        {"rn", "lpn", "np", "md", "note", "notes", "npn", "nursing", "night", "nights", "day",
         "days", "shift", "report", "handoff", "huddle", "progress", "flowsheet"}
    )
)  # fmt: skip
_OF_HEADS = frozenset(
    {"associates", "physicians", "partners", "group", "clinic", "hospital", "center",
     "centre", "practice", "specialists", "surgeons"}
)  # fmt: skip
_CARE_HOMES = frozenset(
    {("assisted", "living"), ("nursing", "home"), ("senior", "living"), ("care", "center"),
     ("rehab", "center"), ("rehabilitation", "center"), ("nursing", "center"),
     ("health", "center"), ("retirement", "community"), ("memory", "care"),
     ("home", "care"), ("care", "home"), ("home", "health"), ("family", "practice"),
     ("family", "medicine"), ("medical", "practice"), ("medical", "centre"),
     ("health", "centre"), ("community", "nursing"), ("nursing", "service"),
     # a village's or district's post in the Philippines, Africa, South Asia
     ("health", "station"), ("health", "post"), ("health", "unit"),
     # the kinds a British or Commonwealth note writes in small letters after the home's name
     # ("Foxlease Court residential home"), and a group or rest home's
     ("residential", "home"), ("rest", "home"), ("retirement", "home"), ("group", "home"),
     ("care", "facility"),
     # Australia's and New Zealand's homes for older people ("Carinya Gardens Aged Care"),
     # and the older US and British name of a nursing home ("Whippoorwill Convalescent
     # Center")
     ("aged", "care"), ("convalescent", "center"), ("convalescent", "centre"),
     ("convalescent", "home")}
)  # fmt: skip
# Weak heads that name a building (not a specialty: "Internal Medicine" is a department).
_BUILDING_HEADS = frozenset(
    {"house", "home", "lodge", "gardens", "commons", "estates", "terrace", "residence",
     "court", "place", "village", "manor", "centre", "center", "campus", "tower"}
)  # fmt: skip
# Heads a practice's letterhead line ends in ("Pioneer Valley Rheumatology").
_LETTERHEAD_HEADS = frozenset(PRACTICE_HEADS) - {"medicine", "service", "services", "agency"}
# A children's hospital by its place or founder and "Children's" alone, as its referrers write
# it ("Swan River Children's", "Kellerton Children's PICU"); a Title-case word after it is a
# longer name's ("Children's Services"), which other rules read.
_CHILDRENS_SHORT = re.compile(
    r"(?<![\w'’-])((?:[A-Z][a-z'’-]+[ \t]){1,3})Children['’]s(?![\w'’-]|[ \t]+[A-Z][a-z])"
)
# Where a place to be sent is named ("transfer to", "at", "->"), or a unit after it.
_CHILDRENS_CUE_BEFORE = re.compile(
    r"(?:\b(?i:at|to|from|in|via|transfer|transferred|admitted|tx)|->|→)[ \t]+\Z"
)
_CHILDRENS_UNIT_AFTER = re.compile(r"[ \t]+(?:PICU|NICU|CICU|ICU|ED|ER|ward|Ward)\b")
# A unit by its own name, as British, Irish and Australasian hospitals name wards and units
# after birds, trees, people and places ("Kestrel Unit", "Banksia Unit", "Heron Suite",
# "Kapalai Burn Unit"): the head after one to three Title-case words, one of which names
# rather than says what kind of care the unit gives.
_UNIT_HEADS = frozenset({"unit", "suite", "ward"})
# Words that say what kind of unit, or whose (written from the kinds of care and of teams
# that hospitals and services have, not from a batch): a run of only these is no name.
_UNIT_KIND_TEXT = (
    "assessment admissions admission observation observations step down stepdown recovery "
    "delivery birth birthing labour labor postnatal antenatal prenatal day stay short "
    "discharge lounge theatre theatres endoscopy infusion dialysis renal burn burns stroke "
    "rehab rehabilitation high dependency intensive care coronary cardiac neuro surgical "
    "medical mental health psychiatric acute older adult adults people young teen teenage "
    "adolescent mother mothers baby babies maternity neonatal special transitional "
    "decisions clinical decision emergency trauma spinal injuries injury eating disorders "
    "disorder investigations investigation response rapid crime major organised organized "
    "serious fraud tactical support family liaison intelligence victims protection public "
    "safety liver kidney heart lung cancer haematology hematology oncology palliative "
    "respite frailty falls memory dementia learning disability disabilities forensic secure "
    "low medium psychiatry intensive treatment home isolation infectious diseases "
    "ambulatory urgent minor injuries paediatric pediatric children's childrens womens "
    "women's men's mens private general female male surgery medicine orthopaedic "
    "orthopedic vascular plastics plastic breast eye ent dental oral maxillofacial "
    "radiology imaging nuclear research clinical trials trial metabolic diabetes "
    "endocrine respiratory sleep pain assisted reproductive fertility sexual genitourinary "
    "gum transplant bone marrow cardiothoracic thoracic hyperacute critical outreach "
    "primary secondary tertiary regional national state county district community "
    "rural central north south east west upper lower new old main first second third "
    "lab labs cath satellite "
    # the offices of a hospital, an insurer or an agency, and a hotel's rooms, which are
    # units and suites too ("Appeals Unit", "Subrogation Unit", "Quality Unit", "Bridal Suite")
    "appeals subrogation quality control claims billing records finance payroll audit "
    "compliance governance complaints safeguarding security estates procurement legal risk "
    "relations services service customer operations planning administration admin business "
    "enforcement collections underwriting benefits pensions housing tenancy licensing permits "
    "registration registry standards inspection assurance improvement training education "
    "development innovation communications marketing sales accounts payments processing "
    "returns dispatch logistics maintenance engineering transport fleet mail reception intake "
    "referral referrals booking bookings scheduling appointments information data analytics "
    "technology systems instrument instruments equipment sterile supplies supply pharmacy "
    "pathology blood transfusion donor donation organ tissue mortuary bereavement chaplaincy "
    "volunteer volunteers function conference meeting board executive presidential royal "
    "honeymoon bridal penthouse deluxe junior master guest "
    # rooms named for what is done in them ("Fluoro Suite", "Quiet Room Suite")
    "fluoro fluoroscopy procedure procedures interventional angio angiography scan scanning "
    "mri ct ultrasound echo operating consult consulting examination exam quiet relatives "
    "viewing prayer faith multi "
    "the a an our their this that"
)
_UNIT_KINDS = frozenset(_UNIT_KIND_TEXT.split()) | CARE_UNITS
# Words after "Regional" that make it an office or a role, not a hospital.
_OFFICE_AFTER = frozenset(
    {"office", "offices", "director", "manager", "coordinator", "council", "board",
     "authority", "committee", "team", "lead", "office's", "headquarters", "hq", "sales",
     "vice", "representative", "rep", "anesthesia", "anaesthesia", "block", "nodes", "node",
     "enteritis", "wall", "motion", "variation", "differences", "jail", "prison",
     "detention", "correctional", "airport", "library", "park", "transit", "water"}
)  # fmt: skip
# Words after a facility word that make it a field label: "medical record", "Hosp No".
_FIELD_AFTER = frozenset({"record", "records", "no", "number", "id", "num"})
_UNIT_WORDS = frozenset({"apt", "apartment", "suite", "ste", "unit", "bldg", "fl", "rm"})


# A hospital by its initials, as its own staff write it: a town's or a founder's letters and
# the kind's ("ACRMC", "KRMC", "SWRH", "NEGMC": regional or general medical centre, regional
# or memorial hospital); four letters at least, so no clinical abbreviation ("CMC" joint,
# "MCH" index, "RH" factor) reads as one.
_HOSPITAL_INITIALS = re.compile(
    r"(?<![\w/-])(?=[A-Z]{4,7}(?![\w/]))[A-Z]{1,4}(?:RMC|UMC|GMC|MMC|CMC|VAMC|MC|RH|MH|ACH)"
    # (and the armed forces' medical centres and community hospitals, as their notes name
    # them: "MEDVAMC", "BAACH", "NMCSD")
    r"(?![\w/])|(?<![\w/-])NMC[A-Z]{1,3}(?![\w/])"
)
# A veterans' or a forces' hospital by its kind before its place: "VA Puget Sound", "USNH
# Guam", "Naval Hospital Okinawa" (after "VA" the words must be a known place: "VA Benefits").
_FORCES_HOSPITAL = re.compile(
    r"(?<![\w/-])(?P<kind>VA|USNH|USAH|Naval[ \t]+Hospital|Naval[ \t]+Medical[ \t]+Cent(?:er|re)|"
    r"Army[ \t]+Medical[ \t]+Cent(?:er|re)|Air[ \t]+Force[ \t]+Hospital)[ \t]+"
    r"(?:(?P<place>[A-Z][a-z'’]+(?:[ \t]+[A-Z][a-z'’]+){0,2})|"
    # (in capitals, as a note's heading: "USNH GUAM  ICU", the place read from the lists)
    r"(?P<caps>[A-Z]{3,}(?:[ \t][A-Z]{3,}){0,2}))(?![\w'’-])"
)
_FORCES_GATE = ("VA ", "USNH", "USAH", "Naval", "Army", "Air Force")

# a care model, not a place ("a PCMH practice")
_NOT_HOSPITAL_INITIALS = frozenset({"PCMH", "LHRH", "GNRH", "TRH", "CRH", "GHRH"})
# A hospital's initials before one of its critical-care units, as a note's heading names
# where it was written ("LBJ ICU", "KMC 4E PCU", "HMC Step-Down Unit"): three-letter initials
# collide with findings ("LVH", "BPH") anywhere else, not before a unit.
_CRITICAL_UNIT = re.compile(
    r"(?<![\w/])(?:[MSPNT]?ICU|CVICU|CTICU|NSICU|BICU|CCU|HDU|PCU|SDU|Step[- ]?[Dd]own|"
    r"STEP[- ]?DOWN|ED|ER)(?![\w/])"
)
_CRITICAL_GATE = ("CU", "DU", "tep", "TEP", "ED", "ER")  # (_CRITICAL_UNIT's letters)
# ... the initials before it (read back from each unit found: few texts name one, and the
# unit's letters are a cheaper first test than every capital letter of the text), a floor or
# the unit's specialty between ("KMC 4E PCU", "UH Neuro ICU", "JHH ED"). Where the line puts
# them does not matter ("prone session #3, LBJ MICU"): the initials are no word (below).
_INITIALS_BEFORE_UNIT = re.compile(
    r"(?<![\w&+'’-])(?:(?P<initials>[A-Z]{2,6})|(?P<word>[A-Z][a-z]{3,20}))[ \t]+"
    r"(?:\d{1,2}[A-Z]{0,2}[ \t]+)?"
    r"(?:(?:Neuro|NEURO|Trauma|TRAUMA|Burn|BURN|Cardiac|CARDIAC|Surgical|SURGICAL|Medical|"
    r"MEDICAL|COVID|Covid|Peds|PEDS|Adult|ADULT)[ \t]+)?\Z"
)
# Abbreviations of a note's kind, a writer's role or a unit's specialty that head a unit's
# note ("NPN CCU 7p-7a": a nursing progress note; "CN ICU": the charge nurse; "PEDS ICU"),
# and "VA" (a system of hospitals; with a place, ``_FORCES_HOSPITAL`` reads it).
_NOT_INITIALS_BEFORE_UNIT = (
    frozenset(
        {"npn", "cn", "hpi", "pn", "adm", "rrt", "note", "covid", "peds", "paeds", "surg", "med",
         "onc", "neo", "cv", "ct", "cts", "ent", "gyn", "ob", "va"}
    )
    | POST_TITLES
)  # fmt: skip


class FacilityRecognizer(LocalRecognizer):
    """HOSPITAL spans: facility patterns, care homes, practices, wards, well-known names."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        super().__init__("AuditorFacilityRecognizer", [Entity.HOSPITAL.value])

    def _forces_hospitals(self, text: str) -> list[tuple[int, int]]:
        """Veterans' and forces' hospitals by their kind and place (``_FORCES_HOSPITAL``);
        after "VA", the longest run of the words that is a known place ("VA Pittsburgh MICU")."""
        out = []
        for m in _FORCES_HOSPITAL.finditer(text):
            group = "place" if m.group("place") else "caps"
            words = list(re.finditer(r"\S+", m.group(group)))
            if m.group("kind") == "VA" or group == "caps":
                keys = [w.group().lower() for w in words]
                k = next(
                    (k for k in range(len(keys), 0, -1) if self.lexicon.is_known_place(keys[:k])),
                    0,
                )
                words = words[:k]
            if words:
                out.append((m.start(), m.start(group) + words[-1].end()))
        return out

    def _initials_before_units(self, text: str) -> list[tuple[int, int]]:
        """A hospital's initials or its one-word name before one of its critical-care units
        (``_CRITICAL_UNIT``)."""
        out = []
        for unit in _CRITICAL_UNIT.finditer(text):
            m = _INITIALS_BEFORE_UNIT.search(text, max(0, unit.start() - 24), unit.start())
            if m is None:
                continue
            group = "initials" if m.group("initials") else "word"
            key = m.group(group).lower()
            if (
                self._no_word(key)
                and key not in CARE_UNITS
                and key not in _NOT_INITIALS_BEFORE_UNIT
                and (group == "initials" or self._hospital_word(key))
            ):
                out.append(m.span(group))
        return out

    def _hospital_word(self, key: str) -> bool:
        """A capitalised word before a unit that names its hospital ("Stroger ED"): a surname
        or a place, or a word only a name explains; no given name ("Maria ICU" is a patient
        there), no drug or term."""
        lex = self.lexicon
        return (
            not lex.is_first(key)
            and not MEDICAL_SUFFIX.search(key)
            and (lex.is_surname(key) or key in lex.places or lex.is_unknown_proper(key))
        )

    def _childrens_short(self, text: str) -> list[tuple[int, int]]:
        """``_CHILDRENS_SHORT``, its words neither describing ("Sick", "Local") nor function
        words ("Our", "The"), nor all English unless one is a known place or name."""
        out = []
        lex = self.lexicon
        for m in _CHILDRENS_SHORT.finditer(text):
            words = [w.lower().strip("'’") for w in m.group(1).split()]
            while words and (words[0] in STOP_WORDS or words[0] in _DESCRIPTORS):
                words.pop(0)  # "At Kellerton Children's": the name starts after "At"
            if not words or any(
                w in _DESCRIPTORS
                or w in STOP_WORDS
                or w in FACILITY_WORDS  # ("Health Sciences Centre Children's": after a head)
                or (w in lex.stoplist and w not in lex.places and not lex.is_name(w))
                for w in words
            ):
                continue  # ("Tylenol Children's": a product's line; "Swan River" a place)
            start = m.start(1) + list(re.finditer(r"\S+", m.group(1)))[-len(words)].start()
            known = any(w in lex.places or lex.is_name(w) for w in words)
            if (
                known
                or _CHILDRENS_CUE_BEFORE.search(text, 0, start)
                or (_CHILDRENS_UNIT_AFTER.match(text, m.end()))
            ):
                out.append((start, m.end()))
        return out

    def _no_word(self, key: str) -> bool:
        """Initials that are no English or clinical word ("SLMC" is; "MARCH" is not)."""
        return not self.lexicon.is_english(key) and key not in self.lexicon.stoplist

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        view = TokenView.shared(text, nlp_artifacts)
        found = [
            *self.facilities(view),
            *self.well_known(view),
            *self.care_homes(view),
            *self.practices_of(view),
            *self.wards(view),
            *self.admitted_to(view),
        ]
        found += [
            (m.start(), m.end(), 0.85)
            for m in _SAINT.finditer(text)
            if self._saint_name(m.group(1))
        ]
        if view.shouting and not view.upper and " st" in text:  # (a text in lower case)
            found += [
                (m.start(1), m.end(1), 0.7)
                for m in _SAINT_LOWER.finditer(text)
                if self._saint_name(m.group(2)) and not self.lexicon.is_english(m.group(2))
            ]
        found += [(m.start(), m.end(), 0.75) for m in _STREET_SURGERY_SCAN(text)]
        found += [(m.start(), m.end(), 0.75) for m in _SHORT_STREET_SURGERY_SCAN(text)]
        if any(g in text for g in _FORCES_GATE):
            found += [(s, e, 0.75) for s, e in self._forces_hospitals(text)]
        if "Children" in text:
            found += [(s, e, 0.75) for s, e in self._childrens_short(text)]
        short_named = any(head in text for head in HOSPITAL_SHORT_HEADS)
        for m in _STATE_LETTERS.finditer(text) if short_named else ():
            state = m.group().lower() in US_STATE_ABBREVIATIONS
            if state and (short := HOSPITAL_AFTER_TOWN.match(text, m.end())):
                found.append((m.start(), short.end(), 0.75))  # "NC Baptist"
        if any(g in text for g in _CRITICAL_GATE):
            found += [(s, e, 0.7) for s, e in self._initials_before_units(text)]
        if "MC" in text or "RH" in text or "MH" in text or "ACH" in text:
            found += [
                (m.start(), m.end(), 0.7)
                for m in _HOSPITAL_INITIALS.finditer(text)
                if m.group() not in _NOT_HOSPITAL_INITIALS
                and not m.group().endswith("TACH")  # "SINUS TACH", "VTACH"
                and self._no_word(m.group().lower())
            ]
        if "Hospital" in text or "Cent" in text:
            found += [
                (m.start(1), m.end(1), 0.8)
                for m in _GRADE_TOWN.finditer(text)
                if self._town_after_grade(m.group(2))
            ]
        if _SPECIALTY_ANY.search(text):  # (a plain scan first: most notes name no ward)
            found += [(m.start(1), m.end(1), 0.7) for m in _SPECIALTY_WARD.finditer(text)]
        if "Ward" in text:
            found += [(m.start(1), m.end(1), 0.7) for m in _KIND_WARD.finditer(text)]
            found += self._named_wards(text)
        found += [
            (m.start(), m.end(), 0.7)
            for m in _NAMED_SURGERY.finditer(text)
            if (m.group(1) and self._practice_name(m.group(1)))
            or (m.group(2) and self._two_word_practice(m.group(2), m.group(3)))
        ]
        if any(w in text for w in _HEAD_FIRST_HINTS):
            found += [
                (m.start(), m.end(), 0.9)  # the facility word first outweighs a name reading
                for m in _HEAD_FIRST.finditer(text)
                if self._head_first_name(m.group("first"), more=m.end() > m.end("first"))
                # "Base Hospital Kinniya": a name before the head is the grammar's reading
                and not NAME_BEFORE.search(text, max(0, m.start() - 30), m.start())
            ]
        lowered = text.lower()
        if any(w in lowered for w in _WORLD_HEADS):
            found += [
                (m.start(), m.end(), 0.85)
                for m in _WORLD_HEAD_FIRST.finditer(text)
                if self._foreign_head_name(m.group("name"))
            ]
            for m in _WORLD_HEAD_LAST.finditer(text):
                name = _NAME_BEFORE_HEAD.search(text, max(0, m.start() - 80), m.start())
                if name and self._foreign_head_name(name.group(1)):
                    found.append((name.start(1), m.end(), 0.85))
        if any(q in text for q in QUOTES_OPEN):
            for m in _QUOTED_NAME.finditer(text):
                if m.group("name")[0].islower():
                    continue  # a quoted remark, not a name
                head = _HEAD_BEFORE_QUOTE.search(text, max(0, m.start() - 60), m.start())
                if head is not None:
                    found.append((head.start(), m.end(), 0.85))
        if _CJK.search(text):
            found += [(m.start(), m.end(), 0.85) for m in _CJK_FACILITY.finditer(text)]
        if "Children" in text:
            found += [
                (m.start(), m.end(), 0.75)
                for m in _CHILDRENS.finditer(text)
                if not all(self.lexicon.is_english(w.lower()) for w in m.group(1).split())
            ]
        found = [
            (_with_article(text, s), _with_system(text, _with_floor(text, e)), sc)
            for s, e, sc in found
        ]
        out = [make_result(self, Entity.HOSPITAL, s, e, sc) for s, e, sc in found]
        towns = {town for _, e, _ in found if (town := self._facility_town(text, e))}
        out += [make_result(self, Entity.LOCATION, s, e, 0.7) for s, e in towns]
        return out

    def _facility_town(self, text: str, end: int) -> tuple[int, int] | None:
        """The town a facility's name gives after it, as letterheads and note headers write it
        ("Al Qurum Ridge Hospital, Muscat", "Shannonbank University Hospital, Limerick",
        "Centre Médical Bandrani à Mutsamudu"): one or two capitalised words closing the line
        or the part, a listed place or no English word."""
        m = _TOWN_AFTER.match(text, end)
        if m is None:
            return None
        town = m.group("town")
        words = town.split()
        if len(words) == 2 and _MONTH_WORD.fullmatch(words[1]):
            town, words = words[0], words[:1]  # "Hospital, Winnipeg Oct 2": the date's month
        lex = self.lexicon
        keys = [normalize(w) for w in words]
        listed = tuple(keys) in lex.multiword_places or all(k in lex.places for k in keys)
        if not listed and any(
            lex.is_english(k) or k in lex.stoplist or k in NOT_PLACE_HEAD or lex.is_first(k)
            for k in keys
        ):
            return None
        return m.start("town"), m.start("town") + len(town)

    def _town_after_grade(self, word: str) -> bool:
        """The town after "Base Hospital": no English word, term, weekday or month."""
        key = word.lower()
        lex = self.lexicon
        return not (lex.is_english(key) or key in lex.stoplist or key in NOT_PLACE_HEAD)

    def _practice_name(self, name: str) -> bool:
        """A GP practice's own name before "Surgery" ("Meadowbank", "Kingsway"): a place or an
        unknown proper word, never an English word or a specialty ("Cardiac Surgery")."""
        lex = self.lexicon
        key = name.lower()
        if key in _DESCRIPTORS or lex.is_english(key) or key in lex.stoplist:
            return False
        if _ADJECTIVE_END.search(key):
            return False  # "Bariatric", "Colorectal": a specialty, however rare the word
        return key in lex.places or lex.is_unknown_proper(key)

    def _head_first_name(self, word: str, more: bool = False) -> bool:
        """The first word after a facility's head names it (``more``: other name words follow,
        so a Romance hospital's kind, "General", opens the name too)."""
        key = normalize(word)
        key = key[2:] if key[1:2] in {"'", "’"} and key[:1] in {"d", "l"} else key
        lex = self.lexicon
        if key in _SAINTS or key.split("-")[0] in _SAINTS or (more and key in _ROMANCE_KINDS):
            return True
        if lex.is_english(key) or key in lex.stoplist or key in NOT_PLACE_HEAD:
            return False
        return key in lex.places or lex.is_name(key) or lex.is_unknown_proper(key)

    def _foreign_head_name(self, name: str) -> bool:
        """The words beside a facility's head in another language name it: each capitalised,
        the first a saint's title, a place, a name or a word no list explains (any word of a
        script the lists do not hold), not an English or clinical word ("Hospital Course")."""
        words = [w for w in name.split() if w.lower() not in _SAINTS or w[:1].isupper()]
        if not words or any(w[:1].islower() for w in words):  # (a script without case passes)
            return False
        key = normalize(words[0])
        if not key.isascii() and not any("a" <= c <= "z" for c in key):
            return True  # Greek, Cyrillic, Armenian...: no list to ask
        return self._head_first_name(words[0])

    def _two_word_practice(self, first: str, second: str) -> bool:
        """ "Haydon Bridge Surgery": a name or place that is no English word, then a word
        that is no descriptor, adjective or term ("Weight Loss Surgery" is a specialty)."""
        lex = self.lexicon
        a, b = first.lower(), second.lower()
        if lex.is_english(a) or a in _DESCRIPTORS or b in _DESCRIPTORS or b in lex.stoplist:
            return False
        if _ADJECTIVE_END.search(a) or _ADJECTIVE_END.search(b):
            return False
        return a in lex.places or lex.is_name(a) or lex.is_unknown_proper(a)

    def facilities(self, view: TokenView) -> list[tuple[int, int, float]]:
        words = view.words
        out = []
        n = len(words)
        for k in range(n):
            key = words[k].key
            if key not in _FACILITY_HEADS:
                continue
            # Walk back over proper words that name (not describe) the facility.
            start = k
            j = k - 1
            named = 0
            while j >= 0 and k - j <= 4:
                w = words[j]
                gap = view.gap(j + 1)
                if "\n" in gap or gap.strip(" '’-&.") != "" or " - " in gap or "  " in gap:
                    break
                if "." in gap and len(w.key) > 3:
                    break  # "St. Agnes Hospital" yes; "Philadelphia. Center of mass" no
                if _our_lady(view, j):
                    start, named = j - 1, named + 1
                    break  # "Our Lady's Hospice": a dedication, its title word no person's
                if w.key in NOT_PLACE_HEAD or not view.looks_proper(j):
                    break
                if (
                    w.key in self.lexicon.stoplist
                    and w.key not in FACILITY_WORDS
                    and w.key not in _DESCRIPTORS
                ):
                    break
                if w.key not in _DESCRIPTORS and w.key not in FACILITY_WORDS:
                    named += 1
                start = j
                j -= 1
            tail = self._named_tail(view, k)
            if not named and not (tail and key not in _WEAK_HEADS):
                continue  # "the Hospital for Sick Children": the tail names it
            if (
                k + 1 < n
                and words[k + 1].key in _FIELD_AFTER
                and view.gap(k + 1).strip(" \t.") == ""  # (not ", No. 14, 3rd Cross": an address)
            ):
                continue  # "medical record number", "Hosp No": a field label, no facility
            if self._label(view, start, k):
                continue  # "Resettlement agency: ...", "Home health agency:": a form's label
            if key == "regional" and k + 1 < n and words[k + 1].key in _OFFICE_AFTER:
                continue  # "Midwest Regional Office", "Regional Director": no hospital
            if key in _LETTER_HEADS and any(words[j].key in _PROGRAMMES for j in range(start, k)):
                continue  # "Medicare Advantage SNF rate": a benefit, no facility
            if (
                key in _WEAK_HEADS
                and not self._lettered(view, start, k)
                and not self._namey(view, start, k)
                and not self._cued_title(view, start, k)
                and not self._letterhead_line(view, start, k)
                and not self._addressed(view, start, k)
            ):
                continue
            if (
                not view.shouting
                and words[k].text.islower()
                and all(words[j].key in self.lexicon.places for j in range(start, k))
            ):
                continue  # "the Framingham clinic": a town's clinic, described not named
            if (
                view.caseless(k)
                and not self._namey(view, start, k, strict=False)
                and not self._capital_heading(view, start, k, named)
            ):
                continue
            end = k
            # Absorb trailing facility words: "Memorial Hospital", "Medical Center".
            while end + 1 < n and words[end + 1].key in FACILITY_WORDS and view.gap(end + 1) == " ":
                end += 1
            if end == k and tail:
                end = tail
            if (
                end + 1 < n
                and words[end].key in {"nursing", "health", "medical"}
                and words[end + 1].key in {"station", "outpost", "post", "city"}
                and view.gap(end + 1) == " "
                and (words[end + 1].key != "city" or words[end].key == "medical")
            ):
                end += 1  # "Onaman Lake Nursing Station", "Fort Severn Health Outpost",
                # "Guam Regional Medical City"
            if (
                end + 1 < n
                and words[end].key in {"centre", "center", "clinic", "hospital"}
                and words[end + 1].key in _LEVELS
                and view.gap(end + 1) == " "
            ):
                end += 1  # "Health Centre IV", "health centre iii": a facility's level
            end = self._town_after(view, end)
            out.append((words[start].start, words[end].end, 0.8))
        return out

    def _lettered(self, view: TokenView, start: int, k: int) -> bool:
        """A care facility's letters after its name (``_LETTER_HEADS``; a programme before
        them is refused by the caller)."""
        words = view.words
        if words[k].key not in _LETTER_HEADS or not words[k].text.isupper() or k - start < 2:
            return False
        return all(
            len(w.text) >= 3
            and w.text[:1].isupper()
            and w.text[1:].islower()
            and w.key not in self.lexicon.stoplist
            for w in words[start:k]
        )

    @staticmethod
    def _label(view: TokenView, start: int, k: int) -> bool:
        """Words from a field's start to a facility word right before a colon are a form's
        label ("Resettlement agency:", "Referring practice:"), not a name: the head in lower
        case, opening a line or following a wide gap."""
        text = view.text
        words = view.words
        if not text.startswith(":", words[k].end) or not words[k].text.islower():
            return False
        before = text[: words[start].start]
        return before.strip(" \t") == "" or before.endswith(("\n", "  ", "\t"))

    def _town_after(self, view: TokenView, end: int) -> int:
        """A town written right after the facility word is part of its name ("University
        Hospital Galway", "Manipal Hospital Mysuru"): a known place, Title case, no English
        word or jargon, in mixed-case text. Returns the new last word."""
        words = view.words
        nxt = end + 1
        if view.shouting or nxt >= len(words) or view.gap(nxt) != " ":
            return end
        w = words[nxt]
        lex = self.lexicon
        if not w.is_title or w.key in lex.stoplist or lex.is_english(w.key):
            return end
        if w.key in lex.places or w.key in lex.world_places:
            return nxt
        return end

    def _named_tail(self, view: TokenView, k: int) -> int:
        """The last word of a "for"/"of" tail of proper words after a facility word ("Centre
        for Mental Health Sciences", "Hospital of the University of Pennsylvania"), or 0.
        Mixed-case text only: in capitals every word looks proper."""
        words = view.words
        n = len(words)
        if view.shouting or k + 2 >= n or words[k + 1].key not in {"for", "of"}:
            return 0
        last = 0
        j = k + 2
        while j < n and j - k <= 8:
            if view.gap(j) not in {" "}:
                break
            key = words[j].key
            if key in {"the", "and", "of", "for"} and j + 1 < n:
                j += 1
                continue
            if not words[j].is_title or key in NOT_PLACE_HEAD or _CALENDAR_WORD.fullmatch(key):
                break  # a stop word, a month or a weekday ends the name
            if self.lexicon.is_first(key) or not (
                self.lexicon.is_english(key) or key in self.lexicon.places
            ):
                break  # "Rehab for Ermenegildo Marquez": a referral for a person
            last = j
            j += 1
        return last

    def practices_of(self, view: TokenView) -> list[tuple[int, int, float]]:
        """ "Cardiac Associates of Waltham", "Children's Hospital of Philadelphia": a
        practice or facility word, "of", then a proper place name."""
        words = view.words
        out = []
        n = len(words)
        for k in range(1, n - 2):
            if words[k].key not in _OF_HEADS or words[k + 1].key != "of":
                continue
            place = k + 2
            if not (view.looks_proper(place) and not view.caseless(place)):
                continue
            if words[place].key in NOT_PLACE_HEAD or view.gap(place) != " ":
                continue
            end = place
            if (
                end + 1 < n
                and view.gap(end + 1) == " "
                and view.looks_proper(end + 1)
                and words[end + 1].key not in NOT_PLACE_HEAD
                and not view.caseless(end + 1)
            ):
                end += 1  # "of New Bedford"
            start = k
            while (
                start > 0
                and k - start < 3
                and view.gap(start) in {" ", "'s ", "’s "}
                and view.looks_proper(start - 1)
                and not view.caseless(start - 1)
                and words[start - 1].key not in NOT_PLACE_HEAD
            ):
                start -= 1
            if start < k:
                out.append((words[start].start, words[end].end, 0.75))
        return out

    def care_homes(self, view: TokenView) -> list[tuple[int, int, float]]:
        """ "Sunrise Assisted Living", "Maple Nursing Home": a two-word kind of care home
        names whatever proper words stand in front, even everyday ones."""
        words = view.words
        out = []
        for k in range(2, len(words)):
            if (words[k - 1].key, words[k].key) not in _CARE_HOMES or view.gap(k) != " ":
                continue
            start = k - 1
            j = k - 2
            while (
                j >= 0
                and k - 1 - j <= 3
                and view.gap(j + 1) == " "
                and view.looks_proper(j)
                and not view.caseless(j)
                and words[j].key not in NOT_PLACE_HEAD
                and words[j].key not in _DESCRIPTORS
            ):
                start = j
                j -= 1
            if start < k - 1:
                out.append((words[start].start, words[k].end, 0.75))
        return out

    def well_known(self, view: TokenView) -> list[tuple[int, int, float]]:
        """Facilities every site's notes may name ("Mass General", "MGH", "Mayo Clinic"):
        written like proper nouns, on one line; an acronym only in capitals."""
        words = view.words
        lex = self.lexicon
        out = []
        for i, w in enumerate(words):
            for parts in lex.facilities.get(w.key, ()):
                m = len(parts)
                if i + m > len(words) or not all(
                    words[i + k].key == parts[k] and view.looks_proper(i + k)
                    for k in range(m)
                    if parts[k] not in STOP_WORDS
                ):
                    continue
                if any(view.gap(i + k).strip("-'’") not in {"", " "} for k in range(1, m)):
                    continue  # "MASS, GENERAL APPEARANCE" is no hospital
                if m == 1 and parts[0] in lex.facility_acronyms and not w.is_upper:
                    continue
                if m == 1 and parts[0] in lex.facility_acronyms and _in_compound(view, i):
                    continue  # "R-CHOP" is a regimen, "MGH/BWH" stays (slash is no hyphen)
                if i + m < len(words) and words[i + m].key in STREET_TYPES:
                    continue  # "29 Stollery St" is a street
                out.append((w.start, words[i + m - 1].end, 0.85))
                break
        return out

    def _saint_name(self, word: str) -> bool:
        """ "St. Elizabeth's", "Mt Auburn" but not "ST ELEVATION" or "ST CHANGES"."""
        key = normalize(word)
        lex = self.lexicon
        if key in lex.stoplist or key in NOT_PLACE_HEAD or key in _UNIT_WORDS:
            return False
        return lex.is_name(key) or key in lex.places or lex.is_unknown_proper(key)

    def _cued_title(self, view: TokenView, start: int, k: int) -> bool:
        """ "lives at Oak Meadow House", "transferred to Sunnybank Lodge": everyday words in
        Title case, head included, right after "at"/"to"/"from" name the place."""
        words = view.words
        return (
            start > 0
            and words[k].key in _BUILDING_HEADS
            and not view.shouting
            and words[start - 1].key in {"at", "to", "from"}
            and "\n" not in view.gap(start)
            and all(words[j].is_title for j in range(start, k + 1))
        )

    def _letterhead_line(self, view: TokenView, start: int, k: int) -> bool:
        """ "High Desert Oncology" alone on a line under a doctor's name or above an address:
        a practice's letterhead, however ordinary its words (mixed-case text, Title case,
        two words or more, a specialty or building head)."""
        words = view.words
        if view.shouting or k - start < 1 or words[k].key not in _LETTERHEAD_HEADS:
            return False
        if not all(words[j].is_title for j in range(start, k + 1)):
            return False
        if not self._naming_word(view, start, k):
            return False  # "Internal Medicine", "Pediatric Cardiology": a department's line
        return letterhead(view.text, words[start].start, words[k].end)

    def _naming_word(self, view: TokenView, start: int, k: int) -> bool:
        """Some word before the head names ("High Desert Oncology" has one; "Pediatric
        Cardiology" has none)."""
        return any(self._names(view.words[j].key) for j in range(start, k))

    def _names(self, key: str) -> bool:
        """A word that neither describes the care nor is jargon or an adjective."""
        return (
            key not in _DESCRIPTORS
            and key not in self.lexicon.stoplist
            and not _ADJECTIVE_END.search(key)
        )

    def _addressed(self, view: TokenView, start: int, k: int) -> bool:
        """ "Sagebrush Imaging Center, Boise", "Millrace Family Health Center, 3101 Cobbler's
        Run Rd": a Title-case name whose head a town or a street number follows after a
        comma, as a facility's address line is written, however ordinary its words (mixed
        case, two words or more, one that neither describes nor is jargon)."""
        words = view.words
        if view.shouting or k - start < 1 or not all(w.is_title for w in words[start : k + 1]):
            return False
        if not self._naming_word(view, start, k):
            return False  # "Cardiac Imaging Center, Boise": a department's, no name
        lex = self.lexicon
        m = _ADDRESS_AFTER.match(view.text, words[k].end)
        if m is None:
            return False
        town = m.group("town")
        return town is None or normalize(town) in lex.places or normalize(town) in lex.world_places

    @staticmethod
    def _capital_heading(view: TokenView, start: int, k: int, named: int) -> bool:
        """ "WINDWARD COAST GENERAL HOSPITAL" heading a form written in capitals: two naming
        words before a hospital's head, at a line's or a field's start, name it even when
        every word is English ("TRANSFERRED TO HOSPITAL" has no naming word)."""
        words = view.words
        medical = (  # "TROPICAL MEDICAL CENTER", "REGIONAL MEDICAL CITY": a hospital's head too
            words[k].key == "medical"
            and k + 1 < len(words)
            and words[k + 1].key in {"center", "centre", "city"}
        )
        if named < 2 or (words[k].key not in _STRONG_HEADS and not medical):
            return False
        line = view.text[: view.words[start].start].rsplit("\n", 1)[-1].rstrip()
        return line == "" or line.endswith((":", "—", "-", "|"))

    def _namey(self, view: TokenView, start: int, stop: int, strict: bool = True) -> bool:
        """Some word in front is a name, a place or an unknown proper word."""
        lex = self.lexicon
        for i in range(start, stop):
            key = view.words[i].key
            if key in _DESCRIPTORS:
                continue
            if lex.is_name(key) or key in lex.places:
                if not lex.is_ambiguous(key):
                    return True
                # "White Manor" yes, "need rehab" no: a frequent name or a town.
                rank = lex.surname_rank.get(key, 10**6)
                if not strict and (rank <= 10000 or key in lex.places or lex.is_first(key)):
                    return True
            elif lex.is_unknown_proper(key):
                return True
        return False

    def admitted_to(self, view: TokenView) -> list[tuple[int, int, float]]:
        """ "admitted to Baystate", "transferred from Lahey": an unknown proper word after a
        transfer verb is a facility."""
        words = view.words
        out = []
        for k in range(2, len(words)):
            w = words[k]
            if words[k - 1].key not in {"to", "from", "at"} or "\n" in view.gap(k):
                continue
            if words[k - 2].key not in _TRANSFER_VERBS or not view.looks_proper(k):
                continue
            if (
                self.lexicon.is_unknown_proper(w.key)
                and len(w.key) >= 4
                and not _ADJECTIVE_END.search(w.key)
            ):  # not a specialty's adjective: "sent to Interventional Radiology"
                out.append((w.start, w.end, 0.65))
            elif self._facility_acronym(view, k):
                out.append((w.start, w.end, 0.6))  # "admitted to LMH", "transferred from BMC"
            elif end := self._title_run(view, k):
                out.append((w.start, words[end].end, 0.6))  # "transferred from Meadow View"
        return out

    def _title_run(self, view: TokenView, k: int) -> int:
        """The last word of two or three Title-case everyday words from word k that name a
        place ("Meadow View", "Cedar Ridge"), or 0: mixed-case text only; no word a
        descriptor, a care unit, clinical jargon, an adjective ("Palliative Care"), a month
        or weekday, and not a town already ("New Bedford" is a LOCATION)."""
        if view.shouting:
            return 0
        words = view.words
        lex = self.lexicon
        end = k
        while end + 1 < len(words) and end - k < 2 and view.gap(end + 1) == " ":
            if not words[end + 1].is_title:
                break
            end += 1
        if end == k:
            return 0
        keys = [words[i].key for i in range(k, end + 1)]
        if keys[0] in TITLES or (lex.is_first(keys[0]) and not lex.is_english(keys[0])):
            return 0  # "sent to Dr Zamora", "transferred to Maria Lopez": a person
        for key in keys:
            if not words[k].is_title or key in _DESCRIPTORS or key in CARE_UNITS:
                return 0
            if key in lex.stoplist or key in STOP_WORDS or key in FACILITY_WORDS:
                return 0
            if _ADJECTIVE_END.search(key) or _CALENDAR_WORD.fullmatch(key):
                return 0
        if tuple(keys) in lex.multiword_places:
            return 0
        return end

    def _facility_acronym(self, view: TokenView, k: int) -> bool:
        """An all-capitals 2-5 letter word in mixed text that is no unit, ward or term."""
        w = view.words[k]
        key = w.key
        lex = self.lexicon
        return (
            not view.shouting
            and w.is_upper
            and key.isalpha()
            and 2 <= len(key) <= 5
            and key not in lex.stoplist
            and key not in CARE_UNITS
            and not lex.is_english(key)
        )

    def wards(self, view: TokenView) -> list[tuple[int, int, float]]:
        """ "<Name> <number>" after a ward cue: "bed on Finard 4", "transfer to Cox 12"."""
        words = view.words
        out = []
        for k in range(1, len(words) - 1):
            num = words[k + 1]
            if not (num.key.isdigit() and len(num.key) <= 2) or view.gap(k + 1) != " ":
                continue
            after = view.text[num.end : num.end + 2]
            if after[:1] in {"/", "-", ":", "."} and after[1:2].isdigit():
                continue  # "Baystate 10/28" is a place and a date, not ward 10
            if _DOSE_AFTER.match(view.text, num.end):
                continue  # "on Flovent 44 2 puffs BID": a drug's strength, not ward 44
            w = words[k]
            prev = words[k - 1].key
            before = words[k - 2].key if k >= 2 else ""
            if w.key in _COMPASS and prev in {"to", "from", "on"}:
                continue  # "to 7 North" is found the other way round below
            if not w.is_alpha or not view.looks_proper(k) or w.key in NOT_PLACE_HEAD:
                continue
            lex = self.lexicon
            # "transfer to Blake 12", "floor (Farr 7)": a cue in front makes even a word that
            # is also jargon a ward; without one it must not be jargon or plain English.
            # ... or a move a few words back ("transferred from ICU bed 6 to Ptarmigan 3"; not
            # after "on": "back to the ward on Lasix 40")
            cued = (
                prev == "to"
                and any(
                    words[j].key in _WARD_CUES or words[j].key in CARE_UNITS
                    for j in range(max(0, k - 6), k - 1)
                )
            ) or (prev in _WARD_CUES and view.gap(k).strip() == "(")
            if not cued and (
                w.key in lex.stoplist or (lex.is_english(w.key) and not lex.is_name(w.key))
            ):
                continue
            namey = lex.is_name(w.key) or lex.is_unknown_proper(w.key)
            if cued or (
                prev in {"to", "on", "in"}
                and (before in _WARD_CUES or (prev == "to" and before == "back") or namey)
            ):
                out.append((w.start, num.end, 0.7))
        out.extend(self._compass_wards(view))
        out.extend(self._named_units(view))
        return out

    def _named_units(self, view: TokenView) -> list[tuple[int, int, float]]:
        """``_UNIT_HEADS`` after a run with a naming word (see ``_UNIT_KINDS``), mixed case."""
        if view.shouting:
            return []
        words = view.words
        out = []
        for k in range(1, len(words)):
            if words[k].key not in _UNIT_HEADS or not words[k].is_title:
                continue
            naming = None
            j = k - 1
            while j >= 0 and k - j <= 3 and view.gap(j + 1) == " " and words[j].is_title:
                key = words[j].key
                if key in STOP_WORDS or key in FACILITY_WORDS or not words[j].is_alpha:
                    break  # ("Tan Tock Seng Hospital Ward 7": the hospital's, then its ward)
                if key not in _UNIT_KINDS and self._names(key):
                    naming = j
                j -= 1
            if naming is not None:
                out.append((words[naming].start, words[k].end, 0.7))
        return out

    def _compass_wards(self, view: TokenView) -> list[tuple[int, int, float]]:
        """ "from 7 North", "to 12 West": a floor number and a wing after a move."""
        words = view.words
        out = []
        for k in range(len(words)):
            num = words[k]
            if not num.text[:1].isdigit():
                continue  # a floor number opens both forms
            # after a move ("to", "from", "on", an arrow), or after a hospital's name and a
            # comma ("X Hospital, 5 West"); or heading the text ("6 West Nursing note")
            moved = (
                k > 0
                and (
                    words[k - 1].key in {"to", "from", "on"}
                    or view.gap(k).strip() in _ARROWS
                    # in brackets after a ward's cue: "call to floor (7 Lochlin)", "floor in AM
                    # (8 Vinebrook)"
                    or (
                        view.gap(k).strip() == "("
                        and any(w.key in _WARD_CUES for w in words[max(0, k - 3) : k])
                    )
                )
            )
            if _COMPACT_WING.fullmatch(num.text):
                # "to 5W", "PACU -> 7N", "5W nurses": floor and wing in one token
                if moved or (k + 1 < len(words) and words[k + 1].key in _WING_FOLLOWERS):
                    out.append((num.start, num.end, 0.7))
                continue
            if k + 1 >= len(words) or not (num.key.isdigit() and len(num.key) <= 2):
                continue
            wing = words[k + 1]
            if view.gap(k + 1) != " ":
                continue
            if wing.key not in _COMPASS:
                if moved and self._proper_wing(view, k + 1):
                    out.append((num.start, wing.end, 0.7))  # "stay on 8 Harborview"
                continue
            if not (
                moved
                or (view.gap(k).strip() == "," and words[k - 1].key in _FACILITY_BEFORE_COMMA)
                or self._named_wing(view, k)
            ):
                continue
            end, j = wing.end, k + 2
            while j < min(len(words), k + 4) and words[j].key in _UNIT_SPECIALTY:
                if view.gap(j) != " " or view.text[words[j].end : words[j].end + 1] == "-":
                    break  # (not into a hyphenated word: "4 North Med-Surg")
                end, j = words[j].end, j + 1  # "6 NORTH TELE", "4 West Neuro Stepdown"
            out.append((num.start, end, 0.7))
        return out

    @staticmethod
    def _named_wards(text: str) -> list[tuple[int, int, float]]:
        """ "Acorn Ward", "St. Colmcille Ward", "Ward Cothi": a ward and its own name."""
        out = []
        for m in _NAMED_WARD.finditer(text):
            if m.group("after") is not None:
                if m.group("after").lower() not in _WARD_KINDS:
                    out.append((m.start(), m.end(), 0.7))
                continue
            before = text[m.start("before") : m.end("before")]
            if text[m.end() : m.end() + 1] == ":" or re.search(r"[ \t]{2}|\t", before):
                continue  # "Dr F. Kilbracken    Ward: 22": a column's gap, then a form's label
            words = list(re.finditer(r"\S+", before))
            if any(w.group().lower().strip(".") in TITLES for w in words):
                continue  # a doctor's name before the ward
            while words and words[0].group().lower().strip(".") in _WARD_KINDS:
                words = words[1:]  # "The Acorn Ward": the article is no part of the name
            if all(w.group().lower().strip(".") in _WARD_KINDS for w in words):
                continue  # (none left, or only kinds: "Acute Surgical Ward")
            if words[-1].group().lower() in HOSPITAL_WORDS:
                continue  # "Tan Tock Seng Hospital Ward 9B": the hospital, then its ward
            out.append((m.start("before") + words[0].start(), m.end(), 0.7))
        return out

    def _proper_wing(self, view: TokenView, k: int) -> bool:
        """ "to 4 Saguaro", "on 8 Harborview": a floor number and a unit's own name after a
        move, when the name is a name or unknown proper word, or any capitalised word with a
        unit's word after it ("to 3 Palisade med-surg"), and no dose or street follows ("on 2
        Percocet", "to 4 Maple St")."""
        w = view.words[k]
        lex = self.lexicon
        if not w.text[:1].isupper():
            return False  # ("-> 1 apheresis plt": a count)
        if not w.is_alpha or not view.looks_proper(k) or w.key in NOT_PLACE_HEAD:
            return False
        if w.key in lex.stoplist or _DOSE_AFTER.match(view.text, w.end):
            return False
        nxt = view.words[k + 1] if k + 1 < len(view.words) else None
        if nxt is not None and nxt.key in _WING_FOLLOWERS and view.gap(k + 1) == " ":
            return True  # "to 3 Palisade med-surg": a unit's word after it, even a plain name
        if lex.is_english(w.key) and not lex.is_name(w.key):
            return False
        if not (lex.is_name(w.key) or lex.is_unknown_proper(w.key)):
            return False
        return nxt is None or not (nxt.key in STREET_TYPES and view.gap(k + 1) == " ")

    @staticmethod
    def _named_wing(view: TokenView, k: int) -> bool:
        """ "4 North", "3 SOUTH" anywhere: a capitalised wing after a small floor number is a
        unit's name, unless a road's words come before ("I-5 North", "exit 4 South"), or a
        street type or a capitalised word other than a unit's follows: a street ("4 North
        Maple St") or a place or disease ("2 North Carolina", "2 West Nile")."""
        num, wing = view.words[k], view.words[k + 1]
        before = view.text[max(0, num.start - 16) : num.start]
        if not wing.text[:1].isupper() or _ROAD_BEFORE.search(before):
            return False
        if k + 2 >= len(view.words):
            return True
        after = view.words[k + 2]
        if "\n" in view.text[wing.end : after.start]:
            return True  # the line ends with the unit ("Unit 2 Tower")
        if after.key in STREET_TYPES:
            return False
        return not after.text[:1].isupper() or after.key in _UNIT_FOLLOWERS


# A ward named for its specialty and numbered, where a patient stays: "inpatient Neurology 5",
# "moved to Haematology 3B", "Surgical Ward 11" (not "Oncology 2 weeks ago": a count after it).
_SPECIALTIES = (
    r"Oncology|Cardiology|Hematology|Haematology|Medicine|Surgery|Neurology|Neurosurgery|"
    r"Orthopedics|Orthopaedics|Maternity|Pediatrics|Paediatrics|Telemetry|Nephrology|Renal|"
    r"Pulmonary|Respiratory|Gastroenterology|Urology|Gynecology|Gynaecology|Obstetrics|"
    r"Psychiatry|Geriatrics|Stroke|Rehab|Burns"
)
_SPECIALTY_WARD = re.compile(
    r"(?<![\w-])(?:(?i:inpatient|on|to|from|admitted\s+to|transferred\s+to|moved\s+to)[ \t]+)"
    r"((?:" + _SPECIALTIES + r")[ \t]+\d{1,2}[A-Z]?)(?![\w/.:-]|[ \t]+(?i:days?|weeks?|months?|"
    r"years?|hours?|hrs?|mg|times|x\b|of\b|more|or\b|to\b|-))"
)
_SPECIALTY_ANY = re.compile(r"(?:" + _SPECIALTIES + r")[ \t]+\d")
# The kinds a ward is named by before its number ("Surgical Ward 3"); with the rest of
# _WARD_KINDS they are no ward's own name.
_WARD_KIND_WORDS = (
    "medical", "surgical", "maternity", "paediatric", "pediatric", "orthopaedic", "orthopedic",
    "cardiac", "oncology", "renal", "respiratory", "stroke", "geriatric", "psychiatric",
    "general", "female", "male", "private", "isolation", "burns", "neonatal", "postnatal",
    "antenatal",
)  # fmt: skip
_KIND_WARD = re.compile(
    r"(?<![\w-])((?:" + "|".join(w.title() for w in _WARD_KIND_WORDS) + r")"
    r"[ \t]+Ward[ \t]+\d{1,2}[A-Z]?)(?![\w/.:-])"
)
# A ward named as wards in the UK, Ireland, Australia and India are ("Acorn Ward", "Rowan
# Ward", "Ward Cothi"), not one named by its kind ("Surgical Ward", "Labour Ward", "Ward
# Round"): the kinds, the staff and the work of a ward are in _WARD_KINDS.
_NAMED_WARD = re.compile(
    r"(?<![\w'’-])(?P<before>(?:[A-Z][\w'’.]*[ \t]+(?:(?:y|yr|na|an|de)[ \t]+)?){1,3}?)Ward\b"
    r"|(?<![\w'’-])Ward[ \t]+(?P<after>[A-Z][a-z\w'’]+)(?![\w'’-])"
)
_WARD_KINDS = frozenset(_WARD_KIND_WORDS) | frozenset(
    {"labour", "labor", "delivery", "day", "short", "stay", "acute", "assessment",
     "admissions", "admission", "discharge", "observation", "recovery", "children's",
     "childrens", "women's", "mens", "men's", "high", "dependency", "elderly", "care",
     "medicine", "surgery", "rehab", "rehabilitation", "ent", "eye", "gynae", "gynaecology",
     "the", "a", "an", "this", "that", "each", "every", "any", "same", "other", "next", "old",
     "new", "main", "his", "her", "their", "our", "your", "my", "no", "on", "to", "from", "in",
     "at", "of", "for", "and", "or", "back", "per", "round", "rounds", "sister", "manager",
     "clerk", "staff", "nurse", "nurses", "team", "doctor", "rn", "based", "transfer",
     "attender", "boy", "matron", "charge", "phone", "number", "bed", "beds", "kitchen",
     "meeting", "huddle", "board", "census", "visit", "level", "block", "wing", "floor",
     "covid", "side", "room", "bay", "open", "closed", "empty", "full"}
)  # fmt: skip
# A public hospital named by its grade and then its town, as Sri Lanka, Nigeria, Ghana or
# Malaysia name them: "Base Hospital Kalmunai", "Teaching Hospital Jaffna", "Federal Medical
# Centre Owerri" (the town word must be no English word).
_GRADE_TOWN = re.compile(
    r"(?<![\w-])((?:Teaching|Base|District|Divisional|Provincial|Regional|Federal|State|"
    r"Specialist|General|National)[ \t]+(?:General[ \t]+|Medical[ \t]+)?"
    r"(?:Hospital|Centre|Center)[ \t]+([A-Z][a-z]{3,}(?:-[A-Z][a-z]+)?))(?![\w-])"
)
_FACILITY_BEFORE_COMMA = frozenset(
    {"hospital", "center", "centre", "infirmary", "clinic", "medical", "health"}
)

# A capital "The" in mid-sentence belongs to the name it opens ("seen at The Hansen Clinic");
# at a sentence's start, or lower-case, it is the article.
_MID_SENTENCE_THE = re.compile(r"[^\s.!?:;\n]\s+The\s$")


# A children's hospital by its place's or its founder's name alone, as paediatric notes call
# it ("TOF repair at Kessling Children's, 2014"): then no word (that is "Children's Day",
# "Children's Hospital", read elsewhere).
_CHILDRENS = re.compile(
    r"(?<![\w'’-])((?:[A-Z][a-z][\w'’-]+[ \t]){1,2})Children['’]s(?![\w'’-]|[ \t]+[A-Za-z])"
)
# A building's floor or unit number after its name ("Fennimore Tower 3", "Harmon Pavilion 5"):
# one or two digits, perhaps a wing's letter, then no unit of a dose or a count.
_FLOOR_AFTER = re.compile(
    r"[ \t](\d{1,2}[A-Z]?)(?![\w./:-]|[ \t]*(?:%|x\b|"
    rf"(?i:(?:{TIME_UNITS}|{DOSE_UNITS}|{COUNT_NOUNS})\b|d\b|h\b|mos?\b|years?|yrs?|pts?\b|"
    r"patients|beds)))"
)
_BUILDING_END = re.compile(r"(?:Tower|TOWER|Pavilion|PAVILION|Wing|WING|Building|BUILDING)\Z")


def _our_lady(view: TokenView, j: int) -> bool:
    """Word j is "Lady" after "Our", both capitalised: a dedication to Mary."""
    words = view.words
    return (
        words[j].key == "lady"
        and j > 0
        and words[j - 1].key == "our"
        and view.looks_proper(j - 1)
        and view.gap(j) == " "
    )


def _with_floor(text: str, end: int) -> int:
    """``end`` moved over the floor number after a building's name."""
    if _BUILDING_END.search(text, max(0, end - 8), end):
        m = _FLOOR_AFTER.match(text, end)
        if m is not None:
            return m.end(1)
    return end


def _with_system(text: str, end: int) -> int:
    """``end`` moved over what a health system's or a hospital district's name goes on with
    (``_SYSTEM_TAIL``)."""
    if _SYSTEM_END.search(text, max(0, end - 12), end):
        m = _SYSTEM_TAIL.match(text, end)
        if m is not None:
            return m.end()
    return end


# A health system's and a hospital district's last word after the head the facility rules end
# on ("UMC Health System", "Parkview Health Network", "Gaines Co. Hosp. Dist.", "Ector County
# Hospital District"): the system or the district is the body that runs the hospital, whose
# name the replaced words would otherwise leave half in place.
_SYSTEM_END = re.compile(r"(?:Health|HEALTH|Healthcare|Hospital|HOSPITAL|Hosp\.?)\Z")
_SYSTEM_TAIL = re.compile(
    r"(?:(?<=Hosp)\.)?[ ](?:System|Systems|SYSTEM|Network|Partners|Alliance|District|DISTRICT"
    r"|Dist\.?|Authority)(?![\w'’-])"
)


def _with_article(text: str, start: int) -> int:
    """``start`` moved back over a mid-sentence capital "The" right before the name."""
    if (
        start >= 5
        and text[start - 4 : start - 1] == "The"
        and _MID_SENTENCE_THE.search(text[max(0, start - 8) : start])
    ):
        return start - 4
    return start


# The town after a facility's name: after a comma, or French "à", then one or two capitalised
# words in Title case closing the line or the part (a gap, a spaced dash, a bracket, a stop, a
# date's digits, a state's or a province's letters).
_MONTH_WORD = re.compile(MONTH, re.I)
_TOWN_AFTER = re.compile(
    r"(?:,[ \t]*|[ \t]+à[ \t]+)"
    r"(?P<town>[A-ZÀ-Þ][a-zß-ÿ][^\W\d_]*(?:[ -][A-ZÀ-Þ][a-zß-ÿ][^\W\d_]*)?)"
    r"(?=[ \t]*(?:\n|$)|[ \t]{2}|[ \t]+[-–—(;|]|[(;|]|\.(?:\s|$)|,?[ \t]+(?:le|on|\d|[A-Z]{2}\b))"
)
# A British GP practice named for its street: "Baker Street Surgery", "Mill Road Surgery".
_STREET_SURGERY = re.compile(
    r"(?<![\w-])(?:[A-Z][a-z'’-]+\s+){1,2}(?:Street|Road|Lane|Avenue|Square|Green|Park|Place|"
    r"Hill|Way|Row|Terrace|Crescent|Gardens|Grove|Drive)\s+(?:Surgery|Medical\s+Practice|"
    r"Practice|Health\s+Centre|Health\s+Center|Family\s+(?:Health|Medicine|Practice)|"
    r"Medical\s+(?:Centre|Center|Group)|Clinic)(?![\w-])"
    r"|(?<![\w-])(?:[A-Z][A-Z'’-]+\s+){1,2}(?:STREET|ROAD|LANE|AVENUE|SQUARE|GREEN|PARK|"
    r"PLACE|HILL|WAY|ROW|TERRACE|CRESCENT|GARDENS|GROVE|DRIVE)\s+SURGERY(?![\w-])"
    r"|(?<![\w-])(?:[a-z][a-z'’-]+\s+)(?:street|road|lane|avenue|square|green|park|place|"
    r"hill|way|row|terrace|crescent|gardens|grove|drive)\s+surgery(?![\w-])"
)
# (scanned only where a street's type word occurs: regex_start.gated_finditer)
_STREET_SURGERY_SCAN = gated_finditer(_STREET_SURGERY)
# ... and by its street's abbreviation, as an Australian practice goes ("Yambil St Surgery",
# "Bourbong St Medical", "Argent St Family Clinic").
_SHORT_STREET_SURGERY_SCAN = gated_finditer(
    re.compile(
        r"(?<![\w-])[A-Z][a-z'’-]+[ \t]+(?:St|Rd|Ave|Tce)[ \t]+(?:Surgery|Clinic|"
        r"Medical(?:[ \t]+(?:Centre|Center|Practice|Clinic|Group))?|"
        r"Family[ \t]+(?:Clinic|Practice|Medicine|Health))(?![\w-])"
    )
)


# A comma, then a street number before a capitalised word or a town's name (checked).
_ADDRESS_AFTER = re.compile(
    r",[ \t]*(?:\d{1,5}[A-Za-z]?[ \t]+[A-Z]|(?P<town>[A-Z][a-z]+(?:[ \t][A-Z][a-z]+)?)\b)"
)
# "Meadowbank Surgery": one proper word naming a GP practice (checked against the lexicon).
_ADJECTIVE_END = re.compile(r"(?:ic|al|ar|ary|ive|ous|ology|logy|atry|iatrics?)$")
# The articles and prepositions inside a Romance facility's name ("Hospital General de los
# Andes", "Ospedale di Santa Maria delle Grazie", "Clinique des Lacs de l'Estuaire"), and an
# article elided onto the word after it ("d'Arrée", "l'Estuaire").
_ROMANCE_PARTICLE = (
    r"(?:de[ \t]la|de[ \t]los|de[ \t]las|de|del|des|du|la|le|los|las|di|della|delle|dello|degli|"
    r"dei|da|do|dos|das|y|e)"
)
_ELIDED = r"(?:[dlDL][’'])?"
# A facility word first, as Spanish, Portuguese, Italian and French write it: "Hospital San
# Cristóbal", "Clínica Santa Rosa", "Ospedale Maggiore di Lodi"; the first name word must
# be a saint's title, a Romance preposition, or no English word ("Hospital Course" is a
# section, "Hospital Day 3" a count).
_HEAD_FIRST = re.compile(
    r"(?<![\w-])(?:Hospital|Hôpital|Ospedale|Clínica|Clinica|Sanatorio|Policlínica|Policlinico|"
    r"Centro[ \t]+(?:Médico|Medico|de[ \t]+Salud|de[ \t]+Saúde|Hospitalario)|Clinique|"
    # France's general and teaching hospitals and health centres ("Centre Hospitalier des
    # Monts", "Centre Hospitalier Universitaire de Nantes", "Centre de Santé Les Tilleuls")
    # (French writes the words after "Centre" in lower case too: "Centre hospitalier
    # régional du Grand-Portage"), and Quebec's and France's old name for a city's hospital
    # ("Hôtel-Dieu de Lévis")
    r"Centre[ \t]+(?:(?i:hospitalier)(?:[ \t]+(?i:universitaire|régional|regional|"
    r"intercommunal|spécialisé))?|Médical|de[ \t]+Santé)|H[ôo]tel-Dieu|"
    # Polish, Czech, German and Dutch ("Przychodnia Pod Kopcem", "Szpital Miejski",
    # "Klinikum Nord", "Nemocnice Na Homolce")
    r"Przychodnia|Szpital|Klinika|Poliklinika|Nemocnice|Klinikum|Krankenhaus|Ziekenhuis|"
    # Belgium's "AZ" (general hospital), Indonesia's "RS"/"RSUD"/"Rumah Sakit" and "Klinik",
    # Vietnam's "Bệnh viện" ("AZ Scheldeoever", "RS Bunda Sehat", "Bệnh viện Đa khoa Cồn Ấu")
    r"AZ|RS|RSU|RSUD|RSIA|Rumah[ \t]+Sakit|Klinik|Puskesmas|Bệnh[ \t]+[Vv]iện|BỆNH[ \t]+VIỆN)[ \t]+"
    rf"(?P<first>{_ELIDED}[A-ZÁÉÍÓÚÑĐ][\w'’-]+|{_ROMANCE_PARTICLE})"
    rf"(?:[ \t](?:{_ROMANCE_PARTICLE}[ \t])?{_ELIDED}[A-ZÁÉÍÓÚÑŁŚŻŹ][\w'’-]+){{0,3}}"
    r"(?![\w'’-])"
)
# The same in every language facility_words lists, the head first or last, any case; the name
# words capitalised in any script ("Bolnica Sveti Duh", "Νοσοκομείο Αγία Όλγα", "Szent Margit
# Kórház", "Ankara Şehir Hastanesi"): checked by _foreign_head_name.
_CAP_ANY = r"[^\W\d_][\w'’.-]*"
_PARTICLE = r"(?:de|del|di|da|do|dos|la|y|e|na|u|v|im|am|an|der|den)"
_WORLD_HEAD_FIRST = accelerated(
    re.compile(
        r"(?<![\w-])(?i:" + "|".join(sorted(HEADS_FIRST, key=len, reverse=True)) + r")[ \t]+"
        rf"(?P<name>{_CAP_ANY}(?:[ \t](?:{_PARTICLE}[ \t])?{_CAP_ANY}){{0,3}})(?![\w'’-])"
    )
)
# (the head found first, then the name read back from it: a pattern opening with any
# capitalised word would be tried at every word of every note)
_WORLD_HEAD_LAST = accelerated(
    re.compile(
        r"(?<![\w'’-])(?i:" + "|".join(sorted(HEADS_LAST, key=len, reverse=True)) + r")(?![\w'’-])"
    )
)
# A facility's word and its name in quotation marks, as Slavic, Baltic, Romanian and Turkish
# papers write it ("больница «Неман-Мед»", "ligoninė „Santara“", "Spitalul \"Sfânta Maria\""):
# the quotes make the name, in any case and script.
# (a centre's word too: the quotes make it a name)
_QUOTED_HEADS = HOSPITAL_WORDS | {"центр", "маркази", "center", "centre", "centro", "merkezi"}
# (found from the opening quote back: the heads' alternation tried at every character cost
# more than the rest of the facility rules)
_QUOTED_NAME = re.compile(QUOTED_NAME)
_HEAD_BEFORE_QUOTE = re.compile(
    r"(?<![\w'’-])(?i:" + "|".join(sorted(_QUOTED_HEADS, key=len, reverse=True)) + r")"
    # a word or two of its kind between ("Маркази саломатии «Ситора»", "Центр здоровья «X»")
    r"(?:[ \t]+[^\W\d_]+){0,2}[ \t]*\Z"
)
# A facility named in Chinese, Japanese or Korean: the name, then its kind's word, no blank
# between ("慈暉醫院", "仁愛病院", "서울의원", "さくらクリニック").
_CJK = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]")
_CJK_FACILITY = re.compile(
    r"[\u4e00-\u9fff\u3040-\u30ff]{2,8}?(?:醫院|医院|病院|診所|诊所|衛生院|卫生院|衛生所|卫生所|"
    r"クリニック)|[\uac00-\ud7af]{2,8}?(?:병원|의원|보건소)"
)
_NAME_BEFORE_HEAD = re.compile(rf"(?<![\w'’-])({_CAP_ANY}(?:[ \t]{_CAP_ANY}){{0,2}})[ \t]+$")
_WORLD_HEADS = tuple(sorted(HEADS_FIRST | HEADS_LAST))
_HEAD_FIRST_HINTS = ("Hosp", "Hôp", "Cl", "Ospedale", "Centro", "Centre", "Przychodnia", "Szpital",
                     "Klini", "Polikl", "Nemocnice", "Krankenhaus", "Ziekenhuis", "AZ ", "RS",
                     "Rumah", "Puskesmas", "Bệnh", "BỆNH", "tel-Dieu")  # fmt: skip
_LEVELS = frozenset({"ii", "iii", "iv", "v"})
_SAINTS = frozenset({"san", "santa", "santo", "são", "sao", "saint", "sainte", "st", "nuestra",
                     "nossa", "de", "del", "di", "da", "do", "la", "las", "los", "el", "le",
                     "les", "des", "du", "della", "delle", "dello", "degli", "dei", "dos",
                     "das"})  # fmt: skip
# A Romance hospital's kind after its word ("Hospital General", "Ospedale Civile", "Hôpital
# Militaire"): the name only when a name follows ("Hospital General de los Andes").
_ROMANCE_KINDS = frozenset({"general", "central", "regional", "provincial", "municipal",
                            "universitario", "universitaire", "universitaria", "civil", "civile",
                            "militar", "militaire", "militare", "naval", "infantil", "nacional",
                            "national", "metropolitano", "distrital", "comarcal", "cantonal",
                            "departamental", "privado", "privé", "maggiore", "italiano",
                            "británico", "britanico", "alemán", "aleman", "francés", "español",
                            "materno", "psiquiátrico", "psiquiatrico", "pediátrico",
                            "pediatrico"})  # fmt: skip
_NAMED_SURGERY = accelerated(
    re.compile(
        r"(?<![\w-])([A-Z][a-z]{3,})\s+Surgery(?![\w-])"
        # two words, the first a name or place: "Haydon Bridge Surgery"
        r"|(?<![\w-])([A-Z][a-z]{3,})[ ]([A-Z][a-z]{3,})[ ]Surgery(?![\w-])"
    )
)


def _in_compound(view: TokenView, i: int) -> bool:
    """Word i is glued by a hyphen to a letter or digit (part of "R-CHOP", not a name), or
    is a part of a run without blanks that holds a digit (a record number's site letters:
    "RCH/IP/2018/0391"; "MGH/BWH" stays)."""
    w = view.words[i]
    text = view.text
    before = text[w.start - 2 : w.start] if w.start >= 2 else ""
    after = text[w.end : w.end + 2]
    if (len(before) == 2 and before[1] == "-" and before[0].isalnum()) or (
        len(after) == 2 and after[0] == "-" and after[1].isalnum()
    ):
        return True
    if "/" not in before and "/" not in after[:1]:
        return False
    start = w.start
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    end = w.end
    while end < len(text) and not text[end].isspace():
        end += 1
    return any(c.isdigit() for c in text[start:end])
