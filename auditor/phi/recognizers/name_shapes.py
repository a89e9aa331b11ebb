"""Names known by where they stand, not by a word list: chat speaker labels, "SURNAME,
Given" before a record field, and initials beside a record number.

Staff chat exports and call logs open each line with the writer ("[07:05] Ciaran: paging
dr X", "Marivic: family on the phone"); registers, worklists and refill faxes write the
patient as "CRAMPSEY, JAIME DOB ..." or "TOLENTINO, Marivic CB 0917...". Neither needs the
name to be on a census list; both need the shape to hold, and ordinary words never qualify
("Plan:", "NEURO, INTACT").
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from presidio_analyzer import RecognizerResult

from auditor.phi.entities import Entity
from auditor.phi.recognizers.base import LocalRecognizer
from auditor.phi.recognizers.facility_words import CARE_UNITS
from auditor.phi.recognizers.languages import inflected
from auditor.phi.recognizers.lexicon import (
    CALENDAR_WORDS,
    CLINICAL_ENDING,
    HONORIFICS,
    JOB_TITLES,
    NOT_NAMES,
    POST_TITLES,
    RELATIVES,
    ROLE_WORDS,
    SPELLED_RANKS,
    TITLES,
    Lexicon,
)
from auditor.phi.recognizers.not_persons import NOT_PERSON_WORDS
from auditor.phi.recognizers.org_evidence import SERVICE_WORDS
from auditor.phi.recognizers.patterns import make_result
from auditor.phi.recognizers.regex_start import accelerated
from auditor.phi.recognizers.tokens import TokenView
from auditor.phi.stop_words import STOP_WORDS

if TYPE_CHECKING:
    from presidio_analyzer.nlp_engine import NlpArtifacts

# A line's first word, or the first after a bracketed timestamp, then a colon and text.
_SPEAKER = re.compile(
    r"(?m)^(?:[ \t]*\[[^\]\n]{1,40}\][ \t]*|[ \t]*)([A-Z][a-z'’-]{2,20}):[ \t]+\S"
)
# A chat's speakers in lower case, each line stamped ("[14:07] daz: mate can u ...", "[9:14 AM]
# dkowalczyk: ...", "[9:16 AM] rhea.s: ..."): a name or a login.
_SPEAKER_STAMPED_LOWER = re.compile(
    r"(?m)^[ \t]*\[[^\]\n]{1,40}\][ \t]*([a-z][a-z0-9'’._-]{1,30}[a-z0-9]):[ \t]+\S"
)
# A chat's sender written before the time it spoke ("Nadia B. 9:43 PM: ok.", "Tom Hale 21:07:
# on my way"): a given name, perhaps a surname or an initial, at a line's start.
_SPEAKER_BEFORE_TIME = re.compile(
    r"(?m)^[ \t]*([A-ZÀ-Þ][a-zß-ÿ'’-]{1,20}(?:[ \t][A-ZÀ-Þ][a-zß-ÿ'’-]{1,20})?(?:[ \t][A-Z]\.?)?)"
    r"[ \t]+"
    r"(?:[01]?\d|2[0-3]):[0-5]\d(?:[ \t]?(?:[AaPp]\.?[Mm]\.?))?[ \t]*:[ \t]+\S"
)
_HANDLE_PARTS = re.compile(r"[a-z'’]{2,}")
# Initials that sign or did something: after "by", "per", "checked", "approved", a dash at a
# line's end, or a nurse's or a pharmacist's credential, and before a colon, a line's end, a
# " /" or a column's gap ("by JKL: PL-01044", "closing. -OL", "RPH DBW", "RN LT  -> cath",
# "PREPARED BY DH  CHECKED RJ"). Where they stand says who; the gap or the colon after them
# says they are no acronym that runs on into a sentence ("by OT Noelani", "- POD 2").
# (found from the initials back: capitals first is a quick scan, the words before are not)
_SIGNED_INITIALS = re.compile(
    r"(?<![\w.])([A-Z]{2,3})(?=[ \t]*(?::|$)|[ \t]+/[ \t]|[ \t]{2})", re.M
)
_SIGNER_BEFORE = re.compile(
    r"(?:\b(?i:by|per|approved|checked|verified|signed|cosigned|co-signed|reviewed|witnessed|"
    # (a form's field for who signed or received: "Received by: SHM", "Supervisor sign: VK";
    # the agent or staff member on a log, and a message's thanks: "- agent DB", "thx, JR")
    r"initials?|sign|signature|staff|agent|clerk):?[ \t]+|\b(?i:thx|thanks|cheers),?[ \t]+|"
    r"(?<=\s)[-—–][ \t]?|\b(?:RN|RPH|RPh|LPN|CNA|RT)[ \t]+)\Z"
)
# A message's sign-off: the closing on its own line, then the writer's name alone on the next
# ("Thanks so much,\nBola", "Kind regards,\nTamsin Greer"), or a name glued to a dash alone
# on a line ("-Mo", "—Jess"; a list's item has a blank after its dash: "- Lasix").
_SIGN_OFF = re.compile(
    r"(?im)^[ \t]*+(?:thanks?(?:[ \t]+you)?(?:[ \t]+(?:so[ \t]+much|again|all))?|many[ \t]+thanks|"
    r"(?:kind(?:est)?|best|warm(?:est)?)?[ \t]*regards|best(?:[ \t]+wishes)?|cheers|sincerely|"
    r"yours(?:[ \t]+(?:truly|sincerely|faithfully))?|love|warmly|respectfully|take[ \t]+care|"
    r"with[ \t]+thanks)[ \t]*+(?:[,!.][ \t]*+)?\n[ \t]*"
    r"(?-i:([A-Z][a-z'’-]+(?:[ \t]+[A-Z](?:[a-z'’-]+|\.))?(?:[ \t]+[A-Z][a-z'’-]+)?))[ \t]*$"
    r"|(?m:^[ \t]*[-–—](?-i:([A-Z][a-z'’]{1,15}))[ \t]*$)"
)
# A message addressed to someone by their given name alone, as its first word ("Pieter, I've
# spoken to ...", "Tomasz - i wont be in court"), and a message signed with a dash after its
# last sentence ("... hold off on the filing? - Cal"): where a name stands in a message.
_ADDRESSED = re.compile(r"\A[ \t]*([A-Z][a-z'’]{2,15})(?:,|[ \t]+[-–—]{1,2})[ \t]+(?=\S)")
# ... or greeted first, in any of the greetings a region's messages open with ("Kia ora
# Marewa,", "Talofa Sione,", "G'day Shazza -"): there a word no English list holds is a name.
_GREETED = re.compile(
    r"\A[ \t]*(?i:hi|hey|hiya|hello|dear|morning|evening|kia[ \t]+ora|kia[ \t]+orana|talofa|"
    r"malo[ \t]+e[ \t]+lelei|bula|g'?day|howdy|sawubona|molo|namaste)[ \t]+"
    r"([A-Z][a-z'’]{2,15})(?:[,!]|[ \t]+[-–—]{1,2})"
)
# A writer naming themselves ("hey its Bo - text me", "hi it's Jazz from 4B", "this is Ngaire
# at the front desk") and a message ending on its thanks to someone ("no that's it thanks
# Bri", "thx, Kat"): a short name or nickname no list may hold. (The de-identifier's sweep
# reads the lower-case form after a greeting, "hey its dez lol": deid.sweep._SELF_NAMED.)
_SELF_NAMED = re.compile(
    r"(?<![\w'’])(?i:it'?s|it’s|this[ \t]+is)[ \t]+([A-Z][a-z'’]{1,15})"
    r"(?=[ \t]*(?:[,.!;:)\-–—]|$)|[ \t]+(?:from|here|at|in|on|with|again)\b)",
    re.M,
)
# A line that opens on a given name and a surname's initial, as sign-out sheets, rosters and
# allergy lists write a child or a client ("Mason B. - out 3:42pm", "Zion W. - none"); and a
# given name with the person's role in brackets after it ("Jade (keyworker)", "Baz (process
# server)").
_LINE_NAME_INITIAL = re.compile(r"(?m)^[ \t]*([A-Z][a-z'’]{2,15}[ \t][A-Z]\.)(?=[ \t]*[-–—:,(])")
_NAME_ROLE = re.compile(
    r"(?<![\w'’.-])([A-Z][a-z'’]{1,15})[ \t]?\((?P<role>[a-z][a-z -]{1,30}[a-z])\)"
)
_ROLE_WORDS = frozenset(
    {"keyworker", "key", "worker", "server", "manager", "nurse", "carer", "caregiver", "aide",
     "social", "sw", "officer", "teacher", "nanny", "childminder", "guardian", "driver",
     "neighbour", "neighbor", "friend", "landlord", "landlady", "agent", "clerk", "student",
     "volunteer", "mentor", "support", "supervisor", "receptionist", "cleaner", "porter"}
)  # fmt: skip
# The party a form's line names before its colon ("Driver: VO, Thi Hoa", "Rider: chloe w."):
# a role, not a speaker, though some are surnames too.
_FORM_ROLE_WORDS = frozenset(
    {"rider", "customer", "client", "tenant", "owner", "buyer", "seller", "vendor", "payer",
     "guest", "passenger", "contractor", "applicant", "claimant", "caller", "inspector",
     "assessor", "supplier", "builder", "mechanic"}
)  # fmt: skip
_FORM_ROLES = _ROLE_WORDS | JOB_TITLES | _FORM_ROLE_WORDS
_FROM_AFTER = re.compile(r"[ \t]+from\b")
_SELF_NAMED_CUES = ("it's", "its ", "its\t", "it’s", "this is", "this\tis")
_THANKED_END = re.compile(
    r"(?<![\w'’])(?i:thanks|thank[ \t]+you|thx|cheers|ta),?[ \t]+([A-Z][a-z'’]{1,15})"
    r"[ \t]*+(?:[.!][ \t]*+)?\Z"
)
# (after the sentence, or on the message's last line of its own: "... if you need him.\n—
# Sandeep")
_DASH_SIGNED_END = re.compile(
    r"(?:(?<=[.!?])[ \t]+|(?m:^)[ \t]*)"
    r"[-–—]{1,2}[ \t]?([A-Z][a-z'’]{1,15}(?:[ \t][A-Z][a-z'’]{1,20})?)[ \t]*\Z"
)
# A note's signature by initials alone on its line, as nurses and therapists sign ("-klm",
# "-dh RN", "O.V. RN", "M.R., LPN", "A.W.", "jdp", "RFK"): with a dash before them or a
# credential after them anywhere; bare only as the text's or a note's last line (a blank line
# after it), where nothing else stands alone but a signature.
_CREDENTIALS = (
    r"RN|LPN|LVN|RRT|RT|MD|NP|PA-C|PA|SN|CNA|BSN|RPh|RPH|PharmD|MSW|SW|LCSW|EMT|CRNA|RNC|APRN|"
    r"DO|PT|OT|SLP|RD|RGN|EN|HCA"
)
# (the credential perhaps after a slash, "JM/RN", and the day or hour signed after them, "J.E.
# RN Aug 9", "- km 8/22/12")
_SIGNED_WHEN = (
    r"(?:[ \t]+(?:\d{1,2}/\d{1,2}(?:/\d{2,4})?|(?i:jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|"
    r"nov|dec)[a-z]*\.?[ \t]+\d{1,2}|\d{4}|\d{1,2}:\d{2}))*"
)
# (a nurse typing in lower case signs so too: "-- cjs rn", "JK rn"; not the lower-case
# credentials that are words or abbreviations of everything else: pt, do, ot, pa, en, sw)
_CREDENTIAL = rf"(?:{_CREDENTIALS}|rn|lpn|lvn|rrt|crna|msw|lcsw|cna|np|md|rt)"
_INITIALS_LINE = re.compile(
    r"(?m)^[ \t]*(?P<dash>[-–—~][ \t]?)?"
    r"(?P<i>(?:[A-Za-z]\.[ \t]?){2,3}|[A-Z]{2,4}|[a-z]{2,4})"
    rf"(?:[ \t]*+(?:[,/][ \t]*+)?(?P<c>{_CREDENTIAL})\.?)?{_SIGNED_WHEN}[ \t]*$"
)
# The same signature closing a line of text after its sentence ("... understanding. -- kmr,
# LPN", "... unit fax 918-555-0100. -tk"): a dash then the initials; bare ("... tonight. CH")
# only at the text's or a note's end, as for a line of its own.
_INITIALS_AFTER_SENTENCE = re.compile(
    r"(?m)(?<=[.!?)])[ \t]+(?P<dash>(?:--?|[–—~])[ \t]?)?"
    r"(?P<i>(?:[A-Za-z]\.[ \t]?){2,3}|[A-Z]{2,4}|[a-z]{2,4})"
    rf"(?:[ \t]*+(?:[,/][ \t]*+)?(?P<c>{_CREDENTIAL})\.?)?{_SIGNED_WHEN}[ \t]*$"
)
# A parent or a husband after "S/O", "D/O", "W/O" (son, daughter, wife of), as South Asian
# records name a patient's family ("zubaida bibi w/o gul marwat", "S/O Late Shri Mohan Lal"):
# one to three words, after an honorific or "Late" if any. ("w/o" is also "without": the words
# must read as a name, see ``_relation_of``.)
_RELATION_OF = re.compile(
    r"(?<![\w/])(?i:[sdw]/o)\.?[ \t]++"
    r"(?:(?i:late|shri|sri|smt|mr|mrs|md|mohd|haji)\.?[ \t]++)*"
    r"([^\W\d_][\w'’-]*(?:[ \t]+[^\W\d_][\w'’-]*){0,2})"
)
_RELATION_GATE = ("/o", "/O")
# "Muhammad" as South Asian records shorten it before the name ("Md. Touseef", "Mohd. Khaleel",
# "Mohd Faizal"): mixed case only, and with its full stop or "Mohd" ("MD" is a credential).
_MUHAMMAD = re.compile(r"(?<![\w.'’-])(?:Md\.|Mohd\.?)[ \t]+(?=[A-Z][a-z])")
# Malaysia's "son of" and "daughter of" between a given name and the father's ("RAJESH A/L
# SIVALINGAM", "Kamala a/p Muniandy"): only with a name before it, as "A/P" opens a note's
# assessment and plan.
# The joining word is found first (a pattern opening on the given name would be tried at
# every word of every note holding "s/p"), then the name before it and the words after it.
_ANAK = re.compile(r"(?<![\w'’/-])(?i:a/[lp])\.?[ \t]+")
_WORD_BEFORE = re.compile(r"(?<![\w'’/-])[^\W\d_][\w'’-]*(?=[ \t]+\Z)")
_WORD_IN_RUN = re.compile(r"[^\W\d_][\w'’-]*")
# A contact's name in brackets with their extension: "case mgmt (Heather, x6620)", "(Dana
# Roe, ext 4410)".
_NAME_WITH_EXTENSION = re.compile(
    r"\(([A-Z][a-z'’-]+(?:[ \t]+[A-Z][a-z'’-]+)?),[ \t]*(?i:x|ext\.?)[ \t]*\d{3,5}\)"
)
# A patient list's or a note's first line naming the patient surname first, then what a
# patient's line gives next: age and sex, a record number, a birth date ("Smolarczyk, Dobromił
# (71M) CHF exac", "Jekron, Bwij (MRN S00981453)", "- Dzurovcik, Walter J 71M POD 2",
# "KRIEHBIEL, LAVERNE M  DOB 03/02/1908"): where the line opens, after a bullet, a number, "Pt"
# or "Name".
_LISTED_PATIENT = re.compile(
    r"(?m)^[ \t]*(?:[-•*][ \t]*|\d{1,3}[.)]?[ \t]+|(?:Pt|PT|Ptn|Name|NAME):?[ \t]+)?"
    r"([A-ZÀ-Þ][\w'’-]+,[ ]?[A-ZÀ-Þ][\w'’-]+(?:[ ][A-Z]\.?)?)"
    r"(?=[ \t]{2,}(?:MRN|DOB|MR#|UR\b)|[ \t]*+(?:\((?:\d{1,3}[ ]?(?:[MF]|yo|y)\b|MRN|MR#|DOB|"
    r"NHS|UR\b|Hosp)|\d{1,3}[ ]?(?:[MF]|yo|y/o)\b))"
)
# An Irish or Scottish Gaelic name by its surname's particle, which no other name has: a
# given name, then Ó, Ní, Nic, Mac, Mhic or Uí and the surname, perhaps with its initial h, n
# or t ("Cormac Ó hUiginn", "Síle Ní Bhriain", "Eoin Mac Giolla Phádraig").
_GAELIC_GATE = ("Ó ", "Ní ", "Nic ", "Mac ", "Mhic ", "Uí ")
_GAELIC_NAME = re.compile(
    r"(?<![\w'’-])[A-ZÁÉÍÓÚ][a-záéíóú]+[ \t]+(?:Ó|Ní|Nic|Mac|Mhic|Uí|Bean[ \t]+Uí)[ \t]+"
    r"[hnt]?[A-ZÁÉÍÓÚ][a-záéíóú]+(?:[ \t]+[A-ZÁÉÍÓÚ][a-záéíóú]+)?(?![\w'’-])"
)
# Who money went to or came from, before their number, as a mobile-money or bank text writes
# it: "Ksh2,400.00 sent to WANJIKU KINYANJUI 0712555018", "received from Tendai Moyo
# +263 77 555 0142", "paid to ARJUN MEHTA a/c 5510...".
_PAYEE = re.compile(
    r"(?i:sent[ \t]+to|received[ \t]+from|paid[ \t]+to|transferred[ \t]+to|credited[ \t]+by|"
    r"debited[ \t]+to)[ \t]+"
    r"((?:[A-Z][A-Za-z'’-]+|[A-Z]\.)(?:[ \t]+(?:[A-Z][A-Za-z'’-]+|[A-Z]\.)){1,3})"
    r"(?=[ \t]+(?:\+?\d[\d \-]{7,15}\d|(?i:a/?c|acct?|account)\b))"
)
# A contact's name right before their number, as handoffs and contact lines list them ("wife
# home 402-555-0194, brynlee cell 402-555-0131", "Osei mob 07700 900123"): an item's one word,
# perhaps the number's kind, then a number of a phone's length.
_CONTACT_NAME = re.compile(
    r"(?m)(?:^|(?<=[,;:/(])|(?<=[ \t]and)|(?<=[ \t]or))[ \t]*"
    r"([^\W\d_][^\W\d_'’-]{2,20})"
    r"(?=[ \t](?:(?P<kind>(?i:cell|home|work|mobile|mob|landline))[ \t]*+(?:[:#.][ \t]*+)?)?"
    r"(?:\+|\(\d)?\d[\d ().-]{6,16}\d(?![\d/]))"
)
# A passenger's name as booking systems write it: SURNAME/GIVEN NAMES and a form of address
# ("NETHERCOTT/XANTHE PERSEPHONE MS", "OKAFOR/CHIDI MR").
_BOOKING_NAME = re.compile(
    r"(?<![\w/])([A-Z][A-Z'-]{1,30})/([A-Z][A-Z'-]{1,30}(?:[ ][A-Z][A-Z'-]{1,30}){0,2})"
    r"(?=[ ](?:MR|MRS|MS|MISS|MSTR|DR|PROF)\b)"
)
# A transcriptionist's initials in lower case at the end of a dictation's line ("transcribed
# tg.", "dictated/typed by jk")
_TYPIST_INITIALS = re.compile(
    r"(?im)\b(?:(?:transcribed|dictated|typed)(?:[ \t]*/[ \t]*typed)?(?:[ \t]+by)?|"
    r"transcriptionist|typist):?[ \t]+"
    # (then the line's end, or a column's gap before the report's next field: "Transcribed
    # by: kl  D: 10/28/2026")
    r"(?-i:([a-z]{2,3}))\.?(?:[ \t]*$|[ \t]{2,}|\t)"
)
# The credentials a nurse or a therapist signs a timed entry or a login with, as written: in
# small letters or in capitals (and, for a quick test, after a blank).
_SIGNING = ("rn", "lpn", "lvn", "rrt", "rt", "np", "cna")
_SIGNING_CREDENTIAL = "|".join((*_SIGNING, *(c.upper() for c in _SIGNING)))
_SIGNING_CREDENTIALS = tuple(
    f"{sep}{c}" for c in _SIGNING_CREDENTIAL.split("|") for sep in (" ", "\t")
)
# A nurse's login as a dash's signature before the credential ("--mdardar rn", "- jkowal
# RN"): a first initial and a surname run together, no word.
_DASH_LOGIN = re.compile(
    r"(?m)(?:^|(?<=\s))[-–—]{1,2}[ \t]?([a-z]{5,12})(?:[ \t]*,[ \t]*|[ \t]+)"
    rf"(?:{_SIGNING_CREDENTIAL})\b"
)
# A timed entry signed by initials and credential ("1415 jlm LPN", "0300 kd rn"): the clock,
# then who.
_TIMED_INITIALS = re.compile(
    rf"(?<![\w:/.])\d{{4}}[ \t]+([a-z]{{2,3}})[ \t]+(?:{_SIGNING_CREDENTIAL})\b"
)
_TYPIST_GATE = (
    "ranscri", "RANSCRI", "ictated", "ICTATED", "yped", "YPED", "ypist", "YPIST"
)  # fmt: skip
# The dictating doctor's and the typist's initials on a report's last line ("RB/jt
# 10/30/26"), alone or before the date typed.
_DICTATION_INITIALS = re.compile(
    r"(?m)^[ \t]*([A-Z]{2,3})/([a-z]{2,3})(?=[ \t]*$|[ \t]{2,}|[ \t]+\d{1,2}/\d)"
)
# who signs that is no one ("Thanks,\nThe Team", "Regards,\nAdmissions")
_NOT_SIGNERS = frozenset(
    {"the", "team", "staff", "all", "everyone", "office", "clinic", "admin", "management",
     "nurses", "doctors", "department", "dept", "admissions", "billing", "reception", "us"}
)  # fmt: skip
# what such a place holds that is no one: a credential, a unit, a test, a time of care
_NOT_INITIALS_SIGNED = frozenset(
    {"ED", "ER", "IR", "ICU", "OR", "PCP", "PET", "CT", "MRI", "BP", "HR", "LMP", "POD", "US",
     "PT", "OT", "SW", "PA", "MD", "NP", "RN", "DO", "CDS", "EMS", "AM", "PM", "NA", "OK", "ID"}
)  # fmt: skip
# "CRAMPSEY, JAIME" or "TOLENTINO, Marivic", then a record field, a number or the line end.
_SURNAME_FIRST = re.compile(
    r"(?<![\w'’-])([A-Z][A-Z'’-]{2,24}),[ \t]([A-Z][a-z'’-]{1,20}|[A-Z][A-Z'’-]{1,20})"
    r"(?=[ \t]+(?:DOB|D\.O\.B|MRN|CB|DOC|ID|NHS|UR|NHI|Rx|RX|room|ROOM|\(|#|\d)|[ \t]*$)",
    re.M,
)
# Initials beside a record number, as study and birth logs write them: "subject 55003-BS
# (M.S)", "48127-HE (LP)", "| J.L. 47947-QT |", "H.M 350868".
_INITIALS_BY_ID = accelerated(
    re.compile(
        # dotted, in brackets after a number: "134078 (J.G)"
        r"(?<=\d)(?:-[A-Z]{1,3})?[ \t]\(([A-Z]\.[A-Z]\.?(?:[A-Z]\.?)?)\)"
        # undotted only after a lettered study number: "48127-HE (LP)" (not "lot 55003 (EU)")
        r"|(?<=\d-[A-Z]{2}[ \t]\()([A-Z]{2,3})(?=\))"
        # dotted, before a record number: "J.L. 47947-QT", "H.M 350868"
        r"|(?<![\w.])((?:[A-Z]\.){1,2}[A-Z]\.?|[A-Z]\.[A-Z])[ \t]+"
        r"(?=[A-Z]{0,3}-?\d{5,}(?:-[A-Z]{1,3})?\b)"
    )
)
# A military or police rank, an initial and a surname: "CPT L. ADEYEMI", "Sgt R. Okafor",
# "LCDR M. Haas" (the rank and the dotted initial together say a person follows; "CPT
# 99213" and "COL 2" have no initial). The span is the initial and the surname.
_RANK_INITIAL = accelerated(
    re.compile(
        r"(?<![\w.])(?:PVT|PV2|PFC|SPC|CPL|SGT|SSG|SFC|MSG|1SG|SGM|CSM|SMA|WO1|CW[2-5]|2LT|1LT|"
        r"CPT|MAJ|LTC|COL|BG|MG|LTG|GEN|SN|PO[1-3]|CPO|SCPO|MCPO|ENS|LTJG|LT|LCDR|CDR|CAPT|RADM|"
        r"VADM|ADM|AB|AMN|A1C|SRA|SSGT|TSGT|MSGT|SMSGT|CMSGT|LCPL|GYSGT|"
        r"Pvt|Pfc|Spc|Cpl|Sgt|Ssg|Sfc|Msg|Lt|Capt|Cpt|Maj|Col|Gen|Cdr|Lcdr|Ens|Adm|Amn|SrA|SSgt|"
        r"TSgt|MSgt|LCpl|Insp|Supt|Det|Cst|PC|DC|DS|DI)\.?[ \t]+"
        r"([A-Z]\.[ \t]?(?:[A-Z]\.[ \t]?)?[A-Z][A-Za-z'’-]+)(?![\w'’-])"
    )
)
# A child or a respondent named by initials in a court's or an agency's caption: "In the
# Matter of J.R. and A.R., Children in Need of Services", "In re: T. R. K. (respondent)",
# "Re: minor child M.L.": the caption's words say a person's initials follow.
_CAPTION_INITIALS = re.compile(
    r"(?i:\bin[ \t]+the[ \t]+matter[ \t]+of|\bin[ \t]+re:?|\bminor(?:[ \t]+child(?:ren)?)?:?"
    r"|\bre:[ \t]+(?:the[ \t]+)?minor)[ \t]+"
    r"(?P<a>(?:[A-Z]\.[ \t]?){2,3})(?:[ \t]*(?:,|and|&)[ \t]+(?P<b>(?:[A-Z]\.[ \t]?){2,3}))?"
)
# A name given as an alias, in quotes or brackets: a trauma or unidentified patient's
# temporary name ('trauma alias "ZZTRAUMA, JUNIPER"', 'registered as "Doe, Sky"') and
# the name a person goes by ('aka "Bobby"', 'goes by (Teddy)'). The alias identifies the
# record as well as any name does; capitalised words only ("aka 'the boss'" is no name).
_ALIAS = re.compile(
    r"(?i:\balias|\baka|\ba\.k\.a\.?|\bknown[ \t]+as|\bgoes[ \t]+by|\bnicknamed?|"
    r"\bregistered[ \t]+as|\btemporary[ \t]+name|\btrauma[ \t]+name|"
    r"\bprefers[ \t]+to[ \t]+be[ \t]+called)"
    r"[ \t]*+:?[ \t]*+[\"“‘'(][ \t]*+"
    r"([A-Z][\w'’-]*(?:,?[ \t]+[A-Z][\w'’-]*){0,2})[ \t]*[\"”’')]"
)
# A maiden or birth name after "née" ("Nora Cronelly (née Haverty)", "Mrs Ada Quist nee
# Lomax"): the word says a surname follows, whatever the surname is (a word, a place); in
# capitals too ("NÉE DOWLING"). "Born" is left out: "born Cork 1961" is a place.
_MAIDEN = re.compile(
    r"(?<![\w'’-])(?:[Nn][ée]e|N[ÉE]E)\.?[ \t]++"
    r"([A-Z][\w'’-]*(?:[ \t]+(?!(?:[Ll]ate|LATE|of|OF)\b)[A-Z][\w'’-]*)?)"
)
# The sender of a line of an exported group chat, after the line's date and time ("[07/06/2025,
# 06:41] Thandi M: Morning all", "12/03/25, 19:02 - Priya S: ok"): the export's layout names
# the person, whatever the name is. One to four capitalised words or initials, and the
# sender's role in brackets may follow ("Lerato (bed mgr): full").
_CHAT_SENDER = re.compile(
    r"(?m)^[ \t]*+(?:\[[ \t]*+\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4},?[ \t]++\d{1,2}:\d{2}(?::\d{2})?"
    r"(?:[ \t\u202f]?[AaPp]\.?[Mm]\.?)?[ \t]*+\]|\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4},?[ \t]++"
    r"\d{1,2}:\d{2}(?:[ \t\u202f]?[AaPp]\.?[Mm]\.?)?[ \t]++[-–])[ \t]++"
    r"([A-Z][\w'’.-]*(?:[ \t][A-Z][\w'’.-]*){0,3})(?:[ \t]\([^()\n]{1,30}\))?:[ \t]"
)
_SENDER_HEADS = ROLE_WORDS | HONORIFICS  # (before a sender's name, not part of it)
# An unidentified patient's registration alias, in the "Trauma, <alias>" or "Doe, <alias>"
# shape emergency departments give ("Trauma, Pomegranate", "Trauma, Whiskey Delta", "DOE,
# UNKNOWN OSCAR"): the words after the comma stand for the person until named.
_TRAUMA_ALIAS = re.compile(
    r"(?<![\w'’-])(?:(?:Trauma|Doe|Unknown|Zztrauma)[ \t]*,[ \t]*"
    r"(?P<t>(?:Unknown[ \t]+)?[A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+)?)"
    r"|(?:TRAUMA|DOE|UNKNOWN|ZZTRAUMA)[ \t]*,[ \t]*"
    r"(?P<c>(?:UNKNOWN[ \t]+)?[A-Z]{2,}(?:[ \t]+[A-Z]{2,})?))"
    r"(?![\w'’-]|[ \t]*\d)"
)
# what follows "Trauma," that is the call's business, not an alias ("Trauma, Level 1")
_NOT_ALIASES = frozenset(
    {"level", "team", "activation", "alert", "bay", "room", "code", "page", "call", "surgery",
     "service", "attending", "resident", "fellow", "consult", "transfer", "red", "blue"}
)  # fmt: skip
# Substrings one of which the text must hold before the patterns above and below are run.
_ALIAS_CUES = ("alias", "aka", "a.k.a", "known as", "goes by", "nickname", "registered as",
               "temporary name", "trauma name", "be called")  # fmt: skip
_FAMILY_CUES = ("children", "kids", "sons", "daughters", "sisters", "brothers", "siblings",
                "grandchildren", "grandkids", "twins")  # fmt: skip
# Family members listed with their ages: "children Grace (12), Divine (8) and Ema (3)",
# "Sisters Ayesha (26) and Noor (22)". The list's shape names them, words or not.
_FAMILY_LIST = re.compile(
    r"(?i:\b(?:children|kids|sons|daughters|sisters|brothers|siblings|grandchildren|"
    r"grandkids|twins|stepchildren))(?:[ \t]*+:)?[ \t]++(?=[A-Z])"
)
_LISTED_MEMBER = re.compile(
    r"([A-Z][\w'’-]+(?:[ \t]+[A-Z][\w'’-]+)?)[ \t]*\((?:age[ \t]*)?\d{1,2}[ \t]*"
    r"(?:y|yo|yrs?|years?|m|mo|mos|months?)?\)"
    r"(?P<sep>[ \t]*(?:,[ \t]*(?:and[ \t]+)?|and[ \t]+|&[ \t]*))?"
)
# Dotted abbreviations that are not initials.
_NOT_INITIALS = frozenset(
    {"US", "UK", "EU", "UN", "AM", "PM", "NB", "PS", "IV", "OD", "BD", "TDS", "QDS", "PO", "SC",
     "IM", "DC", "NY", "LA", "DR", "MR", "MS", "ST", "RN", "MD", "DO", "PA", "NP"}
)  # fmt: skip
SCORE = 0.7
# An initial and a surname no word list explains, in mixed case: "resident B. Quenault",
# "seen with A. Okonkwo-Eze". A listed surname is the name recognizer's; a genus's initial
# before its species ("E. Coli", "S. Aureus") meets the clinical stop list.
# (A sign-off's dashes may come right before it: "--R. Ekstromme"; a hyphen inside a word may
# not: "X-R. Smith".)
_INITIAL_UNKNOWN = re.compile(
    r"(?:(?<=--)|(?<=\s-)|(?<=^-)|(?<![\w.'’-]))"
    r"[A-Z]\.[ \t]?([A-Z][a-z'’]{2,24}(?:-[A-Z][a-z'’]{2,24})?)(?![\w'’-]|\.\w)"
)


# Two words in lower case where a patient is named: after "in", "for", "with", "re", "pt",
# a title or a field's colon, and before what a name is followed by (its comma, its age, "on"
# a drug or a ward, "going", "is", the line's end): see NameShapeRecognizer._lower_pairs.
_LOWER_PAIR = re.compile(
    r"(?:\b(?:in|for|with|re|pt|patient|mr|mrs|ms|miss),?[ \t]+|:[ \t]*|^[ \t]*|[?!][ \t]+|"
    r"[—–][ \t]*)"
    r"([a-z]{3,14})[ \t]+([a-z]{3,20}(?:-[a-z]{3,20})?)"
    r"(?=[ \t]*(?:[,;?(]|$|\n)|"
    r"[ \t]+(?:\d|on|going|is|has|was|who|age[ds]?|yo|y/o|(?i:mrn|dob)|"
    # (or what a note says the patient does: "pt halyna pidhirna refusing turn")
    r"refus(?:es|ed|ing)|states?|stated|says|said|reports?|reported|denies|denied|remains|"
    r"wants|wanted|asks?|asked|asking|needs|c/o|complains)\b)",
    re.M,
)
# A police or military rank spelled out before a surname ("Officer Maddigan", "DETECTIVE
# RUVOLO", "Trooper Haskell"), and a nursing sister's title as Britain, Ireland, South Africa
# and Australia write it ("ask for Sr Mahlangu"): the surname must be no English word
# ("Officer Training", "Inspector General", "Deputy Director", "Sr Manager" are none).
_RANK_NAME = re.compile(
    # (and a priest's or a brother's "Fr", "Br", "Revd" before the name: "Chaplain Fr.
    # Onyebuchi"; not a catheter's French size after its number, "20 Fr Foley")
    rf"(?<![\w'’-])(?<!\d[ \t])(?:(?i:{'|'.join(SPELLED_RANKS)})|Sr\.?|Fr\.?|Br\.?|Revd\.?)[ \t]+"
    r"([A-Z][A-Za-z'’]{2,20}(?:-[A-Z][A-Za-z'’]{2,20})?)(?![\w'’-])"
    r"(?![ \t]+(?i:catheter|cath|tube|drain|sheath|stent|foley)\b)"
)
_CLERGY_OR_SISTER = ("Sr", "Fr.", "Fr ", "Br.", "Br ", "Revd")  # (``_RANK_NAME``'s, plain tests)
# A name in lower case with the age in brackets after it ("kowalczyk-brant (58) transferred",
# "can u help: jasvinder (57), new DM"): the bracketed age says a person was named.
_LOWER_AGED = re.compile(
    r"(?<![\w'’-])([a-z][a-z'’]{2,20}(?:-[a-z][a-z'’]{2,20})?)[ \t]*"
    # (not an area code before its number: "celular (31) 95555-0142")
    r"\((?:1[01]\d|\d{1,2})(?:[ \t]*(?:yo|y|yrs?|[mfMF]))?\)(?![ \t]*\d)"
)
# A patient named where a line or a clause opens, right before an age and sex run together
# ("ruairi keeswood 36M snowmobile crash", "Eggallow 72F tinnitus", "re: oyelaran 8yo"): two
# words in lower case, or one in Title case; the age-and-sex says a person was named, so the
# words need no list, only to be no word, term or place (see NameShapeRecognizer._aged_sex).
_AGED_SEX = re.compile(
    r"(?:^|[:;?!—–]|\b(?:pt|re|patient))[ \t]*"
    r"(?:(?P<lower>[a-z][a-z'’]{2,20}[ \t]+[a-z][a-z'’]{2,20}(?:-[a-z][a-z'’]{2,20})?)|"
    r"(?P<title>[A-Z][a-z'’]{3,20}(?:-[A-Z][a-z'’]{2,20})?))"
    r",?[ \t]+(?:1[01]\d|\d{1,2})[ \t]?(?:yo|y/o|yrs?|[mMfF]|(?P<young>months?|mos?|mths?|weeks?|"
    r"wks?))(?![\w/])",
    re.M,
)
# A surname typed in lower case after the patient's room, bed or "pt", as clinicians' chat and
# pager messages name a patient ("rm 414 vanderhuelst converted to NSR", "pt galloran 502 c/o
# CP", "RE BED 2 NAKASHIGE K 2.9"): five letters or more, no word, term or place. In Title
# case too after the room's or bed's number ("bed 9 Rziha desat", "rm 318 Dvoracek, Jerome"),
# and after a census row's room number that opens the line, the row's dash after the name
# ("205 Brockhoff - PS 8/5", "201 GRIESEMER - AC 14/500").
_SURNAME_SHAPES = (
    r"([a-z][a-z'’]{4,20}(?:-[a-z][a-z'’]{2,20})?|[A-Z][A-Z'’]{4,20}(?:-[A-Z][A-Z'’]{2,20})?|"
    r"[A-Z][a-z'’]{4,20}(?:-[A-Z][a-z'’]{2,20})?)(?![\w'’-])"
)
_ROOM_SURNAME = accelerated(
    re.compile(
        r"\b(?i:pt|patient|rm|room|bed)[ \t]+(?:(?:#?\d{1,4}[A-Za-z]?[ \t]+)?(?=[a-z]|[A-Z]{5})|"
        # (Title case after a number only after rm, room or bed, whose last letter is m or d)
        r"(?<=[mMdD][ \t])#?\d{1,4}[A-Za-z]?[ \t]+)" + _SURNAME_SHAPES
    )
)
# (a census row: read only where a line opens on a room number, found from the line break)
_CENSUS_ROW = re.compile(
    r"(?:\A|(?<=\n))[ \t]*+\d{3,4}[A-Za-z]?[ \t]+(?=[A-Z][\w'’-]+[ \t]+[-–][ \t])" + _SURNAME_SHAPES
)
_CENSUS_GATE = re.compile(r"\n[ \t]*\d{3}")
# ...an unlisted one not ending as clinical words do ("pt tachycardic", "pt diuresing"): the
# census lists "Fleming" and "Manning", so an unlisted "-ing" word is a verb
# (``lexicon.CLINICAL_ENDING``); nor, in Title case, as a device's name ends ("rm 12
# Nebulizer").
_DEVICE_ENDINGS = ("izer", "iser", "ator", "meter", "scope", "graph", "pap")
# A patient's dotted initials after "pt" or an initials label ("pt A.K. on vanco", "Patient
# initials / chart: T.S."): the cue says whose they are.
_PATIENT_INITIALS = re.compile(
    r"\b(?i:pt|patient(?:'s)?(?:[ \t]+initials)?|initials)\b[ \t]*+(?:[/:][^\n:]{0,12}:)?[ \t:]*+"
    r"((?:[A-Z]\.){2,3})(?![\w.])"
)
# A surname in lower case after a title in lower case ("mr dravecki in bed 4", "mrs. o'hare").
_LOWER_TITLED = re.compile(
    r"(?<![\w'’-])(?:mr|mrs|ms|miss|dr)\.?[ \t]+([a-z][a-z'’]{2,20}(?:-[a-z][a-z'’]{2,20})?)"
    r"(?![\w'’-])"
)


class NameShapeRecognizer(LocalRecognizer):
    """Speaker labels and "SURNAME, Given" before a record field (see module)."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        super().__init__("NameShapeRecognizer", [Entity.PERSON.value])

    def _word(self, word: str, *, known_only: bool = False) -> bool:
        """A name-like word: on a name list, or (unless ``known_only``) unknown to the
        English and clinical word lists."""
        key = word.lower().strip("'’-")
        lex = self.lexicon
        if key in NOT_NAMES or key in lex.stoplist:
            return False
        if lex.is_name(key) and not lex.is_ambiguous(key):
            return True
        return not known_only and lex.is_unknown_proper(key)

    def _handle(self, handle: str) -> bool:
        """A chat's sender in lower case is a person: a name-like word ("daz"), or a login
        whose letters hold one and no non-name word ("rhea.s", "tremblay-roy", "dkowalczyk";
        not "agent", "bot" or "night.shift")."""
        if self._word(handle):
            return True
        parts = _HANDLE_PARTS.findall(handle)
        return (
            bool(parts)
            and all(p not in NOT_NAMES and p not in self.lexicon.stoplist for p in parts)
            and any(self._word(p) for p in parts)
            and not all(self.lexicon.is_english(p) and not self.lexicon.is_name(p) for p in parts)
        )

    def _named_here(self, key: str) -> bool:
        """Where the place says a person is named (a message's opening, signature or thanks,
        a role in brackets, a roster's line, a child's months): a given name, or a word no
        English list holds; not a listed non-name, team, calendar word or clinical term."""
        lex = self.lexicon
        if key in NOT_NAMES or key in _NOT_SIGNERS or key in CALENDAR_WORDS or key in lex.stoplist:
            return False
        return lex.is_first(key) or not lex.is_english(key)

    @staticmethod
    def _service(key: str) -> bool:
        """A service, a job or a lab a message may be addressed to ("Hi Micro,", "Hi
        Pharmacy,"): no one's name."""
        return key in SERVICE_WORDS or key in JOB_TITLES or key in NOT_PERSON_WORDS

    def _caller(self, text: str, m: re.Match[str], key: str) -> bool:
        """A caller naming themselves before where they call from ("it's Pip from the
        practice"): there a word that is also English is the caller's name, unless it names
        a service, a role or a team ("this is Pharmacy from 4 West")."""
        if not _FROM_AFTER.match(text, m.end(1)):
            return False
        lex = self.lexicon
        return not (
            key in NOT_NAMES
            or key in _NOT_SIGNERS
            or key in SERVICE_WORDS
            or key in JOB_TITLES
            or key in CALENDAR_WORDS
            or key in lex.stoplist
            or key in STOP_WORDS
        )

    def _message_ends(self, text: str) -> list[RecognizerResult]:
        """The given name a message opens on (``_ADDRESSED``), a writer naming themselves
        (``_SELF_NAMED``), the name a message thanks at its end (``_THANKED_END``) and the
        name it is signed with after a dash (``_DASH_SIGNED_END``): there even a name that is
        also a word ("Cal") is the writer's; not a team or a department ("- Pharmacy")."""
        out = []
        lex = self.lexicon
        m = _ADDRESSED.match(text)
        if m and lex.is_first(m.group(1).lower()) and self._word(m.group(1), known_only=True):
            out.append(make_result(self, Entity.PERSON, m.start(1), m.end(1), SCORE))
        m = _GREETED.match(text)
        greeted = m.group(1).lower().strip("'’") if m else ""
        if m and self._named_here(greeted) and not self._service(greeted):
            out.append(make_result(self, Entity.PERSON, m.start(1), m.end(1), SCORE))
        low = text.lower()
        said = any(cue in low for cue in _SELF_NAMED_CUES)
        named = list(_SELF_NAMED.finditer(text)) if said else []
        thanked = _THANKED_END.search(text, max(0, len(text) - 40))
        for m in [*named, *([thanked] if thanked else [])]:
            key = m.group(1).lower().strip("'’")
            if self._named_here(key) or (m.re is _SELF_NAMED and self._caller(text, m, key)):
                out.append(make_result(self, Entity.PERSON, m.start(1), m.end(1), SCORE))
        signed = "-" in text or "—" in text or "–" in text
        # (the signature ends the text: only its tail is read)
        m = _DASH_SIGNED_END.search(text, max(0, len(text) - 80)) if signed else None
        if m:
            keys = [w.lower() for w in m.group(1).split()]
            if not any(
                k in NOT_NAMES or k in _NOT_SIGNERS or k in CARE_UNITS or k in lex.stoplist
                for k in keys
            ) and (lex.is_name(keys[0]) or lex.is_unknown_proper(keys[0])):
                out.append(make_result(self, Entity.PERSON, m.start(1), m.end(1), SCORE))
        return out

    def _listed_names(self, text: str) -> list[RecognizerResult]:
        """A roster's or a sheet's line opened by a given name and an initial
        (``_LINE_NAME_INITIAL``), and a given name with a role in brackets (``_NAME_ROLE``)."""
        out = []
        lex = self.lexicon
        for m in _LINE_NAME_INITIAL.finditer(text) if ". " in text or ".-" in text else ():
            key = m.group(1).split()[0].lower()
            if lex.is_first(key) and self._named_here(key):
                out.append(make_result(self, Entity.PERSON, m.start(1), m.end(1), SCORE))
        for m in _NAME_ROLE.finditer(text) if "(" in text else ():
            roles = set(m.group("role").split()) & (_ROLE_WORDS | JOB_TITLES)
            if roles and self._named_here(m.group(1).lower()):
                out.append(make_result(self, Entity.PERSON, m.start(1), m.end(1), SCORE))
        return out

    def _sender(self, value: str) -> int:
        """How much of a chat line's sender is a name (0: none), not a timed entry's heading
        ("14:00 - Plan: continue", "- Nursing Note:"): no word a stop word, a clinical term
        or a non-name word, each an initial, a listed name or no English word; a role or a
        title before it is not part of it ("Agent Ross")."""
        lex = self.lexicon
        words = value.split()
        while len(words) > 1 and words[0].strip(".").lower() in _SENDER_HEADS:
            words.pop(0)
        keys = [w.strip(".").lower() for w in words]
        if any(k in STOP_WORDS or k in lex.stoplist or k in NOT_PERSON_WORDS for k in keys):
            return 0
        if not all(len(k) < 2 or lex.is_name(k) or not lex.is_english(k) for k in keys):
            return 0
        return len(value) - value.index(words[0])

    def _family_list(self, text: str) -> list[RecognizerResult]:
        """Each member of a family list with ages (see ``_FAMILY_LIST``); two or more."""
        out: list[RecognizerResult] = []
        for cue in _FAMILY_LIST.finditer(text):
            members = []
            at = cue.end()
            while (m := _LISTED_MEMBER.match(text, at)) is not None:
                members.append(m)
                if not m.group("sep"):
                    break
                at = m.end()
            if len(members) < 2:
                continue
            for m in members:
                if m.group(1).lower() not in NOT_NAMES:
                    out.append(make_result(self, Entity.PERSON, m.start(1), m.end(1), SCORE))
        return out

    def _booking_names(self, text: str) -> list[RecognizerResult]:
        """A passenger's surname and given names (``_BOOKING_NAME``); no term or short code
        in their place ("IV/PO MS contin": routes and a drug)."""
        out = []
        for m in _BOOKING_NAME.finditer(text):
            surname, given = m.group(1).lower(), m.group(2).split()[0].lower()
            if any(
                len(w) < 3 or w in self.lexicon.stoplist or w in STOP_WORDS or w in NOT_NAMES
                for w in (surname, given)
            ):
                continue
            out.append(make_result(self, Entity.PERSON, m.start(1), m.end(1), SCORE))
            out.append(make_result(self, Entity.PERSON, m.start(2), m.end(2), SCORE))
        return out

    def _contact_names(self, text: str) -> list[RecognizerResult]:
        """A contact's name before their number (``_CONTACT_NAME``): with the number's kind a
        name-like word, without it only a listed given name ("vocera 555-0112" is a device's
        number) that is no word; never a relation, a title or a listed place ("Kajang, Selangor
        Tel: ...")."""
        out = []
        for m in _CONTACT_NAME.finditer(text):
            key = m.group(1).lower()
            lex = self.lexicon
            named = (
                self._word(key)
                if m.group("kind")
                else lex.is_first(key) and not lex.is_ambiguous(key)  # not "case 26-0118"
            )
            if (
                named
                and key not in RELATIVES
                and key not in TITLES
                and key not in NOT_NAMES
                and key not in lex.places
            ):
                out.append(make_result(self, Entity.PERSON, m.start(1), m.end(1), 0.6))
        return out

    def _initials_lines(self, text: str) -> list[RecognizerResult]:
        """Signatures by initials alone on a line (``_INITIALS_LINE``): a dash or a
        credential with them, or the text's or a note's last line; not an English or
        clinical word, a unit or a credential in their place ("ok", "DNR", "ICU")."""
        out = []
        lines = _INITIALS_LINE.finditer(text) if "\n" in text else ()
        closing = _INITIALS_AFTER_SENTENCE.finditer(text) if "." in text else ()
        for m in (*lines, *closing):
            initials = m.group("i")
            bare = initials.replace(".", "").replace(" ", "")
            key = bare.lower()
            if bare.upper() in _NOT_INITIALS_SIGNED or key in POST_TITLES:
                continue
            if "." not in initials and (
                self.lexicon.is_english(key)
                or key in self.lexicon.stoplist
                or key in STOP_WORDS
                or key in NOT_PERSON_WORDS  # a field's label alone on its line ("DOB", "MRN")
                or key in NOT_NAMES
            ):
                continue
            rest = text[m.end() :]
            last = not rest.strip() or rest.startswith(("\n\n", "\r\n\r\n", "\n----"))
            if not (m.group("dash") or m.group("c") or last):
                continue
            if last and not (m.group("dash") or m.group("c")) and "\n" not in text[: m.start()]:
                continue  # a text of one line: a code, not a signature
            end = m.start("i") + len(initials.rstrip())
            out.append(make_result(self, Entity.PERSON, m.start("i"), end, 0.65))
        return out

    def _foreign(self, view: TokenView, start: int, end: int) -> bool:
        """A word of the language the note switches into inside ``start:end``: an everyday
        one, or one with that language's verb or noun endings that no name list holds ("pt
        tolerando")."""
        language = view.language
        if language is None:
            return False
        if view.everyday_in(start, end):
            return True
        is_name = self.lexicon.is_name
        keys = (view.words[i].key for i in view.indexes_in(start, end))
        return any(inflected(language, key) and not is_name(key) for key in keys)

    def _blocked(self, parts: Sequence[str]) -> bool:
        """A part no lower-case name rule may take: a listed non-name, a clinical term or a
        stop word."""
        return any(p in NOT_NAMES or p in self.lexicon.stoplist or p in STOP_WORDS for p in parts)

    def _lower_pairs(self, text: str) -> list[RecognizerResult]:
        """A given name and a surname typed in lower case inside a text written in normal
        case, where a patient is named (``_LOWER_PAIR``: "delirium in walt fennistone, 96",
        "Curbside: jed cadwalladine"): the given name listed and no word or ambiguous name,
        the surname listed or unknown to every list; not "in grace period", "for otis
        media"."""
        out = []
        lex = self.lexicon
        for m in _LOWER_PAIR.finditer(text):
            given, family = m.group(1), m.group(2)
            if not lex.is_first(given) or lex.is_ambiguous(given) or lex.is_english(given):
                continue
            parts = family.split("-")
            if self._blocked((given, *parts)):
                continue
            # (a town's name is a surname too, "winston morland"; an unlisted place is not)
            if all(
                lex.is_surname(p) or (lex.is_unknown_proper(p) and p not in lex.places)
                for p in parts
            ):
                out.append(make_result(self, Entity.PERSON, m.start(1), m.end(2), 0.6))
        for m in _LOWER_TITLED.finditer(text):
            parts = [p.strip("'’") for p in m.group(1).split("-")]
            if self._blocked(parts):
                continue
            # (a word after "dr" may be a verb or a unit: "dr said", "dr in charge")
            if all(
                not lex.is_english(p) and (lex.is_surname(p) or lex.is_unknown_proper(p))
                for p in parts
            ):
                out.append(make_result(self, Entity.PERSON, m.start(1), m.end(1), 0.6))
        return out

    def _lower_aged(self, text: str) -> list[RecognizerResult]:
        """A name in lower case before its age in brackets (``_LOWER_AGED``), in any text:
        no English word ("levels (58)"), a listed name or a word no list explains."""
        out = []
        for m in _LOWER_AGED.finditer(text):
            if self._name_parts([p.strip("'’") for p in m.group(1).split("-")]):
                out.append(make_result(self, Entity.PERSON, m.start(1), m.end(1), 0.6))
        return out

    def _name_parts(self, parts: Sequence[str]) -> bool:
        """Parts a cue makes a name: none blocked (``_blocked``) nor an English word, each a
        listed name or a word no list explains that is no place."""
        lex = self.lexicon
        return not self._blocked(parts) and all(
            not lex.is_english(p)
            and (lex.is_name(p) or (lex.is_unknown_proper(p) and p not in lex.places))
            for p in parts
        )

    def _room_surnames(self, text: str) -> list[RecognizerResult]:
        """A surname after a room, a bed or "pt" (``_ROOM_SURNAME``) or on a census row
        (``_CENSUS_ROW``)."""
        lex = self.lexicon
        out = []
        census = _CENSUS_ROW.finditer(text) if _CENSUS_GATE.search("\n" + text) else ()
        for m in itertools.chain(_ROOM_SURNAME.finditer(text), census):
            parts = [p.strip("'’") for p in m.group(1).lower().split("-")]
            if self._blocked(parts):
                continue
            if all(
                not lex.is_english(p)
                and (
                    lex.is_surname(p)
                    or (
                        lex.is_unknown_proper(p)
                        and p not in lex.places
                        and not CLINICAL_ENDING.search(p)
                        and not lex.is_english(p.replace("rn", "m"))  # a scan's "narne"
                        and not self._compound(p)
                        and not (m.group(1).isupper() and p.endswith(("or", "er")))
                        # (a device after the room in Title case: "rm 12 Nebulizer")
                        and not (m.group(1).istitle() and p.endswith(_DEVICE_ENDINGS))
                    )
                )
                for p in parts
            ):
                out.append(make_result(self, Entity.PERSON, m.start(1), m.end(1), 0.6))
        return out

    def _compound(self, key: str) -> bool:
        """Two English words run together ("whiteboard", "bedside"), as notes coin them."""
        english = self.lexicon.english
        return any(key[:i] in english and key[i:] in english for i in range(3, len(key) - 2))

    def _aged_sex(self, text: str) -> list[RecognizerResult]:
        """Words before an age and sex run together (``_AGED_SEX``): every part no English
        word, clinical term or stop word, and a listed name or a word no list knows (no
        place)."""
        out = []
        for m in _AGED_SEX.finditer(text):
            group = "lower" if m.group("lower") else "title"
            parts = [p.strip("'’") for p in re.split(r"[ \t-]+", m.group(group).lower())]
            # a child's given name before their months even when it is a word ("Poppy 9
            # months", "Autumn 6 weeks")
            child = (
                m.group("young")
                and group == "title"
                and self.lexicon.is_first(parts[0])
                and self._named_here(parts[0])
            )
            if child or self._name_parts(parts):
                out.append(make_result(self, Entity.PERSON, m.start(group), m.end(group), 0.6))
        return out

    def _ranked(self, text: str) -> list[RecognizerResult]:
        """A surname after a rank spelled out or a sister's "Sr" (``_RANK_NAME``), no
        English word."""
        lex = self.lexicon
        out = []
        for m in _RANK_NAME.finditer(text):
            parts = [p.lower().strip("'’") for p in m.group(1).split("-")]
            if all(
                not lex.is_english(p)
                and p not in lex.stoplist
                and p not in NOT_NAMES
                and (lex.is_surname(p) or lex.is_unknown_proper(p))
                for p in parts
            ):
                out.append(make_result(self, Entity.PERSON, m.start(1), m.end(1), 0.7))
        return out

    def _relation_of(self, text: str) -> list[RecognizerResult]:
        """The name after "S/O", "D/O", "W/O" (``_RELATION_OF``): its words up to the first
        that is no name, each on a name list or unknown to the English and clinical lists
        ("w/o shocks", "w/o contrast" are without; "d/o bipolar type" a disorder)."""
        out = []
        for m in _RELATION_OF.finditer(text):
            end, kept = self._name_run(text, m.start(1), m.end(1))
            # in lower case a name of two words at least ("w/o gul marwat"), not one word
            # no list knows ("w/o pressors")
            if kept >= (1 if text[m.start(1)].isupper() else 2):
                out.append(make_result(self, Entity.PERSON, m.start(1), end, SCORE))
        return out

    def _son_or_daughter_of(self, text: str) -> list[RecognizerResult]:
        """A Malaysian name joined by "A/L" or "A/P" (``_ANAK``): the given name before the
        join and the father's words after it, as ``_relation_of`` reads them."""
        out = []
        for m in _ANAK.finditer(text):
            given = _WORD_BEFORE.search(text, max(0, m.start() - 60), m.start())
            if given is None or not given.group()[:1].isupper():
                continue
            if not self._word(given.group()) or given.group().lower() in STOP_WORDS:
                continue
            end, kept = self._name_run(text, m.end(), len(text), limit=3)
            if kept:
                out.append(make_result(self, Entity.PERSON, given.start(), end, SCORE))
        return out

    def _muhammad(self, text: str) -> list[RecognizerResult]:
        """A South Asian name opened by "Muhammad" shortened ("Md. Touseef", "Mohd Faizal"):
        the short form written as a word, never "MD" of a doctor's credential in capitals."""
        out = []
        for m in _MUHAMMAD.finditer(text):
            end, kept = self._name_run(text, m.end(), len(text), limit=3)
            if kept:
                out.append(make_result(self, Entity.PERSON, m.start(), end, SCORE))
        return out

    def _name_run(self, text: str, start: int, end: int, limit: int = 3) -> tuple[int, int]:
        """The end of the words from ``start`` (at most ``limit``, one blank-separated run)
        that read as a name (each on a name list or unknown to the English and clinical
        lists), and how many they are."""
        last, kept = start, 0
        for word in _WORD_IN_RUN.finditer(text, start, end):
            gap = text[last : word.start()]  # none before the first word, blanks between
            if kept == limit or gap.strip(" \t") or (kept > 0) != (gap != ""):
                break
            if not self._word(word.group()) or word.group().lower() in STOP_WORDS:
                break
            last, kept = word.end(), kept + 1
        return last, kept

    def _given_or_unknown(self, word: str) -> bool:
        """A given name, or a word no English list knows ("Cormac"), not "Big" of "Big Mac"."""
        key = word.lower()
        return self.lexicon.is_first(key) or not self.lexicon.is_english(key)

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        out: list[RecognizerResult] = []
        if any(p in text for p in _GAELIC_GATE):
            out += [
                make_result(self, Entity.PERSON, m.start(), m.end(), SCORE)
                for m in _GAELIC_NAME.finditer(text)
                if self._given_or_unknown(m.group().split()[0])
            ]
        if any(g in text for g in _RELATION_GATE):
            out += self._relation_of(text)
        if "a/" in text or "A/" in text:
            out += self._son_or_daughter_of(text)
        if "Md" in text or "Mohd" in text:
            out += self._muhammad(text)
        if "," in text:
            for m in _LISTED_PATIENT.finditer(text):
                halves = _WORD_IN_RUN.findall(m.group(1))
                if all(self._word(w) for w in halves if len(w) > 1):
                    out.append(make_result(self, Entity.PERSON, m.start(1), m.end(1), SCORE))
        for m in _NAME_WITH_EXTENSION.finditer(text) if "(" in text else ():
            if self._given_or_unknown(m.group(1).split()[0]):
                out.append(make_result(self, Entity.PERSON, m.start(1), m.end(1), SCORE))
        if ":" in text:
            speakers = [
                m
                for m in _SPEAKER.finditer(text)
                if self._word(m.group(1)) and m.group(1).lower() not in _FORM_ROLES
            ]
            # One unknown word before a colon may be a heading; two or more that take turns
            # (one of them speaks twice) or speak at stamped times make a chat: a form's
            # labels each stand once ("Pacijent:", "Adresa:", "Terapija:").
            said = Counter(m.group(1) for m in speakers)
            stamped = any("[" in m.group(0) for m in speakers)  # "[07:02] Oisin: ..."
            chat = len(said) >= 2 and (max(said.values()) >= 2 or stamped)
            for m in speakers:
                if chat or self._word(m.group(1), known_only=True):
                    out.append(make_result(self, Entity.PERSON, m.start(1), m.end(1), SCORE))
            # a sender before the time: a given name first, or two senders taking turns
            timed = list(_SPEAKER_BEFORE_TIME.finditer(text))
            senders = {m.group(1) for m in timed}
            for m in timed:
                first = m.group(1).split()[0]
                if first.lower() in _FORM_ROLES or not self._word(first):
                    continue
                if len(senders) >= 2 or self._word(first, known_only=True):
                    out.append(make_result(self, Entity.PERSON, m.start(1), m.end(1), SCORE))
            # two or more stamped speakers in lower case take turns in a chat as well (an
            # "agent" or a "bot" among them); each one a name or a login is a person
            stamped_lower = list(_SPEAKER_STAMPED_LOWER.finditer(text))
            if len({m.group(1) for m in stamped_lower}) >= 2:
                out += [
                    make_result(self, Entity.PERSON, m.start(1), m.end(1), SCORE)
                    for m in stamped_lower
                    if self._handle(m.group(1))
                ]
        for m in _SIGN_OFF.finditer(text) if "\n" in text else ():
            g = 1 if m.group(1) else 2
            words = m.group(g).split()
            first = words[0].lower()
            lex = self.lexicon
            if first in NOT_NAMES | _NOT_SIGNERS or first in lex.stoplist:
                continue
            # one word alone: a given name, or no English word ("Regards,\nPharmacy" is none)
            if len(words) > 1 or lex.is_first(first) or not lex.is_english(first):
                out.append(make_result(self, Entity.PERSON, m.start(g), m.end(g), SCORE))
        out += self._message_ends(text)
        out += self._listed_names(text)
        out += self._initials_lines(text)
        if "/" in text:
            out += self._booking_names(text)
        if any(c.isdigit() for c in text):
            out += self._contact_names(text)
            for m in _PAYEE.finditer(text):
                keys = [w.lower() for w in m.group(1).split()]
                if not any(k in NOT_NAMES or k in self.lexicon.stoplist for k in keys):
                    out.append(make_result(self, Entity.PERSON, m.start(1), m.end(1), 0.8))
        typed = any(g in text for g in _TYPIST_GATE)
        for m in _TYPIST_INITIALS.finditer(text) if typed else ():
            if not self.lexicon.is_english(m.group(1)):
                out.append(make_result(self, Entity.PERSON, m.start(1), m.end(1), SCORE))
        # (a credential in the text first: _SIGNING_CREDENTIALS)
        signed = any(c in text for c in _SIGNING_CREDENTIALS)
        dashed = "-" in text or "—" in text or "–" in text
        for m in _DASH_LOGIN.finditer(text) if signed and dashed else ():
            login = m.group(1)
            if not self.lexicon.is_english(login) and login not in self.lexicon.stoplist:
                out.append(make_result(self, Entity.PERSON, m.start(1), m.end(1), SCORE))
        for m in _TIMED_INITIALS.finditer(text) if signed else ():
            if not self.lexicon.is_english(m.group(1)) and m.group(1) not in self.lexicon.stoplist:
                out.append(make_result(self, Entity.PERSON, m.start(1), m.end(1), SCORE))
        for m in _DICTATION_INITIALS.finditer(text) if "/" in text else ():
            doctor, typist = m.group(1), m.group(2)
            if (
                doctor not in _NOT_INITIALS
                and not self.lexicon.is_english(typist)
                and (typist not in self.lexicon.stoplist)
            ):
                out.append(make_result(self, Entity.PERSON, m.start(1), m.end(1), SCORE))
                out.append(make_result(self, Entity.PERSON, m.start(2), m.end(2), SCORE))
        for m in _SIGNED_INITIALS.finditer(text):
            initials = m.group(1)
            if (
                _SIGNER_BEFORE.search(text, max(0, m.start() - 12), m.start())
                and initials not in _NOT_INITIALS_SIGNED
                and initials.lower() not in POST_TITLES
                and initials.lower() not in CARE_UNITS  # "HEART HOSPITAL - CCU": its unit
                and not self.lexicon.is_english(initials.lower())
            ):
                out.append(make_result(self, Entity.PERSON, m.start(1), m.end(1), 0.6))
        for m in _INITIALS_BY_ID.finditer(text):
            g = next(k for k in (1, 2, 3) if m.group(k))
            if m.group(g).replace(".", "") in _NOT_INITIALS:
                continue
            out.append(make_result(self, Entity.PERSON, m.start(g), m.end(g), 0.6))
        for m in _CAPTION_INITIALS.finditer(text) if "." in text else ():
            for part in ("a", "b"):
                if m.group(part):
                    start, end = m.start(part), m.start(part) + len(m.group(part).rstrip())
                    out.append(make_result(self, Entity.PERSON, start, end, SCORE))
        for m in _RANK_INITIAL.finditer(text) if "." in text else ():
            surname = m.group(1).rsplit(".", 1)[1].strip().lower()
            if surname not in NOT_NAMES and surname not in self.lexicon.stoplist:
                out.append(make_result(self, Entity.PERSON, m.start(1), m.end(1), SCORE))
        if "." in text:
            for m in _INITIAL_UNKNOWN.finditer(text):
                keys = [p.lower().strip("'’") for p in m.group(1).split("-")]
                lex = self.lexicon
                if all(lex.is_unknown_proper(k) and k not in NOT_NAMES for k in keys):
                    out.append(make_result(self, Entity.PERSON, m.start(), m.end(1), SCORE))
        lower = text.lower()
        if "trauma" in lower or "doe" in lower or "unknown" in lower:
            for m in _TRAUMA_ALIAS.finditer(text):
                alias = "t" if m.group("t") else "c"
                words = {w.lower() for w in m.group(alias).split()}
                if not any(
                    w in NOT_PERSON_WORDS or w in _NOT_ALIASES or w in self.lexicon.stoplist
                    for w in words
                ):
                    out.append(
                        make_result(self, Entity.PERSON, m.start(alias), m.end(alias), SCORE)
                    )
        if any(cue in lower for cue in _ALIAS_CUES):
            for m in _ALIAS.finditer(text):
                out.append(make_result(self, Entity.PERSON, m.start(1), m.end(1), SCORE))
        if ":" in text:
            for m in _CHAT_SENDER.finditer(text):
                sender = self._sender(m.group(1))
                if sender:
                    out.append(make_result(self, Entity.PERSON, m.end(1) - sender, m.end(1), SCORE))
        if "nee" in lower or "née" in lower:  # (lower case: "NÉE" too)
            for m in _MAIDEN.finditer(text):
                out.append(make_result(self, Entity.PERSON, m.start(1), m.end(1), SCORE))
        if "(" in text and any(cue in lower for cue in _FAMILY_CUES):
            out += self._family_list(text)
        # names in lower case, or in Title case with nothing but a cue: no word of the
        # language a note switches into ("Pt descansando", "recibido de PACU")
        by_cue = []
        if nlp_artifacts is not None and not TokenView.shared(text, nlp_artifacts).shouting:
            by_cue += self._lower_pairs(text)
        if "(" in text:
            by_cue += self._lower_aged(text)
        by_cue += self._aged_sex(text)
        by_cue += self._room_surnames(text)
        if by_cue:
            view = TokenView.shared(text, nlp_artifacts)
            out += [r for r in by_cue if not self._foreign(view, r.start, r.end)]
        for m in _PATIENT_INITIALS.finditer(text) if "." in text else ():
            if m.group(1).replace(".", "") not in _NOT_INITIALS:
                out.append(make_result(self, Entity.PERSON, m.start(1), m.end(1), SCORE))
        if any(t in text for t in _CLERGY_OR_SISTER) or any(r in lower for r in SPELLED_RANKS):
            out += self._ranked(text)
        if "," in text:
            for m in _SURNAME_FIRST.finditer(text):
                last, first = m.group(1), m.group(2)
                if self._word(last) and self._word(first):
                    out.append(make_result(self, Entity.PERSON, m.start(1), m.end(2), SCORE))
        return out
