"""Where a scan keeps its window carry: in memory when it is expected to be small
(``engine.carry_in_memory``, from ``access_scan.carry_bytes``), else in the work folder's
database file. The findings are the same either way, and a scan reads the carry an earlier
scan persisted whichever way either kept it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb
import pytest

from auditor.context import open_context
from auditor.findings import AccessFinding
from auditor.policy import carry_parts, engine
from auditor.services import access_scan
from auditor.services.access_scan import AccessScanRequest, scan_access_logs
from tests.collect import into
from tests.policy.test_window_reference import THRESHOLD, WINDOW
from tests.policy.test_window_refine import _repeats
from tests.policy.window_scans import Finding, carried_plan

MEMORY, FILE = 0.25, 0.0  # engine.MEMORY_CARRY_SHARE: the default, and never in memory
INIT_CARRY = engine.init_carry


def _scan(
    home: Path, plan: list[list[Path]], shares: list[float], monkeypatch: pytest.MonkeyPatch
) -> tuple[set[Finding], list[str | None]]:
    """(rule, event, explanation) of one scan per entry of ``plan`` (small segments), each
    with its ``MEMORY_CARRY_SHARE``; and where each scan's carry was (its file, None in
    memory)."""
    where: list[str | None] = []
    init = INIT_CARRY

    def seen(con: duckdb.DuckDBPyConnection, *args: Any, **kwargs: Any) -> bool:
        loaded = init(con, *args, **kwargs)
        row = con.execute(
            "SELECT path FROM duckdb_databases() WHERE database_name = ?", [engine.CARRY_DB]
        ).fetchone()
        where.append(row[0] if row else "missing")
        return loaded

    monkeypatch.setattr(engine, "init_carry", seen)
    found: list[AccessFinding] = []
    actx = open_context(home)
    try:
        actx.settings.access.high_volume_threshold = THRESHOLD
        actx.settings.access.high_volume_window_minutes = WINDOW
        actx.settings.access.segment_mb = 0.002
        for logs, share in zip(plan, shares, strict=True):
            monkeypatch.setattr(engine, "MEMORY_CARRY_SHARE", share)
            scan_access_logs(actx, AccessScanRequest(logs, on_batch=into(found)))
    finally:
        actx.close()
    return {(f.rule_id, f.event_id, f.explanation) for f in found}, where


@pytest.mark.parametrize("seed", [3, pytest.param(11, marks=pytest.mark.exhaustive)])
def test_a_carry_kept_in_memory_finds_what_the_file_finds_across_scans(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seed: int
) -> None:
    """Two scans: the second reads the parts the first persisted (and every event again),
    bursts crossing segments, files and scans; the carry in memory, in the file, and in
    memory for the first scan then in the file for the second, and the other way."""
    events = _repeats(seed)
    plan = carried_plan(events, seed, tmp_path)
    runs = {
        name: _scan(tmp_path / name, plan, shares, monkeypatch)
        for name, shares in {
            "memory": [MEMORY, MEMORY],
            "file": [FILE, FILE],
            "memory-file": [MEMORY, FILE],
            "file-memory": [FILE, MEMORY],
        }.items()
    }
    found, where = runs["memory"]
    assert where == [None, None]  # small scans: the carry in memory (before: the file)
    assert all(p is not None and p.endswith("carry.duckdb") for p in runs["file"][1])
    assert runs["memory-file"][1][0] is None and runs["file-memory"][1][1] is None
    bursts = {event for rule, event, _ in found if rule == "ACC-VOLUME-001"}
    assert bursts  # the window rule ran
    for name, (other, _) in runs.items():
        assert other == found, name


def test_the_estimate_counts_the_inputs_and_the_persisted_carry(tmp_path: Path) -> None:
    log = tmp_path / "log.csv"
    log.write_bytes(b"x" * 1000)
    job: Any = type("Job", (), {"specs": [(log, None), (tmp_path / "gone.csv", None)]})()
    folder = tmp_path / "parts"
    none = carry_parts.Manifest(folder)
    assert access_scan.carry_bytes(job, none) == 2500
    part = carry_parts.Part("p.parquet", 40, -40, -1, 0, 1)
    two = carry_parts.Manifest(folder, (part, part))
    assert access_scan.carry_bytes(job, two) == 2500 + 80 * access_scan.CARRY_BYTES_PER_EVENT
    legacy = carry_parts.Manifest(folder, legacy=tmp_path / carry_parts.LEGACY_FILE)
    assert access_scan.carry_bytes(job, legacy) is None  # its rows unknown: the file


def test_only_a_carry_expected_within_a_share_of_the_memory_limit_stays_in_memory(
    tmp_path: Path,
) -> None:
    def where(carry: int | None) -> str | None:
        cfg = engine.EngineConfig(
            memory_limit="100MiB", carry_db=tmp_path / "carry.duckdb", carry_bytes=carry
        )
        con = engine.connect(cfg, allowed_dirs=[tmp_path], allowed_paths=[])
        try:
            engine._attach_carry_db(con)
            row = con.execute(
                "SELECT path FROM duckdb_databases() WHERE database_name = ?", [engine.CARRY_DB]
            ).fetchone()
            return None if row is None else row[0]
        finally:
            con.close()

    share = int(100 * 2**20 * engine.MEMORY_CARRY_SHARE)
    assert where(share) is None
    assert where(share + 1) == str(tmp_path / "carry.duckdb")
    assert where(None) == str(tmp_path / "carry.duckdb")  # unknown: the file
