"""scan_documents end to end with the real PHI engine: offsets, store, incremental, no leaks."""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from auditor.config import load_settings
from auditor.context import AppContext
from auditor.findings import PhiFinding
from auditor.phi.engine import PhiEngine
from auditor.services import document_scan
from auditor.services.document_scan import scan_documents
from auditor.store.models import Checkpoint, Finding, RunStatus, ScanRun
from auditor.store.repo import create_run

PHONE = "(617) 555-0142"
SSN = "219-09-9999"
NAME = "Bartholomew Quimby"
EMAIL = "bart.quimby@example.org"
PLANTED = (PHONE, SSN, NAME, EMAIL, "Quimby")

NOTE = (
    f"Discharge summary\r\nPatient {NAME} was seen on 03/14/2024 by Dr. Okonkwo.\r\n"
    f"Call {PHONE} or write to {EMAIL}. SSN {SSN}.\r\n"
)
HL7 = (
    "MSH|^~\\&|EPIC|LAKESIDE|VENDOR|V|202402040930||ADT^A01|MSG1|P|2.5\r"
    f"PID|1||00123456^^^H^MR||QUIMBY^BARTHOLOMEW||19480111|M|||||{PHONE}||||||{SSN}\r"
)


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> PhiEngine:
    return PhiEngine.from_settings(load_settings(tmp_path_factory.mktemp("engine-home")))


def _exports(root: Path) -> Path:
    (root / "notes").mkdir(parents=True)
    (root / "notes" / "a.txt").write_text(NOTE, encoding="utf-8", newline="")
    (root / "notes" / "legacy.txt").write_bytes(
        f"“Referral” for {NAME}; phone {PHONE}\n".encode("cp1252")
    )
    (root / "extract.csv").write_text(f"name,phone,ssn\n{NAME},{PHONE},{SSN}\n", encoding="utf-8")
    bundle = {
        "resourceType": "Bundle",
        "entry": [
            {
                "resource": {
                    "resourceType": "Patient",
                    "text": {"status": "generated", "div": f"<div><p>{NAME}, {PHONE}</p></div>"},
                    "name": [{"family": "Quimby", "given": ["Bartholomew"]}],
                    "telecom": [{"system": "phone", "value": PHONE}],
                }
            }
        ],
    }
    (root / "bundle.json").write_text(json.dumps(bundle), encoding="utf-8")
    (root / "adt.hl7").write_text(HL7, encoding="utf-8", newline="")
    (root / "rows.jsonl").write_text(
        f'{{"note": "call {PHONE}"}}\n{{"broken": "{SSN}"\n', encoding="utf-8"
    )
    (root / "broken.json").write_text(f'{{"ssn": "{SSN}", oops', encoding="utf-8")
    (root / "image.bin").write_bytes(b"\x00\x01")
    (root / "scan.pdf").write_bytes(b"%PDF-1.4 garbage")
    (root / "clean.md").write_text("Nothing to see here.\n", encoding="utf-8")
    return root


@pytest.fixture()
def exports(tmp_path: Path) -> Path:
    return _exports(tmp_path / "exports")


def _scan(
    actx: AppContext, paths: list[Path], engine: PhiEngine, **kw: Any
) -> tuple[document_scan.DocumentScanResult, list[PhiFinding]]:
    found: list[PhiFinding] = []
    result = scan_documents(actx, paths, engine=engine, on_finding=found.append, **kw)
    return result, found


def _analysed_text(finding: PhiFinding, root: Path) -> str:
    """The text a finding points at, read back from the file the way the contract says."""
    path = Path(finding.source)
    loc = finding.location
    if path.suffix in (".txt", ".md"):
        enc = "cp1252" if path.name == "legacy.txt" else "utf-8"
        return path.read_bytes().decode(enc)[finding.start : finding.end]
    if path.suffix == ".hl7":
        raw = path.read_text(encoding="utf-8")
        return raw[finding.start : finding.end].replace("^", " ")
    if path.suffix == ".csv":
        header, row = path.read_text(encoding="utf-8").splitlines()
        cell = row.split(",")[header.split(",").index(loc["column"])]
        return cell[finding.start : finding.end]
    if path.name == "bundle.json":
        doc: Any = json.loads(path.read_text(encoding="utf-8"))
        for token in loc["pointer"].split("/")[1:]:
            doc = doc[int(token)] if isinstance(doc, list) else doc[token]
        return str(doc)[finding.start : finding.end]
    if path.name == "rows.jsonl" and "pointer" in loc:
        line = path.read_text(encoding="utf-8").splitlines()[loc["line"] - 1]
        return json.loads(line)["note"][finding.start : finding.end]
    if path.name == "rows.jsonl":
        line = path.read_text(encoding="utf-8").splitlines(keepends=True)[loc["line"] - 1]
        return line[finding.start : finding.end]
    return path.read_text(encoding="utf-8")[finding.start : finding.end]


def test_scan_offsets_locations_and_summary(
    actx: AppContext, exports: Path, engine: PhiEngine
) -> None:
    result, found = _scan(actx, [exports], engine)
    skipped = {Path(p).name: r for p, r in result.files_skipped}
    assert set(skipped) == {"image.bin", "scan.pdf"}
    assert skipped["image.bin"] == "unsupported file type .bin"
    assert skipped["scan.pdf"].startswith("unreadable PDF (")
    assert result.files_scanned == 8 and result.files_seen == 10
    issues = {Path(p).name: r for p, r in result.issues}
    assert "line 2: not valid JSON" in issues["rows.jsonl"]
    assert "scanned as plain text" in issues["broken.json"]
    assert all(SSN not in r and NAME not in r for r in issues.values())
    # Every finding's fingerprint is of the text its offsets point at, in every file type.
    for finding in found:
        value = _analysed_text(finding, exports)
        assert value.strip(), finding
        assert finding.fingerprint == actx.fingerprinter.of(value), finding
    by_file: dict[str, set[tuple[str, str]]] = {}
    for f in found:
        by_file.setdefault(Path(f.source).name, set()).add(
            (f.entity_type, _analysed_text(f, exports))
        )
    note = NOTE
    assert ("PHONE_NUMBER", PHONE) in by_file["a.txt"]
    start = note.index(PHONE)
    assert any(
        f.start == start and f.end == start + len(PHONE)
        for f in found
        if f.source.endswith("a.txt")
    )
    assert ("PHONE_NUMBER", PHONE) in by_file["legacy.txt"]
    assert ("US_SSN", SSN) in by_file["extract.csv"]
    assert ("US_SSN", SSN) in by_file["broken.json"]  # read as plain text, nothing lost
    hl7 = {f.location["field"] for f in found if f.source.endswith(".hl7")}
    assert {"PID-13", "PID-19"} <= hl7
    div = [f for f in found if f.location.get("pointer", "").endswith("/text/div")]
    assert div and all(f.location["resourceType"] == "Patient" for f in div)
    assert "clean.md" not in by_file
    assert sum(result.findings_by_type.values()) == len(found) == result.new_findings
    with actx.transaction() as s:
        run = s.get(ScanRun, result.run_id)
        assert run is not None and run.status is RunStatus.DONE
        assert run.summary["files_scanned"] == 8 and run.findings_count == len(found)
        assert run.records_read == 10 and run.records_quarantined == 2


def test_rescan_adds_no_duplicates(actx: AppContext, exports: Path, engine: PhiEngine) -> None:
    first, found = _scan(actx, [exports], engine)
    second, again = _scan(actx, [exports], engine)
    assert second.new_findings == 0 and len(again) == len(found) > 0
    with actx.transaction() as s:
        assert s.scalar(select(func.count(Finding.id))) == first.new_findings


def test_incremental_skips_unchanged_files(
    actx: AppContext, exports: Path, engine: PhiEngine
) -> None:
    _scan(actx, [exports], engine)
    result, found = _scan(actx, [exports], engine, incremental=True)
    assert (result.files_scanned, result.files_unchanged, found) == (0, 8, [])
    note = exports / "notes" / "a.txt"
    os.utime(note, ns=(1, 1))  # touched, same content: the digest says unchanged
    extract = exports / "extract.csv"
    extract.write_text(extract.read_text() + "Ann Lee,(508) 555-0199,078-05-1120\n")
    result, found = _scan(actx, [exports], engine, incremental=True)
    assert result.files_unchanged == 7 and result.files_scanned == 1
    assert {Path(f.source).name for f in found} == {"extract.csv"}
    with actx.transaction() as s:
        key = document_scan.checkpoint_key(note.absolute())
        cp = s.get(Checkpoint, key)
        assert cp is not None and set(cp.meta) >= {"size", "mtime_ns", "digest"}
        assert cp.meta["mtime_ns"] == 1  # the touched file's new time is remembered


def test_should_stop_between_files_and_queued_run(
    actx: AppContext, exports: Path, engine: PhiEngine
) -> None:
    with actx.transaction() as s:
        run_id = create_run(s, "documents", str(exports), status=RunStatus.QUEUED).id
    calls: list[int] = []

    def stop() -> bool:
        calls.append(1)
        return len(calls) > 2

    result, _ = _scan(actx, [exports], engine, run_id=run_id, should_stop=stop)
    assert result.run_id == run_id and result.stopped
    assert result.files_scanned == 2 and result.files_not_reached == 7
    seen = result.files_scanned + len(result.files_skipped) + result.files_not_reached
    assert seen == result.files_seen
    with actx.transaction() as s:
        run = s.get(ScanRun, run_id)
        assert run is not None and run.status is RunStatus.DONE and run.summary["stopped"]


def test_no_raw_phi_in_store_or_logs(
    actx: AppContext, exports: Path, engine: PhiEngine, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    _, found = _scan(actx, [exports], engine)
    assert found
    actx.close()
    db = Path(actx.settings.db_url.removeprefix("sqlite:///"))
    blob = b"".join(p.read_bytes() for p in db.parent.glob(db.name + "*"))
    for value in PLANTED:
        for form in (value, value.upper(), value.replace(" ", "^").upper()):
            assert form.encode() not in blob
            assert form not in caplog.text
    assert NAME not in repr(found[0])


@pytest.mark.slow
def test_worker_processes_find_the_same(
    actx: AppContext, exports: Path, engine: PhiEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, inline = _scan(actx, [exports], engine)
    monkeypatch.setattr(document_scan, "POOL_MIN_BYTES", 0)
    actx.settings.phi.workers = 2
    result, pooled = _scan(actx, [exports], engine)
    assert result.workers == 2
    assert sorted(f.identity for f in pooled) == sorted(f.identity for f in inline)


def test_chunked_text_offsets_index_the_whole_file(
    actx: AppContext, tmp_path: Path, engine: PhiEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    from auditor.scanners.documents import ExtractOptions
    from auditor.services import document_pipeline

    # Small chunks: the file becomes many units; findings must still index the file text.
    monkeypatch.setattr(
        document_pipeline, "ExtractOptions", lambda: ExtractOptions(chunk_chars=300)
    )
    lines = [
        f"Line {i}: vitals stable, call (617) 555-{i:04d} with questions.\r\n" for i in range(40)
    ]
    text = "Ünïcode header ✓\r\n" + "".join(lines)
    path = tmp_path / "long.txt"
    path.write_text(text, encoding="utf-8", newline="")
    result, found = _scan(actx, [path], engine)
    assert result.units >= 10
    phones = sorted((f.start, f.end) for f in found if f.entity_type == "PHONE_NUMBER")
    expected = []
    for i in range(40):
        start = text.index(f"(617) 555-{i:04d}")
        expected.append((start, start + len("(617) 555-0000")))
    assert phones == expected


def test_synthetic_exports_are_deterministic_and_scanned(
    actx: AppContext, tmp_path: Path, engine: PhiEngine
) -> None:
    from auditor.synth.documents import build_exports

    first = build_exports(tmp_path / "one")
    second = build_exports(tmp_path / "two")
    rel = [p.relative_to(tmp_path / "one") for p in first]
    assert rel == [p.relative_to(tmp_path / "two") for p in second]
    assert {p.suffix for p in first} >= {".txt", ".csv", ".jsonl", ".json", ".hl7", ".docx"}
    for a, b in zip(first, second, strict=True):
        if a.suffix not in (".pdf", ".docx"):  # those embed creation times
            assert a.read_bytes() == b.read_bytes(), a
    result, found = _scan(actx, [tmp_path / "one"], engine)
    assert result.files_skipped == [] and result.files_scanned == len(first)
    with_phi = {Path(f.source).name for f in found}
    clean = {"aggregate_counts.csv", "formulary.json", "README.md"}
    assert with_phi == {p.name for p in first} - clean


def test_stop_inside_a_big_file_leaves_no_checkpoint(
    actx: AppContext, tmp_path: Path, engine: PhiEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    from auditor.scanners.documents import ExtractOptions
    from auditor.services import document_pipeline

    monkeypatch.setattr(
        document_pipeline, "ExtractOptions", lambda: ExtractOptions(chunk_chars=200)
    )
    big = tmp_path / "big.log"
    big.write_text("".join(f"line {i} call (617) 555-{i:04d}\n" for i in range(800)))
    (tmp_path / "later.txt").write_text(NOTE)
    calls: list[int] = []

    def stop() -> bool:
        calls.append(1)
        return len(calls) >= 3  # before the file, after 64 units, then after 128: stop

    result, found = _scan(actx, [big, tmp_path / "later.txt"], engine, should_stop=stop)
    assert result.stopped and result.files_scanned == 0 and result.files_not_reached == 2
    assert 0 < len(found) < 800
    with actx.transaction() as s:
        assert s.get(Checkpoint, document_scan.checkpoint_key(big.absolute())) is None


def test_synthetic_exports_use_the_hospital_patients(tmp_path: Path) -> None:
    from auditor.synth.documents import build_exports

    context = tmp_path / "context"
    context.mkdir()
    (context / "patients.csv").write_text(
        "patient_id,first_name,last_name,birth_date,address,zip\n"
        "P1,Ottoline,Featherstonehaugh,1931-07-04,1 Mill Rd,02134\n",
        encoding="utf-8",
    )
    build_exports(tmp_path / "out", context_dir=context)
    cohort = (tmp_path / "out" / "to_research" / "cohort_extract.csv").read_text()
    assert "Ottoline,Featherstonehaugh,1931-07-04,02134" in cohort
    notes = (tmp_path / "out" / "internal" / "notes").glob("*.txt")
    assert any("Featherstonehaugh" in p.read_text(encoding="utf-8") for p in notes)
