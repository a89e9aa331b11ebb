"""Round 4 (issue 14) error classes, by kind:

- ages over 89 after a verb or phrase ("turned", "died at", "age at death:"), after "aged",
  "she is" or a sex letter, or written out;
- numbers read through OCR (O for 0, l for 1) and numbers dictated as words after their cue;
- New Zealand, Philippine and Irish address parts (rural delivery, block and lot, phase,
  suburb before town, Eircode) and numbered streets;
- organisation names in ALL CAPS or all lower-case notes, employers after an occupation;
- delimited exports (caret names, record-number and initials cells), prescription numbers,
  pagers after whom they page, ISO timestamps whole, weekdays before a date;
- a known first name opening a clause with its verb next.

Values are invented; none comes from a corpus.
"""

from __future__ import annotations

import pytest

from auditor.phi.engine import PhiEngine
from auditor.phi.ocr import repair
from tests.phi.conftest import check_found, found_cases

FOUND = [
    ("My grandfather just turned 96 last week.", "96"),
    ("Deceased, died at 92 in the hospice.", "92"),
    ("Age at death: 94", "94"),
    ("He was diagnosed at the age of 91.", "91"),
    ("She will be 93 next month.", "93"),
    ("She is ninety-four and lives alone.", "ninety-four"),
    # OCR: look-alike letters inside dates, phones and record numbers
    ("Fax: (02) 9555 O187 sent 1O Mar 2O25", "(02) 9555 O187"),
    ("Fax: (02) 9555 O187 sent 1O Mar 2O25", "1O Mar 2O25"),
    ("DOB: O9/l2/1958 MRN: 00O71234", "O9/l2/1958"),
    ("DOB: O9/l2/1958 MRN: 00O71234", "00O71234"),
    ("D0B 14th 0ct 1951 seen N0V 3", "14th 0ct 1951"),
    ("MRN 6630219K Findings: normal", "6630219K"),
    # dictation: digits spoken as words after a date-of-birth, record or phone cue
    (
        "date of birth eleven three nineteen fifty one new paragraph",
        "eleven three nineteen fifty one",
    ),
    ("born on the second of June nineteen forty", "second of June nineteen forty"),
    ("hospital number K T seven seven two nine one period", "K T seven seven two nine one"),
    (
        "call her back on oh four one two double three four five",
        "oh four one two double three four five",
    ),
    # addresses outside the US
    ("Home: 8 Kowhai Street, RD 2, Ruatoria 4081 ph 06 555 0000", "8 Kowhai Street, RD 2"),
    ("Home: 8 Kowhai Street, RD 2, Ruatoria 4081 ph 06 555 0000", "4081"),
    (
        "Residence Blk 7 Lot 12 Sampaguita Grove, Phase 2, Dasmarinas 4114",
        "Blk 7 Lot 12 Sampaguita Grove",
    ),
    ("Lives at 61 Harbour Road, Oranmore, Kilcolgan H91 X2C4 with husband.", "H91 X2C4"),
    ("Lives at 61 Harbour Road, Oranmore, Kilcolgan H91 X2C4 with husband.", "Oranmore"),
    ("Moved to 2210 43rd Avenue last year.", "2210 43rd Avenue"),
    # organisations where capitals tell nothing
    ("FUNERAL ARRANGED BY KOWALCZYK TRANSPORT, FAMILY AWARE.", "KOWALCZYK TRANSPORT"),
    ("copy sent to okonkwo properties corporation for the claim", "okonkwo properties corporation"),
    ("EMPLOYER: VANTERPOOL LTD. NO RESTRICTIONS.", "VANTERPOOL LTD"),
    # delimited exports and logs
    ("2025-02-11,ADEYEMI^FOLASADE^K,1948-07-30,HBA1C,7.1", "ADEYEMI^FOLASADE^K"),
    ("run 12|3390215K|OKAFOR^CHUKWUDI|K|4.4", "3390215K"),
    ("Site 4 | R.K. | QTX4410 | consented", "R.K."),
    ("Site 4 | R.K. | QTX4410 | consented", "QTX4410"),
    ("Refill: Rx NK557201 last filled 3 weeks ago", "NK557201"),
    ("nights: paging dr Oyelaran on 6612 re potassium", "6612"),
    ("Collected 1987-03-14T22:05:41Z by courier", "1987-03-14T22:05:41Z"),
    ("Clinic date Thu 21/8 with the nurse", "Thu 21/8"),
    ("REVIEW SAT OCTOBER 1949 NOTED", "SAT"),
    ("Passed away at home on Mar 2, aged 96.", "96"),
    ("visit note: she is 93 and still gardening", "93"),
    ("CAD 0412 F 92 FALL AT HOME", "92"),
    ("age/sex: 94/F, mobility poor", "94"),
    ("Age (years): 97", "97"),
    # an employer after an occupation
    ("He is a plasterer at Brightwater Interiors and off work.", "Brightwater Interiors"),
    # a known first name opening a clause, its verb next
    ("Margaret is much brighter today.", "Margaret"),
    ("Seen in clinic. Tobias spent the weekend at home.", "Tobias"),
    # partnership names in lower case or capitals, and before an address
    ("letter from: walsh, murphy and kelly re the claim", "walsh, murphy and kelly"),
    ("Release to: Hughes, Patel and Morris, 12 Quay Street", "Hughes, Patel and Morris"),
    # a colleague's name after a job title written out
    ("handover: pharm tech rosalind checked the chart", "rosalind"),
    ("Physio Tamsin saw him this morning.", "Tamsin"),
    # names known by where they stand
    ("[07:02] Oisin: bed 4 needs a review\n[07:05] Wairimu: on my way", "Oisin"),
    ("[07:02] Oisin: bed 4 needs a review\n[07:05] Wairimu: on my way", "Wairimu"),
    ("WORKLIST 08:15 NAKASHIMA, TOBIAS 371-4401 CT HEAD", "NAKASHIMA, TOBIAS"),
    ("Refill: OYELOWO, Folake DOB 3 March 1950", "OYELOWO, Folake"),
    ("screening: subject 60311 (K.W.) consented; subject 21877-TR (DM) declined", "K.W."),
    ("screening: subject 60311 (K.W.) consented; subject 21877-TR (DM) declined", "DM"),
    ("| 04:10 | M | R.T. 58820-LK | Apgar 9/9 |", "R.T."),
]
NOT_FOUND = [
    ("The patient turned 90 degrees in bed.", "90"),
    ("She was ninety-four percent adherent.", "ninety-four"),
    ("Assay turned 95 percent positive.", "95"),
    ("Dose will be 100 mg daily.", "100"),
    ("The score is ninety.", "ninety"),
    ("Sats fine on O2 2L via nasal cannula.", "O2 2L"),
    ("Give 1l of saline, page l of 2.", "1l"),
    ("page two of three", "two of three"),
    ("number of falls: two in three months", "two in three"),
    ("she had one or two drinks, three times a week", "one or two"),
    ("Complete heart block 2 weeks ago, lot 5 of the vaccine.", "block 2"),
    ("NO BM THIS SHIFT, COLACE AND SENNA GIVEN.", "SHIFT, COLACE AND SENNA"),
    ("PLAN: CONTINUE HEPARIN AND FOLLOW UP WITH GROUP THERAPY.", "GROUP"),
    ("Na 140, K 4.1, Plt 150000, WBC 11.2", "150000"),
    ("Temp F 99 overnight, x^2 over 2^10.", "99"),
    ("x^2 over 2^10.", "x^2"),
    ("| 2024 | 8033 | 4.4 |", "8033"),
    ("She is a carer for Mum at home.", "Mum"),
    ("Heparin is running. Lasix was given. Rehab is planned.", "Lasix"),
    ("Foley was removed and Neuro was intact.", "Neuro"),
    ("NO BM THIS SHIFT, COLACE AND SENNA GIVEN.", "COLACE AND SENNA"),
    ("physio exercises done, pharmacist review done", "exercises"),
    ("Seen by Dr Porter on the ward.", "Dr"),
    ("Plan: continue.\nNeuro: intact.\nDispo: home.", "Dispo"),
    ("NEURO, INTACT 2+ PULSES", "NEURO, INTACT"),
    ("BP 120/80 (RA), lot 55003 (EU), U.S. 12345 people", "EU"),
    ("BP 120/80 (RA), lot 55003 (EU), U.S. 12345 people", "U.S."),
    ("PAGED HO FOR HR 130, PAGED MD RE SBP 200.", "130"),
    ("PAGED HO FOR HR 130, PAGED MD RE SBP 200.", "200"),
    ("CELL 10 12 14 SEEN ON SMEAR", "10 12 14"),
    ("NPO AFTER 0400 1200-1600, CHAIR 0800 1000-1200", "0400 1200-1600"),
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("l7/O4/1966 and 2O26", "17/04/1966 and 2026"),
        ("O3 Feb", "03 Feb"),
        ("on O2 2L, FiO2 40%, IOI, page l of 2, 1l", "on O2 2L, FiO2 40%, IOI, page l of 2, 1l"),
        ("D0B 14th 0ct, N0V, Ju1y; B12 A1C T2DM D01", "DOB 14th Oct, NOV, July; B12 A1C T2DM D01"),
    ],
)
def test_ocr_repair_reads_lookalikes_only_in_numbers(text: str, expected: str) -> None:
    fixed, _ = repair(text)
    assert fixed == expected and len(fixed) == len(text)


@pytest.mark.parametrize(("text", "value", "expected"), found_cases(FOUND, NOT_FOUND))
def test_round4_classes(engine: PhiEngine, text: str, value: str, expected: bool) -> None:
    check_found(engine, text, value, expected, whole=True)


def test_trunk_number_with_two_separators_is_a_phone(engine: PhiEngine) -> None:
    check_found(engine, "NOK Ruth Parata 03-868 2242 after 5pm", "03-868 2242", True, whole=True)
    check_found(engine, "ring 021 555-0199 today", "021 555-0199", True, whole=True)
