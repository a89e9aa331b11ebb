"""Check a rule's ``when`` against an allow-list and compile it for the flat access view.

A policy file is configuration a site edits, so its SQL is treated as untrusted: it must be
one boolean expression of view columns, literals, operators and scalar functions from the
list below. Subqueries, table functions (``read_csv``), file or setting access are refused
by construction (not by a deny-list), and DuckDB additionally runs with external access off.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlglot
from sqlglot import exp
from sqlglot.errors import ParseError

from auditor.policy import columns as cols

# Expression node types a rule may use (sqlglot class names).
ALLOWED_NODES = {
    "Column",
    "Identifier",
    "Literal",
    "Boolean",
    "Null",
    "And",
    "Or",
    "Not",
    "Xor",
    "Paren",
    "EQ",
    "NEQ",
    "GT",
    "GTE",
    "LT",
    "LTE",
    "Is",
    "In",
    "Between",
    "Like",
    "ILike",
    "Add",
    "Sub",
    "Mul",
    "Div",
    "IntDiv",
    "Mod",
    "Neg",
    "DPipe",
    "Case",
    "If",
    "Interval",
    "Var",
    "DataType",
    "NullSafeEQ",
    "NullSafeNEQ",
    "Array",
    "Tuple",
}
# Scalar functions (sqlglot class names); all pure, none touch files or settings.
ALLOWED_FUNCS = {
    "Lower",
    "Upper",
    "Trim",
    "Length",
    "Substring",
    "Coalesce",
    "Nullif",
    "Abs",
    "Round",
    "Floor",
    "Ceil",
    "Greatest",
    "Least",
    "Cast",
    "TryCast",
    "Concat",
    "ConcatWs",
    "Replace",
    "Left",
    "Right",
    "StrPosition",
    "StartsWith",
    "EndsWith",
    "Contains",
    "ArrayContains",
    "ArraySize",
    "RegexpLike",
    "RegexpReplace",
    "DateDiff",
    "DateTrunc",
    "TimestampTrunc",
    "TimeToStr",
    "Hour",
    "Minute",
    "DayOfWeek",
    "DayOfWeekIso",
    "Extract",
    "Date",
    "If",
}
ALLOWED_ANONYMOUS = {"list_contains", "len", "isodow", "date_part", "strip_accents"}
# Functions whose output can be many times their input: nested, they grow exponentially
# (8 nested replaces turn a 5-character id into gigabytes), so one may not hold another.
GROWING = (exp.Replace, exp.RegexpReplace)
# Replacement lengths (see _check_growth): with the 'g' flag every match inserts it.
MAX_GLOBAL_REPLACEMENT = 1
MAX_REPLACEMENT = 64
# A rule is read by people; thousands of terms are an attack on the planner, not a policy.
MAX_NODES = 2000
MAX_CHARS = 4000  # as the loader's limit on ``when`` (loader.TEXT_LIMITS)


@dataclass(frozen=True)
class Compiled:
    sql: str
    columns: frozenset[str]


class RuleSqlError(ValueError):
    """Why a ``when`` expression is refused (no expression text: it may name columns only)."""


def compile_when(text: str) -> Compiled:
    """Parse, check and rewrite a rule expression; raises RuleSqlError with the reason."""
    if not text or not text.strip():
        raise RuleSqlError("empty expression")
    if len(text) > MAX_CHARS:  # before parsing: the parser's time grows with the text
        raise RuleSqlError(f"expression too large (over {MAX_CHARS} characters)")
    if ";" in text:
        raise RuleSqlError("only one expression allowed (';' found)")
    try:
        tree = sqlglot.parse_one(text, read="duckdb")
    except ParseError as exc:
        first = exc.errors[0]["description"] if exc.errors else "syntax error"
        raise RuleSqlError(f"bad SQL: {first}") from exc
    except Exception as exc:  # sqlglot raises TokenError etc. for odd input
        raise RuleSqlError(f"bad SQL: {type(exc).__name__}") from exc
    if tree is None or isinstance(tree, exp.Query | exp.Command | exp.DDL | exp.DML):
        raise RuleSqlError("must be a boolean expression, not a statement")
    used: set[str] = set()
    known = cols.all_flat_names()
    nodes = 0
    for node in tree.walk():
        kind = type(node).__name__
        nodes += 1
        if nodes > MAX_NODES:
            raise RuleSqlError(f"expression too large (over {MAX_NODES} terms)")
        if isinstance(node, GROWING) and any(
            isinstance(inner, GROWING) for inner in node.walk() if inner is not node
        ):
            raise RuleSqlError(
                f"{node.sql_name().lower()}() may not contain another replace: "
                "nested replacements multiply the text size"
            )
        if isinstance(node, GROWING):
            _check_growth(node)
        if isinstance(node, exp.Subquery | exp.Select | exp.Query | exp.Exists):
            raise RuleSqlError("subqueries are not allowed")
        if isinstance(node, exp.Table):
            raise RuleSqlError("table references are not allowed")
        if isinstance(node, exp.Anonymous):
            if node.name.lower() not in ALLOWED_ANONYMOUS:
                raise RuleSqlError(f"function {node.name.lower()}() is not allowed")
            continue
        if isinstance(node, exp.Func) and kind not in ALLOWED_NODES:
            if kind not in ALLOWED_FUNCS:
                raise RuleSqlError(f"function {node.sql_name().lower()}() is not allowed")
            continue
        if isinstance(node, exp.Bracket):
            _check_attribute(node)
            continue
        if isinstance(node, exp.Column):
            flat = _flat(node)
            if flat not in known:
                raise RuleSqlError(f"unknown column {_display(node)}")
            if flat == ATTRIBUTES_FLAT and not isinstance(node.parent, exp.Bracket):
                raise RuleSqlError("event.attributes is read one key at a time: ['name']")
            used.add(flat)
            continue
        if kind not in ALLOWED_NODES and not isinstance(node, exp.Func):
            raise RuleSqlError(f"construct not allowed: {kind}")
    rewritten = tree.transform(_rewrite)
    return Compiled(sql=rewritten.sql(dialect="duckdb"), columns=frozenset(used))


def _literal(node: exp.Expression | None) -> str | None:
    return node.name if isinstance(node, exp.Literal) and node.is_string else None


def _check_growth(node: exp.Func) -> None:
    """A replacement may not make text longer by more than a little: DuckDB's memory limit
    does not bound the strings a scalar function builds, so ``regexp_replace(reason, '',
    '<4,000 characters>', 'g')`` would turn every character of every row into thousands.

    The search text and replacement are string literals; ``replace`` may not lengthen
    (replacement no longer than the search text); ``regexp_replace`` inserts at most
    MAX_GLOBAL_REPLACEMENT characters per match with the ``g`` flag (a pattern may match
    the empty string at every position) and MAX_REPLACEMENT without it (one match).
    """
    name = node.sql_name().lower()
    search, replacement = (
        _literal(node.args.get("expression")),
        _literal(node.args.get("replacement")),
    )
    if search is None or replacement is None:
        raise RuleSqlError(f"{name}() takes string literals for what to find and put instead")
    if isinstance(node, exp.Replace):
        if not search or len(replacement) > len(search):
            raise RuleSqlError(
                "replace() may not lengthen text: the replacement must be no longer than "
                "the (non-empty) text it replaces"
            )
        return
    modifiers = node.args.get("modifiers")
    flags = _literal(modifiers) if modifiers is not None else ""
    if flags is None:
        raise RuleSqlError("regexp_replace() options must be a string literal")
    limit = MAX_GLOBAL_REPLACEMENT if "g" in flags else MAX_REPLACEMENT
    if len(replacement) > limit:
        raise RuleSqlError(
            f"regexp_replace() replacement longer than {limit} characters"
            + (" with the 'g' flag" if "g" in flags else "")
        )


ATTRIBUTES_FLAT = cols.flat_name("event", cols.ATTRIBUTES)


def _check_attribute(node: exp.Bracket) -> None:
    """``event.attributes['name']``: the only subscript a rule may use (a string key)."""
    target, keys = node.this, node.expressions
    if not (isinstance(target, exp.Column) and _flat(target) == ATTRIBUTES_FLAT):
        raise RuleSqlError("subscripts are allowed only on event.attributes")
    if len(keys) != 1 or not (isinstance(keys[0], exp.Literal) and keys[0].is_string):
        raise RuleSqlError("event.attributes takes one quoted column name: ['name']")


def _flat(node: exp.Column) -> str:
    if node.args.get("db") or node.args.get("catalog"):
        return "?"
    table = node.table.lower() if node.table else None
    if table and table not in cols.QUALIFIED:
        return "?"
    return cols.flat_name(table, node.name.lower())


def _display(node: exp.Column) -> str:
    return f"{node.table}.{node.name}" if node.table else node.name


def _rewrite(node: exp.Expression) -> exp.Expression:
    if isinstance(node, exp.Column):
        return exp.column(_flat(node), quoted=True)
    if isinstance(node, exp.Bracket):  # attribute keys are the lower-cased header names
        node.set("expressions", [exp.Literal.string(node.expressions[0].name.lower())])
    return node


def to_dialect(compiled_sql: str, dialect: str = "spark") -> str:
    """A compiled ``when`` in another engine's SQL (Spark: docs/architecture.md)."""
    return sqlglot.transpile(compiled_sql, read="duckdb", write=dialect)[0]
