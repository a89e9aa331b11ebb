"""Generic PII by kind (issue 14): phones, postcodes, streets, organisations, identifiers.

Each class has positives (the value must be covered by some PHI span) and negatives (clinical
look-alikes that must stay untouched). Values are invented; none comes from a corpus.
"""

from __future__ import annotations

import pytest

from auditor.phi.engine import PhiEngine
from auditor.phi.recognizers.checksums import luhn_any_ok
from auditor.phi.recognizers.phones import _possible
from tests.phi.conftest import check_found, found_cases

POSITIVES = [
    # phones: international, trunk (0), dots, spaces, extensions, toll-free, 555, pagers
    ("Call me on +44 (0)20 7946 0321 tomorrow.", "+44 (0)20 7946 0321"),
    ("Office: +49 (0)30 12345678", "+49 (0)30 12345678"),
    ("Her number is 048 3120 8225.", "048 3120 8225"),
    ("Reach him at 156.181.8089 after lunch.", "156.181.8089"),
    ("Desk +353 1 916 1088", "+353 1 916 1088"),
    ("Mobile 0408474152", "0408474152"),
    ("Call (386)176-1990 x442 for results.", "(386)176-1990 x442"),
    ("Toll-free 1-800-555-0199 or 1 (888) 412-7781.", "1 (888) 412-7781"),
    ("Call 041-922-9555 ext 37 after 5pm.", "041-922-9555 ext 37"),
    ("Tel +61 4 1234 5678 / Fax +61 2 9876 5432", "+61 2 9876 5432"),
    ("page me on pager 4417", "4417"),
    ("beeper 23815, cell 617 555 0123", "617 555 0123"),
    # postcodes and ZIPs outside the US layout
    ("12 Hawthorn Lane\nLeeds\nLS6 2QR", "LS6 2QR"),
    ("Send it to Lake Joelland, ON M5H 2N2", "M5H 2N2"),
    ("9 Frey Beach\nEast Michael, NSW, 2900", "2900"),
    ("H.No. 97, Bhatti\nNandyal-833788", "833788"),
    # streets: units before the street, Australian layouts, non-USPS types, military mail
    ("Flat 54\nMarshall Parkway\nHughesburgh", "Flat 54"),
    ("Level 8 477 Jones Parade\nNew Sarah", "477 Jones Parade"),
    ("75/553 Charles Esplanade\nFreyton", "75/553 Charles Esplanade"),
    ("Write to PSC 6116, Box 2141\nAPO AP 43207", "PSC 6116, Box 2141\nAPO AP 43207"),
    # organisations: suffixes, partnerships, hyphenated firms, employment cues
    ("I work for Coursera Inc.", "Coursera Inc."),
    ("The Graves, Logan and Hoover office is closed.", "Graves, Logan and Hoover"),
    ("She joined Miller-Davis last spring.", "Miller-Davis"),
    ("Letter from Patel Group about the claim.", "Patel Group"),
    ("Bal Ltd sent the invoice.", "Bal Ltd"),
    ("Employer: Northwind Traders", "Northwind Traders"),
    # identifiers: prefixed and check-lettered record numbers, cued case numbers
    ("Please update the chart for MRN MRN-5143662 today.", "MRN-5143662"),
    ("Hospital number 3508450-L; next of kin informed.", "3508450-L"),
    ("Patient record SN-080833 was merged.", "SN-080833"),
    ("Reference 6-7236-699 - please quote it.", "6-7236-699"),
    ("Your claim CASE-093104 has been received.", "CASE-093104"),
    ("NI number ZZ 11 47 67 T on file.", "ZZ 11 47 67 T"),
    ("Patient record 35285231 was merged with 91592074 last week.", "91592074"),
    ("MRN 1234567 / 7654321", "7654321"),
    ("Charge my credit card 675947481387 please.", "675947481387"),
]

NEGATIVES = [
    # vent settings, doses, ranges, vitals and scores are not phones or identifiers
    ("Vent AC 600x12 PEEP 5, FiO2 40%. Chart reviewed.", "600x12"),
    ("Insulin 10u sc, record glucose qid.", "10u"),
    ("SBP 100-120s on neo per policy, chart updated.", "100-120s"),
    ("Labs: Na 135 K 4.1 Cl 102 HCO3 24 BUN 18 Cr 1.2", "135"),
    ("BP 120/80 HR 88 RR 18 SpO2 97% on 2L.", "120/80"),
    ("GCS 15, pain 4/10, temp 37.2.", "4/10"),
    ("ID consult for line infection; case discussed.", "ID"),
    ("Chart reviewed, SBP 100-120s and 90-110s overnight.", "90-110s"),
    # organisation look-alikes: cohorts, eponyms, clinical acronyms in capitals
    ("Blood Group O positive.", "Blood Group"),
    ("History of Stevens-Johnson reaction to sulfa.", "Stevens-Johnson"),
    ("Anion gap AG 14, LP deferred.", "AG 14"),
    ("Referred to the support group on Tuesdays.", "support group"),
]


@pytest.mark.parametrize(("text", "value", "expected"), found_cases(POSITIVES, NEGATIVES))
def test_generic_pii_found_lookalike_untouched(
    engine: PhiEngine, text: str, value: str, expected: bool
) -> None:
    check_found(engine, text, value, expected, whole=True)


@pytest.mark.parametrize(
    ("number", "ok"),
    [("+44 20 7946 0321", True), ("1-800-555-0199", True), ("(555) 010-9999", True),
     ("1 2", False), ("041-922-9555 ext 37", True)],
)  # fmt: skip
def test_possible_number_is_lenient(number: str, ok: bool) -> None:
    assert _possible(number) is ok


@pytest.mark.parametrize(
    ("value", "ok"), [("675947481387", True), ("675947481388", False), ("046 454 286", True)]
)
def test_luhn_any_length(value: str, ok: bool) -> None:
    assert luhn_any_ok(value) is ok
