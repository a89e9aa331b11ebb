"""Error classes fixed after round 8 (issue 14), by kind, developed on dev corpora only:
lettered multi-part identifiers, national identity cards and council registrations by label.

Every value here is invented; none comes from a corpus. Each class comes with look-alikes
that must stay untouched.
"""

from __future__ import annotations

import pytest

from auditor.phi.engine import PhiEngine
from auditor.phi.entities import Entity
from tests.phi.conftest import covered, found

# -- lettered multi-part identifiers, national ids, council registrations -----------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Sample kit no. QR-B-5520917 posted today.", "QR-B-5520917"),
        ('{"value": "NJ-DL-40918826"}', "NJ-DL-40918826"),
        ("Ticket WRD/25/0193 opened on admission.", "WRD/25/0193"),
        ("Patient NIC 200178804415 verified at desk.", "200178804415"),
        ("Dr P. Wickrama, SLMC 31208", "31208"),
        ("Signed: Dr H. Osei, GMC 7712093", "7712093"),
    ],
)
def test_identifier_shapes_and_labels(engine: PhiEngine, text: str, value: str) -> None:
    assert covered(engine, text, value), found(engine, text)


@pytest.mark.parametrize(
    "text",
    [
        "HLA-B-5701 negative; SARS-CoV-2 PCR negative.",
        "Sodium 135-145 mmol/L, ratio 1/2/3.",
        "Drip at 25/50/75 mL/h.",
    ],
)
def test_clinical_codes_are_no_identifiers(engine: PhiEngine, text: str) -> None:
    assert [e for e, _ in found(engine, text) if e != Entity.DATE_TIME.value] == []
