"""Round 8 (issue 14): organisations and facilities of everyday words, by two evidences.

A run of capitalised words counts as an organisation or facility when it stands where such
names stand (after a cue such as "referred to", "records from", a form's label, or alone on
a letterhead line), holds a word that names rather than describes, and spaCy's NER tags it
ORG or FAC (:mod:`auditor.phi.recognizers.org_evidence`). The type follows the head words and
the cue. Departments and services in the same places ("Referral to Cardiology", "Infection
Control", "Insurer: Medicare") stay out, and so do capitals-only notes.

Also: a name after a form's label or before a suffix does not run on across a line break.

Names are invented; none comes from a corpus.
"""

from __future__ import annotations

import pytest

from auditor.phi.engine import PhiEngine
from auditor.phi.entities import Entity
from auditor.phi.recognizers.org_evidence import Candidate, OrgEvidence
from tests.phi.conftest import found

TYPED = [
    ("Referred to Quillmoor Family Physicians for follow-up.", "Quillmoor Family Physicians",
     Entity.HOSPITAL),
    ("Sleep study at Larkwood Sleep Lab showed AHI 22.", "Larkwood Sleep Lab", Entity.HOSPITAL),
    ("Records requested from Tamsworth Endoscopy last week.", "Tamsworth Endoscopy",
     Entity.HOSPITAL),
    ("Meals delivered by Neighbors Table daily.", "Neighbors Table", Entity.ORGANIZATION),
    ("Claim filed with Harrowgate Assurance on Monday.", "Harrowgate Assurance",
     Entity.ORGANIZATION),
    ("cc: Gullwing Point Pediatrics", "Gullwing Point Pediatrics", Entity.HOSPITAL),
    ("Pharmacy on file: Tollgate Drug, Elm St", "Tollgate Drug", Entity.HOSPITAL),
    # a label that names a person or a firm: NER's PERSON tag confirms it too
    ("Exam dated 08/30/2026. Examiner: Medexa Southwest, exam ref 22",
     "Medexa Southwest", Entity.ORGANIZATION),
]  # fmt: skip

NOT_FOUND = [
    "Referral to Cardiology for echo.",
    "Follow-up with Internal Medicine in 3 months.",
    "Seen at Urgent Care for URI.",
    "Insurer: Medicare",
    "Infection Control aware.",
    "Patient Relations contacted by daughter.",
    "Discussed with Social Work and Case Management.",
    "Seen by Pain Management this morning.",
    "Blood drawn at Outpatient Lab.",
    "Sent to Interventional Radiology for drain.",
    "Letter to GP Dr Farooqi today.",
    "Found on floor by HCA Maribel Santos.",
    "Discussed at Morbidity and Mortality conference.",
    "Transferred from Labor and Delivery.",
    "Arrived via Private Vehicle.",
    "Supplied by Central Supply.",
    "Signed, Quality Assurance Committee",
    "Followed by Heart Failure Clinic.",
    "Pharmacy on file: Mail Order",
    "Stable overnight. Plan: Metoprolol Succinate 25 mg daily.",
    "Dressing done. Site: Left Forearm clean.",
]


@pytest.mark.parametrize(("text", "value", "entity"), TYPED)
def test_everyday_names_in_an_organisations_place_are_found_and_typed(
    engine: PhiEngine, text: str, value: str, entity: Entity
) -> None:
    assert (entity.value, value) in found(engine, text)


@pytest.mark.parametrize("text", NOT_FOUND)
def test_departments_services_and_people_are_no_organisations(engine: PhiEngine, text: str) -> None:
    kinds = {Entity.HOSPITAL.value, Entity.ORGANIZATION.value}
    assert not [f for f in found(engine, text) if f[0] in kinds]


def test_a_letterhead_line_under_a_doctor_is_a_practice(engine: PhiEngine) -> None:
    text = (
        "Yours sincerely,\nDr. Oriel Vantongeren, MD\nBramblecote Valley Rheumatology\n12 Fenn Road"
    )
    assert any(v == "Bramblecote Valley Rheumatology" for _, v in found(engine, text))


def test_capitals_only_notes_give_no_candidates(engine: PhiEngine) -> None:
    text = "PT SEEN AT (555) 201-3344, UPDATED BY RN WILLA. TRANSFER TO OAKHAVEN CARE."
    spans = engine.org_evidence.find(text, [], lambda texts: [[] for _ in texts], shouting=True)
    assert spans == []


def test_ner_must_tag_the_run_for_it_to_count(engine: PhiEngine) -> None:
    evidence = OrgEvidence(engine.lexicon)
    text = "Referred to Quillmoor Family Physicians for follow-up."
    cands = evidence.candidates(text)
    assert [text[c.start : c.end] for c in cands] == ["Quillmoor Family Physicians"]
    assert evidence.confirm(text, cands, []) == []
    start = text.index("Quillmoor")
    person = [(start, start + len("Quillmoor Family Physicians"), "PERSON")]
    assert evidence.confirm(text, cands, person) == []
    org = [(start, start + len("Quillmoor Family Physicians"), "ORG")]
    assert evidence.confirm(text, cands, org) == [
        (cands[0].start, cands[0].end, Entity.HOSPITAL.value, 0.6)
    ]


def test_a_run_of_service_words_is_no_candidate(engine: PhiEngine) -> None:
    evidence = OrgEvidence(engine.lexicon)
    assert evidence.candidates("Transferred to Medical Step Down Unit.") == []
    assert evidence.candidates("Seen by Respiratory Therapy.") == []
    assert evidence.candidates("Employer: Retired") == []


def test_candidate_cue_types_the_run(engine: PhiEngine) -> None:
    evidence = OrgEvidence(engine.lexicon)
    text = "Discharged to Wrenfield Commons; employed by Dovetail Freightways."
    cands = {text[c.start : c.end]: c for c in evidence.candidates(text)}
    assert cands["Wrenfield Commons"] == Candidate(
        text.index("Wrenfield"), text.index("Wrenfield") + 17, True
    )
    assert cands["Dovetail Freightways"].facility_cue is False


def test_a_labelled_name_stops_at_the_line_break(engine: PhiEngine) -> None:
    text = "School: Fernhollow Middle\nAgency: Pending review"
    values = [v for _, v in found(engine, text)]
    assert "Fernhollow Middle" in values
    assert not any("\n" in v for v in values)


def test_a_suffix_name_does_not_reach_back_over_a_line(engine: PhiEngine) -> None:
    text = "Odalys Brenner, RN\nCare Coordinator, Saltmarsh Health Partners"
    assert not any("\n" in v for _, v in found(engine, text))


GRAMMAR_FOUND = [
    # a practice's letterhead line of everyday words under a doctor's name
    ("Yours,\nDr. Imre Sollano\nQuiet Harbor Oncology\nRe: follow-up", "Quiet Harbor Oncology"),
    # a bank, trust or group with the region it serves
    ("Referral logged\nOrvis Sight Eye Bank of the Lowlands   Ref 22",
     "Orvis Sight Eye Bank of the Lowlands"),
    # a court with two kinds joined, and in capitals in a mixed-case text
    ("Letter from the Probate and Family Court today.", "Probate and Family Court"),
    ("The mother brought a copy of the custody order received this week.\n"
     "PROBATE AND FAMILY COURT OF KESTREL COUNTY\nDocket 4",
     "PROBATE AND FAMILY COURT OF KESTREL COUNTY"),
    # donated blood and tissue services, a village health station, a saint's GP surgery
    ("Tessaly Ridge Blood Services · 300 Pine St", "Tessaly Ridge Blood Services"),
    ("Barangay Malinis Health Station, Tarlac City", "Barangay Malinis Health Station"),
    ("TO: ST BRENDA'S SURGERY, re your patient", "ST BRENDA'S SURGERY"),
    ("Smoker. GP: Ollerton Mill Surgery, Dr Sahni.", "Ollerton Mill Surgery"),
    # a laboratory named for its place
    ("Panel sent to Lincolnshire Regional Genetics Lab on 4/11.",
     "Lincolnshire Regional Genetics Lab"),
]  # fmt: skip

GRAMMAR_NOT_FOUND = [
    ("Sincerely,\nDr. Jane Roe\nPediatric Cardiology\n(555) 201-3344", "Pediatric Cardiology"),
    ("Sincerely,\nDr. Jane Roe\nInternal Medicine\n(555) 201-3344", "Internal Medicine"),
    ("Donated to the Blood Bank. Eye Bank notified.", "Eye Bank"),
    ("Admitted to the Mental Health Unit.", "Mental Health Unit"),
    ("Booked for Weight Loss Surgery next month.", "Weight Loss Surgery"),
    ("Sent to Cath Lab emergently.", "Cath Lab"),
    ("Specimen to Core Lab and Stat Lab.", "Core Lab"),
    ("Blood drawn at Main Lab.", "Main Lab"),
    ("Record sent to GP via PharmOutcomes today.", "PharmOutcomes"),
    ("Record sent to GP via PharmOutcomes today.", "GP"),
    ("EDUCATION — CLASS ROSTER   Prairie Vale Health Centre", "CLASS ROSTER"),
    ("CALL RECORD   Orvis Sight Eye Bank of the Lowlands", "CALL RECORD"),
]


@pytest.mark.parametrize(("text", "value"), GRAMMAR_FOUND)
def test_facility_and_organisation_kinds_by_grammar(
    engine: PhiEngine, text: str, value: str
) -> None:
    kinds = {Entity.HOSPITAL.value, Entity.ORGANIZATION.value}
    assert any(k in kinds and v == value for k, v in found(engine, text))


@pytest.mark.parametrize(("text", "value"), GRAMMAR_NOT_FOUND)
def test_departments_and_services_by_grammar_are_not_found(
    engine: PhiEngine, text: str, value: str
) -> None:
    kinds = {Entity.HOSPITAL.value, Entity.ORGANIZATION.value}
    assert not any(value in v or v in value for k, v in found(engine, text) if k in kinds)


@pytest.mark.parametrize(
    ("text", "value", "entity"),
    [
        ("Seen at Silverbay Lake Dermatology in May.", "Silverbay Lake Dermatology",
         Entity.HOSPITAL),
        ("Films from Clearbrook Radiology reviewed.", "Clearbrook Radiology", Entity.HOSPITAL),
    ],
)  # fmt: skip
def test_a_name_ending_in_a_facility_head_is_typed_as_the_facility(
    engine: PhiEngine, text: str, value: str, entity: Entity
) -> None:
    assert (entity.value, value) in found(engine, text)


def test_a_surname_that_is_also_a_trade_stays_a_person(engine: PhiEngine) -> None:
    text = "Spoke with Hartley Mills, the son, by phone."
    assert ("PERSON", "Hartley Mills") in found(engine, text)
