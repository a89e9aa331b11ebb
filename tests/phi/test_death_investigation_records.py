"""References, offices and addressees as death investigations, autopsy reports and inquest
papers write them (issue 14: round 162's dev batch): a case's reference of capitals and digit
groups in any order, a police case number of serial, month and year, a post-mortem's number
after "PM", the area a coroner serves, a county examiner's office in a heading's capitals, and
the forensic services by name; whose death an inquest is about; a street east of which it
happened. A pathologist's job before an address is no street.
"""

from __future__ import annotations

import pytest

from auditor.phi.engine import PhiEngine
from tests.phi.conftest import assert_found_as, covered_whole, found, touched


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("IN THE CORONERS COURT AT NELSON\nCSU-2016-NSN-000233\nFINDINGS", "CSU-2016-NSN-000233"),
        ("Police report (PR-20190311-0072) is attached.", "PR-20190311-0072"),
        ("REPORT KE-FR-19-00733 | category: fraud", "KE-FR-19-00733"),
        ("Bed 4, #UR-207-19-03. Septic shock.", "UR-207-19-03"),
        ("Umlazi SAPS CAS 918/04/2015 refers.", "918/04/2015"),
        ("Subject: RE: Brennagh - PM 19/2204 - interim cause", "19/2204"),
        ("Identification of PM 2011/0457 confirmed by odontology.", "2011/0457"),
        ("(HM Senior Coroner for West Sussex and Brighton)", "West Sussex and Brighton"),
        ("Findings into the drowning of HEMARANA TUKINO at the lake.", "HEMARANA TUKINO"),
        ("the vehicle left the road east of Quillendorf Rd and rolled", "Quillendorf Rd"),
        (
            "CALDER BLUFF COUNTY MEDICAL EXAMINER'S OFFICE\nREPORT OF AUTOPSY",
            "CALDER BLUFF COUNTY MEDICAL EXAMINER'S OFFICE",
        ),
    ],
)
def test_a_reference_or_an_office(engine: PhiEngine, text: str, value: str) -> None:
    assert covered_whole(engine, text, value), found(engine, text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Toxicology pending (QHFSS ref T21-0091).", "QHFSS"),
        ("Body released to PathWest for toxicology.", "PathWest"),
    ],
)
def test_a_forensic_service_by_name(engine: PhiEngine, text: str, value: str) -> None:
    assert_found_as(engine, text, value, "ORGANIZATION")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        (
            "Dr A. Monteith, Consultant Forensic Pathologist, Ninewells Hospital, Dundee DD1 9SY",
            "Consultant Forensic Pathologist",
        ),
        ("Enrolled in trial NCT-0000-XYZ at cycle 2.", "NCT-0000-XYZ"),
    ],
)
def test_a_job_or_a_registry_number_stays(engine: PhiEngine, text: str, value: str) -> None:
    assert not touched(engine, text, value), found(engine, text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        (
            "Garda Síochána, Ballyhaunis Garda Station, Garda Ó Ceallaigh",
            "Ballyhaunis Garda Station",
        ),
        (
            "Report copied to NHS Lancashire and South Cumbria ICB.",
            "NHS Lancashire and South Cumbria ICB",
        ),
    ],
)
def test_a_garda_station_or_a_health_commissioner(engine: PhiEngine, text: str, value: str) -> None:
    assert_found_as(engine, text, value, "ORGANIZATION")
