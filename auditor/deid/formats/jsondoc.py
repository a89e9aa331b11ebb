"""JSON and JSONL: the same structure (keys, order, types), values de-identified in place.

A key names what its value holds (``structure.infer_kind``): known kinds go to the
operators, text goes to the PHI engine in one batch per record. A JSON object with a
``resourceType`` is FHIR and is handled by :mod:`auditor.deid.formats.fhir` instead.
JSONL streams line by line; a ``.json`` document is parsed whole (it has no other shape).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from auditor.deid.formats import fhir
from auditor.deid.formats.base import FileContext, atomic_output, json_style, output_encoding
from auditor.deid.structure import (
    KIND_ENTITY,
    PATIENT_KEYS,
    FieldKind,
    infer_kind,
    kind_from_values,
)
from auditor.errors import InputError
from auditor.phi.entities import Entity
from auditor.scanners.documents.encoding import detect_encoding, read_text
from auditor.scanners.formats.jsondoc import is_json_lines, iter_json_lines

MAX_JSON_BYTES = 512 << 20


@dataclass
class Slots:
    """Text values to analyse in one batch: (setter, text, patient)."""

    items: list[tuple[Callable[[str], None], str, str]] = field(default_factory=list)

    def add(self, setter: Callable[[str], None], text: str, patient: str) -> None:
        self.items.append((setter, text, patient))

    def run(self, fc: FileContext) -> None:
        texts = fc.analyse([t for _, t, _ in self.items], [p for _, _, p in self.items])
        for (setter, _, _), text in zip(self.items, texts, strict=True):
            setter(text)
        self.items.clear()


def _find_patient(node: Any) -> str:
    """The first patient id / MRN value in a record (breadth first)."""
    queue = [node]
    while queue:
        cur = queue.pop(0)
        if isinstance(cur, dict):
            for key, value in cur.items():
                if isinstance(value, str | int) and infer_kind(key) in PATIENT_KEYS:
                    return str(value)
            queue.extend(v for v in cur.values() if isinstance(v, dict | list))
        elif isinstance(cur, list):
            queue.extend(v for v in cur if isinstance(v, dict | list))
    return ""


def _setter(container: Any, key: Any) -> Callable[[str], None]:
    def put(value: str) -> None:
        container[key] = value

    return put


def _kind_for(key: str | None, value: str, fc: FileContext) -> FieldKind:
    if key is None:
        return kind_from_values([value])
    kind = infer_kind(key, [value], fc.profile.fields)
    return kind


def _number(kind: FieldKind, value: int | float, fc: FileContext, patient: str) -> int | float:
    if kind is FieldKind.AGE and value > 89:
        fc.deid.ledger.add(Entity.AGE.value, "age", "90")
        return 90
    if (
        kind
        in (
            FieldKind.PATIENT_ID,
            FieldKind.MRN,
            FieldKind.IDENTIFIER,
            FieldKind.SSN,
            FieldKind.ACCOUNT,
            FieldKind.HEALTH_PLAN,
            FieldKind.PHONE,
            FieldKind.ZIP,
        )
        and isinstance(value, int)
        and not isinstance(value, bool)
    ):
        entity = KIND_ENTITY[kind] or Entity.ID_NUMBER
        out = fc.deid.replace(entity, str(value), patient=patient)
        return int(out) if out.isdigit() else value
    return value


def walk(node: Any, fc: FileContext, slots: Slots, patient: str, key: str | None = None) -> Any:
    """De-identify ``node`` in place (strings via ``slots``); returns the (new) node."""
    if isinstance(node, dict):
        if isinstance(node.get("resourceType"), str):
            return fhir.deidentify_resource(node, fc, slots.add, patient_hint=patient)
        for k, v in list(node.items()):
            if isinstance(v, str):
                _string(node, k, v, _kind_for(k, v, fc), fc, slots, patient)
            else:
                node[k] = walk(v, fc, slots, patient, k)
        return node
    if isinstance(node, list):
        for i, v in enumerate(node):
            if isinstance(v, str):
                _string(node, i, v, _kind_for(key, v, fc), fc, slots, patient)
            else:
                node[i] = walk(v, fc, slots, patient, key)
        return node
    if isinstance(node, int | float) and not isinstance(node, bool) and key is not None:
        return _number(infer_kind(key, [], fc.profile.fields), node, fc, patient)
    return node


def _string(
    container: Any,
    key: Any,
    value: str,
    kind: FieldKind,
    fc: FileContext,
    slots: Slots,
    patient: str,
) -> None:
    replaced = fc.replace_field(kind, value, patient)
    if replaced is None:
        slots.add(_setter(container, key), value, patient)
    else:
        container[key] = replaced


def deidentify_record(obj: Any, fc: FileContext, patient_fallback: str) -> Any:
    slots = Slots()
    patient = _find_patient(obj) or patient_fallback
    obj = walk(obj, fc, slots, patient)
    slots.run(fc)
    return obj


class JsonFormat:
    name = "json"

    def deidentify(self, src: Path, dst: Path, fc: FileContext) -> None:
        if src.stat().st_size > MAX_JSON_BYTES:
            raise InputError(
                "JSON document too large to de-identify whole (use JSONL)", file=fc.source
            )
        raw, encoding = read_text(src)
        try:
            doc = json.loads(raw)
        except json.JSONDecodeError as exc:
            if exc.msg == "Extra data" and is_json_lines(raw):
                fc.notes.append("JSON lines in a .json file: de-identified line by line")
                JsonlFormat().deidentify(src, dst, fc)
                return
            raise InputError(f"invalid JSON ({exc.msg})", file=fc.source, line=exc.lineno) from None
        if isinstance(doc, list):
            doc = [deidentify_record(item, fc, f"{fc.source}#{i}") for i, item in enumerate(doc)]
            fc.units += len(doc)
        else:
            doc = deidentify_record(doc, fc, fc.source)
            fc.units += 1
        style = json_style(raw)
        text = json.dumps(
            doc,
            indent=style["indent"],
            separators=style["separators"],
            ensure_ascii=style["ensure_ascii"],
        )
        with atomic_output(dst, output_encoding(src, encoding)) as out:
            out.write(text + ("\n" if style["trailing_newline"] else ""))

    def residual_texts(self, path: Path) -> Iterator[str]:
        raw, _ = read_text(path)
        try:
            doc = json.loads(raw)
        except json.JSONDecodeError:
            yield from JsonlFormat().residual_texts(path)
            return
        yield from flatten_texts(doc)


class JsonlFormat:
    name = "jsonl"

    def deidentify(self, src: Path, dst: Path, fc: FileContext) -> None:
        encoding = detect_encoding(src)
        with atomic_output(dst, output_encoding(src, encoding)) as out:
            for line in iter_json_lines(src, encoding):
                if line.blank:
                    out.write(line.text)
                    continue
                if isinstance(line.error, RecursionError):
                    raise line.error
                if line.error is not None:
                    # Not lost and not leaked: the line is de-identified as plain text.
                    fc.notes.append(f"line {line.number}: not valid JSON, de-identified as text")
                    where = f"{fc.source}:{line.number}"
                    out.write(fc.analyse([line.body], [where])[0] + line.ending)
                    fc.units += 1
                    continue
                obj = deidentify_record(line.value, fc, f"{fc.source}:{line.number}")
                style = json_style(line.body)
                out.write(
                    json.dumps(
                        obj, separators=style["separators"], ensure_ascii=style["ensure_ascii"]
                    )
                    + line.ending
                )
                fc.units += 1

    def residual_texts(self, path: Path) -> Iterator[str]:
        for line in iter_json_lines(path, detect_encoding(path)):
            if line.blank:
                continue
            if isinstance(line.error, RecursionError):
                raise line.error
            if line.error is not None:
                yield line.text
                continue
            yield "\n".join(flatten_texts(line.value))


def flatten_texts(node: Any, key: str = "") -> Iterator[str]:
    """``key: value`` lines for every string leaf (the key helps the engine's context)."""
    if isinstance(node, dict):
        lines = []
        for k, v in node.items():
            if k == "div" and isinstance(v, str):
                yield fhir.narrative_text(v)
            elif k in fhir.KEEP_KEYS:
                continue
            elif isinstance(v, str | int | float) and not isinstance(v, bool):
                lines.append(f"{k}: {v}")
            else:
                yield from flatten_texts(v, k)
        if lines:
            yield "\n".join(lines)
    elif isinstance(node, list):
        for v in node:
            if isinstance(v, dict | list):
                yield from flatten_texts(v, key)
            elif isinstance(v, str):
                yield f"{key}: {v}" if key else v
