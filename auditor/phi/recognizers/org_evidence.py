"""Organisation and facility names of everyday words, found by two pieces of evidence together.

The grammar in :mod:`organizations` and :mod:`facilities` needs a head word ("Clinic",
"Inc") or a name-like word in front of it; "referred to Pinecrest Oncology", "records from
Summit Family Physicians", "Agency: Harbor Light Services" and a letterhead line under a
doctor's name have neither. spaCy's NER tags such runs ORG, but alone it also tags every
department ("Internal Medicine", "Infection Control", "Pain Management"), which multiplied
false alarms five-fold when it was tried as a detector. So a run counts only when:

1. it stands where names of organisations stand: after a preposition or verb cue, after a
   form label (Employer:, Insurer:, Agency:), or alone on a letterhead or sign-off line;
2. one of its words names rather than describes: no stop word, clinical term, department or
   service word, adjective, month or title;
3. NER labels it (or most of it) ORG or FAC.

A run that stands where no cue is ("She plays netball for Eastgate Falcons", "Canada Post",
"Lowfield Mutual Insurance, fax ...") is a candidate too, on stricter terms: two capitalised
words at least (a sentence's everyday first words dropped: "Also", "Using"), no clinical term,
product or eponym among them, no label of a number after it, one word only a name explains
(Title case, no English word or demonym), and two of its words tagged ORG or FAC; NER's own
words give the span. The de-identifier's sweep never replaces such a run by itself.

NER runs only on the lines that hold a candidate and is loaded on first need, so a text with
none costs a regex scan. HOSPITAL or ORGANIZATION is chosen by the run's head words and cue.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from auditor.phi.calendar import MONTH, WEEKDAY
from auditor.phi.entities import Entity
from auditor.phi.recognizers.lexicon import (
    FACILITY_WORDS,
    GRADES,
    HOSPITAL_LAB_WORDS,
    MEDICAL_SUFFIX,
    POST_TITLES,
    PRACTICE_HEADS,
    RELATIVES,
    TITLES,
    US_STATE_ABBREVIATIONS,
    Lexicon,
)
from auditor.phi.recognizers.not_persons import DEMONYMS
from auditor.phi.recognizers.organizations import PROGRAMMES
from auditor.phi.stop_words import STOP_WORDS

HOSPITAL_SCORE = 0.6
ORGANIZATION_SCORE = 0.62
WINDOW = 240  # characters of the candidate's line that NER reads, at most
LOOSE_WINDOW = 100  # the same for a candidate no cue found

# Words that describe a hospital's own departments, services and programmes, or the
# structure of any organisation ("Infection Control", "Patient Relations", "Step Down
# Unit", "Case Management"): a run of only these names nothing.
SERVICE_WORDS = frozenset(
    {"care", "therapy", "therapies", "medicine", "management", "control", "relations",
     "service", "services", "department", "dept", "unit", "units", "board", "team", "teams",
     "bank", "lab", "labs", "laboratory", "laboratories", "store", "office", "program",
     "programme", "clinic", "clinics", "center", "centre", "step", "down", "floor", "ward",
     "station", "registry", "records", "admissions", "admitting", "billing", "security",
     "transport", "dietary", "nutrition", "pharmacy", "radiology", "pathology", "imaging",
     "health", "medical", "affairs", "administration", "compliance", "quality", "safety",
     "education", "research", "support", "urgent", "primary", "emergency", "infection",
     "patient", "patients", "speech", "language", "occupational", "physical", "respiratory",
     "social", "work", "worker", "case", "pain", "tumor", "tumour", "sports", "wound",
     "nuclear", "acute", "skilled", "behavioral", "behavioural", "outpatient", "inpatient",
     "surgery", "surgical", "rehab", "rehabilitation", "dialysis", "endoscopy",
     "sleep", "heart", "lung", "kidney", "vascular", "stroke", "trauma", "burn", "cancer",
     "transplant", "vein", "spine", "brain", "eye", "ear", "nose", "throat", "skin", "bone",
     "joint", "foot", "hand", "women", "womens", "women's", "children", "children's",
     "family", "home", "hospital", "hospice", "palliative", "mental", "public", "community",
     "county", "state", "national", "federal", "city", "district", "regional", "general",
     "central", "main", "north", "south", "east", "west", "northern", "southern", "eastern",
     "western", "upper", "lower", "new", "old", "day", "night", "weekend", "intensive",
     "critical", "step-down", "stepdown", "observation", "holding", "recovery", "triage",
     "float", "pool", "staffing", "chaplaincy", "spiritual", "interpreter", "interpreters",
     "volunteer", "volunteers", "food", "environmental", "facilities", "engineering",
     "information", "technology", "systems", "desk", "line", "hotline", "helpline", "call",
     "access", "intake", "referral", "referrals", "scheduling", "appointments", "clinical",
     "trials", "trial", "study", "studies", "review", "committee", "council", "panel",
     "conference", "rounds", "huddle", "meeting", "group", "groups", "class", "classes",
     "school", "college", "university", "institute", "foundation", "association", "society",
     "agency", "authority", "ministry", "court", "police", "fire", "ambulance", "rescue",
     "protective", "protection", "child", "adult", "elder", "senior", "youth", "veterans",
     "veteran", "insurance", "plan", "plans", "benefits", "claims", "member",
     "members", "provider", "providers", "network", "partners", "associates", "practice",
     "physicians", "doctors", "nurses", "nursing", "specialists", "surgeons", "consultants",
     "life", "flight", "air", "ground", "mobile", "home-based", "virtual", "online",
     "telehealth", "telemedicine", "walk-in", "express", "direct", "plus", "first", "one",
     "grocery", "shop", "market", "supermarket", "restaurant", "factory", "warehouse",
     "company", "firm", "business", "corporate", "headquarters", "branch", "site", "campus",
     "building", "wing", "tower", "pavilion", "annex", "suite", "room", "bay", "bed", "pod",
     # kinds of congregation and club: "the Baptist Church", "the Golf Club"
     "church", "chapel", "mosque", "temple", "synagogue", "parish", "congregation",
     "baptist", "methodist", "catholic", "lutheran", "presbyterian", "episcopal",
     "pentecostal", "evangelical", "orthodox", "adventist", "christian", "anglican",
     "club", "golf", "tennis", "yacht", "country", "gym", "fitness", "library",
     # the hospital's own operations, events and modes of arrival
     "supply", "supplies", "vehicle", "private", "labor", "labour", "delivery",
     "failure", "track", "fast", "lobby", "cafeteria", "parking", "valet", "sterile",
     "processing", "materials", "equipment", "resources", "operations", "purchasing",
     "receiving", "shipping", "mail", "courier", "assurance", "improvement", "morbidity",
     "mortality", "grand", "journal", "simulation", "skills",
     # who a department serves or what it runs: "Participant Services", "People & Culture"
     "participant", "participants", "customer", "customers", "client", "clients", "guest",
     "guests", "student", "students", "staff", "employee", "employees", "people", "culture",
     "human", "legal", "finance", "financial", "donor", "donors", "family's", "visitor",
     "visitors", "child's",
     "heme", "onc", "neuro", "cardiac", "cardio", "pulm", "renal", "gi", "ent", "ob", "gyn",
     "peds", "psych", "ortho", "uro", "derm", "rheum", "endo", "id", "icu", "ed", "er", "or"}
) | HOSPITAL_LAB_WORDS  # fmt: skip
# Head words that make a confirmed run a facility (HOSPITAL); other runs are organisations.
_FACILITY_TYPE = (
    frozenset(
        {
            "hospital",
            "clinic",
            "clinics",
            "care",
            "lab",
            "labs",
            "laboratory",
            "imaging",
            "endoscopy",
            "therapy",
            "rehab",
            "rehabilitation",
            "dialysis",
            "surgery",
            "radiology",
            "pathology",
            "medical",
            "physicians",
            "practice",
            "hospice",
            "infirmary",
            "pediatrics",
            "paediatrics",
            "orthopaedics",
            "orthopedics",
            "dermatology",
            "oncology",
            "cardiology",
            "urgent",
            "surgical",
            "surgeons",
            "specialists",
            "eye",
            "dental",
            "dentistry",
        }
    )
    | FACILITY_WORDS
    | frozenset(PRACTICE_HEADS)
) - frozenset({"group", "partners", "associates", "services", "service", "agency", "health"})
# Cues after which a facility is meant whatever its words: a patient moves or is seen there.
_FACILITY_CUES = frozenset(
    {"admitted", "transferred", "transfer", "discharged", "seen", "treated", "delivered",
     "presented", "referred", "referral", "dialyses", "dialyzes", "dialysis", "sent", "records",
     "films", "imaging", "biopsy", "scan", "mri", "ct", "colonoscopy", "exam", "pt"}
)  # fmt: skip
# Labels whose value is a person or a firm: "Examiner: <firm>", "Provider: <practice>".
_EITHER_LABELS = frozenset(
    {
        "examiner",
        "provider",
        "referring",
        "referred",
        "cc",
        "copy",
        "attn",
        "sponsor",
        "vendor",
        "contractor",
        "supplier",
    }
)
_STATE_CODES = frozenset(code.upper() for code in US_STATE_ABBREVIATIONS)
_CALENDAR = re.compile(rf"(?:{MONTH}|{WEEKDAY})\.?", re.IGNORECASE)
_POSSESSIVE = re.compile(r"['’]s?$")
_NUMBER_AFTER = re.compile(r"[ \t]*+(?:(?:#|:|no\.?|number)[ \t]*+)?\d", re.IGNORECASE)
_ABSTRACT_END = re.compile(r"(?:ity|ment|tion|sion|ance|ence|ness|ship|ics)$")
_ADJECTIVE_END = re.compile(r"(?:ic|al|ar|ary|ive|ous|ory|ical|ology|logy|atry|iatrics?)$")

# A run of capitalised words on one line: Title case, capitals, or an inner capital
# ("LinguaBridge"); "of", "of the", "and", "&" may join them.
_WORD = r"(?:[A-Z][a-z][\w'’]*(?:-[A-Za-z][\w'’]*)*|[A-Z]{2,5}|[A-Z][a-z]+[A-Z][a-z]+)"
_RUN = rf"({_WORD}(?:(?:[ ](?:of(?:[ ]the)?|and|&)[ ]|[ ]){_WORD}){{0,4}})"
# The candidates' contexts: a cue word ending right before the run, a form's label, or the
# run alone on its line.
_PREP = re.compile(
    r"(?<![\w-])((?i:[a-z]+)[ \t]+)?((?i:at|from|to|with|by|via|through))[ \t]+"
    r"(?:(?i:the)[ \t]+)?" + _RUN + r"(?![\w-])"
)
_LABELS = (
    r"employer|insurer|insurance|insurance\s+co(?:mpany)?|payer|payor|carrier|pharmacy|"
    r"school|college|nursery|daycare|day\s*care|agency|examiner|vendor|supplier|contractor|"
    r"facility|provider|practice|company|organi[sz]ation|laboratory|lab|place|program|"
    r"programme|union|church|club|workplace|referring\s+(?:practice|facility|hospital|"
    r"clinic|provider|organi[sz]ation)|referred\s+(?:by|from)|care\s+home|nursing\s+home|"
    r"home\s+care|dialysis\s+unit|transferred\s+(?:from|to)|hospital|clinic|surgery|gp|"
    r"gp\s+practice|dentist|optician|optometrist|sponsor|health\s+plan|firm|cc|copy\s+to|attn"
)
_LABEL = re.compile(
    # "Pharmacy:", "Pharmacy on file:", "Employer (current):"
    # (a gap opens only where blanks start, and blanks are read once: linear in a long run)
    r"(?im:(?:^|[;|.!?]|(?<![ \t])[ \t]{2})[ \t]*+(" + _LABELS + r")(?:[ \t]+[a-z]+){0,2}[ \t]*"
    r"(?:\([a-z ]+\)[ \t]*)?[:#-][ \t]*)"
    r"(?:(?i:the)[ \t]+)?" + _RUN + r"(?![\w-])"
)
# The name in brackets after the kind of place it is: "Son's daycare (Tiny Steps)".
# A name in brackets after the kind of body it is: "daycare (Little Acorns)". Found from the
# bracket (a literal, cheap to find), the kind word then read just before it.
_BRACKETED = re.compile(r"\([ \t]*" + _RUN + r"[ \t]*\)")
_BRACKET_KIND = re.compile(
    r"(?i:daycare|day\s+care|nursery|preschool|school|college|employer|workplace|agency|"
    r"insurer|pharmacy|practice|church|club|care\s+home|nursing\s+home|home\s+care|hospice|"
    r"lab|dialysis|facility|rehab|shelter|charity)[ \t]*$"
)
# The name after a lower-case word for the kind of body it is, with no label's colon: "via
# agency X", "the charity X", "orphanage X" (the kind word is a common noun, so the
# capitalised run after it is the body's own name).
_KINDS = (
    "agency|charity|orphanage|shelter|employer|insurer|company|firm|vendor|foundation|"
    "nonprofit|non-profit|organi[sz]ation|congregation|mission|ministry|union|club|daycare|"
    "nursery|preschool|school|college|university|pharmacy|hospice|practice|clinic|carrier|"
    "provider|contractor|sponsor|trust|cooperative|co-op"
)
_KIND_FACILITY = frozenset({"pharmacy", "hospice", "practice", "clinic"})
_KIND = re.compile(r"(?<![\w-])(" + _KINDS + r")[ \t]+(?:(?i:the)[ \t]+)?" + _RUN + r"(?![\w-])")
# A run that ends in the word for a body of people, anywhere in mixed-case text: "thanks to
# Lantern House Family Services", "a grant from the X Foundation" (the head says what it is;
# the run must still hold a naming word and NER must tag it, see the module doc).
_BODY_HEADS = (
    "Services|Association|Foundation|Alliance|Network|Guild|Society|Coalition|Council|League|"
    "Ministries|Outreach|Collective|Cooperative|Federation|Mission|Charities|Charity|"
    "Partnership|Initiative|Project"
)
_BODY_HEAD_WORDS = frozenset(_BODY_HEADS.split("|"))
_ANY_BODY_HEAD = re.compile(r"(?<=[a-z'’] )(?:" + _BODY_HEADS + r")(?![\w-])")
_HEADED = re.compile(
    r"(?<![\w'’&-])((?:" + _WORD + r"(?:[ ](?:of(?:[ ]the)?|and|&|for)[ ]|[ ])){1,4}"
    r"(?:" + _BODY_HEADS + r")(?:[ ]of(?:[ ]the)?[ ][A-Z][a-z]+(?:[ ][A-Z][a-z]+)?)?)(?![\w-])"
)
_LEADING = re.compile(r"(?:(?:The|A|An|Our|Their|His|Her|My|Your|This|That)[ ])+")
_ALONE = re.compile(r"(?m:^[ \t]*+" + _RUN + r"[ \t]*+[,.]?[ \t]*+$)")
# Any run, wherever it stands ("She plays netball for Eastgate Falcons", "Canada Post",
# "Lowfield Mutual Insurance, fax ..."): cue-free, so two words at least and NER's own extent.
_ANYWHERE = re.compile(r"(?<![\w'’&-])" + _RUN + r"(?![\w-])")
# Where a sentence starts: its first word is capitalised whatever it is ("Also Rotech").
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\n]|[\"“(—–-])[ \t]*$")
_LETTERHEAD_NEAR = re.compile(
    r"\d|(?<![\w])(?:Dr|MD|RN|NP|PA|DO|PhD|FRCP|MBBS|MRCGP|FACP|Tel|Fax|Phone|Re)(?![\w])"
)


@dataclass(frozen=True, slots=True)
class Candidate:
    """A run of capitalised words in a place where organisation names stand."""

    start: int
    end: int
    facility_cue: bool  # the cue says a place of care (admitted to, records from, ...)
    # The label names a person or a firm alike ("Examiner:", "Provider:"): a PERSON tag
    # confirms it too, for either is identifying.
    either: bool = False
    # Found by no cue, only as a run of capitalised words: NER's own extent is kept.
    loose: bool = False


class OrgEvidence:
    """Candidates by context and naming words; confirmed by NER labels (see module doc)."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon

    # -- words -------------------------------------------------------------------------
    def naming(self, word: str) -> bool:
        """A word that names rather than describes: no stop word, term, service word,
        adjective, month, title or state."""
        key = word.lower().strip(".,'’")
        lex = self.lexicon
        if len(key) < 2 or key in STOP_WORDS or key in lex.stoplist or key in SERVICE_WORDS:
            return False
        if key in TITLES or key in POST_TITLES or key in RELATIVES or key in lex.states:
            return False
        if key in PROGRAMMES or key.startswith("medi"):
            return False  # Medicare, Medicaid, Medigap: public programmes, no firm
        if _CALENDAR.fullmatch(key) or MEDICAL_SUFFIX.search(key):
            return False
        if word.isupper():
            # an acronym names only when it is no English word or clinical abbreviation
            return len(key) >= 2 and not lex.is_english(key)
        # an English adjective or abstract noun describes: "Quality", "Management"
        return not (
            lex.is_english(key) and (_ADJECTIVE_END.search(key) or _ABSTRACT_END.search(key))
        )

    def _words(self, text: str, start: int, end: int) -> list[re.Match[str]]:
        return [
            m
            for m in re.finditer(r"[A-Za-z][\w'’-]*", text[start:end])
            if m.group().lower() not in {"of", "the", "and"}
        ]

    # -- candidates --------------------------------------------------------------------
    def candidates(self, text: str, *, loose: bool = True) -> list[Candidate]:
        """Runs in an organisation's place with at least one naming word; mixed-case text
        only (in capitals every word looks like a name). ``loose``: also the runs no cue
        places (see the module doc), which only NER can confirm."""
        found: dict[tuple[int, int], Candidate] = {}
        for m in _PREP.finditer(text):
            verb = (m.group(1) or "").strip().lower()
            # "delivered at X" is a birth's place, "delivered by X" a supplier
            place = m.group(2).lower() in {"at", "to", "from", "via"}
            if m.group(2).lower() == "via" and " " not in m.group(3):
                continue  # "via PharmOutcomes", "via MyChart": a channel, not a place
            self._add(found, text, m.start(3), m.end(3), place and verb in _FACILITY_CUES)
        for m in _LABEL.finditer(text):
            label = m.group(1).lower()
            facility = any(w in label for w in ("pharmacy", "lab", "facility", "hospital",
                                                 "clinic", "practice", "surgery", "home",
                                                 "dialysis", "transferred", "gp"))  # fmt: skip
            either = label.split()[0] in _EITHER_LABELS
            self._add(found, text, m.start(2), m.end(2), facility, either=either)
        for m in _BRACKETED.finditer(text):
            if _BRACKET_KIND.search(text, max(0, m.start() - 40), m.start()):
                self._add(found, text, m.start(1), m.end(1), False)
        for m in _KIND.finditer(text):
            self._add(found, text, m.start(2), m.end(2), m.group(1) in _KIND_FACILITY)
        if _ANY_BODY_HEAD.search(text):
            for m in _HEADED.finditer(text):
                lead = _LEADING.match(text, m.start(1))
                self._add(found, text, lead.end() if lead else m.start(1), m.end(1), False)
        for m in _ALONE.finditer(text):
            if self._letterhead(text, m.start(1), m.end(1)):
                self._add(found, text, m.start(1), m.end(1), False)
        if not loose:
            return sorted(found.values(), key=lambda c: c.start)
        cued = sorted(found)
        for m in _ANYWHERE.finditer(text):
            start, end = self._past_sentence_start(text, m.start(1), m.end(1))
            if len(text[start:end].split()) < 2 or any(s < end and start < e for s, e in cued):
                continue
            self._add(found, text, start, end, False, loose=True)
        return sorted(found.values(), key=lambda c: c.start)

    def _loose_name(
        self, text: str, words: Sequence[re.Match[str]], keys: Sequence[str], *, end: int
    ) -> bool:
        """A run found by no cue holds a word that only a name explains: Title case, no
        English word, demonym or clinical term ("Eastgate Falcons", "Duquesne Light"; not
        "the Credit Union", "College of American Pathologists", "Smith AG", "Mepilex Ag"),
        and is no label of the number after it ("Hosp No LG 221 9034")."""
        lex = self.lexicon
        if any(k in lex.stoplist for k in keys) or _NUMBER_AFTER.match(text, end):
            return False
        return any(
            not w.group().isupper()
            and self.naming(w.group())
            and not lex.is_english(_POSSESSIVE.sub("", k))
            and k not in DEMONYMS
            for w, k in zip(words, keys, strict=True)
        )

    def _past_sentence_start(self, text: str, start: int, end: int) -> tuple[int, int]:
        """A run that opens a sentence without its leading everyday words ("Also", "Using",
        "Premium"): capitalised there by grammar, not because they name."""
        if not _SENTENCE_START.search(text, max(0, start - 3), start):
            return start, end
        for word in self._words(text, start, end):
            key = word.group().lower()
            if not (key in STOP_WORDS or self.lexicon.is_english(key)):
                return start + word.start(), end
        return end, end

    def _add(
        self,
        found: dict[tuple[int, int], Candidate],
        text: str,
        start: int,
        end: int,
        fac: bool,
        *,
        either: bool = False,
        loose: bool = False,
    ) -> None:
        words = self._words(text, start, end)
        # Trailing weekdays and months are the sentence's ("... Care Monday"); a state's
        # code or a unit's acronym after the name is a place or a department ("from
        # Danielleview NY", "via Cumberland Valley ED"), not part of it.
        while len(words) > 1 and (
            _CALENDAR.fullmatch(words[-1].group().lower())
            or (words[-1].group().isupper() and not self.naming(words[-1].group()))
            or words[-1].group() in _STATE_CODES
        ):
            words.pop()
        if len(words) == 1 and _CALENDAR.fullmatch(words[0].group().lower()):
            return
        if not words:
            return
        if all(w.group().isupper() for w in words):
            return  # capitals only: a header or a shouted line, where every word looks proper
        keys = [w.group().lower().strip(".") for w in words]
        if any(k in TITLES or k in POST_TITLES for k in keys) or keys[0] in RELATIVES:
            return  # "to Dr Amari", "letter to GP Dr Farooq", "with Mum": a person
        grade = words[0].group()
        if keys[0] in GRADES and grade != grade.capitalize():
            return  # "SN Maricar", "SpR Geriatrics": a grade and a name or a specialty (not
            # the title-case Spanish or French "En")
        lex = self.lexicon
        if any(
            lex.is_first(k) and not lex.is_english(k) and i + 1 < len(keys)
            for i, k in enumerate(keys)
        ):
            return  # "by HCA Rebecca Park": a role and a person's first name and surname
        if not any(self.naming(w.group()) for w in words):
            return
        if len(words) == 1 and (words[0].group().isupper() or lex.is_english(keys[0])):
            return  # a lone acronym or English word is a term or a word as often as a name
        if loose and not self._loose_name(text, words, keys, end=start + words[-1].end()):
            return
        end = start + words[-1].end()
        key = (start, end)
        old = found.get(key)
        found[key] = Candidate(
            start,
            end,
            fac or (old is not None and old.facility_cue),
            either or (old is not None and old.either),
            loose and (old is None or old.loose),
        )

    def _of_place(self, text: str, c: Candidate, covered: Sequence[tuple[int, int]]) -> bool:
        """ "University of Parksfort", "Department of Health of X": the only naming words
        follow "of" and are found already (a place); the rest is an institution's kind."""
        span = text[c.start : c.end]
        of = re.search(r"\sof\s", span)
        if of is None:
            return False
        head = self._words(text, c.start, c.start + of.start())
        tail = self._words(text, c.start + of.end(), c.end)
        return not any(self.naming(w.group()) for w in head) and all(
            any(
                s <= c.start + of.end() + w.start() and c.start + of.end() + w.end() <= e
                for s, e in covered
            )
            for w in tail
            if self.naming(w.group())
        )

    @staticmethod
    def _letterhead(text: str, start: int, end: int) -> bool:
        return letterhead(text, start, end)

    # -- confirmation ------------------------------------------------------------------
    def confirm(
        self, text: str, cands: Sequence[Candidate], ents: Iterable[tuple[int, int, str]]
    ) -> list[tuple[int, int, str, float]]:
        """The candidates NER tags ORG or FAC over a naming word, typed by heads and cue."""
        ents = list(ents)
        named = [(s, e) for s, e, label in ents if label in {"ORG", "FAC"}]
        people = [(s, e) for s, e, label in ents if label == "PERSON"]
        out = []
        for c in cands:
            orgs = named + people if c.either else named
            words = self._words(text, c.start, c.end)
            tagged = [
                w
                for w in words
                if any(s <= c.start + w.start() and c.start + w.end() <= e for s, e in orgs)
            ]
            if not any(self.naming(w.group()) for w in tagged):
                continue
            if 2 * len(tagged) < len(words):
                continue  # NER took a word or two of a longer run: not the run it names
            start, end = c.start, c.end
            if c.loose:  # no cue says where the name ends: NER's words do, two at least
                if len(tagged) < 2:
                    continue
                words = tagged
                start, end = c.start + tagged[0].start(), c.start + tagged[-1].end()
            keys = {w.group().lower() for w in words}
            if words[-1].group() in _BODY_HEAD_WORDS:
                out.append((start, end, Entity.ORGANIZATION.value, ORGANIZATION_SCORE))
            elif c.facility_cue or keys & _FACILITY_TYPE:
                out.append((start, end, Entity.HOSPITAL.value, HOSPITAL_SCORE))
            else:
                out.append((start, end, Entity.ORGANIZATION.value, ORGANIZATION_SCORE))
        return out

    def find(
        self,
        text: str,
        covered: Sequence[tuple[int, int]],
        ner: Callable[[list[str]], list[list[tuple[int, int, str]]]] | None,
        ents: Iterable[tuple[int, int, str]] | None = None,
        *,
        shouting: bool = False,
        terms: Sequence[tuple[int, int]] = (),
    ) -> list[tuple[int, int, str, float]]:
        """Confirmed runs of ``text`` that no span in ``covered`` already holds whole.

        ``ents`` are NER entities over the whole text when the engine ran NER anyway;
        otherwise ``ner`` is called once with the candidates' lines (loaded on first need).
        A ``shouting`` text (all capitals or none) has no capitals to read: nothing is found.
        ``terms`` are the words of eponyms ("Stevens-Johnson", "Pell & Gregory II-B"): a run
        found by no cue that holds one is a clinical term.
        """
        question = self.question(text, covered, shouting=shouting, terms=terms)
        if question is None:
            return []
        if ents is not None:
            return self.confirm(text, question.candidates, ents)
        if ner is None:
            return []
        return self.answer(question, ner(question.lines))

    def question(
        self,
        text: str,
        covered: Sequence[tuple[int, int]],
        *,
        shouting: bool = False,
        terms: Sequence[tuple[int, int]] = (),
    ) -> Question | None:
        """What NER must read to confirm ``text``'s candidates (see :meth:`find`), or None
        when there is none: the engine asks NER once for a whole batch of texts."""
        if shouting:
            return None
        cands = [
            c
            for c in self.candidates(text)
            if not any(s <= c.start and c.end <= e for s, e in covered)
            and not self._of_place(text, c, covered)
            and not (c.loose and any(s < c.end and c.start < e for s, e in terms))
        ]
        if not cands:
            return None
        return Question(text, cands, sorted({_window(text, c) for c in cands}))

    def answer(
        self, question: Question, tagged: Sequence[Sequence[tuple[int, int, str]]]
    ) -> list[tuple[int, int, str, float]]:
        """The confirmed runs, given NER's entities over each of ``question.lines``."""
        found = [
            (ws + s, ws + e, label)
            for (ws, _), spans in zip(question.windows, tagged, strict=True)
            for s, e, label in spans
        ]
        return self.confirm(question.text, question.candidates, found)


@dataclass(frozen=True, slots=True)
class Question:
    """A text's candidates and the windows of it NER must read to confirm them."""

    text: str
    candidates: list[Candidate]
    windows: list[tuple[int, int]]

    @property
    def lines(self) -> list[str]:
        return [self.text[s:e] for s, e in self.windows]


def _window(text: str, c: Candidate) -> tuple[int, int]:
    """The candidate's line, cut to ``WINDOW`` characters around it at spaces (a cue-free
    candidate's to ``LOOSE_WINDOW``: there are many more of them)."""
    half = (LOOSE_WINDOW if c.loose else WINDOW) // 2
    start = text.rfind("\n", 0, c.start) + 1
    end = text.find("\n", c.end)
    end = len(text) if end == -1 else end
    if c.start - start > half:
        cut = text.find(" ", c.start - half, c.start)
        start = cut + 1 if cut != -1 else c.start
    if end - c.end > half:
        cut = text.rfind(" ", c.end, c.end + half)
        end = cut if cut != -1 else c.end
    return start, end


def letterhead(text: str, start: int, end: int) -> bool:
    """``text[start:end]`` is a line alone of two or more words beside a letterhead's or
    sign-off's other lines (an address, a phone, a doctor's name or credential)."""
    if len(text[start:end].split()) < 2:
        return False
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end == -1 else line_end
    if text[line_start:start].strip() or text[end:line_end].strip(" \t,."):
        return False
    before = text.rfind("\n", 0, max(0, line_start - 1))
    after = text.find("\n", line_end + 1)
    near = text[max(0, before) : line_start] + text[line_end : after if after != -1 else len(text)]
    return bool(_LETTERHEAD_NEAR.search(near))


# Head words that end no person's name: a "person" span ending in one is a facility or firm
# the name lists read first ("Silver Lake Dermatology", "Westfield High").
_FACILITY_ENDS = frozenset(
    {"hospital", "clinic", "clinics", "dermatology", "radiology", "pathology", "cardiology",
     "oncology", "nephrology", "neurology", "urology", "pediatrics", "paediatrics",
     "orthopedics", "orthopaedics", "rheumatology", "gastroenterology", "endoscopy",
     "imaging", "dialysis", "lab", "labs", "laboratory", "therapy", "physiotherapy",
     "pharmacy", "physicians", "surgery", "rehab", "rehabilitation", "hospice", "infirmary",
     "healthcare", "diagnostics", "medical"}
)  # fmt: skip
_ORGANIZATION_ENDS = frozenset(
    {"school", "academy", "college", "university", "elementary", "preschool", "daycare",
     "kindergarten", "montessori", "logistics", "insurance", "assurance", "mutual",
     "pharmaceuticals", "technologies", "industries", "enterprises", "solutions", "services",
     "associates", "partners", "inc", "llc", "ltd", "corp", "corporation", "company",
     "foundation", "association", "alliance", "network", "society", "guild", "coalition",
     "league", "ministries", "outreach", "federation", "charity", "charities"}
)  # fmt: skip


def retype_persons(text: str, spans: list[tuple[int, int, str]]) -> list[str]:
    """The type each span should have: a PERSON span of two words or more whose last word is
    a facility's or firm's head becomes HOSPITAL or ORGANIZATION; others keep theirs."""
    out = []
    for start, end, kind in spans:
        if kind == Entity.PERSON.value:
            words = re.findall(r"[A-Za-z][\w'’]*", text[start:end])
            last = words[-1].lower() if len(words) >= 2 else ""
            if last in _FACILITY_ENDS:
                kind = Entity.HOSPITAL.value
            elif last in _ORGANIZATION_ENDS:
                kind = Entity.ORGANIZATION.value
        out.append(kind)
    return out
