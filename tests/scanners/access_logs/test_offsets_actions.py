"""Issue #15 and F9: impossible UTC offsets are quarantined by every reader (never moved to
another instant), and an unknown action's reason names the value and the vocabulary, which
a mapping's value map can translate to before the check."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from auditor.scanners.access_logs.event import ACTIONS
from tests.scanners.access_logs.reading import read_log

HEADER = "event_id,timestamp,user_id,patient_id,action,record_type,department,workstation,"
HEADER += "break_glass,reason"
WHEN = "2026-03-02T10:00:00"

# name -> (file name, format, writer of one event at ``stamp``)


def _csv(stamp: str) -> str:
    return f"{HEADER}\ne1,{stamp},u1,p1,view,note,ED,ws,false,\n"


def _mapped(stamp: str) -> str:
    return f"When;Who;MRN\n{stamp};u1;p1\n"


def _fhir(stamp: str) -> dict[str, object]:
    return {
        "resourceType": "AuditEvent",
        "id": "ae-1",
        "action": "R",
        "recorded": stamp,
        "agent": [{"who": {"identifier": {"value": "u1"}}, "requestor": True}],
        "entity": [{"what": {"reference": "Patient/p1"}}],
    }


def _atna(stamp: str) -> str:
    return (
        f'<AuditMessage><EventIdentification EventDateTime="{stamp}" EventActionCode="R"/>'
        '<ActiveParticipant UserID="u1" UserIsRequestor="true"/>'
        '<ParticipantObjectIdentification ParticipantObjectID="p1" '
        'ParticipantObjectTypeCode="1" ParticipantObjectTypeCodeRole="1"/></AuditMessage>\n'
    )


def _write(tmp_path: Path, reader: str, stamp: str) -> tuple[Path, str]:
    if reader == "csv":
        path = tmp_path / "log.csv"
        path.write_text(_csv(stamp), encoding="utf-8")
        return path, "csv"
    if reader in ("mapping-iso", "mapping-z"):
        mapping = tmp_path / "m.yaml"
        fmt = '\ntimestamp_format: "%Y-%m-%dT%H:%M:%S%z"' if reader == "mapping-z" else ""
        mapping.write_text(
            f'delimiter: ";"\ncolumns: {{timestamp: When, user_id: Who, patient_id: MRN}}{fmt}\n'
        )
        path = tmp_path / "log.txt"
        path.write_text(_mapped(stamp), encoding="utf-8")
        return path, f"mapping:{mapping}"
    if reader == "fhir-json":
        path = tmp_path / "one.json"
        path.write_text(json.dumps(_fhir(stamp), indent=2), encoding="utf-8")
        return path, "fhir"
    if reader == "fhir-ndjson":
        path = tmp_path / "log.ndjson"
        path.write_text(json.dumps(_fhir(stamp)) + "\n", encoding="utf-8")
        return path, "fhir"
    path = tmp_path / "audit.log"
    path.write_text(_atna(stamp), encoding="utf-8")
    return path, "atna"


READERS = ["csv", "mapping-iso", "mapping-z", "fhir-json", "fhir-ndjson", "atna"]


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize("offset", ["+25:00", "-05:60", "+14:01", "+2500", "-23:59"])
def test_impossible_offset_is_quarantined(tmp_path: Path, reader: str, offset: str) -> None:
    path, fmt = _write(tmp_path, reader, WHEN + offset)
    got = read_log(path, fmt, tmp_path / "work")
    assert got.rows == []
    assert got.read == 1
    (rej,) = got.rejected
    assert rej.line >= 1
    assert "impossible UTC offset" in rej.reason


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize("offset", ["+5:00", "+05::00", "+05:00:00"])
def test_malformed_offset_is_quarantined(tmp_path: Path, reader: str, offset: str) -> None:
    path, fmt = _write(tmp_path, reader, WHEN + offset)
    got = read_log(path, fmt, tmp_path / "work")
    assert got.rows == [] and got.read == 1
    (rej,) = got.rejected
    assert rej.reason.startswith("bad timestamp")


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize(
    ("offset", "utc"),
    [
        ("Z", datetime(2026, 3, 2, 10, tzinfo=UTC)),
        ("+14:00", datetime(2026, 3, 1, 20, tzinfo=UTC)),
        ("-14:00", datetime(2026, 3, 3, 0, tzinfo=UTC)),
        ("+05:30", datetime(2026, 3, 2, 4, 30, tzinfo=UTC)),
        ("-0930", datetime(2026, 3, 2, 19, 30, tzinfo=UTC)),
    ],
)
def test_valid_offsets_give_the_same_instant_in_every_reader(
    tmp_path: Path, reader: str, offset: str, utc: datetime
) -> None:
    if reader == "mapping-z" and offset == "Z":
        offset = "+00:00"  # strptime's %z wants digits
    path, fmt = _write(tmp_path, reader, WHEN + offset)
    got = read_log(path, fmt, tmp_path / "work")
    assert got.rejected == []
    (row,) = got.rows
    assert row.ts == utc


def _actions_csv(tmp_path: Path, actions: list[str]) -> Path:
    path = tmp_path / "log.csv"
    rows = [f"e{i},{WHEN}Z,u1,p1,{a},note,ED,ws,false," for i, a in enumerate(actions)]
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def test_unknown_action_reason_names_the_value_and_the_vocabulary(tmp_path: Path) -> None:
    path = _actions_csv(tmp_path, ["view", "edit", "Dana Okafor called about her results"])
    got = read_log(path, "csv", tmp_path / "work")
    assert [r.line for r in got.rows] == [2]
    edit, free_text = got.rejected
    assert edit.line == 3 and edit.field == "action"
    assert edit.reason.startswith("unknown action 'edit' (allowed: ")
    assert all(action in edit.reason for action in ACTIONS)
    # A value that is not a short code is not copied into the reason (it may be PHI).
    assert free_text.line == 4 and "okafor" not in free_text.reason.lower()
    assert free_text.reason.startswith("unknown action (allowed: view, create, update")


def test_value_map_in_a_mapping_is_applied_before_the_check(tmp_path: Path) -> None:
    path = _actions_csv(tmp_path, ["view", "edit", "EDIT", "print", "peek", ""])
    mapping = tmp_path / "ours.yaml"
    mapping.write_text("values:\n  action:\n    edit: update\n    print: print\n")
    got = read_log(path, f"mapping:{mapping}", tmp_path / "work")
    assert [(r.line, r.action) for r in got.rows] == [
        (2, "view"),
        (3, "update"),
        (4, "update"),
        (5, "print"),
        (7, "view"),
    ]
    (peek,) = got.rejected
    assert peek.line == 6 and peek.reason.startswith("unknown action 'peek'")
    assert [r.event_id for r in got.rows][:2] == ["e0", "e1"]  # canonical columns by default
