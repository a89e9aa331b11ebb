"""HL7 v2: segment separators, encoding characters, PID-5.1 locations, file offsets."""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.errors import InputError
from auditor.scanners.documents import ExtractOptions, TextUnit, UnitIssue
from auditor.scanners.documents.hl7 import Hl7Scanner

MESSAGE = [
    "MSH|^~\\&|EPIC|LAKESIDE|VENDOR|V|202402040930||ADT^A01|MSG1|P|2.5",
    "PID|1||111^^^H^MR~222^^^X^PI||DOE^JANE^Q||19480111|F|||1 ELM ST^^SPRINGFIELD^IL^62701"
    "||(217) 555-0100",
    "NK1|1|DOE^JOHN|SPO",
]


def _units(path: Path, opts: ExtractOptions | None = None) -> list[TextUnit]:
    items = list(Hl7Scanner().scan(path, opts or ExtractOptions()))
    return [u for u in items if isinstance(u, TextUnit)]


@pytest.mark.parametrize("sep", ["\r", "\n", "\r\n"])
def test_fields_offsets_and_locations(tmp_path: Path, sep: str) -> None:
    raw = sep.join(MESSAGE) + sep
    path = tmp_path / "adt.hl7"
    path.write_bytes(("\ufeff" + raw).encode("utf-8"))  # with a BOM, as some exports have
    units = _units(path, ExtractOptions(read_bytes=5))  # tiny reads: CRLF split across reads
    by_field = {u.location["field"]: u for u in units}
    assert "MSH-1" not in by_field and "MSH-2" not in by_field
    assert by_field["MSH-3"].text == "EPIC"
    name = by_field["PID-5"]
    assert name.location == {"message": 1, "segment": 2, "field": "PID-5"}
    assert name.text == "DOE JANE Q" and name.context == "patient name: "
    # Offsets index the decoded file text (BOM excluded), separators and all.
    assert raw[name.offset : name.offset + len(name.text)] == "DOE^JANE^Q"
    i = name.text.index("JANE")
    start, end = name.raw_span(i, i + 4)
    assert raw[start:end] == "JANE"
    assert name.location_at(i)["field"] == "PID-5.2"
    assert name.location_at(0)["field"] == "PID-5.1"
    # Repetitions: the second identifier is PID-3[2].
    assert by_field["PID-3"].text == "111   H MR"
    rep2 = by_field["PID-3[2]"]
    assert raw[rep2.offset : rep2.offset + 3] == "222"
    assert by_field["PID-13"].context == "home phone: "
    addr = by_field["PID-11"]
    assert addr.location_at(addr.text.index("SPRINGFIELD"))["field"] == "PID-11.3"
    assert by_field["NK1-2"].location["segment"] == 3


def test_custom_encoding_characters_and_subcomponents(tmp_path: Path) -> None:
    raw = "MSH#*!\\$#APP\rPID#1##A$B*C##SMITH*ANN\r"
    path = tmp_path / "odd.hl7"
    path.write_text(raw, encoding="utf-8", newline="")
    by_field = {u.location["field"]: u for u in _units(path)}
    assert by_field["PID-5"].text == "SMITH ANN"
    pid3 = by_field["PID-3"]
    assert pid3.text == "A B C"
    assert [pid3.location_at(i)["field"] for i in (0, 2, 4)] == [
        "PID-3.1.1",
        "PID-3.1.2",
        "PID-3.2",
    ]


def test_message_numbers_and_wrapped_lines(tmp_path: Path) -> None:
    raw = (
        "\r".join(
            [
                *MESSAGE,
                "continued free text Smith",
                MESSAGE[0].replace("MSG1", "MSG2"),
                "PID|1||333",
            ]
        )
        + "\r"
    )
    path = tmp_path / "batch.hl7"
    path.write_text(raw, encoding="utf-8", newline="")
    items = list(Hl7Scanner().scan(path, ExtractOptions()))
    issues = [i for i in items if isinstance(i, UnitIssue)]
    assert [i.location for i in issues] == [{"segment": 4}]
    assert "Smith" not in issues[0].reason
    units = [u for u in items if isinstance(u, TextUnit)]
    wrapped = next(u for u in units if u.location == {"message": 1, "segment": 4})
    assert raw[wrapped.offset : wrapped.offset + len(wrapped.text)] == wrapped.text
    assert units[-1].location == {"message": 2, "segment": 6, "field": "PID-3"}


def test_not_hl7_raises(tmp_path: Path) -> None:
    path = tmp_path / "x.hl7"
    path.write_text("PID|1||333\r", encoding="utf-8")
    with pytest.raises(InputError):
        _units(path)
