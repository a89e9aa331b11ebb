"""Round 6 (issue 14) error classes, by kind:

- a number after the word that says what it numbers (claim, case, court file, licence,
  meeting, parcel tracking, order, authorisation), in groups, with slashes or glued letters;
  national and health-plan numbers by their label when no format check passes
  ("PhilHealth 12-345678901-2", "OHIP 4455-667-889-XK"), letter groups after a slash or
  dash ("2025/CF/00417", "25-cv-01187"); not an amount with its unit, a date or a
  reference range, nor a word after the number ("... IRN 1");
- an organisation named by an everyday word or a capital acronym before a trade word
  (dental, ambulance, physio, imaging, diagnostics, legal, counselling, home care), and
  courts; a relative's word that is also a firm's ("Guardian", "Partners", "Friends")
  before a trade word; not kin ("Mother Pharmacy"), not a descriptor or a clinical service
  before the same word ("Family Dental", "Chest Physio", "EMS Ambulance");
- the payer after a form's label ("Insurance: X", "Payer: X"), the name only (not the
  "ID" label after it); not public programmes or non-answers ("Medicaid", "self-pay");
- an age over 89 after "age"/"aged" in words ("aged ninety four"), after "age is" or
  "Age-", and in a scanned fax's figures ("AGED 9O", "1OO YO"); not a page or a dose;
- a facility named by two or three everyday Title-case words after a transfer verb
  ("transferred from Heron Ridge"), and a maternity unit after a name; not a service, a
  person after a title; a town right after a facility word ("Fortis Hospital Nagpur"),
  not a weekday or a section heading after it;
- a given name written short with a period before the rest of the name ("Ma." for María
  in Filipino names, "Wm.", "Thos."); not the state "MA." before a sentence;
- a scanned fax's names, facilities and streets with a digit for a letter ("J0anne",
  "Brenna1l", "Memoria1 H0spital"), a house number with a dashed letter ("714-C"): the word
  recognizers read a copy with the digits as letters; not
  lab and virus codes ("HbA1c", "H1N1", "CD4");
- Philippine addresses: a short block and lot ("B7 L33") or a lot alone before the street,
  the subdivision's number after it ("Grove 4,") and its phase ("Village Phase 3"); a room
  or floor before a residential building ("Room 1802 Orion Tower"); not a vitamin and a
  vertebra ("B12 ... L5"), a vaccine lot, a hospital's own buildings or a trial phase;
- a listed security's name in capitals ("MERIDIAN BNCRP DEP SHS") in mixed-case text, and
  a series numeral after a corporate suffix ("Holdings Corp. IV"); not "FAMILY MTG" or
  "INTL TRAVEL";
- Indian addresses: a house number ("H.No. 79", "45/384", "14,") and the street by its
  Indian head on the same or the next line ("Boase Nagar", "Desai Zila"); not a fraction
  before a road;
- a town named after a person: a listed name and a town ending ("Lisastad", "Micheleton",
  "Bautistaland"), also at a sentence's start and with no place cue;
- two month/day dates joined by a dash as a range ("valid 5/4-8/2"), whose first half the
  plain month/day pattern never saw; not scores that share a denominator ("4/5-5/5") or
  halves and quarters.

Values are invented; none comes from a corpus.
"""

from __future__ import annotations

import pytest

from auditor.phi.engine import PhiEngine
from tests.phi.conftest import check_found, found_cases

FOUND = [
    # labelled identifiers, whole
    ("case ref QX/8830/24 heard today", "QX/8830/24"),
    ("Court file no. TR-0071-19 adjourned.", "TR-0071-19"),
    ("Driver licence 6620 9184 renewed", "6620 9184"),
    ("Tracking no. 4Y 772 BC9 03 8810 2291 sent", "4Y 772 BC9 03 8810 2291"),
    ("tracking # 9201 7730 5518 2046 8813 90", "9201 7730 5518 2046 8813 90"),
    ("Parcel tracked: KP551200093317742 delivered", "KP551200093317742"),
    ("Zoom meeting 741 0092 3318 at 10:00", "741 0092 3318"),
    ("Authorisation ref AUTH 58-2206 granted", "AUTH 58-2206"),
    ("Order 6604-1187 dispatched to home", "6604-1187"),
    ("PhilHealth 14-220918773-5 on file", "14-220918773-5"),
    ("OHIP 5512-338-907-QT verified", "5512-338-907-QT"),
    ("Medicare 3318 55210 4 IRN 2", "3318 55210 4"),
    ("Case no 2024/FA/00873 adjourned", "2024/FA/00873"),
    ("Docket 24-cv-02291 filed", "24-cv-02291"),
    # organisations: an everyday word or an acronym before a trade word; courts
    ("Beacon Dental denied the crown.", "Beacon Dental"),
    ("Crew from KVR Ambulance handed over.", "KVR Ambulance"),
    ("Report faxed by Lantern Physio.", "Lantern Physio"),
    ("Bloods sent to Pinnacle Diagnostics.", "Pinnacle Diagnostics"),
    ("Letter from Quebec Court of Appeal today.", "Quebec Court of Appeal"),
    ("Order of the Superior Court of Wexford noted.", "Superior Court of Wexford"),
    ("Called Guardian Dental re the denied claim.", "Guardian Dental"),
    ("Partners Pharmacy faxed the list.", "Partners Pharmacy"),
    ("Insurance: Trellmark ID TM44120", "Trellmark"),
    ("PAYER: KORVELLA CARE PLAN", "KORVELLA CARE PLAN"),
    # ages over 89
    ("Decedent aged ninety four, at home.", "ninety four"),
    ("Her age is 93. Lives alone.", "93"),
    ("DIED 14/2, AGED 9O. FUNERAL PRIVATE.", "9O"),
    ("PT WALSH, Edna 1OO YO fall at home", "1OO"),
    # facilities of everyday words after a transfer verb
    ("Transferred from Heron Ridge to ED at 0300.", "Heron Ridge"),
    ("Discharged to Copper Beech Grove today.", "Copper Beech Grove"),
    ("Booking bloods at Thornfield Maternity.", "Thornfield Maternity"),
    ("Labs at Fortis Hospital Nagpur on 12 Jan.", "Fortis Hospital Nagpur"),
    # given names written short
    ("Death notice: Ma. Teresita Dumalagan, aged 80.", "Ma. Teresita Dumalagan"),
    ("Witness Thos. Byrne signed.", "Thos. Byrne"),
    # OCR'd names and facilities
    ("TO: Dr 0liver Hanrahan RE: referral", "0liver Hanrahan"),
    ("RE: MORAN, J0anne DOB 1/2/40", "J0anne"),
    ("FACSIMILE fr0m Kel1y Memoria1 H0spital, 98 Main St", "Kel1y Memoria1 H0spital"),
    ("Health Centre, 714-C Ka1ani Drive, Mauke", "714-C Ka1ani Drive"),
    # Philippine addresses, rooms in buildings
    ("Lives at B4 L19 Kamagong Street, Dela Paz Ville", "B4 L19 Kamagong Street"),
    ("Lot 8 Dapdap Grove 2, Sunrise Extension", "Lot 8 Dapdap Grove 2"),
    ("22 Yakal Street, Carmona Village Phase 5, Cavite", "Phase 5"),
    ("From: Reyes Law, Room 1204 Lumina Tower, 55 Ayala Avenue", "Room 1204 Lumina Tower"),
    ("2nd Floor Santos Building, 120 Rizal Street", "2nd Floor Santos Building"),
    # securities and series numerals
    ("The VELDT BNCRP DEP SHS were sold", "VELDT BNCRP DEP SHS"),
    ("He bought HALCYON FINL CORP PFD SER B last year", "HALCYON FINL CORP PFD SER B"),
    ("I work at Orbital Holdings Corp. IV in town", "Orbital Holdings Corp. IV"),
    # Indian addresses
    ("She lives at 45/381, Dhillon Nagar with her son.", "45/381, Dhillon Nagar"),
    ("She lives at H.No. 72\nKapoor Zila with her son.", "H.No. 72\nKapoor Zila"),
    ("Address: H.No. 031, Menon", "H.No. 031, Menon"),
    ("She lives at 18, Grewal Marg.", "18, Grewal Marg"),
    # towns named after people
    ("Renatastad is a lovely town.", "Renatastad"),
    ("The Gilbertberg bridge is falling down.", "Gilbertberg"),
    # month/day ranges
    ("Auth granted, valid 5/4–8/2. Imaging after.", "5/4–8/2"),
    ("Away 12/27 - 1/5, covering GP informed", "12/27 - 1/5"),
    ("services billed 2/2-2/9", "2/2-2/9"),
]
NOT_FOUND = [
    ("REFERENCE RANGE 135-145 MMOL", "135-145"),
    ("Order 12500 units heparin bolus now", "12500"),
    ("case of 12 000 cells seen", "12 000"),
    ("Meeting at 14 30 with family", "14 30"),
    ("file 10 12 2025 notes", "10 12 2025"),
    ("Medicare 3318 55210 4 IRN 2", "IRN"),
    ("Family Dental review in 6 months.", "Family Dental"),
    ("Chest Physio twice daily.", "Chest Physio"),
    ("EMS Ambulance arrived at 0300.", "EMS Ambulance"),
    ("Cardiac Imaging booked.", "Cardiac Imaging"),
    ("Spoke with Legal re consent.", "Legal"),
    ("Mother Pharmacy run done, meds in blister pack.", "Mother Pharmacy"),
    ("Insurance: Trellmark ID TM44120", "ID"),
    ("Insurance: Medicaid, pending renewal", "Medicaid"),
    ("Payer: self-pay", "self-pay"),
    ("Insurance: Pending", "Pending"),
    ("Page 95 of 120 faxed", "95"),
    ("TOTAL 9O mg given", "9O"),
    ("Transferred to Palliative Care overnight.", "Palliative Care"),
    ("Records sent to Dr Okonkwo at the clinic.", "Dr"),
    ("Transferred to Step Down Unit.", "Step Down"),
    ("Mercy Hospital Course: uneventful stay", "Course"),
    ("Moved from Boston, MA. Joan Reyes called.", "MA."),
    ("HbA1c 7.1, H1N1 neg, CD4 200, T1DM on insulin", "HbA1c"),
    ("HbA1c 7.1, H1N1 neg, CD4 200, T1DM on insulin", "T1DM"),
    ("B12 level low, L5 radiculopathy noted", "B12"),
    ("Lot 12 of the vaccine given", "Lot 12"),
    ("Seen in Room 5 Main Building overnight", "Main Building"),
    ("Enrolled in the Phase 2 trial", "Phase 2"),
    ("ICU FAMILY MTG with SW at 2pm", "FAMILY MTG"),
    ("PT INTL TRAVEL last week, afebrile", "INTL TRAVEL"),
    ("Given 2/3, Main Road closed", "2/3"),
    ("Strength 4/5-5/5 in all limbs", "4/5-5/5"),
    ("Power 3/5 – 4/5 LLE, sensation intact", "3/5 – 4/5"),
    ("MMSE 22/30-25/30 over a year", "22/30-25/30"),
    ("Pain 3/10-7/10 with movement", "3/10-7/10"),
    ("take 1/2-3/4 of a tablet", "1/2-3/4"),
]


@pytest.mark.parametrize(("text", "value", "expected"), found_cases(FOUND, NOT_FOUND))
def test_round6_class(engine: PhiEngine, text: str, value: str, expected: bool) -> None:
    check_found(engine, text, value, expected, whole=expected)
