"""Numbers and bodies of education and custody paperwork (issue 14: rounds 155's and 156's dev
batches): a number in digit groups after its "no."/"#" ("Applicant no. 4471 2093"), a prisoner's
number by the prison system's word ("PRISN", "OTIS"), an identifier masked in groups with its last
digits shown ("*** *** 217"), Centrelink's reference after a bracketed label, an officer's
collar number near a word of custody, an evidence kit's number, a body-worn camera and a
patrol unit, Australia's 13 numbers; exam boards and student finance bodies by list; a town's
school district, a coach firm and a loan servicer by what they are.
"""

from __future__ import annotations

import pytest

from auditor.phi.engine import PhiEngine
from tests.phi.conftest import covered_whole, found, touched


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Congratulations! Applicant no. 4471 2093 has a place.", "4471 2093"),
        ("Inmate: morrow, kyle   OTIS #: 2280 6614   OHIP on file", "2280 6614"),
        ("Niamh Breathnach, PRISN 70318, on methadone 60 mg.", "70318"),
        ("HELP: deferred; TFN provided (*** *** 217)", "217"),
        ("Declared as *** *** 904 on the form.", "904"),
        ("Reference (CRN): 318 224 906K\n2 May 2024", "318 224 906K"),
    ],
)
def test_a_number_by_its_label(engine: PhiEngine, text: str, value: str) -> None:
    assert covered_whole(engine, text, value), found(engine, text)


@pytest.mark.parametrize(
    ("text", "body"),
    [
        ("Awarding body: WJEC   Series: June 2025", "WJEC"),
        ("SUSI - Student Universal Support Ireland\nApplication No.: 25/0044187", "SUSI"),
        ("Enrolment: Kettering City Schools, grade 4", "Kettering City Schools"),
        ("Operator: Fennimore Coach Lines   Route 14 (AM)", "Fennimore Coach Lines"),
        ("Quarrington Loan Servicing | PO Box 4471", "Quarrington Loan Servicing"),
        ("Pt is a Muscogee (Creek) Nation citizen, CDIB on file.", "Muscogee (Creek) Nation"),
    ],
)
def test_education_and_tribal_bodies(engine: PhiEngine, text: str, body: str) -> None:
    assert covered_whole(engine, text, body), found(engine, text)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Room no. 412 and dose no. 2 given at 0800.", "412"),
        ("Two IV Lines in place; arterial lines flushed.", "Lines"),
    ],
)
def test_counts_and_lines_stay(engine: PhiEngine, text: str, word: str) -> None:
    assert not touched(engine, text, word), found(engine, text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Questions about your payment? Call 13 24 68.", "13 24 68"),
        ("Enquiries: 132 860 (8am-8pm)", "132 860"),
    ],
)
def test_an_australian_thirteen_number_after_a_call_word(
    engine: PhiEngine, text: str, value: str
) -> None:
    assert covered_whole(engine, text, value), found(engine, text)


@pytest.mark.parametrize(
    "text", ["GCS 13 15 14 overnight, pupils equal.", "Started on 13 12 11 regimen today."]
)
def test_scores_and_regimens_are_no_thirteen_number(engine: PhiEngine, text: str) -> None:
    assert not any(kind == "PHONE_NUMBER" for kind, _ in found(engine, text)), found(engine, text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Custody sergeant Mbatha (PS 3382) says fit to detain.", "3382"),
        ("Evidence kit #WA-SAK-23-00412 sealed, handed to the detective.", "WA-SAK-23-00412"),
        ("Contact recorded on body-worn camera BWC-K2-118840.", "BWC-K2-118840"),
        ("Brought in by Sheriff's Office unit LK-207 at 0310.", "LK-207"),
    ],
)
def test_custody_numbers_and_devices(engine: PhiEngine, text: str, value: str) -> None:
    assert covered_whole(engine, text, value), found(engine, text)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Taken with food: PC 1200 and DC 4500 on the chart.", "1200"),
    ],
)
def test_meal_times_stay(engine: PhiEngine, text: str, word: str) -> None:
    assert not touched(engine, text, word), found(engine, text)
