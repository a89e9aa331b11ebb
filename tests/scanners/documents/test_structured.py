"""CSV/TSV cells, JSON pointers, FHIR narrative and JSONL recovery: exact locations."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from auditor.errors import InputError
from auditor.scanners.documents import ExtractOptions, TextUnit, UnitIssue, scanner_for
from auditor.scanners.documents.jsondoc import json_units, pointer_token
from auditor.scanners.documents.markup import strip_markup


def _scan(path: Path) -> list[TextUnit | UnitIssue]:
    scanner = scanner_for(path)
    assert scanner is not None
    return list(scanner.scan(path, ExtractOptions()))


def _units(path: Path) -> list[TextUnit]:
    return [u for u in _scan(path) if isinstance(u, TextUnit)]


def test_csv_cells_with_row_and_column(tmp_path: Path) -> None:
    path = tmp_path / "extract.csv"
    path.write_text(
        'mrn,last_name,,note\n00123,Smith,x,"Seen by Dr. Jones, ""urgent""\nline two"\n'
        "00456,,y,ok,EXTRA\n",
        encoding="utf-8",
    )
    got = [(u.location, u.text, u.context) for u in _units(path)]
    assert got == [
        ({"row": 1, "column": "mrn"}, "00123", "mrn: "),
        ({"row": 1, "column": "last_name"}, "Smith", "last name: "),
        ({"row": 1, "column": "column_3"}, "x", "column 3: "),
        ({"row": 1, "column": "note"}, 'Seen by Dr. Jones, "urgent"\nline two', "note: "),
        ({"row": 2, "column": "mrn"}, "00456", "mrn: "),
        ({"row": 2, "column": "column_3"}, "y", "column 3: "),
        ({"row": 2, "column": "note"}, "ok", "note: "),
        ({"row": 2, "column": "column_5"}, "EXTRA", "column 5: "),
    ]


def test_semicolon_csv_splits_as_deid_splits_it(tmp_path: Path) -> None:
    # One sniffer for scan and de-identification: a European export uses ``;``.
    path = tmp_path / "extract.csv"
    path.write_text("mrn;last_name\n00123;Smith\n00456;Jones\n", encoding="utf-8")
    got = [(u.location["row"], u.location["column"], u.text) for u in _units(path)]
    assert got == [
        (1, "mrn", "00123"),
        (1, "last_name", "Smith"),
        (2, "mrn", "00456"),
        (2, "last_name", "Jones"),
    ]


def test_tsv_keeps_quotes_literal(tmp_path: Path) -> None:
    path = tmp_path / "extract.tsv"
    path.write_bytes('name\tcomment\nO"Hara\tsays "hi\n'.encode("cp1252"))
    got = [(u.location["column"], u.text) for u in _units(path)]
    assert got == [("name", 'O"Hara'), ("comment", 'says "hi')]


def test_json_pointers_escape_and_skip_non_strings(tmp_path: Path) -> None:
    doc = {"a/b": {"m~n": ["Smith", 5551234, 1.5, True, None]}, "": "x", "t": " "}
    path = tmp_path / "doc.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    got = [(u.location["pointer"], u.text) for u in _units(path)]
    assert got == [("/a~1b/m~0n/0", "Smith"), ("/a~1b/m~0n/1", "5551234"), ("/", "x")]
    assert pointer_token("a/b~c") == "a~1b~0c"


def test_fhir_bundle_locations_and_skipped_plumbing() -> None:
    bundle = {
        "resourceType": "Bundle",
        "type": "collection",
        "entry": [
            {
                "fullUrl": "urn:uuid:1",
                "resource": {
                    "resourceType": "Patient",
                    "id": "p1",
                    "meta": {"profile": ["http://example.org/p"]},
                    "identifier": [{"system": "urn:oid:1.2", "value": "MRN123"}],
                    "name": [{"use": "official", "family": "Nguyen", "given": ["Anh"]}],
                    "maritalStatus": {"coding": [{"system": "http://x", "code": "M"}]},
                    "birthDate": "1950-02-03",
                },
            }
        ],
    }
    got = {
        u.location["pointer"]: (u.location["resourceType"], u.text, u.context)
        for u in json_units(bundle, "b.json")
    }
    assert got == {
        "/type": ("Bundle", "collection", "type: "),
        "/entry/0/resource/id": ("Patient", "p1", "resource id: "),
        "/entry/0/resource/identifier/0/value": ("Patient", "MRN123", "identifier value: "),
        "/entry/0/resource/name/0/family": ("Patient", "Nguyen", "name family: "),
        "/entry/0/resource/name/0/given/0": ("Patient", "Anh", "name given: "),
        "/entry/0/resource/birthDate": ("Patient", "1950-02-03", "resource birthDate: "),
    }


@pytest.mark.parametrize(
    ("raw", "word", "raw_word"),
    [
        (
            '<div xmlns="http://www.w3.org/1999/xhtml"><p><b>Ana Silva</b>, DOB</p></div>',
            "Ana Silva",
            "Ana Silva",
        ),
        ("<div><p>Seen: O&apos;Brien &amp; son</p></div>", "O'Brien", "O&apos;Brien"),
        ("<div>Tel<br/>555-0100<!-- Smith --></div>", "555-0100", "555-0100"),
    ],
)
def test_narrative_offsets_point_into_raw_div(raw: str, word: str, raw_word: str) -> None:
    resource = {"resourceType": "Patient", "text": {"status": "generated", "div": raw}}
    (unit,) = list(json_units(resource, "p.json"))
    assert unit.location == {"pointer": "/text/div", "resourceType": "Patient"}
    assert "<" not in unit.text and "Smith" not in unit.text  # tags and comments are gone
    i = unit.text.index(word)
    start, end = unit.raw_span(i, i + len(word))
    assert raw[start:end] == raw_word


def test_strip_markup_block_tags_become_line_breaks() -> None:
    text, starts, ends = strip_markup("<p>a</p><p>b</p>")
    assert text.split() == ["a", "b"] and "\n" in text
    assert len(text) == len(starts) == len(ends)


def test_jsonl_bad_line_is_kept_as_plain_text(tmp_path: Path) -> None:
    path = tmp_path / "rows.jsonl"
    path.write_text('{"name": "Lee"}\n\n{"name": "Park", oops\n{"n": ["Kim"]}\n', encoding="utf-8")
    items = _scan(path)
    issues = [i for i in items if isinstance(i, UnitIssue)]
    assert len(issues) == 1 and issues[0].location == {"line": 3}
    assert "Park" not in issues[0].reason  # reasons never quote content
    got = [(u.location, u.text) for u in items if isinstance(u, TextUnit)]
    assert got == [
        ({"line": 1, "pointer": "/name"}, "Lee"),
        ({"line": 3}, '{"name": "Park", oops\n'),
        ({"line": 4, "pointer": "/n/0"}, "Kim"),
    ]


def test_invalid_json_document_raises_with_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text('{\n "a": "Smith",\n oops }', encoding="utf-8")
    with pytest.raises(InputError) as info:
        _scan(path)
    assert info.value.line == 3 and "Smith" not in str(info.value)


def test_csv_malformed_raises_input_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text('a,b\n"' + "x" * 200_000 + '",z\n', encoding="utf-8")  # > field limit
    with pytest.raises(InputError):
        _scan(path)


def test_json_too_large_to_parse_is_refused(tmp_path: Path) -> None:
    from auditor.scanners.documents.jsondoc import JsonScanner

    path = tmp_path / "big.json"
    path.write_text(json.dumps({"notes": ["x" * 100] * 20}), encoding="utf-8")
    with pytest.raises(InputError, match="too large"):
        list(JsonScanner().scan(path, ExtractOptions(max_whole_file_bytes=1000)))
