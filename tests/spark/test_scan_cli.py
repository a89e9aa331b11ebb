"""``auditor scan access-logs --engine spark``: the same findings in the same store as DuckDB.

Two homes, one per engine, scan the same demo week through the CLI; the stored findings
(rule, event, user, patient, time, explanation, explained), the JSON lines printed and the
run totals are the same, and the run records which engine produced them.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from auditor.cli.main import app
from auditor.context import open_context
from auditor.store.models import Finding, ScanRun
from auditor.synth.hospital import build_hospital

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

pytestmark = pytest.mark.spark


def _scan(home: Path, log: Path, context: Path, *engine: str) -> tuple[set[str], dict[str, Any]]:
    summary = home.parent / f"{home.name}-summary.json"
    args = ["scan", "access-logs", str(log), "--context", str(context), *engine]
    args += ["--output-format", "jsonl", "--summary-json", str(summary)]
    result = CliRunner().invoke(app, args, env={"AUDITOR_HOME": str(home)})
    assert result.exit_code == 0, result.output
    return set(result.stdout.splitlines()), json.loads(summary.read_text())


def _stored(home: Path) -> tuple[set[tuple[Any, ...]], list[dict[str, Any]]]:
    actx = open_context(home)
    try:
        with actx.transaction() as s:
            rows = s.execute(
                select(
                    Finding.rule_id,
                    Finding.event_id,
                    Finding.user_id,
                    Finding.patient_id,
                    Finding.event_time,
                    Finding.explanation,
                    Finding.explained,
                    Finding.source,
                )
            ).all()
            params = [run.params for run in s.scalars(select(ScanRun))]
        return {tuple(r) for r in rows}, params
    finally:
        actx.close()


def test_cli_engine_spark_stores_what_duckdb_stores(spark: SparkSession, tmp_path: Path) -> None:
    h = build_hospital(tmp_path / "hospital", week_start=date(2024, 3, 11), n_patients=200)
    duck_lines, duck_summary = _scan(tmp_path / "duck", h.csv_log, h.context_dir)
    spark_lines, spark_summary = _scan(
        tmp_path / "spark", h.csv_log, h.context_dir, "--engine", "spark", "--master", "local[2]"
    )
    assert duck_lines and spark_lines == duck_lines
    for key in (
        "records_read",
        "records_processed",
        "records_quarantined",
        "findings_total",
        "findings_by_rule",
        "accesses_explained",
        "events_distinct",
        "accesses_by_day",
        "disabled_rules",
    ):
        assert spark_summary[key] == duck_summary[key], key
    duck_rows, duck_params = _stored(tmp_path / "duck")
    spark_rows, spark_params = _stored(tmp_path / "spark")
    assert duck_rows and spark_rows == duck_rows
    assert [p["engine"] for p in duck_params] == ["duckdb"]
    assert [p["engine"] for p in spark_params] == ["spark"]
