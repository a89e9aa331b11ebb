"""Round 5 (issue 14) error classes, by kind:

- names written with diacritics (Vietnamese, Irish, Polish, Spanish): the name and place
  lists are plain letters, so words are folded before lookup, and a vowel with a mark is a
  vowel;
- lower-case names after "pt" or a relative, and relatives as British and Australian notes
  write them ("mum", "carer");
- a unit, level, shop, lot or township section written before a numbered street;
- case, report and authorisation numbers with a year group ("IR-26-0091", "2025-0418-CR");
- employers after an occupation of several words or a workplace, industries after a name.

Values are invented; none comes from a corpus.
"""

from __future__ import annotations

import pytest

from auditor.phi.engine import PhiEngine
from tests.phi.conftest import check_found, found_cases

FOUND = [
    ("pt Lê Văn Hùng (Vietnamese), interpreter by phone", "Lê Văn Hùng"),
    ("Interpreter Nguyễn Thị Mai booked for 2 pm.", "Nguyễn Thị Mai"),
    ("Called by S. Ní Fhlatharta, MLS.", "Ní Fhlatharta"),
    ("Seen with Łukasz Wójcik and José Núñez.", "Łukasz Wójcik"),
    ("pt deshawn mcallister 23 y/o M walked in", "deshawn"),
    ("walked in w/ friend tyrese, lac to L palm", "tyrese"),
    ("Mum Salote present for induction.", "Salote"),
    ("Lives alone at Unit 5, 22 Bourke Street, Fitzroy.", "Unit 5, 22 Bourke Street"),
    ("Office: Level 2, 87 Adelaide Tce, Perth WA 6000", "Level 2, 87 Adelaide Tce"),
    ("Home in Section 2, 14 Lwandle Cres, Khayelitsha.", "Section 2, 14 Lwandle Cres"),
    ("INCIDENT REPORT IR-26-0091 filed", "IR-26-0091"),
    ("Auth PA-26-0301447 approved.", "PA-26-0301447"),
    ("Court file 2025-0418-CR, accused present.", "2025-0418-CR"),
    ("Employed as a security guard by Fidelity ADT; sick note sent.", "Fidelity ADT"),
    ("Joined from her office at Infosys, Mysuru.", "Infosys"),
    ("HR, Fortescue Metals, Perth.", "Fortescue Metals"),
    ("Lives at 10 Amsterdam Ave, Apt 4C, New York, NY 10031", "New York"),
    # a facility named by its "for"/"of" tail
    (
        "Admitted to Ontario Shores Centre for Mental Health Sciences Nov 12.",
        "Ontario Shores Centre for Mental Health Sciences",
    ),
    ("Transferred to the Hospital for Sick Children today.", "Hospital for Sick Children"),
    # cities abroad after a place cue
    ("Lives in Mysuru with her son.", "Mysuru"),
    ("Moved to Pune last year.", "Pune"),
]
NOT_FOUND = [
    ("CA 19-9 was 45, ICD-10-CM code, COVID-19 neg, HLA-B27.", "ICD-10-CM"),
    ("CA 19-9 was 45, ICD-10-CM code, COVID-19 neg, HLA-B27.", "19-9"),
    ("pt ambulating, pt lasix given, friend visiting.", "ambulating"),
    ("son will visit, friend brought clothes.", "brought"),
    ("Level 2 trauma activation, Unit 5 bed 3.", "Level 2"),
    ("Lot 12 of the vaccine given.", "Lot 12"),
    ("CATH LAB CALLED. REVIEWED LABS WITH TEAM.", "LAB"),
    ("Called Security for the visitor.", "Security"),
    ("Moved from New York to Ohio in May.", "New York"),
    ("Referral from Reading Rehab for Ermenegildo Marquez, MRN 4471.", "for"),
    ("Admitted to Mercy Hospital for 3 days.", "for"),
    # form labels and packs are no names
    ("GENETICS PEDIGREE NOTE Proband Tariq Hussain, 44", "Proband"),
    ("Pt Mia-Rose Tuipulotu  UR LCCH-0338812", "UR"),
    ("Warfarin from the Webster pack on the bench.", "Webster"),
    ("Wetzlar", "Wetzlar"),  # a town abroad alone, no cue (a big city is found: round 32)
]


@pytest.mark.parametrize(("text", "value", "expected"), found_cases(FOUND, NOT_FOUND))
def test_round5_class(engine: PhiEngine, text: str, value: str, expected: bool) -> None:
    check_found(engine, text, value, expected)
