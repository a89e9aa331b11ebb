"""Control and bidi characters in identifiers, and implausible instants, in every reader.

An identifier holding a terminal control (ESC, BEL, C1) or a bidi override is quarantined
with its line and the field named (never the value); a reason keeps its text without them.
An instant outside the plausibility window (after the scan's clock plus the tolerance, or
before ``access.earliest_event``) is quarantined with the bound in its reason.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb
import pytest

from auditor.scanners.access_logs.csv_canonical import load_csv
from auditor.scanners.access_logs.event import (
    BadValue,
    EventWindow,
    check_identifier,
    clean_text,
)
from tests.scanners.access_logs.reading import read_log

HEADER = (
    "event_id,timestamp,user_id,patient_id,action,record_type,department,workstation,"
    "break_glass,reason"
)
ESC_TITLE = "\x1b]0;pwned\x07"
BAD_CHARS = [ESC_TITLE, "\x1b[2J", "\x00", "\x7f", "\x85", "\u202e", "\u2066", "\n"]


@pytest.mark.parametrize("bad", BAD_CHARS)
def test_identifier_check_names_the_field_not_the_value(bad: str) -> None:
    with pytest.raises(BadValue) as info:
        check_identifier(f"u{bad}1", "user_id")
    assert info.value.field == "user_id"
    assert bad not in str(info.value)
    assert check_identifier("Dr. Müller\t(ED)", "department") == "Dr. Müller\t(ED)"


def test_reason_keeps_text_and_line_breaks_without_controls() -> None:
    assert clean_text(f"chart{ESC_TITLE} review\u202e\nby ED") == "chart]0;pwned review\nby ED"


@pytest.mark.parametrize(
    ("column", "field"),
    [
        (2, "user_id"),
        (3, "patient_id"),
        (0, "event_id"),
        (5, "record_type"),
        (6, "department"),
        (7, "workstation"),
    ],
)
def test_canonical_csv_quarantines_unsafe_identifiers(
    tmp_path: Path, column: int, field: str
) -> None:
    good = "e1,2024-03-04T10:00:00Z,u1,p1,view,note,ED,ws1,false,"
    cells = good.split(",")
    cells[column] += ESC_TITLE
    cells[0] = "e2" + (ESC_TITLE if column == 0 else "")
    path = tmp_path / "log.csv"
    path.write_text(f"{HEADER}\n{good}\n{','.join(cells)}\n", encoding="utf-8")
    out = read_log(path, "csv", tmp_path / "work")
    assert [r.event_id for r in out.rows] == ["e1"]
    assert [(r.line, r.field) for r in out.rejected] == [(3, field)]
    assert out.rejected[0].reason == f"control or bidi character in '{field}'"
    assert out.read == 2


def test_canonical_csv_reason_and_attributes_are_cleaned(tmp_path: Path) -> None:
    path = tmp_path / "log.csv"
    reason = f'"BTG{ESC_TITLE}\u202e ok"'
    row = f"e1,2024-03-04T10:00:00Z,u1,p1,view,note,ED,ws1,true,{reason},x\x1b[2Jy"
    path.write_text(f"{HEADER},note\n{row}\n", encoding="utf-8")
    con = duckdb.connect()
    loaded = load_csv(con, path, label="log.csv")
    assert not loaded.rejected
    got = con.execute("SELECT reason, attributes['note'] FROM events WHERE bad IS NULL").fetchall()
    assert got == [("BTG]0;pwned ok", "x[2Jy")]


def test_mapping_quarantines_unsafe_identifiers(tmp_path: Path) -> None:
    mapping = tmp_path / "m.yaml"
    mapping.write_text(
        "delimiter: '|'\ncolumns: {timestamp: T, user_id: U, patient_id: P, department: D}\n",
        encoding="utf-8",
    )
    path = tmp_path / "log.txt"
    path.write_text(
        "T|U|P|D\n2024-03-04T10:00:00Z|u1|p1|ED\n2024-03-04T10:00:00Z|u2|p2|E\u2067D\n",
        encoding="utf-8",
    )
    out = read_log(path, f"mapping:{mapping}", tmp_path / "work")
    assert [r.user_id for r in out.rows] == ["u1"]
    assert [(r.line, r.field) for r in out.rejected] == [(3, "department")]


def _fhir(user: str, recorded: str = "2024-03-04T10:00:00Z", reason: str = "") -> str:
    return json.dumps(
        {
            "resourceType": "AuditEvent",
            "id": "a1",
            "recorded": recorded,
            "subtype": [{"code": "read"}],
            "purposeOfEvent": [{"text": reason}] if reason else [],
            "agent": [{"requestor": True, "who": {"identifier": {"value": user}}}],
            "entity": [{"what": {"reference": "Patient/p1"}}],
        }
    )


def test_fhir_quarantines_unsafe_user_and_cleans_reason(tmp_path: Path) -> None:
    path = tmp_path / "audit.ndjson"
    lines = [_fhir("u1", reason=f"care{ESC_TITLE}"), _fhir(f"u{ESC_TITLE}2"), _fhir("u\u202e3")]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = read_log(path, "fhir", tmp_path / "work")
    assert [(r.user_id, r.reason) for r in out.rows] == [("u1", "care]0;pwned")]
    assert [(r.line, r.field) for r in out.rejected] == [(2, "user_id"), (3, "user_id")]
    assert all(ESC_TITLE not in r.reason for r in out.rejected)


ATNA = (
    '<AuditMessage><EventIdentification EventActionCode="R" EventDateTime="{ts}">'
    '<EventID csd-code="110110"/></EventIdentification>'
    '<ActiveParticipant UserID="{user}" UserIsRequestor="true"/>'
    '<ParticipantObjectIdentification ParticipantObjectID="{patient}" '
    'ParticipantObjectTypeCode="1" ParticipantObjectTypeCodeRole="1"/></AuditMessage>'
)


def test_atna_quarantines_unsafe_patient_id(tmp_path: Path) -> None:
    path = tmp_path / "audit.xml"
    ok = ATNA.format(ts="2024-03-04T10:00:00Z", user="u1", patient="p1")
    # XML 1.0 cannot hold ESC at all (invalid XML); C1 controls (CSI) and bidi it can.
    bad = ATNA.format(ts="2024-03-04T10:00:00Z", user="u2", patient="p\u009b2J2")
    bidi = ATNA.format(ts="2024-03-04T10:00:00Z", user="u&#x202e;3", patient="p3")
    path.write_text(f"{ok}\n{bad}\n{bidi}\n", encoding="utf-8")
    out = read_log(path, "atna", tmp_path / "work")
    assert [r.user_id for r in out.rows] == ["u1"]
    assert [(r.line, r.field) for r in out.rejected] == [(2, "patient_id"), (3, "user_id")]


IMPLAUSIBLE = ["9999-12-31T00:00:00Z", "0001-01-01T00:00:00Z", "1970-01-01T00:00:00Z"]


def test_window_bounds_and_reasons() -> None:
    now = datetime(2026, 12, 3, 10, 0, tzinfo=UTC)
    window = EventWindow.at(now, future_tolerance_hours=2, earliest_event=date(2010, 1, 1))
    assert window.latest == datetime(2026, 12, 3, 12, 0, tzinfo=UTC)
    assert window.earliest == datetime(2010, 1, 1, tzinfo=UTC)
    assert "more than 2 hours after" in window.late_reason("timestamp")
    assert "before 2010-01-01" in window.early_reason("recorded")


@pytest.mark.parametrize("fmt", ["csv", "fhir", "atna"])
def test_implausible_instants_are_quarantined_in_every_reader(tmp_path: Path, fmt: str) -> None:
    stamps = ["2024-03-04T10:00:00Z", *IMPLAUSIBLE, "2026-12-03T09:00:00+14:00"]
    if fmt == "csv":
        path = tmp_path / "log.csv"
        rows = [f"e{i},{ts},u{i},p{i},view,note,ED,ws1,false," for i, ts in enumerate(stamps)]
        path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
        first = 2
    elif fmt == "fhir":
        path = tmp_path / "log.ndjson"
        path.write_text("\n".join(_fhir("u1", ts) for ts in stamps) + "\n", encoding="utf-8")
        first = 1
    else:
        path = tmp_path / "log.xml"
        msgs = [ATNA.format(ts=ts, user="u1", patient="p1") for ts in stamps]
        path.write_text("\n".join(msgs) + "\n", encoding="utf-8")
        first = 1
    # The scan's clock: 2026-12-03 10:00 UTC, so +14:00 at 09:00 (2026-12-02 19:00Z) is fine.
    spec_now = datetime(2026, 12, 3, 10, 0, tzinfo=UTC)
    out = read_log(path, fmt, tmp_path / "work", window=EventWindow.at(spec_now))
    assert len(out.rows) == 2
    reasons = {r.line - first: r.reason for r in out.rejected}
    assert sorted(reasons) == [1, 2, 3]
    assert "after the scan's clock" in reasons[1]
    assert "before 2000-01-01" in reasons[2] and "before 2000-01-01" in reasons[3]
    assert all(r.field == "timestamp" for r in out.rejected)
    assert out.read == len(stamps)


def test_window_tolerance_is_configurable(tmp_path: Path) -> None:
    path = tmp_path / "log.csv"
    path.write_text(
        f"{HEADER}\ne1,1995-06-01T00:00:00Z,u1,p1,view,,,,,\ne2,2026-12-04T09:00:00Z,u1,p1,,,,,,\n",
        encoding="utf-8",
    )
    now = datetime(2026, 12, 3, 10, 0, tzinfo=UTC)
    wide = EventWindow.at(now, future_tolerance_hours=48, earliest_event=date(1990, 1, 1))
    assert len(read_log(path, "csv", tmp_path / "w1", window=wide).rows) == 2
    narrow = EventWindow.at(now, future_tolerance_hours=1)
    out = read_log(path, "csv", tmp_path / "w2", window=narrow)
    assert not out.rows and len(out.rejected) == 2
