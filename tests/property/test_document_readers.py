"""Property tests of the HL7 v2 and JSON / JSON Lines document readers: generated documents
give back every value at a location that points to it; arbitrary bytes give units, issues
naming their line, or one input error naming the file, never another exception."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from auditor.errors import InputError
from auditor.scanners.documents.encoding import BinaryContentError
from auditor.scanners.documents.hl7 import Hl7Scanner
from auditor.scanners.documents.jsondoc import JsonLinesScanner, JsonScanner
from auditor.scanners.documents.units import ExtractOptions, TextUnit, UnitIssue
from tests.property.access_records import QUICK, scratch

OPTIONS = ExtractOptions()
values = st.text(alphabet="ABCdef 0123456789.-", min_size=1, max_size=12).filter(str.strip)
segment_ids = st.sampled_from(["PID", "PV1", "NK1", "OBX", "ZX1"])


@st.composite
def hl7_messages(draw: st.DrawFn) -> tuple[str, list[tuple[int, str]]]:
    """A message (CR, LF or CRLF between segments) and (segment number, value) pairs."""
    end = draw(st.sampled_from(["\r", "\n", "\r\n"]))
    segments = ["MSH|^~\\&|APP|FAC|RCV|RFAC|20260302100000||ADT^A01|1|P|2.5"]
    expected = []
    for number in range(2, draw(st.integers(2, 6)) + 1):
        fields = draw(st.lists(values, min_size=1, max_size=5))
        segments.append(draw(segment_ids) + "|" + "|".join(fields))
        expected += [(number, f) for f in fields]
    return end.join(segments) + end, expected


@QUICK
@given(hl7_messages())
def test_hl7_values_come_back_where_they_are(generated: tuple[str, list[tuple[int, str]]]) -> None:
    text, expected = generated
    with scratch() as tmp:
        path = tmp / "msg.hl7"
        path.write_bytes(text.encode("utf-8"))
        units = [u for u in Hl7Scanner().scan(path, OPTIONS) if isinstance(u, TextUnit)]
    found = {(u.location["segment"], u.text) for u in units if u.location.get("segment", 1) > 1}
    assert set(expected) <= found
    for unit in units:  # every offset points at the unit's text (components joined by " ")
        at_offset = text[unit.offset : unit.offset + len(unit.text)]
        assert at_offset.replace("^", " ").replace("&", " ") == unit.text


def _never_raises_else(scan: Any, data: bytes, name: str) -> list[Any]:
    with scratch() as tmp:
        path = tmp / name
        path.write_bytes(data)
        try:
            out = list(scan(path, OPTIONS))
        except InputError as exc:
            assert exc.file == str(path)
            return []
        except BinaryContentError:
            return []
    for item in out:
        assert isinstance(item, TextUnit | UnitIssue)
        assert item.source == str(path)
    return out


@QUICK
@given(st.binary(max_size=300), st.sampled_from([b"", b"MSH|^~\\&|", b"MSH|^~\\&\r"]))
def test_hl7_any_bytes(data: bytes, head: bytes) -> None:
    _never_raises_else(Hl7Scanner().scan, head + data, "x.hl7")


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | values,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.text(alphabet="ab/~c", max_size=4), inner, max_size=4)
    ),
    max_leaves=15,
)


def _resolve(doc: Any, pointer: str) -> Any:
    for token in pointer.split("/")[1:]:
        token = token.replace("~1", "/").replace("~0", "~")
        doc = doc[int(token)] if isinstance(doc, list) else doc[token]
    return doc


@QUICK
@given(json_values, st.booleans())
def test_json_strings_come_back_at_their_pointer(doc: Any, lines: bool) -> None:
    with scratch() as tmp:
        path = tmp / ("doc.jsonl" if lines else "doc.json")
        path.write_text(json.dumps(doc) + ("\n" if lines else ""), encoding="utf-8")
        scanner = JsonLinesScanner() if lines else JsonScanner()
        units = [u for u in scanner.scan(path, OPTIONS) if isinstance(u, TextUnit)]
    for unit in units:
        value = _resolve(doc, unit.location["pointer"])
        assert str(value) == unit.text


@QUICK
@given(st.lists(st.one_of(json_values.map(json.dumps), st.text(max_size=20)), max_size=6))
def test_json_lines_bad_lines_are_issues_with_their_line(lines: list[str]) -> None:
    lines = [line.replace("\n", " ").replace("\r", " ") for line in lines]
    data = "\n".join(lines).encode("utf-8")
    out = _never_raises_else(JsonLinesScanner().scan, data, "x.jsonl")
    for item in out:
        if isinstance(item, UnitIssue):
            number = item.location["line"]
            assert item.reason.startswith(f"line {number}: not valid JSON")
            body = lines[number - 1]
            json_ok = True
            try:
                json.loads(body)
            except ValueError:
                json_ok = False
            assert not json_ok


@QUICK
@given(st.binary(max_size=300))
def test_json_any_bytes(data: bytes) -> None:
    _never_raises_else(JsonScanner().scan, data, "x.json")
    _never_raises_else(JsonLinesScanner().scan, data, "x.jsonl")
