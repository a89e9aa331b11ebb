"""Entity names are API (they appear in findings and signed reports): pinned here."""

from auditor.phi.entities import SAFE_HARBOR, Entity, SafeHarbor, safe_harbor_category

PINNED = {
    "PERSON": "A", "LOCATION": "B", "STREET_ADDRESS": "B", "ZIP_CODE": "B", "HOSPITAL": "B",
    "ORGANIZATION": "B", "DATE_TIME": "C", "AGE": "C", "PHONE_NUMBER": "D", "FAX_NUMBER": "E",
    "EMAIL_ADDRESS": "F", "US_SSN": "G", "MEDICAL_RECORD_NUMBER": "H",
    "HEALTH_PLAN_NUMBER": "I", "ACCOUNT_NUMBER": "J", "CREDIT_CARD": "J", "IBAN_CODE": "J",
    "LICENSE_NUMBER": "K", "US_DRIVER_LICENSE": "K", "US_PASSPORT": "K", "US_DEA_NUMBER": "K",
    "US_NPI": "K", "VIN": "L", "LICENSE_PLATE": "L", "DEVICE_ID": "M", "URL": "N",
    "IP_ADDRESS": "O", "BIOMETRIC_ID": "P", "PHOTO_ID": "Q", "ID_NUMBER": "R",
}  # fmt: skip


def test_entity_names_and_categories_are_pinned() -> None:
    assert {e.value: SAFE_HARBOR[e].value for e in Entity} == PINNED


def test_every_safe_harbor_identifier_has_an_entity() -> None:
    assert set(SAFE_HARBOR.values()) == set(SafeHarbor)


def test_citation_and_unknown_names() -> None:
    assert SafeHarbor.H_MRN.citation == "45 CFR 164.514(b)(2)(i)(H)"
    assert safe_harbor_category("PERSON") is SafeHarbor.A_NAMES
    assert safe_harbor_category("SOMETHING_NEW") is SafeHarbor.R_OTHER
