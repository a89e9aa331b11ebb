"""Table-driven positives and negatives per recognizer, and for the address structure, place
and name cues and compact dates (YYYYMMDD), through the full engine."""

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


# Address structure, place cues, name cues and compact dates (YYYYMMDD).
ADDRESS_AND_CUE_POSITIVES = [
    # compact dates with a date cue or as an HL7 field
    ("date of birth: 19480111", "19480111", "DATE_TIME"),
    ("DOB 19260102; admitted 3/4.", "19260102", "DATE_TIME"),
    ("Admit date: 202601271430", "202601271430", "DATE_TIME"),
    ("Born 20151207 at term.", "20151207", "DATE_TIME"),
    ("OBX|1|TS|collected||20240315|F", "20240315", "DATE_TIME"),
    # streets whose suffix is also a word need Title case (or caps before a unit)
    ("Ship to 30907 Hall Well Apt. 794 today.", "30907 Hall Well Apt. 794", "STREET_ADDRESS"),
    ("Lives at 5479 Todd Well Suite 818 in Davidshire.", "5479 Todd Well Suite 818",
     "STREET_ADDRESS"),
    ("Mail to 281 Morse Light, Deniseview, VT 05401", "281 Morse Light", "STREET_ADDRESS"),
    ("Lives at 12 Amy Lodge with her son.", "12 Amy Lodge", "STREET_ADDRESS"),
    ("Address: 1338 Melanie Extensions, Quincy", "1338 Melanie Extensions", "STREET_ADDRESS"),
    ("ADDRESS: 42 OAK POINT APT 3, BOSTON", "42 OAK POINT APT 3", "STREET_ADDRESS"),
    ("Lives at 9 Elm Street, Apt B, alone.", "9 Elm Street, Apt B", "STREET_ADDRESS"),
    # the town slot of an address, found by its place in the structure
    ("Ship to 30907 Hall Well Apt. 794, East Tonya, OR 12345", "East Tonya", "LOCATION"),
    ("Ship to 30907 Hall Well Apt. 794, East Tonya, OR 12345", "12345", "ZIP_CODE"),
    ("12 Elm St\nNew Robertmouth, NH 03101", "New Robertmouth", "LOCATION"),
    ("Guarantor: 023 Ricardo Way, Mariaton 29916", "Mariaton", "LOCATION"),
    ("Guarantor: 023 Ricardo Way, Mariaton 29916", "29916", "ZIP_CODE"),
    ("Address: 3331 Alvarez Point Apt. 288, Port Joshuafort.", "Port Joshuafort", "LOCATION"),
    ("patient address: 123 Main St Apt 4 Springfield MA 01101 USA", "Springfield", "LOCATION"),
    ("86 Costa Glens Suite 841 Emilyberg FL 18531", "Emilyberg", "LOCATION"),
    # "<Town> <ST> <ZIP>", "<Town>, <State>" outside an address
    ("Moved here from Danielleview NY 40629 in May.", "Danielleview", "LOCATION"),
    ("Billing: Wareham, MA 02571", "Wareham", "LOCATION"),
    # place cues: prepositions, "town of", dwelling verbs a few words back
    ("Transferred from a clinic in the town of Rodriguezchester.", "Rodriguezchester",
     "LOCATION"),
    ("She moved to the city of Jenniferville last May.", "Jenniferville", "LOCATION"),
    ("The family lives near West Kevinton.", "West Kevinton", "LOCATION"),
    ("Kornel Gomua from Port Tammy called.", "Port Tammy", "LOCATION"),
    ("I was born in Port Lisamouth.", "Port Lisamouth", "LOCATION"),
    ("PT LIVES WITH NIECE IN COOKSTAD, RETIRED.", "COOKSTAD", "LOCATION"),
    ("PT'S PCP DR. CURRY IN SOUTH JENNIFERSTAD FAXED RECORDS.", "SOUTH JENNIFERSTAD",
     "LOCATION"),
    # person cues
    ("Kurian family, 8126 Fox Ridge, Quincy", "Kurian", "PERSON"),
    ("Miller family, 527 Court St, Quincy", "Miller", "PERSON"),
    ("THE PATIENT KORNEL GOMUA WAS SEEN TODAY.", "KORNEL GOMUA", "PERSON"),
    ("Please call John Rich about the bill.", "John Rich", "PERSON"),
    ("Mr. Page is a 67 yo gentleman.", "Page", "PERSON"),
    ("Results reviewed with Gwara. Plan: f/u.", "Gwara", "PERSON"),
    ("RESULTS REVIEWED WITH PORTER.", "PORTER", "PERSON"),
    # the surname slot after a first name, even for surnames that are also words
    ("Please call Joshua Page at 958-242-2920.", "Joshua Page", "PERSON"),
    ("THE PATIENT JOHN WHITE WAS SEEN AT MERCY HOSPITAL.", "JOHN WHITE", "PERSON"),
    ("PT'S HUSBAND CAROL WHITE AND DAUGHTER CALLED.", "CAROL WHITE", "PERSON"),
]  # fmt: skip

ADDRESS_AND_CUE_NEGATIVES = [
    # compact dates: impossible dates, or no cue at all
    ("date of birth: 19481311", "19481311"),
    ("Gave 20150126 units of something.", "20150126"),
    ("Batch code 19990101 scanned.", "19990101"),
    # everyday words that are also street suffixes
    ("TOLERATED 2 CANS WELL, NO RESIDUALS", "CANS WELL"),
    ("Tolerated 2 cans well.", "cans well"),
    ("4 point restraints applied.", "point restraints"),
    ("Walked 3 steps, rest after.", "rest"),
    ("Took 2 Tylenol, slept well.", "well"),
    # the town slot needs proper words and an address ending
    ("Lives at 42 Elm Street, Apt 3, with wife.", "with wife"),
    ("12 ELM ST\nNEURO: ALERT", "NEURO"),
    ("Home: 2022 Lisa Isle, Port Mia, New Hampshire 03101", "New Hampshire"),
    # states and credentials are not towns or names
    ("Seen by Dr. Kowalczyk, MD today.", "MD"),
    ("Cranston, Florida 04394", "Florida"),
    ("Patient lives in North Kelly, NY.", "NY"),
    ("Moved here from Danielleview NY 40629 in May.", "NY"),
    ("CXR, CT and MRI done.", "CT"),
    # place cues do not reach across sentences or pick ordinary words
    ("Plan: go to North Side for CT.", "North"),
    ("PT LIVES WITH WIFE. IN AFIB ON ARRIVAL.", "AFIB"),
    ("LIVES WITH WIFE IN SINGLE FAMILY HOME", "SINGLE"),
    # person cues do not reach across sentences or into ordinary words
    ("Guarantor Nihal Jha, 023 Ricardo Way", "Guarantor"),
    ("Dr. Mills consulted. CIWA scale 8.", "CIWA"),
    ("PT IS ALERT, PT WAS SEEN BY PT.", "ALERT"),
    ("Pt Foley was removed.", "Foley"),
    ("Large family at bedside.", "Large"),
    ("JOHN LONG TIME SMOKER.", "LONG"),
    ("WIFE MARY STILL AT BEDSIDE.", "STILL"),
    ("Patient Mary has a Foley in place.", "Foley"),
]


@pytest.mark.parametrize(("text", "value", "entity"), POSITIVES + ADDRESS_AND_CUE_POSITIVES)
def test_positive(engine: PhiEngine, text: str, value: str, entity: str) -> None:
    assert_found_as(engine, text, value, entity)


@pytest.mark.parametrize(("text", "value"), NEGATIVES + ADDRESS_AND_CUE_NEGATIVES)
def test_negative(engine: PhiEngine, text: str, value: str) -> None:
    assert not touched(engine, text, value), found(engine, text)


@pytest.mark.parametrize(
    ("text", "value", "should_find"),
    [
        ("NPI 1234567893", "1234567893", True),
        # a bad check digit after its label: a provider's number mistyped, removed all the same
        ("NPI 1234567890", "1234567890", True),
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
        ("PID|1||A123||DOE^JOHN||19480111|M", "19480111"),
        ("She is originally from New Vincent, Florida.", "New Vincent"),
    ],
)
def test_covered_whatever_the_type(engine: PhiEngine, text: str, value: str) -> None:
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
