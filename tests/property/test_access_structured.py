"""Property tests of the FHIR AuditEvent (JSON, Bundle, NDJSON) and ATNA readers, through the
scan's own path: generated records come back as the same events on their lines; garbage is
quarantined with its line, reason and the file's own text; read = processed + quarantined."""

from __future__ import annotations

import dataclasses
import json
from typing import Any
from xml.sax.saxutils import quoteattr

from hypothesis import given
from hypothesis import strategies as st

from auditor.scanners.access_logs.fhir import SUBTYPE_ACTIONS
from tests.property.access_records import (
    FAST,
    Event,
    check_accounting,
    events,
    is_file_text,
    scratch,
)
from tests.scanners.access_logs.reading import Row, read_log

SUBTYPES = {"view": "read", "create": "create", "update": "update", "delete": "delete"}
SUBTYPES |= {"query": "search", "print": "print", "export": "export", "login": "110122"}
assert all(SUBTYPE_ACTIONS[code] == action for action, code in SUBTYPES.items())


def _resource(event: Event, stamp: str) -> dict[str, Any]:
    requestor: dict[str, Any] = {"who": {"identifier": {"value": event.user_id}}, "requestor": True}
    if event.department:
        requestor["location"] = {"display": event.department}
    if event.workstation:
        requestor["network"] = {"address": event.workstation}
    res: dict[str, Any] = {
        "resourceType": "AuditEvent",
        "id": event.event_id,
        "subtype": [{"code": SUBTYPES[event.action]}],
        "recorded": stamp,
        "agent": [{"who": {"identifier": {"value": "app"}}, "requestor": False}, requestor],
        "entity": [{"what": {"reference": f"Patient/{event.patient_id}"}}],
    }
    if event.break_glass:
        res["purposeOfEvent"] = [{"coding": [{"code": "BTG"}], "text": event.reason}]
    elif event.reason:
        res["purposeOfEvent"] = [{"text": event.reason}]
    return res


def _expected(event: Event) -> Event:
    """What the FHIR reader gives back (a patient entity alone is a demographics access)."""
    return Event(
        event.event_id,
        event.ts,
        event.user_id,
        event.patient_id,
        event.action,
        "demographics",
        event.department,
        event.workstation,
        event.break_glass,
        event.reason,
    )


def _event(row: Row) -> Event:
    return Event(
        row.event_id,
        row.ts,
        row.user_id,
        row.patient_id,
        row.action,
        row.record_type,
        row.department,
        row.workstation,
        row.break_glass,
        row.reason,
    )


def _by_line(rows: list[Row]) -> list[tuple[int, Event]]:
    return sorted(((r.line, _event(r)) for r in rows), key=lambda pair: pair[0])


unique_events = st.lists(
    events(free=True), min_size=1, max_size=8, unique_by=lambda e: e[0].event_id
)


@FAST
@given(
    unique_events, st.sampled_from(["ndjson", "bundle", "single"]), st.sampled_from(["\n", "\r\n"])
)
def test_fhir_records_round_trip(generated: list[tuple[Event, str]], shape: str, end: str) -> None:
    if shape == "single":
        generated = generated[:1]
    resources = [_resource(e, s) for e, s in generated]
    if shape == "ndjson":
        text = end.join(json.dumps(r) for r in resources) + end
        expected = [(k + 1, _expected(e)) for k, (e, _) in enumerate(generated)]
    elif shape == "bundle":
        bundle = {"resourceType": "Bundle", "entry": [{"resource": r} for r in resources]}
        text = json.dumps(bundle, indent=1)
        expected = [(k + 1, _expected(e)) for k, (e, _) in enumerate(generated)]
    else:
        text = json.dumps(resources[0], indent=2)
        expected = [(1, _expected(generated[0][0]))]
    with scratch() as tmp:
        path = tmp / ("log.ndjson" if shape == "ndjson" else "log.json")
        path.write_text(text, encoding="utf-8", newline="")
        got = read_log(path, "fhir", tmp / "work", events_per_segment=3)
    assert got.rejected == []
    assert _by_line(got.rows) == expected


ndjson_garbage = st.one_of(
    st.binary(max_size=40).filter(lambda b: b"\n" not in b and b"\r" not in b),
    st.sampled_from(
        [b"{}", b"[]", b'{"resourceType": "AuditEvent"}', b"  ", b"\xef\xbb\xbf{", b"[" * 80]
    ),
)


@FAST
@given(
    unique_events, st.lists(st.tuples(st.integers(0, 10), ndjson_garbage), min_size=1, max_size=5)
)
def test_fhir_ndjson_garbage_is_quarantined_with_its_line(
    generated: list[tuple[Event, str]], planted: list[tuple[int, bytes]]
) -> None:
    lines = [json.dumps(_resource(e, s)).encode() for e, s in generated]
    for at, junk in planted:
        lines.insert(min(at, len(lines)), junk)
    data = b"\n".join(lines) + b"\n"
    with scratch() as tmp:
        path = tmp / "log.ndjson"
        path.write_bytes(data)
        got = read_log(path, "fhir", tmp / "work", events_per_segment=2)
    check_accounting(got, data)
    good = {e.event_id for e, _ in generated}
    assert {r.event_id for r in got.rows} >= good - {""}
    for rej in got.rejected:
        assert is_file_text(data, rej, lstrip_bom=True), (rej.line, rej.reason, rej.raw)


@FAST
@given(st.binary(max_size=400))
def test_fhir_any_bytes_are_quarantined(data: bytes) -> None:
    for name in ("log.ndjson", "log.json"):
        with scratch() as tmp:
            path = tmp / name
            path.write_bytes(b'{"resourceType":' + data)
            got = read_log(path, "fhir", tmp / "work")
        check_accounting(got, b'{"resourceType":' + data)


def _message(event: Event, stamp: str) -> str:
    codes = {"view": "R", "create": "C", "update": "U", "delete": "D", "query": "E"}
    action = codes.get(event.action, "R")
    btg = '<PurposeOfUse csd-code="BTG"/>' if event.break_glass else ""
    ws = f" NetworkAccessPointID={quoteattr(event.workstation)}" if event.workstation else ""
    return (
        f"<AuditMessage><EventIdentification EventDateTime={quoteattr(stamp)} "
        f'EventActionCode="{action}">{btg}</EventIdentification>\n'
        f'<ActiveParticipant UserID={quoteattr(event.user_id)} UserIsRequestor="true"{ws}/>\n'
        f"<ParticipantObjectIdentification ParticipantObjectID={quoteattr(event.patient_id)} "
        'ParticipantObjectTypeCode="1" ParticipantObjectTypeCodeRole="1"/></AuditMessage>'
    )


@FAST
@given(unique_events, st.booleans(), st.sampled_from(["\n", "\r\n"]))
def test_atna_records_round_trip(
    generated: list[tuple[Event, str]], syslog: bool, end: str
) -> None:
    text, line, expected = "", 1, []
    codes = {"view", "create", "update", "delete", "query"}
    for event, stamp in generated:
        message = _message(event, stamp).replace("\n", end)
        if syslog:
            message = f"<85>1 2026-03-02T10:00:00Z host app 1 IHE - {message}"
        text += message + end
        action = event.action if event.action in codes else "view"
        want = Event(
            "", event.ts, event.user_id, event.patient_id, action, "demographics", "",
            event.workstation, event.break_glass, "",
        )  # fmt: skip
        expected.append((line, want))
        line += 3
    with scratch() as tmp:
        path = tmp / "audit.log"
        path.write_text(text, encoding="utf-8", newline="")
        got = read_log(path, "atna", tmp / "work", events_per_segment=2)
    assert got.rejected == []
    assert all(r.event_id.startswith("atna-") for r in got.rows)
    rows = [(line, dataclasses.replace(event, event_id="")) for line, event in _by_line(got.rows)]
    assert rows == expected


atna_garbage = st.one_of(
    st.binary(max_size=60).filter(lambda b: b"\n" not in b and b"\r" not in b),
    st.sampled_from(
        [
            b"<AuditMessage>",
            b"<AuditMessage><x></AuditMessage>",
            b'<AuditMessage><EventIdentification EventDateTime="2026-03-02T10:00:00+25:00"/>'
            b"</AuditMessage>",
            b"<85>1 2026 host app - - <AuditMessage></AuditMessage>",
            b"<!DOCTYPE x><AuditMessage></AuditMessage>",
            b"   trailing  ",
        ]
    ),
)


@FAST
@given(unique_events, st.lists(st.tuples(st.integers(0, 10), atna_garbage), min_size=1, max_size=5))
def test_atna_garbage_is_quarantined_with_its_line(
    generated: list[tuple[Event, str]], planted: list[tuple[int, bytes]]
) -> None:
    blocks = [_message(e, s).replace("\n", " ").encode() for e, s in generated]
    for at, junk in planted:
        blocks.insert(min(at, len(blocks)), junk)
    data = b"\n".join(blocks) + b"\n"
    with scratch() as tmp:
        path = tmp / "audit.log"
        path.write_bytes(data)
        got = read_log(path, "atna", tmp / "work", events_per_segment=2)
    check_accounting(got, data)
    for rej in got.rejected:
        if rej.raw:
            assert is_file_text(data, rej, lstrip_bom=True), (rej.line, rej.reason, rej.raw)
