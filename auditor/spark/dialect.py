"""A rule's compiled ``when`` (DuckDB SQL) as Spark SQL, or the reason it cannot be.

sqlglot transpiles the same text the DuckDB engine runs; this module adds what a transpiler
cannot know: functions whose *meaning* differs between the engines. Those are rewritten
where an exact equivalent exists (``dayofweek``, ``isodow``, ``len`` of a list) and refused
otherwise, so a pack never yields different findings on Spark without saying so.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import sqlglot
from sqlglot import exp
from sqlglot.errors import ErrorLevel, SqlglotError

from auditor.policy.model import PolicyPack, PolicyProblem

# View columns (and their context-table names) that hold lists: DuckDB's ``len`` is a list's
# length there and a string's length elsewhere; Spark has ``size`` and ``length``.
LIST_COLUMNS = {"patient__sensitive", "sensitive"}
# Date parts that mean the same in both engines (DuckDB ``dow`` counts from 0, Spark's from
# 1; DuckDB ``second`` is whole, Spark's has a fraction).
SAME_PARTS = {"year", "quarter", "month", "week", "day", "doy", "dayofyear", "hour", "minute"}
# strftime directives with the same output in Spark's date_format.
SAME_FORMATS = re.compile(r"^(%[YmdHM]|[-:/ T.,])*$")


class SparkSqlError(ValueError):
    """Why an expression does not run on Spark with the same meaning (no expression text)."""


def _part_name(node: exp.Expression) -> str:
    return node.name.lower() if isinstance(node, exp.Literal | exp.Var) else ""


def _refuse(node: exp.Expression) -> None:
    """Raise for a construct whose Spark result would differ from DuckDB's."""
    if isinstance(node, exp.Anonymous):
        name = node.name.lower()
        if name == "date_part":
            part = _part_name(node.expressions[0]) if node.expressions else ""
            if part not in SAME_PARTS:
                raise SparkSqlError(f"date_part('{part}') differs on Spark")
            return
        if name == "strip_accents":
            raise SparkSqlError("strip_accents() has no Spark equivalent")
        if name not in {"len", "list_contains"}:
            raise SparkSqlError(f"function {name}() has no Spark translation")
    if isinstance(node, exp.Extract) and _part_name(node.this) not in SAME_PARTS:
        raise SparkSqlError(f"extract({_part_name(node.this)}) differs on Spark")
    if isinstance(node, exp.DateDiff):
        raise SparkSqlError(
            "date_diff() counts boundaries in DuckDB and whole units in Spark; "
            "compare dates or instants instead"
        )
    if isinstance(node, exp.RegexpReplace):
        modifiers = node.args.get("modifiers")
        if not (isinstance(modifiers, exp.Literal) and modifiers.name == "g"):
            raise SparkSqlError(
                "regexp_replace() without 'g' replaces the first match in DuckDB and every "
                "match in Spark: add 'g'"
            )
        if node.args.get("position") or node.args.get("occurrence"):
            raise SparkSqlError("regexp_replace() position arguments differ on Spark")
    if isinstance(node, exp.TimeToStr):
        fmt = node.args.get("format")
        if not (isinstance(fmt, exp.Literal) and SAME_FORMATS.match(fmt.name)):
            raise SparkSqlError("strftime() on Spark takes only %Y %m %d %H %M and - : / T")
    if isinstance(node, exp.Cast) and node.to.is_type(*exp.DataType.INTEGER_TYPES):
        inner = node.this
        if not (isinstance(inner, exp.Literal) or inner.is_type(*exp.DataType.INTEGER_TYPES)):
            # DuckDB rounds 2.5 to 3, Spark truncates to 2; text casts differ on bad input.
            raise SparkSqlError("casts to an integer type round in DuckDB and truncate in Spark")


def _is_list(node: exp.Expression) -> bool:
    return isinstance(node, exp.Column) and node.name.lower() in LIST_COLUMNS


def _rewrite(node: exp.Expression) -> exp.Expression:
    """Exact Spark equivalents for DuckDB functions that share a name but not a meaning."""
    if isinstance(node, exp.DayOfWeekIso):  # Monday 1 .. Sunday 7
        return exp.maybe_parse(
            f"((DAYOFWEEK({node.this.sql(dialect='spark')}) + 5) % 7 + 1)", dialect="spark"
        )
    if isinstance(node, exp.DayOfWeek):  # DuckDB Sunday 0, Spark Sunday 1
        return exp.maybe_parse(
            f"(DAYOFWEEK({node.this.sql(dialect='spark')}) - 1)", dialect="spark"
        )
    if isinstance(node, exp.Length) and _is_list(node.this):
        return exp.ArraySize(this=node.this)
    if isinstance(node, exp.Anonymous) and node.name.lower() == "len":
        arg = node.expressions[0]
        return exp.ArraySize(this=arg) if _is_list(arg) else exp.Length(this=arg)
    return node


def to_spark(duckdb_sql: str, tables: Mapping[str, str] | None = None) -> str:
    """Spark SQL with the same result as ``duckdb_sql`` (a compiled rule, a view expression
    or query); raises ``SparkSqlError`` naming the construct that has none. ``tables``
    renames table references (a scan's own temp views)."""
    try:
        tree = sqlglot.parse_one(duckdb_sql, read="duckdb")
    except SqlglotError as exc:
        raise SparkSqlError(f"cannot parse for Spark: {type(exc).__name__}") from exc
    for node in list(tree.walk()):
        if isinstance(node, exp.Expression):
            _refuse(node)
    tree = tree.transform(_rewrite)
    if tables:
        for table in tree.find_all(exp.Table):
            if table.name in tables:
                table.set("this", exp.to_identifier(tables[table.name]))
    try:
        return tree.sql(dialect="spark", unsupported_level=ErrorLevel.RAISE)
    except SqlglotError as exc:
        first = str(exc).splitlines()[0][:160]
        raise SparkSqlError(f"does not translate to Spark SQL: {first}") from exc


def pack_problems(pack: PolicyPack) -> list[PolicyProblem]:
    """A problem per rule whose ``when`` has no Spark translation with the same meaning."""
    problems: list[PolicyProblem] = []
    for rule in pack.rules:
        if not rule.compiled:
            continue
        try:
            to_spark(rule.compiled)
        except SparkSqlError as exc:
            problems.append(PolicyProblem(rule.file, rule.id, "when", f"spark: {exc}"))
    return problems
