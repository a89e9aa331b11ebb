"""Public bodies named by their kind and purpose, a form's one-word name fields, a record
number's whole label and a tax period's year (issue 14).

"Department of Home Affairs", "Commission for Regulation of Utilities": a body, whatever its
words; a hospital's "Department of Medicine" is not one. "Last: Pettifar  First: Shawna": a
name after each part's label, but not "First: Dose given". "URN 0834412": the label is no part
of the number. Values invented.
"""

from __future__ import annotations

import pytest

from auditor.phi.engine import PhiEngine
from auditor.phi.entities import Entity
from tests.phi.conftest import found, found_as, kinds

ORG = Entity.ORGANIZATION.value
PERSON = Entity.PERSON.value


@pytest.mark.parametrize(
    "body",
    [
        "Department of Home Affairs",
        "Ministry of Social Development",
        "Commission for Regulation of Utilities",
        "Department of Work and Pensions",
    ],
)
def test_a_public_body_by_its_kind(engine: PhiEngine, body: str) -> None:
    text = f"Letter sent to the {body} on her behalf."
    assert ORG in found_as(engine, text, body), found(engine, text)


def test_a_hospital_s_departments_are_no_public_body(engine: PhiEngine) -> None:
    text = (
        "Department of Medicine grand rounds; Office of Clinical Research; Dept of Surgery; "
        "Department of Emergency Medicine; Department of Social Work."
    )
    assert ORG not in kinds(engine, text), found(engine, text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Renewal form\nLast: Quellingham  First: Averil  MI: T", "Quellingham"),
        ("Renewal form\nLast: Quellingham  First: Averil  MI: T", "Averil"),
        ("SURNAME: MOKOENA-DIAS  Given: Thandeka  DOB: 3/4/1991", "Thandeka"),
        ("Hard to read signature: R Vandersloot", "R Vandersloot"),
    ],
)
def test_a_name_after_a_one_word_name_label(engine: PhiEngine, text: str, name: str) -> None:
    assert PERSON in found_as(engine, text, name), found(engine, text)


def test_words_after_such_labels_are_no_names(engine: PhiEngine) -> None:
    text = "First: Dose given at 0800.\nLast: Seen 2 days ago.\nSigned: Consent on chart."
    assert PERSON not in kinds(engine, text), found(engine, text)


def test_a_unit_record_label_is_no_part_of_the_number(engine: PhiEngine) -> None:
    text = "Pt: HARTIGAN, Moira   URN 0719935   DOB 02/06/1948"
    spans = found(engine, text)
    assert Entity.MEDICAL_RECORD_NUMBER.value in found_as(engine, text, "0719935"), spans
    assert not any("URN" in v or v.startswith("N ") for _, v in spans), spans


def test_a_tax_year_is_a_date(engine: PhiEngine) -> None:
    text = "Notice of assessment. Tax year 2022: balance due 340.00."
    assert Entity.DATE_TIME.value in found_as(engine, text, "2022"), found(engine, text)


@pytest.mark.parametrize(
    ("text", "body"),
    [
        ("HMRC letter re Simple Assessment, reply by post.", "HMRC"),
        ("Centrelink - call note: payment suspended.", "Centrelink"),
        ("Biometrics booked via Service Canada next week.", "Service Canada"),
        ("The Home Office wrote about her visa.", "Home Office"),
    ],
)
def test_a_listed_public_body(engine: PhiEngine, text: str, body: str) -> None:
    assert ORG in found_as(engine, text, body), found(engine, text)


def test_a_listed_name_in_other_words_is_no_body(engine: PhiEngine) -> None:
    text = "Working from her home office today. SARS-CoV-2 PCR negative."
    assert ORG not in kinds(engine, text), found(engine, text)


@pytest.mark.parametrize(
    ("text", "url"),
    [
        (
            "Apply online at gov.uk/renew-adult-passport before the 14th.",
            "gov.uk/renew-adult-passport",
        ),
        (
            "Forms are on govt.nz/browse/tax-benefits-and-finance now.",
            "govt.nz/browse/tax-benefits-and-finance",
        ),
    ],
)
def test_a_government_site_s_page_is_a_url(engine: PhiEngine, text: str, url: str) -> None:
    assert Entity.URL.value in found_as(engine, text, url), found(engine, text)


def test_a_government_suffix_alone_is_no_url(engine: PhiEngine) -> None:
    text = "She has a gov.uk account and a co.uk email."
    assert Entity.URL.value not in kinds(engine, text), found(engine, text)
