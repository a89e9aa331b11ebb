"""OCR's look-alike characters read back before detection (auditor/phi/ocr.py), and what the
engine then finds on a scanned referral slip, at the original offsets."""

from __future__ import annotations

import pytest

from auditor.phi import ocr
from auditor.phi.engine import PhiEngine


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("PRAIRIE H0LLOW FAMILY MED1CINE", "PRAIRIE HOLLOW FAMILY MEDICINE"),
        ("F1int Hil1s Skin C1inic Emp0ria", "Flint Hills Skin Clinic Emporia"),
        ("Treating dentist: Rhonda Ke11er-Mayo", "Treating dentist: Rhonda Keller-Mayo"),
        ("ph (785) 555-Ol47, member 4l9O", "ph (785) 555-0147, member 4190"),
        ("seen O3 Feb 2O26, D0B l7/O4/1966", "seen 03 Feb 2026, DOB 17/04/1966"),
    ],
)
def test_look_alike_characters_are_read_back(text: str, read: str) -> None:
    assert ocr.read_back(text) == read


@pytest.mark.parametrize(
    "text",
    [
        "Toronto, ON M5J 2J2; Montague, PE C0A 1R0",  # a postcode alternates letters and digits
        "A1c 7.2, B12 low, O2 2L, T1-T5, 5 mg, I/O even, Page l of 2",
        "Il lO Ol",  # no digits to read them by
    ],
)
def test_codes_and_clinical_shorthand_stay(text: str) -> None:
    assert ocr.read_back(text) == text


def test_a_scanned_slip_is_found_at_the_original_offsets(engine: PhiEngine) -> None:
    text = "PRAIRIE H0LLOW FAMILY MED1CINE   ph (785) 555-Ol47\nlns: Sunfl0wer Hea1th P1an"
    spans = [(s.entity_type, text[s.start : s.end]) for s in engine.analyze(text)]
    assert ("HOSPITAL", "PRAIRIE H0LLOW FAMILY MED1CINE") in spans
    assert ("PHONE_NUMBER", "(785) 555-Ol47") in spans
    assert ("ORGANIZATION", "Sunfl0wer Hea1th P1an") in spans
