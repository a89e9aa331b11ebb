"""run_deid end to end: mirror tree, never the input, consistency, certificate, re-id map."""

from __future__ import annotations

import hashlib
import json
import logging
import stat
from pathlib import Path

import pytest
from sqlalchemy import select

from auditor.cli.main import main
from auditor.deid.certificate import CERT_FILE
from auditor.deid.keys import create_key_file
from auditor.deid.reidmap import read_reid_map
from auditor.errors import InputError, SignatureError
from auditor.services.deid import DeidRequest, run_deid
from auditor.signing.attest import verify_folder
from auditor.store.models import AuditTrail, RunStatus, ScanRun
from tests.deid.conftest import write

PLANTED = [
    "Zebulon",
    "Quartermaine",
    "00482913",
    "123-45-6789",
    "555-1234",
    "zq@example-mail.org",
    "Ashbury Lane",
]


def make_export(root: Path) -> Path:
    write(
        root / "notes" / "visit_1.txt",
        "Zebulon Quartermaine (MRN 00482913) seen 02/14/2014 at 14 Ashbury Lane.\n"
        "Call (617) 555-1234 or zq@example-mail.org. Doing well.\n",
    )
    write(
        root / "notes" / "visit_2.txt",
        "Follow-up for Zebulon Quartermaine on 03/01/2014. MRN 00482913.\n",
    )
    write(
        root / "tables" / "patients.csv",
        "mrn,name,dob,ssn,admit_date\n00482913,Zebulon Quartermaine,1975-06-01,123-45-6789,"
        "2014-02-14\n",
    )
    write(
        root / "tables" / "events.jsonl",
        json.dumps({"patient_id": "00482913", "note": "Quartermaine called."}) + "\n",
    )
    (root / "scans").mkdir()
    (root / "scans" / "consent.pdf").write_bytes(b"%PDF-1.4 Zebulon Quartermaine")
    return root


def digests(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def all_text(root: Path) -> str:
    return "\n".join(
        p.read_bytes().decode("utf-8", "replace") for p in root.rglob("*") if p.is_file()
    )


@pytest.fixture()
def export(tmp_path: Path) -> Path:
    return make_export(tmp_path / "export")


def test_mirror_tree_input_untouched_and_certificate_verifies(actx, export, tmp_path, site_engine):
    before = digests(export)
    out = tmp_path / "out"
    result = run_deid(actx, DeidRequest([export], out), engine=site_engine)
    assert digests(export) == before  # never writes into the input
    files = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert files == [
        "notes/visit_1.txt",
        "notes/visit_2.txt",
        "tables/events.jsonl",
        "tables/patients.csv",
    ]
    assert result.files_processed == 4
    # A damaged PDF is refused with its reason: not written, not certified.
    assert [p for p, _ in result.files_skipped] == ["scans/consent.pdf"]
    assert result.files_skipped[0][1].startswith("unreadable PDF")
    leaked = [v for v in PLANTED if v in all_text(out)]
    assert leaked == []
    # Consistency across files: the MRN token and the surname are the same everywhere.
    csv_row = (out / "tables/patients.csv").read_text().splitlines()[1].split(",")
    token, surname = csv_row[0], csv_row[1].split()[1]
    for name in ("notes/visit_1.txt", "notes/visit_2.txt", "tables/events.jsonl"):
        text = (out / name).read_text()
        assert surname in text, name
    assert token in (out / "notes/visit_2.txt").read_text()
    assert token in (out / "tables/events.jsonl").read_text()
    # Certificate: signed, verifiable, no PHI, counts add up.
    cert_path = result.certificate_path
    assert cert_path is not None and cert_path.name == CERT_FILE
    verify_folder(actx.settings, cert_path.parent)
    cert = json.loads(cert_path.read_text())
    assert cert["files"]["processed"] + cert["files"]["skipped"] == 5
    assert cert["counts"]["by_entity_type"]["PERSON"]["surrogate"] >= 4
    assert cert["profile"]["name"] == "safe-harbor"
    assert set(cert["residual_scan"]) >= {"found", "unexplained", "texts_scanned"}
    assert [v for v in PLANTED if v in cert_path.read_text()] == []
    with actx.sessions() as s:
        run = s.scalars(select(ScanRun).where(ScanRun.kind == "deid")).one()
        assert run.status is RunStatus.DONE and run.records_processed == 4
        assert run.records_quarantined == 1
        assert s.scalars(select(AuditTrail).where(AuditTrail.action == "deid")).first()


def test_tampered_certificate_fails_verification(actx, export, tmp_path, site_engine):
    result = run_deid(actx, DeidRequest([export], tmp_path / "out"), engine=site_engine)
    cert_path = result.certificate_path
    assert cert_path is not None
    data = json.loads(cert_path.read_text())
    data["residual_scan"]["unexplained_total"] = 0
    data["files"]["skipped"] = 0
    cert_path.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n")
    with pytest.raises(SignatureError, match="digest mismatch"):
        verify_folder(actx.settings, cert_path.parent)


def test_same_key_same_output_across_runs_other_key_differs(actx, export, tmp_path, site_engine):
    key = tmp_path / "deid.key"
    create_key_file(key)
    a = run_deid(actx, DeidRequest([export], tmp_path / "a", key_file=key), engine=site_engine)
    b = run_deid(actx, DeidRequest([export], tmp_path / "b", key_file=key), engine=site_engine)
    assert a.run_id != b.run_id
    assert digests(tmp_path / "a") == digests(tmp_path / "b")
    run_deid(
        actx, DeidRequest([export], tmp_path / "c"), engine=site_engine
    )  # the home's default key
    assert digests(tmp_path / "c") != digests(tmp_path / "a")
    assert stat.S_IMODE((actx.settings.keys_dir / "deid.key").stat().st_mode) == 0o600


@pytest.mark.parametrize("where", ["inside", "same", "input_in_out"])
def test_output_inside_input_is_refused(actx, export, tmp_path, site_engine, where):
    out = {"inside": export / "deid", "same": export, "input_in_out": export.parent}[where]
    before = digests(export)
    with pytest.raises(InputError):
        run_deid(actx, DeidRequest([export], out), engine=site_engine)
    assert digests(export) == before
    assert not (export / "deid").exists()


def test_dry_run_writes_nothing(actx, export, tmp_path, site_engine):
    out = tmp_path / "out"
    request = DeidRequest([export], out, dry_run=True, reid_map=tmp_path / "map.bin")
    result = run_deid(actx, request, engine=site_engine)
    assert result.certificate_path is None and result.files_processed == 4
    assert result.counts["PERSON"]["surrogate"] >= 4
    assert not out.exists() and not (tmp_path / "map.bin").exists()
    assert not any(actx.settings.certificates_dir.iterdir())


def test_reid_map_round_trip_and_mode(actx, export, tmp_path, site_engine):
    key = tmp_path / "deid.key"
    raw_key = create_key_file(key)
    map_path = tmp_path / "private" / "reid.map"
    request = DeidRequest([export], tmp_path / "out", key_file=key, reid_map=map_path)
    result = run_deid(actx, request, engine=site_engine)
    assert result.reid_map == map_path.resolve()
    assert stat.S_IMODE(map_path.stat().st_mode) == 0o600
    raw = map_path.read_bytes()
    assert b"Quartermaine" not in raw and b"00482913" not in raw  # encrypted
    entries = list(read_reid_map(map_path, raw_key))
    originals = {e["original"]: e["replacement"] for e in entries}
    assert "00482913" in originals
    assert originals["00482913"] in (tmp_path / "out/tables/patients.csv").read_text()
    with pytest.raises(SignatureError):
        list(read_reid_map(map_path, b"\x01" * 32))
    tampered = bytearray(raw)
    tampered[-5] ^= 0xFF
    map_path.write_bytes(bytes(tampered))
    with pytest.raises(SignatureError):
        list(read_reid_map(map_path, raw_key))


def test_reid_map_inside_output_is_refused(actx, export, tmp_path, site_engine):
    with pytest.raises(InputError, match="re-identification map"):
        run_deid(
            actx,
            DeidRequest([export], tmp_path / "out", reid_map=tmp_path / "out" / "map.bin"),
            engine=site_engine,
        )


def test_file_names_are_deidentified(actx, tmp_path, site_engine):
    src = tmp_path / "in"
    write(src / "Zebulon_Quartermaine_2014-02-14.txt", "Seen for follow-up.\n")
    out = tmp_path / "out"
    result = run_deid(actx, DeidRequest([src], out), engine=site_engine)
    names = [p.name for p in out.iterdir()]
    assert len(names) == 1 and "Quartermaine" not in names[0] and names[0].endswith(".txt")
    assert result.files_processed == 1


def test_names_that_deidentify_alike_never_overwrite_each_other(actx, tmp_path, site_engine):
    """note_00001 and note_00002 both cut to note_000 (a ZIP code): every input keeps its
    own output, numbered, and the certificate lists each once."""
    src = tmp_path / "in"
    for n in range(6):
        write(src / f"note_{n:05d}.txt", f"Visit number {n} went well.\n")
    out = tmp_path / "out"
    result = run_deid(actx, DeidRequest([src], out), engine=site_engine)
    outputs = sorted(p.name for p in out.iterdir() if p.suffix == ".txt")
    assert len(outputs) == 6 == result.files_processed
    texts = {(out / name).read_text() for name in outputs}
    assert texts == {f"Visit number {n} went well.\n" for n in range(6)}
    assert result.certificate_path is not None
    cert = json.loads(result.certificate_path.read_text())
    listed = [f["path"] for f in cert["files"]["processed_files"]]
    assert sorted(listed) == outputs


def test_malformed_structured_file_is_skipped_not_copied(actx, tmp_path, site_engine):
    src = tmp_path / "in"
    write(src / "bad.json", '{"name": "Zebulon Quartermaine", ')
    write(src / "ok.txt", "Nothing here.\n")
    out = tmp_path / "out"
    result = run_deid(actx, DeidRequest([src], out), engine=site_engine)
    assert [p for p, _ in result.files_skipped] == ["bad.json"]
    assert "invalid JSON" in result.files_skipped[0][1]
    assert sorted(p.name for p in out.iterdir()) == ["ok.txt"]


def test_no_phi_in_logs_or_cli_output(home, export, tmp_path, caplog, capfd, site_dictionary):
    caplog.set_level(logging.DEBUG)
    out = tmp_path / "out"
    rc = main(["--debug", "deid", str(export), "--out", str(out), "--dictionary",
               str(site_dictionary)])  # fmt: skip
    captured = capfd.readouterr()
    assert rc == 2  # the export's damaged PDF was refused: the output is not the whole export
    assert "1 input file was refused" in captured.err.splitlines()[-1]
    assert "certificate:" in captured.err and CERT_FILE in captured.err
    seen = caplog.text + captured.out + captured.err
    assert [v for v in PLANTED if v in seen] == []
    cert_line = next(line for line in captured.err.splitlines() if CERT_FILE in line)
    folder = Path(cert_line.split("certificate:", 1)[1].strip()).parent
    assert main(["verify", str(folder)]) == 0


def test_cli_refuses_output_inside_input(home, export, capfd):
    rc = main(["deid", str(export), "--out", str(export / "x")])
    assert rc == 2
    assert "inside the input" in capfd.readouterr().err
    assert not (export / "x").exists()


def test_queued_run_is_used_when_given(actx, export, tmp_path, site_engine):
    from auditor.store import repo

    with actx.transaction() as s:
        queued = repo.create_run(s, "deid", "api", status=RunStatus.QUEUED, trigger="api").id
    request = DeidRequest([export], tmp_path / "out", run_id=queued, trigger="api")
    result = run_deid(actx, request, engine=site_engine)
    assert result.run_id == queued
    with actx.sessions() as s:
        runs = s.scalars(select(ScanRun).where(ScanRun.kind == "deid")).all()
        assert [(r.id, r.status) for r in runs] == [(queued, RunStatus.DONE)]


def test_file_vanishing_mid_run_is_skipped_with_reason(actx, tmp_path, site_engine):
    src = tmp_path / "in"
    gone = write(src / "gone.txt", "Zebulon Quartermaine\n")
    write(src / "ok.txt", "Nothing here.\n")

    def progress(done: int, total: int, name: str) -> None:
        if name == "gone.txt":
            gone.unlink()  # deleted after the walk, before it is read

    result = run_deid(
        actx, DeidRequest([src], tmp_path / "out"), engine=site_engine, on_progress=progress
    )
    assert result.files_skipped == [("gone.txt", "cannot read (FileNotFoundError)")]
    assert result.files_processed == 1
