"""Round 3 (issue 14) error classes, by kind: weekdays, record-number shapes, local phones,
extensions, context windows cut mid-word, and PERSON guesses straddling an address (F19).

Values are invented; none comes from a corpus.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from auditor.phi.engine import PhiEngine
from auditor.phi.entities import Entity
from auditor.phi.recognizers.overlaps import drop_persons_in_places
from auditor.phi.recognizers.patterns import context_regex, near
from tests.phi.conftest import check_found, covered_as, found, found_cases

FOUND = [
    # a weekday named in full pins the day against the note's date
    ("Family will visit on Thursday afternoon.", "Thursday"),
    ("DISCHARGE PLANNED FOR MONDAY.", "MONDAY"),
    ("Monday's clinic was cancelled.", "Monday"),
    # a date right after "Date of birth" (the cue "ate" must not be read inside "Date")
    ("Date of birth: 23.04.81\nWard 3", "23.04.81"),
    ("DOB 19640702.", "19640702"),
    # record numbers by shape, no cue needed
    ("Seen with Alder, Kim (40617291) in clinic.", "40617291"),
    ("Two labels: Ruth Fenn (H7730415) and another.", "H7730415"),
    ("Bay 4: Omar Said (4418207K).", "4418207K"),
    ("Chart (MRN-5530917) reviewed.", "MRN-5530917"),
    ("Receipt 55120-QT attached.", "55120-QT"),
    ("Request 4-2281-903 logged.", "4-2281-903"),
    ("Consented: Ivy Holt (KD 7712045).", "KD 7712045"),
    # local phones after a close cue, grouped national numbers, extensions alone
    ("wife Jo ph 93124477 after six", "93124477"),
    ("Pharmacy 0161 4960733 for repeats.", "0161 4960733"),
    ("Call 01632 960981 to rebook.", "01632 960981"),
    ("Requested by the ward clerk, ext 4417.", "4417"),
    ("Follow-up: kp@example.net, 7656 2349.", "7656 2349"),
    # non-US address layouts: street types, town, postcode by national grammar, any case
    ("Send to 643 Payne Meander, East Micheal 2952 today.", "643 Payne Meander"),
    ("Send to 643 Payne Meander, East Micheal 2952 today.", "East Micheal"),
    ("Send to 643 Payne Meander, East Micheal 2952 today.", "2952"),
    ("home to 07 lee brae, sanchezview with daughter", "sanchezview"),
    ("at 5 kings row, new mathew n9 8bz on friday", "n9 8bz"),
    ("88 Ewing Row Suite 915 Mayoton C6M 6M7", "C6M 6M7"),
    ("Apt. 7 81 Jessica Cul-de-sac, Lake David 6802", "81 Jessica Cul-de-sac"),
    ("post to studio 1 gavin trail, new mathew n9 8bz", "studio 1 gavin trail"),
    # organisations: a trade after a name, a legal suffix in lower case
    ("Collect from Fowler Pharmacy on Monday.", "Fowler Pharmacy"),
    ("requested by pratt ltd last week", "pratt ltd"),
    # facilities: a capital "The" mid-sentence opens the name; GP practices named for streets
    ("Bed manager, The Hansen Clinic, called.", "The Hansen Clinic"),
    ("Registered at Mill Road Surgery.", "Mill Road Surgery"),
    # an age over 89 set off after a name; initials written as such
    ("Participant Ann Lee, 97, declined.", "97"),
    ("Subject 4471 initials MT screened.", "MT"),
    # generational suffixes, four-digit postcodes after their label, insurers and employers
    ("Name: Adam Webb Jr. Phone on file.", "Adam Webb"),  # the generation is left outside
    ("Postcode: 2474", "2474"),
    ("Letter from Pinnacle Mutual Health about the appeal.", "Pinnacle Mutual Health"),
    ("fell from a ladder at work (Kingfisher Timber), wrist", "Kingfisher Timber"),
    ("the Civil Rights Act of 2015 protects", "2015"),
    # schools, places of worship, labelled pharmacies, GP practices named in one word
    ("Attends Little Acorns Preschool.", "Little Acorns Preschool"),
    ("Goes to Oakfield Primary School.", "Oakfield Primary School"),
    ("Pharmacy: Boots, High Street.", "Boots"),
    ("Registered at Meadowbank Surgery.", "Meadowbank Surgery"),
    # a first name that is also a word, after a relative, closing its clause
    ("discharge home with daughter destiny.", "destiny"),
    # after its label, even with a bad check digit (it was a look-alike here before round 15)
    ("NPI 1234567890 on the order.", "1234567890"),
]
NOT_FOUND = [
    ("Plt 150000 this morning, stable.", "150000"),
    ("Balance of $250000 outstanding.", "250000"),
    ("Penicillin 1200000 units IM once.", "1200000"),
    ("Batch code 19990101 scanned.", "19990101"),
    ("Vent 600x12, PEEP 5, insulin 10u.", "600x12"),
    ("Sat 94% on 2L, monitor on.", "Sat"),
    ("Goes to Sunday School with her cousins.", "Sunday"),
    ("Collect from Outpatient Pharmacy today.", "Outpatient Pharmacy"),
    ("Day 2 post surgery, general surgery review.", "surgery"),
    ("HR, 96, BP 120/80; glucose (110) noted.", "96"),
    ("Walked 1200 8000 steps, pain 3/10.", "1200 8000"),
    ("Heparin 5000 units, Hb 9.8, K 4.1.", "5000"),
    ("wife may call later; son will visit.", "may"),
    ("lying flat 30 degrees, unit 5 bed 2", "flat 30"),
    ("Total of 2000 ml out overnight.", "2000"),
    ("Bariatric Surgery and Colorectal Surgery both reviewed her.", "Colorectal Surgery"),
    ("Question for pharmacy: Mr. Abdullah in bed 4.", "Mr."),
    ("Passed her Nursing School exams.", "Nursing School"),
    ("To whom it may concern, I, Mel White, ask for my notes.", "I,"),
]


@pytest.mark.parametrize(("text", "value", "expected"), found_cases(FOUND, NOT_FOUND))
def test_round3_classes(engine: PhiEngine, text: str, value: str, expected: bool) -> None:
    check_found(engine, text, value, expected, whole=True)


def test_call_centre_number_is_a_phone(engine: PhiEngine) -> None:
    text = "Call 617-555-0143 after 5pm."
    assert covered_as(engine, text, "617-555-0143", Entity.PHONE_NUMBER), found(engine, text)
    assert Entity.ID_NUMBER not in {e for e, _ in found(engine, text)}


def test_cue_window_reads_whole_words() -> None:
    cue = context_regex(["ate", "call"])
    text = "Date of birth: 23.04.81, callus"
    start = text.index("23")
    assert not near(text, start, start + 8, cue, 14, 0)  # "ate" is the tail of "Date"
    assert not near(text, start, start + 8, cue, 0, 12)  # "call" is the head of "callus"
    assert near("we ate 1/2 tray", 7, 10, cue, 6, 0)


# F19: "Oak Street, Springfield" read as a name pair is an address, not a PERSON.
def test_person_straddling_address_is_dropped(engine: PhiEngine) -> None:
    text = "Moved to 12 Oak Street, Springfield last year."
    kinds = {e for e, v in found(engine, text) if "Street" in v or "Springfield" in v}
    assert Entity.PERSON not in kinds, found(engine, text)
    assert covered_as(engine, text, "12 Oak Street", Entity.STREET_ADDRESS)
    assert covered_as(engine, text, "Springfield", Entity.LOCATION)


@dataclass(frozen=True)
class _S:
    entity_type: str
    start: int
    end: int


def test_overlap_rule_trims_keeps_and_drops() -> None:
    text = "Andrew Jackson of Oak Street, Springfield"
    street = _S(Entity.STREET_ADDRESS, 18, 28)  # "Oak Street"
    town = _S(Entity.LOCATION, 30, 41)  # "Springfield"
    straddle = _S(Entity.PERSON, 22, 41)  # "Street, Springfield"
    crossing = _S(Entity.PERSON, 7, 21)  # "Jackson of Oak": keeps "Jackson of"
    inside = _S(Entity.PERSON, 18, 21)  # "Oak" inside the street
    whole = _S(Entity.PERSON, 0, 14)  # no overlap at all
    out = drop_persons_in_places(text, [street, town, straddle, crossing, inside, whole])
    persons = sorted(text[s.start : s.end] for s in out if s.entity_type == Entity.PERSON)
    assert persons == ["Andrew Jackson", "Jackson of"]
    assert street in out and town in out
    alone = drop_persons_in_places(text, [street, straddle])  # the town found by no one
    assert [(s.entity_type, text[s.start : s.end]) for s in alone] == [
        (Entity.STREET_ADDRESS, "Oak Street"),
        (Entity.LOCATION, "Springfield"),
    ]
    same = _S(Entity.PERSON, 30, 41)  # the same word read both ways: left to the merge
    assert same in drop_persons_in_places(text, [town, same])
