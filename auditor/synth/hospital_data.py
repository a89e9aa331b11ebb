"""Vocabulary and row types of the synthetic hospital (names, streets, roles, shifts)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from auditor.scanners.access_logs.event import CANONICAL_COLUMNS

FIRST = [
    "ana",
    "ben",
    "carla",
    "dev",
    "elena",
    "femi",
    "gus",
    "hana",
    "ivan",
    "jo",
    "kemal",
    "lena",
    "marco",
    "nia",
    "omar",
    "pia",
    "quinn",
    "rosa",
    "sami",
    "tara",
    "uma",
    "vik",
]
LAST = [
    "alvarez",
    "brooks",
    "chen",
    "dubois",
    "evans",
    "fischer",
    "garcia",
    "haddad",
    "ito",
    "jensen",
    "kowalski",
    "lopez",
    "mensah",
    "nakamura",
    "okafor",
    "patel",
    "quist",
    "rossi",
    "singh",
    "tanaka",
    "usman",
    "varga",
    "weber",
    "yilmaz",
    "zhou",
]
STAFF_STREETS = ["maple avenue", "cedar lane", "birch road", "elm court", "aspen way"]
PATIENT_STREETS = [
    "harbor street",
    "mill road",
    "river drive",
    "station lane",
    "park row",
    "church street",
    "orchard close",
    "quarry hill",
    "bridge street",
]
DEPARTMENTS = {
    "ED": ["physician", "nurse"],
    "Cardiology": ["physician", "nurse"],
    "Oncology": ["physician", "nurse"],
    "Pharmacy": ["pharmacist"],
    "Radiology": ["radiologist"],
    "Behavioral Health": ["therapist", "physician"],
    "Registration": ["registration"],
    "Billing": ["billing"],
}
ROLE_TYPES = {
    "physician": ["note", "lab", "medication", "imaging", "orders"],
    "nurse": ["note", "lab", "medication"],
    "pharmacist": ["medication", "lab"],
    "radiologist": ["imaging", "orders"],
    "therapist": ["note"],
    "registration": ["demographics", "scheduling", "insurance"],
    "billing": ["billing", "insurance", "demographics"],
}
SHIFTS = [("07:00", "19:00"), ("19:00", "07:00"), ("08:00", "17:00")]
# record_type -> FHIR resource type of the non-patient entity (the parser's shipped map).
FHIR_TYPES = {
    "note": "DocumentReference",
    "lab": "Observation",
    "medication": "MedicationRequest",
    "imaging": "ImagingStudy",
    "billing": "Claim",
    "insurance": "Coverage",
    "scheduling": "Appointment",
    "orders": "ServiceRequest",
}
FHIR_SUBTYPES = {
    "view": "read",
    "query": "search",
    "create": "create",
    "update": "update",
    "delete": "delete",
    "print": "print",
    "export": "export",
}
FHIR_ACTIONS = {
    "view": "R",
    "query": "E",
    "create": "C",
    "update": "U",
    "delete": "D",
    "print": "R",
    "export": "R",
}
CSV_HEADER = list(CANONICAL_COLUMNS)


@dataclass
class User:
    user_id: str
    first: str
    last: str
    role: str
    dept: str
    address: str
    zip: str
    shift: tuple[str, str]
    status: str = "active"
    termination: str = ""


@dataclass
class Patient:
    patient_id: str
    first: str
    last: str
    address: str
    zip: str
    vip: bool = False
    deceased: str = ""
    sensitive: str = ""
    employee: str = ""


@dataclass
class Access:
    ts: datetime
    user: str
    patient: str
    record_type: str
    dept: str
    action: str = "view"
    break_glass: bool = False
    reason: str = ""
    event_id: str = ""
