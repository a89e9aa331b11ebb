"""Table-driven positives and negatives per recognizer, through the full engine."""

from __future__ import annotations

import pytest

from auditor.phi.engine import PhiEngine
from tests.phi.conftest import assert_found_as, covered, found, touched

# (text, value that must be covered, entity type expected on it)
POSITIVES = [
    # dates
    ("Foley changed 7/22, UA sent.", "7/22", "DATE_TIME"),
    ("Transferred here on [**2/14**] for cath.", "[**2/14**]", "DATE_TIME"),
    ("CT HEAD DONE 2-14-92: NEG FOR BLEED.", "2-14-92", "DATE_TIME"),
    ("Admitted January 5th, 2010 for AVR.", "January 5th, 2010", "DATE_TIME"),
    ("S/P CABG X3 ON 4/6. NEURO: ALERT.", "4/6", "DATE_TIME"),
    ("cultures from 4/26 no growth to date", "4/26", "DATE_TIME"),
    ("Wife states pt had MI in 1998 and CABG.", "1998", "DATE_TIME"),
    ("Line placed [**2014-03-02**], tip in SVC.", "[**2014-03-02**]", "DATE_TIME"),
    ("Seen 2012-11-03 in clinic.", "2012-11-03", "DATE_TIME"),
    # ages over 89
    ("Pt is a 91 yo woman admitted from home.", "91", "AGE"),
    ("PT IS 102 Y/O MALE, DNR.", "102", "AGE"),
    ("Age: 95", "95", "AGE"),
    ("Active woman in her mid 90s, lives alone.", "90s", "AGE"),
    # phones, fax, pager
    ("Daughter's phone (617) 555-0143.", "(617) 555-0143", "PHONE_NUMBER"),
    ("CALL 617-555-0143 WITH QUESTIONS", "617-555-0143", "PHONE_NUMBER"),
    ("Fax: 617.555.0143", "617.555.0143", "FAX_NUMBER"),
    ("Page Dr. Lee at pager 41234 with questions.", "41234", "PHONE_NUMBER"),
    ("Home # 555-0143.", "555-0143", "PHONE_NUMBER"),
    ("Please page 4-1234 with results.", "4-1234", "PHONE_NUMBER"),
    ("PT LIVES IN CANTON WITH WIFE.", "CANTON", "LOCATION"),
    ("RN: KOWALCZYK", "KOWALCZYK", "PERSON"),
    # numbers with formats or context
    ("SSN 123-45-6788 on file.", "123-45-6788", "US_SSN"),
    ("social security 123456788", "123456788", "US_SSN"),
    ("MRN: 00123456 verified.", "00123456", "MEDICAL_RECORD_NUMBER"),
    ("Medical record number AB-1234567", "AB-1234567", "MEDICAL_RECORD_NUMBER"),
    ("Medicare MBI 1EG4-TE5-MK73 active.", "1EG4-TE5-MK73", "HEALTH_PLAN_NUMBER"),
    ("Member ID XKH123456789 (BCBS).", "XKH123456789", "HEALTH_PLAN_NUMBER"),
    ("Billing account 004512398 is overdue.", "004512398", "ACCOUNT_NUMBER"),
    ("State license 2345678 (RN).", "2345678", "LICENSE_NUMBER"),
    ("Prescriber DEA AB1234563.", "AB1234563", "US_DEA_NUMBER"),
    ("NPI 1234567893 on the claim.", "1234567893", "US_NPI"),
    ("Vehicle VIN 1M8GDM9AXKP042788 recorded.", "1M8GDM9AXKP042788", "VIN"),
    ("License plate 4TRX-219 seen in lot.", "4TRX-219", "LICENSE_PLATE"),
    ("Pacemaker serial number PJN7734421.", "PJN7734421", "DEVICE_ID"),
    ("Call 001-335-504-9258 after 5.", "001-335-504-9258", "PHONE_NUMBER"),
    ("Phone +1-912-490-4047x96669", "+1-912-490-4047x96669", "PHONE_NUMBER"),
    ("UK office +44 20 7946 0958.", "+44 20 7946 0958", "PHONE_NUMBER"),
    ("Card 4111 1111 1111 1111 on file.", "4111 1111 1111 1111", "CREDIT_CARD"),
    ("IBAN GB82 WEST 1234 5698 7654 32 for refunds.", "GB82 WEST 1234 5698 7654 32", "IBAN_CODE"),
    # web
    ("Email jane.doe@example.com today.", "jane.doe@example.com", "EMAIL_ADDRESS"),
    (
        "Portal: https://mychart.example.org/login?id=9",
        "https://mychart.example.org/login?id=9",
        "URL",
    ),
    ("Visit www.example-clinic.com for hours.", "www.example-clinic.com", "URL"),
    ("Login from 192.168.10.24 blocked.", "192.168.10.24", "IP_ADDRESS"),
    ("Host 2001:db8::8a2e:370:7334 seen.", "2001:db8::8a2e:370:7334", "IP_ADDRESS"),
    # geography
    ("Lives at 42 Elm Street, Apt 3, with wife.", "42 Elm Street, Apt 3", "STREET_ADDRESS"),
    ("Boston, MA 02114", "02114", "ZIP_CODE"),
    ("ZIP code 01760", "01760", "ZIP_CODE"),
    ("Pt lives in Framingham with son.", "Framingham", "LOCATION"),
    ("SON CALLED FROM WORCESTER, WILL VISIT.", "WORCESTER", "LOCATION"),
    ("Transferred from Mercy Hospital yesterday.", "Mercy Hospital", "HOSPITAL"),
    ("d/c to Pinewood Rehab when stable", "Pinewood Rehab", "HOSPITAL"),
    ("Seen at St. Elizabeth's for CHF.", "St. Elizabeth's", "HOSPITAL"),
    ("Admitted from Whitcomb Memorial with sepsis.", "Whitcomb Memorial", "HOSPITAL"),
    ("Awaiting bed on Finard 4, report called.", "Finard 4", "HOSPITAL"),
    # names
    ("Seen by Dr. Swan this AM.", "Swan", "PERSON"),
    ("Discussed with Dr Xanthopoulos, will hold heparin.", "Xanthopoulos", "PERSON"),
    ("WIFE MARY CALLED AT 2000.", "MARY", "PERSON"),
    ("Spoke with daughter Susan re: code status.", "Susan", "PERSON"),
    ("Per Jones, hold lasix.", "Jones", "PERSON"),
    ("J. Smith RN", "J. Smith", "PERSON"),
    ("Reviewed with Smith, J and team.", "Smith, J", "PERSON"),
    ("John Smith was admitted.", "John Smith", "PERSON"),
    ("Report received from Kowalczyk RN.", "Kowalczyk", "PERSON"),
    ("HUSBAND FRANCISZEK AT BEDSIDE.", "FRANCISZEK", "PERSON"),
]

# (text, value that must NOT be touched by any span)
NEGATIVES = [
    ("Strength 5/5 throughout.", "5/5"),
    ("Pain 4/10, medicated with morphine.", "4/10"),
    ("BP 120/80, HR 72.", "120/80"),
    ("Weaned to PS 5/5 at 1400.", "5/5"),
    ("CPAP 5/5 with FiO2 40%.", "5/5"),
    ("2/6 SEM at LSB.", "2/6"),
    ("Blood cx 2/2 bottles GPC.", "2/2"),
    ("Ate 1/2 of dinner tray.", "1/2"),
    ("Gave 1/2 tab of percocet.", "1/2"),
    ("NS bolus 1500cc given at 2000.", "1500"),
    ("Levophed weaned off at 1900.", "1900"),
    ("Foley draining clear yellow urine.", "Foley"),
    ("Swan in place, CVP 12.", "Swan"),
    ("Dopplerable pulses, Fick CO 4.2.", "Fick"),
    ("Ativan 1mg given for agitation.", "Ativan"),
    ("NEURO: ALERT, MAE, FOLLOWS COMMANDS.", "NEURO"),
    ("MS IMPROVED AFTER HALDOL.", "IMPROVED"),
    ("PT WILL NEED REHAB, SCREENED TODAY.", "NEED REHAB"),
    ("Foley to gravity, UO 300cc.", "gravity"),
    ("Plan: support pt/family, cont current care.", "support"),
    ("Pt is a 45 yo man with CHF.", "45"),
    ("HR 90s, BP stable.", "90s"),
    ("Given 2-3 L NS overnight.", "2-3"),
    ("Given 40 meq KCL, swan in place.", "40 meq KCL"),
    ("Version 1.2.3.4 of the pump software.", "pump software"),
    ("MAP 65, CVP 8, PAD 14, CI 2.4.", "CI 2.4"),
    ("HR 25 SR. Lungs coarse bilat.", "Lungs"),
]


@pytest.mark.parametrize(("text", "value", "entity"), POSITIVES)
def test_positive(engine: PhiEngine, text: str, value: str, entity: str) -> None:
    assert_found_as(engine, text, value, entity)


@pytest.mark.parametrize(("text", "value"), NEGATIVES)
def test_negative(engine: PhiEngine, text: str, value: str) -> None:
    assert not touched(engine, text, value), found(engine, text)


@pytest.mark.parametrize(
    ("text", "value", "should_find"),
    [
        ("NPI 1234567893", "1234567893", True),
        ("NPI 1234567890", "1234567890", False),  # bad check digit: not an NPI
        ("DEA AB1234563", "AB1234563", True),
        ("DEA AB1234564", "AB1234564", False),
        ("VIN 1M8GDM9AXKP042788", "1M8GDM9AXKP042788", True),
        ("MRN 4451234", "4451234", True),
        ("Gave 4451234 units", "4451234", False),  # no MRN context
    ],
)
def test_checksums_and_context_decide(
    engine: PhiEngine, text: str, value: str, should_find: bool
) -> None:
    assert touched(engine, text, value) is should_find, found(engine, text)


def test_site_mrn_patterns_from_config() -> None:
    site = PhiEngine(mrn_patterns=[r"\bQX(?P<id>\d{6})\b"])
    text = "Labels printed for QX123456 today."
    assert ("MEDICAL_RECORD_NUMBER", "123456") in found(site, text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The request came from IP address 10.20.30.40.", "10.20.30.40"),
        ("Blocked 2001:db8::1.", "2001:db8::1"),
        ("Zbigniew Gwara's chart was opened.", "Zbigniew Gwara"),
        ("you can reach agnieszka at 617-555-0143", "agnieszka"),
    ],
)
def test_sentence_edges(engine: PhiEngine, text: str, value: str) -> None:
    assert covered(engine, text, value), found(engine, text)


@pytest.mark.parametrize(
    "text",
    [
        "Jackson-Pratt drain with 30cc serous output.",
        "EGD showed a Mallory Weiss tear.",
        "Cultures grew Klebsiella Pneumoniae and Pseudomonas Aeruginosa.",
        "Hx of Stevens Johnson syndrome with bactrim.",
        "Pt with Cheyne-Stokes breathing overnight.",
    ],
)
def test_eponyms_and_organisms_are_not_people(engine: PhiEngine, text: str) -> None:
    assert [e for e, _ in found(engine, text) if e == "PERSON"] == [], found(engine, text)


def test_bad_site_mrn_pattern_is_a_config_error() -> None:
    from auditor.errors import ConfigError

    with pytest.raises(ConfigError) as info:
        PhiEngine(mrn_patterns=["(unclosed"])
    assert info.value.field == "phi.mrn_patterns"


def test_possessive_is_not_part_of_the_name(engine: PhiEngine) -> None:
    text = "NPO for OR with Dr. Smith's team."
    assert ("PERSON", "Smith") in found(engine, text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("PT WAS ADMITTED TO BAYSTATE 10/28, TRANSFERRED HERE.", "BAYSTATE"),
        ("Transferred from Salem General with sepsis.", "Salem General"),
    ],
)
def test_facility_after_transfer_verbs(engine: PhiEngine, text: str, value: str) -> None:
    assert covered(engine, text, value), found(engine, text)
    assert all(e != "HOSPITAL" or "/" not in v for e, v in found(engine, text))
