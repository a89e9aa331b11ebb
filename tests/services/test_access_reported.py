"""A run's reported identities (``ReportedIdentities``): the same answers as a set of them."""

from __future__ import annotations

import hashlib
import random

import pytest

from auditor.services.access_findings import ReportedIdentities


def _identity(n: int) -> str:
    return hashlib.sha256(f"finding {n}".encode()).hexdigest()


@pytest.mark.parametrize("spill", [1, 3, 7, 64, ReportedIdentities.SPILL])
def test_fresh_is_a_set_of_what_was_reported(spill: int) -> None:
    """Batches with repeats within them and of earlier batches (recent and long spilled):
    each batch's fresh indices are those a set would keep, in order, the first of repeats."""
    rng = random.Random(spill)
    reported = ReportedIdentities(spill=spill)
    oracle: set[str] = set()
    drawn = 0
    for _ in range(120):
        batch = []
        for _ in range(rng.randrange(0, 40)):
            if drawn and rng.random() < 0.4:  # an identity seen before (or in this batch)
                batch.append(_identity(rng.randrange(drawn)))
            else:
                batch.append(_identity(drawn))
                drawn += 1
        want = []
        for i, identity in enumerate(batch):
            if identity not in oracle:
                oracle.add(identity)
                want.append(i)
        assert reported.fresh(batch) == want
        assert len(reported) == len(oracle)
    assert reported.fresh([_identity(n) for n in range(drawn)]) == []
    assert reported.fresh([_identity(drawn), _identity(drawn)]) == [0]


def test_spilled_identities_stay_reported() -> None:
    """Spilled to sorted arrays and merged, every identity is still found (each batch alone
    fills the set, so every earlier one lies in the arrays)."""
    reported = ReportedIdentities(spill=4)
    batches = [[_identity(n) for n in range(b * 5, b * 5 + 5)] for b in range(30)]
    for batch in batches:
        assert reported.fresh(batch) == list(range(5))
    for batch in reversed(batches):
        assert reported.fresh(batch) == []
    assert len(reported) == 150
