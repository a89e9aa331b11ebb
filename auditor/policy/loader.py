"""Load a policy pack and validate it in stages: shape, schema, SQL (docs/policies.md).

Every problem is collected (file, rule id, field) so ``auditor policies validate`` shows them
all at once; ``load_pack`` fails closed on the first invalid or empty pack.
"""

from __future__ import annotations

import re
import string
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import ConstructorError

from auditor import yamlsafe
from auditor.errors import PolicyError
from auditor.policy.model import (
    CATEGORIES,
    PolicyPack,
    PolicyProblem,
    Rule,
    Severity,
    WindowSpec,
)
from auditor.policy.sqlcheck import RuleSqlError, compile_when

CITATIONS_FILE = "hipaa_citations.yaml"
ROLE_MATRIX_FILE = "role_matrix.yaml"
DATA_FILES = {CITATIONS_FILE, ROLE_MATRIX_FILE}

RULE_KEYS = {"id", "category", "title", "severity", "cites", "when", "explain", "window"}
REQUIRED_KEYS = ("id", "category", "title", "severity", "cites", "explain")
WINDOW_KEYS = {"per", "over", "count_distinct", "threshold"}
WINDOW_PER = {"user": "event__user_id", "workstation": "event__workstation"}
WINDOW_DISTINCT = {"patient_id": "event__patient_id", "record_type": "event__record_type"}
# Text fields must be YAML strings (never a list or mapping that str() would blow up) and
# short: a rule is read by people, and its SQL is compiled and run on every segment.
TEXT_LIMITS = {
    "id": 64,
    "category": 64,
    "title": 200,
    "severity": 16,
    "explain": 1000,
    "when": 4000,
}
ID_PATTERN = re.compile(r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$")
MAX_WINDOW_MINUTES = 7 * 24 * 60  # within the window carry (192 h), with room to spare
DURATION = re.compile(r"^\s*(\d+)\s*(m|min|mins|minutes?|h|hours?)\s*$", re.IGNORECASE)
# Placeholders an explanation may use: ids, roles and times, never names or addresses.
TEMPLATE_FIELDS = {
    "event_id",
    "user_id",
    "patient_id",
    "user_role",
    "user_department",
    "department",
    "action",
    "record_type",
    "timestamp",
    "local_time",
    "explanations",
    "count",
    "window",
    "threshold",
    "rule_id",
}


def shown(value: Any, limit: int = 64) -> str:
    """A YAML key or value as a problem may quote it: one line, short (it is echoed)."""
    text = value if isinstance(value, str) else repr(value)
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def rule_files(directory: Path) -> list[Path]:
    files = sorted(p for p in directory.glob("*.y*ml") if p.suffix in {".yaml", ".yml"})
    return [p for p in files if p.name not in DATA_FILES]


def validate_pack(directory: Path) -> tuple[PolicyPack | None, list[PolicyProblem]]:
    """(pack, problems). The pack is None when anything is wrong.

    ``policy.smoke.run_pack`` also runs every rule once (slower, for ``policies validate``).
    """
    problems: list[PolicyProblem] = []
    if not directory.is_dir():
        return None, [PolicyProblem(str(directory), "", "", "policy folder not found")]
    citations, category_cites = _load_citations(directory, problems)
    matrix = _load_role_matrix(directory, problems)
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    for path in rule_files(directory):
        for raw in _load_rule_list(path, problems):
            rule = _check_rule(raw, str(path), problems, citations)
            if rule is None:
                continue
            if rule.id in seen:
                problems.append(
                    PolicyProblem(
                        str(path), rule.id, "id", f"duplicate id (also in {seen[rule.id]})"
                    )
                )
                continue
            seen[rule.id] = str(path)
            rules.append(rule)
    if not rules and not problems:
        problems.append(PolicyProblem(str(directory), "", "", "policy pack has no rules"))
    if problems:
        return None, problems
    pack = PolicyPack(
        directory=directory,
        rules=tuple(rules),
        role_matrix=matrix,
        citations=citations,
        category_citations=category_cites,
    )
    return pack, []


def load_pack(directory: Path) -> PolicyPack:
    """The validated pack, or PolicyError naming the first problem (and how many)."""
    pack, problems = validate_pack(directory)
    if pack is None:
        first = problems[0]
        more = f" (and {len(problems) - 1} more problems)" if len(problems) > 1 else ""
        raise PolicyError(
            first.message + more,
            file=first.file,
            field=f"{first.rule_id}.{first.field}" if first.rule_id else first.field or None,
        )
    return pack


def read_yaml(path: Path, problems: list[PolicyProblem]) -> Any:
    """The file's YAML, or None with the reason added to ``problems`` (also used by metadata)."""
    try:
        return yamlsafe.load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(PolicyProblem(str(path), "", "", f"cannot read file: {exc}"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        why = getattr(exc, "problem", None) if isinstance(exc, ConstructorError) else None
        why = why or ("" if mark is not None else " ".join(str(exc).split()))
        problems.append(
            PolicyProblem(str(path), "", "", f"invalid YAML{where}" + (f": {why}" if why else ""))
        )
    return None


def _load_rule_list(path: Path, problems: list[PolicyProblem]) -> list[Any]:
    data = read_yaml(path, problems)
    if data is None:
        return []
    if isinstance(data, dict) and set(data) == {"rules"}:
        data = data["rules"]
    if not isinstance(data, list):
        problems.append(PolicyProblem(str(path), "", "", "a policy file is a list of rules"))
        return []
    return data


def _check_rule(
    raw: Any, file: str, problems: list[PolicyProblem], citations: dict[str, str]
) -> Rule | None:
    if not isinstance(raw, dict):
        problems.append(PolicyProblem(file, "", "", "each rule must be a mapping"))
        return None
    rid = shown(raw.get("id") or "")
    before = len(problems)

    def bad(field: str, message: str) -> None:
        problems.append(PolicyProblem(file, rid, field, message))

    # Stage 1: shape.
    for key in sorted({shown(k) for k in raw} - RULE_KEYS):
        bad(key, "unknown key")
    for key in REQUIRED_KEYS:
        if raw.get(key) in (None, "", []):
            bad(key, "required")
    if "when" not in raw and "window" not in raw:
        bad("when", "required (or a window)")
    for key, limit in TEXT_LIMITS.items():
        value = raw.get(key)
        if value is None:
            continue
        if not isinstance(value, str):
            bad(key, "must be a string")
        elif len(value) > limit:
            bad(key, f"longer than {limit} characters")
    if len(problems) > before:
        return None
    # Stage 2: schema.
    if not ID_PATTERN.match(rid):
        bad("id", "must look like ACC-NAME-001 (upper case, dash separated)")
    if raw["category"] not in CATEGORIES:
        bad("category", f"unknown category (expected one of {', '.join(CATEGORIES)})")
    if str(raw["severity"]) not in {s.value for s in Severity}:
        bad("severity", "must be low, medium, high or critical")
    cites = raw["cites"]
    if not isinstance(cites, list) or not all(isinstance(c, str) and c for c in cites):
        bad("cites", "must be a list of citations")
    elif citations:
        for cite in cites:
            if cite not in citations:
                bad("cites", f"citation not in {CITATIONS_FILE}: {cite}")
    explain = str(raw["explain"])
    _check_template(explain, bad)
    window = _check_window(raw.get("window"), bad) if "window" in raw else None
    if len(problems) > before:
        return None
    # Stage 3: SQL against the view's columns.
    compiled_sql, used = "", frozenset[str]()
    if raw.get("when") not in (None, ""):
        try:
            compiled = compile_when(str(raw["when"]))
        except RuleSqlError as exc:
            bad("when", str(exc))
            return None
        compiled_sql, used = compiled.sql, compiled.columns
    return Rule(
        id=rid,
        category=str(raw["category"]),
        title=str(raw["title"]),
        severity=Severity(str(raw["severity"])),
        cites=tuple(cites),
        explain=explain,
        when=str(raw.get("when") or ""),
        window=window,
        file=file,
        compiled=compiled_sql,
        columns=used,
    )


def _check_template(text: str, bad: Any) -> None:
    try:
        names = [f for _, f, _, _ in string.Formatter().parse(text) if f is not None]
    except ValueError:
        bad("explain", "malformed template (unbalanced braces)")
        return
    for name in names:
        if name not in TEMPLATE_FIELDS:
            bad(
                "explain",
                f"unknown placeholder {{{name}}} (allowed: {', '.join(sorted(TEMPLATE_FIELDS))})",
            )


def _check_window(raw: Any, bad: Any) -> WindowSpec | None:
    if not isinstance(raw, dict):
        bad("window", "must be a mapping (per, over, count_distinct, threshold)")
        return None
    for key in sorted({shown(k) for k in raw} - WINDOW_KEYS):
        bad(f"window.{key}", "unknown key")
    per = str(raw.get("per") or "")
    if per not in WINDOW_PER:
        bad("window.per", f"must be one of {', '.join(WINDOW_PER)}")
    distinct = str(raw.get("count_distinct") or "")
    if distinct not in WINDOW_DISTINCT:
        bad("window.count_distinct", f"must be one of {', '.join(WINDOW_DISTINCT)}")
    over: int | None = None
    if raw.get("over") is not None:
        match = DURATION.match(str(raw["over"]))
        if not match:
            bad("window.over", "must be a duration like 60m or 1h")
        else:
            unit = 60 if match.group(2).lower().startswith("h") else 1
            over = int(match.group(1)) * unit
            if not 1 <= over <= MAX_WINDOW_MINUTES:
                bad("window.over", "must be between 1 minute and 7 days")
    threshold = raw.get("threshold")
    if threshold is not None and (
        not isinstance(threshold, int) or isinstance(threshold, bool) or threshold < 1
    ):
        bad("window.threshold", "must be a positive integer")
    return WindowSpec(per=per, count_distinct=distinct, over_minutes=over, threshold=threshold)


def _load_citations(
    directory: Path, problems: list[PolicyProblem]
) -> tuple[dict[str, str], dict[str, tuple[str, ...]]]:
    path = directory / CITATIONS_FILE
    if not path.exists():
        return {}, {}
    data = read_yaml(path, problems)
    if not isinstance(data, dict) or not isinstance(data.get("citations"), dict):
        problems.append(PolicyProblem(str(path), "", "citations", "must map citation to title"))
        return {}, {}
    cites = {str(k): str(v) for k, v in data["citations"].items()}
    cats: dict[str, tuple[str, ...]] = {}
    raw_cats = data.get("categories") or {}
    if not isinstance(raw_cats, dict):
        problems.append(PolicyProblem(str(path), "", "categories", "must map category to cites"))
        return cites, cats
    for cat, values in raw_cats.items():
        field = f"categories.{shown(cat)}"
        if cat not in CATEGORIES:
            problems.append(PolicyProblem(str(path), "", field, "unknown category"))
            continue
        if values is None:
            values = []
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            problems.append(PolicyProblem(str(path), "", field, "must be a list of citations"))
            continue
        missing = [v for v in values if v not in cites]
        if missing:
            problems.append(
                PolicyProblem(str(path), "", field, f"unknown citation {shown(missing[0])}")
            )
        cats[cat] = tuple(values)
    return cites, cats


def _load_role_matrix(directory: Path, problems: list[PolicyProblem]) -> dict[str, frozenset[str]]:
    """Roles listed are limited to their record types; unlisted roles may see everything."""
    path = directory / ROLE_MATRIX_FILE
    if not path.exists():
        return {}
    data = read_yaml(path, problems)
    roles = data.get("roles") if isinstance(data, dict) else None
    if not isinstance(roles, dict):
        problems.append(PolicyProblem(str(path), "", "roles", "must map role to record types"))
        return {}
    matrix: dict[str, frozenset[str]] = {}
    for role, types in roles.items():
        if not isinstance(types, list) or not all(isinstance(t, str) for t in types):
            problems.append(PolicyProblem(str(path), "", f"roles.{shown(role)}", "must be a list"))
            continue
        matrix[str(role).strip().lower()] = frozenset(t.strip().lower() for t in types)
    return matrix
