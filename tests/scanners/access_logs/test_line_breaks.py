"""FHIR NDJSON and ATNA number physical lines as the CSV readers do: CRLF, LF or a lone CR."""

from __future__ import annotations

import io
import json
import random
import re
from pathlib import Path

import pytest

from auditor.scanners.access_logs import atna, fhir
from auditor.scanners.access_logs.event import AccessEvent, Rejected
from auditor.scanners.formats.csv_records import iter_lines

_LINE = re.compile(rb"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")


@pytest.mark.parametrize("size", [1, 2, 5, 1 << 16])
def test_iter_lines_matches_the_one_rule_at_any_block_size(size: int) -> None:
    rng = random.Random(7)
    for _ in range(500):
        data = bytes(rng.choice(b"ab\r\n") for _ in range(rng.randint(0, 24)))
        expected = [m for m in _LINE.findall(data) if m]
        assert list(iter_lines(io.BytesIO(data), size)) == expected


def _fhir(user: str) -> str:
    return json.dumps(
        {
            "resourceType": "AuditEvent",
            "recorded": "2024-03-04T10:00:00Z",
            "agent": [{"requestor": True, "who": {"identifier": {"value": user}}}],
            "entity": [{"what": {"reference": "Patient/p1"}}],
        }
    )


@pytest.mark.parametrize("breaks", [["\r", "\r", "\r"], ["\r\n", "\r", "\n"], ["\n", "\r", "\r\n"]])
def test_fhir_ndjson_counts_a_lone_cr_as_a_line_break(tmp_path: Path, breaks: list[str]) -> None:
    path = tmp_path / "audit.ndjson"
    texts = [_fhir("u1"), "{not json", _fhir("u3")]
    path.write_bytes("".join(t + b for t, b in zip(texts, breaks, strict=True)).encode())
    records = list(fhir.iter_records(path))
    assert [(type(r).__name__, r.line) for r in records] == [
        ("AccessEvent", 1),
        ("Rejected", 2),
        ("AccessEvent", 3),
    ]
    assert isinstance(records[2], AccessEvent) and records[2].user_id == "u3"
    assert records[-1].end_offset == path.stat().st_size
    # Resuming at the second record's offset reads the rest with the same line numbers.
    resumed = list(fhir.iter_records(path, records[0].end_offset))
    assert [r.line for r in resumed] == [2, 3]


ATNA = (
    '<AuditMessage><EventIdentification EventActionCode="R" '
    'EventDateTime="2024-03-04T10:00:00Z"><EventID csd-code="110110"/></EventIdentification>'
    '<ActiveParticipant UserID="{user}" UserIsRequestor="true"/>'
    '<ParticipantObjectIdentification ParticipantObjectID="p1" '
    'ParticipantObjectTypeCode="1" ParticipantObjectTypeCodeRole="1"/></AuditMessage>'
)


def test_atna_counts_a_lone_cr_as_a_line_break(tmp_path: Path) -> None:
    path = tmp_path / "audit.log"
    # A message spread over three CR-ended lines, a line of garbage, then one on a CRLF line.
    first = ATNA.format(user="u1").replace("><", ">\r<", 2)
    path.write_bytes(f"{first}\rgarbage\r\n{ATNA.format(user='u2')}\r".encode())
    records = list(atna.iter_records(path))
    assert [(type(r).__name__, r.line) for r in records] == [
        ("AccessEvent", 1),
        ("Rejected", 4),
        ("AccessEvent", 5),
    ]
    assert isinstance(records[1], Rejected) and records[1].raw == "garbage"
    resumed = list(atna.iter_records(path, records[1].end_offset))
    assert [(type(r).__name__, r.line) for r in resumed] == [("AccessEvent", 5)]
