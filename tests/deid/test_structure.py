"""Column / field kinds from headers, values and profile overrides."""

from __future__ import annotations

import pytest

from auditor.deid.structure import FieldKind, infer_kind, kind_from_values, normalise_name


@pytest.mark.parametrize(
    ("header", "kind"),
    [
        ("PAT_ID", FieldKind.PATIENT_ID),
        ("patientId", FieldKind.PATIENT_ID),
        ("MRN", FieldKind.MRN),
        ("Birth Date", FieldKind.DOB),
        ("dob", FieldKind.DOB),
        ("first_name", FieldKind.FIRST_NAME),
        ("LastName", FieldKind.LAST_NAME),
        ("Attending", FieldKind.NAME),
        ("street_address", FieldKind.ADDRESS),
        ("city", FieldKind.CITY),
        ("state", FieldKind.STATE),
        ("zip", FieldKind.ZIP),
        ("Home Phone", FieldKind.PHONE),
        ("fax", FieldKind.FAX),
        ("email", FieldKind.EMAIL),
        ("SSN", FieldKind.SSN),
        ("admit_date", FieldKind.DATE),
        ("created_at", FieldKind.DATE),
        ("note_text", FieldKind.NOTE),
        ("encounter_id", FieldKind.IDENTIFIER),
        ("provider_npi", FieldKind.LICENSE),
        ("insurance_id", FieldKind.HEALTH_PLAN),
        ("age", FieldKind.AGE),
        ("diagnosis_code", FieldKind.KEEP),
        ("gender", FieldKind.KEEP),
        ("department", FieldKind.KEEP),
    ],
)
def test_kind_from_header(header: str, kind: FieldKind) -> None:
    assert infer_kind(header) is kind


@pytest.mark.parametrize(
    ("values", "kind"),
    [
        (["123-45-6789", "987-65-4321"], FieldKind.SSN),
        (["a@b.org", "c.d@e.com"], FieldKind.EMAIL),
        (["(617) 555-1234", "617-555-9876"], FieldKind.PHONE),
        (["2014-02-14", "2015-01-01T10:00:00Z"], FieldKind.DATE),
        (["12", "3.5", "-1"], FieldKind.KEEP),
        (
            ["Patient doing well after the procedure", "Follow up in two weeks please"],
            FieldKind.NOTE,
        ),
        (["Boston", "Chicago"], FieldKind.TEXT),
        ([], FieldKind.KEEP),
    ],
)
def test_kind_from_values(values: list[str], kind: FieldKind) -> None:
    assert kind_from_values(values) is kind


def test_unknown_header_uses_values_and_override_wins() -> None:
    assert infer_kind("col7", ["123-45-6789"]) is FieldKind.SSN
    assert infer_kind("REF2", ["A1"], {"ref2": FieldKind.MRN}) is FieldKind.MRN
    # A code-like name whose values are prose is analysed anyway (fail closed).
    assert (
        infer_kind("code", ["Spoke with the patient's daughter about the plan"]) is FieldKind.NOTE
    )


def test_normalise_name() -> None:
    assert normalise_name("patientDOB") == "patient_dob"
    assert normalise_name(" Home-Phone ") == "home_phone"
