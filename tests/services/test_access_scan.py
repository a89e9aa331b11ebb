"""The access-log service end to end: accounting, parity, idempotence, checkpoints, CLI."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from sqlalchemy import func, select
from typer.testing import CliRunner

from auditor.cli.main import app, main
from auditor.context import AppContext, open_context
from auditor.errors import PolicyError
from auditor.findings import AccessFinding
from auditor.services.access_scan import (
    AccessBatch,
    AccessScanRequest,
    AccessScanResult,
    scan_access_logs,
)
from auditor.services.access_segments import CARRY_KEY
from auditor.store.models import Checkpoint, Finding, RunStatus, ScanRun
from auditor.synth.hospital import HospitalPaths, build_hospital, generate_events_csv
from tests.collect import into

WEEK = date(2024, 3, 4)


@pytest.fixture(scope="module")
def hospital(tmp_path_factory: pytest.TempPathFactory) -> HospitalPaths:
    return build_hospital(tmp_path_factory.mktemp("hospital"), week_start=WEEK)


def _identities(actx: AppContext) -> set[tuple[str, str]]:
    """(rule, event) of every stored finding: comparable across homes (fingerprint keys differ)."""
    with actx.transaction() as s:
        return {(r, e) for r, e in s.execute(select(Finding.rule_id, Finding.event_id))}


@pytest.fixture(scope="module")
def reference(
    hospital: HospitalPaths, tmp_path_factory: pytest.TempPathFactory
) -> set[tuple[str, str]]:
    """What one plain full scan finds: the yardstick for segmented and resumed scans."""
    with open_context(tmp_path_factory.mktemp("reference") / "home") as ref:
        scan_access_logs(
            ref, AccessScanRequest([hospital.csv_log], context_dir=hospital.context_dir)
        )
        return _identities(ref)


def test_accounting_and_quarantine(actx: AppContext, hospital: HospitalPaths) -> None:
    result = scan_access_logs(
        actx, AccessScanRequest([hospital.csv_log], context_dir=hospital.context_dir)
    )
    assert result.records_read == result.records_processed + result.records_quarantined
    assert result.records_processed == hospital.n_events
    assert result.records_quarantined == hospital.malformed_csv_lines
    lines = Path(result.quarantine_file).read_text().splitlines()
    assert len(lines) == result.records_quarantined
    for row in map(json.loads, lines):
        assert row["file"] == str(hospital.csv_log) and row["line"] > 1 and row["reason"]
    with actx.transaction() as s:
        run = s.get(ScanRun, result.run_id)
        assert run is not None and run.status is RunStatus.DONE
        assert (run.records_read, run.records_quarantined) == (
            result.records_read,
            result.records_quarantined,
        )
        assert run.findings_count == result.findings_total
        assert run.summary["findings_by_category"] == result.findings_by_category
    assert result.accesses_explained / result.records_processed > 0.9
    by_day = result.summary()["accesses_by_day"]
    assert sum(d["audited"] for d in by_day.values()) == result.records_processed
    assert sum(d["explained"] for d in by_day.values()) == result.accesses_explained
    assert min(by_day) == WEEK.isoformat() and len(by_day) in (7, 8)


def test_every_planted_category_is_found(actx: AppContext, hospital: HospitalPaths) -> None:
    found: list[AccessFinding] = []
    scan_access_logs(
        actx,
        AccessScanRequest(
            [hospital.csv_log], context_dir=hospital.context_dir, on_batch=into(found)
        ),
    )
    by_category: dict[str, set[str]] = {}
    for f in found:
        by_category.setdefault(f.category, set()).add(f.event_id)
    for category, event_ids in hospital.planted.items():
        assert set(event_ids) <= by_category.get(category, set()), category


def test_csv_and_fhir_give_the_same_findings(actx: AppContext, hospital: HospitalPaths) -> None:
    runs = {}
    for log in (hospital.csv_log, hospital.fhir_log):
        found: list[AccessFinding] = []
        result = scan_access_logs(
            actx,
            AccessScanRequest([log], context_dir=hospital.context_dir, on_batch=into(found)),
        )
        runs[log.suffix] = (result, sorted((f.identity, f.explanation) for f in found))
    (csv_result, csv_findings), (fhir_result, fhir_findings) = runs[".csv"], runs[".ndjson"]
    assert csv_findings == fhir_findings and csv_findings
    assert csv_result.records_processed == fhir_result.records_processed
    assert fhir_result.records_quarantined == hospital.malformed_fhir_lines
    assert fhir_result.findings_new == 0  # same events: nothing new for the store


def test_sql_formatted_rows_match_the_python_definitions(actx: AppContext, tmp_path: Path) -> None:
    """DuckDB builds timestamps, identities' inputs and JSON lines; they must agree with the
    dataclass (fingerprints keyed on ``isoformat()`` must not change, sub-seconds included)."""
    rows = ["event_id,timestamp,user_id,patient_id,break_glass,reason"]
    rows += [
        "a1,2024-03-05T12:00:00Z,U6,P1,true,n/a",
        "a2,2024-03-05T12:00:00.250000+02:00,U6,P2,true,",
        "a3,2024-03-05T12:00:00.000001Z,U7,P\u00e9,true,-",
    ]
    log = tmp_path / "fmt.csv"
    log.write_text("\n".join(rows) + "\n", encoding="utf-8")
    batches: list[AccessBatch] = []
    scan_access_logs(actx, AccessScanRequest([log], on_batch=batches.append))
    pairs = [(row, line) for b in batches for row, line in zip(b.rows, b.jsonl, strict=True)]
    assert {row.event_id for row, _ in pairs} == {"a1", "a2", "a3"}
    for row, line in pairs:
        finding = row.finding()
        assert json.loads(line) == finding.to_json()
        assert row.identity == finding.identity
        iso = row.timestamp.isoformat()
        assert row.fingerprint == actx.fingerprinter.of(
            f"{row.user_id}\x1f{row.patient_id}\x1f{iso}"
        )
    stamps = {row.event_id: row.timestamp.isoformat() for row, _ in pairs}
    assert stamps["a2"] == "2024-03-05T10:00:00.250000+00:00"
    assert stamps["a3"] == "2024-03-05T12:00:00.000001+00:00"


def test_rerun_adds_no_duplicates(actx: AppContext, hospital: HospitalPaths) -> None:
    first = scan_access_logs(
        actx, AccessScanRequest([hospital.csv_log], context_dir=hospital.context_dir)
    )
    ids = _identities(actx)
    second = scan_access_logs(
        actx, AccessScanRequest([hospital.csv_log], context_dir=hospital.context_dir)
    )
    assert first.findings_new == len(ids) == first.findings_total
    assert second.findings_new == 0 and second.findings_total == first.findings_total
    assert _identities(actx) == ids


def test_small_segments_give_the_same_findings(
    actx: AppContext, hospital: HospitalPaths, tmp_path: Path, reference: set[tuple[str, str]]
) -> None:
    actx.settings.access.segment_mb = 0.04  # a few segments per file
    actx.settings.access.events_per_segment = 700
    for log in (hospital.csv_log, hospital.fhir_log):
        result = scan_access_logs(actx, AccessScanRequest([log], context_dir=hospital.context_dir))
        assert result.records_read == result.records_processed + result.records_quarantined
        assert result.findings_by_category["high_volume"] == 1
        assert len(result.files) == 1
    assert _identities(actx) == reference


def test_window_rule_sees_across_segment_boundaries(actx: AppContext, tmp_path: Path) -> None:
    actx.settings.access.segment_mb = 0.001  # 1 KB: about 15 events per segment
    rows = ["event_id,timestamp,user_id,patient_id"]
    rows += [f"b{i:02d},2024-03-05T12:{i:02d}:00Z,U6,P{i:03d}" for i in range(45)]
    log = tmp_path / "burst.csv"
    log.write_text("\n".join(rows) + "\n")
    found: list[AccessFinding] = []
    result = scan_access_logs(actx, AccessScanRequest([log], on_batch=into(found)))
    burst = [f for f in found if f.category == "high_volume"]
    assert [f.event_id for f in burst] == ["b30"]
    assert "(threshold 30)" in burst[0].explanation
    assert result.records_processed == 45


def _lines(path: Path) -> list[str]:
    return path.read_text().splitlines(keepends=True)


def _incremental(
    actx: AppContext, hospital: HospitalPaths, log: Path | None = None, **kw: Any
) -> AccessScanResult:
    """An incremental scan of ``log`` (the week as CSV by default) with the hospital's context."""
    ctx = hospital.context_dir
    request = AccessScanRequest([log or hospital.csv_log], context_dir=ctx, incremental=True, **kw)
    return scan_access_logs(actx, request)


def test_incremental_resumes_after_appended_lines(
    actx: AppContext, hospital: HospitalPaths, tmp_path: Path, reference: set[tuple[str, str]]
) -> None:
    lines = _lines(hospital.csv_log)
    log = tmp_path / "growing.csv"
    cut = len(lines) // 2
    log.write_text("".join(lines[:cut]) + lines[cut][:10])  # a half-written last line
    first = _incremental(actx, hospital, log)
    assert first.records_read == cut - 1  # the partial line waits for its newline
    log.write_text("".join(lines))
    second = _incremental(actx, hospital, log)
    assert second.records_read == len(lines) - cut
    assert second.files[0]["resumed_from"] > 0
    third = _incremental(actx, hospital, log)
    assert third.records_read == 0
    assert _identities(actx) == reference


def test_crash_mid_scan_resumes_without_gaps(
    actx: AppContext, hospital: HospitalPaths, tmp_path: Path, reference: set[tuple[str, str]]
) -> None:
    actx.settings.access.segment_mb = 0.02
    seen = 0

    def explode(batch: AccessBatch) -> None:
        nonlocal seen
        seen += len(batch.rows)
        if seen >= 30:
            raise RuntimeError("power cut")

    with pytest.raises(Exception, match="failed"):
        _incremental(actx, hospital, on_batch=explode)
    with actx.transaction() as s:
        failed = s.scalars(select(ScanRun).where(ScanRun.status == RunStatus.FAILED)).one()
        assert "RuntimeError" in failed.error
        cp = s.scalars(select(Checkpoint).where(Checkpoint.key != CARRY_KEY)).one()
        assert 0 < cp.position < hospital.csv_log.stat().st_size
        partial = s.scalar(select(func.count(Finding.id)))
    assert partial
    resumed = _incremental(actx, hospital)
    assert resumed.files[0]["resumed_from"] == cp.position
    assert _identities(actx) == reference


def test_should_stop_is_polled_between_segments(
    actx: AppContext, hospital: HospitalPaths, tmp_path: Path, reference: set[tuple[str, str]]
) -> None:
    actx.settings.access.segment_mb = 0.05
    polls = 0

    def stop() -> bool:
        nonlocal polls
        polls += 1
        return polls >= 3

    stopped = _incremental(actx, hospital, should_stop=stop)
    assert stopped.stopped and 0 < stopped.records_read < hospital.n_events
    rest = _incremental(actx, hospital)
    assert stopped.records_read + rest.records_read == hospital.n_events + 4
    assert _identities(actx) == reference


def test_invalid_pack_stops_before_anything_runs(
    actx: AppContext, hospital: HospitalPaths, tmp_path: Path
) -> None:
    bad = tmp_path / "pack"
    bad.mkdir()
    (bad / "rules.yaml").write_text("[]\n")
    with pytest.raises(PolicyError):
        scan_access_logs(actx, AccessScanRequest([hospital.csv_log], policies_dir=bad))
    with actx.transaction() as s:
        assert s.scalar(select(func.count(ScanRun.id))) == 0


def _scan_jsonl(
    runner: CliRunner, hospital: HospitalPaths, tmp_path: Path, *logs: Path
) -> tuple[Result, list[dict[str, Any]], dict[str, Any]]:
    """``scan access-logs`` of ``logs`` as JSON lines: the result, its rows and its summary."""
    summary_file = tmp_path / "summary.json"
    args = ["scan", "access-logs", *map(str, logs), "--context", str(hospital.context_dir)]
    args += ["--output-format", "jsonl", "--summary-json", str(summary_file)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    return result, rows, json.loads(summary_file.read_text())


def test_cli_jsonl_summary_and_exit_codes(
    home: Path, hospital: HospitalPaths, tmp_path: Path
) -> None:
    runner = CliRunner()
    _, rows, summary = _scan_jsonl(runner, hospital, tmp_path, hospital.fhir_log)
    assert rows and set(rows[0]) == {
        "kind",
        "rule_id",
        "category",
        "severity",
        "event_id",
        "user_id",
        "patient_id",
        "timestamp",
        "explanation",
    }
    assert all(r["kind"] == "access" and r["timestamp"].endswith("Z") for r in rows)
    assert summary["records_read"] == summary["records_processed"] + summary["records_quarantined"]
    phases = summary["timings_s"]
    assert {"context", "load", "explain", "rules", "store_wait", "total"} <= set(phases)
    assert all(0 <= phases[p] <= phases["total"] for p in phases)
    assert sum(summary["findings_by_category"].values()) == len(rows)
    table = runner.invoke(
        app,
        [
            "scan",
            "access-logs",
            str(hospital.csv_log),
            "--context",
            str(hospital.context_dir),
            "--fail-on-findings",
        ],
    )
    assert table.exit_code == 1 and "Access findings" in table.stdout
    bad = tmp_path / "empty-pack"
    bad.mkdir()


def test_cli_errors_are_one_line_exit_2(
    home: Path, hospital: HospitalPaths, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "empty-pack"
    bad.mkdir()
    assert main(["scan", "access-logs", str(hospital.csv_log), "--policies", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "no rules" in err and "Traceback" not in err
    assert main(["scan", "access-logs", str(hospital.csv_log), "--format", "parquet"]) == 2
    assert main(["scan", "access-logs", str(tmp_path / "missing.csv")]) == 2
    assert main(["policies", "validate", str(bad)]) == 2


@pytest.mark.slow
def test_kill_9_mid_scan_resumes_without_gaps_or_duplicates(tmp_path: Path) -> None:
    """A real process killed with SIGKILL after its first checkpoint; the next run completes."""
    import os
    import signal
    import sqlite3
    import subprocess
    import sys
    import time

    from auditor.synth.scale import generate_context

    ctx = generate_context(tmp_path / "ctx", n_users=200, n_patients=2000, n_relationships=4000)
    log = generate_events_csv(tmp_path / "events.csv", 60_000, 200, 2000, 4000)
    with open_context(tmp_path / "reference") as ref:
        scan_access_logs(ref, AccessScanRequest([log], context_dir=ctx))
        expected = _identities(ref)
    home = tmp_path / "home"
    env = {k: v for k, v in os.environ.items() if not k.startswith("AUDITOR_")}
    env.update(AUDITOR_HOME=str(home), AUDITOR_ACCESS__SEGMENT_MB="0.25")
    argv = [
        sys.executable,
        "-m",
        "auditor.cli.main",
        "scan",
        "access-logs",
        str(log),
        "--context",
        str(ctx),
        "--incremental",
        "--output-format",
        "jsonl",
    ]
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    position = 0
    deadline = time.monotonic() + 120
    while proc.poll() is None and time.monotonic() < deadline and not position:
        time.sleep(0.05)
        db = home / "auditor.db"
        if db.exists():
            try:
                with sqlite3.connect(db, timeout=1) as conn:
                    row = conn.execute("SELECT max(position) FROM checkpoints").fetchone()
                    position = int(row[0] or 0)
            except sqlite3.OperationalError:
                continue
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert position > 0
    print(f"killed={proc.returncode == -signal.SIGKILL} at byte {position} of {log.stat().st_size}")
    with open_context(home) as actx:
        resumed = scan_access_logs(
            actx, AccessScanRequest([log], context_dir=ctx, incremental=True)
        )
        assert resumed.files[0]["resumed_from"] >= position or proc.returncode == 0
        assert _identities(actx) == expected
        with actx.transaction() as s:
            assert s.scalar(select(func.count(Finding.id))) == len(expected)


def test_same_events_in_two_formats_count_once(actx: AppContext, hospital: HospitalPaths) -> None:
    """The week as CSV and as FHIR in one run: each finding once on every output (issue #15)."""
    once = scan_access_logs(
        actx, AccessScanRequest([hospital.csv_log], context_dir=hospital.context_dir)
    )
    assert once.events_distinct == once.events_new == hospital.n_events
    found: list[AccessFinding] = []
    both = scan_access_logs(
        actx,
        AccessScanRequest(
            [hospital.csv_log, hospital.fhir_log],
            context_dir=hospital.context_dir,
            on_batch=into(found),
        ),
    )
    assert both.records_processed == 2 * hospital.n_events  # deliveries read
    assert (both.events_distinct, both.events_new) == (hospital.n_events, 0)
    assert both.findings_total == once.findings_total == len(found)
    assert both.findings_by_category == once.findings_by_category
    keys = [(f.rule_id, f.event_id) for f in found]
    assert len(keys) == len(set(keys))
    summary = both.summary()
    assert summary["findings_total"] == once.findings_total
    assert summary["events_distinct"] == hospital.n_events


def test_cli_counts_findings_per_event_over_two_formats(
    home: Path, hospital: HospitalPaths, tmp_path: Path
) -> None:
    """The week as CSV and as FHIR on one command line: each finding printed and counted once."""
    result, rows, summary = _scan_jsonl(
        CliRunner(), hospital, tmp_path, hospital.csv_log, hospital.fhir_log
    )
    keys = [(r["rule_id"], r["event_id"]) for r in rows]
    assert rows and len(keys) == len(set(keys))
    assert summary["findings_total"] == sum(summary["findings_by_category"].values()) == len(rows)
    assert summary["records_processed"] == 2 * hospital.n_events
    assert summary["events_distinct"] == summary["events_new"] == hospital.n_events
    assert f"distinct events {hospital.n_events:,} ({hospital.n_events:,} new" in result.stderr


def test_incremental_checkpoints_write_only_what_each_segment_added(
    hospital: HospitalPaths, tmp_path: Path
) -> None:
    """An incremental scan in many small segments commits a checkpoint after every segment,
    each with a new part of the persisted carry holding only the events that segment added
    (never the carry again): every carried event in exactly one part, the same findings and
    the same persisted carry as a scan without checkpoints, and the checkpoint at the end of
    the file."""
    from auditor.services.access_segments import load_manifest

    carried, found, parts = [], [], []
    for incremental in (True, False):
        with open_context(tmp_path / f"home-{incremental}") as ctx:
            ctx.settings.access.segment_mb = 0.01
            request = AccessScanRequest(
                [hospital.csv_log], context_dir=hospital.context_dir, incremental=incremental
            )
            result = scan_access_logs(ctx, request)
            found.append(_identities(ctx))
            manifest = load_manifest(ctx)
            parts.append(manifest.parts)
            keys = _part_keys(manifest.files())
            assert len(keys) == len(set(keys))  # each carried event in one part only
            carried.append(set(keys))
            if incremental:
                with ctx.transaction() as s:
                    cp = s.scalars(select(Checkpoint).where(Checkpoint.key != CARRY_KEY)).one()
                assert cp.position == hospital.csv_log.stat().st_size
                segments = result.records_read  # bounded below by the parts' rows
    assert len(parts[0]) > 20 and len(parts[1]) == 1
    assert sum(p.rows for p in parts[0]) == sum(p.rows for p in parts[1]) <= segments
    assert found[0] == found[1]
    assert carried[0] == carried[1] and len(carried[0]) > 0


def _part_keys(files: list[Path]) -> list[str]:
    import duckdb

    con = duckdb.connect()
    try:
        rows = con.execute("SELECT ekey FROM read_parquet(?)", [[str(f) for f in files]])
        return [str(r[0]) for r in rows.fetchall()]
    finally:
        con.close()
