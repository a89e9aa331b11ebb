"""FHIR R4 ``AuditEvent`` (single JSON, Bundle or NDJSON), mapped per IHE BALP.

User: the requestor agent's ``who`` identifier (or reference id). Patient: the entity whose
``what`` is a ``Patient/`` reference, or the entity with object role 1. Action from the
RESTful ``subtype`` (or DICOM event codes), else ``action``. Break-the-glass: code ``BTG``
in ``purposeOfEvent`` or the agent's ``purposeOfUse``; its text is the reason. Record type
from the other entity's resource type through the shipped map.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from auditor.scanners.access_logs.event import (
    AccessEvent,
    BadValue,
    Rejected,
    make_event,
    parse_timestamp,
)
from auditor.scanners.formats.csv_records import iter_lines

name = "fhir"
RECORD_TYPES_FILE = Path(__file__).with_name("fhir_record_types.yaml")

SUBTYPE_ACTIONS = {
    "read": "view",
    "vread": "view",
    "history": "view",
    "history-instance": "view",
    "search": "query",
    "search-type": "query",
    "search-system": "query",
    "create": "create",
    "update": "update",
    "patch": "update",
    "delete": "delete",
    "110106": "export",  # DICOM Export
    "110122": "login",  # DICOM Login
    "110114": "login",  # DICOM User Authenticated
    "110112": "query",  # DICOM Query
    "print": "print",
    "export": "export",
}
ACTION_CODES = {"C": "create", "R": "view", "U": "update", "D": "delete", "E": "query"}


@cache
def record_type_map() -> dict[str, str]:
    data = yaml.safe_load(RECORD_TYPES_FILE.read_text(encoding="utf-8")) or {}
    return {str(k): str(v) for k, v in data.items()}


def sniff(head: str) -> bool:
    return '"AuditEvent"' in head or '"resourceType"' in head


def iter_records(path: Path, start_offset: int = 0) -> Iterator[AccessEvent | Rejected]:
    """NDJSON streams line by line (resumable by offset); JSON files are read whole."""
    label = str(path)
    with path.open("rb") as fh:
        head = fh.read(4096).lstrip(b"\xef\xbb\xbf").lstrip()
    if not head:
        return
    if _is_ndjson(path):
        yield from _iter_ndjson(path, label, start_offset)
        return
    # A JSON document (single or Bundle) is all-or-nothing: a changed file is read again.
    size = path.stat().st_size
    try:
        text = path.read_text(encoding="utf-8-sig")
        if too_deep(text):
            yield Rejected(line=1, reason=DEEP_REASON, end_offset=size)
            return
        doc = json.loads(text)
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        yield Rejected(line=getattr(exc, "lineno", 1), reason="invalid JSON", end_offset=size)
        return
    if isinstance(doc, dict) and doc.get("resourceType") == "Bundle":
        entries = doc.get("entry") or []
        for index, entry in enumerate(entries, start=1):
            resource = entry.get("resource") if isinstance(entry, dict) else None
            yield _convert(resource, f"{label}#entry{index}", index, size)
        return
    yield _convert(doc, f"{label}:1", 1, size)


NDJSON_SUFFIXES = frozenset({".ndjson", ".jsonl"})


def _is_ndjson(path: Path) -> bool:
    """By name (a first line that is garbage must not turn a feed into one bad document),
    else by its first line parsing on its own."""
    if path.suffix.lower() in NDJSON_SUFFIXES:
        return True
    with path.open("r", encoding="utf-8-sig", errors="replace") as fh:
        first = fh.readline()
    if too_deep(first):  # one line nested this deep is one record, in either reading
        return True
    try:
        doc = json.loads(first)
    except (json.JSONDecodeError, RecursionError):
        return False
    # A one-line Bundle is a document (its entries are numbered), not NDJSON.
    return isinstance(doc, dict) and doc.get("resourceType") != "Bundle"


def _iter_ndjson(path: Path, label: str, start_offset: int) -> Iterator[AccessEvent | Rejected]:
    line_no = 0
    offset = 0
    with path.open("rb") as fh:
        for raw in iter_lines(fh):  # CRLF, LF or a lone CR: physical lines as in CSV
            line_no += 1
            offset += len(raw)
            if offset <= start_offset:
                continue
            line = raw.decode("utf-8", errors="replace").rstrip("\r\n")
            if line_no == 1:
                line = line.lstrip("\ufeff")
            text = line.strip()  # what is parsed; ``line`` is what a quarantine keeps
            if not text:
                continue
            if too_deep(text):
                yield Rejected(line=line_no, reason=DEEP_REASON, raw=line, end_offset=offset)
                continue
            try:
                resource = json.loads(text)
            except (json.JSONDecodeError, RecursionError):
                yield Rejected(line=line_no, reason="invalid JSON", raw=line, end_offset=offset)
                continue
            if isinstance(resource, dict) and resource.get("resourceType") == "Bundle":
                for entry in resource.get("entry") or []:
                    inner = entry.get("resource") if isinstance(entry, dict) else None
                    yield _convert(inner, f"{label}:{line_no}", line_no, offset)
                continue
            yield _convert(resource, f"{label}:{line_no}", line_no, offset, line)


def _convert(
    resource: Any, source: str, line: int, end_offset: int, raw: str = ""
) -> AccessEvent | Rejected:
    if not isinstance(resource, dict) or resource.get("resourceType") != "AuditEvent":
        return Rejected(line=line, reason="not an AuditEvent", raw=raw, end_offset=end_offset)
    try:
        return _to_event(resource, source, line, end_offset)
    except BadValue as exc:
        return Rejected(
            line=line, reason=exc.reason, raw=raw, field=exc.field, end_offset=end_offset
        )
    except (RecursionError, TypeError, ValueError, AttributeError) as exc:  # hostile shapes
        reason = f"unusable AuditEvent ({type(exc).__name__})"
        return Rejected(line=line, reason=reason, raw=raw, end_offset=end_offset)


# An AuditEvent is a few levels deep; a document nested deeper than this is refused before
# it is parsed (json.loads would recurse once per level).
MAX_JSON_DEPTH = 64
DEEP_REASON = f"JSON nested deeper than {MAX_JSON_DEPTH} levels"
_STRINGS = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_BRACKETS = re.compile(r"[\[\]{}]")


def too_deep(text: str, limit: int = MAX_JSON_DEPTH) -> bool:
    """Whether brackets outside strings nest deeper than ``limit`` (iterative, linear)."""
    depth = 0
    for match in _BRACKETS.finditer(_STRINGS.sub('""', text)):
        if match.group() in "[{":
            depth += 1
            if depth > limit:
                return True
        else:
            depth -= 1
    return False


def _to_event(res: dict[str, Any], source: str, line: int, end_offset: int) -> AccessEvent:
    recorded = res.get("recorded") or (res.get("period") or {}).get("start")
    timestamp = parse_timestamp(recorded, "recorded")
    agents = [a for a in res.get("agent") or [] if isinstance(a, dict)]
    requestor = next((a for a in agents if a.get("requestor") is True), None)
    user_id = _who_id(requestor.get("who")) if requestor else ""
    entities = [e for e in res.get("entity") or [] if isinstance(e, dict)]
    patient_entity = next((e for e in entities if _is_patient(e)), None)
    patient_id = _what_id(patient_entity.get("what")) if patient_entity else ""
    others = [e for e in entities if e is not patient_entity]
    btg, reason = _break_glass(res, requestor)
    event_id = str(res.get("id") or source)
    return make_event(
        event_id=event_id,
        timestamp=timestamp,
        user_id=user_id,
        patient_id=patient_id,
        action=_action(res),
        record_type=_record_type(others, patient_entity),
        department=_department(requestor),
        workstation=str(((requestor or {}).get("network") or {}).get("address") or ""),
        break_glass=btg,
        reason=reason,
        source=source,
        line=line,
        end_offset=end_offset,
    )


def _ref_id(reference: str) -> str:
    """``Patient/123/_history/1`` -> ``123``; ``urn:uuid:x`` -> ``urn:uuid:x``."""
    parts = reference.split("/")
    if "_history" in parts[2:]:  # a version after the id, not an id spelt "_history"
        parts = parts[: parts.index("_history", 2)]
    return parts[-1] if len(parts) > 1 else reference


def _who_id(who: Any) -> str:
    if not isinstance(who, dict):
        return ""
    ident = who.get("identifier") or {}
    if isinstance(ident, dict) and ident.get("value"):
        return str(ident["value"])
    return _ref_id(str(who.get("reference") or ""))


def _what_id(what: Any) -> str:
    if not isinstance(what, dict):
        return ""
    ref = str(what.get("reference") or "")
    if ref.startswith("Patient/") or "/Patient/" in ref:
        return _ref_id(ref)
    ident = what.get("identifier") or {}
    value = str(ident.get("value") or "") if isinstance(ident, dict) else ""
    return value.split("^", 1)[0] if value else _ref_id(ref)


def _is_patient(entity: dict[str, Any]) -> bool:
    ref = str((entity.get("what") or {}).get("reference") or "")
    if ref.startswith("Patient/") or "/Patient/" in ref:
        return True
    role = entity.get("role") or {}
    return isinstance(role, dict) and str(role.get("code")) == "1"


def _codes(concepts: Any) -> Iterator[tuple[str, dict[str, Any]]]:
    for concept in concepts or []:
        if isinstance(concept, dict):
            for coding in concept.get("coding") or []:
                if isinstance(coding, dict):
                    yield str(coding.get("code") or ""), concept


def _break_glass(res: dict[str, Any], requestor: dict[str, Any] | None) -> tuple[bool, str]:
    concepts = list(res.get("purposeOfEvent") or []) + list(
        (requestor or {}).get("purposeOfUse") or []
    )
    for code, concept in _codes(concepts):
        if code.upper() == "BTG":
            return True, str(concept.get("text") or "")
    texts = [str(c.get("text")) for c in concepts if isinstance(c, dict) and c.get("text")]
    return False, texts[0] if texts else ""


def _action(res: dict[str, Any]) -> str:
    for sub in res.get("subtype") or []:
        if isinstance(sub, dict):
            mapped = SUBTYPE_ACTIONS.get(str(sub.get("code") or "").lower())
            if mapped:
                return mapped
    type_code = str((res.get("type") or {}).get("code") or "")
    if type_code in SUBTYPE_ACTIONS:
        return SUBTYPE_ACTIONS[type_code]
    return ACTION_CODES.get(str(res.get("action") or "R").upper(), "view")


def _record_type(others: list[dict[str, Any]], patient_entity: dict[str, Any] | None) -> str:
    mapping = record_type_map()
    for entity in others:
        what = entity.get("what") or {}
        ref = str(what.get("reference") or "")
        rtype = ref.split("/")[-2] if ref.count("/") >= 1 and not ref.startswith("#") else ""
        if "/_history/" in ref:
            rtype = ref.split("/_history/")[0].split("/")[-2]
        if not rtype:
            etype = entity.get("type") or {}
            if isinstance(etype, dict) and "resource-types" in str(etype.get("system") or ""):
                rtype = str(etype.get("code") or "")
        if rtype:
            return mapping.get(rtype, rtype.lower())
    return mapping.get("Patient", "demographics") if patient_entity is not None else ""


def _department(requestor: dict[str, Any] | None) -> str:
    location = (requestor or {}).get("location") or {}
    if not isinstance(location, dict):
        return ""
    if location.get("display"):
        return str(location["display"])
    return _ref_id(str(location.get("reference") or "")) if location.get("reference") else ""
