"""Numbers and codes: SSN, MRN, plan/account/license ids, DEA, NPI, VIN, plates,
device serials, ZIP codes and ages over 89.

Formats with a check digit are validated; formats without one need a context cue unless the
shape alone is specific enough (``123-45-6789``). Phone, fax and pager numbers live in
:mod:`auditor.phi.recognizers.phones`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache

from auditor.phi.calendar import AGE_OVER_89, AGE_OVER_89_ROMANCE
from auditor.phi.entities import Entity
from auditor.phi.measures import (
    COUNT_NOUNS,
    DOSE_FORMS,
    DOSE_UNITS,
    MONEY_WORDS,
    PRODUCT_CODE_LABELS,
    TIME_UNITS,
)
from auditor.phi.recognizers.checksums import (
    card_ok,
    dea_ok,
    iban_ok,
    luhn_any_ok,
    npi_ok,
    ssn_ok,
    vin_ok,
)
from auditor.phi.recognizers.lexicon import (
    ID_LABEL_WORDS,
    US_STATE_ABBREVIATIONS,
    US_STATE_NAMES,
    not_idaho_zip,
)
from auditor.phi.recognizers.patterns import RegexRecognizer, Rule, context_regex, near
from auditor.phi.recognizers.regex_start import by_first_letter
from auditor.phi.recognizers.vehicles import MAKES, VEHICLE_WORDS, vehicle_spans
from auditor.phi.resources import lines as resource_lines
from auditor.phi.stop_words import STOP_WORDS

I = re.IGNORECASE  # noqa: E741

_CARD = re.compile(r"(?<![\w-])(?:\d[ -]?){12,18}\d(?![\w-])")
_CARD_CTX = context_regex(["card", "credit", "visa", "mastercard", "amex", "discover", "cc#"])
_IBAN_CUE = context_regex(
    ["iban", "iban:", "iban no", "iban number", "account", "acct", "a/c", "bank account"]
)
# A card's number in its four groups of four after a card's word: removed, not proved (an
# invented or mistyped number fails the Luhn check and is still the holder's).
_CARD_GROUPED = re.compile(r"(?<![\w-])\d{4}([ -])\d{4}\1\d{4}\1\d{4}(?![\w-]|[.,]\d)")
_IBAN = re.compile(r"(?<![\w-])[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?(?![\w-])")
# An IBAN as most of Europe prints one, its bank's four letters after the country and check
# digits, then digits only ("IE64 BOFI 9058 ..."): nothing else has that shape, proved or not.
_IBAN_BANK = re.compile(r"(?<![\w-])[A-Z]{2}\d{2} ?[A-Z]{4}(?: ?\d{4}){2,6}(?: ?\d{1,4})?(?![\w-])")

_SSN_DASHED = re.compile(r"(?<![\w-])\d{3}-\d{2}-\d{4}(?![\w-])")
_SSN_SPACED = re.compile(r"(?<![\w-])\d{3} \d{2} \d{4}(?![\w-])")
_SSN_BARE = re.compile(r"(?<![\w-])\d{9}(?![\w-])")
_SSN_ANY_SEP = re.compile(r"(?<![\w.-])\d{3}([-. ])\d{2}\1\d{4}(?![\w-]|\.\d)")
_SSN_CTX = context_regex(["ssn", "ss#", "ss #", "social security", "soc sec", "social"])

_MRN_CTX = context_regex(
    ["mrn", "mr#", "mr #", "mr no", "mr number", "medical record", "record number", "record no",
     "record #", "unit no", "unit number", "hospital number", "hospital no", "chart", "chart #",
     "patient id", "pt id", "patient number", "pid", "emr", "ehr id", "mr", "accession",
     "accession #", "accession no", "acc #", "specimen #", "specimen no", "case #",
     "surgical pathology #", "path #", "record", "records", "patient record", "hosp no",
     "nhs number", "nhs no", "health number", "uhid", "ur number", "urn", "crn", "hospital id",
     # (a number sign for "no": "Hosp# 0612-44-08", "hospital # 4471902")
     "hosp#", "hosp #", "hosp. #", "hospital #"]
)  # fmt: skip
# Site prefixes (up to four letters) and a trailing check letter: "MRN-5143662", "3508450-L".
_MRN_TOKEN = re.compile(
    r"(?<![\w-])(?=[A-Z]{0,6}[-]?\d)[A-Z]{0,6}-?\d[\d-]{4,13}\d(?:-?[A-Z])?(?![\w-])", I
)
# A second record number right after a cued one: "MRN 1234567 merged with 7654321",
# "record 123456 / 654321". The cue must precede the first number (within the line).
_MRN_CHAIN = re.compile(
    by_first_letter(
        "mrn|mr#|medical record|record|records|chart|hospital number|patient id|unit no"
    )
    + r"[^\n\d]{0,12}"
    + _MRN_TOKEN.pattern
    + r"\s*(?:,|/|;|&|\band\b|\bor\b|(?:was\s+)?merged\s+(?:with|into)|replaced\s+by|"
    r"duplicate\s+of|formerly|previously|aka|also)\s*(" + _MRN_TOKEN.pattern + ")",
    I,
)

# A record number right after its cue, with a site prefix or dictated with spaces: "UR KH
# 881204", "hosp no BV 300 4417", "medical record number 3 3 0 9 1 7" (5+ digits in all).
_MRN_SPACED_LABEL = (
    r"mrn|mr\s*#|mr\s+no|medical\s+record(?:\s+(?:number|no|#))?|"
    r"record\s+(?:number|no|#)|hospital\s+(?:number|no|id)|hosp\.?\s+no|unit\s+(?:number|no)|"
    # (the number sign for "no", touching or not: "Hosp# 0612-44-08", "Hospital # 4471902")
    r"hosp(?:ital)?\.?\s*#|"
    r"ur(?:\s+(?:number|no))?|urn|crn|patient\s+id|clinic\s+id|study\s+id|"
    # a West African or South Asian hospital's folder ("fol. no. BCH 2231/05", "folder no")
    r"fol(?:io)?\.?\s*no|folder\s+(?:number|no)"
)
_MRN_SPACED = re.compile(
    # (the label whole: "UR" is no label inside "URN", whose "N" no site's code)
    rf"(?<![\w])(?i:{by_first_letter(_MRN_SPACED_LABEL)})(?![A-Za-z])\.?[ \t]*+[:#]?[ \t]*+"
    # a site's code before grouped digits: "MRN TPH 00-447-1902", "UR RQ 441 822", "Hosp No.
    # RJ7 66042" (an NHS trust's letters and digit); a folder's year after a slash ("/05")
    # (or glued to its digits: "UR W0091432")
    r"((?:(?:[A-Z]{1,6}|[A-Z]{2,3}\d)[ -]?)?\d{1,10}(?:[ -]\d{1,5}){0,8}(?:/\d{2}(?:\d{2})?)?)"
    r"(?![\w-])"
)

# The same for member, policy and other IDs: "ID PMH 4471 2290 18", "member id W 2811 9374",
# "member HMH 0071 4412".
_ID_SPACED_LABEL = (
    r"member(?:\s+(?:id|no|number|#))?|policy\s+(?:id|no|number|#)|subscriber\s+id|"
    r"id|id\s+(?:no|number|#)|staff\s+(?:no|number|id)|employee\s+(?:no|number|id)"
)
_ID_SPACED = re.compile(
    rf"(?<![\w])(?i:{by_first_letter(_ID_SPACED_LABEL)})"
    r"\.?[ \t]*+[:#]?[ \t]*+((?:[A-Z]{1,6}[ -])?\d{1,10}(?:[ ]\d{1,6}){0,8})(?![\w-])"
)

# A number after the word that says what it numbers, in the shapes such numbers take
# when no grammar is known: claim, case, court file, licence, meeting, parcel-tracking,
# order and authorisation numbers dictated in groups ("licence 7731 2209", "tracking 1Z
# 999 AA1 01 2345 6784"), joined by slashes ("case ref MH/2291/25") or glued letters and
# digits ("JD0146000062812345"). Five digits at least; a date after the cue is a date.
_ID_LABEL = (
    r"(?:claim|case|court\s+file|file|docket|licen[cs]e|driver'?s?\s+licen[cs]e|tracking|"
    r"track(?:ed)?|consignment|parcel|shipment|waybill|meeting|webinar|conference|order|"
    r"auth(?:ori[sz]ation)?|prior\s+auth|approval|permit|ticket|incident|complaint|appeal|"
    r"booking|confirmation|voucher|certificate|registration|passport|reference|ref|"
    # a parking, toll or traffic penalty's notice and an insurance policy ("notice WM40118273",
    # "infringement notice 02/0031/884721", "Bupa policy OVC 7720 1184")
    r"notice|citation|policy|"
    # a South African hospital's folder number ("Folder: KF 118 224")
    r"folder|"
    # an ambulance's run and a rescue's mission ("QA flag - run 23-118402", "Mission
    # 24-SAR-0061")
    r"run|mission|sarop|callout|"
    # a research subject's number ("Subject 031-0058", "Participant 208-004")
    r"subject|participant|screening|randomi[sz]ation|"
    # "reg. no.", "Reg #": a registration, only with its number word
    r"reg(?=\.?[ \t]*(?:no\b|nos?\.|number|#))|"
    # national and health-plan numbers whose check digit failed (or has no published one):
    # the label says what they are
    r"philhealth|ohip|ramq|medicare|nhs|chi|nhi|ppsn|pps|aadhaa?r|abha|uhid|nric|mykad|sss|"
    r"health\s+card|healthcard|tfn|ird|"
    # an immigrant's alien registration number and a commercial driver's licence, whose
    # letters ("A", a state's code) are printed apart from the digits; the A-number's short
    # label ("A#: A098 331 422") and Canada's client identifier ("UCI: 1122-4408")
    r"alien(?:\s+registration)?|a-number|a#|uscis|uci|cdl|"
    # a prisoner's number by the prison system's word or letters (Ireland's PRISN, Ontario's
    # OTIS, California's CDCR, the UK's Police National Computer and criminal records office)
    r"prisn|otis|prisoner|inmate|offender|cdcr|tdcj|pnc|cro|"
    # a forensic examination's evidence kit ("Evidence kit #CO-SAK-20-01177", "SAEK 22-0417")
    r"evidence(?:\s+kit)?|(?:sexual\s+assault|rape)\s+(?:evidence\s+)?kit|saek|sak|perk|"
    # national identity cards by their usual abbreviations (Sri Lanka's and Pakistan's NIC,
    # Nigeria's NIN, Spain's DNI, Brazil's CPF, Mexico's CURP) and "national ID"
    r"nic|cnic|nin|nid|dni|cpf|curp|national\s+id(?:entity)?(?:\s+card)?|"
    # and those of Asia, the Gulf and the Caribbean (Hong Kong's HKID, the UAE's Emirates ID,
    # Qatar's QID, the Saudi resident's iqama, Oman's and Kuwait's civil ID; Bahrain's CPR,
    # Jamaica's TRN, Barbados' NRN, the Bahamas' NIB and the Caribbean's NIS numbers are
    # among the capitals below)
    r"hkid|eid|emirates\s+id|qid|qatar\s+id|iqama|civil\s+id|resident\s+card|"
    # Brazil's, Poland's, Mexico's, Italy's and Japan's personal, tax and work-card numbers
    # ("CPF 311.555.447-90", "CNPJ 44.170.552/0001-08", "PESEL", "codice fiscale")
    r"cnpj|cns|ctps|pesel|regon|npwz|nss|codice\s+fiscale|tessera\s+sanitaria|my\s+number|"
    # Quebec's prescriber's "permis"
    r"permis|"
    # a taxpayer's number and Indonesia's tax number and practice licence ("TIN 50-44187-0-3",
    # "NPWP", "SIP 446/0917/SIP-D/...")
    r"tin|npwp|(?-i:SIP)|"
    r"(?-i:RG|RFC|NIP|CRM(?:-[A-Z]{2})?|CPR|TRN|NRN|NIB|NIS)|"
    # a clinician's registration with a medical council, by the council's acronym ("GMC",
    # "IMC", "SLMC", "PMDC"): capitals only ("gmc" is no word, but "mc" ends some words)
    # (and British Columbia's MSP number and New Zealand's council, as pharmacy records print
    # a prescriber's: "MSP 41776", "MCNZ 41233")
    r"(?-i:[A-Z]{1,3}MC|PMDC|AHPRA|HPCSA|MSP|MCNZ))"
)
# The value after an identifier's label, group 1.
_LABELLED_VALUE = (
    r"((?=[A-Za-z0-9/ -]*\d)(?:[A-Z]{1,5}[ /-])?[A-Z0-9]{1,20}"
    # groups after a space hold a digit ("1Z 999 AA1"; not "... IRN 1", "... denied"); groups
    # after a slash or dash may be letters, any case ("2025/CF/00417", "25-cv-01187")
    r"(?:[ ](?=[A-Za-z]*\d)[A-Z0-9]{1,12}|[ ]?[/-][ ]?[A-Za-z0-9]{1,12}|\.(?=\d)\d{1,12}"
    # a court's or a registry's letter code between digit groups ("26 MH 0214")
    r"|[ ][A-Z]{1,4}(?=[ ]\d{3})){0,7})(?![\w/-])"
)
_ID_LABELLED = re.compile(
    r"(?<![\w])(?i:" + by_first_letter(_ID_LABEL) + r")"
    # blanks read once (possessive): the look-ahead below would rescan them at every split
    # (a whole word: "INFRINGEMENT NOTICE 02/...", not "NO" and "TICE 02/...")
    r"(?i:\.?[ \t]+(?:no\.?|nos?\.?|number|num|#|id|ref(?:erence)?|code)(?![^\W\d_]))?"
    r"\.?[ \t]*+[:#]?[ \t]*+" + _LABELLED_VALUE
)
# A research participant's number, in the shapes trials give them: site and subject in
# digit groups ("0412-017", "019-0042-S02"), a study's letters before one ("TRIPOD-0451",
# "PS-014", "IE-01-009"), or a short zero-led number ("0216"). After a word for the
# participant or what was done to them ("Participant 0216", "pt 0412-017", "screen fail
# 0412-017", "Enrolled (0512-009)", "SAE 019-0042-S02"): the labelled-number rule above wants
# five digits and knows no "pt". A digit group pair alone after "pt" must be a trial's, not
# a reading ("pt 120-80" is none: the first group four digits or zero-led, the second two to
# four).
# No unit, count or dose after a number ("pt 0.5-1 mg", "Engine 2 cyl", "Squad 3 days").
_NO_COUNT_AFTER = (
    r"(?![\w/-]|\.\d|[ \t]*+(?i:mg|mcg|ml|cc|l\b|units?|mmhg|wks?|weeks?|days?|hrs?|hours?|"
    r"mins?|yrs?|years?|cyl|%|x\b))"
)
_PARTICIPANT = re.compile(
    r"(?<![\w])(?i:subject|subj\.?|participant|ppt|pt|patient|screen(?:ing)?[ \t]+fail(?:ure)?|"
    r"scr(?:een(?:ing)?)?[ \t]*(?:no\.?|#)|rand(?:omi[sz]ation)?[ \t]*(?:no\.?|#|number)|"
    r"enrolled(?:[ \t]+as)?|sae|withdrawn|withdrew)"
    r"[ \t]*+[:#(]?[ \t]*+"
    r"((?:[A-Z]{2,8}-)?(?:0\d{2,3}|\d{4})(?:-[A-Z]?\d{2,4}){1,2}|"
    r"[A-Z]{2,8}(?:-\d{2})?-\d{3,5})" + _NO_COUNT_AFTER
)
# A short zero-led number only after a word for the participant ("Participant 0216"; "pt 0800"
# is a time).
_PARTICIPANT_SHORT = re.compile(
    r"(?<![\w])(?i:subject|subj\.?|participant|ppt)[ \t]*+(?:#|no\.?)?[ \t]*+(0\d{3})"
    + _NO_COUNT_AFTER
)
_CLOCK = re.compile(r"(?:[01]\d|2[0-3])[0-5]\d")


def _no_time_range(value: str) -> bool:
    """Not two clock times joined ("1200-1800"): a shift, not a participant."""
    parts = value.split("-")
    return not (len(parts) == 2 and all(_CLOCK.fullmatch(p) for p in parts))


# The word "number" in the languages of Europe and Latin America before a value: "Nr. 26/11841",
# "č. 4471/26", "N° 4471-22", "№ 12345", "broj 55120", "Nummer 2026-0412". The value is read as
# after an identifier's label (five digits, or a code and four: _labelled_id), and not where a
# room or a bed is numbered.
_NUMBER_WORD = re.compile(
    r"(?<![\w])(?:Nr|nr|NR|Nro|nro|№|N°|Nº|nº|n°|[nN]\.[º°]|č|Č|br|Br|broj|Broj|núm|Núm|número|"
    r"Número|"
    r"numero|Numero|numéro|Numéro|nummer|Nummer|numer|Numer|numurs|Numurs|n(?=\.[ \t]*\d))"
    r"(?![^\W\d_])\.?"
    # the number's kind between the word and a colon: "N° CCSS : 1330308 412 07", "N° dossier
    # : CSCOM-BE/2026/0912", "Nº de afiliado: 4471"
    r"(?:(?:[ \t]++(?:(?:de|du|del|di)[ \t]*+)?[^\W\d_][\w.-]{1,19}){1,2}[ \t]*+:)?"
    r"[ \t]*+[:#]?[ \t]*+" + _LABELLED_VALUE
)
_NUMBERED_PLACE = re.compile(
    r"(?i:room|rm|bed|ward|zimmer|bett|station|sala|cama|pokój|pokoj|soba|chambre|lit|kamer|"
    r"rum|huone|stanza|letto|quarto|leito|palata|палата|box|tab|page|seite|strana)\.?[ \t]*$"
)


_NUMBER_WORD_END = re.compile(r"[^\s.:#]+\.?[ \t]*+(?:[:#][ \t]*+)?$")


def _numbered_place(text: str, start: int, end: int) -> bool:
    """A room's, a bed's or a page's number ("Zimmer Nr. 12045"), not an identifier's."""
    before = text[max(0, start - 24) : start]
    head = _NUMBER_WORD_END.sub("", before)
    return _NUMBERED_PLACE.search(head) is not None


# A date, and a date with the hour of a time after it ("run 2026-12-01 06:00", "run 20261201
# 0400": the hour's colon ends the value).
_DATE_SHAPE = re.compile(
    r"^(?:\d{1,4}[/. -]\d{1,2}[/. -]\d{1,4}|(?:19|20)\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])"
    r"(?=[ T]))(?:[ T]\d{2,4})?$"
)
# A span of years, not an identifier: "2019-2024", "1998/99".
_YEARS = re.compile(r"^(?:19|20)\d{2}\s*[-/]\s*(?:19|20)?\d{2}$")
# A label that announces an identifier, whatever the value's case or separators: "mrn
# hlbh-20771", "member nca-4471092-00", "file number is QA-PI-25-0417", "card no.
# GHP/04417/19", "Accession MR.2026.118204", "ACCT 2271", "username gusfair36". The grammars
# above want capitals or a known layout; after such a label the value is the identifier.
_RECORD_LABEL = (
    r"mrn|mr\s*#|acct|accession|med(?:ical)?\.?[ \t]*rec(?:ord)?s?\.?(?:[ \t]*(?:no\.?|number|#))?|"
    # Indonesia's and Malaysia's medical record number ("No. RM", "Nomor Rekam Medis")
    r"no(?:\.[ \t]*|[ \t]+)rm(?![a-z])|nomor[ \t]+rm(?![a-z])|"
    r"(?:no\.[ \t]*|no[ \t]+|nomor[ \t]+)rekam[ \t]+medis|"
    r"(?:account|file|card|specimen|member|policy|claim|case|patient|pt|"
    r"registration|nis|chart|folder|booking|order|requisition|req|incident|transfer|trip|"
    r"referral)\.?[ \t]*(?:no\.?|number|#|id)"
    # a contact's own reference, which the systems that log one print after its kind alone
    # ("session MP-2026-4471", "encounter 88120455", "ticket no. HD-40017")
    r"|session|encounter|ticket|confirmation"
    # a patient's file as French, Spanish, Portuguese and Italian papers name it ("dossier
    # RG-26/1102", "expediente 448120", "prontuário 22.4471")
    r"|dossier|expediente|prontu[áa]rio|cartella(?:[ \t]+clinica)?"
    # a police officer's or a staff member's badge ("badge 4471", "badge no. 2290")
    r"|badge(?:[ \t]*(?:no\.?|number|#|id))?"
)
# (public: the name rules read a login of letters only after the same labels)
LOGIN_LABEL = r"user(?:\s*(?:name|id))?|login(?:[ \t]*id)?"
_LABEL_GAP = r"(?:[ \t]*+(?:[:#=]|\b(?:is|was)\b))?[ \t]*+"
# (an underscore joins a login's parts: "jdoe_88", "k_osei2")
_ANY_VALUE = r"([A-Za-z0-9]+(?:[./_-][A-Za-z0-9]+){0,5})(?![\w/-]|[.]\w)"
_RECORD_LABELLED = re.compile(
    rf"(?<![\w])(?i:{by_first_letter(_RECORD_LABEL)}){_LABEL_GAP}{_ANY_VALUE}"
)
# (a club's or a scheme's number after the word, its number word perhaps between: "Club
# member JPC-0318", "member no. 44120")
_MEMBER_LABELLED = re.compile(
    rf"(?<![\w])(?i:member(?:ship)?)(?:[ \t]*+(?i:no\.?|number|#|id))?{_LABEL_GAP}{_ANY_VALUE}"
)
_LOGIN_LABELLED = re.compile(rf"(?<![\w])(?i:{LOGIN_LABEL}){_LABEL_GAP}{_ANY_VALUE}")
# A number word and what may follow it before the value: "no.", "Nos.", "number is", "#:".
_NUMBER_LABEL = r"(?:(?i:no|nos|number|num)\.?(?![\w])|#)[ \t]*+[:#]?[ \t]*+(?:(?i:is|was)[ \t]+)?"
# Any noun with a number word after it ("Subject number 044-117", "run # 26-11-4418",
# "Attorney No. 28874-71", "Client # LRG-004", "RAINWATER #5512"): the label says the value
# names one thing, whatever the noun; the cue lists above cannot hold every such noun. Nouns
# of place, order, amount or code ("room", "page", "dose", "CPT") number no person.
_ANY_LABELLED = re.compile(
    # from the number word, so that a text is scanned for "no", "number" or "#" only; the noun
    # before it is read by ``_any_label_head``
    # (or in brackets after the noun: "the Society's membership record (no. 55120)",
    # "interpreter Yolanda (#41822)")
    r"(?:(?<=[A-Za-z'’][ \t])|(?<=[A-Za-z]\.[ \t])|(?<=[A-Za-z]:[ \t])(?=#)"
    r"|(?<=[A-Za-z][ \t]\())"
    + _NUMBER_LABEL
    # a registry's letters, then digit groups after blanks, first ("Scheme no. ZH 4417 2290")
    + r"(?P<v>[A-Z]{1,4}(?:[ ]\d{2,8}){1,4}(?![\w/-]|[.]\w)"
    # digit groups after blanks ("Applicant no. 7812 0394", "OTIS #: 1447 2290", "Service
    # no.: 36 418 772")
    + r"|\d{2,8}(?:[ ]\d{3,8}){1,3}(?![\w/-]|[.]\w)"
    + r"|[A-Za-z0-9]+(?:[./-][A-Za-z0-9]+){0,5}(?![\w/-]|[.]\w))"
)
_NOT_LABEL_HEADS = STOP_WORDS | frozenset(
    {"room", "rm", "bed", "bay", "floor", "fl", "suite", "ste", "apt", "unit", "units", "ward",
     "wing", "page", "pg", "pp", "step", "line", "lead", "tube", "size", "gauge", "cycle",
     "year", "years", "grade", "stage", "level", "class", "type", "version", "item", "items",
     "question", "table", "figure", "fig", "exhibit", "slide", "block", "lot", "batch",
     "catalog", "cat", "model", "part", "count", "total", "phase", "trial", "attempt", "option",
     "seat", "channel", "route", "bus", "gate", "lane", "highway", "hwy", "exit", "icd", "cpt",
     "ndc", "hcpcs", "drg", "loinc", "snomed", "rev", "revenue", "tooth", "teeth", "rib",
     "vertebra", "cervical", "thoracic", "lumbar", "sacral", "stool", "void", "emesis", "vial",
     "vials", "bag", "bags", "bottle", "bottles", "kit"}
)  # fmt: skip
# ... and what a dose is counted in or a span of time ("dose number 2", "day # 14").
_QUANTITY_HEAD = re.compile(rf"(?:{DOSE_FORMS}|{TIME_UNITS})", re.I)


def _any_label_head(text: str, start: int, end: int) -> bool:
    """The noun before the number word is one that numbers no person (see above)."""
    head = _ANY_HEAD.search(text, max(0, start - 48), start)
    if head is None:
        return True
    noun = head.group(1).lower().rstrip(".")
    return noun in _NOT_LABEL_HEADS or _QUANTITY_HEAD.fullmatch(noun) is not None


# (a form's label before "#": "Donor: #4471")
_ANY_HEAD = re.compile(
    r"([A-Za-z][A-Za-z'’-]{0,24})(?:\.|:(?=[ \t]#)|[ \t]\()?[ \t]*" + _NUMBER_LABEL + r"\Z"
)


# A date, not only its shape: "26-11-4418" is a run number, "26-11-2026" a date.
_DATED = re.compile(
    r"^(?:\d{1,2}[/.-]\d{1,2}[/.-](?:\d{2}|(?:19|20)\d{2})|(?:19|20)\d{2}[/.-]\d{1,2}[/.-]\d{1,2})$"
)


def _any_labelled(value: str) -> bool:
    """Three digits or more, and no date, decimal, year range or word after the number (a
    number with a long dotted tail is an identifier: "Inpatient no. 26.017744")."""
    if sum(c.isdigit() for c in value) < 3 or re.fullmatch(r"\d+[.,]\d{1,3}", value):
        return False
    if _DATED.match(value) or _YEARS.match(value):
        return False
    groups = re.split(r"[./-]+", value)
    if groups[0].isalpha() and groups[0].lower() in _NOT_PREFIXES:
        return False
    return not any(g.isalpha() and len(g) > 3 for g in groups[1:])


_RECORD_LABEL_WORDS = (
    "mrn", "mr", "acct", "accession", "med", "patient", "pt", "account", "file", "card",
    "specimen", "member", "policy", "claim", "case", "registration", "nis", "chart", "folder",
    "booking", "order", "requisition", "req", "incident", "transfer", "trip", "referral",
    "session", "encounter", "ticket", "confirmation", "rm", "nomor", "dossier", "expediente",
    "prontuário", "prontuario", "cartella", "badge",
)  # fmt: skip


# A USPS tracking number, the grammar of every certified or tracked letter a records office
# sends: 22 digits from 91-95 (Intelligent Mail package barcode) or 20 from 70 (certified mail),
# printed in groups of four (the last of two) or run together; distinctive with no cue.
_USPS_TRACKING = re.compile(
    r"(?<![\w-])(?:9[1-5]\d\d(?:[ ]?\d{4}){4}[ ]?\d\d|70\d\d(?:[ ]?\d{4}){4})(?![\w-]|[ ]\d)"
)


# A professional or facility registration after the registering body's acronym: "BDA reg.
# 1148", "GPC reg. PT/0417", "MCJ reg 2288", "KMPDC licence A-4471".
_BODY_REGISTRATION = re.compile(
    r"(?<![\w-])[A-Z]{2,6}[ \t]+(?i:reg(?:istration|n)?|licen[cs]e|lic)\.?"
    r"(?:[ \t]*+(?i:no\.?|number|#))?[ \t]*+[:#]?[ \t]*+"
    r"([A-Z]{0,4}[/-]?\d{3,8}(?:[/-]\d{1,6})?)(?![\w/-])"
)


# An aircraft's registration (FAA "N-number": N, a digit, up to four more, up to two letters;
# or elsewhere a country's prefix, a dash and three or four letters: Canada's "C-GKRL", the
# UK's "G-EMSA", Australia's "VH-FVR") beside the words of air transport: "Air Medical
# N441EC", "tail no. C-GKRL"; four characters at least ("N95" is a mask, "N2O" a gas). A
# one-letter prefix takes four letters, as those registers issue them ("G-CSF" near "heli" is
# a drug, "C-ARM" an X-ray machine).
_TAIL_NUMBER = re.compile(
    r"(?<![\w-])(?:N[1-9]\d{0,4}[A-HJ-NP-Z]{0,2}|[CGDFIB]-[A-Z]{4}|(?:VH|ZK|EI|ZS|VT|JA|HB|"
    # (and the Caribbean's, the Gulf's, Asia's, Africa's and the rest of Europe's prefixes:
    # the Bahamas' "C6-FLQ", Trinidad's "9Y-TJC", Qatar's "A7-BAC", Malaysia's "9M-MXA")
    r"9Y|C6|6Y|8P|A6|A7|A9C|A4O|HZ|9K|9M|9V|HS|PK|AP|5Y|5N|9G|5X|ET|4X|SU|CN|TS|SX|CS|EC|"
    r"OE|OO|PH|LN|SE|OY|OH|TF|SP|OK|YR|LZ|9A|S5|UR|TC)-[A-Z]{3,4})"
    r"(?![\w-])"
)
_TAIL_CTX = context_regex(
    ["tail", "aircraft", "helicopter", "air medical", "airmed", "air ambulance", "flight",
     "fixed wing", "fixed-wing", "rotor", "rotorcraft", "jet", "plane", "aviation", "airlift",
     "life flight", "medevac",
     # (as retrieval crews write it: "chopper ZK-IMX", "G-EMRX rotary", "PC-24 VH-OWP")
     "chopper", "heli", "helo", "rotary", "airframe", "aeroplane", "airplane", "king air",
     "pc-12", "pc-24", "learjet", "hems",
     # (an air ambulance by its name's last word: "by Valley AeroMed N417VA", "Lifestar N911LS")
     "aeromed", "air med", "aeromedical", "lifestar", "careflight", "medflight", "airevac"]
)  # fmt: skip


# Brazil's postcode after its label ("CEP 04263-100") and Poland's before its town on an
# address line ("31-146 Kraków"): five and three digits, two and three.
_CEP = re.compile(r"(?<![\w-])(?:CEP|C\.E\.P\.)[ \t]*+(?::[ \t]*+)?(\d{5}-?\d{3})(?![\w-])")


def _digits_at_least(n: int) -> Callable[[str], bool]:
    """A labelled value with ``n`` digits or more that is no date."""
    return lambda v: sum(c.isdigit() for c in v) >= n and not _DATE_SHAPE.match(v)


def _login(value: str) -> bool:
    """A login: letters and at least one digit ("gusfair36", "mkeck2"), or two words joined
    by an underscore ("jpark_admin")."""
    joined = re.fullmatch(r"[A-Za-z]{2,}(?:_[A-Za-z0-9]{2,})+", value) is not None
    return (joined or any(c.isdigit() for c in value)) and sum(c.isalpha() for c in value) >= 3


def _labelled_id(value: str) -> bool:
    """Five digits or more, and not a date, a time or a year range."""
    if _DATE_SHAPE.match(value) or _YEARS.match(value):
        return False
    groups = re.split(r"[ /-]+", value)
    if any(g.isalpha() and len(g) > 3 for g in groups[1:]):
        return False  # a word after the number ("4471-pending"): the sentence, not the id
    digits = sum(c.isdigit() for c in value)
    alien = groups[0] == "A" and digits >= 8  # "A 201-448-917": the A-number's own letter
    if groups[0].isalpha() and groups[0].lower() in _NOT_PREFIXES and not alien:
        return False  # "REFERENCE RANGE 135-145", "CASE OF 12 000"
    # a registry's letter code then four digits ("MCJ 4471") is as sure as five digits
    coded = (
        len(groups) == 2
        and groups[0].isalpha()
        and groups[0].isupper()
        and len(groups[0]) <= 5
        and groups[1].isdigit()
        and len(groups[1]) == 4
        and not re.fullmatch(r"(?:19|20)\d\d", groups[1])  # "AB 2026": a year
    )
    return digits >= 5 or coded


# Words that open the match but no number: the stop words and a few labels' neighbours.
_NOT_PREFIXES = (
    STOP_WORDS
    # another number's label ("Policy MRN 4412093": the MRN's own)
    | frozenset({"mrn", "dob", "ssn", "nhs", "chi", "nhi", "urn", "csn", "fin", "nric", "hkid"})
    | frozenset({"range", "rng", "lab", "labs", "date", "dated", "sent", "due", "set"})
)


def _unit_after(text: str, start: int, end: int) -> bool:
    """An amount with its unit ("order 12500 units"), not a number that names something."""
    return _COUNT_AFTER.match(text[end : end + 10]) is not None


_PLAN_CTX = context_regex(
    ["member id", "member #", "member no", "member number", "policy", "policy #", "policy no",
     "subscriber", "medicaid", "medicare", "insurance", "insurance id", "health plan", "plan id",
     "plan #", "group #", "group no", "group number", "beneficiary", "hic", "hicn", "mbi", "bcbs",
     "blue cross", "insured id", "masshealth", "tricare"]
)  # fmt: skip
_ALNUM_ID = re.compile(r"(?<![\w-])(?=[A-Z0-9-]*\d[A-Z0-9-]*\d)[A-Z0-9][A-Z0-9-]{3,22}[A-Z0-9]"
                       r"(?![\w-])", I)  # fmt: skip
# A bank's branch code after its name, as transfers print it: a British sort code ("30-94-57"),
# an Australian BSB ("062-914"), a Canadian transit ("00471-003"), a US routing number, an
# Indian IFSC ("PNRB0004417"); and an account number in groups after its label ("Acc 1088
# 4417", "A/c No. 5010 0288 4719").
_BANK_CODE = re.compile(
    r"\b(?i:sort[ \t]?code|bsb|transit|ifsc|routing|aba)[ \t]*+(?i:no\.?|number|#)?[ \t]*+[:#]?"
    r"[ \t]*+(\d{2}-\d{2}-\d{2}|\d{3}[ -]\d{3}|\d{5}-\d{3}|\d{5,6}|\d{9}|[A-Z]{4}0[A-Z0-9]{6})"
    r"(?![\w-])"
)
# (with its letters in front, as a utility or a telco prints it: "Account: AC 6613 0087"; a
# UK number-porting code after its label: "PAC XLM 448 921")
_ACCOUNT_GROUPED = re.compile(
    r"\b(?i:acc(?:ount)?|acct|a/c|pac|stac)\.?[ \t]*+(?i:no\.?|number|code|#)?[ \t]*+[:#]?"
    r"[ \t]*+((?:[A-Z]{1,4}[ -])?\d{3,6}(?:[ -]\d{3,6}){1,3})(?![\w-])"
)
# A card's or an account's last digits after its masked part ("************6621", "XXXX-4471").
_MASKED_DIGITS = re.compile(r"(?<![\w*•])(?:[*•]{4,}|[Xx]{4,})[ -]?(\d{4})(?![\w-])")
# A card number masked in its middle, its issuer's first digits and its last four shown, as
# hotels and shops print a guarantee ("5412 75•• •••• 0931", "4539-XXXX-XXXX-1234"): the
# shown digits are the account's, so the whole number goes.
_MASKED_CARD = re.compile(
    r"(?<![\w*•])\d{4}[ -]?\d{0,2}[•*Xx]{2,4}(?:[ -]?[•*Xx]{4}){1,2}[ -]?\d{4}(?![\w-])"
)
# A police officer's collar or shoulder number after the rank's letters ("custody sergeant
# Dawes (PS 2261)", "PC 4471 Hargreaves"); only near a word of police or custody, where "PC"
# and "DC" are also a meal's time and a current.
_COLLAR = re.compile(r"\b(?:PC|PS|DC|DS|DI|DCI|Sgt\.?|Insp\.?|Cst\.?)[ ]?(\d{3,5})(?![\w/]|[.,]\d)")
_POLICE_CTX = context_regex(
    ["police", "officer", "officers", "custody", "sergeant", "constable", "detective", "arrest",
     "arrested", "station", "collar", "cell", "detained", "detention", "escort", "escorted",
     "warrant", "pace", "fme", "hcp"]
)  # fmt: skip
# An identifier masked in groups with its last digits shown, as letters print a tax file,
# social insurance or social security number ("TFN provided (*** *** 482)", "SIN: ***-***-218",
# "SSN XXX-XX-6638"): the shown digits are the person's (group 1, as ``_MASKED_DIGITS``).
_MASKED_GROUPS = re.compile(
    r"(?<![\w*•])(?:[*•]{2,5}|[Xx]{2,5})(?:[ -](?:[*•]{2,5}|[Xx]{2,5})){1,3}[ -](\d{3,4})(?![\w-])"
)
# Australia's Centrelink reference (nine digits in threes and a check letter) after "CRN"
# (its bracket closed too: "Reference (CRN): ...").
_CRN = re.compile(r"\bCRN\)?[ \t]*+[:#]?[ \t]*+(\d{3}[ ]?\d{3}[ ]?\d{3}[A-Z])(?![\w-])")
# France's social security number (NIR) as the card prints it: sex, year, month, department,
# commune, order, key ("1 85 07 75 114 287 59").
_NIR = re.compile(
    r"(?<![\w-])[12][ ]\d{2}[ ](?:0[1-9]|1[0-2]|[2-9]\d)[ ](?:\d{2}|2[AB])[ ]\d{3}[ ]\d{3}[ ]\d{2}"
    r"(?![\w-])"
)
# India's goods-and-services tax number after its label: the state's two digits, the PAN, an
# entity digit, "Z" and a check character ("GSTIN 37AAGFN4471K1Z3").
_GSTIN = re.compile(
    r"\b(?i:gstin|gst[ \t]+no\.?)[ \t]*+[:#]?[ \t]*+(\d{2}[A-Z]{5}\d{4}[A-Z][0-9A-Z]Z[0-9A-Z])\b"
)
# A Canadian business's program account: the nine-digit business number, the program's two
# letters and the account's four digits ("BN 719304418 RT0001" for GST/HST, "RP0001" payroll),
# and Quebec's ten-digit QST number with "TQ" ("1219874433 TQ0001"). The letters and the
# four digits make the shape; no label is needed.
_BN_PROGRAMS = ("RT", "RP", "RC", "RR", "RZ", "RM", "RN", "RD", "RG", "SL")
_QST_PROGRAMS = ("TQ", "DQ", "IC")
_PROGRAM_ACCOUNT = re.compile(
    rf"(?<![\w-])(?:\d{{9}}[ \t]?(?:{'|'.join(_BN_PROGRAMS)})|"
    rf"\d{{10}}[ \t]?(?:{'|'.join(_QST_PROGRAMS)}))\d{{4}}(?![\w-])"
)
# India's permanent account number (tax): five letters, four digits, a letter, after its label.
# (also in brackets after "PAN card": "originals of your PAN card (BXRPS4471K)")
_PAN = re.compile(r"\b(?:PAN|Pan)(?:[ \t]+(?i:no\.?|number|card))?[ \t]*+[:#(]?[ \t]*+"
                  r"([A-Z]{5}\d{4}[A-Z])(?![\w-])")  # fmt: skip


def _member_ok(value: str) -> bool:
    """Five digits, or a letter with three ("JPC-0318"): "member 2009" is a year, "member 12"
    a count."""
    digits = sum(c.isdigit() for c in value)
    return digits >= 5 or (any(c.isalpha() for c in value) and _not_measurement(value))


# Ventilator settings (600x12), doses (10u, 250mg) and ratios are not identifiers.
_MEASUREMENT = re.compile(
    r"^\d+(?:\.\d+)?(?:x\d+(?:\.\d+)?)+$|^\d+(?:\.\d+)?(?:iu|mg|mcg|ml|cc|kg|mm|cm|"
    r"units?|meq|mmol|hrs?|min|bpm)$|^\d{1,3}-\d{1,3}s?$"
    # a one-letter unit after six digits at most: seven digits and a letter is a record's
    # check letter ("9726387G"), not 9.7 t in grams
    r"|^\d{1,6}(?:\.\d+)?[uglhx]$",
    I,
)


# A span of clock time, as shift notes write it ("between 0110-0350", "here 2100-2140").
_TIME_RANGE = re.compile(r"^(?:[01]\d|2[0-3])[0-5]\d[ ]?[-–][ ]?(?:[01]\d|2[0-3])[0-5]\d$")


def _not_measurement(value: str) -> bool:
    return (
        _MEASUREMENT.match(value) is None
        and _TIME_RANGE.match(value) is None
        and sum(c.isdigit() for c in value) >= 3
    )


def _device_serial(value: str) -> bool:
    """As :func:`_not_measurement`, or two digits in one run of ten characters or more, as a
    phone maker prints a serial ("F2LXK9QNPLJM"; not a host's "DESKTOP-7HQ2")."""
    if len(value) >= 10 and value.isalnum() and sum(c.isdigit() for c in value) == 2:
        return _MEASUREMENT.match(value) is None
    return _not_measurement(value)


# Record-number shapes that need no cue: six or more digits in one run, alone or glued to a
# short letter prefix or check letter ("H3870113", "MRN-2114990", "4552193F"), dashed groups
# with a letter group or three groups ("88229-MK", "0-1526-586", "PA-26-0301447"), and an
# upper-case site prefix before a seven-digit run ("GT 4318948"). A de-identifier removes such
# a string rather than prove what it numbers; amounts, counts with units and year ranges are
# left alone.
_RECORD_GLUED = re.compile(
    r"(?<![\w$£€.,/#:-])(?:[A-Za-z]{1,4}-?)?\d{6,10}[A-Za-z]?(?![\w/-]|[.,:]\d)"
)
_RECORD_DASHED = re.compile(
    r"(?<![\w$£€.,/#:-])(?:\d{1,6}-[A-Za-z]{2,3}|[A-Za-z]{2,3}-\d{4,8}|\d{1,4}-\d{3,5}-\d{2,5}|"
    # a case, report or authorisation number with a year group: "IR-26-0091", "2025-0418-CR"
    r"[A-Za-z]{1,4}-\d{2,4}-\d{3,8}|\d{2,6}-\d{2,6}-[A-Za-z]{1,3}|"
    # letter groups before the serial ("KT-B-2290417": a kit, a licence with its state and
    # kind) and a register's code, year and serial between slashes ("WRD/25/0193")
    r"[A-Z]{1,4}(?:-[A-Z]{1,4}){1,2}-\d{3,10}(?:-\d{2,8})?|"
    r"[A-Z]{2,4}(?:/[A-Z]{1,4}){0,2}/\d{2,4}/\d{3,8}|"
    # a site's letters, a year and a serial: "FH 26-00412"
    r"[A-Z]{2,4} \d{2}-\d{4,8}|"
    # a register's letters and year or batch glued, then the serial: "TR26-01184", "C13-0566",
    # an embryo's "E16-0389-B2"; one letter before a serial of five digits: "A-22817"
    r"[A-Z]{1,4}\d{1,3}-\d{4,8}(?:-[A-Z0-9]{1,3})?|[A-Z]-\d{5,8}|"
    # three to six groups of capitals or digits in any order, two capitals and three digits
    # in a row at least: a case's, a report's or a request's reference ("CSU-2013-DUN-000417",
    # "NG-SX-18-00412", "PS-20220409-2211", "MR-118-23-07")
    # (not a trial's or a standard's registry number: "NCT-0000-XYZ", "ISO-13485-2016")
    r"(?!(?:NCT|ISRCTN|ACTRN|CTRI|EUCTR|ISO|IEC|NIST|ASTM|ANSI|ICD|DSM)-)"
    r"(?=[A-Z\d-]{0,40}?\d{3})(?=[A-Z\d-]{0,40}?[A-Z]{2})"
    r"(?:[A-Z]{1,5}|\d{2,10})(?:-(?:[A-Z]{1,5}|\d{2,10})){2,5})"
    r"(?![\w/-]|[.,:]\d)"
)
# A run of eleven digits or more with no phone's or card's shape: a national identity or
# health number printed whole ("1199070081234567", an 11-digit citizen id in a register).
_RECORD_LONG = re.compile(r"(?<![\w$£€.,/#:+-])\d{11,20}(?![\w/-]|[.,:]\d)")
_RECORD_PREFIXED = re.compile(
    r"(?<![\w-])(?!(?:ON|AT|TO|OR|NO|BY|IN|OF|PH|RX|ID|IS|THE|AND|FOR|TEL|MOB|EXT|REF|MRN|UR|"
    r"URN|CRN|NHS|DOB|BP|HR|RR|WBC|PLT|HB|NPI|DEA|SSN|LOT|NDC|CPT|ICD|UPC|TIN|EIN|VER)\b)"
    # (or an NHS trust's code, "R", a letter and a digit: "RX3 441082"; not "CD4 450000")
    r"(?:[A-Z]{2,3}|R[A-Z]\d) \d{6,10}(?![\w/-]|[.,:]\d)"
)
# A lettered serial after a number sign: a device's, a log's or a kit's ("Sarns 9000
# #S9-2214", "Datascope CS100 #CS1-08832", "TRANSFER CENTER LOG #TC05-03317"). The letters
# and the dash make it a code, not a count ("#60" tablets, "#2-0" silk); four digits at least.
_NUMBER_SIGN_SERIAL = re.compile(
    r"(?<![\w#])#[ \t]?([A-Z]{1,4}\d{0,3}-\d{3,8}(?:-\d{1,6}){0,3})(?![\w/-])"
)
_COUNT_BEFORE = context_regex(
    ["plt", "plts", "platelets", "platelet", "wbc", "count", "counts", "cells", "copies",
     "viral load", "vl", "units", "iu", "total", "steps", "$", "£", "€", "usd", "gbp", "inr",
     "rs", "rs.", "cost", "costs", "paid", "price", "billed", "amount", "balance", "population"]
)  # fmt: skip
_COUNT_AFTER = re.compile(
    rf"^\s*(?:(?:{DOSE_UNITS}|u|{COUNT_NOUNS}|{MONEY_WORDS}|k)\b|/\s*(?:ml|ul|mm3|l)\b)", I
)
_YEAR_RANGE = re.compile(r"^(?:19|20)\d{2}-(?:19|20)\d{2}$")


def _count_or_amount(text: str, start: int, end: int) -> bool:
    """A count, amount or range, not an identifier: "plt 150000", "$250000", "2019-2021".
    A value with letters is no amount, whatever word follows ("SR-26-4419 Unit CCT-2")."""
    value = text[start:end]
    if _YEAR_RANGE.match(value):
        return True
    if _COUNT_AFTER.match(text[end : end + 10]) and not any(c.isalpha() for c in value):
        return True
    return near(text, start, end, _COUNT_BEFORE, 12, 0) or _other_number_before(text, start)


def _other_number_before(text: str, start: int) -> bool:
    """Whether a cue for another kind of number ("DOB", "lot", "NPI") is the last label before
    ``start`` (within 20 characters): one with its own number after it labels that number, not
    this one ("DOB 22/11/1958, UR W0091432")."""
    lo = max(0, start - 20)
    pad = 1 if lo > 0 else 0
    window = text[lo - pad : start].lower()
    cues = list(_OTHER_NUMBER_CUES.finditer(window, pad))
    return bool(cues) and not any(c.isdigit() for c in window[cues[-1].end() :])


# Cues that say what a number is when it is no record number, or when a stricter rule (a
# checksum, a calendar) already decides it: "NPI 1234567890" failing its check digit, "date
# of birth: 19481311", "batch code 19990101".
_OTHER_NUMBER_CUES = context_regex(
    ["npi", "dea", "date", "dob", "birth", "born", "code", "catalog", "catalogue", "version",
     "ver", "cpt", "icd", "loinc", "snomed", *PRODUCT_CODE_LABELS]
)  # fmt: skip


def _six_digits_or_letters(value: str) -> bool:
    """Dashed groups: six digits in all, or a letter group (a check code) with five."""
    if _PHONE_GROUPS.match(value):
        return False  # 617-555-0143 is a phone's shape; the phone rules decide it
    digits = sum(c.isdigit() for c in value)
    # two letter groups name the register ("EVD-S-MON-0413", "KDH/MM/26/1183"), not a gene's
    # or an antigen's allele ("HLA-B-5701", "CYP-2D6")
    groups = re.findall(r"[A-Za-z]+", value)
    lettered = len(groups) >= 2 and digits >= 3 and groups[0].upper() not in _ALLELE_SYSTEMS
    # a register's capitals before a four-digit serial ("AL-2207", "EVQ-5571"), not a drug's,
    # a standard's or a classification's name before its number ("PEG-3350", "ICD-1010")
    coded = _CODE_SERIAL.fullmatch(value) is not None and groups[0] not in _NAMED_NUMBERS
    return digits >= 6 or (digits >= 5 and any(c.isalpha() for c in value)) or lettered or coded


_PHONE_GROUPS = re.compile(r"^\d{3}-\d{3}-\d{4}$")
_CODE_SERIAL = re.compile(r"[A-Z]{2,3}-\d{4}")
_NAMED_NUMBERS = frozenset({"PEG", "ICD", "ISO", "DSM", "IEC", "EN", "CPT", "NDC", "HL", "SKU"})
_ALLELE_SYSTEMS = frozenset({"HLA", "CYP", "KIR", "ABO", "RHD", "HPA", "HNA", "UGT", "TPMT"})


_MBI = re.compile(
    r"\b[1-9][AC-HJKMNP-RT-Y][AC-HJKMNP-RT-Y0-9]\d-?[AC-HJKMNP-RT-Y][AC-HJKMNP-RT-Y0-9]\d-?"
    r"[AC-HJKMNP-RT-Y]{2}\d{2}\b"
)
_ACCOUNT_CTX = context_regex(
    ["account", "acct", "acct #", "a/c", "billing", "invoice", "bank", "routing", "account no",
     "account number", "fin", "encounter", "visit #", "visit number", "har"]
)  # fmt: skip
_LICENSE_CTX = context_regex(
    ["license", "licence", "lic", "lic #", "certificate", "cert", "cert #", "permit",
     "registration", "state license", "board", "credential", "driver", "drivers", "dl", "dl#"]
)  # fmt: skip
_DEVICE_CTX = context_regex(
    ["serial", "serial #", "serial no", "serial number", "s/n", "sn", "sn#", "device id", "udi",
     "model", "model #", "lot", "lot #", "imei", "mac", "pacemaker", "icd", "implant", "pump id",
     "device",
     # a worn or implanted device, or a fleet vehicle, named by its kind before its number
     # ("CGM GL7-4481120", "insulin pump PX-20311", "Bus SRT-2214"); not a car or truck,
     # whose model reads the same ("black F-150")
     "cgm", "cgm sensor", "transmitter", "insulin pump", "glucometer", "hearing aid",
     "cochlear", "neurostimulator", "lvad", "vad", "concentrator", "wheelchair", "bus",
     "fleet", "locomotive", "tail number", "hull",
     # a loaned or a home device by its kind ("Chromebook CB-2291-HX77", "CPAP RS-2208-1193")
     "laptop", "chromebook", "ipad", "tablet", "router", "modem", "cpap", "bipap", "apap",
     "nebulizer", "nebuliser", "defibrillator", "aed",
     # a custody's recording and monitoring devices ("body-worn camera BWC-X7-004137",
     # "ankle monitor EM-22-4471")
     "camera", "bodycam", "body cam", "bwc", "dashcam", "ankle monitor", "ankle tag",
     "electronic tag", "gps tag"]
)  # fmt: skip
# An ambulance's, a retrieval crew's or a fire engine's call sign after its kind ("road
# ambulance unit 4417", "ground crew unit SK-312", "EMS unit M-27", "crew Alpha 47"): the unit
# identifies the crew that carried the patient.
_EMERGENCY_UNIT = re.compile(
    r"\b(?i:(?:ambulance|ems|ground|road|retrieval|transport|medic|paramedic|fire|rescue|icp|"
    r"acp|als|bls|ils|mica|hems|tow|towing|"
    # a police or a sheriff's patrol that brought the patient ("Sheriff's Office unit CB-114",
    # "patrol car 4471")
    r"patrol|police|sheriff['’]?s?(?:[ \t]+office)?|deputy|squad|trooper)[ \t]+\(?(?:crew[ \t]+)?"
    r"(?:unit|crew|rig|truck|engine|car|call[ \t]?sign))"
    r"[ \t]*+(?:#[ \t]*+)?"
    # (a service's letters before the number: "GP-ALS 114", "T-14", "RA-27")
    r"((?:[A-Z]{1,4}(?:-[A-Z]{1,4})?[ -]?)?\d{1,5}[A-Z]?|"
    r"(?:Alpha|Bravo|Charlie|Delta|Echo|Foxtrot|Golf|Hotel|"
    r"India|Kilo|Lima|Mike|Oscar|Papa|Romeo|Sierra|Tango|Victor|Whiskey|Yankee|Zulu|Medic|"
    r"Rescue|Engine)[ \t]\d{1,3})(?![\w-])"
)
# An apparatus named by its kind and number, as dispatch and run reports name it ("Medic 12",
# "ENG 6", "Rescue 119", "Helimed 27", "LIFESTAR 2"), or a rig's code after its label ("RIG
# 39-1"): the call sign identifies the vehicle and crew that carried the patient. Capitalised
# only ("rescue 1 wk ago" is a word), and no unit or count after it ("Engine 2 cyl").
_APPARATUS_KINDS = (
    "Medic", "Engine", "Eng", "Ladder", "Rescue", "Squad", "Truck", "Ambulance", "Amb",
    "Helimed", "Lifestar", "LifeFlight", "Battalion", "Brush", "Tanker", "Quint",
)  # fmt: skip
_APPARATUS = re.compile(
    r"(?<![\w/-])(?:"
    + "|".join(f"{k}|{k.upper()}" for k in _APPARATUS_KINDS)
    + r")\.?[ \t]?#?\d{1,4}[A-Z]?(?:-\d{1,2})?"
    + _NO_COUNT_AFTER
)
# A vehicle's or a call sign's code after its label alone ("call sign A304", "callsign PWY31",
# "Vehicle: 4617", "véhicule 8527"); not a model year ("Vehicle: 2014 Ford", "2023 TOYOTA").
_LABELLED_VEHICLE = re.compile(
    r"(?<![\w])(?i:call[ \t-]?sign|v[ée]hicule|vehicle(?:[ \t]+(?:no\.?|#|number|id))?|"
    r"veh\.?[ \t]*#)[ \t]*+[:#]?[ \t]*+((?=[A-Z0-9-]{3})(?=[A-Z0-9-]*\d)(?!(?:19|20)\d\d\b)"
    r"[A-Z]{0,4}-?\d{1,5}[A-Z]?)"
    r"(?![ \t]+[A-Z][a-z]|[ \t]+of\b)" + _NO_COUNT_AFTER
)
_RIG = re.compile(
    r"(?<![\w/-])(?i:rig)[ \t]*+#?[ \t]*+((?=[A-Z]{0,3}-?\d)[A-Z]{0,3}-?\d{1,4}(?:-\d{1,2})?)"
    + _NO_COUNT_AFTER
)
# Where a person is buried or their ashes rest, by the cemetery's own grid: two parts or more
# of a plot's address ("Sec. F, Lot 212, Gr. 3", "Row 6, Grave 11", "Section Maple, Lot 318",
# "Wall W-3, Tier E, No. 14"). It identifies one grave, and so whose it is. A grave's own
# word among the parts suffices; "Sect. C, Row 12" needs a burial word before it.
_PLOT_PART = (
    r"(?:Sec(?:tion|t)?\.?|SEC(?:TION|T)?\.?|Lot|LOT|Row|ROW|Grave|GRAVE|Gr\.|Plot|PLOT|Block|"
    r"BLOCK|Blk\.?|Niche|NICHE|Tier|TIER|Compartment|Crypt|CRYPT|Range|Space|Wall|No\.)"
)
_PLOT_ITEM = (
    _PLOT_PART
    + r"[ \t]+(?:[A-Z]{1,2}-?\d{1,4}[A-Z]?|\d{1,4}[A-Z]?|[A-Z](?![\w'’])|[A-Z][a-z]{2,12})"
)
_PLOT = re.compile(
    rf"(?<![\w.])((?=[^\n]*?\d){_PLOT_ITEM}(?:[ \t]*[,;/][ \t]*|[ \t]+){_PLOT_ITEM}"
    rf"(?:(?:[ \t]*[,;/][ \t]*|[ \t]+){_PLOT_ITEM}){{0,4}})(?![\w-])"
)
_GRAVE_PART = re.compile(r"\b(?i:lot|grave|gr\.|plot|niche|crypt|tier|compartment)(?![\w])")
_BURIAL_CTX = context_regex(
    ["cemetery", "cemeteries", "churchyard", "burial", "buried", "interment", "interred",
     "grave", "plot", "niche", "columbarium", "mausoleum", "crematorium", "memorial park",
     "memorial gardens", "burial ground", "ashes", "headstone", "memorial"]
)  # fmt: skip


def _grave_named(value: str) -> bool:
    """A plot's parts name a grave's own word, and a number stands among them."""
    return bool(_GRAVE_PART.search(value)) and any(c.isdigit() for c in value)


# A utility's equipment at a home, its number right after its kind ("Old meter A04L119832",
# "Hub CH-00-1A-77-F2-09", "Handheld HH-0419", "meter number is 1ND 2210 4498"): only there,
# since readings stand near a meter too ("final 66120", "reg 1 = 031477").
_EQUIPMENT_ID = re.compile(
    r"\b(?i:(?:old|new|smart|gas|electric|water)[ \t]+meter|meter[ \t]+(?:no\.?|number|serial|"
    r"id|#)|hub|handheld|ont|ntd|set-top[ \t]+box)"
    r"(?:[ \t]++(?i:is|was))?[ \t]*+[:#]?[ \t]{0,3}+"
    r"((?=[A-Z0-9 -]{0,14}\d[A-Z0-9 -]{0,14}\d)[A-Z0-9]{1,6}(?:[ -]?[A-Z0-9]{2,12}){1,5})"
    r"(?![\w-])"
)
# A phone's or a modem's equipment number after its label, in the groups handsets print it
# ("IMEI 35 440912 183305 7", "MEID: 99-000512-345678"): 11 to 18 digits.
_HANDSET_ID = re.compile(
    r"(?<![\w])(?i:imei(?:sv)?|meid|esn)[ \t]*+(?i:no\.?|number|#)?[ \t]*+[:#]?[ \t]*+"
    r"(\d(?:[ \t-]?\d){10,17})(?![\w-])"
)
_PLATE_CTX = context_regex(
    ["plate", "license plate", "lic plate", "plate #", "plate number", "tag", "tags", "tag #",
     "registration plate",
     # the plate's name in other languages ("immatriculation LT 482 AB", "Kennzeichen")
     "immatriculation", "plaque", "matrícula", "matricula", "placa", "patente", "targa",
     "kennzeichen", "kenteken", "registreringsnummer", "regnr", "rekisterinumero", "rendszám",
     "spz", "ŠPZ", "plaka", "rego", "nr rej", "numer rejestracyjny"]
)  # fmt: skip
# A digit within the plate's own nine characters (a look-ahead with no bound rescanned a
# long blank run at every position: quadratic).
# Three groups in capitals as Europe prints a plate ("LT 482 AB", "B-MK 4471", "AB 123 CD").
_PLATE = re.compile(
    r"(?<![\w-])(?:(?-i:(?=[A-Z0-9 -]{0,10}\d)[A-Z0-9]{1,4}[ -][A-Z0-9]{1,4}[ -][A-Z0-9]{1,4})"
    r"|(?=[A-Z0-9 -]{0,8}\d)[A-Z0-9]{1,4}[ -]?[A-Z0-9]{1,4})(?![\w-])",
    I,
)


# The rest of a plate after a group with no digit ("GD 4817K", "BXRT 482"): one short group
# that holds a digit and ends there.
_PLATE_REST = re.compile(r"[ -](?=[A-Z0-9]{0,7}\d)[A-Z0-9]{1,8}(?![\w-])", I)


def _plate_word_alone(text: str, start: int, end: int) -> bool:
    """A group with no digit that no plate's digits follow: a word ("(HCP) at 401-677-2081"
    after the surname "Rego", which reads as the cue)."""
    return not any(c.isdigit() for c in text[start:end]) and not _PLATE_REST.match(text, end)


# A plate after its state's or province's code, as parking and valet logs, rental desks and
# police reports print it ("AZ CMR4418", "NM BNX-417", "TX 7KJ-2209", "ON BRXT 552"): letters
# and digits both, five to eight.
_PLATE_REGIONS = sorted(
    {code.upper() for code in US_STATE_ABBREVIATIONS}
    # Canada's provinces and territories, Australia's states
    | {"AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON", "PE", "QC", "SK", "YT"}
    | {"NSW", "VIC", "QLD", "TAS", "ACT"}
)
_STATE_PLATE = re.compile(
    r"(?<![\w-])(?:" + "|".join(_PLATE_REGIONS) + r")[ \t]"
    r"((?=[A-Z0-9 -]{0,9}[A-Z])(?=[A-Z0-9 -]{0,9}\d)[A-Z0-9]{2,4}[ -]?[A-Z0-9]{2,4})(?![\w-])"
)


def _state_plate_ok(value: str) -> bool:
    """Five to eight characters holding a letter and a digit ("94110" is a ZIP code)."""
    bare = re.sub(r"[ -]", "", value)
    return 5 <= len(bare) <= 8 and not bare.isdigit() and not bare.isalpha()


# Where a vehicle is parked; with the words for a vehicle (vehicles.VEHICLE_WORDS), the plate
# rules' contexts below.
_PARKING_WORDS = ["valet", "parking", "parked", "garage", "sticker"]
_STATE_PLATE_CTX = context_regex(
    ["plate", "tag", *VEHICLE_WORDS, *_PARKING_WORDS, *sorted(MAKES),
     "corolla", "camry", "civic", "accord", "elantra", "altima", "f-150", "silverado"]
)  # fmt: skip
# A vehicle's registration near a word for the vehicle: "boda boda (UFR 441K)", "ambulance
# unit MT 4-88120A", "boat reg. GDL-OBM-117": capitals and digits in two or three groups.
_VEHICLE_CTX = context_regex([*VEHICLE_WORDS, "rego", "vrm"])
# A plate in brackets right after a make and its model, as owners write their car ("my Mazda 3
# (DQK 44T)", "Honda Jazz (WN72 KXD)"): capitals and digits both, two digits at least, no
# model year.
_PLATE_IN_BRACKETS = re.compile(
    r"\([ \t]*+"
    r"((?=[A-Z0-9 -]*[A-Z])(?=(?:[A-Z \-]*\d){2})[A-Z0-9]{1,4}(?:[ -][A-Z0-9]{1,4}){0,2})"
    r"[ \t]*\)"
)


def _no_model_before(text: str, start: int, end: int) -> bool:
    """A bracketed plate needs a make and model right before its bracket (as
    :mod:`vehicles` reads them: not after a title, "Mr Ford (AB 12)"), and is no year."""
    if re.fullmatch(r"(?:19|20)\d\d", text[start:end]):
        return True
    bracket = text.rfind("(", 0, start)
    return not any(b <= bracket and not text[b:bracket].strip() for _, b in vehicle_spans(text))


# The national shapes of a plate that no measure or code shares, near a word of a vehicle or
# its registration: Britain's since 2001 ("WN72 KXD": area, age, three letters) and India's
# ("KA 05 MX 4821", "MH12AB1234": state, district, series, number).
_NATIONAL_PLATE = re.compile(
    r"(?<![\w-])(?:[A-Z]{2}\d{2}[ ]?[A-Z]{3}|[A-Z]{2}[ -]?\d{1,2}[ -]?[A-Z]{1,3}[ -]?\d{4}|"
    # Ireland's: year (and half), county, serial ("181-C-22094", "08-D-44712")
    r"\d{2}[12]?-(?:C|CE|CN|CW|D|DL|G|KE|KK|KY|L|LD|LH|LM|LS|MH|MN|MO|OY|RN|SO|T|TN|TS|W|WD|WH|"
    r"WX|WW)-\d{1,6})"
    r"(?![\w-])"
)
# A plate in capitals right after its registration's word ("reg CA 338-912", "regn KDA 417Q"),
# two or three groups with a digit: the word is too common a cue for a plate further away.
_REG_PLATE = re.compile(
    r"(?<![\w-])(?i:reg(?:o|n|istration)?)\b\.?(?:[ \t]*(?i:no\.?|#|number))?[ \t]*+(?::[ \t]*+)?"
    r"((?=[A-Z0-9 -]{0,10}\d)[A-Z0-9]{1,4}[ -][A-Z0-9]{1,4}(?:[ -][A-Z0-9]{1,4})?|"
    # (or printed without a gap, as Australia and New Zealand write theirs: "reg KFP482",
    # "reg FRZ77"; letters and digits both)
    r"(?=[A-Z0-9]{0,7}\d)(?=[A-Z0-9]{0,7}[A-Z])[A-Z0-9]{5,8})(?![\w-])"
)
# A vehicle's word, make or yearly test near "reg": a midwife's or a nurse's registration is
# not a plate ("reg. no. QTR 5820").
_REG_PLATE_CTX = context_regex(
    ["rego", "mot", "plate", "fleet", *VEHICLE_WORDS, *sorted(MAKES), *_PARKING_WORDS]
)
_NATIONAL_PLATE_CTX = context_regex(
    # (a make names the vehicle too: "WP21 ZRX - Ford Transit"; a fleet lists plates)
    ["reg", "regn", "regd", "registration", "reg no", "plate", "mot", "fleet", *VEHICLE_WORDS,
     # a registering office's words ("new keeper of LK19 XWP", "V5C", "VRM")
     "keeper", "v5c", "logbook", "vrm",
     *sorted(MAKES), *_PARKING_WORDS, "auto", "rickshaw"]
)  # fmt: skip
_VEHICLE = re.compile(
    r"(?<![\w-])(?=[A-Z0-9 -]{0,13}\d)(?=[A-Z0-9 -]{0,13}[A-Z])"
    # (a group of letters alone at most three: in capitals "XVB-3096 DRIVER" ends before the word)
    r"[A-Z0-9]{1,4}(?:[ -](?:(?=[A-Z]*\d)[A-Z0-9]{1,6}|[A-Z]{1,3})){1,2}(?![\w-])"
)
_VITALS = frozenset(
    {"BP", "HR", "RR", "PR", "CT", "MR", "MRI", "T", "P", "SBP", "DBP", "MAP", "GCS", "O2",
     "SPO2", "SAT", "FIO2", "PEEP", "RA", "NC", "IV", "IM", "PO", "EF", "QT", "QRS", "PT", "INR",
     "HB", "WBC", "PLT", "NA", "K", "CL", "CR", "BUN", "BMI", "LOS", "ED", "OR", "ICU", "BG"}
)  # fmt: skip


def _vehicle_ok(value: str) -> bool:
    """Three digits at least, and no vital sign or test before them ("BP 120", "HR 88"), nor
    a preposition before a clock time ("AT 0200")."""
    first = re.split(r"[ -]", value, maxsplit=1)[0]
    if first.lower() in {"at", "by", "on", "to", "til", "till", "until", "from"}:
        return False
    digits = sum(c.isdigit() for c in value)
    letters = sum(c.isalpha() for c in value)
    # (or two digits in a plate of seven characters, one group or two dashed: "1XY-4QP")
    plate = digits >= 3 or (digits == 2 and letters >= 4 and len(value) == 7 and " " not in value)
    return plate and first not in _VITALS


_ID_CTX = context_regex(
    ["id", "id #", "id number", "identifier", "case #", "case no", "case number", "claim",
     "claim #", "reference #", "ref #", "confirmation", "ticket", "passport", "badge",
     "employee id", "student id", "reference", "ref", "ref no", "claim", "case", "order #",
     "booking", "tracking", "id no", "identification", "rx #", "rx no", "rx number",
     "prescription #", "prescription no", "prescription number", "script #"]
)  # fmt: skip

# A user name after its label and a colon ("username: tgreer_rn", "login: jsmith"), or after
# the label alone when a digit, a dot or an underscore marks it ("user kaito.m_dev", "login
# jsmith42"; not "user reported", "login failed").
_USER_NAME = re.compile(
    r"(?<![\w.-])(?i:user[ \t]?name|login|user[ \t]?id|handle)[ \t]*[:=][ \t]*"
    r"([A-Za-z][\w.]{1,30}[A-Za-z0-9])(?![\w@-])"
)
_USER_NAME_MARKED = re.compile(
    r"(?<![\w.-])(?i:user(?:[ \t]?name|[ \t]?id)?|login|handle)[ \t]+"
    r"([A-Za-z][a-z0-9]*[._\d][\w.]*[A-Za-z0-9])(?![\w@-])"
)


def _no_word(value: str) -> bool:
    return value.lower() not in STOP_WORDS and value.lower() not in {"name", "id", "was", "has"}


# A short number right after an employer's, a school's or a plan's label ("emp 2231", "badge
# 4471", "staff no. 118"), or after a label that says it is some record's number ("ID 4471",
# "Invoice 2291", "Job card 5521", "Bib 1147", "ticket #4471", a trade's "QUOTE Q-2291" and
# "JOB CARD JC 11873"): three digits are enough where the label says whose number it is; not
# a dose ("order 500 mg").
_LABELLED_SHORT_ID = re.compile(
    r"(?<![\w-])(?:(?i:emp|employee|badge)\.?(?:[ \t]*(?i:id|no\.?|#|number|code))?|"
    r"(?i:staff|student|member|payroll)[ \t]*(?i:id|no\.?|#|number|code)|EE|"
    r"ID|(?i:invoice|inv\.|bib|ticket|job(?:[ \t]+card)?|work[ \t]+order|quote|quotation|"
    r"estimate|receipt|docket)"
    r"(?:[ \t]*(?i:no\.?|#|number))?)[ \t]*+(?:[:#][ \t]*+)?"
    r"(\d{3,10}|[A-Z]{1,4}[ -]?\d{3,10})(?![\w-]|[.,]\d|[ \t]*(?i:mg|mcg|ml|units?|%|kg|x\b))"
)
_SHORT_ID_LABELS = (
    "emp", "employee", "badge", "staff", "student", "member", "payroll", "id", "invoice", "inv",
    "ee",
    "bib", "ticket", "job", "work", "quote", "quotation", "estimate", "receipt", "docket",
)  # fmt: skip
_DEA = re.compile(r"(?<![\w-])[A-Z][A-Z9]\d{7}(?![\w-])", I)
_DEA_CTX = context_regex(["dea", "dea #", "dea no", "dea number", "prescriber"])
_NPI = re.compile(r"(?<![\w-])[12]\d{9}(?![\w-])")
# Ten digits right after "NPI" are the provider's number even when the check digit fails (a
# typo, a made-up number): removed, not proved ("NPI# 1730294415").
_NPI_LABELLED = re.compile(
    r"(?<![\w-])(?i:npi)[ \t]*+(?:#|no\.?|number)?[ \t]*+[:=]?[ \t]*+([12]\d{9})(?![\w-])"
)
_NPI_CTX = context_regex(["npi", "npi #", "national provider", "provider id", "prescriber"])
_VIN = re.compile(r"(?<![\w-])[A-HJ-NPR-Z0-9]{17}(?![\w-])", I)
_VIN_CTX = context_regex(["vin", "vehicle identification", "vehicle id", "chassis"])

_STATES = "|".join(sorted((s.upper() for s in US_STATE_ABBREVIATIONS), key=len, reverse=True))
# ZIP candidates are found first (cheap); what precedes them decides.
_ZIP_ANY = re.compile(r"(?<![\w./-])\d{5}(?:-\d{4})?(?![\w/-]|\.\d)")
_BEFORE_STATE = re.compile(r"\b(?:" + _STATES + r")\.?,?\s{1,3}$")
_BEFORE_STATE_NAME = re.compile(r"\b(?:" + US_STATE_NAMES + r"),?\s{1,3}$", I)
# "Lowell, 01852" at the end of an address line.
_BEFORE_CITY = re.compile(r"\b[A-Z][A-Za-z.'-]+,\s{1,2}$")
_LINE_END = re.compile(r"\s*(?:$|[\n.;)])")


# "Emp ID 55102", "(Cyracom ID 55120)": a label's "ID", which _BEFORE_STATE reads as Idaho's
# (after a label's word, or before five digits no Idaho ZIP code begins with).
_LABEL_ID_BEFORE = re.compile(r"([A-Za-z]+)\.?[ \t]+ID[ \t]*+[:#]?[ \t]*$")
_ID_BEFORE = re.compile(r"\bID\.?,?\s{1,3}$")


def _not_after_state(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 8) : start]
    if not _BEFORE_STATE.search(before):
        return True
    if _ID_BEFORE.search(before) and not_idaho_zip(text[start:end]):
        return True
    label = _LABEL_ID_BEFORE.search(text, max(0, start - 24), start)
    return label is not None and label.group(1).lower() in ID_LABEL_WORDS


def _not_after_state_name(text: str, start: int, end: int) -> bool:
    return not _BEFORE_STATE_NAME.search(text[max(0, start - 24) : start])


def _not_city_line_end(text: str, start: int, end: int) -> bool:
    return not (
        _BEFORE_CITY.search(text[max(0, start - 30) : start]) and _LINE_END.match(text, end)
    )


_ZIP_PLUS4 = re.compile(r"(?<![\w-])\d{5}-\d{4}(?![\w-])")
_ZIP5 = re.compile(r"(?<![\w./-])\d{5}(?![\w/-]|\.\d)")
_ZIP_CTX = context_regex(["zip", "zipcode", "zip code", "postal", "postal code", "zip:"])
# A four-digit postcode (AU, NZ, and most of Europe) right after its label: "Postcode: 2474".
_POSTCODE4 = re.compile(r"(?<![\w./-])\d{4}(?![\w/-]|\.\d)")
_POSTCODE4_CTX = context_regex(["zip", "zip:", "zipcode", "zip code", "postcode", "post code",
                                "postal code", "pin code", "pincode"])  # fmt: skip
# A postcode in a key=value or labelled line in the languages that write it so, in the
# shapes no other label claims: Sweden's and Czechia's "116 62", Poland's "00-950", Portugal's
# "1000-001" ("postnr=116 62", "PSČ: 110 00", "kod pocztowy: 00-950", "CP: 1000-001").
_POSTCODE_LABELLED = re.compile(
    r"\b(?i:postnr|postnummer|post[ \t]?code|postcode|postal[ \t]?code|psč|psc|kod[ \t]pocztowy|"
    r"código[ \t]postal|codigo[ \t]postal|cp|c\.p\.|plz|cap|zip|cep)[ \t]*+[:=#]?[ \t]*+"
    r"(\d{3}[ ]\d{2}|\d{2}-\d{3}|\d{4}-\d{3}|\d{5}-\d{3})(?![\w-])"
)

# Postcodes outside the US, by their national grammar (capitals only, as printed).
_UK_POSTCODE = re.compile(r"(?<![\w-])[A-Z]{1,2}\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2}(?![\w-])")
# ... typed in small letters at an address line's end, after its town and a comma before it
# ("12 quenby close, harrogate hg2 7lp"): the comma and the town say an address is written.
_UK_POSTCODE_LOWER = re.compile(
    r",[ \t]*[a-z][a-z'-]+(?:[ \t][a-z][a-z'-]+)?[ \t]+"
    # (an area's first letter never q, v or x, its second never i, j or z: "q4 2hr" is a dose)
    r"([a-pr-uwyz][a-hk-y]?\d[a-z\d]?[ \t]\d[abd-hjlnp-uw-z]{2})(?![\w-])"
)
# (not a Glasgow coma score written as one word, "E2V2M5", "E4VTM6": a New Brunswick
# postcode's shape)
_CA_POSTCODE = re.compile(
    r"(?<![\w-])(?!E[1-4]V[1-5T]M[1-6](?![\w-]))"
    r"[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z] ?\d[ABCEGHJ-NPRSTV-Z]\d(?![\w-])"
)
# Irish Eircode: a routing key (a letter and two digits, or D6W) and a four-character unique
# id from the code's own alphabet, holding letters and digits both ("H91 K2XT"; not a
# vertebra or a lead "T12 L1").
_EIRCODE_CHARS = "0-9AC-FHKNPRTV-Y"
_EIRCODE = re.compile(
    r"(?<![\w-])(?:[AC-FHKNPRTV-Y]\d{2}|D6W)[ ]?"
    rf"(?=[{_EIRCODE_CHARS}]{{0,3}}\d)(?=[{_EIRCODE_CHARS}]{{0,3}}[A-Z])[{_EIRCODE_CHARS}]{{4}}"
    r"(?![\w-])"
)
_AU_STATES = r"NSW|VIC|QLD|WA|SA|TAS|ACT|NT|Vic|Qld|Tas"
_AU_POSTCODE = re.compile(rf"\b(?:{_AU_STATES})\.?,?\s{{1,8}}(\d{{4}})(?![\w/-]|\.\d)")
# A five-digit code closing an address block after a place word ("Faroe Islands 94751").
_ZIP_LINE_END = re.compile(r"(?<=[a-z] )\d{5}(?=[ \t]*(?:\n|$))")
# Indian PIN: six digits after a town ("Nandyal-833788", "Hosur 394411") at a line's end.
_IN_PIN = re.compile(r"(?<=[A-Za-z])(?:\s?-\s?|,?\s)([1-9]\d{5})(?=\s*(?:$|[\n.;)]))", re.M)
# A GEDCOM file's cross-reference to a person's or a family's record ("0 @I0142@ INDI",
# "1 FAMC @F0057@"): the tree's record number of that person. (No letter is needed: the OCR
# read-back has made "@I0142@" "@10142@".)
_GEDCOM_XREF = re.compile(r"(?<![\w@])@[A-Z]{0,4}\d{1,9}@(?![\w@])")
_CARD_12 = re.compile(r"(?<![\w-])\d{12}(?![\w-])")
_NINO = re.compile(r"(?<![\w-])[A-Z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-D T](?![\w-])")
_NINO_CTX = context_regex(["ni", "ni number", "ni no", "national insurance", "nino", "ssn",
                           "social security", "insurance number"])  # fmt: skip
_SIN = re.compile(r"(?<![\w-])\d{3}[ -]\d{3}[ -]\d{3}(?![\w-])")
_SIN_CTX = context_regex(["sin", "social insurance", "ssn", "social security", "sin #"])
# An age over 89 in figures, a scanned fax's look-alike letters read as digits ("9O", "1OO",
# "9l"): the first character a real digit, the rest digits or O/o/l/I; or a hundred and
# more with its 1 read as l or I before a 0 or O ("lO2", "I00").
# (an OCR'd figure with no digit at all only in its scanner's capitals: "lO2", not "Loom")
_AGE_FIGURES = r"(?:9[\dOolI]|1[0-2OolI][\dOolI]|(?-i:[lI][0O][\dOolI]))"
_AGE_UNIT = re.compile(
    # (or age and sex after a slash, as registers and South Asian notes write them: "90/M")
    rf"(?<![\w./])({_AGE_FIGURES})(?:/(?-i:[MF])(?![\w/])|\s?(?:-\s?)?(?:yo\b|y/o\b|y\.o\.?|yr\b|"
    r"yrs\b|year|years|yom\b|yof\b|"
    r"yowm\b|yowf\b|y\b|M\b|F\b|"
    # "years" in the languages of the families English notes quote ("Bà 93 tuổi", "Lola,
    # 94 taon", "92 años" or "92 a/o", "91 Jahre", "95歳", "93세")
    r"años\b|anos\b|a/o\b|ans\b|jahre\b|anni\b|lat\b|tuổi\b|taon\b|yaş\b|سنة|歳|세|岁))",
    I,
)
# "Age 96", "aged 9O", "Age- 91", "her age is 93", "aged ninety four".
_AGE_LEAD = re.compile(
    r"\b(?:age|aged|age:|ages)(?:\s*/\s*sex|\s*\((?:years?|yrs?|y)\))?"
    # (who says so may come between: "her age per family is 97")
    r"(?:\s*[:-]|(?:\s+(?:per|according\s+to)\s+(?:the\s+)?[a-z]+)?\s+(?:is|was))?\s*"
    # (both ends of a range: "aged 94-95")
    rf"({_AGE_FIGURES}(?:[ \t]?[-–][ \t]?{_AGE_FIGURES})?(?!\w|\.\d|[ \t]*%)"
    rf"|(?:{AGE_OVER_89})(?![\w-]))",
    I,
)
# An age over 89 after the verbs and phrases that introduce one, in figures or words:
# "turned 96", "died at 92", "age at death: 94", "at the age of 91", "she is ninety-four",
# "would have been 96 this year".
_AGE_VERB = (
    r"\b(?:turn(?:ed|s|ing)|will\s+be|would\s+have\s+been|"
    r"(?:died|passed(?:\s+away)?|deceased)(?:\s+aged?)?\s+at|"
    r"at\s+the\s+age\s+of|age\s+(?:at|of)\s+(?:death|diagnosis|onset|admission|referral|"
    r"consent|enrol?ment|event)(?:\s*+:)?|now\s+aged?|(?:is|was)\s+(?:now\s+)?aged?)"
)
_AGE_CUE_WORDS = ("turn", "will", "would", "died", "passed", "deceased", "age")  # (one opens each)
_NOT_AN_AGE_AFTER = (
    r"(?![\w-])(?!\s*(?:degrees|deg|mg|ml|kg|lbs?|%|percent|per\s*cent|mmhg|bpm|minutes|mins|"
    r"times|units))"
)
_AGE_CUE = re.compile(
    _AGE_VERB + rf"\s+({_AGE_FIGURES}(?!\.\d|[%°/])|{AGE_OVER_89})" + _NOT_AN_AGE_AFTER, I
)
# After a person's noun and "of", as a letter describes a patient: "an elderly gentleman of
# 91", "a lady of ninety-three", "a widow of 94" (not "a man of 90 kg").
_AGE_OF = re.compile(
    r"\b(?:man|woman|lady|gentleman|gent|patient|widow|widower|person|chap|fellow|resident)"
    rf"\s+of\s+({_AGE_FIGURES}(?!\.\d|[%°/])|{AGE_OVER_89})" + _NOT_AN_AGE_AFTER,
    I,
)
# After a person and "is"/"was", in figures or words: "she is 90", "Dad's a hundred and one".
_AGE_SUBJECTS = (
    "she|he|who|patient|pt|mother|father|mum|mom|dad|grandmother|grandfather|husband|"
    "wife|sister|brother|gran|granny|grandma|grandpa|grandad|granddad|nana|nan|aunt|uncle|"
    # a care home's and a social worker's word for the person ("Resident is 94.")
    "resident|client"
)
_AGE_WORDS_AFTER_BE = re.compile(
    r"\b"
    + by_first_letter(_AGE_SUBJECTS)
    + rf"(?:'s|\s+is|\s+was)\s+({_AGE_FIGURES}(?!\.\d)|{AGE_OVER_89})"
    + _NOT_AN_AGE_AFTER,
    I,
)
# The birthday an age over 89 is: "happy 90th birthday Nana", "her 101st birthday".
_AGE_BIRTHDAY = re.compile(r"(?<![\w.])(9\d|1[0-2]\d)(?i:st|nd|rd|th)[ \t]+(?i:birthday|bday)\b")
# The year of life a death notice gives: "in her 93rd year" (aged 92).
_AGE_YEAR_OF_LIFE = re.compile(
    r"\b(?i:in[ \t]+(?:his|her|their)[ \t]+)((?:9\d|1[0-2]\d)(?i:st|nd|rd|th))[ \t]+(?i:year)\b"
)
# Sex then age, as triage and dispatch lines write them: "F 91 FALL", "M/94".
_AGE_AFTER_SEX = re.compile(r"(?<![\w/.-])[MF][ /](9\d|1[01]\d)(?![\w.%/:°-])")
_AGE_DECADE = re.compile(
    r"\bin\s+(?:his|her|their)\s+(?:early\s+|mid\s+|late\s+|mid-)?((?:9\d|1[01]0)'?s)\b", I
)
# "ninety-two-year-old", "a hundred and one years old", "in her nineties".
_AGE_WORDS = re.compile(
    rf"\b({AGE_OVER_89})"
    r"(?=[- ]years?[- ]old|[- ]y/?o\b|[- ]year[- ]old)"
    r"|\bin\s+(?:his|her|their)\s+(?:early\s+|mid\s+|late\s+|mid-)?(nineties)\b",
    I,
)
# An age over 89 spelled out in Spanish, Portuguese or French, with its years ("noventa y dos
# años", "noventa e quatro anos", "quatre-vingt-quinze ans", "cien años").
_AGE_WORDS_ROMANCE = re.compile(rf"(?<![\w-])({AGE_OVER_89_ROMANCE})[ \t]+(?:años|anos|ans)\b", I)
# An age over 89 set off after a name, as rosters and labels write it: "Ada Byrne, 94, MRN
# ...", "Mr Holt (101)". Not after a measurement word ("HR, 96," "glucose (110)").
# An age over 89 set off after a birth date, as lists and labels write it: "(DOB
# 01/09/1931, 94)", "born 3-4-1930; 95 yrs", "Born 1/5/1930, now 96;".
_AGE_AFTER_BIRTH = re.compile(
    r"(?<![\w])(?i:dob|d\.o\.b\.?|born|birth[ \t]?date|date[ \t]+of[ \t]+birth)[ \t]*+:?[ \t]*+"
    # (the date in figures or with its month's name, "12-Aug-1929", "Jul 8, 1922"; the age
    # after a comma or in brackets, "DOB 12-Aug-1929 (91)")
    r"(?:\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}|\d{1,2}[ \t-]?[A-Za-z]{3,9}\.?[ \t-]?\d{2,4}|"
    r"[A-Za-z]{3,9}\.?[ \t]\d{1,2},?[ \t]\d{4})"
    r"(?:[ \t]*+[,;][ \t]*+|[ \t]*+\([ \t]*+)(?:now[ \t]+)?(9\d|1[01]\d)"
    r"(?=[ \t]*(?:\)|[,;|]|$|(?i:y|yo|y/o|yrs?|years)\b))",
    re.M,
)
_AGE_APPOSITION = re.compile(
    r"(?<=[A-Za-z])(?:,[ \t]|[ \t]\()(9[\dOolI]|1[0Oo][\dOolI]|1[1lI][0Oo]|[lI][0O][\dOolI])"
    r"(?=\)|,[ \t]|[ \t]*;|[ \t]+(?:y|yr|yrs|years)\b)"
)
_NOT_AGE_BEFORE = re.compile(
    r"\b(?:hr|rr|bp|sbp|map|sats?|spo2|o2|temp|t|glucose|bs|bg|weight|wt|na|k|cl|bun|cr|hb|"
    r"hgb|plt|wbc|inr|room|rm|bed|ward|unit|page|pager|ext|score|mmse|level|pulse|rate|"
    r"fio2|peep|tv|vt|ps|gcs|los|iq|grade|lot|no|number|#)$",
    I,
)


def _not_age_after_sex(text: str, start: int, end: int) -> bool:
    """A measurement before the letter ("Temp F 99": F for Fahrenheit), not a sex."""
    return _not_age_apposition(text, start - 2, end)


def _cell_record(value: str) -> bool:
    """A record number, not a count: letters in it, or seven digits or more."""
    digits = sum(c.isdigit() for c in value)
    return digits < len(value.replace("-", "")) or digits >= 7


def _not_age_apposition(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 14) : start].rstrip(" \t,(")
    return bool(_NOT_AGE_BEFORE.search(before))


# Initials written as such ("initials: MT", "initials S.J."): a research log's name.
_INITIALS = re.compile(
    r"\b(?i:initials?)\s*+:?\s*+((?:[A-Za-z]\.?){1,2}[A-Za-z]\.?|[A-Za-z](?:-[A-Za-z]){1,3})(?![\w])"
)  # "MT", "S.J.", "R-M-K"


_NOT_INITIALS = STOP_WORDS | {"ok", "okay", "na", "nk"}


def _initials_ok(value: str) -> bool:
    """Initials, not a word a form's note puts after the label ("first name/initial ok")."""
    return value.lower().rstrip(".") not in _NOT_INITIALS


_MEASURED = re.compile(r"[ \t]*+(?:[<>=][ \t]*+)?\d")


def _measured(text: str, start: int, end: int) -> bool:
    """A lab's short name with its value after "Initial" ("Initial pH 7.02", "initial K 2.9"):
    a measurement, not a person's initials."""
    return _MEASURED.match(text, end) is not None


# A staff member's initials after the act they sign for ("PREPARED BY DH", "checked by:
# MKO", "dispensed by JT", "Recorded by L.N."): two or three capitals that are no role or
# unit, or two or three initials with their dots.
_NOT_ROLE_INITIALS = (
    r"(?!(?:RN|MD|GP|ED|ER|PT|OT|SW|NP|PA|RT|DR|IT|QA|HR|OR|UK|US|CNA|LPN|HCA|ICU|EMS|RRT|"
    r"SLP|RPH|PHARM|TECH|LAB|ALL|THE|AND|YOU)(?![\w]))"
)
_DOTTED_INITIALS = r"(?:[A-Z]\.){2,3}(?!\w)"
_INITIALS_BY = re.compile(
    r"(?<![\w])(?i:prepared|checked|verified|witnessed|entered|recorded|counted|dispensed|"
    r"packed|approved|issued|collected|drawn|printed|reprinted|initialled|initialed)"
    r"[ \t]++(?i:by)[ \t]*+:?[ \t]*+"
    + _NOT_ROLE_INITIALS
    + rf"([A-Z]{{2,3}}(?![\w.])|{_DOTTED_INITIALS})"
)
# The same after a signature's label ("Sign: T.K.", "Signed: JT" closing its line), where a
# clinical sign may stand too ("Sign: SOB on exertion"): capitals only alone to the line's end.
_INITIALS_SIGNED = re.compile(
    r"(?<![\w])(?i:sign|signed|signature)[ \t]*+:[ \t]*+"
    + _NOT_ROLE_INITIALS
    + rf"({_DOTTED_INITIALS}|[A-Z]{{2,3}}(?=[ \t]*+(?:$|\n)))"
)
# The same after a check's short cue, a label or a pharmacist's credential, as dispensing
# logs, registers and checklists sign ("chk SOD", "Checked: E.McG / S.N.", "RPh K.Z.", "init
# TQ"); two initials may share the cue across a slash. Capitals alone are no clinical or
# common word ("chk BP", "init ALL").
_INITIAL = r"(?:[A-Z]\.){2,3}|[A-Z]\.Mc[A-Z]\.?|[A-Z]{2,3}(?![\w.])"
_INITIALS_CHECKED = re.compile(
    r"(?<![\w])(?:(?i:checked|chkd|chk|verified|witnessed|dispensed|initials?|init)[ \t]*+:"
    r"|(?i:chkd|chk|init)[ \t]++|(?-i:RPh|Pharm)[ \t]++)[ \t]*+"
    + _NOT_ROLE_INITIALS
    + rf"((?:{_INITIAL})(?:[ \t]*/[ \t]*(?:{_INITIAL}))?)"
)


def _no_clinical_initials(value: str) -> bool:
    return not any(
        part.lower() in STOP_WORDS or part.lower() in _clinical_stoplist()
        for part in re.findall(r"[A-Z]{2,3}\b", value)
    )


@lru_cache(maxsize=1)
def _clinical_stoplist() -> frozenset[str]:
    return frozenset(w.lower() for w in resource_lines("clinical_stoplist.txt"))


# A police or court case number written as a serial, a month and a year ("SAPS CAS
# 412/06/2009", "CR 1187/11/2014"): the serial's three digits or more make it no date.
_CASE_SLASHED = re.compile(r"(?<![\w/.-])(\d{3,6}/(?:0?[1-9]|1[0-2])/(?:19|20)\d{2})(?![\w/]|\.\d)")
# A post-mortem's number after "PM" ("PM 21/3372", "positive identification of PM
# 2003/1871"), not a clock's "4 PM" before a date.
_POST_MORTEM_NO = re.compile(
    r"(?<![\w])(?<!\d[ \t])(?-i:PM)[ \t]*+(?:(?i:no)\.?[ \t]*+|#[ \t]*+)?:?[ \t]*+"
    r"(\d{2,4}/\d{3,6})(?![\w/]|\.\d)"
)


# The Philippine national ID card's number after its label, four groups of four ("PCN
# 4417-2290-1186-3305"); a pharmacy claim's processor control number has that label too
# ("PCN 9999", "PCN ADV"), never that shape.
_PHILSYS_PCN = re.compile(r"\bPCN[ \t]*+:?[ \t]*+(\d{4}(?:[ -]?\d{4}){3})(?![\w-])")
# A pharmacy's or a practice's own code in brackets after its name (a UK pharmacy's ODS
# code, "Shere Village Pharmacy (FMD41)"; a practice's, "Millbrook Surgery (Y01234)"), and a
# chain store's number after its kind ("LARKSPUR DRUG #0417", "Piñon Mesa Pharmacy #12"):
# each names one shop or surgery, as its address does.
_PRACTICE_CODE = re.compile(
    r"\b(?:Pharmacy|PHARMACY|Chemists?|CHEMISTS?|Surgery|Practice|Dispensary|Centre|Center)"
    r"[ \t]+\(([A-Z]{1,3}\d{2,5})\)"
)
_STORE_NUMBER = re.compile(
    r"\b(?:Pharmacy|PHARMACY|Drugs?|DRUGS?|Store|STORE|Chemists?|CHEMISTS?)[ \t]*+#[ \t]?"
    r"(\d{1,5})(?![\w/-])"
)


# A table cell holding only initials with their dots ("| M.A. |", "| C.B |"): a person.
_INITIALS_CELL = re.compile(r"(?<=\|)[ \t]*([A-Z]\.[A-Z](?:\.[A-Z])?\.?)[ \t]*(?=\|)")
# HL7-style names in flat exports: "PETERSEN^ANNELISE", "MBEKI^SIPHO^T".
_CARET_NAME = re.compile(
    r"(?<![\w^])([A-Za-z][A-Za-z'’-]+(?:\^[A-Za-z][A-Za-z'’-]*){1,3})(?![\w^])"
)
# A prescription number after "Rx": letters, digits, a refill suffix ("Rx ET838219",
# "Rx 4471029-09", "RX QG-98015").
_RX_NUMBER = re.compile(
    r"\b(?i:rx)\s*+(?:#|no\.?|number)?\s*+:?\s*+([A-Z]{0,3}-?\d{5,10}(?:-\d{1,3})?)(?![\w/])"
)
# The last four digits an account, a card or an SSN is quoted by ("acct ending 3390", "card
# ending in 4471", "last 4 of SSN: 7719"): a fragment of the identifier, the same kind.
_LAST_FOUR_CUE = (
    r"(?:acct|account|card|visa|mastercard|amex|checking|savings|ssn|social|cc|"
    # national numbers and documents quoted the same way ("Aadhaar ending 7734")
    r"aadhaar|aadhar|passport|licen[cs]e|policy|member|nhs|sin|medicare|tfn|ird|pan|"
    # and a phone's, read back to confirm it ("the mobile ending 0126")
    r"phone|mobile|cell|number)"
)
_LAST_FOUR = re.compile(
    rf"\b(?i:{_LAST_FOUR_CUE}\b[^\n\d]{{0,16}}?\b(?:ending(?:[ \t]+in)?|ends(?:[ \t]+in)?)"
    rf"|last[ \t]+(?:3|4|three|four)(?:[ \t]+digits)?(?:[ \t]+of)?"
    rf"(?:[ \t]+(?:the|your|his|her|their))?"
    rf"[ \t]+{_LAST_FOUR_CUE}\w*(?:[ \t]+(?:number|no\.?|#))?"
    # the cue first: "SSN (last 4): 6620", "acct last four 4471"
    rf"|{_LAST_FOUR_CUE}\w*[ \t]*+(?:[(,][ \t]*+)?last[ \t]+(?:3|4|three|four)(?:[ \t]+digits)?\)?)"
    # (three digits too, as a nine-digit number in threes is quoted: "IRD number ending 906")
    rf"[ \t]*+(?:(?i:is|was)[ \t]++)?(?:[:#][ \t]*+)?(\d{{3,4}})(?![\w/-])"
)
# The last four digits alone, the number left unnamed, as a veteran's or a payee's check
# quotes them ("last four 8812", "VA: last4 2290", "tin_last4=0586"): a fragment of an
# identifier whatever it is.
_LAST_FOUR_ALONE = re.compile(
    r"(?i:\b(?:[a-z]+_)?last[ _-]?(?:4|four)(?:[ \t]+digits)?)(?![\w-])"
    r"[ \t]*+(?:[:=#][ \t]*+)?(\d{4})(?![\w/-]|\.\d)"
)
# A masked SSN keeps its last four: "xxx-xx-7719", "***-**-4471".
_SSN_MASKED = re.compile(r"(?<![\w*-])(?:[xX]{3}|\*{3})-(?:[xX]{2}|\*{2})-(\d{4})(?![\w-])")
# A masked Canadian SIN keeps its last three: "***-***-417".
_SIN_MASKED = re.compile(r"(?<![\w*-])(?:[xX]{3}|\*{3})-(?:[xX]{3}|\*{3})-(\d{3})(?![\w-])")
# An SSN's last four digits where the number is named and the rest left out, as identity checks
# and forms write them: "SSN ending 4321", "last 4 of her SSN are 4321", "SS# ends in 4321",
# "SSN-4: 4321", "SSN ***4321", "last 4 of social 4321" (not a social worker's extension: a
# bare "social" only right before the four digits). No digit between the name and the four,
# so a whole SSN ("SSN 123-45-6789") is left to the SSN rules.
_SSN_LAST_FOUR = re.compile(
    r"(?i:\b(?:ssn(?:-?4)?|ss[ \t]?#|ss[ \t]+no\.?|"
    r"social[ \t]+security(?:[ \t]+(?:number|no\.?|#))?|social[ \t]*#|"
    r"social(?=[ \t]+\d{4}(?!\d))))(?![\w-])"
    r"[^\n\d]{0,24}?(?<![\d-])(?:\*{2,})?(\d{4})(?![\d-]|\.\d)"
)
# An interpreter's or an agent's id read out on a call: "interp #55021", "interpreter 4410".
_INTERPRETER_ID = re.compile(
    r"\b(?i:interp(?:reter)?)\.?(?:[ \t]+(?i:id|no\.?|number))?[ \t]*+(?:[:#][ \t]*+)?"
    r"(\d{4,8})(?![\w/-])"
)
# A code a person is given to identify themself or a booking, whatever its shape ("access
# code 7H4K-Q2", "confirmation code: QX94LM", "PIN 4471"): the label says what it is.
_CODE_LABELLED = re.compile(
    r"\b(?i:(?:access|confirmation|verification|security|booking|activation|enrol?ment|invite|"
    r"invitation|login|portal|voucher|reservation|check-?in)[ \t]+(?:code|pin|number|no\.?)|pin|"
    r"passcode)[ \t]*+(?:[:#][ \t]*+)?"
    r"((?=[A-Z0-9-]*\d)[A-Z0-9]{2,12}(?:-[A-Z0-9]{1,8}){0,3})(?![\w-])"
)

# A booking's or a payment's reference after its label ("conf. HX7K2Q", "booking ref QW7T2M",
# "PNR: K4PZ9R", "record locator 7TQX2B", "receipt RKT4DX82JL", "transaction id 9XK2..."):
# letters and digits both, as reservation and payment systems issue them.
_BOOKING_REF = re.compile(
    r"\b(?i:conf(?:irmation)?\.?(?:[ \t]+(?:no\.?|#|number))?|(?:booking|reservation)(?:[ \t]+"
    r"ref(?:erence)?\.?)?|pnr|record[ \t]+locator|receipt(?:[ \t]+(?:no\.?|#|number))?|"
    r"(?:transaction|txn)(?:[ \t]+(?:id|ref(?:erence)?|no\.?|#|code))?)"
    r"[ \t]*+(?:[:#][ \t]*+)?((?=[A-Z0-9]*\d)(?=[A-Z0-9]*[A-Z])[A-Z0-9]{5,10})(?![\w-])"
)

# A number in groups of digits after a short label in capitals, as cards, health numbers,
# parcels and loyalty schemes print them ("IHI 8003 6081 2233 4455", "flyer SA 300 41 872",
# "GB 4471 9930 2"): three groups or more, eight digits or more (``_grouped_enough``), single
# spaces between (a tab parts a table's cells); not after a phone's label.
_GROUPED_DIGITS = re.compile(
    r"(?<![\w-])(?!(?:TEL|PH|FAX|MOB|HP|CELL|TLF|BP|HR|RR)\b)[A-Z]{2,4} "
    # (a parcel's number ends in its country's code: "CP 4471 9920 881 CA")
    r"(?P<value>\d{3,5}(?: \d{2,5}){1,3} \d{1,5}(?: [A-Z]{2}(?![\w-]))?)(?![\w-]|[.,]\d| \d)"
)
_CODE_LABEL_WORDS = (
    "code", "pin", "access", "confirmation", "verification", "security", "booking", "activation",
    "enrol", "invit", "login", "portal", "voucher", "reservation", "check",
)  # fmt: skip


def _grouped_enough(value: str) -> bool:
    """Eight digits or more in the groups (a card's, a health number's, a parcel's), and not
    a telephone's shape, which its own rules read: 3-3-4 digits, or a trunk "0" and ten or
    eleven digits ("NOK 087 555 0142")."""
    groups = [g for g in value.split() if g.isdigit()]
    digits = sum(len(g) for g in groups)
    if [len(g) for g in groups] == [3, 3, 4] or (value.startswith("0") and 10 <= digits <= 11):
        return False
    return digits >= 8


def _four_or_more(value: str) -> bool:
    """A code of four characters or more ("access code 12" is a count as often)."""
    return len(value.replace("-", "")) >= 4


# A delimited cell holding only a record number: letters and digits with a check letter
# ("|1557210L|", ",TR4928645,", "| KTZ6856 |"), or seven or more digits alone.
_RECORD_CELL = re.compile(
    # (a line's first cell only on a line with a separator: a clock time alone on its line,
    # "0400", is no cell, and the rule's trigger skips texts with no "|" or ",")
    r"(?:(?<=[|,^])|(?<=[|,][ \t])|^(?=[^\n]*[|,]))"
    r"((?:[A-Z]{1,3}-?)?\d{4,10}[A-Z]?)"
    r"(?=[ \t]?[|,^]|[ \t]*$)",
    re.M,
)

_AGE_NONAGE = re.compile(r"^\s*(?:mg|ml|cc|%|kg|lb|mmhg|bpm|units?|min|sec)\b", I)


def _age_units_not_dose(text: str, start: int, end: int) -> bool:
    return bool(_AGE_NONAGE.match(text[end : end + 8]))


def _spaced_record(value: str) -> bool:
    """Five or more digits, and either a letter prefix or digits in spaced groups, or in
    three dashed groups or more ("UR 71-24-08", as Australian unit records print them)."""
    digits = sum(c.isdigit() for c in value)
    return digits >= 5 and (not value[:1].isdigit() or " " in value or value.count("-") >= 2)


# An ISBT 128 donation identification number on a blood unit: a facility code (a letter and
# four digits), the two-digit year and a six-digit serial, spaced as labels print them
# ("W1234 26 123456"). It traces the unit to its donor and recipient. Not the flag digits or
# check character printed apart after it: a count after the number looks the same.
_ISBT_DIN = re.compile(r"(?<![\w-])[A-Z]\d{4}[ \t]?\d{2}[ \t]?\d{6}(?![\w-])")


def identifier_rules(mrn_patterns: Sequence[str] = ()) -> list[Rule]:
    """The identifier table; ``mrn_patterns`` are site MRN formats from ``phi.mrn_patterns``."""
    e = Entity
    rules = [
        Rule("card", e.CREDIT_CARD, _CARD, 0.8, _CARD_CTX, 0.95, validate=card_ok),
        Rule("card-labelled", e.CREDIT_CARD, _CARD_GROUPED, 0.0, _CARD_CTX, 0.8, window=24),
        Rule("iban", e.IBAN_CODE, _IBAN, 0.9, validate=iban_ok),
        # after its label an IBAN's shape is enough: a de-identifier does not prove a checksum
        Rule(
            "iban-labelled",
            e.IBAN_CODE,
            _IBAN,
            0.0,
            context=_IBAN_CUE,
            context_score=0.85,
            window=12,
        ),
        Rule("iban-bank", e.IBAN_CODE, _IBAN_BANK, 0.7),
        Rule("ssn", e.US_SSN, _SSN_DASHED, 0.8, _SSN_CTX, 1.0, validate=ssn_ok),
        Rule("ssn-spaced", e.US_SSN, _SSN_SPACED, 0.4, _SSN_CTX, 0.9, validate=ssn_ok),
        Rule("ssn-bare", e.US_SSN, _SSN_BARE, 0.0, _SSN_CTX, 0.9, validate=ssn_ok),
        # Labelled "SSN: 123-45-6789": what the document calls an SSN is removed even when
        # SSA would never issue it (test and placeholder numbers identify records too).
        # (any of SSA's separators, and the label's number word: "Social Security Number")
        Rule("ssn-labelled", e.US_SSN, _SSN_ANY_SEP, 0.0, _SSN_CTX, 0.95, window=24),
        Rule(
            "mrn-context",
            e.MEDICAL_RECORD_NUMBER,
            _MRN_TOKEN,
            0.0,
            _MRN_CTX,
            0.9,
            window=28,
            validate=_not_measurement,
        ),
        Rule(
            "mrn-chain",
            e.MEDICAL_RECORD_NUMBER,
            _MRN_CHAIN,
            0.85,
            group=1,
            validate=_not_measurement,
        ),
        Rule(
            "mrn-spaced",
            e.MEDICAL_RECORD_NUMBER,
            _MRN_SPACED,
            0.92,  # above "mrn-context": the prefixed span must win over its digits alone
            group=1,
            validate=_spaced_record,
        ),
        Rule("id-spaced", e.ID_NUMBER, _ID_SPACED, 0.85, group=1, validate=_spaced_record),
        Rule("isbt-din", e.ID_NUMBER, _ISBT_DIN, 0.85),
        Rule(
            "id-labelled",
            e.ID_NUMBER,
            _ID_LABELLED,
            0.7,
            group=1,
            validate=_labelled_id,
            reject=_unit_after,
        ),
        Rule(
            "participant",
            e.ID_NUMBER,
            _PARTICIPANT,
            0.7,
            group=1,
            validate=_no_time_range,
            words=(
                "subj",
                "participant",
                "ppt",
                "pt",
                "patient",
                "screen",
                "scr",
                "rand",
                "enrolled",
                "sae",
                "withdr",
            ),
        ),
        Rule(
            "participant-short",
            e.ID_NUMBER,
            _PARTICIPANT_SHORT,
            0.7,
            group=1,
            words=("subj", "participant", "ppt"),
        ),
        Rule(
            "id-number-word",
            e.ID_NUMBER,
            _NUMBER_WORD,
            0.7,
            group=1,
            validate=_labelled_id,
            reject=_numbered_place,
        ),
        Rule(
            "id-record-label",
            e.ID_NUMBER,
            _RECORD_LABELLED,
            0.7,
            group=1,
            validate=_digits_at_least(4),
            reject=_unit_after,
            words=_RECORD_LABEL_WORDS,
        ),
        Rule(
            "id-any-label",
            e.ID_NUMBER,
            _ANY_LABELLED,
            0.6,
            group="v",
            validate=_any_labelled,
            reject=lambda text, start, end: (
                _any_label_head(text, start, end) or _unit_after(text, start, end)
            ),
        ),
        Rule(
            "id-member",
            e.ID_NUMBER,
            _MEMBER_LABELLED,
            0.7,
            group=1,
            validate=_member_ok,
            words=("member",),
        ),
        Rule(
            "login",
            e.ID_NUMBER,
            _LOGIN_LABELLED,
            0.7,
            group=1,
            validate=_login,
            words=("user", "login"),
        ),
        Rule("usps-tracking", e.ID_NUMBER, _USPS_TRACKING, 0.6, trigger=("9", "70")),
        Rule("cep", e.ZIP_CODE, _CEP, 0.8, group=1, trigger=("cep", "c.e.p")),
        Rule(
            "body-registration",
            e.ID_NUMBER,
            _BODY_REGISTRATION,
            0.7,
            group=1,
            validate=lambda v: not _YEARS.match(v),
            words=("reg", "licence", "license", "lic"),
        ),
        Rule("mbi", e.HEALTH_PLAN_NUMBER, _MBI, 0.8, _PLAN_CTX, 0.95),
        Rule(
            "plan-context",
            e.HEALTH_PLAN_NUMBER,
            _ALNUM_ID,
            0.0,
            _PLAN_CTX,
            0.85,
            window=32,
            validate=_not_measurement,
        ),
        Rule(
            "bank-code",
            e.ACCOUNT_NUMBER,
            _BANK_CODE,
            0.85,
            group=1,
            words=("sort", "bsb", "transit", "ifsc", "routing", "aba"),
        ),
        Rule(
            "account-grouped",
            e.ACCOUNT_NUMBER,
            _ACCOUNT_GROUPED,
            0.85,
            group=1,
            words=("acc", "a/c", "pac", "stac"),
        ),
        Rule("pan", e.ID_NUMBER, _PAN, 0.85, group=1, words=("pan",)),
        Rule("gstin", e.ID_NUMBER, _GSTIN, 0.85, group=1, words=("gst",)),
        Rule(
            "program-account",
            e.ID_NUMBER,
            _PROGRAM_ACCOUNT,
            0.8,
            # (a business's accounts are numbered from 0001: the letters and a zero, cheaply)
            trigger=tuple(f"{p.lower()}0" for p in (*_BN_PROGRAMS, *_QST_PROGRAMS)),
        ),
        Rule(
            "masked-digits",
            e.ACCOUNT_NUMBER,
            _MASKED_DIGITS,
            0.8,
            group=1,
            trigger=("****", "••••", "xxxx"),
        ),
        Rule(
            "masked-card",
            e.ACCOUNT_NUMBER,
            _MASKED_CARD,
            0.8,
            trigger=("••", "**", "xx"),
        ),
        Rule(
            "collar-number",
            e.ID_NUMBER,
            _COLLAR,
            0.0,
            _POLICE_CTX,
            0.75,
            window=48,
            group=1,
            words=("pc", "ps", "dc", "ds", "di", "dci", "sgt", "insp", "cst"),
        ),
        Rule(
            "masked-groups", e.ID_NUMBER, _MASKED_GROUPS, 0.8, group=1, trigger=("**", "••", "xx")
        ),
        Rule("crn", e.ID_NUMBER, _CRN, 0.95, group=1, trigger=("crn",)),
        Rule("nir", e.ID_NUMBER, _NIR, 0.85),
        Rule(
            "account-context",
            e.ACCOUNT_NUMBER,
            _ALNUM_ID,
            0.0,
            _ACCOUNT_CTX,
            0.85,
            window=28,
            validate=_not_measurement,
        ),
        Rule(
            "license-context",
            e.LICENSE_NUMBER,
            _ALNUM_ID,
            0.0,
            _LICENSE_CTX,
            0.8,
            window=28,
            validate=_not_measurement,
        ),
        Rule(
            "device-context",
            e.DEVICE_ID,
            _ALNUM_ID,
            0.0,
            _DEVICE_CTX,
            0.8,
            window=28,
            validate=_device_serial,
        ),
        Rule("handset-id", e.DEVICE_ID, _HANDSET_ID, 0.8, group=1, words=("imei", "meid", "esn")),
        Rule(
            "emergency-unit",
            e.DEVICE_ID,
            _EMERGENCY_UNIT,
            0.75,
            group=1,
            # (its head's words, which every match holds; the kinds before them are many)
            words=("unit", "crew", "rig", "truck", "engine", "car", "call", "callsign"),
        ),
        Rule(
            "apparatus",
            e.DEVICE_ID,
            _APPARATUS,
            0.7,
            words=tuple(k.lower() for k in _APPARATUS_KINDS),
        ),
        Rule("rig", e.DEVICE_ID, _RIG, 0.7, group=1, words=("rig",)),
        Rule(
            "vehicle-labelled",
            e.DEVICE_ID,
            _LABELLED_VEHICLE,
            0.7,
            group=1,
            words=("call", "callsign", "vehicle", "véhicule", "vehicule", "veh"),
        ),
        Rule("burial-plot", e.ID_NUMBER, _PLOT, 0.7, group=1, validate=_grave_named),
        Rule("burial-plot-cued", e.ID_NUMBER, _PLOT, 0.0, _BURIAL_CTX, 0.7, window=120, group=1),
        Rule(
            "equipment-id",
            e.DEVICE_ID,
            _EQUIPMENT_ID,
            0.8,
            group=1,
            words=("meter", "hub", "handheld", "ont", "ntd", "set-top"),
            validate=_not_measurement,
        ),
        # (a digit of its own: "(HCP) at 401-..." after the surname "Rego" is none)
        Rule(
            "plate-context",
            e.LICENSE_PLATE,
            _PLATE,
            0.0,
            _PLATE_CTX,
            0.85,
            window=20,
            reject=_plate_word_alone,
        ),
        Rule(
            "plate-national",
            e.LICENSE_PLATE,
            _NATIONAL_PLATE,
            0.0,
            _NATIONAL_PLATE_CTX,
            0.85,
            window=40,
        ),
        Rule(
            "plate-reg",
            e.LICENSE_PLATE,
            _REG_PLATE,
            0.0,
            _REG_PLATE_CTX,
            0.8,
            window=60,
            group=1,
            words=("reg",),
            # (five characters at least: "registration 10 AM" is a time; "reg BP 118/70" a
            # regular rhythm before a reading)
            validate=lambda v: (
                len(re.sub(r"[ -]", "", v)) >= 5 and re.split(r"[ -]", v)[0] not in _VITALS
            ),
        ),
        Rule(
            "plate-after-model",
            e.LICENSE_PLATE,
            _PLATE_IN_BRACKETS,
            0.8,
            group=1,
            reject=_no_model_before,
            trigger=("(",),
        ),
        Rule(
            "state-plate",
            e.LICENSE_PLATE,
            _STATE_PLATE,
            0.0,
            _STATE_PLATE_CTX,
            0.8,
            window=60,
            group=1,
            validate=_state_plate_ok,
        ),
        Rule(
            "vehicle-context",
            e.LICENSE_PLATE,
            _VEHICLE,
            0.0,
            _VEHICLE_CTX,
            0.8,
            window=25,
            validate=_vehicle_ok,
        ),
        Rule("user-name", e.ID_NUMBER, _USER_NAME, 0.7, group=1, validate=_no_word),
        Rule(
            "user-name-marked",
            e.ID_NUMBER,
            _USER_NAME_MARKED,
            0.7,
            group=1,
            words=("user", "login", "handle"),
        ),
        Rule(
            "id-labelled-short",
            e.ID_NUMBER,
            _LABELLED_SHORT_ID,
            0.7,
            group=1,
            words=_SHORT_ID_LABELS,
            # (a letter group spaced from the digits is a test and its reading, "ID MRI 123")
            validate=lambda v: " " not in v or v.split(" ")[0] not in _VITALS,
        ),
        Rule(
            "id-context",
            e.ID_NUMBER,
            _ALNUM_ID,
            0.0,
            _ID_CTX,
            0.7,
            window=20,
            validate=_not_measurement,
        ),
        Rule(
            "record-glued",
            e.ID_NUMBER,
            _RECORD_GLUED,
            0.55,
            validate=_not_measurement,
            reject=_count_or_amount,
        ),
        Rule(
            "record-dashed",
            e.ID_NUMBER,
            _RECORD_DASHED,
            0.55,
            validate=_six_digits_or_letters,
            reject=_count_or_amount,
        ),
        Rule("record-prefixed", e.ID_NUMBER, _RECORD_PREFIXED, 0.6, reject=_count_or_amount),
        Rule(
            "number-sign-serial",
            e.ID_NUMBER,
            _NUMBER_SIGN_SERIAL,
            0.6,
            group=1,
            validate=lambda v: sum(c.isdigit() for c in v) >= 4,
            trigger=("#",),
        ),
        Rule("record-long", e.ID_NUMBER, _RECORD_LONG, 0.55, reject=_count_or_amount),
        Rule("dea", e.US_DEA_NUMBER, _DEA, 0.75, _DEA_CTX, 1.0, validate=dea_ok),
        Rule("npi", e.US_NPI, _NPI, 0.55, _NPI_CTX, 1.0, validate=npi_ok),
        Rule("npi-labelled", e.US_NPI, _NPI_LABELLED, 0.6, group=1, words=("npi",)),
        Rule("vin", e.VIN, _VIN, 0.9, _VIN_CTX, 1.0, validate=vin_ok),
        Rule(
            "tail-number",
            e.LICENSE_PLATE,
            _TAIL_NUMBER,
            0.0,
            _TAIL_CTX,
            0.8,
            window=40,
            right_window=24,  # "G-EMRX rotary"
            validate=lambda v: len(v) >= 4,  # "N95", "N2O", "N3": a mask, a gas, a nerve
        ),
        Rule("vin-context", e.VIN, _VIN, 0.0, _VIN_CTX, 0.75),
        Rule("zip-state", e.ZIP_CODE, _ZIP_ANY, 0.9, reject=_not_after_state),
        Rule("zip-state-name", e.ZIP_CODE, _ZIP_ANY, 0.85, reject=_not_after_state_name),
        Rule("zip-after-city", e.ZIP_CODE, _ZIP_ANY, 0.7, reject=_not_city_line_end),
        Rule("zip-plus4", e.ZIP_CODE, _ZIP_PLUS4, 0.6, _ZIP_CTX, 0.9),
        Rule("zip-context", e.ZIP_CODE, _ZIP5, 0.0, _ZIP_CTX, 0.85, window=16),
        Rule("postcode4-context", e.ZIP_CODE, _POSTCODE4, 0.0, _POSTCODE4_CTX, 0.8, window=12),
        Rule(
            "postcode-labelled",
            e.ZIP_CODE,
            _POSTCODE_LABELLED,
            0.8,
            group=1,
            words=(
                "post",
                "psč",
                "psc",
                "kod",
                "código",
                "codigo",
                "cp",
                "c.p",
                "plz",
                "cap",
                "zip",
                "cep",
            ),
        ),
        Rule("postcode-uk", e.ZIP_CODE, _UK_POSTCODE, 0.7, _ZIP_CTX, 0.9),
        Rule("postcode-uk-lower", e.ZIP_CODE, _UK_POSTCODE_LOWER, 0.7, group=1, trigger=(",",)),
        Rule("postcode-ca", e.ZIP_CODE, _CA_POSTCODE, 0.7, _ZIP_CTX, 0.9),
        Rule("postcode-au", e.ZIP_CODE, _AU_POSTCODE, 0.8, group=1),
        Rule("eircode", e.ZIP_CODE, _EIRCODE, 0.7, _ZIP_CTX, 0.9),
        Rule("zip-line-end", e.ZIP_CODE, _ZIP_LINE_END, 0.6, _ZIP_CTX, 0.85),
        Rule("pin-in", e.ZIP_CODE, _IN_PIN, 0.7, _ZIP_CTX, 0.9, group=1),
        Rule("gedcom-xref", e.ID_NUMBER, _GEDCOM_XREF, 0.8, trigger=("@",)),
        Rule(
            "card-12", e.CREDIT_CARD, _CARD_12, 0.0, _CARD_CTX, 0.9, window=40, validate=luhn_any_ok
        ),
        Rule("nino", e.US_SSN, _NINO, 0.6, _NINO_CTX, 0.9),
        Rule("sin", e.US_SSN, _SIN, 0.0, _SIN_CTX, 0.9, validate=luhn_any_ok),
        Rule("age-unit", e.AGE, _AGE_UNIT, 0.85, group=1, reject=_age_units_not_dose),
        Rule("age-lead", e.AGE, _AGE_LEAD, 0.85, group=1),
        Rule("age-decade", e.AGE, _AGE_DECADE, 0.8, group=1),
        Rule("age-words", e.AGE, _AGE_WORDS, 0.85, words=("ninet", "hundred")),
        Rule(
            "age-words-romance",
            e.AGE,
            _AGE_WORDS_ROMANCE,
            0.85,
            group=1,
            words=("novent", "nonant", "quatre", "cien", "cem", "cent"),
        ),
        Rule("age-cue", e.AGE, _AGE_CUE, 0.8, group=1, words=_AGE_CUE_WORDS),
        Rule("age-of", e.AGE, _AGE_OF, 0.75, group=1, trigger=(" of ",)),
        Rule("age-words-be", e.AGE, _AGE_WORDS_AFTER_BE, 0.7, group=1),
        Rule("age-birthday", e.AGE, _AGE_BIRTHDAY, 0.7, group=1, trigger=("birthday", "bday")),
        Rule("age-year-of-life", e.AGE, _AGE_YEAR_OF_LIFE, 0.7, group=1, words=("year",)),
        Rule(
            "initials",
            e.PERSON,
            _INITIALS,
            0.8,
            group=1,
            validate=_initials_ok,
            reject=_measured,
            trigger=("initial",),
        ),
        Rule("case-slashed", e.ID_NUMBER, _CASE_SLASHED, 0.6, group=1, trigger=("/",)),
        Rule("post-mortem-no", e.ID_NUMBER, _POST_MORTEM_NO, 0.7, group=1, trigger=("pm",)),
        Rule("initials-by", e.PERSON, _INITIALS_BY, 0.75, group=1, trigger=(" by",)),
        Rule("initials-signed", e.PERSON, _INITIALS_SIGNED, 0.75, group=1, trigger=("sign",)),
        Rule(
            "initials-checked",
            e.PERSON,
            _INITIALS_CHECKED,
            0.75,
            group=1,
            validate=_no_clinical_initials,
            trigger=("chk", "check", "verif", "witness", "dispens", "init", "rph", "pharm"),
        ),
        Rule("age-apposition", e.AGE, _AGE_APPOSITION, 0.6, group=1, reject=_not_age_apposition),
        Rule(
            "age-after-birth",
            e.AGE,
            _AGE_AFTER_BIRTH,
            0.7,
            group=1,
            words=("dob", "d.o.b", "born", "birth", "date"),
        ),
        Rule("age-after-sex", e.AGE, _AGE_AFTER_SEX, 0.6, group=1, reject=_not_age_after_sex),
        Rule("initials-cell", e.PERSON, _INITIALS_CELL, 0.7, group=1, trigger=("|",)),
        Rule("caret-name", e.PERSON, _CARET_NAME, 0.85, group=1, trigger=("^",)),
        Rule("rx-number", e.ID_NUMBER, _RX_NUMBER, 0.75, group=1, trigger=("rx",)),
        Rule("practice-code", e.ID_NUMBER, _PRACTICE_CODE, 0.7, group=1, trigger=("(",)),
        Rule("store-number", e.ID_NUMBER, _STORE_NUMBER, 0.7, group=1, trigger=("#",)),
        Rule("philsys-pcn", e.ID_NUMBER, _PHILSYS_PCN, 0.75, group=1, trigger=("pcn",)),
        Rule(
            "last-four",
            e.ACCOUNT_NUMBER,
            _LAST_FOUR,
            0.7,
            group=1,
            trigger=("ending", "ends", "last 4", "last four"),
        ),
        Rule("last-four-alone", e.ID_NUMBER, _LAST_FOUR_ALONE, 0.65, group=1, trigger=("last",)),
        Rule("ssn-masked", e.US_SSN, _SSN_MASKED, 0.75, group=1, trigger=("xxx-", "***-")),
        Rule("sin-masked", e.ID_NUMBER, _SIN_MASKED, 0.75, group=1, trigger=("xxx-", "***-")),
        Rule(
            "ssn-last-four",
            e.US_SSN,
            _SSN_LAST_FOUR,
            0.85,
            group=1,
            trigger=("ssn", "ss", "social"),
        ),
        Rule("interpreter-id", e.ID_NUMBER, _INTERPRETER_ID, 0.7, group=1, trigger=("interp",)),
        Rule(
            "grouped-digits",
            e.ID_NUMBER,
            _GROUPED_DIGITS,
            0.7,
            group="value",
            validate=_grouped_enough,
        ),
        Rule(
            "code-labelled",
            e.ID_NUMBER,
            _CODE_LABELLED,
            0.7,
            group=1,
            validate=_four_or_more,
            # every label word (a "booking no." has no "code" in it), "pin" and "passcode"
            trigger=_CODE_LABEL_WORDS,
        ),
        Rule(
            "booking-reference",
            e.ID_NUMBER,
            _BOOKING_REF,
            0.7,
            group=1,
            words=(
                "conf",
                "booking",
                "reservation",
                "pnr",
                "record",
                "receipt",
                "transaction",
                "txn",
            ),
        ),
        Rule(
            "record-cell",
            e.ID_NUMBER,
            _RECORD_CELL,
            0.6,
            group=1,
            validate=_cell_record,
            trigger=("|", ","),
        ),
    ]
    for i, pattern in enumerate(mrn_patterns):
        regex = re.compile(pattern)
        group: int | str = "id" if "id" in regex.groupindex else (1 if regex.groups else 0)
        rules.append(
            Rule(f"mrn-site-{i}", e.MEDICAL_RECORD_NUMBER, regex, 0.75, _MRN_CTX, 0.95, group=group)
        )
    return rules


def identifier_recognizer(
    mrn_patterns: Sequence[str] = (), also: Sequence[Rule] = ()
) -> RegexRecognizer:
    """The identifier rules, and ``also`` others read in the same pass over a text (the
    coordinates: each recognizer's call costs a fixed set-up per text, about a percent of the
    engine's time for one more table)."""
    return RegexRecognizer("AuditorIdentifierRecognizer", [*identifier_rules(mrn_patterns), *also])
