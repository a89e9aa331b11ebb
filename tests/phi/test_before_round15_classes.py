"""Classes fixed before round 15 (issue 14), by kind, from invented text in styles no corpus
had as its main one (forum and social posts, help-desk tickets): a person's handle in a post
(an @mention, a forum user, the author line), a login after its label with no digit in it,
an employer named where a job began or ended or by a coworker; what lies beside a name
without naming anyone (a form of address, a generation, a form's "self"); and a false alarm
gone: a clinical verb's inflection read as a place in a lower-case note.

Every value here is invented. Each class comes with look-alikes that must stay untouched.
"""

from __future__ import annotations

import pytest

from auditor.deid.sweep import Sweep
from auditor.phi.engine import PhiEngine
from auditor.phi.entities import Entity
from tests.phi.conftest import covered, found, kinds, touched

ACCOUNT = Entity.ACCOUNT_NUMBER.value
ID = Entity.ID_NUMBER.value
ORG = Entity.ORGANIZATION.value
PERSON = Entity.PERSON.value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("so grateful to @tamsin_w and the night crew", "tamsin_w"),
        ("cc @DrOkoroPeds, any advice?", "DrOkoroPeds"),
        ("Replying to @grace.h1987: my dad had the same", "grace.h1987"),
        ("Posted by halfmarathon_mum on 3 Feb", "halfmarathon_mum"),
        ("Comment from u/quietstorm_41: same ward, same nurse", "quietstorm_41"),
        ("thread started by u/caregiverlife", "caregiverlife"),
    ],
)
def test_a_handle_in_a_post_is_an_account(engine: PhiEngine, text: str, value: str) -> None:
    assert (ACCOUNT, value) in found(engine, text), found(engine, text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("meet @home after shift", "home"),
        ("vitals @ 0600 and @1400", "0600"),
        ("heparin 25000 u/500 mL at 18 u/kg/hr; insulin 2 u/hr", "500"),
        ("posted by admin on the intranet", "admin"),
        ("email the unit at charge.rn@ward.example", "ward"),
    ],
)
def test_a_word_a_time_or_a_dose_rate_is_no_handle(
    engine: PhiEngine, text: str, value: str
) -> None:
    assert ACCOUNT not in {e for e, v in found(engine, text) if value in v}, found(engine, text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Chart reprinted by user rfairbanks at 14:02", "rfairbanks"),
        ("login: dkowalski  workstation RAD-07", "dkowalski"),
        ("Logged in as mbrennan when the order was signed", "mbrennan"),
    ],
)
def test_a_login_after_its_label_is_an_identifier(engine: PhiEngine, text: str, value: str) -> None:
    assert (ID, value) in found(engine, text), found(engine, text)


@pytest.mark.parametrize(
    "text",
    [
        "user reported the screen froze; see the user manual",
        "login failed three times, logged in as admin after reset",
    ],
)
def test_a_word_after_a_login_label_is_no_login(engine: PhiEngine, text: str) -> None:
    assert ID not in kinds(engine, text), found(engine, text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("He was laid off from Halvorsen Plastics in June.", "Halvorsen Plastics"),
        ("retired from Dunmore Freight after 30 years", "Dunmore Freight"),
        ("Her boss at Quill & Anvil Printing drove her in.", "Quill & Anvil Printing"),
        ("hired by Brightcastle Analytics last spring", "Brightcastle Analytics"),
    ],
)
def test_an_employer_where_a_job_began_or_ended_is_found(
    engine: PhiEngine, text: str, value: str
) -> None:
    # whole, as an organisation or (a surname-shaped firm, "Halvorsen") as a name
    assert covered(engine, text, value), found(engine, text)
    assert {e for e, v in found(engine, text) if value in v} & {ORG, PERSON}


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("retired from the Army in 2004, now volunteers", "Army"),
        ("her manager at work noticed the tremor", "work"),
        ("retired from teaching last year", "teaching"),
    ],
)
def test_a_public_service_or_a_plain_word_after_a_job_cue_is_no_firm(
    engine: PhiEngine, text: str, value: str
) -> None:
    assert not touched(engine, text, value), found(engine, text)


@pytest.mark.parametrize(
    "text",
    [
        "pt home, ambulating well with walker",
        "lives alone @home, titrating insulin herself",
    ],
)
def test_a_clinical_verb_after_home_is_no_place(engine: PhiEngine, text: str) -> None:
    assert found(engine, text) == [], found(engine, text)


@pytest.mark.parametrize(
    ("text", "name", "outside"),
    [
        ("Your sister, Sra. Maribel Ochoa Ruiz, will sign.", "Maribel Ochoa Ruiz", "Sra"),
        ("Re: Puan Rosmah binti Idris (IC on file)", "Rosmah binti Idris", "Puan"),
        ("Frau Dagmar Lindqvist attended with her son.", "Dagmar Lindqvist", "Frau"),
        ("ATTN: ELROY T VANCE JR\n88 CYPRESS LN", "ELROY T VANCE", "JR"),
        ('"MORRISON, DALE III",2031-04-02', "MORRISON, DALE", "III"),
        ("seen with Howell Brandt Sr. and his wife", "Howell Brandt", "Sr"),
        # (after round 16: a credential written first, a newborn's placeholder)
        ("2031-01-04,HAV vax,2031-01-05,RN T. Abernathy,\n", "T. Abernathy", "RN"),
        (
            "| 0412 | BABY GIRL MCALLISTER | 3.1 kg |\n| 0415 | BABY BOY ORTIZ | 2.9 kg |",
            "MCALLISTER",
            "GIRL",
        ),
    ],
)
def test_a_form_of_address_and_a_generation_stay_outside_the_name(
    engine: PhiEngine, sweep: Sweep, text: str, name: str, outside: str
) -> None:
    spans = engine.analyze(text)
    assert (PERSON, name) in found(engine, text), found(engine, text)
    assert not touched(engine, text, outside), found(engine, text)
    # nor does the de-identifier's sweep take the form of address for a name of its own
    i = text.index(outside)
    assert not [s for s in sweep.spans(text, spans) if s.start <= i < s.end]


@pytest.mark.parametrize(
    "text",
    ["Guarantor: self   Relationship: 18", "Subscriber: same as patient", "Member: self (dep.)"],
)
def test_a_forms_self_answer_is_no_name(engine: PhiEngine, text: str) -> None:
    assert PERSON not in kinds(engine, text), found(engine, text)


def test_a_surname_self_after_a_given_name_is_still_a_name(engine: PhiEngine) -> None:
    text = "Patient: Dana Self, DOB 02/11/1971"
    assert (PERSON, "Dana Self") in found(engine, text), found(engine, text)
