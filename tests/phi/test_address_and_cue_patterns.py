"""Table-driven positives and negatives for the address structure, place cues, name cues and
compact dates (YYYYMMDD), through the full engine."""

from __future__ import annotations

import pytest

from auditor.phi.engine import PhiEngine
from tests.phi.conftest import assert_found_as, covered, found, touched

# (text, value that must be covered, entity type expected on it)
POSITIVES = [
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

# (text, value that must NOT be touched by any span)
NEGATIVES = [
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


@pytest.mark.parametrize(("text", "value", "entity"), POSITIVES)
def test_positive(engine: PhiEngine, text: str, value: str, entity: str) -> None:
    assert_found_as(engine, text, value, entity)


@pytest.mark.parametrize(("text", "value"), NEGATIVES)
def test_negative(engine: PhiEngine, text: str, value: str) -> None:
    assert not touched(engine, text, value), found(engine, text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("PID|1||A123||DOE^JOHN||19480111|M", "19480111"),
        ("She is originally from New Vincent, Florida.", "New Vincent"),
    ],
)
def test_covered_whatever_the_type(engine: PhiEngine, text: str, value: str) -> None:
    assert covered(engine, text, value), found(engine, text)
