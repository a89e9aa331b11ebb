"""Service records, newspapers and record numbers of family-history paperwork (issue 14: round
159's dev batch): a unit by its number and abbreviated kind with its force's letters ("7th Bn
AIF"), a nation's army or expeditionary force, a newspaper named by its town or edition, a
service number in digit groups, a number in brackets after its noun, a GEDCOM record's
cross-reference. A trade's word alone ("Medical Record", "the Post") names no paper.
"""

from __future__ import annotations

import pytest

from auditor.phi.engine import PhiEngine
from tests.phi.conftest import covered_whole, found, touched


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Enlisted 1916, posted to the 58th Bn CEF in France.", "58th Bn CEF"),
        ("Served with the 12th Light Horse AIF at Beersheba.", "12th Light Horse AIF"),
        ("Her father was serving in the Pakistan Army at the time.", "Pakistan Army"),
        ("Re-enlisted in the South African Artillery in 1917.", "South African Artillery"),
        ("Notice placed in the Evening Chronicle, 4 March 1952.", "Evening Chronicle"),
        ("Obituary, Wexford Examiner, 11 May 1934.", "Wexford Examiner"),
        ("Rank: Pte   Service no.: 32 771 904   Branch: infantry", "32 771 904"),
        ("the parish register extract (no. 40817) is enclosed", "40817"),
        ("0 @I2291@ INDI\n1 NAME Marta /Kessel/", "@I2291@"),
        ("Certificate ordered from the GRO, index ref 1874 Q2.", "GRO"),
        ("Form SF-180 mailed to the NPRC on 2 May.", "NPRC"),
    ],
)
def test_found(engine: PhiEngine, text: str, value: str) -> None:
    assert covered_whole(engine, text, value), found(engine, text)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Scanned into the Medical Record by HIM on arrival.", "Medical Record"),
        ("Article in Nursing Times on pressure care, shared at huddle.", "Nursing Times"),
        ("Left R 2nd Foot ulcer dressed, no slough.", "2nd Foot"),
    ],
)
def test_a_trade_word_alone_stays(engine: PhiEngine, text: str, word: str) -> None:
    assert not touched(engine, text, word), found(engine, text)
