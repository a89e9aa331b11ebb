"""National health and identity numbers outside the US, by their published formats.

A number whose format carries a check digit (NHS and CHI, PPS, Medicare, NHI, Aadhaar, South
African ID, NRIC) counts alone when the check holds: a random digit string passes one time in
ten or eleven, so a bare shape that is also a phone's gets a score below the phone rules' and
only its cue word ("NHS", "Medicare", "Aadhaar") lifts it. Formats without a public check
(ABHA, RAMQ, an Ontario health card's version code) need a shape no other number has.

Next to its cue word a number of the format counts whatever its check digit: a check that
fails there is a typing or scanning slip in a real number more often than a number of
another kind, and a de-identifier must remove it either way (issue 14: over-validation lost
more PHI than anything else).
"""

from __future__ import annotations

import re

from auditor.phi.entities import Entity
from auditor.phi.recognizers.checksums import (
    aadhaar_ok,
    health_card_on_ok,
    medicare_au_ok,
    nhi_ok,
    nhs_ok,
    nric_ok,
    pps_ok,
    za_id_ok,
)
from auditor.phi.recognizers.patterns import RegexRecognizer, Rule, context_regex

_END = r"(?![\w-]|[.,]\d)"
_NHS = re.compile(r"(?<![\w-])\d{3}[ -]?\d{3}[ -]?\d{4}" + _END)
_NHS_CUES = context_regex(["nhs", "nhs no", "nhs number", "chi", "chi no", "chi number"])
_PPS = re.compile(r"(?<![\w-])\d{7}[A-Wa-w][ABHWabhw]?(?![\w-])")
_MEDICARE = re.compile(r"(?<![\w-])[2-6]\d{3}[ ]?\d{5}[ ]?\d(?:[ /-]?[1-9])?" + _END)
_MEDICARE_CUES = context_regex(["medicare", "medicare no", "medicare card", "mcn", "irn"])
_NHI = re.compile(r"(?<![\w-])[A-HJ-NP-Z]{3}\d{4}(?![\w-])")
# with its cue, the 2025 format too (three letters, two digits, two letters)
_NHI_ANY = re.compile(r"(?<![\w-])[A-HJ-NP-Z]{3}(?:\d{4}|\d{2}[A-HJ-NP-Z]{2})(?![\w-])")
_NHI_CUES = context_regex(["nhi", "nhi no", "nhi number", "national health index"])
_AADHAAR = re.compile(r"(?<![\w-])[2-9]\d{3}[ -]?\d{4}[ -]?\d{4}" + _END)
_AADHAAR_CUES = context_regex(["aadhaar", "aadhar", "uid", "uidai", "aadhaar no"])
_ABHA = re.compile(r"(?<![\w-])\d{2}-\d{4}-\d{4}-\d{4}" + _END)
_ZA_ID = re.compile(r"(?<![\w-])\d{6}[ ]?\d{4}[ ]?\d{3}" + _END)
_NRIC = re.compile(r"(?<![\w-])[STFGstfg]\d{7}[A-Za-z](?![\w-])")
_OHIP = re.compile(r"(?<![\w-])\d{4}[ -]?\d{3}[ -]?\d{3}(?:[ -]?[A-Z]{2})?" + _END)
_OHIP_VERSIONED = re.compile(r"(?<![\w-])\d{4}[ -]?\d{3}[ -]?\d{3}[ -]?[A-Z]{2}(?![\w-])")
_HEALTH_CARD_CUES = context_regex(
    ["ohip", "health card", "hcn", "health card number", "health number", "version code"]
)
# Quebec RAMQ: four letters of the name, the birth year, a month (51-62 for women), a day.
_RAMQ = re.compile(
    r"(?<![\w-])[A-Z]{4}[ ]?\d{2}(?:0[1-9]|1[0-2]|5[1-9]|6[0-2])[ ]?(?:0[1-9]|[12]\d|3[01])\d{2}"
    r"(?![\w-])"
)

# Latin America's national numbers, grouped in thousands with a check digit after a dash:
# Chile's RUT/RUN "12.345.678-K", Uruguay's cédula "4.418.227-3", Brazil's CPF
# "311.555.447-90", Paraguay's and Bolivia's alike. No count or sum of money ends in a dash and
# a check, so the shape alone says it.
_DOTTED_CHECKED = re.compile(r"(?<![\w.,-])\d{1,3}(?:\.\d{3}){2,3}-[\dKk]{1,2}" + _END)

# Identity numbers of Asia, the Gulf and the Caribbean whose printed shape no other number has:
# Malaysia's MyKad (birth date, place code, serial: "640918-08-5517"), Barbados' NRN and the
# Nordic personal numbers written the same way with a four-digit serial ("350811-0047"), the
# UAE's Emirates ID ("784-1979-4418273-2"), the Philippines' PhilHealth ("19-050234871-6") and
# SSS ("33-4418273-1") numbers, and Hong Kong's HKID with its check character in brackets
# ("D440287(3)", "WX123456(A)"), as a hospital's own number is often printed too
# ("HN09318826(4)").
_BIRTH_DATE = r"\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])"
_MYKAD = re.compile(rf"(?<![\w-]){_BIRTH_DATE}-\d{{2}}-\d{{4}}" + _END)
_BIRTH_SERIAL = re.compile(rf"(?<![\w/-]){_BIRTH_DATE}-\d{{4}}" + _END)
_EMIRATES = re.compile(r"(?<![\w-])784-?(?:19|20)\d{2}-?\d{7}-?\d" + _END)
_PH_NUMBER = re.compile(r"(?<![\w-])\d{2}-(?:\d{9}|\d{7})-\d" + _END)
_CHECK_BRACKETED = re.compile(r"(?<![\w-])[A-Z]{1,3}\d{6,10}[ ]?\([0-9A-Z]\)")
# ... and after their card's word, unpunctuated: "KP 640918085517", "IC No: 800101-14-5566".
_MYKAD_CUED = re.compile(rf"(?<![\w-]){_BIRTH_DATE}[ -]?\d{{2}}[ -]?\d{{4}}" + _END)
_MYKAD_CUES = context_regex(["kp", "k/p", "ic", "i/c", "nric", "mykad", "kp baru", "ic no"])


def national_id_rules() -> list[Rule]:
    """The table; every rule gives ID_NUMBER (Safe Harbor's "any other unique number")."""
    e = Entity.ID_NUMBER
    cued = 0.7  # below each checked rule's score: a passing check wins the span
    return [
        Rule("nhs-cued", e, _NHS, 0.0, _NHS_CUES, cued, window=20),
        Rule("medicare-au-cued", e, _MEDICARE, 0.0, _MEDICARE_CUES, cued),
        Rule("nhi-cued", e, _NHI_ANY, 0.0, _NHI_CUES, cued),
        Rule("aadhaar-cued", e, _AADHAAR, 0.0, _AADHAAR_CUES, cued),
        Rule("ohip-cued", e, _OHIP, 0.0, _HEALTH_CARD_CUES, cued),
        Rule("nhs", e, _NHS, 0.5, _NHS_CUES, 0.9, validate=nhs_ok, window=20),
        Rule("pps", e, _PPS, 0.85, validate=pps_ok),
        Rule("medicare-au", e, _MEDICARE, 0.5, _MEDICARE_CUES, 0.9, validate=medicare_au_ok),
        Rule("nhi", e, _NHI, 0.8, validate=nhi_ok),
        Rule("aadhaar", e, _AADHAAR, 0.6, _AADHAAR_CUES, 0.9, validate=aadhaar_ok),
        Rule("abha", e, _ABHA, 0.8),
        Rule("za-id", e, _ZA_ID, 0.85, validate=za_id_ok),
        Rule("nric", e, _NRIC, 0.85, validate=nric_ok),
        Rule("ohip", e, _OHIP, 0.0, _HEALTH_CARD_CUES, 0.85, validate=health_card_on_ok),
        Rule("ohip-version", e, _OHIP_VERSIONED, 0.75, validate=health_card_on_ok),
        Rule("ramq", e, _RAMQ, 0.8),
        Rule("dotted-checked", e, _DOTTED_CHECKED, 0.85, trigger=(".",)),
        Rule("mykad", e, _MYKAD, 0.85, trigger=("-",)),
        Rule("mykad-cued", e, _MYKAD_CUED, 0.0, _MYKAD_CUES, cued),
        Rule("birth-serial", e, _BIRTH_SERIAL, 0.6, trigger=("-",)),
        Rule("emirates-id", e, _EMIRATES, 0.85, trigger=("784",)),
        Rule("philippine-number", e, _PH_NUMBER, 0.75, trigger=("-",)),
        Rule("check-bracketed", e, _CHECK_BRACKETED, 0.8, trigger=("(",)),
    ]


def national_id_recognizer() -> RegexRecognizer:
    return RegexRecognizer("AuditorNationalIdRecognizer", national_id_rules())
