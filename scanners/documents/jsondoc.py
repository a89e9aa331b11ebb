"""JSON and JSON Lines: one unit per string (or integer) value, located by JSON pointer.

FHIR R4 resources and Bundles are JSON too: inside a resource the location also names the
``resourceType``, the XHTML narrative (``text.div``) is read as plain text with offsets into
the ``div`` string, and coded plumbing (``system``, ``url``, ``status``, codes beside a
system, ...) is not analysed: it is vocabulary, not PHI, and only makes noise.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from auditor.errors import InputError
from auditor.scanners.documents.encoding import detect_encoding, read_text
from auditor.scanners.documents.markup import strip_markup
from auditor.scanners.documents.units import Extracted, ExtractOptions, TextUnit, UnitIssue
from auditor.scanners.formats.jsondoc import iter_json_lines, pointer_token

__all__ = ["FHIR_SKIP_KEYS", "JsonLinesScanner", "JsonScanner", "json_units", "pointer_token"]

# FHIR elements whose values are codes, URIs or metadata, never free text about a person.
FHIR_SKIP_KEYS = frozenset(
    {
        "resourceType",
        "system",
        "url",
        "fullUrl",
        "status",
        "use",
        "profile",
        "versionId",
        "lastUpdated",
        "contentType",
        "language",
        "mode",
        "xmlns",
    }
)


def _label(pointer: str) -> str:
    """The last two member names of a pointer ("name family: "), as context for the engine."""
    names = [t for t in pointer.split("/")[1:] if not t.isdigit()][-2:]
    label = " ".join(names).replace("~1", "/").replace("~0", "~").replace("_", " ")
    return f"{label}: " if label else ""


def json_units(doc: Any, source: str, base: dict[str, Any] | None = None) -> Iterator[TextUnit]:
    """Walk a parsed JSON document depth first, in document order."""
    base = base or {}
    # (value, pointer, key, resourceType, parent) on an explicit stack: no recursion limit.
    stack: list[tuple[Any, str, str | int | None, str, Any]] = [(doc, "", None, "", None)]
    while stack:
        value, pointer, key, rtype, parent = stack.pop()
        if isinstance(value, dict):
            own = value.get("resourceType")
            rtype = own if isinstance(own, str) else rtype
            items = list(value.items())
            for k, v in reversed(items):
                stack.append((v, f"{pointer}/{pointer_token(k)}", k, rtype, value))
            continue
        if isinstance(value, list):
            for i in range(len(value) - 1, -1, -1):
                stack.append((value[i], f"{pointer}/{i}", key, rtype, value))
            continue
        if isinstance(value, bool) or value is None or isinstance(value, float):
            continue
        location = {**base, "pointer": pointer}
        if rtype:
            location["resourceType"] = rtype
            if _fhir_skip(key, parent):
                continue
            if key == "div" and pointer.endswith("/text/div") and isinstance(value, str):
                text, starts, ends = strip_markup(value)
                if text.strip():
                    yield TextUnit(
                        source=source,
                        text=text,
                        location=location,
                        raw_starts=starts,
                        raw_ends=ends,
                    )
                continue
        text = value if isinstance(value, str) else str(value)
        if text.strip():
            yield TextUnit(source=source, text=text, location=location, context=_label(pointer))


def _fhir_skip(key: str | int | None, parent: Any) -> bool:
    if key in FHIR_SKIP_KEYS:
        return True
    # A code beside its code system (Coding, Quantity) is vocabulary.
    return key == "code" and isinstance(parent, dict) and "system" in parent


class JsonScanner:
    name = "json"

    def scan(self, source: Path, ctx: ExtractOptions) -> Iterator[Extracted]:
        if source.stat().st_size > ctx.max_whole_file_bytes:
            raise InputError(
                f"too large to parse as one JSON document (> {ctx.max_whole_file_bytes} bytes)",
                file=str(source),
            )
        raw, _ = read_text(source, ctx.read_bytes)
        try:
            doc = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise InputError(
                f"not valid JSON ({exc.msg})", file=str(source), line=exc.lineno
            ) from None
        except RecursionError:
            raise InputError("JSON nested too deeply", file=str(source)) from None
        del raw
        yield from json_units(doc, str(source))


class JsonLinesScanner:
    name = "jsonl"

    def scan(self, source: Path, ctx: ExtractOptions) -> Iterator[Extracted]:
        encoding = detect_encoding(source, ctx.read_bytes)
        src = str(source)
        for line in iter_json_lines(source, encoding):
            if line.blank:
                continue
            if line.error is not None:
                exc = line.error
                why = exc.msg if isinstance(exc, json.JSONDecodeError) else "nested too deeply"
                yield UnitIssue(
                    source=src,
                    reason=f"line {line.number}: not valid JSON ({why}); scanned as plain text",
                    location={"line": line.number},
                )
                yield TextUnit(source=src, text=line.text, location={"line": line.number})
                continue
            yield from json_units(line.value, src, {"line": line.number})
