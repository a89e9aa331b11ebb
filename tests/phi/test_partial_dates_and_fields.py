"""Error classes from the clinical-dev corpus (issue 14), table-driven: partial dates, day-first
dates, apostrophe years, month names alone, years that cannot be clock times, year lists;
labelled person fields, lower-case surnames after a title, initials after a role; and the
false alarms (languages and nationalities, EHR products, form labels, vowel-less acronyms,
counts written as ordinals, clinical fractions and clock times)."""

from __future__ import annotations

import pytest

from auditor.phi.engine import PhiEngine
from tests.phi.conftest import check_found, found_cases

DATES = [
    ("Echo on the 12th showed an EF of 35%.", "12th"),
    ("Next visit Thursday 17th with the nurse.", "Thursday 17th"),
    ("can i do wed the 12th instead?", "12th"),
    ("INR 4.8 on the 14th and now 1.6.", "14th"),
    ("procedure date november fourth, no complications", "november fourth"),
    ("admitted 20/11 via ED with NSTEMI", "20/11"),
    ("ED TRIAGE 23/06/87 02:41", "23/06/87"),
    ("TUMOUR BOARD 18.09.2087", "18.09.2087"),
    ("Compared with study of Aug '85, MR is worse.", "Aug '85"),
    ("Dr Ruiz saw her in Feb '87.", "Feb '87"),
    ("last seen in the urology clinic in '16.", "'16"),
    ("hip fx in april. lives alone", "april"),
    ("imaging from Aug vs now", "Aug"),
    ("Discuss at Oct meeting.", "Oct"),
    ("Comparison 2085 and 2086. No mass.", "2085"),
    ("Comparison 2085 and 2086. No mass.", "2086"),
    ("Sterilized 1998-2003 in another country", "2003"),
    ("He was born in 1935.", "1935"),
    ("Treated for lymphoma 1987, in remission.", "1987"),
    ("labs 1/9. Rehab screen negative", "1/9"),
    ("Mon 14 Apr 10:15 visited the patient", "Mon 14 Apr"),
]

NOT_DATES = [
    ("Given the 3rd dose of vancomycin.", "3rd"),
    ("This is the 2nd time he fell.", "2nd"),
    ("the 4th of 6 cycles of R-CHOP", "4th"),
    ("pain 4/10 after meds", "4/10"),
    ("PEEP 10/5 on PS", "10/5"),
    ("Haldol given at 2000 for agitation.", "2000"),
    ("UO 2000 and 2100 over the shift", "2100"),
    ("weight 1987 g at birth", "1987"),
    ("Had an episode of SVT at 1930, adenosine given.", "1930"),
    ("in may be needed", "may"),
    ("Dec'd breath sounds at the bases", "Dec"),
    ("TOLERATED WELL, ABG 26/8/88. REPEAT LYTES", "26/8/88"),
]

NAMES = [
    ("Pt: Okonkwo, Chidinma          MRN 40019283", "Okonkwo, Chidinma"),
    ("PATIENT: WOJCIK, TADEUSZ   MRN: 5530-1187", "WOJCIK, TADEUSZ"),
    ("caller: jorge alvarez re his father", "jorge alvarez"),
    ("from: amir haddad\nhi, i had my colonoscopy", "amir haddad"),
    ("Read by kaplan/d. ruiz (resident).", "kaplan"),
    ("Read by kaplan/d. ruiz (resident).", "ruiz"),
    ("the biopsy with dr lopes and the results", "lopes"),
    ("Callback 339-555-0199. RN M. Oduya.", "Oduya"),
    ("Hi Dr Abernathy, this is Ngozi (Ngozi Eze), I had surgery.", "Ngozi"),
    ("Re: Ms Tanvi Desai, DOB 05/11/1991", "Tanvi Desai"),
    ("Dr. English saw him in clinic.", "English"),
]

NOT_NAMES = [
    ("She speaks limited English and some German.", "English"),
    ("a Brazilian family present throughout", "Brazilian"),
    ("from Pune, India, with latent TB", "India"),
    ("Name: TRAN VAN MINH   Acct A77810293", "Acct"),
    ("Name: Haugen, Sigrid   Accession PET-2087-3310", "Accession"),
    ("LVEF 60%. Moderate MR. RVSP 38.", "RVSP"),
    ("Thanks. Sent from MyChart", "MyChart"),
    ("Documented in Epic by the nurse.", "Epic"),
    ("Assistant: Leah Brandt, PA-C\nPreoperative diagnosis", "PA"),
    ("Attending: Samuel Ostrowski, M.D.\nBrief history", "M.D"),
    ("dr called back with results", "called"),
    ("Pt: alert and oriented, denies pain", "alert"),
]


# Partial and day-first dates and labelled or lower-case names are found; counts, fractions,
# times, languages, products, labels and acronyms are not.
@pytest.mark.parametrize(
    ("text", "value", "expected"), found_cases(DATES + NAMES, NOT_DATES + NOT_NAMES)
)
def test_dates_and_names_found_or_not(
    engine: PhiEngine, text: str, value: str, expected: bool
) -> None:
    check_found(engine, text, value, expected)
