"""Error classes fixed after round 8 (issue 14), by kind, developed on dev corpora only: a
standards body's or code system's URL (a FHIR "system", an XML namespace) is no URL to
remove, and no number inside an ISO object identifier is a record number.

Every value here is invented; none comes from a corpus.
"""

from __future__ import annotations

from auditor.phi.engine import PhiEngine
from auditor.phi.entities import Entity
from tests.phi.conftest import found

FHIR = (
    '{"identifier": [{"system": "urn:oid:1.3.6.1.4.1.55291.7.2", "value": "RT-7730194"},\n'
    '  {"system": "http://hl7.org/fhir/sid/us-ssn", "value": "219-09-9999"},\n'
    '  {"system": "http://terminology.hl7.org/CodeSystem/v2-0203", "code": "MR"}],\n'
    ' "code": {"system": "http://loinc.org", "code": "2345-7"},\n'
    ' "url": "https://portal.quillmoorclinic.com/p/88231"}'
)


def test_standards_urls_and_oids_are_left(engine: PhiEngine) -> None:
    spans = found(engine, FHIR)
    urls = [v for e, v in spans if e == Entity.URL.value]
    assert urls == ["https://portal.quillmoorclinic.com/p/88231"], spans
    assert all("55291" not in v for _, v in spans), spans


def test_identifiers_beside_them_are_still_found(engine: PhiEngine) -> None:
    values = {v for _, v in found(engine, FHIR)}
    assert "RT-7730194" in values
    assert "219-09-9999" in values


def test_a_dotted_version_or_date_is_no_oid(engine: PhiEngine) -> None:
    text = "Seen 03.11.2026; MRN 4471902 on file."
    values = {v for _, v in found(engine, text)}
    assert "4471902" in values and "03.11.2026" in values, values
