"""Rules to Spark SQL: the default pack translates; a rule whose meaning would change is
refused by ``policies validate --engine spark``, naming the rule. No Spark needed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from auditor.cli.main import app
from auditor.config import default_policies_dir
from auditor.errors import InputError
from auditor.policy.loader import load_pack
from auditor.policy.sqlcheck import compile_when
from auditor.spark.dialect import SparkSqlError, pack_problems, to_spark


def test_default_pack_translates() -> None:
    pack = load_pack(default_policies_dir())
    assert pack_problems(pack) == []
    rule = pack.by_id("ACC-SENSITIVE-002")
    assert "ARRAY_CONTAINS(`patient__sensitive`, 'substance_use')" in to_spark(rule.compiled)


@pytest.mark.parametrize(
    ("when", "spark"),
    [
        # DuckDB Sunday 0 .. Saturday 6; Spark's DAYOFWEEK counts Sunday 1.
        ("dayofweek(local_date) = 0", "(DAYOFWEEK(`local_date`) - 1) = 0"),
        ("isodow(local_date) = 7", "((DAYOFWEEK(`local_date`) + 5) % 7 + 1) = 7"),
        ("len(patient.sensitive) > 1", "SIZE(`patient__sensitive`) > 1"),
        ("len(event.reason) > 1", "LENGTH(`event__reason`) > 1"),
        ("event.reason = 'it''s'", "`event__reason` = 'it\\'s'"),
        ("event.attributes['Ward'] = 'x'", "`event__attributes`['ward'] = 'x'"),
    ],
)
def test_rewrites_keep_the_meaning(when: str, spark: str) -> None:
    assert to_spark(compile_when(when).sql) == spark


@pytest.mark.parametrize(
    ("when", "why"),
    [
        ("date_diff('day', user.termination_date, local_date) > 3", "date_diff"),
        ("date_part('dow', local_date) = 1", "dow"),
        ("extract(dow FROM local_date) = 1", "differs"),
        ("strip_accents(user.last_name) = 'x'", "strip_accents"),
        ("regexp_replace(user.last_name, 'a', 'b') = 'x'", "first match"),
        ("strftime(event.timestamp, '%j') = '001'", "strftime"),
        ("CAST(event.reason AS INTEGER) = 1", "integer"),
    ],
)
def test_constructs_that_would_differ_are_refused(when: str, why: str) -> None:
    with pytest.raises(SparkSqlError, match=why):
        to_spark(compile_when(when).sql)


def test_validate_engine_spark_names_the_rule(tmp_path: Path) -> None:
    pack = shutil.copytree(default_policies_dir(), tmp_path / "pack")
    with (pack / "access_rules.yaml").open("a", encoding="utf-8") as fh:
        fh.write(
            "\n- id: ACC-SITE-009\n  category: after_hours\n  title: Late leavers\n"
            '  severity: low\n  cites: ["45 CFR 164.312(b)"]\n'
            "  when: date_diff('day', user.termination_date, local_date) > 3\n"
            '  explain: "{user_id} opened {patient_id}"\n'
        )
    runner = CliRunner()
    assert runner.invoke(app, ["policies", "validate", str(pack)]).exit_code == 0
    result = runner.invoke(app, ["policies", "validate", "--engine", "spark", str(pack)])
    assert result.exit_code == 2
    assert "rule ACC-SITE-009 field 'when': spark: date_diff()" in result.output
    bad = runner.invoke(app, ["policies", "validate", "--engine", "flink", str(pack)])
    assert isinstance(bad.exception, InputError) and bad.exception.field == "--engine"
