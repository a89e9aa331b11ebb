"""What a column or field holds, inferred from its name and a sample of its values.

Structured exports name their columns (``PAT_ID``, ``Birth Date``, ``zip``); where the name
says nothing, the values usually do (every value an SSN, every value an email). A profile's
``fields:`` overrides both, for the site whose ``REF2`` column is an MRN.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from enum import StrEnum

from auditor.phi.entities import Entity


class FieldKind(StrEnum):
    PATIENT_ID = "patient_id"
    MRN = "mrn"
    NAME = "name"
    FIRST_NAME = "first_name"
    LAST_NAME = "last_name"
    DOB = "dob"
    DATE = "date"
    DEATH_DATE = "death_date"
    AGE = "age"
    ADDRESS = "address"
    CITY = "city"
    STATE = "state"
    COUNTY = "county"
    ZIP = "zip"
    PHONE = "phone"
    FAX = "fax"
    EMAIL = "email"
    SSN = "ssn"
    URL = "url"
    IP = "ip"
    ACCOUNT = "account"
    HEALTH_PLAN = "health_plan"
    LICENSE = "license"
    DEVICE = "device"
    VEHICLE = "vehicle"
    IDENTIFIER = "identifier"
    NOTE = "note"
    TEXT = "text"
    KEEP = "keep"


# The entity type whose operator a field kind uses (None: not PHI or analysed as text).
KIND_ENTITY: dict[FieldKind, Entity | None] = {
    FieldKind.PATIENT_ID: Entity.MEDICAL_RECORD_NUMBER,
    FieldKind.MRN: Entity.MEDICAL_RECORD_NUMBER,
    FieldKind.NAME: Entity.PERSON,
    FieldKind.FIRST_NAME: Entity.PERSON,
    FieldKind.LAST_NAME: Entity.PERSON,
    FieldKind.DOB: Entity.DATE_TIME,
    FieldKind.DATE: Entity.DATE_TIME,
    FieldKind.DEATH_DATE: Entity.DATE_TIME,
    FieldKind.AGE: Entity.AGE,
    FieldKind.ADDRESS: Entity.STREET_ADDRESS,
    FieldKind.CITY: Entity.LOCATION,
    FieldKind.STATE: None,
    FieldKind.COUNTY: Entity.LOCATION,
    FieldKind.ZIP: Entity.ZIP_CODE,
    FieldKind.PHONE: Entity.PHONE_NUMBER,
    FieldKind.FAX: Entity.FAX_NUMBER,
    FieldKind.EMAIL: Entity.EMAIL_ADDRESS,
    FieldKind.SSN: Entity.US_SSN,
    FieldKind.URL: Entity.URL,
    FieldKind.IP: Entity.IP_ADDRESS,
    FieldKind.ACCOUNT: Entity.ACCOUNT_NUMBER,
    FieldKind.HEALTH_PLAN: Entity.HEALTH_PLAN_NUMBER,
    FieldKind.LICENSE: Entity.LICENSE_NUMBER,
    FieldKind.DEVICE: Entity.DEVICE_ID,
    FieldKind.VEHICLE: Entity.VIN,
    FieldKind.IDENTIFIER: Entity.ID_NUMBER,
    FieldKind.NOTE: None,
    FieldKind.TEXT: None,
    FieldKind.KEEP: None,
}

ANALYSED = frozenset({FieldKind.NOTE, FieldKind.TEXT})
PATIENT_KEYS = (FieldKind.PATIENT_ID, FieldKind.MRN)

# Header rules, first match wins; names are normalised to lower_snake first.
_HEADER_RULES: list[tuple[str, FieldKind]] = [
    (r"^(keep|code|status|gender|sex|race|ethnicity|language|state_code)$", FieldKind.KEEP),
    (r"(^|_)(icd|cpt|loinc|snomed|rxnorm|ndc|hcpcs|drg)(_|$)", FieldKind.KEEP),
    (r"(^|_)(patient|pat|subject|person|member)_?(id|key|num|number|no)$", FieldKind.PATIENT_ID),
    (r"^(pid|patientid|patid)$", FieldKind.PATIENT_ID),
    (
        r"(^|_)(mrn|medical_record|record_number|record_no|chart_?(no|number|id)?)(_|$)",
        FieldKind.MRN,
    ),
    (r"(^|_)(ssn|social_security|social)(_|$)", FieldKind.SSN),
    (r"(^|_)(dob|birth|birthdate|birth_date|bdate|date_of_birth|birth_dt)(_|$)", FieldKind.DOB),
    (r"(^|_)(death|deceased|dod|expired)(_|$)", FieldKind.DEATH_DATE),
    (r"(^|_)(email|e_mail|mail)(_|$)", FieldKind.EMAIL),
    (r"(^|_)fax(_|$)", FieldKind.FAX),
    (r"(^|_)(phone|tel|telephone|mobile|cell|pager|contact_number)(_|$)", FieldKind.PHONE),
    (r"(^|_)(zip|zipcode|zip_code|postal|postcode|postal_code)(_|$)", FieldKind.ZIP),
    (r"(^|_)(url|website|homepage|link|uri)(_|$)", FieldKind.URL),
    (r"(^|_)(ip|ip_address|ipaddr|ip_addr)(_|$)", FieldKind.IP),
    (r"(^|_)(license|licence|dea|npi|certificate|passport)(_|$)", FieldKind.LICENSE),
    (r"(^|_)(first|given|fname|forename|first_name|given_name)(_|$)", FieldKind.FIRST_NAME),
    (r"(^|_)(last|surname|family|lname|last_name|family_name|maiden)(_|$)", FieldKind.LAST_NAME),
    (
        r"(^|_)(name|full_name|patient|physician|doctor|provider|attending|nurse|guarantor"
        r"|next_of_kin|nok|kin|spouse|mother|father|emergency_contact|contact|signed_by"
        r"|author|clinician|employer)(_|$)",
        FieldKind.NAME,
    ),
    (
        r"(^|_)(address|addr|street|line1|line2|address1|address2|residence)(_|$)",
        FieldKind.ADDRESS,
    ),
    (r"(^|_)(city|town|municipality|birthplace|place_of_birth)(_|$)", FieldKind.CITY),
    (r"(^|_)county(_|$)", FieldKind.COUNTY),
    (r"^(state|province|region|country|state_province)$", FieldKind.STATE),
    (r"(^|_)age(_|$)|^age_?(years|yrs)$", FieldKind.AGE),
    (r"(^|_)(account|acct|billing|invoice|claim)(_|$)", FieldKind.ACCOUNT),
    (
        r"(^|_)(plan|insurance|insurer|policy|subscriber|beneficiary|medicaid|medicare)(_|$)",
        FieldKind.HEALTH_PLAN,
    ),
    (r"(^|_)(device|serial|imei|udi|mac)(_|$)", FieldKind.DEVICE),
    (r"(^|_)(vin|vehicle|plate|license_plate)(_|$)", FieldKind.VEHICLE),
    (
        r"(^|_)(note|notes|comment|comments|narrative|text|description|summary|history|hpi"
        r"|impression|assessment|plan_text|report|remarks|message|body|findings|reason)(_|$)",
        FieldKind.NOTE,
    ),
    (
        r"(^|_)(date|dt|time|timestamp|datetime|admit|admission|discharge|visit|seen|on)(_|$)"
        r"|_at$",
        FieldKind.DATE,
    ),
    (r"(^|_)(id|identifier|number|num|no|nbr|key|uuid|guid)$|^id_", FieldKind.IDENTIFIER),
    (
        r"(^|_)(dept|department|unit|ward|service|specialty|role|type|category|class|kind|count"
        r"|amount|qty|quantity|dose|value|result|score|flag|priority|level|units|diagnosis|dx"
        r"|procedure|medication|drug|test|lab|vital|measure|bmi|weight|height|temp|bp|pulse"
        r"|hr|rr|spo2|cost|charge|los|duration)(_|$)",
        FieldKind.KEEP,
    ),
]
_HEADER_COMPILED = [(re.compile(p), k) for p, k in _HEADER_RULES]

_VALUE_RULES: list[tuple[re.Pattern[str], FieldKind]] = [
    (re.compile(r"\d{3}-\d{2}-\d{4}"), FieldKind.SSN),
    (re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+"), FieldKind.EMAIL),
    (re.compile(r"(\+?1[ .-]?)?\(?\d{3}\)?[ .-]?\d{3}[ .-]\d{4}"), FieldKind.PHONE),
    (re.compile(r"(https?://|www\.)\S+"), FieldKind.URL),
    (re.compile(r"(\d{1,3}\.){3}\d{1,3}"), FieldKind.IP),
    (
        re.compile(
            r"\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?|\d{1,2}/\d{1,2}/\d{2,4}"
            r"|(19|20)\d{6}"
        ),
        FieldKind.DATE,
    ),
    (re.compile(r"[+-]?\d+([.,]\d+)?%?"), FieldKind.KEEP),
    (re.compile(r"(true|false|yes|no|y|n|t|f|m|male|female|unknown|other)", re.I), FieldKind.KEEP),
]


def normalise_name(name: str) -> str:
    """``Patient DOB`` / ``patientDob`` / ``PATIENT-DOB`` -> ``patient_dob``."""
    spaced = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name.strip())
    return re.sub(r"[^a-z0-9]+", "_", spaced.lower()).strip("_")


def kind_from_name(name: str) -> FieldKind | None:
    norm = normalise_name(name)
    if not norm:
        return None
    for rx, kind in _HEADER_COMPILED:
        if rx.search(norm):
            return kind
    return None


def kind_from_values(values: Iterable[str]) -> FieldKind:
    """Most values match one pattern -> that kind; long prose -> note; otherwise text."""
    sample = [v.strip() for v in values if v and v.strip()]
    if not sample:
        return FieldKind.KEEP
    for rx, kind in _VALUE_RULES:
        hits = sum(1 for v in sample if rx.fullmatch(v))
        if hits >= max(1, int(0.8 * len(sample))):
            return kind
    mean_words = sum(len(v.split()) for v in sample) / len(sample)
    return FieldKind.NOTE if mean_words >= 4 else FieldKind.TEXT


def infer_kind(
    name: str, values: Iterable[str] = (), overrides: Mapping[str, FieldKind] | None = None
) -> FieldKind:
    """Profile override, else header name, else values."""
    if overrides:
        key = normalise_name(name)
        for raw, kind in overrides.items():
            if normalise_name(raw) == key:
                return kind
    by_name = kind_from_name(name)
    if by_name is not None:
        if by_name is FieldKind.KEEP:
            # A "code"-like name whose values are prose is analysed anyway (fail closed).
            by_values = kind_from_values(values)
            return FieldKind.NOTE if by_values is FieldKind.NOTE else FieldKind.KEEP
        return by_name
    return kind_from_values(values)
