"""Well-known firms, charities and hospitals named without a suffix or a cue (issue 14).

A bank, a utility, a chain of shops, a carrier or a large employer is named as people name it:
"direct debit from Nedbank", "gas from Enbridge", "works nights at Woolworths". None of these
words says "organisation" by its shape, so the engine reads them from hand-written lists
(``resources/well_known_firms.txt``, ``resources/national_charities.txt``). The lists' rules
are checked here too: no entry alone is an English word, a given name, a frequent surname or
a clinical term, which would turn a note's ordinary words into firms. Hospitals abroad are
named by their short names in their own countries' notes ("Derriford", "the Mater", "NIMHANS":
``resources/world_facilities.txt``), which hold no "Hospital" for the grammar to read.
Sentences invented.
"""

from __future__ import annotations

import re

import pytest

from auditor.phi.engine import PhiEngine
from auditor.phi.entities import Entity
from auditor.phi.recognizers.lexicon import Lexicon
from auditor.phi.resources import lines as resource_lines
from tests.phi.conftest import found, found_as, kinds

ORG = Entity.ORGANIZATION.value
HOSPITAL = Entity.HOSPITAL.value


@pytest.mark.parametrize(
    ("text", "firm"),
    [
        ("Rent is paid by direct debit from her Nedbank account.", "Nedbank"),
        ("Wants to move the gas supply to Enbridge Gas before winter.", "Enbridge Gas"),
        ("Works nights stacking shelves at Woolworths, back on Monday.", "Woolworths"),
        ("Son drives for Canadian National Railway, away weekdays.", "Canadian National Railway"),
        ("Refund sent to his Bank of Ireland current account.", "Bank of Ireland"),
        ("Broadband with Aussie Broadband cut off for arrears.", "Aussie Broadband"),
        ("HUSBAND WORKS NIGHTS FOR TESCO, HOME 0700", "TESCO"),
        ("Prescription collected at Shoppers Drug Mart by daughter.", "Shoppers Drug Mart"),
        ("Referred to Macmillan Cancer Support for benefits advice.", "Macmillan Cancer Support"),
        ("Wife volunteers with the Salvation Army on Tuesdays.", "Salvation Army"),
        ("Given the Kids Help Phone number and a school contact.", "Kids Help Phone"),
        ("Concentrator + portable from Rotech. Order says 2L.", "Rotech"),
        ("is the PICC staying for home infusion? OptionCare needs a stop date", "OptionCare"),
    ],
)
def test_a_well_known_firm_is_an_organisation(engine: PhiEngine, text: str, firm: str) -> None:
    assert ORG in found_as(engine, text, firm), found(engine, text)


@pytest.mark.parametrize(
    "text",
    [
        "TSB 212 umol/L at 36 h, below the phototherapy line.",
        "CVS: S1 S2, no murmur. RBC 4.1, IgA normal.",
        "DPD status checked before capecitabine; IBM on the differential.",
        "Target SpO2 92-96%. Boots and gloves on for the dressing.",
        "Air entry equal. General appearance well. One episode of emesis.",
    ],
)
def test_clinical_words_and_english_words_are_no_firm(engine: PhiEngine, text: str) -> None:
    assert ORG not in kinds(engine, text), found(engine, text)


def test_a_firm_needs_its_case(engine: PhiEngine) -> None:
    """An entry matches as written or in capitals, never in lower case (a lower-case note's
    words prove nothing: they are the de-identifier's sweep's to judge)."""
    text = "she banks with nedbank, gas via enbridge, shops at woolworths."
    assert ORG not in kinds(engine, text), found(engine, text)


@pytest.mark.parametrize(
    ("text", "hospital"),
    [
        ("Transferred to Derriford for primary PCI overnight.", "Derriford"),
        ("Booked into the Mater for the scope next week.", "the Mater"),
        ("Seen in OPD at NIMHANS, Bengaluru, in 2019.", "NIMHANS"),
        ("Retrieved to Groote Schuur by road.", "Groote Schuur"),
        ("Follow-up at Ninewells with the stroke team.", "Ninewells"),
    ],
)
def test_a_hospital_abroad_by_its_short_name(engine: PhiEngine, text: str, hospital: str) -> None:
    assert HOSPITAL in found_as(engine, text, hospital), found(engine, text)


@pytest.mark.parametrize(
    "text",
    [
        "IP no RCH/IP/2018/0391 on the wristband.",  # a record number's site letters
        "Lives at 29 Stollery St with her sister.",  # a street named like a hospital
        "The dura mater was intact at closure.",  # no "the Mater" in a sentence's words
    ],
)
def test_a_listed_hospital_in_a_number_or_a_street_is_none(engine: PhiEngine, text: str) -> None:
    assert HOSPITAL not in kinds(engine, text), found(engine, text)


@pytest.mark.parametrize(
    "resource", ["well_known_firms.txt", "national_charities.txt", "world_facilities.txt"]
)
def test_no_entry_alone_is_an_ordinary_word_or_a_frequent_name(resource: str) -> None:
    lexicon = Lexicon.load()
    entries = resource_lines(resource)
    assert len(entries) > 100
    bad = []
    for entry in entries:
        words = re.findall(r"[^\W_]+", entry)
        if len(words) != 1:
            continue  # (a name with its kind, or with its article: "the Alfred")
        key = words[0].lower()
        if words[0].isupper() and len(key) > 1 and key not in lexicon.stoplist:
            continue  # an acronym matches only in capitals
        rank = lexicon.surname_rank.get(key)
        if (
            key in lexicon.english
            or lexicon.is_first(key)
            or (rank is not None and rank <= 5000)
            or key in lexicon.stoplist
        ):
            bad.append(entry)
    assert not bad, bad


def test_the_meninges_are_no_one(engine: PhiEngine) -> None:
    """A hospital is "the Mater"; "the dura mater" was a person (two unknown words in lower
    case): the meninges' words are clinical terms."""
    text = "The dura mater was intact at closure; arachnoid mater clear."
    assert kinds(engine, text) == set(), found(engine, text)
