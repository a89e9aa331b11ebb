"""Column mappings: how any CSV access log becomes ``AccessEvent`` columns.

A mapping names, for each event field, the source column, the timestamp format and zone,
value maps (vendor codes to our vocabulary) and defaults. The canonical CSV is the identity
mapping; the Epic extract is a shipped mapping; ``--format mapping:FILE`` reads a site's own.
Mappings compile to DuckDB SQL expressions, so mapped CSVs load as fast as canonical ones.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from auditor import yamlsafe
from auditor.errors import InputError
from auditor.event_columns import CANONICAL_COLUMNS
from auditor.scanners.access_logs.event import (
    ACTIONS,
    ANY_OFFSET,
    BAD_OFFSET,
    BAD_TIMESTAMP,
    ISO_ANY_OFFSET_PATTERN,
    ISO_PATTERN,
    VALID_OFFSET,
)
from auditor.sql import quote_ident, quote_str

FIELDS = CANONICAL_COLUMNS
# The canonical CSV's header: every event field under its own name.
CANONICAL_MAP = {name: name for name in FIELDS if name != "event_id"}
REQUIRED = ("timestamp", "user_id", "patient_id")
_KEYS = {
    "name",
    "delimiter",
    "columns",
    "event_id",
    "timestamp_format",
    "timestamp_timezone",
    "values",
    "defaults",
}


@dataclass(frozen=True)
class CsvMapping:
    """How the columns of one CSV dialect map to event fields."""

    name: str
    columns: dict[str, str]
    event_id_columns: tuple[str, ...] = ()
    delimiter: str | None = None
    timestamp_format: str | None = None
    timestamp_timezone: str = "site"
    values: dict[str, dict[str, str]] = field(default_factory=dict)
    defaults: dict[str, str] = field(default_factory=dict)

    @property
    def source_columns(self) -> set[str]:
        return set(self.columns.values()) | set(self.event_id_columns)


CANONICAL = CsvMapping(
    name="csv",
    columns=dict(CANONICAL_MAP),
    event_id_columns=("event_id",),
    delimiter=",",
)


def load_mapping(path: Path) -> CsvMapping:
    """Read and check a mapping YAML; errors name the file and the field."""
    try:
        data = yamlsafe.load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(f"cannot read mapping file: {exc.strerror}", file=str(path)) from exc
    except yaml.YAMLError as exc:
        raise InputError("mapping file is not valid YAML", file=str(path)) from exc
    return mapping_from_dict(data, str(path))


def mapping_from_dict(data: Any, file: str) -> CsvMapping:
    if not isinstance(data, dict):
        raise InputError("mapping must be a YAML mapping", file=file)
    unknown = sorted(set(data) - _KEYS)
    if unknown:
        raise InputError(f"unknown keys: {', '.join(unknown)}", file=file, field=unknown[0])
    _check_types(data, file)
    # Without ``columns`` the file is a canonical CSV (a mapping that only adds value maps,
    # such as ``values: {action: {edit: update}}``, for a log in our own column names).
    canonical = "columns" not in data
    columns = dict(CANONICAL_MAP) if canonical else (data.get("columns") or {})
    if not isinstance(columns, dict):
        raise InputError("'columns' must map field to source column", file=file, field="columns")
    for key, col in columns.items():
        if key != "event_id" and not isinstance(col, str):
            raise InputError("must be a column name", file=file, field=f"columns.{key}")
    bad = sorted(set(columns) - set(FIELDS))
    if bad:
        raise InputError(f"unknown event field {bad[0]!r}", file=file, field=f"columns.{bad[0]}")
    missing = [f for f in REQUIRED if f not in columns]
    if missing:
        raise InputError("required field not mapped", file=file, field=f"columns.{missing[0]}")
    raw_id = data.get("event_id") or columns.get("event_id") or ("event_id" if canonical else ())
    id_cols = (raw_id,) if isinstance(raw_id, str) else tuple(str(c) for c in raw_id)
    values = data.get("values") or {}
    if not isinstance(values, dict) or any(not isinstance(v, dict) for v in values.values()):
        raise InputError("'values' must map field to {source: target}", file=file, field="values")
    for fname, vmap in values.items():
        if fname not in FIELDS:
            raise InputError(f"unknown event field {fname!r}", file=file, field=f"values.{fname}")
        if fname == "action":
            wrong = sorted({str(v) for v in vmap.values()} - set(ACTIONS))
            if wrong:
                raise InputError(
                    f"action value {wrong[0]!r} not in {', '.join(ACTIONS)}",
                    file=file,
                    field="values.action",
                )
    defaults = data.get("defaults") or {}
    if not isinstance(defaults, dict):
        raise InputError("'defaults' must map field to value", file=file, field="defaults")
    tz = str(data.get("timestamp_timezone") or "site")
    return CsvMapping(
        name=str(data.get("name") or Path(file).stem),
        columns={k: str(v) for k, v in columns.items() if k != "event_id"},
        event_id_columns=id_cols,
        delimiter=data.get("delimiter") or ("," if canonical else None),
        timestamp_format=data.get("timestamp_format"),
        timestamp_timezone=tz,
        values={
            k: {str(a).strip().lower(): str(b) for a, b in v.items()} for k, v in values.items()
        },
        defaults={k: str(v) for k, v in defaults.items()},
    )


_TEXT_KEYS = ("name", "timestamp_format", "timestamp_timezone")


def _check_types(data: dict[str, Any], file: str) -> None:
    """Every scalar setting has the type the reader needs; the error names the field."""
    for key in _TEXT_KEYS:
        value = data.get(key)
        if value is not None and (not isinstance(value, str) or len(value) > 200):
            raise InputError("must be a short text", file=file, field=key)
    delimiter = data.get("delimiter")
    if delimiter is not None and (not isinstance(delimiter, str) or len(delimiter) != 1):
        raise InputError("must be one character", file=file, field="delimiter")
    raw_id = data.get("event_id")
    if raw_id is not None and not (
        isinstance(raw_id, str)
        or (isinstance(raw_id, list) and all(isinstance(c, str) for c in raw_id))
    ):
        raise InputError("must be a column name or a list of them", file=file, field="event_id")
    for section in ("values", "defaults"):
        part = data.get(section)
        if isinstance(part, dict):
            for key, value in part.items():
                inner = value.values() if isinstance(value, dict) else [value]
                if section == "values" and isinstance(value, dict):
                    inner = [*value.keys(), *value.values()]
                if any(isinstance(v, dict | list) for v in inner):
                    raise InputError("must hold plain values", file=file, field=f"{section}.{key}")


def field_sql(mapping: CsvMapping, fname: str) -> str:
    """SQL text for one event field as trimmed VARCHAR (NULL when absent and no default)."""
    col = mapping.columns.get(fname)
    base = f"nullif(trim({quote_ident(col)}), '')" if col else "NULL"
    vmap = mapping.values.get(fname)
    default = mapping.defaults.get(fname)
    if vmap:
        # Unmapped codes fall to the default when there is one, else pass through.
        other = quote_str(default) if default is not None else base
        arms = " ".join(f"WHEN {quote_str(k)} THEN {quote_str(v)}" for k, v in vmap.items())
        base = f"(CASE lower({base}) {arms} ELSE {other} END)"
    if default is not None:
        base = f"coalesce({base}, {quote_str(default)})"
    return base


def timestamp_sql(mapping: CsvMapping, site_tz: str, text: str | None = None) -> str:
    """SQL giving a TIMESTAMPTZ or NULL (NULL = quarantine as bad timestamp).

    ``text`` is an expression already holding the field's trimmed text, if there is one.
    Without a format the text must match ``event.ISO_PATTERN`` (the rule the Python parsers
    use) and is normalised as they normalise it (no space before the offset, ``z`` as ``Z``)
    before DuckDB reads it. A format with ``%z`` has its offset checked the same way.
    """
    text = text or field_sql(mapping, "timestamp")
    fmt = mapping.timestamp_format
    if not fmt:
        norm = f"upper(regexp_replace({text}, ' +([Zz+-])', '\\1'))"
        return (
            f"CASE WHEN regexp_full_match({text}, {quote_str(ISO_PATTERN)}) "
            f"THEN try_cast({norm} AS TIMESTAMPTZ) END"
        )
    if "%z" in fmt:
        rx = quote_str(format_regex(fmt))
        offset = f"regexp_extract({text}, {rx}, 1)"
        valid = f"regexp_full_match({offset}, {quote_str(VALID_OFFSET)})"
        # The text must have the format's shape (strptime alone reads more, such as
        # ``+05:00:00`` for ``%z``) and a real offset.
        return (
            f"CASE WHEN regexp_full_match({text}, {rx}) AND {valid} "
            f"THEN try_strptime({text}, {quote_str(fmt)})::TIMESTAMPTZ END"
        )
    if "%Z" in fmt:
        return f"try_strptime({text}, {quote_str(fmt)})::TIMESTAMPTZ"
    zone = site_tz if mapping.timestamp_timezone == "site" else mapping.timestamp_timezone
    return f"timezone({quote_str(zone)}, try_strptime({text}, {quote_str(fmt)})::TIMESTAMP)"


def timestamp_reason_sql(mapping: CsvMapping, text: str) -> str:
    """SQL for why ``text`` is not a usable timestamp (the ``bad`` reason, read when it is)."""
    fmt = mapping.timestamp_format
    if not fmt:
        offset = quote_str(ISO_ANY_OFFSET_PATTERN)
        return (
            f"CASE WHEN regexp_full_match({text}, {offset}) THEN {quote_str(BAD_OFFSET)} "
            f"ELSE {quote_str(BAD_TIMESTAMP)} END"
        )
    expected = quote_str(f"bad timestamp (expected {fmt!r})")
    if "%z" not in fmt:
        return expected
    rx = quote_str(format_regex(fmt))
    return (
        f"CASE WHEN regexp_full_match({text}, {rx}) AND NOT regexp_full_match("
        f"regexp_extract({text}, {rx}, 1), {quote_str(VALID_OFFSET)}) "
        f"THEN {quote_str(BAD_OFFSET)} ELSE {expected} END"
    )


# strptime directives as RE2 text, loose enough for what strptime reads; ``%z`` is the one
# capture group (its offset is then checked against ``event.VALID_OFFSET``).
_DIRECTIVES = {
    "Y": "[0-9]{4}",
    "y": "[0-9]{1,2}",
    "m": "[0-9]{1,2}",
    "d": "[0-9]{1,2}",
    "H": "[0-9]{1,2}",
    "I": "[0-9]{1,2}",
    "M": "[0-9]{1,2}",
    "S": "[0-9]{1,2}",
    "f": "[0-9]{1,9}",
    "g": "[0-9]{1,3}",
    "j": "[0-9]{1,3}",
    "p": "[AaPp][Mm]",
    "b": "[A-Za-z]+",
    "B": "[A-Za-z]+",
    "a": "[A-Za-z]+",
    "A": "[A-Za-z]+",
    "Z": "[A-Za-z_/+-]+",
    "z": f"({ANY_OFFSET}|[+-][0-9]{{1,2}}(?::?[0-9]{{1,2}})?)",
    "%": "%",
}


def format_regex(fmt: str) -> str:
    """A strptime format as an RE2 pattern whose group 1 is the ``%z`` offset."""
    out: list[str] = []
    chars = iter(fmt)
    for ch in chars:
        if ch == "%":
            directive = next(chars, "%")
            if directive == "-":  # %-d: no padding
                directive = next(chars, "%")
            out.append(_DIRECTIVES.get(directive, ".*?"))
        elif ch.isalnum() and ch.isascii():
            out.append(ch)
        else:
            out.append(f"\\x{{{ord(ch):x}}}")
    return "".join(out)


def event_id_sql(mapping: CsvMapping, raw_sql: str) -> str:
    """The event id: a column, several columns joined by ':', or a digest of the row.

    A digest (not a line number) keeps ids stable when a file is re-read from another path
    or resumed from a checkpoint.
    """
    fallback = f"'row-' || left(md5({raw_sql}), 20)"
    if not mapping.event_id_columns:
        return fallback
    parts = [f"coalesce(trim({quote_ident(c)}), '')" for c in mapping.event_id_columns]
    joined = parts[0] if len(parts) == 1 else " || ':' || ".join(parts)
    return f"coalesce(nullif({joined}, ''), {fallback})"
