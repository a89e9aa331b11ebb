"""Plain wording for a bad setting: what is wrong and, for a typo, the key that was meant.

pydantic's messages ("Value error, ...", "Extra inputs are not permitted") describe its own
internals; a site administrator editing ``auditor.toml`` or an ``AUDITOR_*`` variable needs
"unknown key 'timzone'; did you mean 'timezone'?". Nothing here imports the settings: the
caller passes its model class, so this module sits below ``auditor.config``.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from pydantic import BaseModel

#: pydantic error types with a plainer sentence (the value is appended when it is short).
PLAIN = {
    "int_parsing": "expected a whole number",
    "int_from_float": "expected a whole number",
    "int_type": "expected a whole number",
    "float_parsing": "expected a number",
    "float_type": "expected a number",
    "bool_parsing": "expected true or false",
    "bool_type": "expected true or false",
    "string_type": "expected text in quotes",
    "list_type": 'expected a list, e.g. ["a", "b"]',
    "dict_type": "expected a table, e.g. {KEY = 1}",
}
TOML_WHERE = re.compile(r"\s*\(at line (?P<line>\d+), column (?P<column>\d+)\)\s*$")
TOML_TWICE = re.compile(r"Cannot declare \((?P<names>[^)]*)\) twice")


def _keys(model: type[BaseModel], prefix: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    """Every settable key as a path: ``("timezone",)``, ``("phi", "model")``, ..."""
    for name, field in model.model_fields.items():
        if name == "home":  # the folder itself, never a key in the file
            continue
        kind = field.annotation
        if isinstance(kind, type) and issubclass(kind, BaseModel):
            yield from _keys(kind, (*prefix, name))
        else:
            yield (*prefix, name)


def toml_key(path: Sequence[str]) -> str:
    """How a key is written in auditor.toml: ``timezone`` or ``[phi] model``."""
    return path[0] if len(path) == 1 else f"[{'.'.join(path[:-1])}] {path[-1]}"


def env_name(path: Sequence[str]) -> str:
    """The variable for a key: ``AUDITOR_TIMEZONE``, ``AUDITOR_PHI__MODEL``."""
    return "AUDITOR_" + "__".join(path).upper()


def suggestion(model: type[BaseModel], loc: Sequence[str | int]) -> tuple[str, ...] | None:
    """The known key closest to an unknown one: first among its neighbours, then anywhere
    (``timzone`` written under ``[alerts]`` was meant as the top-level ``timezone``)."""
    path = tuple(str(p) for p in loc)
    known = list(_keys(model))
    for pool in (
        [k for k in known if k[:-1] == path[:-1]],
        [k for k in known if len(k) == 1] if len(path) > 1 else [],
        known,
    ):
        by_name = {k[-1]: k for k in pool}
        match = difflib.get_close_matches(path[-1].lower(), list(by_name), n=1, cutoff=0.75)
        if match:
            return by_name[match[0]]
    # A section misspelled as a whole ("[acess]"): suggest the section.
    sections = sorted({k[0] for k in known if len(k) > 1})
    if len(path) == 1:
        match = difflib.get_close_matches(path[0].lower(), sections, n=1, cutoff=0.75)
        if match:
            return (match[0],)
    return None


def _meant(model: type[BaseModel], path: tuple[str, ...], meant: tuple[str, ...]) -> str:
    """The suggested key as the file spells it, saying where it belongs when that differs."""
    if len(meant) == 1 and any(len(k) > 1 and k[0] == meant[0] for k in _keys(model)):
        return f"the section [{meant[0]}]"
    if meant[:-1] == path[:-1]:
        return f"'{meant[-1]}'"
    if len(meant) == 1:
        return f"'{meant[0]}' (a top-level key: put it above the first [section])"
    return f"'{toml_key(meant)}'"


def _value(err: Mapping[str, Any]) -> str:
    value = err.get("input")
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return ""
    shown = repr(value)
    return f", got {shown}" if len(shown) <= 60 else ""


def plain_message(model: type[BaseModel], err: Mapping[str, Any], *, from_env: bool = False) -> str:
    """One pydantic error as a sentence a person can act on."""
    kind, msg = str(err.get("type", "")), str(err.get("msg", ""))
    if kind == "extra_forbidden":
        path = tuple(str(p) for p in err.get("loc", ()))
        what = "unknown setting" if from_env else "unknown key"
        meant = suggestion(model, path)
        if meant is None:
            return what
        if from_env:
            return f"{what}; did you mean {env_name(meant)}?"
        return f"{what}; did you mean {_meant(model, path, meant)}?"
    if kind == "value_error":
        return msg.removeprefix("Value error, ")
    if kind in PLAIN:
        return PLAIN[kind] + _value(err)
    if msg.startswith("Input should be "):
        return "must be " + msg.removeprefix("Input should be ") + _value(err)
    return msg


def toml_problem(text: str) -> tuple[str, int | None]:
    """tomllib's message without its "(at line N, column M)" tail, and the line number."""
    line: int | None = None
    where = TOML_WHERE.search(text)
    if where:
        line = int(where["line"])
        text = f"{text[: where.start()]} (column {where['column']})"
    twice = TOML_TWICE.search(text)
    if twice:
        names = ".".join(n.strip(" '\"") for n in twice["names"].split(",") if n.strip())
        text = TOML_TWICE.sub(f"the section [{names}] appears twice", text)
    return text, line
