"""Stable PHI entity type names and the HIPAA Safe Harbor identifier each one belongs to.

Entity names appear in findings, signed reports and de-identification certificates, so they
are API: a test pins them, and renaming one is a breaking change. Names follow Presidio's where
Presidio has one (PERSON, LOCATION, DATE_TIME, ...) so that its recognizers and anonymizer
operators line up without mapping.

Safe Harbor categories are the letters of 45 CFR 164.514(b)(2)(i)(A)-(R).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Protocol


class SafeHarbor(StrEnum):
    """The eighteen Safe Harbor identifier kinds, by their letter in 164.514(b)(2)(i)."""

    A_NAMES = "A"
    B_GEOGRAPHIC = "B"
    C_DATES = "C"
    D_PHONE = "D"
    E_FAX = "E"
    F_EMAIL = "F"
    G_SSN = "G"
    H_MRN = "H"
    I_HEALTH_PLAN = "I"
    J_ACCOUNT = "J"
    K_LICENSE = "K"
    L_VEHICLE = "L"
    M_DEVICE = "M"
    N_URL = "N"
    O_IP = "O"
    P_BIOMETRIC = "P"
    Q_PHOTO = "Q"
    R_OTHER = "R"

    @property
    def citation(self) -> str:
        return f"45 CFR 164.514(b)(2)(i)({self.value})"


class Entity(StrEnum):
    """Entity types the PHI engine emits (contract: values appear in findings)."""

    PERSON = "PERSON"
    LOCATION = "LOCATION"
    STREET_ADDRESS = "STREET_ADDRESS"
    ZIP_CODE = "ZIP_CODE"
    HOSPITAL = "HOSPITAL"
    ORGANIZATION = "ORGANIZATION"
    DATE_TIME = "DATE_TIME"
    AGE = "AGE"
    PHONE_NUMBER = "PHONE_NUMBER"
    FAX_NUMBER = "FAX_NUMBER"
    EMAIL_ADDRESS = "EMAIL_ADDRESS"
    US_SSN = "US_SSN"
    MEDICAL_RECORD_NUMBER = "MEDICAL_RECORD_NUMBER"
    HEALTH_PLAN_NUMBER = "HEALTH_PLAN_NUMBER"
    ACCOUNT_NUMBER = "ACCOUNT_NUMBER"
    CREDIT_CARD = "CREDIT_CARD"
    IBAN_CODE = "IBAN_CODE"
    LICENSE_NUMBER = "LICENSE_NUMBER"
    US_DRIVER_LICENSE = "US_DRIVER_LICENSE"
    US_PASSPORT = "US_PASSPORT"
    US_DEA_NUMBER = "US_DEA_NUMBER"
    US_NPI = "US_NPI"
    VIN = "VIN"
    LICENSE_PLATE = "LICENSE_PLATE"
    DEVICE_ID = "DEVICE_ID"
    URL = "URL"
    IP_ADDRESS = "IP_ADDRESS"
    BIOMETRIC_ID = "BIOMETRIC_ID"
    PHOTO_ID = "PHOTO_ID"
    ID_NUMBER = "ID_NUMBER"


# The types whose values are numbers or codes (a merged region's type, a series letter's
# number), one list for the engine and the de-identifier.
IDENTIFIER_TYPES = frozenset(
    e.value
    for e in (
        Entity.US_SSN, Entity.MEDICAL_RECORD_NUMBER, Entity.HEALTH_PLAN_NUMBER,
        Entity.ACCOUNT_NUMBER, Entity.LICENSE_NUMBER, Entity.US_DRIVER_LICENSE,
        Entity.US_PASSPORT, Entity.US_DEA_NUMBER, Entity.US_NPI, Entity.VIN,
        Entity.LICENSE_PLATE, Entity.DEVICE_ID, Entity.ID_NUMBER, Entity.CREDIT_CARD,
        Entity.IBAN_CODE,
    )
)  # fmt: skip

SAFE_HARBOR: dict[Entity, SafeHarbor] = {
    Entity.PERSON: SafeHarbor.A_NAMES,
    Entity.LOCATION: SafeHarbor.B_GEOGRAPHIC,
    Entity.STREET_ADDRESS: SafeHarbor.B_GEOGRAPHIC,
    Entity.ZIP_CODE: SafeHarbor.B_GEOGRAPHIC,
    # Facilities locate the patient as precisely as a town does; PhysioNet deid and the
    # i2b2 guidelines treat hospital names as geographic PHI, and so do we.
    Entity.HOSPITAL: SafeHarbor.B_GEOGRAPHIC,
    Entity.ORGANIZATION: SafeHarbor.B_GEOGRAPHIC,
    Entity.DATE_TIME: SafeHarbor.C_DATES,
    Entity.AGE: SafeHarbor.C_DATES,
    Entity.PHONE_NUMBER: SafeHarbor.D_PHONE,
    Entity.FAX_NUMBER: SafeHarbor.E_FAX,
    Entity.EMAIL_ADDRESS: SafeHarbor.F_EMAIL,
    Entity.US_SSN: SafeHarbor.G_SSN,
    Entity.MEDICAL_RECORD_NUMBER: SafeHarbor.H_MRN,
    Entity.HEALTH_PLAN_NUMBER: SafeHarbor.I_HEALTH_PLAN,
    Entity.ACCOUNT_NUMBER: SafeHarbor.J_ACCOUNT,
    Entity.CREDIT_CARD: SafeHarbor.J_ACCOUNT,
    Entity.IBAN_CODE: SafeHarbor.J_ACCOUNT,
    Entity.LICENSE_NUMBER: SafeHarbor.K_LICENSE,
    Entity.US_DRIVER_LICENSE: SafeHarbor.K_LICENSE,
    Entity.US_PASSPORT: SafeHarbor.K_LICENSE,
    Entity.US_DEA_NUMBER: SafeHarbor.K_LICENSE,
    Entity.US_NPI: SafeHarbor.K_LICENSE,
    Entity.VIN: SafeHarbor.L_VEHICLE,
    Entity.LICENSE_PLATE: SafeHarbor.L_VEHICLE,
    Entity.DEVICE_ID: SafeHarbor.M_DEVICE,
    Entity.URL: SafeHarbor.N_URL,
    Entity.IP_ADDRESS: SafeHarbor.O_IP,
    Entity.BIOMETRIC_ID: SafeHarbor.P_BIOMETRIC,
    Entity.PHOTO_ID: SafeHarbor.Q_PHOTO,
    Entity.ID_NUMBER: SafeHarbor.R_OTHER,
}

# Entity names a site dictionary may use (TSV TYPE column); aliases map common synonyms.
DICTIONARY_TYPES: dict[str, Entity] = {
    "PERSON": Entity.PERSON,
    "NAME": Entity.PERSON,
    "LOCATION": Entity.LOCATION,
    "PLACE": Entity.LOCATION,
    "CITY": Entity.LOCATION,
    "ORGANIZATION": Entity.ORGANIZATION,
    "ORG": Entity.ORGANIZATION,
    "HOSPITAL": Entity.HOSPITAL,
    "FACILITY": Entity.HOSPITAL,
    "STREET_ADDRESS": Entity.STREET_ADDRESS,
    "ADDRESS": Entity.STREET_ADDRESS,
}


def safe_harbor_category(entity_type: str) -> SafeHarbor:
    """The Safe Harbor identifier for an entity name; unknown names count as (R) other."""
    try:
        return SAFE_HARBOR[Entity(entity_type)]
    except ValueError:
        return SafeHarbor.R_OTHER


class TypedSpan(Protocol):
    """What rules over spans need of one, whichever engine or recognizer made it."""

    @property
    def entity_type(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
