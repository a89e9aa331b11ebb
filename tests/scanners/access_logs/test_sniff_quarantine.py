"""--format auto picks the right parser; the quarantine keeps file, line and reason."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from auditor.errors import InputError
from auditor.scanners.access_logs import FORMAT_NAMES, PARSERS, resolve_format
from auditor.scanners.access_logs.quarantine import Quarantine


def test_registry_names_are_pinned() -> None:
    assert list(PARSERS) == ["atna", "fhir", "epic", "csv"]
    assert set(FORMAT_NAMES) >= {"auto", "mapping:FILE"}


@pytest.mark.parametrize(
    ("head", "name"),
    [
        ("\ufeffevent_id,timestamp,user_id,patient_id\n", "csv"),
        ("timestamp,patient_id,user_id,extra\n", "csv"),
        ("ACCESS_TIME|USER_ID|PAT_ID|METRIC_ID\n", "epic"),
        ('{"resourceType":"AuditEvent","id":"1"}\n', "fhir"),
        ('{\n  "resourceType": "Bundle",\n  "entry": []\n}', "fhir"),
        (
            "<85>1 2024-03-04T10:00:00Z h a 1 IHE+DICOM - <?xml version='1.0'?><AuditMessage>",
            "atna",
        ),
        ("<AuditMessage>\n", "atna"),
    ],
)
def test_sniff(tmp_path: Path, head: str, name: str) -> None:
    path = tmp_path / "input"
    path.write_text(head, encoding="utf-8")
    assert resolve_format("auto", path).name == name


def test_unknown_format_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("hello world\n")
    with pytest.raises(InputError) as err:
        resolve_format("auto", path)
    assert err.value.file == str(path)
    with pytest.raises(InputError):
        resolve_format("parquet", path)


def test_quarantine_file(tmp_path: Path) -> None:
    q = Quarantine(tmp_path / "q", "run-1")
    assert not q.path.exists()  # opened lazily: no empty files
    q.add("a.csv", 7, "missing user id in 'user_id'", raw="e1,,p1", field="user_id")
    q.add("a.csv", 9, "malformed row: too many columns", raw="x")
    q.close()
    lines = [json.loads(line) for line in q.path.read_text().splitlines()]
    assert [(r["file"], r["line"], r["field"]) for r in lines] == [
        ("a.csv", 7, "user_id"),
        ("a.csv", 9, ""),
    ]
    assert q.count == 2 and sum(q.by_reason.values()) == 2
    assert stat.S_IMODE(q.path.stat().st_mode) == 0o600
