"""General word lists the recognizers share: census names, US places, common words, stop list.

Loaded once per engine (a few hundred milliseconds) and passed to the recognizers that need
them; nothing here is module-level state.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from typing import Any

from auditor.phi.recognizers.not_persons import EHR_PRODUCTS, PRODUCTS
from auditor.phi.resources import lines as resource_lines
from auditor.phi.resources import words as resource_words
from auditor.phi.stop_words import STOP_WORDS

# The armed forces' ranks and ratings as military and veterans' hospitals write them before a
# surname ("SSG Runnels", "HM3 Fiordaliso", "TSgt Wennerstrom", "Maj Tillinghast-Soto"); not
# those that are clinical abbreviations too (SPC suprapubic catheter, A1C, PO2, LTC, CDR, CSM,
# HN, COL, LT, GEN) nor "Pvt" of "Pvt. Ltd.".
MILITARY_RANKS = frozenset(
    {"pfc", "pv2", "ssg", "sfc", "1sg", "sgm", "1lt", "2lt", "wo1", "cw2", "cw3", "cw4",
     "cw5", "hm1", "hm2", "hm3", "po1", "po3", "cpo", "scpo", "mcpo", "ens", "ltjg", "lcdr",
     "lcpl", "ssgt", "tsgt", "msgt", "smsgt", "cmsgt", "gysgt", "1stsgt", "sgtmaj", "sra",
     "amn", "maj", "capt"}
)  # fmt: skip
# Cue words. Lower-cased, compared with TokenView keys.
TITLES = (
    frozenset(
        {
            "dr",
            "doctor",
            "mr",
            "mrs",
            "ms",
            "miss",
            "mister",
            "missus",
            "prof",
            "professor",
            "rev",
            # Singapore's and Malaysia's "Madam" before a married woman's own name ("Mdm Ng Poh
            # Lian"); not "Fr", a catheter's French size as often as a priest ("20 Fr PEG")
            "mdm",
            # Filipino forms of address before a given name ("Aling Nena", "Mang Tonyo")
            "aling",
            "mang",
            # police ranks before a surname, abbreviated ("Det. Ostrowicz", "Sgt Pryce")
            "det",
            "sgt",
            "ofc",
            "insp",
            "supt",
            # (Canada's and Britain's constables and corporals: "Cst. Wozny", "Cpl Hartigan")
            "cst",
            "cpl",
        }
    )
    | MILITARY_RANKS
)
# (the ranks take a capitalised surname only: "Det. card # ..." is the detective's card)
RANKS = frozenset({"det", "sgt", "ofc", "insp", "supt", "cst", "cpl"}) | MILITARY_RANKS
# The ranks spelled out, before a surname ("Officer Maddigan") or after a force's initials
# ("KPD officer"): one list for the name rule and the organisation rule's gate.
SPELLED_RANKS = (
    "officer", "detective", "trooper", "deputy", "sergeant", "constable", "lieutenant",
    "inspector", "corporal", "patrolman", "agent",
)  # fmt: skip
# Forms of address beside a name and never part of it, the cue titles above and those
# that are no cue of their own ("Sir", "Fr.", "Sra.", Quebec's "Dre", Italian "Dott."):
# read by every rule that trims a title off a name (table cells, capitalised runs).
HONORIFICS = TITLES | frozenset(
    {"mx", "sir", "dame", "fr", "sr", "sra", "srta", "dre", "dott", "drs", "messrs",
     # an elder addressed as kin in Australian, Pacific and South Asian English ("Aunty Bev")
     "aunty", "auntie",
     # Spanish, German, French, Malay and Indian forms ("Señora Vega", "Frau Keller", "Puan
     # Noraini", "Smt. Lakshmi")
     "señor", "señora", "senor", "senora", "señorita", "herr", "frau", "mme", "mlle", "puan",
     "encik", "cik", "datuk", "dato", "datin", "shri", "smt",
     # a police constable's ("Const Dlamini"), a Māori elder's ("Matua Rewi") and an East
     # African elder's ("Mzee Onesmus")
     "const", "matua", "mzee",
     # the polite address of a letter or a message ("Ma'am Maricel", "Madam Okoro")
     "ma'am", "ma’am", "maam", "madam", "madame"}
)  # fmt: skip
# Credentials written after a name: "Smith RN", "J. Doe, MD".
POST_TITLES = frozenset(
    {
        "rn", "md", "np", "pac", "lpn", "cna", "rrt", "pharmd", "msw", "lcsw",
        "lpc", "phd", "mph", "dds", "dpm", "crna", "aprn", "fnp", "anp", "bsn", "msn", "jr",
        "ii", "iii", "facc", "facs", "facp", "mba", "slp", "ccrn",
        # doctorates and licences of the other clinical professions
        "psyd", "dnp", "dpt", "otr", "cnm", "lmft", "lmhc", "rdn", "dmd", "edd", "emt", "emtp",
        # medical degrees and the memberships and fellowships of the royal and national
        # colleges, as British, Irish and Commonwealth signatures print them
        "mbbs", "mbchb", "mbbch", "mrcgp", "micgp", "mrcp", "mrcpi", "mrcs", "mrcsi",
        "frcs", "frcsi", "frcp", "frcpi", "frcpc", "frcsc", "frcpe", "frcse", "fracp",
        "fracs", "fracgp", "franzcog", "mrcog", "frcog", "mrcpch", "frcpch", "frcr", "frca",
        "fcem", "frcem", "mrcem", "mrcpsych", "frcpsych", "fcps", "facep", "facog", "faap",
        "dch", "drcog", "dfsrh", "mfph", "ffph",
        # respiratory therapists, vocational nurses, paramedics and pharmacy staff ("D.
        # FROSTAD, CRTT"; not "CRT", a pacing device's)
        "crtt", "rcp", "lvn", "nrp", "rph", "cpht",
        # lactation, diabetes and dietetic certifications ("M. Quiñones-Abt, IBCLC, ...")
        "ibclc", "cdces", "cde", "cdn",
        # medical councils whose registration number follows the credentials
        "gmc", "imc", "slmc", "pmdc", "nmc",
    }
)  # fmt: skip
# The nurse and doctor grades of British, Irish and Commonwealth hospitals, written before
# a name as a US note writes "RN": staff, enrolled, advanced practice, registered general and
# mental nurses, senior house officers and specialty registrars ("SN Maricar", "SHO Okafor").
GRADES = frozenset({"sn", "en", "apn", "rgn", "rmn", "sho", "spr"})
RELATIVES = frozenset(
    {
        "wife", "husband", "son", "daughter", "sister", "brother", "mother", "father", "mom",
        "dad", "friend", "niece", "nephew", "grandson", "granddaughter", "grandmother",
        "grandfather", "aunt", "uncle", "cousin", "partner", "fiance", "fiancee", "neighbor",
        "neighbour", "hcp", "proxy", "guardian", "spouse", "boyfriend", "girlfriend", "sibling",
        "stepson", "stepdaughter", "stepfather", "stepmother", "inlaw", "caregiver", "visitor",
        "roommate", "landlord", "pastor", "priest", "rabbi", "chaplain", "attorney", "lawyer",
        # as patients and British, Irish and Australian notes write them
        "mum", "mam", "mummy", "mommy", "grandma", "grandpa", "granny", "stepmum", "stepmom",
        "stepdad", "carer", "flatmate", "housemate",
        # as forms from patients' home countries write them (Spanish, Portuguese, French,
        # Italian, German, Dutch, Scandinavian, Polish; accents folded as keys are): not the
        # ones that are listed given names or common surnames too ("Mae", "Irma", "Nieto",
        # "Sohn", "Mari")
        "hija", "hijo", "esposa", "esposo", "madre", "padre", "marido", "abuela", "abuelo",
        "hermana", "hermano", "fille", "fils", "mere", "pere", "epouse", "epoux", "soeur",
        "frere", "tochter", "vater", "ehemann", "ehefrau", "dochter", "zoon", "moeder", "vader",
        "echtgenoot", "echtgenote", "datter", "aegtefaelle", "hustru", "filha", "filho", "irmao",
        "figlia", "figlio", "moglie", "marito", "corka", "matka", "ojciec", "maz",
        "nieta", "sobrina", "sobrino", "cunada", "cunado", "suegra", "suegro", "yerno", "nuera",
        "vecina", "vecino", "madrina", "padrino", "sobrinha", "sobrinho", "cunhada", "cunhado",
        "vizinha", "vizinho",
        # the abbreviations hurried notes use ("dtr Itzayana called", "sis here"), and the
        # Māori word for the family, as New Zealand notes write it ("whānau: wife Huhana")
        "dtr", "dau", "sis", "whanau", "parent",
    }
)  # fmt: skip
# Verbs and roles that introduce a person: "spoke with Smith", "per Jones", "seen by Lee".
NAME_VERBS = frozenset(
    {
        "per", "called", "call", "spoke", "speak", "talked", "discussed", "paged", "page",
        "notified", "informed", "seen", "examined", "evaluated", "told", "asked", "updated",
        "contacted", "attending", "resident", "covering", "fellow", "intern", "pcp", "nurse",
        "np", "pa", "md", "rn", "dw", "d/w", "cc", "signed", "cosigned", "dictated", "by",
        "from", "with", "to", "patient", "pt", "name", "named", "contact", "visited", "aware",
        "msg", "message", "left", "team", "surgeon", "oncologist", "cardiologist", "provider",
        "physician", "doc", "dr", "visit", "visiting", "appointment", "appt", "f/u", "fu",
        "reach", "thanks", "thank", "dear", "hi", "hello", "hey", "hiya", "regards",
        "sincerely", "attn", "ring", "rang",
        "emailed", "texted", "met", "meet", "ask", "tell", "see", "saw",
    }
)  # fmt: skip
# Cues that introduce a place: "lives in X", "transferred from X", "X, MA".
PLACE_CUES = frozenset(
    {
        "in", "from", "to", "at", "near", "nr", "lives", "live", "living", "resides", "resident",
        "moved", "transferred", "transfer", "tx", "trans", "admitted", "discharged", "d/c",
        "dc", "sent", "returned", "return", "visiting", "vacation", "trip", "travel", "town",
        "city", "of", "via", "osh", "home", "outside", "born",
    }
)  # fmt: skip
US_STATE_ABBREVIATIONS = frozenset(
    [
        "al",
        "ak",
        "az",
        "ar",
        "ca",
        "co",
        "ct",
        "de",
        "fl",
        "ga",
        "hi",
        "id",
        "il",
        "in",
        "ia",
        "ks",
        "ky",
        "la",
        "me",
        "md",
        "ma",
        "mi",
        "mn",
        "ms",
        "mo",
        "mt",
        "ne",
        "nv",
        "nh",
        "nj",
        "nm",
        "ny",
        "nc",
        "nd",
        "oh",
        "ok",
        "or",
        "pa",
        "ri",
        "sc",
        "sd",
        "tn",
        "tx",
        "ut",
        "vt",
        "va",
        "wa",
        "wv",
        "wi",
        "wy",
        "dc",
        "pr",
    ]
)
# The states' names, lower case, as one alternation (a regex's, read with IGNORECASE or on
# lowered text).
US_STATE_NAMES = (
    "alabama|alaska|arizona|arkansas|california|colorado|connecticut|delaware|florida|georgia|"
    "hawaii|idaho|illinois|indiana|iowa|kansas|kentucky|louisiana|maine|maryland|"
    "massachusetts|michigan|minnesota|mississippi|missouri|montana|nebraska|nevada|"
    "new hampshire|new jersey|new mexico|new york|north carolina|north dakota|ohio|oklahoma|"
    "oregon|pennsylvania|rhode island|south carolina|south dakota|tennessee|texas|utah|"
    "vermont|virginia|washington|west virginia|wisconsin|wyoming|district of columbia"
)
# A hospital's own laboratories ("Micro Lab", "Core Lab", "Genetics Laboratory"): words that
# describe a lab or service, never name a facility or a firm.
HOSPITAL_LAB_WORDS = frozenset(
    {"micro", "core", "stat", "satellite", "reference", "chemistry", "hematology",
     "haematology", "microbiology", "cytology", "histology", "specimen", "genetics",
     "virology", "immunology", "toxicology", "coag", "coagulation", "hla", "transfusion",
     "biochem", "biochemistry", "serology"}
)  # fmt: skip
# Words that make a preceding proper noun a facility: "Mercy Hospital", "Kindred Rehab".
FACILITY_WORDS = frozenset(
    {
        "hospital", "hosp", "medical", "center", "centre", "ctr", "clinic", "rehab",
        "rehabilitation", "memorial", "infirmary", "hospice", "healthcare", "health",
        "nursing", "manor", "sanatorium", "sanitarium", "institute", "pavilion", "home",
        "homes", "house", "village", "facility", "campus", "medctr", "lodge", "residence",
        "living", "care", "gardens", "commons", "court", "place", "estates", "terrace",
        "group", "practice", "associates", "physicians", "partners",
    }
)  # fmt: skip
# Words that label an identifier before "ID" ("Emp ID 55102", "Job ID 44812", "Member ID"):
# there "ID" is the label's, not Idaho's, and the number after it no ZIP code.
ID_LABEL_WORDS = frozenset(
    {"emp", "employee", "job", "staff", "student", "member", "patient", "pt", "user", "client",
     "customer", "account", "order", "case", "claim", "ref", "ticket", "record", "file", "badge",
     "photo", "national", "govt", "gov", "tax", "transaction", "session", "device", "product",
     "item", "vendor", "provider", "payer", "plan", "group", "subscriber", "policy", "booking",
     "reservation", "app", "request", "application", "candidate", "applicant", "requisition",
     "employer", "company", "dept", "visit", "encounter", "study", "subject", "sample",
     "specimen", "batch", "lot", "serial", "person", "voter", "citizen", "resident", "unique",
     "system", "login", "network", "caller", "agent", "payee", "beneficiary", "insured"}
)  # fmt: skip
# Idaho's ZIP codes begin 832 to 838 (USPS): five digits after "ID" that begin otherwise are
# an identifier's ("(Cyracom ID 55120)"), not an address's.
_IDAHO_ZIP = re.compile(r"83[2-8]\d\d")


def not_idaho_zip(value: str) -> bool:
    """``value`` is five digits that begin no Idaho ZIP code."""
    return len(value) == 5 and value.isdigit() and not _IDAHO_ZIP.fullmatch(value)


# Words that are never a name on their own (a title cue can still make one).
# Job titles written out before a colleague's name, any case: "pharmacist bill king",
# "pharm tech heather", "physio Anna" (a cue, never part of the name).
JOB_TITLES = frozenset(
    {"pharmacist", "tech", "technician", "physio", "physiotherapist", "therapist",
     "dietitian", "dietician", "chaplain", "midwife", "registrar", "consultant",
     "interpreter", "interp", "receptionist", "coordinator", "carer", "caseworker", "paramedic",
     "phlebotomist", "radiographer", "sonographer", "hca", "ot", "slp", "counsellor",
     "counselor", "psychologist", "optometrist", "podiatrist", "audiologist", "doula",
     "sitter", "aide", "advocate", "navigator",
     # who holds an account, a card or a policy, as payments and statements name them
     "holder", "cardholder", "accountholder", "policyholder", "payee", "beneficiary",
     # who comes to the house, as a utility's or a landlord's log names them (not
     # "inspector", "surveyor": "Inspector General", "Surveyor General" are offices)
     "engineer", "installer", "electrician", "plumber", "fitter", "courier", "lineman",
     "linesman"}
)  # fmt: skip
# Roles a form's field or a table's column labels a person by ("mother/caretaker:", "| BIB |
# NAME | ESCORT |"), as a regex alternation over lower-case text whose blanks are single:
# the value under such a label is a person whatever its words. Shared by the field and the
# column readers (``name_fields``, ``table_columns``).
PERSON_LABELS = (
    r"patient|pt|client|resident|member|caller|owner|contact|visitor|guest|runner|participant|"
    r"athlete|student|pupil|child|infant|baby|mother|father|parent|guardian|caretaker|carer|"
    r"caregiver|spouse|husband|wife|partner|son|daughter|sister|brother|next\s+of\s+kin|nok|"
    r"relative|family\s+member|escort|witness|informant|donor|recipient|staff|crew|nurse|rn|"
    r"midwife|doula|doctor|physician|clinician|provider|surgeon|gp|consultant|therapist|chw|vht|"
    r"hsa|"
    r"medics?|paramedics?|emts?|driver|worker|employee|officer|reporter|householder|"
    r"head\s+of\s+household|deceased|decedent|claimant|applicant|inmate|detainee|passenger|"
    r"interpreter|chaperone|attendant|agent|operator|clerk|technician|tech|pharmacist|"
    r"dispatcher|scribe|tester|reviewer|reviewed|recorded|examiner|assessor|screener|"
    r"vaccinator|counsell?or|coordinator|investigator|"
    # the allied and specialist roles a chart signs with ("Optician: Lupe", "Hygienist: Kay")
    r"optician|optometrist|ophthalmologist|dentist|hygienist|audiologist|chiropractor|"
    r"physiotherapist|physio|podiatrist|dietitian|dietician|psychologist|psychiatrist|"
    r"social\s+worker|case\s+manager|hospitalist|aide|sitter|doula|phlebotomist|radiographer|"
    r"sonographer|orthotist|prosthetist|genetic\s+counsell?or|"
    # a unit board's nurses by their part in the shift ("Charge: Jolene   Resource: Marc")
    r"charge(?:\s+(?:nurse|rn))?|resource(?:\s+nurse)?|primary\s+nurse"
)
# Roles written before a person's name ("Caller Ana Ruiz", "Captain Lee", "Inmate DOYLE"):
# the cue, never the name's first word there; several are census surnames too (Caller,
# Captain, Driver, Bishop), and as such still name a person after a given name ("Minnie
# Driver") or before a comma ("Bishop, Darius").
ROLE_WORDS = frozenset(
    {"caller", "captain", "capt", "skipper", "officer", "driver", "inmate", "detainee",
     "witness", "examiner", "agent", "guarantor", "subscriber", "insured", "employee",
     "employer", "supervisor", "manager", "foreman", "deputy", "trooper", "constable",
     "detective", "sheriff", "warden", "guard", "pilot", "crewman", "crewmember", "cadet",
     "sergeant", "corporal", "lieutenant", "colonel", "commander", "bosun", "sister",
     "nurse", "teacher", "coach", "principal", "client", "tenant", "resident", "donor",
     "recipient", "claimant", "applicant", "requester", "reporter", "informant", "decedent",
     "deceased", "victim", "suspect", "passenger", "student", "volunteer", "owner",
     "justice", "judge", "magistrate", "clerk", "mayor", "councillor", "councilor",
     "senator", "governor", "bishop",
     # who a utility's, a landlord's or an insurer's paperwork names by their part
     "cust", "customer", "occupier", "occupant", "householder", "homeowner", "landlord",
     "landlady", "lodger", "leaseholder", "freeholder", "reader", "installer", "engineer",
     "surveyor", "inspector", "assessor", "adjuster", "courier", "debtor", "borrower",
     # a key, support, link or youth worker a social-care note names by their part
     "worker", "keyworker", "advocate"}
)  # fmt: skip
NOT_NAMES = (
    frozenset(STOP_WORDS)
    | TITLES
    | POST_TITLES
    | RELATIVES
    | NAME_VERBS
    | FACILITY_WORDS
    | JOB_TITLES
    # a note's assent, after a label as often as anywhere ("first name ok", "Dr Lee ok")
    | frozenset({"ok", "okay", "okd", "okayed"})
    # the weekdays' abbreviations no name shares ("dialysis Tue/Fri", "seen Thurs"; "Thu" is a
    # Vietnamese given name)
    | frozenset({"tue", "tues", "thur", "thurs", "fri"})
    # a nursing note's own words, in capitals before a credential as often as anywhere ("NEURO
    # STEPDOWN RN NOTE", "Night RN note", "NOK: wife ...", "Cumberland Rescue brought pt")
    | frozenset({"stepdown", "notes", "night", "psychosocial", "nok", "rescue"})
    # Ireland's police ("Garda called re welfare", "the Gardaí"), a given name elsewhere
    | frozenset({"garda", "gardai", "gardaí"})
)
# Last words of a practice's name: a specialty or a practice word after a name or place
# ("Lakeside Family Medicine", "Hale Cardiology", "Cape Ann Medical Group"). Only with a
# name-like word in front, so "Internal Medicine" and "Pediatric Cardiology" stay words.
PRACTICE_HEADS = (
    "cardiology", "rheumatology", "dermatology", "oncology", "hematology", "neurology",
    "urology", "orthopedics", "orthopaedics", "pediatrics", "gastroenterology",
    "endocrinology", "nephrology", "pulmonology", "psychiatry", "ophthalmology",
    "gynecology", "obstetrics", "podiatry", "dentistry", "dental", "medicine", "practice",
    "associates", "physicians", "partners", "group", "surgeons", "specialists", "service",
    "services", "agency",
)  # fmt: skip


# Months and weekdays written out: census surnames too ("March", "Monday"), but in a note
# far more often the calendar ("RUCK MARCH", "SEEN MONDAY"); those that are given names
# ("April", "June") keep their name reading.
CALENDAR_WORDS = frozenset(
    {"january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december", "monday", "tuesday", "wednesday", "thursday",
     "friday", "saturday", "sunday"}
)  # fmt: skip
# Drug and diagnosis endings: unknown words with these are jargon, not names.
MEDICAL_SUFFIX = re.compile(
    r"(?:itis|osis|emia|aemia|ectomy|otomy|ostomy|plasty|scopy|gram|graphy|pathy|algia|uria|"
    r"penia|cytosis|lysis|sepsis|ase|pril|olol|azole|mycin|cillin|statin|sartan|dipine|"
    r"tide|mab|nib|azepam|olam|done|oxin|amine|idine|afil|parin|plegia|paresis|trophy|"
    r"megaly|oma|omas|cele|rrhea|rrhage|tension|cardia|pnea|thorax|ectasis|ulin|phen|"
    r"profen|cef\w*|vanc\w*|coccus|cocci|bacter|monas|bacillus|iae|"
    r"ology|ologist|iatry|iatrist|opia|phobia|arthria|ictal|chezia)$"
)

# The endings of the adjectives, participles and nouns clinical notes make of terms no list
# knows ("tachycardic", "diuresing", "peritoneal"): an unlisted word with one is no name or
# town after a cue that would otherwise make it one.
CLINICAL_ENDING = re.compile(
    r"(?:ic|ive|ing|ed|al|ous|ent|ant|ary|ory|ia|oid|osis|itis|emia|tion|sion|ism|ist|able|"
    r"ible|ure|ness|ize|ise|ized|ised|ly)$"
)


# Eponyms of syndromes, signs and devices: their words are names, the phrase is not PHI.
EPONYMS = frozenset(
    tuple(p.split())
    for p in (
        "stevens johnson", "hoehn yahr", "wolff parkinson white", "mallory weiss", "jackson pratt",
        "swan ganz", "cheyne stokes", "guillain barre", "zollinger ellison", "osgood schlatter",
        "arnold chiari", "dandy walker", "budd chiari", "ehlers danlos", "creutzfeldt jakob",
        "charcot marie tooth", "brown sequard", "lambert eaton", "wernicke korsakoff",
        "kaposi sarcoma", "bell palsy", "hodgkin lymphoma", "non hodgkin", "lou gehrig",
        "von willebrand", "roux en y", "whipple procedure", "nissen fundoplication",
        "foley catheter", "miller blade", "mac blade", "sengstaken blakemore", "minnesota tube",
        "hickman catheter", "groshong catheter", "pleur evac", "ambu bag", "bair hugger",
        "glasgow coma", "apgar score", "braden score", "morse fall", "ramsay score",
        "trendelenburg position", "fowler position", "sims position", "heimlich maneuver",
        "valsalva maneuver", "kussmaul respirations", "babinski sign", "homans sign",
        "murphy sign", "mcburney point", "child pugh", "hunt hess",
        "rovsing sign", "chvostek sign", "trousseau sign", "pell gregory",
        # the double eponyms of syndromes, tests and formulae that clinicians write without
        # a head word ("Prader-Willi methylation", "CrCl (Cockcroft-Gault)")
        "prader willi", "cockcroft gault", "donath landsteiner", "beckwith wiedemann",
        "peutz jeghers", "osler weber rendu", "klippel trenaunay", "sturge weber",
        "von hippel lindau", "legg calve perthes", "waterhouse friderichsen", "dubin johnson",
        "crigler najjar", "lesch nyhan", "niemann pick", "tay sachs", "kasabach merritt",
        "henoch schonlein", "jarisch herxheimer", "bernard soulier", "chediak higashi",
        "wiskott aldrich", "lennox gastaut", "ramsay hunt", "tolosa hunt", "argyll robertson",
        "romano ward", "blalock taussig", "kimmelstiel wilson", "marchiafava bignami",
        "mayer rokitansky", "smith lemli opitz", "wolf hirschhorn", "cornelia de lange",
        "shy drager", "stein leventhal", "fitz hugh curtis", "mallory denk", "pelger huet",
        "henderson hasselbalch", "mifflin st jeor",
        # the charts, rings and knives of burns, eye and hand clinics ("TBSA by Lund &
        # Browder", "PVD with a Weiss ring", "cut by a Stanley knife")
        "lund browder", "lund and browder", "weiss ring", "stanley knife",
    )
)  # fmt: skip
# The blood group systems named for people ("Kell", "Duffy", "Kidd"): in a blood bank's
# words (antigens, antibodies, matching, units) each is the system, no person.
BLOOD_GROUP_SYSTEMS = frozenset(
    {"kell", "duffy", "kidd", "lutheran", "lewis", "diego", "colton", "dombrock", "cartwright",
     "scianna", "cromer", "knops", "gerbich"}
)  # fmt: skip


# Nouns that make the proper words right before them an eponym or a named method, not a
# person or place: "Murphy's sign", "Passy-Muir valve", "Portland protocol", "Ranson criteria".
EPONYM_HEADS = frozenset(
    {"sign", "signs", "syndrome", "disease", "dz", "criteria", "protocol", "valve", "maneuver",
     "manoeuvre", "respirations", "breathing", "reflex", "score", "scale", "catheter",
     "classification", "procedure", "triad", "palsy", "phenomenon", "position", "fracture",
     "blade", "stockings", "pouch", "repair", "operation", "equation", "formula", "rule",
     "rules", "test", "tube", "drain", "bag", "mask", "stain", "staging", "grade", "ulcer",
     "disorder", "lymphoma", "sarcoma", "contracture", "aneurysm", "pump", "boots", "sump",
     "lift", "pupil", "tear", "esophagus", "oesophagus", "collar", "dressing", "node", "nodes",
     "cells", "class", "wafer", "appliance", "flange", "barrier", "splint", "brace", "stent",
     "shunt", "cannula", "sheath", "graft", "flap", "incision", "technique", "solution",
     "regimen", "pack", "needle", "needles", "antigen", "antigens", "antibody", "antibodies",
     "phenotype", "genotype",
     # the instruments and implants a surgeon names for their maker ("Kirschner wire",
     # "Herbert screw", "Ilizarov frame", "Adson forceps", "Langenbeck retractor")
     "wire", "wires", "screw", "screws", "frame", "forceps", "retractor",
     # the anatomy named for its describer ("Schlemm's canal", "Jacobson's nerve",
     # "Kayser-Fleischer ring"), and an abbreviation read so ("the IAN canal")
     "canal", "nerve", "ring"}
)  # fmt: skip


_PLAIN = re.compile(r"[A-Za-z ]+")


def _split_plain(text: str, split: Any) -> list[str]:
    """``split_words`` with a fast path for plain letters and spaces (most gazetteer lines)."""
    return text.lower().split() if _PLAIN.fullmatch(text) else split(text)


def _facilities(lines: Sequence[str], split: Any) -> dict[str, Any]:
    by_first: dict[str, list[tuple[str, ...]]] = {}
    acronyms: set[str] = set()
    for line in lines:
        parts = tuple(split(line))
        if not parts:
            continue
        by_first.setdefault(parts[0], []).append(parts)
        if len(parts) == 1 and line.isupper():
            acronyms.add(parts[0])
    for phrases in by_first.values():
        phrases.sort(key=len, reverse=True)  # longest first: "Mass General Brigham"
    return {"facilities": by_first, "facility_acronyms": frozenset(acronyms)}


def english_word(key: str, english: AbstractSet[str]) -> bool:
    """``key`` is on the English list ``english`` or one of its common inflections the list
    leaves out: read by the lexicon and by the organisation lists, which load no lexicon."""
    if key in english:
        return True
    for suffix in ("s", "es", "ed", "d", "ing", "ly", "er", "ers"):
        if key.endswith(suffix) and key[: -len(suffix)] in english:
            return True
    # "notified", "clarified"; "stopped", "admitted" (a doubled consonant before -ed)
    if key.endswith("ied") and key[:-3] + "y" in english:
        return True
    return len(key) > 5 and key.endswith("ed") and key[-3] == key[-4] and key[:-3] in english


@dataclass(frozen=True)
class Lexicon:
    """Read-only gazetteers. ``surname_rank`` is the census frequency rank (1 = Smith)."""

    first_names: frozenset[str]
    surname_rank: dict[str, int]
    places: frozenset[str]
    multiword_places: frozenset[tuple[str, ...]]
    counties: frozenset[str]
    # Cities outside the US (world_places.txt.gz) that no US place shares: a place cue must
    # name them ("lives in Mysuru"); alone they are too many to trust.
    world_places: frozenset[str]
    states: frozenset[str]
    common_words: frozenset[str]
    stoplist: frozenset[str]
    english: frozenset[str]
    # Well-known facilities (us_facilities.txt, world_facilities.txt) by first word; acronyms
    # match only in caps.
    facilities: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)
    facility_acronyms: frozenset[str] = frozenset()
    # Of those, cities of 200,000 people or more whose one-word name is nothing else
    # (world_cities.txt.gz): known enough to read as a city without a cue ("Lucknow").
    big_cities: frozenset[str] = frozenset()
    # Cities abroad of 100,000 people or more whose name is also a word or a listed name
    # ("cairns", "muscat", "cork"): a town only in Title case after a place cue.
    word_cities: frozenset[str] = frozenset()

    @classmethod
    def load(cls) -> Lexicon:
        surnames = resource_lines("surnames.txt.gz")
        places_raw = resource_lines("us_places.txt.gz")
        from auditor.phi.recognizers.tokens import split_words

        single: set[str] = set()
        multi: set[tuple[str, ...]] = set()
        for place in places_raw:
            parts = tuple(_split_plain(place, split_words))
            if len(parts) == 1:
                single.add(parts[0])
            elif parts and parts[-1] not in STOP_WORDS and len(parts[-1]) > 2:
                multi.add(parts)
        world: set[str] = set()
        for place in resource_lines("world_places.txt.gz"):
            parts = tuple(_split_plain(place, split_words))
            if len(parts) == 1 and parts[0] not in single:
                world.add(parts[0])
            elif len(parts) > 1 and parts[-1] not in STOP_WORDS and len(parts[-1]) > 2:
                multi.add(parts)
        counties = set()
        for county in resource_lines("us_counties.txt.gz"):
            county_words = _split_plain(county, split_words)
            if county_words and county_words[-1] in {"county", "parish", "borough"}:
                county_words = county_words[:-1]
            if county_words:
                counties.add(" ".join(county_words))
        # The SSA's given names of births since 1880 widen the census's 1990 list; one that is
        # also an English word ("poppy", "harmony") needs a cue, as a rare census name does.
        english = resource_words("english_words.txt.gz")
        ssa = frozenset(resource_lines("ssa_first_names.txt.gz"))
        # Other countries' given names ("Pieter", "Zbigniew", "Ifeoma"), for the families a
        # hospital serves come from everywhere.
        abroad = frozenset(resource_lines("world_given_names.txt.gz"))
        return cls(
            first_names=frozenset(resource_lines("first_names.txt.gz")) | ssa | abroad,
            surname_rank={name: rank for rank, name in enumerate(surnames, start=1)},
            places=frozenset(single | world),
            world_places=frozenset(world),
            multiword_places=frozenset(multi),
            counties=frozenset(counties),
            states=frozenset(resource_lines("us_states.txt.gz")),
            common_words=frozenset(resource_lines("common_words_in_gazetteers.txt.gz"))
            | (ssa & english),
            stoplist=frozenset(resource_lines("clinical_stoplist.txt")) | EHR_PRODUCTS | PRODUCTS,
            english=english,
            big_cities=frozenset(resource_lines("world_cities.txt.gz")) & frozenset(world),
            word_cities=frozenset(resource_lines("world_word_cities.txt.gz")),
            **_facilities(
                resource_lines("us_facilities.txt") + resource_lines("world_facilities.txt"),
                split_words,
            ),
        )

    def is_first(self, key: str) -> bool:
        return key in self.first_names

    def is_surname(self, key: str) -> bool:
        return key in self.surname_rank

    def is_name(self, key: str) -> bool:
        return key in self.first_names or key in self.surname_rank

    def is_known_place(self, keys: Sequence[str]) -> bool:
        """Whether the words ``keys`` (lower case) name a listed place on their own, with no
        cue: several words a listed place's or county's, one word a big city or a listed
        place that is no English or clinical word ("Reading", "Arts", "Mobile" say nothing)."""
        if len(keys) > 1:
            return tuple(keys) in self.multiword_places or " ".join(keys) in self.counties
        key = keys[0] if keys else ""
        if key in self.big_cities:
            return True
        known = key in self.places or key in self.counties or key in self.word_cities
        return known and not self.is_english(key) and key not in self.stoplist

    def is_english(self, key: str) -> bool:
        """An English word, allowing the common inflections the word list leaves out."""
        return english_word(key, self.english)

    def is_unknown_proper(self, key: str) -> bool:
        """Not a word, not jargon: an unknown capitalised word is probably a name or place."""
        return (
            len(key) >= 3
            and key.isalpha()
            and key not in self.stoplist
            and not self.is_english(key)
            and not MEDICAL_SUFFIX.search(key)
            and any(c in "aeiouy" for c in key)
            and not self._inflected_term(key)
        )

    def _inflected_term(self, key: str) -> bool:
        """A clinical verb's inflection whose stem is a listed term, its "e" dropped before
        "-ing"/"-ed" ("ambulating", "titrated", "extubates" from the stop list's stems)."""
        for suffix in ("ing", "ed", "es", "s", "d"):
            if key.endswith(suffix) and len(key) - len(suffix) >= 4:
                stem = key[: -len(suffix)]
                if stem in self.stoplist or stem + "e" in self.stoplist:
                    return True
        return False

    def is_ambiguous(self, key: str) -> bool:
        """Also an ordinary English or clinical word: needs a context cue to count as a name."""
        return (
            key in self.common_words
            or key in self.stoplist
            or len(key) < 2
            or (key in CALENDAR_WORDS and key not in self.first_names)
        )
