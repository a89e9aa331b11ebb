"""What every format module shares: the per-file context, the analyzer seam, output files.

A format module reads one input file and writes its de-identified twin with the same shape.
Free text goes through the PHI engine in batches (``FileContext.analyse``); structured
values whose meaning is known go straight to the operators.
"""

from __future__ import annotations

import codecs
import os
import shutil
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Protocol

from auditor.deid.operators import Deidentifier, Span
from auditor.deid.profiles import Profile
from auditor.deid.structure import ANALYSED, KIND_ENTITY, FieldKind


class TextAnalyzer(Protocol):
    """The PHI engine's batch API (``auditor.phi.engine.PhiEngine``)."""

    def analyze_many(self, texts: Iterable[str]) -> Iterator[Sequence[Span]]: ...


@dataclass
class FileContext:
    deid: Deidentifier
    analyzer: TextAnalyzer
    profile: Profile
    source: str  # the file's path relative to its input root: error messages, default patient
    batch_size: int = 64
    units: int = 0  # records / rows / messages / text blocks processed
    notes: list[str] = field(default_factory=list)  # recoverable issues (no PHI)

    def analyse(self, texts: Sequence[str], patients: Sequence[str]) -> list[str]:
        """De-identify free-text values in one engine batch; '' patient -> found in the text."""
        todo = [i for i, t in enumerate(texts) if t.strip()]
        out = list(texts)
        for start in range(0, len(todo), self.batch_size):
            chunk = todo[start : start + self.batch_size]
            results = self.analyzer.analyze_many([texts[i] for i in chunk])
            for i, spans in zip(chunk, results, strict=True):
                out[i] = self.deid.text(texts[i], spans, patient=patients[i])
        return out

    def replace_field(self, kind: FieldKind, value: str, patient: str) -> str | None:
        """A structured field's new value; None when its kind is free text for ``analyse``."""
        if kind in ANALYSED:
            return None
        entity = KIND_ENTITY.get(kind)
        if entity is None:
            return value
        return self.deid.replace(entity, value, patient=patient, birth=kind is FieldKind.DOB)


class Format(Protocol):
    name: str

    def deidentify(self, src: Path, dst: Path, fc: FileContext) -> None:
        """Write the de-identified twin of ``src`` at ``dst`` (same shape)."""

    def residual_texts(self, path: Path) -> Iterator[str]:
        """Text units of an (output) file for the residual scan."""


def sniff_head(path: Path, size: int = 4096) -> bytes:
    with path.open("rb") as fh:
        return fh.read(size)


@contextmanager
def atomic_output(dst: Path, encoding: str) -> Iterator[IO[str]]:
    """A text file written beside ``dst`` and renamed over it only when complete.

    ``newline=""`` keeps line endings exactly as we write them (CRLF stays CRLF).
    """
    dst.parent.mkdir(parents=True, exist_ok=True)
    tmp = dst.with_name(f".{dst.name}.partial")
    try:
        with tmp.open("w", encoding=encoding, newline="") as fh:
            yield fh
        os.replace(tmp, dst)
    finally:
        tmp.unlink(missing_ok=True)


def output_encoding(src: Path, encoding: str) -> str:
    """Write the encoding we read: a UTF-8 BOM only if the input had one."""
    name = codecs.lookup(encoding).name
    if name == "utf-8-sig" and not sniff_head(src, 3).startswith(codecs.BOM_UTF8):
        return "utf-8"
    return name


def json_style(raw: str) -> dict[str, Any]:
    """How a JSON document was written (indent, separators, ASCII escapes), to write it back."""
    stripped = raw.lstrip()
    indent: int | str | None = None
    if stripped[:1] in "{[":
        body = stripped[1:]
        nl = body.find("\n")
        if nl != -1 and body[:nl].strip() == "":
            line = body[nl + 1 :]
            ws = line[: len(line) - len(line.lstrip(" \t"))]
            if ws:
                indent = "\t" if ws.startswith("\t") else len(ws)
    compact = indent is None and (
        ('": ' not in raw and '",' in raw) or (":" in raw and ": " not in raw)
    )
    separators = (",", ":") if compact else ((",", ": ") if indent is not None else None)
    return {
        "indent": indent,
        "separators": separators,
        "ensure_ascii": "\\u" in raw and all(ord(c) < 128 for c in raw),
        "trailing_newline": raw.endswith("\n"),
    }


def copy_unchanged(src: Path, dst: Path) -> None:
    """Copy ``src`` as it is (``--copy-unsupported``: the user asked; it is not de-identified)."""
    dst.parent.mkdir(parents=True, exist_ok=True)
    tmp = dst.with_name(f".{dst.name}.partial")
    try:
        shutil.copyfile(src, tmp)
        os.replace(tmp, dst)
    finally:
        tmp.unlink(missing_ok=True)
