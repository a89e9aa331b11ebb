"""De-identification profiles: which operator each entity type gets, and field overrides.

Profiles are YAML data. The shipped ``safe-harbor`` profile is the default and is exactly
45 CFR 164.514(b)(2) (dates reduced to the year); ``shifted-dates`` shifts dates per patient
and is not Safe Harbor. A site profile ``extends`` one and overrides what it names. The
resolved profile (every operator, strict or not, the shift range) is written into the
certificate, so a reviewer sees what was done.
Validation names the file and the field, and fails before any file is read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from auditor.deid.structure import FieldKind
from auditor.errors import ConfigError
from auditor.phi.entities import Entity

BUILTIN = {"safe-harbor": "safe_harbor.yaml", "shifted-dates": "shifted_dates.yaml"}
# Former names that still load (safe-harbor-strict is what safe-harbor now is).
ALIASES = {"safe-harbor-strict": "safe-harbor"}
DEFAULT_KEY = "default"
_KEYS = {
    "name",
    "description",
    "extends",
    "strict",
    "date_shift_days",
    "redaction",
    "min_score",
    "sweep",
    "operators",
    "fields",
}


class Operator(StrEnum):
    SURROGATE = "surrogate"
    HMAC = "hmac"
    REDACT = "redact"
    SHIFT = "shift"
    YEAR = "year"
    ZIP3 = "zip3"
    AGE = "age"
    KEEP = "keep"


# Operators that only make sense for some entity types.
_ONLY_FOR: dict[Operator, set[str]] = {
    Operator.SHIFT: {Entity.DATE_TIME.value},
    Operator.YEAR: {Entity.DATE_TIME.value},
    Operator.ZIP3: {Entity.ZIP_CODE.value},
    Operator.AGE: {Entity.AGE.value},
}


@dataclass(frozen=True)
class Profile:
    name: str
    description: str = ""
    strict: bool = False
    date_shift_days: int = 0
    redaction: str = "[{type}]"
    min_score: float = 0.0
    # The recall sweep after the engine (auditor.deid.sweep): on in the shipped profiles.
    sweep: bool = False
    operators: dict[str, Operator] = field(default_factory=dict)
    fields: dict[str, FieldKind] = field(default_factory=dict)
    source: str = ""

    def operator_for(self, entity_type: str) -> Operator:
        op = self.operators.get(entity_type) or self.operators.get(DEFAULT_KEY, Operator.REDACT)
        if op is Operator.SHIFT and self.strict:
            return Operator.YEAR
        return op

    def redaction_for(self, entity_type: str) -> str:
        return self.redaction.replace("{type}", entity_type)

    def to_json(self, shift_days: int) -> dict[str, Any]:
        """What the certificate records: the effective operators, not the YAML text."""
        ops = {k: self.operator_for(k).value for k in sorted(self.operators)}
        return {
            "name": self.name,
            "source": self.source,
            "strict": self.strict,
            "date_shift_days": shift_days,
            "redaction": self.redaction,
            "min_score": self.min_score,
            "sweep": self.sweep,
            "operators": ops,
            "fields": {k: v.value for k, v in sorted(self.fields.items())},
        }


def _read_yaml(text: str, where: str) -> dict[str, Any]:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise ConfigError("profile is not valid YAML", file=where, line=line) from exc
    if not isinstance(data, dict):
        raise ConfigError("profile must be a YAML mapping", file=where)
    return data


def _builtin_text(name: str) -> str:
    return resources.files("auditor.deid").joinpath("profiles", BUILTIN[name]).read_text("utf-8")


def _validate(data: dict[str, Any], where: str) -> None:
    unknown = sorted(set(data) - _KEYS)
    if unknown:
        raise ConfigError(
            f"unknown keys: {', '.join(unknown)} (allowed: {', '.join(sorted(_KEYS))})",
            file=where,
        )
    for key, kind in (
        ("strict", bool),
        ("sweep", bool),
        ("date_shift_days", int),
        ("redaction", str),
    ):
        if key in data and not isinstance(data[key], kind):
            raise ConfigError(f"must be a {kind.__name__}", file=where, field=key)
    if "min_score" in data and not isinstance(data["min_score"], int | float):
        raise ConfigError("must be a number", file=where, field="min_score")
    if "date_shift_days" in data and not 0 <= data["date_shift_days"] <= 3650:
        raise ConfigError("must be between 0 and 3650", file=where, field="date_shift_days")
    ops = data.get("operators") or {}
    if not isinstance(ops, dict):
        raise ConfigError(
            "must be a mapping of entity type to operator", file=where, field="operators"
        )
    known_entities = {e.value for e in Entity} | {DEFAULT_KEY}
    allowed_ops = ", ".join(o.value for o in Operator)
    for entity, op in ops.items():
        path = f"operators.{entity}"
        if entity not in known_entities:
            raise ConfigError("unknown entity type", file=where, field=path)
        try:
            operator = Operator(op)
        except ValueError as exc:
            raise ConfigError(
                f"unknown operator (allowed: {allowed_ops})", file=where, field=path
            ) from exc
        only = _ONLY_FOR.get(operator)
        if only is not None and entity not in only:
            raise ConfigError(
                f"operator '{op}' applies only to {', '.join(sorted(only))}", file=where, field=path
            )
    fields = data.get("fields") or {}
    if not isinstance(fields, dict):
        raise ConfigError("must be a mapping of field name to kind", file=where, field="fields")
    kinds = ", ".join(k.value for k in FieldKind)
    for name, kind in fields.items():
        if kind not in {k.value for k in FieldKind}:
            raise ConfigError(
                f"unknown field kind (allowed: {kinds})", file=where, field=f"fields.{name}"
            )


def _load_data(ref: str, seen: tuple[str, ...] = ()) -> tuple[dict[str, Any], str]:
    """Resolve ``extends`` chains into one merged mapping; a site profile extends safe-harbor."""
    ref = ALIASES.get(ref, ref)
    if ref in seen:
        raise ConfigError("profile 'extends' forms a cycle", file=ref, field="extends")
    if ref in BUILTIN:
        where = f"builtin:{ref}"
        data = _read_yaml(_builtin_text(ref), where)
    else:
        path = Path(ref).expanduser()
        where = str(path)
        if not path.is_file():
            raise ConfigError(
                f"no such profile (valid: {valid_names()}, or a YAML file)", file=where
            )
        data = _read_yaml(path.read_text(encoding="utf-8"), where)
    _validate(data, where)
    parent = data.get("extends")
    if parent is None and ref != "safe-harbor":
        parent = "safe-harbor"
    if parent is None:
        return data, where
    if not isinstance(parent, str):
        raise ConfigError("must be a profile name or path", file=where, field="extends")
    if parent not in BUILTIN and not Path(parent).is_absolute() and ref not in BUILTIN:
        parent = str(Path(ref).expanduser().parent / parent)
    base, _ = _load_data(parent, (*seen, ref))
    merged = {**base, **{k: v for k, v in data.items() if k not in {"operators", "fields"}}}
    merged["operators"] = {**(base.get("operators") or {}), **(data.get("operators") or {})}
    merged["fields"] = {**(base.get("fields") or {}), **(data.get("fields") or {})}
    return merged, where


def valid_names() -> str:
    """The built-in profile names, for error messages and help texts."""
    return ", ".join(BUILTIN)


def load_profile(ref: str = "safe-harbor") -> Profile:
    """A built-in profile name or the path of a profile YAML file."""
    data, where = _load_data(ref)
    return Profile(
        name=str(data.get("name") or ALIASES.get(ref, ref)),
        description=str(data.get("description") or "").strip(),
        strict=bool(data.get("strict", False)),
        date_shift_days=int(data.get("date_shift_days") or 0),
        redaction=str(data.get("redaction", "[{type}]")),
        min_score=float(data.get("min_score") or 0.0),
        sweep=bool(data.get("sweep", False)),
        operators={k: Operator(v) for k, v in (data.get("operators") or {}).items()},
        fields={str(k): FieldKind(v) for k, v in (data.get("fields") or {}).items()},
        source=where,
    )
