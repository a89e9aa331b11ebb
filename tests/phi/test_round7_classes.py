"""Round 7 (issue 14) error classes, by kind, from the round-6 dev batch:

- a clinic named by a place and the organ or body part it treats ("<Town> Chest Clinic"),
  and a practice named for its street before a family-health or clinic head; not the
  service alone ("the chest clinic");
- a community organisation by its head: a congregation with its denomination words ("X
  Missionary Baptist Church"), a club with its sport ("X Sports Club"), an intermediate
  school; and the name after a form's "agency:" label; not the kind alone ("the Baptist
  Church", "the Golf Club", "breakfast club");
- a compact date before a 24-hour time, as a signature's or a log line's stamp (the date,
  not the time), and an e-mail header's date with a machine time and zone; not eight
  digits after a record cue, nor a bare clock time after a date;
- a military or police rank, a dotted initial and a surname ("CPT L. ADEYEMI"): the initial
  and surname; not a rank or code before a number ("CPT 99213", "COL 2");
- a street whose Romance-language type comes first ("2300 Calle Medio", "14 Camino del
  Rio", "Rua Augusta 45,"); not a distance or a dose after the same words ("Camino Real 2
  miles", "Via Oral 2, then");
- an ISBT 128 donation number on a blood unit ("W0417 26 118230"), spaced or not; not a
  count after it, nor a code and a measurement ("A1234 12 mm");
- a vessel by its prefix ("S/Y", "M/V", "USNS") and Title-case name, even when the name's
  words are also a person's; an unslashed prefix that is also a clinical abbreviation ("MV",
  "MS") only after a vessel word ("aboard MV ...");
- a form's label that ends in a lower-case facility word before a colon ("Resettlement
  agency:") is no facility; a named facility before a colon mid-sentence still is;
- an alien registration number with its "A" printed apart ("Alien no. A 201-448-917") and
  a commercial driver's licence with its state code ("CDL TX 000051187342"); not the words
  alone ("alien life forms", "CDL holder since 2019");
"""

from __future__ import annotations

import pytest

from auditor.phi.engine import PhiEngine
from tests.phi.conftest import check_found, covered_as, found_cases


@pytest.mark.parametrize(
    ("text", "value", "expected"),
    found_cases(
        found=[
            ("Screened 3/2/2026 at Brackwell Chest Clinic. Case closed.", "Brackwell Chest Clinic"),
            ("PCP: Tanner Street Family Health, Dr Moro.", "Tanner Street Family Health"),
            ("Seen at Elm Road Medical Centre last week.", "Elm Road Medical Centre"),
        ],
        not_found=[
            ("Seen in the Chest Clinic today for review.", "Chest Clinic"),
            ("She has chest clinic on Monday.", "chest clinic"),
            ("Referred to the Skin Clinic for the rash.", "Skin Clinic"),
        ],
    ),
)
def test_clinic_by_organ_and_street_practice(
    engine: PhiEngine, text: str, value: str, expected: bool
) -> None:
    check_found(engine, text, value, expected, whole=True)
    if expected:
        assert covered_as(engine, text, value, "HOSPITAL")


@pytest.mark.parametrize(
    ("text", "value", "expected"),
    found_cases(
        found=[
            ("Rev. Ash (pastor, Greater Zion Missionary Baptist Church) called.",
             "Greater Zion Missionary Baptist Church"),
            ("He went to camp at Westbrook Sports Club yesterday.", "Westbrook Sports Club"),
            ("Teacher at Makaha Ridge Intermediate (808-555-0100).", "Makaha Ridge Intermediate"),
            ("Resettlement agency: Harbor Light Refugee Services, case manager Jo Ames",
             "Harbor Light Refugee Services"),
        ],
        not_found=[
            ("Goes to the Baptist Church on Sundays.", "Baptist Church"),
            ("Lives near the Golf Club.", "Golf Club"),
            ("Attends breakfast club at school.", "breakfast club"),
            ("Agency: none", "none"),
        ],
    ),
)  # fmt: skip
def test_community_organisations_by_head(
    engine: PhiEngine, text: str, value: str, expected: bool
) -> None:
    check_found(engine, text, value, expected, whole=True)
    if expected:
        assert covered_as(engine, text, value, "ORGANIZATION")


@pytest.mark.parametrize(
    ("text", "value", "expected"),
    found_cases(
        found=[
            ("PT SEEN. MAJ R. OKONJO 20251102 1430 PT STABLE.", "20251102"),
            ("Date: Mon, 3 Aug 2026 14:05:33 -0500 Subject: hi", "3 Aug 2026 14:05:33 -0500"),
        ],
        not_found=[
            ("PT SEEN. MAJ R. OKONJO 20251102 1430 PT STABLE.", "1430"),
            ("Seen 3 Feb 2087 07:45 in clinic", "07:45"),
        ],
    ),
)
def test_machine_date_stamps(engine: PhiEngine, text: str, value: str, expected: bool) -> None:
    check_found(engine, text, value, expected, whole=True)
    if expected:
        assert covered_as(engine, text, value, "DATE_TIME")


@pytest.mark.parametrize(
    ("text", "value", "expected"),
    found_cases(
        found=[
            ("SICK CALL. SGT K. BRANCH / CPT T. OKORO, PA-C", "T. OKORO"),
            ("PT CONSENTED. MAJ R. WIEBE 20260410 0900 PT DISCHARGED.", "R. WIEBE"),
            ("Seen by Lt. J. Haldorsen on the ward.", "J. Haldorsen"),
        ],
        not_found=[
            ("CPT 99213 billed. COL 2.", "99213"),
            ("CPT 99213 billed. COL 2.", "COL 2"),
        ],
    ),
)
def test_rank_initial_surname(engine: PhiEngine, text: str, value: str, expected: bool) -> None:
    check_found(engine, text, value, expected, whole=True)
    if expected:
        assert covered_as(engine, text, value, "PERSON")


@pytest.mark.parametrize(
    ("text", "value", "expected"),
    found_cases(
        found=[
            ("Last known address 41 Camino de la Sierra, Taos.", "41 Camino de la Sierra"),
            ("Registry, 1850 Calle Ocho, Miami FL", "1850 Calle Ocho"),
            ("Lives at Rua das Flores 45, Porto.", "Rua das Flores 45"),
        ],
        not_found=[
            ("Camino Real 2 miles north of the clinic.", "Camino Real 2"),
            ("Via Ryles 2, then review.", "Via"),
        ],
    ),
)
def test_romance_street_type_first(
    engine: PhiEngine, text: str, value: str, expected: bool
) -> None:
    check_found(engine, text, value, expected, whole=True)
    if expected:
        assert covered_as(engine, text, value, "STREET_ADDRESS")


@pytest.mark.parametrize(
    ("text", "value", "expected"),
    found_cases(
        found=[
            ("Issued 4 RBC (DINs W0417 26 118230 to W0417 26 118233), 2 FFP.", "W0417 26 118230"),
            ("Issued 4 RBC (DINs W0417 26 118230 to W0417 26 118233), 2 FFP.", "W0417 26 118233"),
            ("Unit W041726118230 transfused at 14:10.", "W041726118230"),
        ],
        not_found=[("Rev code A1234 12 mm on the scale.", "A1234 12")],
    ),
)
def test_isbt_donation_number(engine: PhiEngine, text: str, value: str, expected: bool) -> None:
    check_found(engine, text, value, expected, whole=True)
    if expected:
        assert covered_as(engine, text, value, "ID_NUMBER")


@pytest.mark.parametrize(
    ("text", "value", "expected"),
    found_cases(
        found=[
            ("CREW LOG - S/Y Marlow Finch (private yacht), crew of 6", "Marlow Finch"),
            ("Evacuated from USNS Bellwether to shore.", "Bellwether"),
            ("Came aboard MV Island Lark at 0600.", "Island Lark"),
        ],
        not_found=[("MV Settings unchanged overnight.", "Settings")],
    ),
)
def test_vessel_names(engine: PhiEngine, text: str, value: str, expected: bool) -> None:
    check_found(engine, text, value, expected, whole=True)
    if expected:
        assert covered_as(engine, text, value, "ORGANIZATION")


@pytest.mark.parametrize(
    ("text", "value", "expected"),
    found_cases(
        found=[("Seen at Oakfield Clinic: stable, home today.", "Oakfield Clinic")],
        not_found=[
            ("Date: 01/26/2027   Resettlement agency: Harbor Light, case manager", "Resettlement"),
            ("Intake\nPlacement agency: pending", "Placement agency"),
        ],
    ),
)
def test_form_label_is_no_facility(
    engine: PhiEngine, text: str, value: str, expected: bool
) -> None:
    check_found(engine, text, value, expected, whole=True)


@pytest.mark.parametrize(
    ("text", "value", "expected"),
    found_cases(
        found=[
            ("Case 7   Alien no. A 201-448-917   Passport pending", "A 201-448-917"),
            ("Driver TRN-0118   CDL TX 000051187342   Bus 12", "TX 000051187342"),
        ],
        not_found=[
            ("Alien life forms 2 seen.", "Alien"),
            ("CDL holder since 2019.", "CDL holder"),
        ],
    ),
)
def test_alien_number_and_cdl(engine: PhiEngine, text: str, value: str, expected: bool) -> None:
    check_found(engine, text, value, expected, whole=True)


@pytest.mark.parametrize(
    ("text", "value", "expected"),
    found_cases(
        found=[
            ("FOLLOW-UP CLINIC, APPT 14 FEB 27. WIFE TO ATTEND.", "14 FEB 27"),
            ("Reviewed on 3 Sep 25, stable.", "3 Sep 25"),
        ],
        not_found=[
            ("Started 12 Jan 10 mg daily.", "10 mg"),
            ("On 3 Mar 45 min of physio.", "45 min"),
            ("From 9 Apr 20 patients were screened.", "20 patients"),
            ("Weight 4 Jun 26.5 kg.", "26.5 kg"),
        ],
    ),
)
def test_two_digit_year_after_day_and_month(
    engine: PhiEngine, text: str, value: str, expected: bool
) -> None:
    check_found(engine, text, value, expected, whole=True)
