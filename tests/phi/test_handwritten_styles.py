"""Error classes found on the hand-written corpora (``bench/phi_corpora``), one case or two each.

Letters, discharge summaries and consults (``letters_notes``): sign-offs, cc lines, practice
names, streets without numbers, lower-case names after a title or relative, clinical acronyms.
Forms and messages (``forms_notes``): labelled identifiers, weekday dates, names next to
acronyms, lower-case names in messages."""

from __future__ import annotations

import pytest

from auditor.phi.engine import PhiEngine
from tests.phi.conftest import check_found, found, found_cases

# (text, PHI that must be covered)
FOUND = [
    ("cc: Dr. Pike; Cape Ann Medical Group", "Cape Ann Medical Group"),
    ("Harborview Family Practice, 1200 Commonwealth Ave", "Harborview Family Practice"),
    ("PCP: Lakeside Family Medicine, Waltham", "Lakeside Family Medicine"),
    ("He lives in a walk-up on Dorchester Avenue in South Boston.", "Dorchester Avenue"),
    ("Spoke with wife, mrs. harrington, this afternoon.", "harrington"),
    ("Next visit in 1 wk with dr. okonkwo.", "okonkwo"),
    ("Partner devon present for the scan.", "devon"),
    ("CBC drawn 04-Apr-2069, repeat on 4-APR-69.", "04-Apr-2069"),
    ("CBC drawn 04-Apr-2069, repeat on 4-APR-69.", "4-APR-69"),
    ("Transferred to Mass General for thrombectomy.", "Mass General"),
    ("PT WAS SEEN IN THE LAHEY ED IN 1998.", "LAHEY"),
    ("Followed at MGH and the Mayo Clinic.", "MGH"),
    ("Delivered at Brigham and Women's last year.", "Brigham and Women's"),
    # i2b2-style clinic notes (in letters_notes)
    ("He saw Dr. Yeager in podiatry in September.", "September"),
    ("Since her stay at Faulkner in May she has been on hospice.", "May"),
    ("1 ppd x 30 yrs, quit 2089.", "2089"),
    ("He was admitted to LMH on 2/10 with cellulitis.", "LMH"),
    ("Cardiologist: Dr. Beaumont at Cardiac Associates of Waltham.", "Cardiac Associates"),
    ("OOB to chair when stable. Case mgmt (Deb) following.", "Deb"),
    ("ESRD ON HD M/W/F AT DAVITA NORTH. DIALYZED TODAY.", "DAVITA"),
    ("Next visit Thursday 6/5. Agency: Nashoba Nursing Service.", "Thursday 6/5"),
    ("Next visit Thursday 6/5. Agency: Nashoba Nursing Service.", "Nashoba Nursing Service"),
    ("S: María José de la Cruz, 67F, POD 2.", "María José de la Cruz"),
    ("Consult requested by Dr. Van der Berg (surgery).", "Van der Berg"),
    ("A ninety-two-year-old woman presents with syncope.", "ninety-two"),
    ("One hundred year old veteran, lives alone.", "One hundred"),
    # forms and messages
    ("SSN: 123-45-6789", "123-45-6789"),  # labelled, though SSA never issues it
    ("Accession S87-12345. Specimen: skin.", "S87-12345"),
    ("Sent: Tuesday, February 3, 2087 9:14 PM", "Tuesday, February 3, 2087"),
    ("Resident: Mae Holloway   Room 214", "Mae Holloway"),
    ("hi dr wexler, this is john doyle (dob 4/9/77).", "wexler"),
    ("hi dr wexler, this is john doyle (dob 4/9/77).", "john doyle"),
    ("TRANSFER FORM - Sunrise Assisted Living", "Sunrise Assisted Living"),
]
# (text, words that must not be flagged)
NOT_FOUND = [
    ("Attending: Samuel Ostrowski, M.D.", "M.D."),
    ("Dictated by: Winston Achebe, M.D. DD: 09/12/2087", "M.D."),
    ("Signed, Helena Moore, Ph.D., D.O.", "Ph.D."),
    ("Hx of Stevens-Johnson syndrome after sulfa.", "Stevens-Johnson"),
    ("Seen with his daughter Aiko. MoCA 21/30 today.", "MoCA"),
    ("Referred to Internal Medicine for a second opinion.", "Internal Medicine"),
    ("Followed by Pediatric Cardiology since birth.", "Pediatric Cardiology"),
    ("Ambulated down the hall to the street entrance.", "street"),
    ("Ate a pork chop for dinner.", "chop"),  # CHOP only as an acronym in capitals
    ("ABD: MASS, GENERAL APPEARANCE WELL.", "MASS, GENERAL"),
    ("Sugars running 140-180 fasting. He saw Dr. Yeager.", "140-180 fasting"),
    ("Started abx (Zosyn) and PT (gait) eval; SW (per protocol) aware.", "gait"),
    ("Interpreter (Portuguese) needed for consent.", "Portuguese"),
    ("Recommend follow-up CT in 6-12 months.", "6-12"),
    ("Ninety minutes later the pain resolved.", "Ninety"),
    ("A seventy-two-year-old man.", "seventy-two"),
    ("Pt arrived de la calle, per EMS.", "de la"),
    ("She may go home tomorrow.", "may"),
    ("Transferred to MICU for pressors. Admitted to ICU.", "MICU"),
    ("Transferred to MICU for pressors. Admitted to ICU.", "ICU"),
    # forms and messages
    ("Ordering: Dr. Farah Siddiqui NPI 1245319599", "NPI"),
    ("Collected 2087-09-30 07:45.", "07:45"),
    ("Son will visit tomorrow; wife may call.", "will"),
    ("Son will visit tomorrow; wife may call.", "may"),
    ("NEURO: MAE, PERRL.", "MAE"),
    ("SSN pending, 123-45-678 is incomplete", "123-45-678"),
]


@pytest.mark.parametrize(("text", "value", "expected"), found_cases(FOUND, NOT_FOUND))
def test_found_or_not(engine: PhiEngine, text: str, value: str, expected: bool) -> None:
    check_found(engine, text, value, expected)


def test_names_keep_their_credentials_out() -> None:
    """The span ends at the name: credentials are not PHI."""
    engine = PhiEngine()
    text = "Attending: Samuel Ostrowski, M.D."
    spans = [text[r.start : r.end] for r in engine.analyze(text) if r.entity_type == "PERSON"]
    assert spans == ["Samuel Ostrowski"]


def test_a_semicolon_ends_a_name(engine: PhiEngine) -> None:
    text = "cc: Dr. Rebecca Yi; Lakeside Family Medicine"
    people = [v for t, v in found(engine, text) if t == "PERSON"]
    assert people == ["Rebecca Yi"]
