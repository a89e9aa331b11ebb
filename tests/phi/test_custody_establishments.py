"""Prisons, jails and custody suites by name (issue 14: round 156's dev batch of correctional
and custody health care): the service's letters before the name ("HMP", the federal Bureau of
Prisons' "FCI"/"FMC"), the name before what it is ("State Prison", "Correctional Facility",
"Custody Centre", "Institution"), the French names of Canada's establishments, and the
national and state services that run them. A kind with no name of its own stays ("a Federal
Detention Center", "USP grade").
"""

from __future__ import annotations

import pytest

from auditor.phi.engine import PhiEngine
from tests.phi.conftest import covered_whole, found, touched


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Establishment: HMP Brackenholt   Release date: 14/02/25", "HMP Brackenholt"),
        ("Reception screen at HMYOI Quarrendon Vale on arrival.", "HMYOI Quarrendon Vale"),
        ("Facility: FCI Oxbarrow Flats   Encounter 03/09/2021", "FCI Oxbarrow Flats"),
        ("Institution: Saddle Creek State Prison   Date: 12-02-2017", "Saddle Creek State Prison"),
        (
            "Arrivé de l'Établissement de détention de Saint-Oriel-des-Monts.",
            "Établissement de détention de Saint-Oriel-des-Monts",
        ),
    ],
)
def test_a_custodial_establishment_by_its_name(engine: PhiEngine, text: str, name: str) -> None:
    assert covered_whole(engine, text, name), found(engine, text)


@pytest.mark.parametrize(
    ("text", "body"),
    [
        (
            "Federal Bureau of Prisons - Health Services Clinical Encounter",
            "Federal Bureau of Prisons",
        ),
        ("Correctional Service Canada - Health Services Intake", "Correctional Service Canada"),
        (
            "Referred on release by HM Prison and Probation Service.",
            "HM Prison and Probation Service",
        ),
        (
            "Minnesota Department of Corrections - chronic care clinic",
            "Minnesota Department of Corrections",
        ),
    ],
)
def test_the_services_that_run_them(engine: PhiEngine, text: str, body: str) -> None:
    assert covered_whole(engine, text, body), found(engine, text)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("He was held in a Federal Detention Center for a month.", "Federal Detention Center"),
        ("Rinse with USP grade sterile water before use.", "USP"),
        ("He spent a night in the County Jail in his twenties.", "County Jail"),
    ],
)
def test_a_kind_with_no_name_stays(engine: PhiEngine, text: str, word: str) -> None:
    assert not touched(engine, text, word), found(engine, text)


@pytest.mark.parametrize(
    ("text", "court"),
    [
        (
            "R v Ashworth-Bale   Crown Court at Lenderby   Case no. T20234471",
            "Crown Court at Lenderby",
        ),
        (
            "Court: District Court, Ninth Judicial District, Crow Wing County",
            "District Court, Ninth Judicial District",
        ),
    ],
)
def test_a_court_with_where_it_sits(engine: PhiEngine, text: str, court: str) -> None:
    assert covered_whole(engine, text, court), found(engine, text)
