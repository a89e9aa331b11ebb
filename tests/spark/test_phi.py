"""PHI scanning and de-identification on Spark: the same outputs, findings and certificates.

One folder (notes, a CSV table, JSONL, a FHIR-free JSON list, a JSON file broken on line 3,
file names that carry a patient's name) goes through ``auditor deid`` on one machine and with
``--engine spark`` (the CLI, local[2]): every output file is byte for byte the same, and so
is the certificate (files, records, counts by type and operator, residual scan), the broken
file refused with its line while the others go on. A Parquet table of notes is de-identified
row by row exactly as the JSON list of its rows is on one machine, and byte for byte as one
machine de-identifies the same Parquet file (an export's Parquet table too, rows quarantined
alike). ``scan documents`` stores
the same findings, or writes them to Parquet. Refusals (DOCX/PDF, --reid-map) need no Spark.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from auditor.cli.main import app, main
from auditor.context import AppContext, open_context
from auditor.deid.keys import create_key_file
from auditor.services.deid import DeidRequest, run_deid
from auditor.services.document_scan import scan_documents
from auditor.signing.attest import verify_folder
from auditor.store.models import Finding, ScanRun
from auditor.synth.documents import note_texts
from tests.deid.conftest import write

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

pytestmark = pytest.mark.spark

SHIFT = "shifted-dates"
PATIENTS = [
    ("00482913", "Zebulon Quartermaine", "1975-06-01", "123-45-6789"),
    ("00517720", "Marisol Ferreira-Okafor", "1931-02-11", "234-56-7890"),
    ("00633014", "Ignatius Palmqvist", "1988-12-30", "345-67-8901"),
]


def _export(root: Path) -> Path:
    """A small export of every text kind the Spark engine takes, and one broken file."""
    for mrn, name, _dob, _ssn in PATIENTS:
        write(
            root / "notes" / f"{name.split()[0]}_visit.txt",
            f"{name} (MRN {mrn}) seen 02/14/2014 at 14 Ashbury Lane.\n\n"
            f"Call (617) 555-1234. Follow-up with Dr. Okonkwo on 03/01/2014.\n",
        )
    rows = "".join(f"{m},{n},{d},{s},2014-02-14\n" for m, n, d, s in PATIENTS)
    write(root / "tables" / "patients.csv", "mrn,name,dob,ssn,admit_date\n" + rows)
    lines = [
        json.dumps({"patient_id": m, "note": f"{n.split()[-1]} called."}) for m, n, *_ in PATIENTS
    ]
    write(root / "tables" / "events.jsonl", "\n".join(lines) + "\n")
    write(root / "tables" / "bad.json", '{"patient_id": "00482913",\n "note": "x",\n "age": }\n')
    for i, text in enumerate(note_texts(6)):  # named by letter: see the report on ZIP-like names
        write(root / "more" / f"note_{chr(97 + i)}.txt", text)
    _visits_parquet(root / "tables" / "visits.parquet")
    return root


def _visits_parquet(path: Path) -> None:
    """Notes in a Parquet column, two row groups, a date column, and an 8-bit account column
    whose 3-digit numbers tokenise to numbers that may not fit it (those rows quarantined)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    notes = list(note_texts(40, seed=5))
    table = pa.table(
        {
            "patient_id": [PATIENTS[i % 3][0] for i in range(40)],
            "note": notes,
            "visit_date": [dt.date(2014, 1, 1) + dt.timedelta(days=i) for i in range(40)],
            "account": pa.array([100 + i for i in range(40)], pa.uint8()),
        }
    )
    pq.write_table(table, path, row_group_size=16)


def _digests(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def _certificate(path: Path | None) -> dict[str, Any]:
    assert path is not None
    cert = json.loads(path.read_text())
    for key in ("run_id", "created", "output"):
        cert.pop(key)
    return cert


def test_deid_parity_single_node_vs_spark(
    spark: SparkSession, home: Path, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    export = _export(tmp_path / "export")
    key = tmp_path / "deid.key"
    create_key_file(key)
    actx = open_context(home)
    try:
        local = run_deid(actx, DeidRequest([export], tmp_path / "local", key_file=key))
    finally:
        actx.close()
    args = ["deid", str(export), "--out", str(tmp_path / "spark"), "--key-file", str(key)]
    rc = main([*args, "--engine", "spark", "--master", "local[2]"])
    said = capfd.readouterr()
    assert rc == 2, said.err  # bad.json refused: the rest written and certified, then exit 2
    assert said.err.strip().splitlines()[-1].startswith("error: 1 input file was refused")
    assert not any(v in said.out + said.err for v in ("Zebulon", "Quartermaine", "00482913"))
    assert _digests(tmp_path / "spark") == _digests(tmp_path / "local")
    assert local.certificate_path is not None
    [spark_cert] = [
        p / "certificate.json"
        for p in (home / "certificates").iterdir()
        if p != local.certificate_path.parent
    ]
    actx = open_context(home)
    try:
        verify_folder(actx.settings, spark_cert.parent)
        with actx.transaction() as s:
            engines = sorted(r.params.get("engine", "local") for r in s.scalars(select(ScanRun)))
        assert engines == ["local", "spark"]
    finally:
        actx.close()
    cert, expected = _certificate(spark_cert), _certificate(local.certificate_path)
    assert cert == expected
    files = cert["files"]
    # Every input file is accounted for: de-identified, or refused with its line and reason.
    assert files["processed"] + files["skipped"] == sum(1 for p in export.rglob("*") if p.is_file())
    [(bad)] = files["skipped_files"]
    assert bad["path"] == "tables/bad.json" and "line 3" in bad["reason"]
    assert cert["counts"]["by_entity_type"]["PERSON"]["surrogate"] >= 6
    assert "Quartermaine" not in (tmp_path / "spark" / "tables" / "patients.csv").read_text()
    # The Parquet table: every row written or quarantined with its row and reason, alike.
    [visits] = [e for e in cert["files"]["processed_files"] if e["path"] == "tables/visits.parquet"]
    named = [n for n in visits.get("notes", []) if ": quarantined, " in n]
    assert visits["format"] == "parquet" and visits["records"] + len(named) == 40
    # The file names were de-identified too, the same way.
    assert not any("Zebulon" in p.name for p in (tmp_path / "spark").rglob("*"))


def test_parquet_notes_round_trip(spark: SparkSession, home: Path, tmp_path: Path) -> None:
    """A Parquet table comes out with the same rows and columns, each value de-identified as
    in the JSON list of its rows on one machine; the date column is written as text."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    records = [
        {
            "patient_id": mrn,
            "note": f"{name} seen on 02/14/2014, call (617) 555-1234. Lives in Boston.",
            "admit_date": dt.date(2014, 2, 14 + i),
            "age": 95 - 20 * i,
        }
        for i, (mrn, name, _dob, _ssn) in enumerate(PATIENTS)
    ]
    for r in records:
        r["discharge_date"] = r["admit_date"] + dt.timedelta(days=3)
    # Warehouse placeholders for "unknown": one of the two always leaves the calendar when
    # shifted (the shift is never 0); that value is redacted, the row written, on both engines.
    bad = {"patient_id": "00999999", "note": "x", "age": 40}
    bad.update(admit_date=dt.date(1, 1, 1), discharge_date=dt.date(9999, 12, 31))
    # Two names that de-identify alike (a ZIP-like number cut to 3 digits): the second gets
    # a numbered name, as on one machine (never one output raced over by two executors).
    write(tmp_path / "pq" / "note_00001.txt", "Seen.\n")
    write(tmp_path / "pq" / "note_00002.txt", "Seen again.\n")
    rows_in = [*records[:2], bad, records[2]]
    table = pa.Table.from_pylist(rows_in)
    pq.write_table(table, tmp_path / "pq" / "notes.parquet")
    dates = ("admit_date", "discharge_date")
    as_json = [{**r, **{d: r[d].isoformat() for d in dates}} for r in rows_in]
    write(tmp_path / "js" / "notes.json", json.dumps(as_json, indent=2) + "\n")
    key = tmp_path / "deid.key"
    create_key_file(key)
    actx = open_context(home)
    try:
        spark_run = run_deid(
            actx,
            DeidRequest(
                [tmp_path / "pq"], tmp_path / "pq-out", key_file=key, engine="spark", profile=SHIFT
            ),
        )
        local_run = run_deid(
            actx, DeidRequest([tmp_path / "js"], tmp_path / "js-out", key_file=key, profile=SHIFT)
        )
        local_pq = run_deid(
            actx, DeidRequest([tmp_path / "pq"], tmp_path / "pq-local", key_file=key, profile=SHIFT)
        )
    finally:
        actx.close()
    # One machine reads the same Parquet file and writes the same bytes.
    assert _digests(tmp_path / "pq-out") == _digests(tmp_path / "pq-local")
    assert spark_run.processed == local_pq.processed and spark_run.counts == local_pq.counts
    table = pq.read_table(tmp_path / "pq-out" / "notes.parquet")
    assert table.column_names == ["patient_id", "note", "admit_date", "age", "discharge_date"]
    assert table.schema.field("admit_date").type == pa.string()
    rows = table.to_pylist()
    assert rows == json.loads((tmp_path / "js-out" / "notes.json").read_text())
    assert rows[0]["age"] == 90 and "Quartermaine" not in json.dumps(rows)
    assert rows[0]["admit_date"] != "2014-02-14"  # shifted
    [entry] = [e for e in spark_run.processed if e["format"] == "parquet"]
    assert entry["records"] == 4 and not entry.get("notes")
    assert "[DATE_TIME]" in (rows[2]["admit_date"], rows[2]["discharge_date"])
    texts = sorted(e["path"] for e in spark_run.processed if e["format"] == "text")
    assert texts == ["note_000.txt", "note_000_2.txt"] and not spark_run.files_skipped
    # The same counts as one machine (the ZIP-like file names aside).
    counts = {k: v for k, v in spark_run.counts.items() if k != "ZIP_CODE"}
    assert counts == local_run.counts


def _findings(actx: AppContext) -> list[tuple[Any, ...]]:
    with actx.transaction() as s:
        rows = s.execute(
            select(Finding.source, Finding.rule_id, Finding.location, Finding.start, Finding.end)
        ).all()
    return sorted(tuple(r) for r in rows)


def test_scan_documents_parity_and_parquet_findings(spark: SparkSession, tmp_path: Path) -> None:
    export = _export(tmp_path / "export")
    write(export / "tables" / "broken.jsonl", '{"note": "Zebulon Quartermaine"}\n{"note": \n')
    found = {}
    for engine in ("local", "spark"):
        actx = open_context(tmp_path / f"home-{engine}")
        try:
            result = scan_documents(actx, [export], engine_name=engine)
            found[engine] = (_findings(actx), result.summary())
        finally:
            actx.close()
    (local, local_sum), (spark_found, spark_sum) = found["local"], found["spark"]
    assert spark_found == local and len(local) > 40
    assert sum(1 for f in local if f[0].endswith("visits.parquet")) > 40  # notes in a column
    for key in ("files_scanned", "files_skipped", "issues", "units", "findings_by_type"):
        assert spark_sum[key] == local_sum[key], key
    # The bad JSON line is named (file and line) and the rest of the folder still scanned.
    assert any("broken.jsonl" in i["path"] and "line 2" in i["reason"] for i in local_sum["issues"])
    # Parquet output through the CLI: the same findings, none in the store.
    home = tmp_path / "home-parquet"
    folder = tmp_path / "findings"
    args = ["scan", "documents", str(export), "--engine", "spark", "--output-format", "jsonl"]
    result = CliRunner().invoke(
        app, [*args, "--findings-parquet", str(folder)], env={"AUDITOR_HOME": str(home)}
    )
    assert result.exit_code == 0, result.output
    import pyarrow.parquet as pq

    table = pq.read_table(next(folder.iterdir()))
    rows = zip(*(table.column(c).to_pylist() for c in ("source", "start", "end")), strict=True)
    assert sorted(rows) == sorted((s, a, b) for s, _rule, _loc, a, b in local)
    actx = open_context(home)
    try:
        assert _findings(actx) == []
        with actx.transaction() as s:
            run = s.scalars(select(ScanRun)).one()
        assert run.params["engine"] == "spark" and run.findings_count == len(local)
    finally:
        actx.close()


@pytest.mark.parametrize("extra", ["pdf", "reid"])
def test_what_spark_does_not_do_is_refused_in_one_line(
    home: Path, tmp_path: Path, extra: str, capfd: pytest.CaptureFixture[str]
) -> None:
    export = tmp_path / "export"
    write(export / "note.txt", "Seen by Dr. Okonkwo.\n")
    args = ["deid", str(export), "--out", str(tmp_path / "out"), "--engine", "spark"]
    if extra == "pdf":
        (export / "Zebulon_Quartermaine.pdf").write_bytes(b"%PDF-1.4 Zebulon Quartermaine")
    else:
        args += ["--reid-map", str(tmp_path / "reid.map")]
    assert main(args) == 2
    err = capfd.readouterr().err
    assert len(err.strip().splitlines()) == 1
    message = " ".join(err.split())
    assert ("1 PDF in the input" if extra == "pdf" else "re-identification map") in message
    assert "Quartermaine" not in err
    assert not (tmp_path / "out").exists()


def test_one_engine_per_python_worker_reused_across_jobs(
    spark: SparkSession, tmp_path: Path
) -> None:
    """Eight tasks on two cores, twice: each worker process builds the engine once."""
    import os

    import pandas as pd

    from auditor.config import load_settings
    from auditor.spark.phi import EngineSpec, worker_engine

    spec = EngineSpec.from_settings(load_settings(tmp_path / "home", environ={}))

    def which(batches: Any) -> Any:
        for _ in batches:
            yield pd.DataFrame({"pid": [os.getpid()], "engine": [id(worker_engine(spec))]})

    frame = spark.range(8).repartition(8)
    seen = [
        {tuple(r) for r in frame.mapInPandas(which, "pid long, engine long").collect()}
        for _ in range(2)
    ]
    pairs = seen[0] | seen[1]
    assert len({pid for pid, _ in pairs}) == len(pairs)  # one engine per worker, kept
    assert {pid for pid, _ in seen[0]} & {pid for pid, _ in seen[1]}  # workers were reused
