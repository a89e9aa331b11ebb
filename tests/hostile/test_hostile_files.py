"""M10: a 10,000-deep FHIR resource, 10,000 columns, an unreadable file: the run goes on."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from auditor.context import AppContext
from auditor.errors import InputError
from auditor.services.access_scan import AccessScanRequest, scan_access_logs
from auditor.services.access_segments import FileScan
from auditor.synth.hospital import HospitalPaths
from tests.hostile.conftest import bounded


def _deep_bundle(path: Path, depth: int = 10_000) -> Path:
    nested = "{}"
    for _ in range(depth):
        nested = '{"a":' + nested + "}"
    event = {"resourceType": "AuditEvent", "recorded": "2026-11-16T10:00:00Z", "extension": "X"}
    doc = {"resourceType": "Bundle", "type": "collection", "entry": [{"resource": event}]}
    path.write_text(json.dumps(doc).replace('"X"', nested), encoding="utf-8")
    return path


def _scan(actx: AppContext, hospital: HospitalPaths, *paths: Path) -> dict[str, Any]:
    with bounded():
        result = scan_access_logs(
            actx, AccessScanRequest([*paths, hospital.csv_log], context_dir=hospital.context_dir)
        )
    assert result.records_read == result.records_processed + result.records_quarantined
    by_file = {f["file"]: f for f in result.files}
    good = by_file[str(hospital.csv_log)]
    assert good["processed"] == hospital.n_events and good["findings"] > 0
    return by_file


def test_deep_fhir_is_one_quarantined_record(
    actx: AppContext, hospital: HospitalPaths, tmp_path: Path
) -> None:
    deep = _deep_bundle(tmp_path / "deep.json")
    stats = _scan(actx, hospital, deep)[str(deep)]
    assert stats["read"] == 1 and stats["quarantined"] == 1


def test_deep_ndjson_line_costs_one_record(
    actx: AppContext, hospital: HospitalPaths, tmp_path: Path
) -> None:
    good = {"resourceType": "AuditEvent", "recorded": "2026-11-16T10:00:00Z"}
    deep = _deep_bundle(tmp_path / "d.json", 5000).read_text().replace('"Bundle"', '"AuditEvent"')
    path = tmp_path / "mixed.ndjson"
    path.write_text(json.dumps(good) + "\n" + deep + "\n" + json.dumps(good) + "\n")
    stats = _scan(actx, hospital, path)[str(path)]
    assert stats["read"] == 3 and stats["quarantined"] >= 1


def test_ten_thousand_columns_are_capped(
    actx: AppContext, hospital: HospitalPaths, tmp_path: Path
) -> None:
    header = ["timestamp", "user_id", "patient_id", "action"] + [f"c{i}" for i in range(10_000)]
    row = ["2024-03-04T10:00:00Z", "U1", "P1", "view"] + ["x"] * 10_000
    wide = tmp_path / "wide.csv"
    wide.write_text(",".join(header) + "\n" + (",".join(row) + "\n") * 20)
    stats = _scan(actx, hospital, wide)[str(wide)]
    assert stats["read"] == 20 and stats["processed"] == 20


def test_unreadable_file_is_reported_and_the_others_scanned(
    actx: AppContext, hospital: HospitalPaths, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = tmp_path / "broken.csv"
    broken.write_text(hospital.csv_log.read_text())
    real = FileScan.run

    def run(self: FileScan, path: Path, spec: Any) -> dict[str, Any]:
        if path == broken:
            raise InputError("cannot read CSV: InvalidInputException", file=str(path))
        return real(self, path, spec)

    monkeypatch.setattr(FileScan, "run", run)
    stats = _scan(actx, hospital, broken)
    assert "cannot read CSV" in stats[str(broken)]["error"]


def test_unknown_format_is_refused_by_name(
    actx: AppContext, hospital: HospitalPaths, tmp_path: Path
) -> None:
    odd = tmp_path / "odd.csv"
    odd.write_text("when,who\n1,2\n")
    with pytest.raises(InputError, match="cannot tell the access-log format"):
        scan_access_logs(actx, AccessScanRequest([odd], context_dir=hospital.context_dir))


def test_m6_long_bracket_runs_scan_in_linear_time(actx: AppContext, tmp_path: Path) -> None:
    from auditor.services.document_scan import scan_documents

    path = tmp_path / "brackets.txt"
    path.write_text("Patient John Smith SSN 078-05-1120 " + "[" * 25_000 + "]" * 25_000 + "\n")
    with bounded(20):  # the PHI engine's load is included
        result = scan_documents(actx, [path])
    assert result.files_scanned == 1 and result.findings >= 1


def test_m6_offsets_are_kept() -> None:
    from auditor.phi.engine import break_long_runs

    text = "SSN 078-05-1120 " + "(" * 5000 + " call 617-555-0199"
    broken = break_long_runs(text)
    assert len(broken) == len(text) and broken.endswith("617-555-0199")
    assert max(len(run) for run in broken.split()) <= 100


@pytest.mark.parametrize("name", ["n.txt", "n.csv"])
def test_l5_nul_bytes_do_not_hide_a_document(actx: AppContext, tmp_path: Path, name: str) -> None:
    from auditor.services.document_scan import scan_documents

    path = tmp_path / name
    path.write_bytes(b"name,ssn\nJohn Smith,078-05-1120\x00\n")
    result = scan_documents(actx, [path])
    assert result.files_scanned == 1 and not result.files_skipped
    assert result.findings >= 1


def test_l5_binary_files_are_still_skipped(actx: AppContext, tmp_path: Path) -> None:
    from auditor.services.document_scan import scan_documents

    path = tmp_path / "blob.txt"
    path.write_bytes(b"\x00\x01\x02\x00" * 1000)
    result = scan_documents(actx, [path])
    assert result.files_scanned == 0 and "NUL" in result.files_skipped[0][1]


def test_m5_hl7_component_runs_are_bounded(actx: AppContext, tmp_path: Path) -> None:
    from auditor.services.document_scan import scan_documents

    path = tmp_path / "big.hl7"
    head = "MSH|^~\\&|A|B|||20261116100000||ADT^A01|1|P|2.5\rPID|1||7734219^^^HOSP^MR||Smith^John\r"
    path.write_text(head + "PID|" + "^" * 2_000_000 + "~" * 200_000 + "\r")
    with bounded(20):
        result = scan_documents(actx, [path])
    assert result.files_scanned == 1 and result.findings >= 1


class _Sink:
    """Collects rejected context rows as the scan's quarantine would."""

    def __init__(self) -> None:
        self.rows: list[tuple[str, int, str, str]] = []

    def add(self, file: str, line: int, reason: str, raw: str = "", field: str = "") -> None:
        self.rows.append((Path(file).name, line, reason, field))


def test_context_times_with_impossible_offsets_are_refused(tmp_path: Path) -> None:
    """``+25:00`` in a relationship's start or end is a refused row naming file, line and
    column, never another instant; a bare date is a local day, not a ``-04`` offset."""
    import duckdb

    from auditor.policy.context import prepare_context

    (tmp_path / "relationships.csv").write_text(
        "patient_id,user_id,kind,start,end\n"
        "P1,U1,encounter,2026-03-01T08:00:00+25:00,\n"
        "P2,U1,encounter,2026-03-01T08:00:00Z,2026-03-02T08:00-05:60\n"
        "P3,U1,encounter,2026-03-04,2026-03-04\n"
        "P4,U1,encounter,2026-03-04 08:00+14:00,2026-03-04T08:00:00.5-0530\n",
        encoding="utf-8",
    )
    con = duckdb.connect()
    con.execute("SET TimeZone='UTC'")
    sink = _Sink()
    info = prepare_context(con, tmp_path, "America/Chicago", sink)
    assert info.rejected["relationships.csv"] == 2
    reason = "bad time (impossible UTC offset; at most +/-14:00)"
    assert sink.rows == [
        ("relationships.csv", 2, reason, "start"),
        ("relationships.csv", 3, reason, "end"),
    ]
    rows = con.execute(
        "SELECT patient_id, strftime(start_ts AT TIME ZONE 'UTC', '%Y-%m-%d %H:%M'), "
        "strftime(end_ts AT TIME ZONE 'UTC', '%Y-%m-%d %H:%M') FROM rel "
        "WHERE bad IS NULL ORDER BY 1"
    ).fetchall()
    assert rows == [
        ("P3", "2026-03-04 06:00", "2026-03-05 06:00"),  # Chicago's day, through its end
        ("P4", "2026-03-03 18:00", "2026-03-04 13:30"),
    ]
