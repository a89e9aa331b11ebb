"""Property tests of the CSV access-log readers (canonical and the Epic mapping), through
the scan's own path (segments, DuckDB): generated records come back as the same events on
their true lines, whatever the quoting and line breaks; garbage after a valid header is
quarantined record by record with its file text, and read = processed + quarantined."""

from __future__ import annotations

import csv
import io

from hypothesis import given
from hypothesis import strategies as st

from auditor.errors import InputError
from auditor.event_columns import CANONICAL_COLUMNS
from tests.property.access_records import (
    FAST,
    Event,
    check_accounting,
    events,
    is_file_text,
    line_breaks,
    scratch,
)
from tests.scanners.access_logs.reading import read_log

COLUMNS = list(CANONICAL_COLUMNS)
TRUE = ["true", "1", "yes", "y", "t", "TRUE", "Yes"]
FALSE = ["false", "0", "no", "n", "f", "", "False"]


def _cell_row(cells: list[str], delimiter: str = ",") -> str:
    buf = io.StringIO()  # "\r\n" as terminator: cells holding CR or LF get quoted
    csv.writer(buf, delimiter=delimiter, lineterminator="\r\n").writerow(cells)
    return buf.getvalue()[:-2]


def _breaks(text: str) -> int:
    return text.count("\n") + text.count("\r") - text.count("\r\n")


@st.composite
def canonical_files(draw: st.DrawFn) -> tuple[bytes, list[tuple[int, Event]]]:
    """A canonical CSV (columns shuffled, endings mixed) and each event with its line."""
    order = draw(st.permutations(COLUMNS))
    rows = draw(st.lists(events(), min_size=1, max_size=12))
    text = _cell_row(list(order)) + draw(line_breaks)
    line = 2
    expected = []
    for event, stamp in rows:
        action = event.action if draw(st.booleans()) else event.action.upper()
        flag = draw(st.sampled_from(TRUE if event.break_glass else FALSE))
        values = {
            "event_id": event.event_id,
            "timestamp": stamp,
            "user_id": event.user_id,
            "patient_id": event.patient_id,
            "action": "" if event.action == "view" and draw(st.booleans()) else action,
            "record_type": event.record_type.upper(),
            "department": event.department,
            "workstation": event.workstation,
            "break_glass": flag,
            "reason": event.reason,
        }
        row = _cell_row([values[c] for c in order])
        expected.append((line, event))
        text += row + draw(line_breaks)
        line += 1 + _breaks(row)
        if draw(st.integers(0, 5)) == 0:  # a blank line: not a record, still a line
            blank = draw(line_breaks)
            # A lone CR then a break opening with LF would be one CRLF, not two line breaks.
            text += "\r" if text.endswith("\r") and blank.startswith("\n") else blank
            line += 1
    return text.encode("utf-8"), expected


def _as_event(row: object) -> Event:
    return Event(
        row.event_id,  # type: ignore[attr-defined]
        row.ts,  # type: ignore[attr-defined]
        row.user_id,  # type: ignore[attr-defined]
        row.patient_id,  # type: ignore[attr-defined]
        row.action,  # type: ignore[attr-defined]
        row.record_type,  # type: ignore[attr-defined]
        row.department,  # type: ignore[attr-defined]
        row.workstation,  # type: ignore[attr-defined]
        row.break_glass,  # type: ignore[attr-defined]
        row.reason,  # type: ignore[attr-defined]
    )


@FAST
@given(canonical_files(), st.sampled_from([1 << 20, 200]))
def test_canonical_records_round_trip(
    generated: tuple[bytes, list[tuple[int, Event]]], segment_bytes: int
) -> None:
    data, expected = generated
    with scratch() as tmp:
        path = tmp / "log.csv"
        path.write_bytes(data)
        got = read_log(path, "csv", tmp / "work", segment_bytes=segment_bytes)
    assert got.rejected == [], data
    assert got.read == len(expected)
    assert sorted(((r.line, _as_event(r)) for r in got.rows), key=lambda pair: pair[0]) == sorted(
        expected, key=lambda pair: pair[0]
    )


garbage_lines = st.one_of(
    st.binary(max_size=60),
    st.text(alphabet=st.sampled_from(list('ab,"\r\n\t;é\x00Z+:-0129T ')), max_size=60).map(
        lambda t: t.encode("utf-8")
    ),
)


@FAST
@given(
    canonical_files(),
    st.lists(st.tuples(st.integers(0, 20), garbage_lines), min_size=1, max_size=6),
    st.sampled_from([1 << 20, 150]),
)
def test_canonical_garbage_is_quarantined_with_its_text(
    generated: tuple[bytes, list[tuple[int, Event]]],
    planted: list[tuple[int, bytes]],
    segment_bytes: int,
) -> None:
    data, _ = generated
    head, _, body = data.partition(b"\n") if b"\n" in data.split(b"\r", 1)[0] else (b"", b"", b"")
    if not head:  # keep the header on its own line
        return
    lines = body.split(b"\n")
    for at, junk in planted:
        lines.insert(min(at, len(lines)), junk)
    data = head + b"\n" + b"\n".join(lines)
    with scratch() as tmp:
        path = tmp / "log.csv"
        path.write_bytes(data)
        try:
            got = read_log(path, "csv", tmp / "work", segment_bytes=segment_bytes)
        except InputError as exc:  # only the header can stop a file
            assert exc.file == str(path) and exc.line in (1, None)
            return
    check_accounting(got, data)
    for rej in got.rejected:
        assert is_file_text(data, rej), (rej.line, rej.reason, rej.raw)


@FAST
@given(st.binary(max_size=300))
def test_any_bytes_are_an_input_error_or_quarantined(data: bytes) -> None:
    header = ",".join(COLUMNS).encode()
    for content in (data, header + b"\n" + data):
        with scratch() as tmp:
            path = tmp / "log.csv"
            path.write_bytes(content)
            try:
                got = read_log(path, "csv", tmp / "work")
            except InputError as exc:
                assert exc.file == str(path)
                continue
        check_accounting(got, content)


EPIC_ACTIONS = {"10": "view", "20": "update", "21": "create", "30": "print", "40": "query"}
EPIC_TYPES = {"10": "demographics", "20": "note", "21": "orders", "30": "chart", "40": "chart"}


@st.composite
def epic_files(draw: st.DrawFn) -> tuple[bytes, list[tuple[int, Event]]]:
    header = "ACCESS_INSTANT|ACCESS_TIME|USER_ID|PAT_ID|METRIC_ID|WORKSTATION_ID|"
    header += "DEPARTMENT_ID|ACCESS_REASON|BREAK_THE_GLASS_YN"
    text = header + draw(line_breaks)
    expected = []
    line = 2
    for event, _ in draw(st.lists(events(free=False), min_size=1, max_size=10)):
        metric = draw(st.sampled_from(sorted(EPIC_ACTIONS)))
        instant = str(draw(st.integers(1, 10**9)))
        ts = event.ts.replace(microsecond=0)
        cells = [
            instant,
            ts.strftime("%Y-%m-%d %H:%M:%S"),
            event.user_id,
            event.patient_id,
            metric,
            event.workstation,
            event.department,
            event.reason,
            "Y" if event.break_glass else draw(st.sampled_from(["N", "n", ""])),
        ]
        text += _cell_row(cells, "|") + draw(line_breaks)
        want = Event(
            f"{instant}:{event.user_id}:{event.patient_id}:{metric}",
            ts,
            event.user_id,
            event.patient_id,
            EPIC_ACTIONS[metric],
            EPIC_TYPES[metric],
            event.department,
            event.workstation,
            event.break_glass,
            event.reason,
        )
        expected.append((line, want))
        line += 1
    return text.encode("utf-8"), expected


@FAST
@given(epic_files())
def test_epic_records_round_trip(generated: tuple[bytes, list[tuple[int, Event]]]) -> None:
    data, expected = generated
    with scratch() as tmp:
        path = tmp / "extract.txt"
        path.write_bytes(data)
        got = read_log(path, "epic", tmp / "work")
    assert got.rejected == []
    assert sorted(((r.line, _as_event(r)) for r in got.rows), key=lambda pair: pair[0]) == sorted(
        expected, key=lambda pair: pair[0]
    )
